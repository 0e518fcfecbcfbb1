from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from reviews.file_kinds import accept_attribute
from reviews.models import ReviewCycle
from revmod.states.models import MemberState
from stakeholders.enums import OrganisationKind
from stakeholders.models import ConstructiveDialogue


class RegistrationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    country: forms.ModelChoiceField[MemberState] = forms.ModelChoiceField(
        label=_("Country of the organisation"), queryset=MemberState.objects.order_by("name")
    )
    area_of_work = forms.CharField(
        label=_("Area of work"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: victims of trafficking, firearms control, research on organized crime."),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        data = super().clean() or {}
        password = data.get("password")
        if password:
            try:
                password_validation.validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class DialogueForm(forms.ModelForm):
    cycle: forms.ModelChoiceField[ReviewCycle] = forms.ModelChoiceField(
        label=_("Review cycle"),
        queryset=ReviewCycle.objects.order_by("-first_year", "title"),
        required=False,
        help_text=_("Leave empty for a dialogue after a session of a working group."),
    )

    online_link = forms.URLField(
        label=_("Link to join online"),
        required=False,
        assume_scheme="https",
        help_text=_("For a hybrid or online dialogue; shown only to the approved participants."),
    )

    class Meta:
        model = ConstructiveDialogue
        fields = ["title", "cycle", "description", "held_at", "place", "online_link", "application_deadline"]
        widgets = {
            "held_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "application_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "held_at": _("In UTC."),
            "application_deadline": _("In UTC."),
            "place": _("Where it is held; with a link too when it is hybrid."),
        }

    def clean(self) -> dict:
        data = super().clean() or {}
        deadline, held = data.get("application_deadline"), data.get("held_at")
        if deadline and held and deadline > held:
            self.add_error("application_deadline", _("Applications must close before the dialogue is held."))
        return data


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why you wish to take part"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What your organisation does on the subject, and what it would bring to the dialogue."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service, which refuses the whole input for one bad file."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept_attribute()}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class InputForm(forms.Form):
    text = forms.CharField(label=_("Your input"), widget=forms.Textarea(attrs={"rows": 10}), required=False)
    attachments = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("Optional: documents that support your input (PDF, Word, OpenDocument, Excel, images, text)."),
    )


class SummaryForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 12}), required=False)
