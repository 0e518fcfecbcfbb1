"""The forms of national coordination."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coordination.offline.files import DOCX, PART_ALL, PART_MINE, XLSX

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
