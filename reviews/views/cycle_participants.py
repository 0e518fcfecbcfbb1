"""The secretariat adds focal points, experts and observers to the reviews of a whole cycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext

from reviews import selectors, services
from reviews.enums import ParticipantRole
from reviews.participant_forms import CycleParticipantsForm, CycleStateForm
from reviews.views.reviews import secretariat_only


@login_required
def cycle_participants(request: HttpRequest, pk: int) -> HttpResponse:
    secretariat_only(request.user)
    cycle = selectors.get_cycle(pk)
    state_form = CycleStateForm(cycle, request.GET or None)
    state = state_form.cleaned_data["state"] if state_form.is_valid() else None
    form = None
    if state is not None and not cycle.is_closed:
        form = CycleParticipantsForm(cycle, state, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                added = services.add_cycle_participants(
                    cycle,
                    people=list(form.cleaned_data["people"]),
                    role=ParticipantRole(form.cleaned_data["role"]),
                    reviews=form.chosen_reviews(),
                    by=request.user,
                )
            except services.ParticipantsRefused as refused:
                for problem in refused.problems:
                    form.add_error(None, problem)
            except services.ReviewError as error:
                form.add_error(None, str(error))
            else:
                count = len(added)
                messages.success(
                    request,
                    ngettext("%(count)d participation added.", "%(count)d participations added.", count)
                    % {"count": count},
                )
                return redirect(f"{reverse('reviews:cycle_participants', kwargs={'pk': cycle.pk})}?state={state.pk}")
    context = {
        "cycle": cycle,
        "state_form": state_form,
        "state": state,
        "form": form,
        "rows": selectors.cycle_participation(cycle, state=state),
    }
    return render(request, "reviews/cycles/participants.html", context)
