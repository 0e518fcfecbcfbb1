"""The forms of the meeting pages. The services decide what is allowed; these parse what was posted."""

from __future__ import annotations

from typing import cast
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.enums import MeetingKind, MeetingVisibility

SLOT_FIELDS = 5  # the service takes up to ten: a page of five is enough to choose from
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class ProposeForm(forms.Form):
    """A new meeting; the candidate times are typed in the proposer's own time zone."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    visibility = forms.ChoiceField(label=_("Who sees it"), choices=MeetingVisibility.choices)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    link = forms.URLField(
        label=_("Link to join"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("For a videoconference: the address participants open to join."),
    )
    venue = forms.CharField(
        label=_("Venue"), required=False, max_length=300, help_text=_("For a country visit or a meeting in person.")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=15, max_value=7 * 24 * 60, initial=60
    )

    def __init__(self, *args, zone: ZoneInfo, visibilities: list[MeetingVisibility], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        visibility_field = cast(forms.ChoiceField, self.fields["visibility"])
        visibility_field.choices = [(visibility.value, visibility.label) for visibility in visibilities]
        for number in range(1, SLOT_FIELDS + 1):
            self.fields[f"slot_{number}"] = forms.DateTimeField(
                label=_("Candidate time %(number)d") % {"number": number},
                required=False,
                input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M"],
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT),
                help_text=(
                    _("In your time zone, %(zone)s. Give at least two.") % {"zone": zone.key} if number == 1 else ""
                ),
            )

    def full_clean(self) -> None:
        # The times typed are read in the proposer's zone (Django refuses one that does not exist there).
        with timezone.override(self.zone):
            super().full_clean()

    def starts(self) -> list:
        return [
            self.cleaned_data[name]
            for name in self.fields
            if name.startswith("slot_") and self.cleaned_data.get(name) is not None
        ]


class SlotAnswersForm(forms.Form):
    """For each candidate time: does it suit you?"""

    def __init__(self, *args, slots: list[tuple[int, str]], mine: dict[int, bool], **kwargs) -> None:
        # The page also holds the organiser's FixForm, whose field "slot" would give the same ids.
        kwargs.setdefault("auto_id", "answer_%s")
        super().__init__(*args, **kwargs)
        for pk, label in slots:
            initial = mine.get(pk)
            self.fields[f"slot_{pk}"] = forms.ChoiceField(
                label=label,
                choices=[("yes", _("Suits me")), ("no", _("Does not suit me"))],
                widget=forms.RadioSelect,
                initial=None if initial is None else ("yes" if initial else "no"),
            )

    def answers(self) -> dict[int, bool]:
        return {int(name.removeprefix("slot_")): value == "yes" for name, value in self.cleaned_data.items()}


class FixForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Time of the meeting"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        kwargs.setdefault("auto_id", "fix_%s")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["slot"]).choices = choices


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Who took part"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, people, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["present"]).choices = [(person.pk, person.full_name) for person in people]


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 10}))


class MeetingFileForm(forms.Form):
    title = forms.CharField(label=_("Title of the file"), max_length=300, required=False)
    file = forms.FileField(label=_("File"), required=False)
