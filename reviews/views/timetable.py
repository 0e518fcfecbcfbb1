"""The secretariat's timetable: a cycle's days per step, a review's deadline and its working languages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reviews import selectors
from reviews.services import timetable
from reviews.services.errors import ReviewError
from reviews.timetable_forms import ExtendDeadlineForm, StepDaysForm, WorkingLanguagesForm
from reviews.views.reviews import secretariat_only


@login_required
def cycle_timetable(request: HttpRequest, pk: int) -> HttpResponse:
    secretariat_only(request.user)
    cycle = selectors.get_cycle(pk)
    form = StepDaysForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            timetable.save_step_days(cycle, days=form.days(), by=request.user)
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The timetable of the cycle is saved."))
            return redirect("reviews:cycle", pk=cycle.pk)
    return render(request, "reviews/cycles/timetable.html", {"cycle": cycle, "form": form})


@login_required
def extend_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    secretariat_only(request.user)
    form = ExtendDeadlineForm(request.POST or None, review=review)
    if request.method == "POST" and form.is_valid():
        try:
            timetable.extend_deadline(review, due_at=form.due_at, reason=form.cleaned_data["reason"], user=request.user)
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The deadline is extended and the participants are told."))
            return redirect("reviews:detail", pk=review.pk)
    return render(request, "reviews/review/deadline.html", {"review": review, "form": form})


@login_required
def working_languages(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    secretariat_only(request.user)
    form = WorkingLanguagesForm.for_review(review, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            timetable.set_working_languages(
                review,
                main=form.cleaned_data["working_language"],
                others=form.cleaned_data["other_working_languages"],
                by=request.user,
            )
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The working languages of the review are saved."))
            return redirect("reviews:detail", pk=review.pk)
    return render(request, "reviews/review/languages.html", {"review": review, "form": form})
