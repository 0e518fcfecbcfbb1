"""The secretariat's review cycles: list, create, correct, see the reviews, close."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews import selectors, services
from reviews.enums import Step
from reviews.forms import CycleForm
from reviews.models import ReviewCycle
from reviews.services.timetable import effective_step_days
from reviews.timetable_forms import StepDaysForm
from reviews.views.reviews import secretariat_only


@login_required
def cycles(request: HttpRequest) -> HttpResponse:
    secretariat_only(request.user)
    return render(request, "reviews/cycles/list.html", {"cycles": selectors.cycles_overview()})


def _cycle_form(request: HttpRequest, cycle: ReviewCycle) -> HttpResponse:
    form = CycleForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_cycle(
                form.save(commit=False), instruments=form.cleaned_data["instruments"], by=request.user
            )
        except services.ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The review cycle is saved."))
            return redirect("reviews:cycle", pk=saved.pk)
    return render(request, "reviews/cycles/form.html", {"form": form, "cycle": cycle})


@login_required
def cycle_create(request: HttpRequest) -> HttpResponse:
    secretariat_only(request.user)
    return _cycle_form(request, ReviewCycle())


@login_required
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    secretariat_only(request.user)
    return _cycle_form(request, selectors.get_cycle(pk))


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    secretariat_only(request.user)
    cycle = selectors.get_cycle(pk)
    page = Paginator(selectors.cycle_reviews(cycle), 50).get_page(request.GET.get("page"))
    context = {
        "cycle": cycle,
        "instruments": list(cycle.instruments.all()),
        "required_languages": [name for code, name in settings.LANGUAGES if code in cycle.required_languages],
        "page": page,
        # An open cycle's timetable is edited in place; a closed one's is only shown.
        "timetable_form": None if cycle.is_closed else StepDaysForm(cycle=cycle),
        "timetable": [(Step(step).label, days) for step, days in effective_step_days(cycle).items()]
        if cycle.is_closed
        else [],
    }
    return render(request, "reviews/cycles/detail.html", context)


@login_required
@require_POST
def cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    secretariat_only(request.user)
    try:
        services.close_cycle(selectors.get_cycle(pk), by=request.user)
        messages.success(request, _("The review cycle is closed."))
    except services.ReviewError as error:
        messages.error(request, str(error))
    return redirect("reviews:cycle", pk=pk)
