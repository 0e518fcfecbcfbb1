"""The evidence form of a question on the section page: a title, a language and the file.

Its fields carry a per-question prefix: every question's form lives inside the section's form.
The service checks the values; the form only reads them.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reviews.file_kinds import accept_attribute


def evidence_prefix(question_pk: int) -> str:
    return f"evidence-{question_pk}"


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    language = forms.ChoiceField(label=_("Language of the file"), choices=settings.LANGUAGES, required=False)
    file = forms.FileField(label=_("File"), required=False)

    def __init__(self, *args, question_pk: int, **kwargs) -> None:
        kwargs.setdefault("initial", {"language": get_language()})
        kwargs["prefix"] = evidence_prefix(question_pk)
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = accept_attribute()
        self.fields["title"].widget.attrs["dir"] = "auto"
