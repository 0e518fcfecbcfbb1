from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from revmod.accounts.enums import NominatedRole
from revmod.accounts.time_zones import zone_choices
from revmod.audit.enums import AuditAction
from revmod.states.models import MemberState


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class LocalizedPasswordResetForm(PasswordResetForm):
    """Writes the reset e-mail, and the link in it, in the recipient's language."""

    def send_mail(  # noqa: PLR0917 - Django's signature
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ) -> None:
        with translation.override(context["user"].preferred_language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    state: forms.ModelChoiceField[MemberState] = forms.ModelChoiceField(
        label=_("State represented"),
        queryset=MemberState.objects.order_by("name"),
        required=False,
        help_text=_("Leave empty for the secretariat and trainers."),
    )
    nominated_role = forms.ChoiceField(label=_("Nominated as"), choices=NominatedRole.choices, required=False)
    preferred_language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)


def time_zone_field() -> forms.ChoiceField:
    """The zone meeting times are shown in; empty for the zone of the State represented (or UTC)."""
    return forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        choices=[("", _("The time zone of my State (UTC if none)")), *zone_choices()],
        help_text=_("Times of meetings are shown in this zone, and in UTC."),
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a time zone we know: choose one from the list, such as Europe/Paris."
            )
        },
    )


class ActivationForm(SetPasswordForm):
    """The invited person's profile and password."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    time_zone = time_zone_field()

    field_order = ["full_name", "preferred_language", "time_zone", "new_password1", "new_password2"]

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["full_name"].initial = user.full_name
        self.fields["preferred_language"].initial = user.preferred_language
        self.fields["time_zone"].initial = user.time_zone


class ProfileForm(forms.Form):
    """What a signed-in person changes about themselves: name, language, time zone."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    time_zone = time_zone_field()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
    )


class FirstTokenForm(TokenForm):
    """The code that confirms a newly added app: the recovery codes are only made once it is confirmed."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].help_text = _("The six digits your authenticator app shows now.")


class AuditFilterForm(forms.Form):
    review = forms.IntegerField(label=_("Review number"), required=False, min_value=1)
    person = forms.CharField(label=_("Person (e-mail)"), required=False, max_length=254)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
