"""The questionnaire of a review: answering it section by section, its history, submitting it.

The read page is reviews.views.questionnaire_page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from reviews import permissions, selectors, services
from reviews.citation_diff import citation_diff
from reviews.enums import AnswerKind, AssistancePriority
from reviews.forms import (
    base_revision_from_post,
    field_name,
    idempotency_key_from,
    need_rows,
    needs_from_post,
    value_as_text,
    value_from_post,
    word_diff,
)
from reviews.models import Answer, AnswerRevision, Question


@login_required
def answer_section(request: HttpRequest, pk: int, questionnaire_pk: int, section: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    if not permissions.can_read_answers(request.user, review):
        raise Http404
    view = selectors.questionnaire_view(
        review, selectors.get_review_questionnaire(review, questionnaire_pk), with_evidence=True
    )
    current = next((progress for progress in view.sections if progress.section.order == section), None)
    if current is None:
        raise Http404
    if not permissions.can_answer(request.user, review):
        return redirect("reviews:questionnaire", pk=review.pk, questionnaire_pk=questionnaire_pk)
    problems: dict[int, dict] = {}
    if request.method == "POST":
        problems, unclear = _save_section(request, review, current.questions)
        if unclear:
            messages.warning(request, _clearance_taken_back(unclear))
        if not problems:
            messages.success(request, _("Your answers are saved."))
            return redirect(request.path)
        view = selectors.questionnaire_view(review, view.questionnaire, with_evidence=True)
        current = next(progress for progress in view.sections if progress.section.order == section)
    asks = [question for question in current.questions if question.asks_assistance_needs]
    for question in asks:
        question.need_rows = need_rows(question, request.POST, posted=question.pk in problems)
    context = {
        "review": review,
        "view": view,
        "current": current,
        "problems": problems,
        "data": request.POST,
        "can_clear": permissions.can_clear(request.user, review),
        "assistance": _assistance_choices(view.questionnaire, asks),
    }
    return render(request, "reviews/questionnaire/section.html", context, status=409 if problems else 200)


def _assistance_choices(questionnaire, asks: list[Question]) -> dict | None:
    """What the needs rows offer: the active categories (and inactive ones a need still has), articles, priorities."""
    if not asks:
        return None
    categories = selectors.active_assistance_categories()
    offered = {category.pk for category in categories}
    categories += [need.category for question in asks for need in question.needs if need.category_id not in offered]
    return {
        "categories": categories,
        "articles": selectors.articles_of_questionnaire(questionnaire),
        "priorities": AssistancePriority.choices,
    }


def _clearance_taken_back(numbers: list[str]) -> str:
    return ngettext(
        "Answer %(numbers)s was cleared: your change sends it back to drafted, for the focal point to clear again.",
        "Answers %(numbers)s were cleared: your changes send them back to drafted, for the focal point to clear again.",
        len(numbers),
    ) % {"numbers": ", ".join(numbers)}


def _save_section(request: HttpRequest, review, questions: list[Question]) -> tuple[dict[int, dict], list[str]]:
    """Save each changed answer of the section.

    Return what could not be saved, by question, and the numbers of the answers whose clearance the
    changes took back.
    """
    problems: dict[int, dict] = {}
    unclear: list[str] = []
    for question in questions:
        if field_name(question) + "-rev" not in request.POST:
            continue
        base = base_revision_from_post(question, request.POST)
        value = value_from_post(question, request.POST)
        try:
            answer = services.save_answer(
                review,
                question,
                value=value,
                base_revision=base if base is not None else -1,
                user=request.user,
                needs=needs_from_post(question, request.POST),
            )
        except services.AnswerConflict as conflict:
            problems[question.pk] = {
                "conflict": conflict.answer,
                "theirs": value_as_text(question, conflict.answer.value),
            }
        except services.ReviewError as error:
            problems[question.pk] = {"error": str(error)}
        else:
            if getattr(answer, "clearance_withdrawn", False):
                unclear.append(question.number)
    return problems, unclear


@login_required
@require_POST
def save_answer(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Autosave of one answer: JSON for the page's script."""
    review = selectors.get_review_for_user(request.user, pk)
    if not permissions.can_answer(request.user, review):
        raise PermissionDenied
    question: Question = get_object_or_404(Question.objects.prefetch_related("choices"), pk=question_pk)
    base = base_revision_from_post(question, request.POST)
    try:
        answer = services.save_answer(
            review,
            question,
            value=value_from_post(question, request.POST),
            base_revision=base if base is not None else -1,
            user=request.user,
            idempotency_key=idempotency_key_from(request),
            needs=needs_from_post(question, request.POST),
        )
    except services.AnswerConflict as conflict:
        theirs = conflict.answer
        return JsonResponse(
            {
                "status": "conflict",
                "message": str(conflict),
                "revision": theirs.revision,
                "theirs": value_as_text(question, theirs.value),
                "by": str(theirs.updated_by or ""),
            },
            status=409,
        )
    except services.ReviewError as error:
        return JsonResponse({"status": "error", "message": str(error)}, status=400)
    taken_back = getattr(answer, "clearance_withdrawn", False)
    return JsonResponse(
        {
            "status": "saved",
            "revision": answer.revision,
            "message": _clearance_taken_back([question.number]) if taken_back else _("Saved"),
            "answer_status": answer.status,
            "answer_status_label": answer.get_status_display(),
        }
    )


def _question_of_review(review, question_pk: int) -> Question:
    return get_object_or_404(
        Question.objects.filter(questionnaire__reviews=review).prefetch_related("choices"), pk=question_pk
    )


@login_required
def answer_history(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    if not permissions.can_read_answers(request.user, review):
        raise Http404
    question = _question_of_review(review, question_pk)
    answer = Answer.objects.filter(review=review, question=question).first()
    revisions = list(answer.revisions.select_related("author")) if answer else []
    can_restore = answer is not None and permissions.can_answer(request.user, review)
    citations = question.kind == AnswerKind.LEGISLATION
    entries: list[dict[str, Any]] = []
    for index, revision in enumerate(revisions):
        older = revisions[index + 1].value if index + 1 < len(revisions) else None
        entries.append(
            {
                "at": revision.created_at,
                "revision": revision,
                "diff": None
                if citations
                else word_diff(value_as_text(question, older), value_as_text(question, revision.value)),
                "citations": citation_diff(older, revision.value) if citations else None,
                "can_restore": can_restore and answer is not None and revision.value != answer.value,
            }
        )
    for evidence in selectors.evidence_history(answer):
        entries.append({"at": evidence.added_at, "evidence": evidence, "event": "added", "by": evidence.added_by})
        if evidence.removed_at:
            entries.append(
                {"at": evidence.removed_at, "evidence": evidence, "event": "withdrawn", "by": evidence.removed_by}
            )
    entries.sort(key=lambda entry: entry["at"], reverse=True)
    context = {"review": review, "question": question, "answer": answer, "entries": entries, "can_restore": can_restore}
    return render(request, "reviews/questionnaire/history.html", context)


@login_required
@require_POST
def restore_revision(request: HttpRequest, pk: int, question_pk: int, number: int) -> HttpResponse:
    """An earlier version of the answer saved again, as a new revision, by someone who may edit it now."""
    review = selectors.get_review_for_user(request.user, pk)
    if not permissions.can_read_answers(request.user, review):
        raise Http404
    question = _question_of_review(review, question_pk)
    revision = get_object_or_404(
        AnswerRevision.objects.select_related("answer__review", "answer__question"),
        answer__review=review,
        answer__question=question,
        number=number,
    )
    if not permissions.can_answer(request.user, review):
        raise PermissionDenied
    history = redirect("reviews:answer_history", pk=review.pk, question_pk=question.pk)
    base = request.POST.get("base", "")
    if not base.isdigit():
        messages.error(request, _("The page was out of date: look at the history again, then restore."))
        return history
    try:
        answer = services.restore_revision(revision, base_revision=int(base), user=request.user)
    except services.AnswerConflict:
        messages.error(
            request,
            _("Someone saved the answer since you opened its history: see the new version, then restore again."),
        )
        return history
    except services.ReviewError as error:
        messages.error(request, str(error))
        return history
    if answer.revision == int(base):
        messages.info(request, _("This version is already the answer."))
        return history
    messages.success(
        request,
        _("Revision %(old)s is restored: it is now revision %(new)s.") % {"old": number, "new": answer.revision},
    )
    if getattr(answer, "clearance_withdrawn", False):
        messages.warning(request, _clearance_taken_back([question.number]))
    return history


@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """What stands in the way of submission, clearing what is listed, and the submission itself."""
    review = selectors.get_review_for_user(request.user, pk)
    if not permissions.can_submit(request.user, review):
        raise Http404
    status = 200
    if request.method == "POST" and request.POST.get("do") == "clear":
        gaps = selectors.submission_gaps(review)
        try:
            cleared = services.clear_answers(review, gaps.not_cleared, user=request.user)
            messages.success(
                request,
                ngettext("%(count)d answer is cleared.", "%(count)d answers are cleared.", len(cleared))
                % {"count": len(cleared)},
            )
        except services.ReviewError as error:
            messages.error(request, str(error))
        return redirect("reviews:submit", pk=review.pk)
    if request.method == "POST":
        try:
            services.submit_questionnaire(review, user=request.user)
            messages.success(request, _("The questionnaire is submitted. The reviewing States can now read it."))
            return redirect("reviews:detail", pk=review.pk)
        except services.SubmissionIncomplete:
            status = 400
    views = [selectors.questionnaire_view(review, questionnaire) for questionnaire in review.questionnaires.all()]
    context = {"review": review, "views": views, "gaps": selectors.submission_gaps(review), "refused": status == 400}
    return render(request, "reviews/questionnaire/submit.html", context, status=status)
