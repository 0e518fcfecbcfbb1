"""The forms of national coordination: contributors, offline files, the coordination page's filters and assignments."""

from __future__ import annotations

import re
from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coordination.offline.files import DOCX, PART_ALL, PART_MINE, XLSX
from reviews.enums import AnswerStatus
from reviews.models import CountryReview, Participant, Question, Section

MAX_OFFLINE_UPLOAD_BYTES = 10 * 1024 * 1024


class InviteContributorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("For a person who has no account yet: they receive an invitation to activate one."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )


class OfflineDownloadForm(forms.Form):
    part = forms.ChoiceField(
        label=_("Questions"),
        choices=[(PART_ALL, _("The whole questionnaire")), (PART_MINE, _("Only the questions assigned to me"))],
        initial=PART_ALL,
        widget=forms.RadioSelect,
    )
    format = forms.ChoiceField(choices=[(XLSX, "Excel (XLSX)"), (DOCX, "Word (DOCX)")])


class OfflineUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled file"),
        help_text=_("The Excel workbook or Word document downloaded on this page, with your answers; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.docx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_OFFLINE_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


UNASSIGNED = "none"


class FilterForm(forms.Form):
    person = forms.ChoiceField(label=_("Person"), required=False)
    section = forms.ChoiceField(label=_("Section"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Every status")), *AnswerStatus.choices]
    )
    overdue = forms.BooleanField(label=_("Only questions past their internal due date"), required=False)

    def __init__(self, *args, names: dict[int, str], sections: list[Section], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = sorted(names.items(), key=lambda item: item[1].casefold())
        cast(forms.ChoiceField, self.fields["person"]).choices = [
            ("", _("Everyone")),
            *[(str(pk), name) for pk, name in people],
            (UNASSIGNED, pgettext_lazy("questions", "Unassigned")),
        ]
        cast(forms.ChoiceField, self.fields["section"]).choices = [
            ("", _("Every section")),
            *[(str(s.pk), s.title) for s in sections],
        ]


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(label=_("Give to"), coerce=int)
    sections = forms.TypedMultipleChoiceField(
        label=_("Sections"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    questions = forms.CharField(
        label=_("Single questions"),
        required=False,
        max_length=2000,
        help_text=_("Their numbers, separated by commas or spaces, for example: 3, 4.1, 12"),
    )
    due_on = forms.DateField(
        label=_("Internal due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, *args, review: CountryReview, candidates: list[Participant], sections: list[Section], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.review = review
        self.by_pk = {section.pk: section for section in sections}
        cast(forms.ChoiceField, self.fields["assignee"]).choices = [
            (participant.user_id, f"{participant.user.full_name} ({participant.get_role_display()})")
            for participant in candidates
        ]
        cast(forms.ChoiceField, self.fields["sections"]).choices = [(section.pk, section.title) for section in sections]

    def clean_sections(self) -> list[Section]:
        return [self.by_pk[pk] for pk in self.cleaned_data["sections"]]

    def clean_questions(self) -> list[Question]:
        numbers = [number for number in re.split(r"[\s,;]+", self.cleaned_data["questions"]) if number]
        if not numbers:
            return []
        found = list(
            Question.objects.filter(questionnaire__reviews=self.review, number__in=numbers).select_related("section")
        )
        known = {question.number for question in found}
        unknown = [number for number in numbers if number not in known]
        if unknown:
            raise forms.ValidationError(
                _("This questionnaire has no question numbered %(numbers)s.") % {"numbers": ", ".join(unknown)}
            )
        if len(found) != len(known):
            raise forms.ValidationError(
                _("These numbers are in more than one questionnaire of the review: assign their sections instead.")
            )
        return found

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("sections") and not cleaned.get("questions"):
            raise forms.ValidationError(_("Choose at least one section or question."))
        return cleaned
