from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.models import Cluster, ReviewCycle
from revmod.states.enums import RegionalGroup


class AnalyticsFilterForm(forms.Form):
    """The filters of the analytics page, its CSV files and the API, read from the address (GET)."""

    cycle: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Cycle"),
        required=False,
        queryset=ReviewCycle.objects.order_by("-first_year", "title"),
        empty_label=_("All cycles"),
    )
    cluster: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Cluster"), required=False, queryset=Cluster.objects.order_by("number"), empty_label=_("All clusters")
    )
    region = forms.ChoiceField(
        label=_("Regional group"), required=False, choices=[("", _("All regional groups")), *RegionalGroup.choices]
    )
