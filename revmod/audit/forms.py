from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from revmod.audit.enums import AuditAction


class AuditFilterForm(forms.Form):
    review = forms.IntegerField(label=_("Review number"), required=False, min_value=1)
    person = forms.CharField(label=_("Person (e-mail)"), required=False, max_length=254)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
