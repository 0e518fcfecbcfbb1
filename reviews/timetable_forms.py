"""Forms of the secretariat's timetable: a cycle's days per step, a deadline extension, working languages."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reviews.models import CountryReview
from reviews.services.timetable import MAX_STEP_DAYS, TIMED_STEPS, default_step_days, effective_step_days

DAYS_ERRORS = {
    "required": _("Enter the number of days this step takes."),
    "invalid": _("Enter a whole number of days, such as 30."),
    "min_value": _("A step takes at least one day."),
    "max_value": _("A step takes at most %(limit_value)s days."),
}


class StepDaysForm(forms.Form):
    """One whole number of days for each step that takes time, starting from the cycle's current timetable."""

    def __init__(self, *args, cycle, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        defaults = default_step_days()
        current = effective_step_days(cycle, defaults)
        for step in TIMED_STEPS:
            default = defaults.get(step.value)
            self.fields[step.value] = forms.IntegerField(
                label=step.label,
                min_value=1,
                max_value=MAX_STEP_DAYS,
                initial=current[step.value],
                error_messages=DAYS_ERRORS,
                help_text=(
                    ngettext("Default: %(days)d day", "Default: %(days)d days", default) % {"days": default}
                    if default is not None
                    else ""
                ),
            )

    def days(self) -> dict[str, int]:
        return {step.value: self.cleaned_data[step.value] for step in TIMED_STEPS}


def end_of_day(day: dt.date) -> dt.datetime:
    """A deadline given as a date runs to the end of that day."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


class ExtendDeadlineForm(forms.Form):
    due_on = forms.DateField(
        label=_("New deadline"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Choose the new deadline."), "invalid": _("Enter a date, such as 2027-03-31.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for the extension.")},
        help_text=_("The participants see it on the review's page."),
    )

    def __init__(self, *args, review: CountryReview, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.review = review

    def clean_due_on(self) -> dt.date:
        due_on = self.cleaned_data["due_on"]
        if due_on <= timezone.localdate():
            raise forms.ValidationError(_("Choose a date after today."))
        if self.review.due_at is not None and due_on <= timezone.localdate(self.review.due_at):
            current = formats.date_format(timezone.localdate(self.review.due_at), "DATE_FORMAT")
            raise forms.ValidationError(
                _("Choose a date after the current deadline, %(date)s."), params={"date": current}
            )
        return due_on

    @property
    def due_at(self) -> dt.datetime:
        return end_of_day(self.cleaned_data["due_on"])


class WorkingLanguagesForm(forms.Form):
    working_language = forms.ChoiceField(label=_("Main working language"), choices=settings.LANGUAGES)
    other_working_languages = forms.MultipleChoiceField(
        label=_("Other working languages"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages the review also works in, besides its main working language."),
    )

    @classmethod
    def for_review(cls, review: CountryReview, data=None) -> WorkingLanguagesForm:
        initial = {"working_language": review.working_language, "other_working_languages": review.working_languages[1:]}
        return cls(data, initial=initial)
