"""The side-by-side translation editor and the spreadsheet upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from questionnaires.texts import Text

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def direction(language: str) -> str:
    return "rtl" if get_language_info(language)["bidi"] else "ltr"


class TranslationForm(forms.Form):
    """One input per text in the target language; the English source is shown beside it, not edited."""

    def __init__(self, *args, texts: list[Text], language: str, disabled: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.texts, self.language = texts, language
        attrs = {"lang": language, "dir": direction(language)}
        for text in texts:
            widget = forms.Textarea(attrs={**attrs, "rows": 3}) if text.multiline else forms.TextInput(attrs=attrs)
            self.fields[text.key] = forms.CharField(
                label=text.description,
                required=False,
                strip=False,
                max_length=text.max_length,
                initial=text.value(language),
                widget=widget,
                disabled=disabled,
            )

    def clean(self):
        cleaned = super().clean()
        # Browsers send line breaks as CRLF; the texts are stored with LF.
        return {key: value.replace("\r\n", "\n") for key, value in cleaned.items()}

    def rows(self) -> list[dict]:
        return [
            {"text": text, "field": self[text.key], "status": text.status(self.language), "source": text.source}
            for text in self.texts
        ]


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("The .xlsx file downloaded here, with the translations filled in; at most 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an Excel workbook (.xlsx)."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
