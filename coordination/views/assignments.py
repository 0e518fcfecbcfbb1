"""The coordination page: who of the State under review drafts what, how far they are, and sharing out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_POST

from coordination import permissions, selectors, services
from coordination.forms import UNASSIGNED, AssignForm, FilterForm
from reviews.enums import AnswerStatus
from reviews.models import CountryReview, Question, Section
from reviews.selectors import get_review_for_user


def _review(request: HttpRequest, pk: int) -> CountryReview:
    review = get_review_for_user(request.user, pk)
    if not permissions.can_see_coordination(request.user, review):
        raise Http404
    return review


def _render(request: HttpRequest, review: CountryReview, *, form: AssignForm | None = None, status: int = 200):
    today = timezone.localdate()
    raw = _filters(request)
    view = selectors.coordination(review, filters=raw, today=today, unassigned=pgettext("questions", "Unassigned"))
    filters = FilterForm(request.GET or None, names=view.names, sections=view.all_sections)
    can_assign = permissions.can_assign(request.user, review)
    if form is None and can_assign:
        form = AssignForm(review=review, candidates=view.candidates, sections=view.all_sections)
    context = {
        "review": review,
        "view": view,
        "filters": filters,
        "filtered": any(raw.values()),
        "form": form,
        "can_assign": can_assign,
        "today": today,
        "sections_by_pk": {section.pk: section for section in view.all_sections},
    }
    return render(request, "coordination/page.html", context, status=status)


def _filters(request: HttpRequest) -> dict:
    """The filters of the address; one that makes no sense is ignored (the form says so), not an error page."""
    person, section, status = (request.GET.get(name, "") for name in ("person", "section", "status"))
    return {
        "person": person if person.isdigit() or person == UNASSIGNED else "",
        "section": section if section.isdigit() else "",
        "status": status if status in AnswerStatus.values else "",
        "overdue": bool(request.GET.get("overdue")),
    }


@login_required
def page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _review(request, pk))


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = AssignForm(
        request.POST,
        review=review,
        candidates=list(selectors.assignable_people(review)),
        sections=list(selectors.sections_of(review)),
    )
    if form.is_valid():
        try:
            services.assign(
                review,
                sections=form.cleaned_data["sections"],
                questions=form.cleaned_data["questions"],
                assignee=get_object_or_404(get_user_model(), pk=form.cleaned_data["assignee"]),
                due_on=form.cleaned_data["due_on"],
                user=request.user,
            )
        except services.AssignmentRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The questions are given out."))
            return redirect("coordination:page", pk=review.pk)
    return _render(request, review, form=form, status=400)


@login_required
@require_POST
def unassign(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    sections = Section.objects.filter(questionnaire__reviews=review, pk=request.POST.get("section") or 0)
    questions = Question.objects.filter(questionnaire__reviews=review, pk=request.POST.get("question") or 0)
    try:
        count = services.unassign(review, sections=list(sections), questions=list(questions), user=request.user)
    except services.AssignmentRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            ngettext("%(count)d assignment taken back.", "%(count)d assignments taken back.", count) % {"count": count},
        )
    return redirect("coordination:page", pk=review.pk)
