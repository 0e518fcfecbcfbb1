"""The focal point's page of national contributors: invite, see where each account stands, let go."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import selectors, services
from coordination.forms import InviteContributorForm
from reviews import permissions
from reviews import selectors as review_selectors
from reviews.enums import ParticipantRole
from reviews.models import Participant
from reviews.services import ReviewError


def _review_to_coordinate(request: HttpRequest, pk: int):
    review = review_selectors.get_review_for_user(request.user, pk)
    if not permissions.can_coordinate(request.user, review):
        raise Http404
    return review


@login_required
def contributors(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_to_coordinate(request, pk)
    form = InviteContributorForm(request.POST or None, initial={"preferred_language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.invite_contributor(review, **form.cleaned_data, by=request.user)
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(person)s is a national contributor of this review.") % {"person": participant.user}
            )
            return redirect("coordination:contributors", pk=review.pk)
    context = {"review": review, "form": form, "contributors": selectors.contributors_of(review)}
    return render(request, "coordination/contributors.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def remove_contributor(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    review = _review_to_coordinate(request, pk)
    participant = get_object_or_404(
        Participant.objects.select_related("user", "review"),
        pk=participant_pk,
        review=review,
        role=ParticipantRole.CONTRIBUTOR,
        is_active=True,
    )
    services.remove_contributor(participant, by=request.user)
    messages.success(request, _("%(person)s no longer takes part in the review.") % {"person": participant.user})
    return redirect("coordination:contributors", pk=review.pk)
