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
from reviews.views.comment_html import COMMENT_MARK, Controls, render_items


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


def _comment_url(review, question: Question | None, comment) -> str:
    """A link that lands on the comment however old: the page opens the run of comments that holds it."""
    return f"{_discussion_url(review, question)}?comment={comment.pk}#comment-{comment.pk}"


@login_required
def discussion(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    question = _question_or_none(review, question_pk)
    if question is not None and not permissions.can_read_answers(request.user, review):
        raise Http404
    cursor = selectors.last_change_seq(review)  # before the comments: catch-up then misses none of them
    visibilities = permissions.visible_visibilities(request.user, review)
    show_all = request.GET.get("all") == "1"
    found = selectors.threads_on(request.user, review, question, limit=None if show_all else selectors.THREAD_BATCH)
    if not show_all:
        _open_requested_run(found, before=_int(request.GET.get("before")), comment=_int(request.GET.get("comment")))
    threads = {thread.visibility: thread for thread in found}
    answer = Answer.objects.filter(review=review, question=question).first() if question else None
    can_comment = permissions.can_comment(request.user, review)
    _prepare_comments(request, review, found, answer=answer, can_comment=can_comment)
    tabs = [(visibility, ThreadVisibility(visibility).label, threads.get(visibility)) for visibility in visibilities]
    context = {
        "review": review,
        "question": question,
        "answer": answer,
        "answer_value": answer.value if answer is not None else None,
        "tabs": tabs,
        "cursor": cursor,
        "can_comment": can_comment,
        "can_clarify": permissions.can_request_clarification(request.user, review),
        "form": CommentForm(initial={"body": request.session.pop("unsent_comment", "")}),
        "post_url": reverse("reviews:post_comment", kwargs={"pk": review.pk}),
        "mentions_url": reverse("reviews:mention_candidates", kwargs={"pk": review.pk}),
        "live_comment": _live_comment(review, request.user),
        "clarifications": selectors.open_clarifications(request.user, review) if question is None else [],
        "page_url": _discussion_url(review, question),
    }
    return render(request, "reviews/discussion/page.html", context)


def _open_requested_run(threads, *, before: int | None, comment: int | None) -> None:
    """The run of comments a link asks for (``?before=`` earlier comments, ``?comment=`` the one linked to).

    A comment the reader may not see, or of another page, is not found in its threads: the
    page then shows the latest comments, as for no cursor at all.
    """
    if before is None and comment is None:
        return
    for thread in threads:
        if before is not None and (cursor := selectors.top_level_comment_in(thread, before)) is not None:
            thread.window = selectors.comments_before(thread, cursor)
            return
        if comment is not None and (linked := selectors.top_level_comment_in(thread, comment)) is not None:
            if all(shown.pk != linked.pk for shown in thread.window.top):
                thread.window = selectors.comments_from(thread, linked) or thread.window
            return


@login_required
@require_GET
def earlier_comments(request: HttpRequest, pk: int, thread_pk: int) -> HttpResponse:
    """The comments of a thread before a cursor, as list items the page inserts above the ones it shows."""
    review = selectors.get_review_for_user(request.user, pk)
    thread = selectors.get_thread_for_user(request.user, review, thread_pk)
    cursor = selectors.top_level_comment_in(thread, _int(request.GET.get("before")))
    if cursor is None:
        raise Http404
    limit = None if request.GET.get("all") == "1" else selectors.THREAD_BATCH
    thread.window = selectors.comments_before(thread, cursor, limit=limit)
    answer = Answer.objects.filter(review=review, question=thread.question).first() if thread.question_id else None
    can_comment = permissions.can_comment(request.user, review)
    _prepare_comments(request, review, [thread], answer=answer, can_comment=can_comment)
    context = {
        "review": review,
        "question": thread.question,
        "thread": thread,
        "visibility": thread.visibility,
        "can_comment": can_comment,
        "page_url": _discussion_url(review, thread.question),
    }
    return render(request, "reviews/discussion/_earlier.html", context)


PLACEHOLDER = 987654321


LIVE_ID = COMMENT_MARK


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


def _prepare_comments(request: HttpRequest, review, threads, *, answer: Answer | None, can_comment: bool) -> None:
    """Each shown comment as HTML: its head from the cache, and this reader's controls when they may comment."""
    edit = reverse("reviews:edit_comment", kwargs={"pk": review.pk, "comment_pk": PLACEHOLDER})
    delete = reverse("reviews:delete_comment", kwargs={"pk": review.pk, "comment_pk": PLACEHOLDER})
    for thread in threads:
        controls = None
        if can_comment:
            context = {
                "visibility": thread.visibility,
                "question": thread.question if thread.question_id else None,
                "post_url": reverse("reviews:post_comment", kwargs={"pk": review.pk}),
                "mentions_url": reverse("reviews:mention_candidates", kwargs={"pk": review.pk}),
            }
            controls = Controls(
                request,
                context,
                edit_url=edit.replace(str(PLACEHOLDER), COMMENT_MARK),
                delete_url=delete.replace(str(PLACEHOLDER), COMMENT_MARK),
            )
        render_items(thread, thread.window.top, answer=answer, controls=controls)


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
            return redirect(_comment_url(review, question, comment))
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
    return redirect(_comment_url(review, comment.thread.question, comment))


@login_required
@require_POST
def delete_comment(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    comment = selectors.get_comment_for_user(request.user, review, comment_pk)
    try:
        services.delete_comment(comment, by=request.user)
    except services.CommentError as error:
        messages.error(request, str(error))
    return redirect(_comment_url(review, comment.thread.question, comment))


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
