"""Pages and form endpoints of the dialogue. The live layer (consumers.py) only adds to them."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from reviews import permissions, selectors, services
from reviews.enums import CommentKind, ThreadVisibility
from reviews.forms import CommentForm, idempotency_key_from
from reviews.models import Answer, Question
from reviews.services.threads import as_cursor, catch_up_message, comment_payload


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _question_or_none(review, question_pk: int | None) -> Question | None:
    if question_pk is None:
        return None
    return get_object_or_404(Question.objects.filter(questionnaire__reviews=review), pk=question_pk)


def _discussion_url(review, question: Question | None) -> str:
    if question is None:
        return reverse("reviews:discussion", kwargs={"pk": review.pk})
    return reverse("reviews:question_discussion", kwargs={"pk": review.pk, "question_pk": question.pk})


@login_required
def discussion(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    question = _question_or_none(review, question_pk)
    if question is not None and not permissions.can_read_answers(request.user, review):
        raise Http404
    cursor = selectors.last_change_seq(review)  # before the comments: catch-up then misses none of them
    visibilities = permissions.visible_visibilities(request.user, review)
    threads = {thread.visibility: thread for thread in selectors.threads_on(request.user, review, question)}
    _link_comments(review, threads.values())
    tabs = [(visibility, ThreadVisibility(visibility).label, threads.get(visibility)) for visibility in visibilities]
    answer = Answer.objects.filter(review=review, question=question).first() if question else None
    context = {
        "review": review,
        "question": question,
        "answer": answer,
        "answer_value": answer.value if answer is not None else None,
        "tabs": tabs,
        "cursor": cursor,
        "can_comment": permissions.can_comment(request.user, review),
        "can_clarify": permissions.can_request_clarification(request.user, review),
        "form": CommentForm(initial={"body": request.session.pop("unsent_comment", "")}),
        "post_url": reverse("reviews:post_comment", kwargs={"pk": review.pk}),
        "mentions_url": reverse("reviews:mention_candidates", kwargs={"pk": review.pk}),
        "live_comment": _live_comment(review, request.user),
        "clarifications": selectors.open_clarifications(request.user, review) if question is None else [],
    }
    return render(request, "reviews/discussion/page.html", context)


PLACEHOLDER = 987654321


LIVE_ID = "__comment__"


def _live_comment(review, user) -> SimpleNamespace:
    """The stand-in from which the page's <template> renders the controls of a comment that arrives live.

    The page replaces LIVE_ID with the comment's number and drops the controls its reader may not use.
    """
    edit = reverse("reviews:edit_comment", kwargs={"pk": review.pk, "comment_pk": PLACEHOLDER})
    delete = reverse("reviews:delete_comment", kwargs={"pk": review.pk, "comment_pk": PLACEHOLDER})
    return SimpleNamespace(
        pk=LIVE_ID,
        author_id=user.pk,
        body="",
        edit_url=edit.replace(str(PLACEHOLDER), LIVE_ID),
        delete_url=delete.replace(str(PLACEHOLDER), LIVE_ID),
    )


def _link_comments(review, threads) -> None:
    """Each comment's edit and delete addresses, reversed once for the whole page."""
    edit = reverse("reviews:edit_comment", kwargs={"pk": review.pk, "comment_pk": PLACEHOLDER})
    delete = reverse("reviews:delete_comment", kwargs={"pk": review.pk, "comment_pk": PLACEHOLDER})
    for thread in threads:
        for comment in thread.top:
            for item in (comment, *comment.replies.all()):
                item.edit_url = edit.replace(str(PLACEHOLDER), str(item.pk))
                item.delete_url = delete.replace(str(PLACEHOLDER), str(item.pk))


@login_required
@require_POST
def post_comment(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    form = CommentForm(request.POST)
    question = _question_or_none(review, _int(request.POST.get("question")))
    if form.is_valid():
        try:
            thread = services.get_or_create_thread(
                review, question=question, visibility=ThreadVisibility(form.cleaned_data["visibility"])
            )
            parent = None
            if form.cleaned_data.get("parent"):
                parent = selectors.get_comment_for_user(request.user, review, form.cleaned_data["parent"])
            comment = services.post_comment(
                thread,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=parent,
                kind=CommentKind(form.cleaned_data["kind"] or CommentKind.COMMENT),
                idempotency_key=idempotency_key_from(request),
            )
            if _wants_json(request):
                return JsonResponse(comment_payload(comment, "comment.created"), status=201)
            return redirect(f"{_discussion_url(review, question)}#comment-{comment.pk}")
        except services.CommentError as error:
            form.add_error("body", str(error))
    if _wants_json(request):
        return JsonResponse({"type": "error", "errors": form.errors.get_json_data()}, status=400)
    for problem in form.errors.get("body", []) + form.non_field_errors():
        messages.error(request, str(problem))  # already text; the stubs also allow a ValidationError
    request.session["unsent_comment"] = request.POST.get("body", "")[: services.threads.MAX_COMMENT_LENGTH]
    return redirect(_discussion_url(review, question))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def edit_comment(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    comment = selectors.get_comment_for_user(request.user, review, comment_pk)
    try:
        services.edit_comment(comment, editor=request.user, body=request.POST.get("body", ""))
    except services.CommentError as error:
        if _wants_json(request):
            return JsonResponse({"type": "error", "message": str(error)}, status=400)
        messages.error(request, str(error))
    if _wants_json(request):
        return JsonResponse(comment_payload(comment, "comment.updated"))
    return redirect(f"{_discussion_url(review, comment.thread.question)}#comment-{comment.pk}")


@login_required
@require_POST
def delete_comment(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    comment = selectors.get_comment_for_user(request.user, review, comment_pk)
    try:
        services.delete_comment(comment, by=request.user)
    except services.CommentError as error:
        messages.error(request, str(error))
    return redirect(f"{_discussion_url(review, comment.thread.question)}#comment-{comment.pk}")


@login_required
@require_POST
def resolve_thread(request: HttpRequest, pk: int, thread_pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    thread = selectors.get_thread_for_user(request.user, review, thread_pk)
    try:
        services.resolve_thread(thread, by=request.user, resolved=request.POST.get("resolved") != "0")
    except services.CommentError as error:
        messages.error(request, str(error))
    return redirect(_discussion_url(review, thread.question))


@login_required
@require_GET
def mention_candidates(request: HttpRequest, pk: int) -> JsonResponse:
    review = selectors.get_review_for_user(request.user, pk)
    query = request.GET.get("q", "")[:50]
    own_state_only = not permissions.can_read_dialogue(request.user, review)
    results = selectors.mention_candidates(review, query, own_state_only=own_state_only) if query else []
    return JsonResponse({"results": results})


@login_required
@require_GET
def catch_up(request: HttpRequest, pk: int) -> JsonResponse:
    """The changes after a cursor, for a page that lost its connection (HTTP fallback)."""
    review = selectors.get_review_for_user(request.user, pk)
    after = as_cursor(request.GET.get("after"))
    return JsonResponse(catch_up_message(selectors.comments_after(request.user, review, after)))
