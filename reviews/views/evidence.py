"""Evidence files of answers: attached and withdrawn from the section page, downloaded by those who read answers.

The upload and withdraw buttons sit inside the section's form (one form per page, so it works
without JavaScript), so they post the whole section: its answers are saved first, as the
section's own button would, and nothing typed is lost whatever happens to the file.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reviews import permissions, selectors, services
from reviews.evidence_forms import EvidenceForm
from reviews.models import CountryReview, Question
from reviews.views.answers import _clearance_taken_back, _save_section


@login_required
@require_POST
def add_evidence(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    if not permissions.can_read_answers(request.user, review):
        raise Http404
    question: Question = get_object_or_404(Question.objects.filter(questionnaire__reviews=review), pk=question_pk)
    if not permissions.can_answer(request.user, review):
        raise PermissionDenied
    refused = _save_answers_of_section(request, review, question)
    if refused:
        return refused
    form = EvidenceForm(request.POST, request.FILES, question_pk=question.pk)
    form.is_valid()  # every field is optional: the service says what is missing
    data = form.cleaned_data
    try:
        evidence = services.add_evidence(
            review,
            question,
            upload=data.get("file"),
            title=data.get("title", ""),
            language=data.get("language", ""),
            user=request.user,
        )
    except services.ReviewError as error:
        return _section_page(request, review, question, evidence_problem=str(error))
    messages.success(request, _("The evidence file “%(title)s” is attached.") % {"title": evidence.title})
    return _back_to_section(request, review, question, evidence)


@login_required
@require_POST
def withdraw_evidence(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    evidence = selectors.get_evidence_for_reader(request.user, review, evidence_pk)
    if not permissions.can_answer(request.user, review):
        raise PermissionDenied
    question = evidence.answer.question
    refused = _save_answers_of_section(request, review, question)
    if refused:
        return refused
    try:
        evidence = services.withdraw_evidence(evidence, user=request.user)
    except services.ReviewError as error:
        return _section_page(request, review, question, evidence_problem=str(error))
    messages.success(request, _("The evidence file “%(title)s” is withdrawn.") % {"title": evidence.title})
    return _back_to_section(request, review, question, evidence)


def _back_to_section(request: HttpRequest, review, question, evidence) -> HttpResponse:
    """Back to the question on its section, saying when the change took back the answer's clearance."""
    if evidence.answer.clearance_withdrawn:
        messages.warning(request, _clearance_taken_back([question.number]))
    return redirect(_section_url(review, question))


@login_required
@require_GET
def download_evidence(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    """The file, for anyone who may read the answer (withdrawn ones too: they are in its history)."""
    review = selectors.get_review_for_user(request.user, pk)
    evidence = selectors.get_evidence_for_reader(request.user, review, evidence_pk)
    name = "".join(character for character in evidence.title if character.isprintable() and character not in '/\\"')
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=f"{name[:120].strip() or evidence.token}{evidence.extension}",
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


def _section_url(review: CountryReview, question: Question) -> str:
    url = reverse(
        "reviews:answer_section",
        kwargs={"pk": review.pk, "questionnaire_pk": question.questionnaire_id, "section": question.section.order},
    )
    return f"{url}#evidence-{question.pk}"


def _save_answers_of_section(request: HttpRequest, review: CountryReview, question: Question) -> HttpResponse | None:
    """Save the answers the section's form posted with the button; the page again (409) if some could not be."""
    view = selectors.questionnaire_view(review, question.questionnaire)
    current = next(progress for progress in view.sections if progress.section.pk == question.section_id)
    problems, unclear = _save_section(request, review, current.questions)
    if unclear:
        messages.warning(request, _clearance_taken_back(unclear))
    if not problems:
        return None
    return _section_page(request, review, question, problems=problems, status=409)


def _section_page(
    request: HttpRequest,
    review: CountryReview,
    question: Question,
    *,
    problems: dict | None = None,
    evidence_problem: str = "",
    status: int = 400,
) -> HttpResponse:
    """The section again, with what was posted and the reason the file was refused at its question."""
    view = selectors.questionnaire_view(review, question.questionnaire, with_evidence=True)
    current = next(progress for progress in view.sections if progress.section.pk == question.section_id)
    context = {
        "review": review,
        "view": view,
        "current": current,
        "problems": problems or {},
        "evidence_problems": {question.pk: evidence_problem} if evidence_problem else {},
        "data": request.POST,
        "can_clear": permissions.can_clear(request.user, review),
    }
    if evidence_problem:
        messages.error(request, evidence_problem)
    return render(request, "reviews/questionnaire/section.html", context, status=status)
