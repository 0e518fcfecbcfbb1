from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from insights.reports.enums import ReportFormat, ReportGrouping
from reviews.models import ReviewCycle


class ReportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices, initial=ReportFormat.XLSX)
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)
    grouping = forms.ChoiceField(label=_("Grouping"), choices=ReportGrouping.choices, initial=ReportGrouping.ARTICLE)
    cycle: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Cycle"),
        required=False,
        queryset=ReviewCycle.objects.select_related("cluster").order_by("-first_year", "title"),
        empty_label=_("All cycles"),
    )
    anonymised = forms.BooleanField(
        label=_("Anonymised"),
        required=False,
        initial=True,
        help_text=_("No State, ISO code or person is named: States are numbered within the report."),
    )
