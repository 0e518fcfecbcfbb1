"""The forms of the cycle's participants page: pick a State, then its people, a role and reviews."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reviews.enums import ParticipantRole
from reviews.models import CountryReview, ReviewCycle
from revmod.accounts.enums import AccountStatus
from revmod.states.models import MemberState

ALL_REVIEWS = "all"
SELECTED_REVIEWS = "selected"


def states_of_cycle(cycle: ReviewCycle) -> QuerySet[MemberState]:
    """The States under review or reviewing in the cycle."""
    return (
        MemberState.objects.filter(Q(reviews__cycle=cycle) | Q(reviewing__review__cycle=cycle))
        .distinct()
        .order_by("name")
    )


def reviews_of_state(cycle: ReviewCycle, state: MemberState) -> QuerySet[CountryReview]:
    """The reviews of the cycle where the State is under review or reviewing."""
    return (
        CountryReview.objects.filter(cycle=cycle)
        .filter(Q(state=state) | Q(pairings__reviewing_state=state))
        .select_related("state")
        .distinct()
        .order_by("state__name")
    )


class CycleStateForm(forms.Form):
    state: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("State"), queryset=MemberState.objects.none(), required=False, empty_label=_("All States")
    )

    def __init__(self, cycle: ReviewCycle, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["state"]).queryset = states_of_cycle(cycle)


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        label = f"{obj.full_name or obj.email} ({obj.email})"
        if obj.status != AccountStatus.ACTIVE:
            label += f" · {obj.get_status_display()}"
        return label


class ReviewChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return gettext("Review of %(state)s") % {"state": obj.state}


class CycleParticipantsForm(forms.Form):
    people: forms.ModelMultipleChoiceField = PersonChoiceField(
        label=_("People"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People invited but not yet approved take part as soon as their account is approved."),
    )
    # National contributors are brought in review by review, by their focal point.
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[choice for choice in ParticipantRole.choices if choice[0] != ParticipantRole.CONTRIBUTOR],
        widget=forms.RadioSelect,
    )
    scope = forms.ChoiceField(
        label=_("Reviews"),
        choices=[
            (ALL_REVIEWS, _("Every review of this cycle where the State takes part")),
            (SELECTED_REVIEWS, _("Only the reviews ticked below")),
        ],
        initial=ALL_REVIEWS,
        widget=forms.RadioSelect,
    )
    reviews: forms.ModelMultipleChoiceField = ReviewChoiceField(
        label=_("Reviews ticked"),
        queryset=CountryReview.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, cycle: ReviewCycle, state: MemberState, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["people"]).queryset = (
            get_user_model()
            .objects.filter(state=state)
            .exclude(status=AccountStatus.SUSPENDED)
            .order_by("full_name", "email")
        )
        cast(forms.ModelChoiceField, self.fields["reviews"]).queryset = reviews_of_state(cycle, state)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == SELECTED_REVIEWS and not cleaned.get("reviews"):
            self.add_error("reviews", gettext("Tick at least one review, or choose every review."))
        return cleaned

    def chosen_reviews(self) -> list[CountryReview] | None:
        """The reviews ticked, or None for every review of the cycle where each person's State takes part."""
        if self.cleaned_data["scope"] == ALL_REVIEWS:
            return None
        return list(self.cleaned_data["reviews"])
