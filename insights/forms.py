from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from insights.enums import DocumentKind
from insights.permissions import may_choose_state
from insights.selectors import filter_choices
from revmod.states.enums import RegionalGroup


class SearchForm(forms.Form):
    """The query and its filters, read from the address (GET): a search can be bookmarked and shared."""

    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of text"), required=False, choices=[("", _("All kinds of text")), *DocumentKind.choices]
    )
    cluster: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Cluster"), required=False, queryset=None, empty_label=_("All clusters")
    )
    instrument: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Instrument"), required=False, queryset=None, empty_label=_("All instruments")
    )
    article: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Article"), required=False, queryset=None, empty_label=_("All articles")
    )
    state: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("State under review"), required=False, queryset=None, empty_label=_("All States")
    )
    region = forms.ChoiceField(
        label=_("Regional group"), required=False, choices=[("", _("All regional groups")), *RegionalGroup.choices]
    )
    date_from = forms.DateField(
        label=pgettext_lazy("search dates", "From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=pgettext_lazy("search dates", "To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = filter_choices(user)
        for name in ("cluster", "instrument", "article", "state"):
            self.fields[name].queryset = choices[name]  # type: ignore[attr-defined]
        if not may_choose_state(user):
            del self.fields["state"]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data
