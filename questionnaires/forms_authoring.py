"""The authoring forms: they edit the English source; translations have their own pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.enums import AnswerKind
from reviews.models import Article, Cluster, Instrument, Question, Questionnaire, Section
from reviews.questionnaire_io import CHOICE_KINDS

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
ENGLISH = {"lang": "en", "dir": "ltr"}  # the source is English, inside pages in any language


class NewQuestionnaireForm(forms.Form):
    cluster: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.order_by("number")
    )
    instrument: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Instrument"), queryset=Instrument.objects.order_by("order")
    )
    title = forms.CharField(label=_("Title (English)"), max_length=300, widget=forms.TextInput(attrs=ENGLISH))
    introduction = forms.CharField(
        label=_("Introduction (English)"), widget=forms.Textarea(attrs={"rows": 4} | ENGLISH), required=False
    )


class DetailsForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title_en", "introduction_en"]
        labels = {"title_en": _("Title (English)"), "introduction_en": _("Introduction (English)")}
        widgets = {
            "title_en": forms.TextInput(attrs=ENGLISH),
            "introduction_en": forms.Textarea(attrs={"rows": 4} | ENGLISH),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title_en", "article"]
        labels = {"title_en": _("Title (English)"), "article": _("Article")}
        widgets = {"title_en": forms.TextInput(attrs=ENGLISH)}

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        articles = Article.objects.filter(instrument=questionnaire.instrument)
        self.fields["article"].queryset = articles  # type: ignore[attr-defined]
        self.fields["article"].help_text = _("The article of the instrument this section asks about, if any.")


class QuestionForm(forms.ModelForm):
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4} | ENGLISH),
        help_text=_(
            "For a question with choices: one choice per line, as key: label, for example "
            "“fully: Fully implemented”. A key keeps its translations when its label changes."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "section",
            "parent",
            "condition",
            "number",
            "kind",
            "required",
            "asks_assistance_needs",
            "text_en",
            "help_text_en",
        ]
        labels = {
            "section": _("Section"),
            "parent": _("Follow-up of"),
            "condition": _("Asked when the answer to that question is"),
            "number": _("Number"),
            "kind": _("Kind of answer"),
            "required": _("Required"),
            "asks_assistance_needs": _("Ask for technical assistance needs"),
            "text_en": _("Question (English)"),
            "help_text_en": _("Guidance (English)"),
        }
        help_texts = {
            "condition": _("For a follow-up: yes or no after a yes/no question, or the key of one of its choices."),
            "number": _("As the States will cite it, for example 3 or 3.1; unique in the questionnaire."),
        }
        widgets = {
            "text_en": forms.Textarea(attrs={"rows": 3} | ENGLISH),
            "help_text_en": forms.Textarea(attrs={"rows": 3} | ENGLISH),
            "number": forms.TextInput(attrs={"dir": "ltr"}),
            "condition": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.questionnaire = questionnaire
        self.fields["text_en"].required = True
        sections = questionnaire.sections.order_by("order")
        self.fields["section"].queryset = sections  # type: ignore[attr-defined]
        parents = questionnaire.questions.filter(kind__in=[AnswerKind.YES_NO, *CHOICE_KINDS]).order_by("order")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["parent"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial["choices"] = "\n".join(
                f"{choice.key}: {choice.label_en}" for choice in self.instance.choices.all()
            )

    def clean_choices(self) -> list[tuple[str, str]]:
        pairs = []
        for number, line in enumerate(self.cleaned_data["choices"].splitlines(), start=1):
            if not line.strip():
                continue
            key, separator, label = line.partition(":")
            if not separator:
                raise forms.ValidationError(
                    _("Line %(line)d: write the choice as key: label.") % {"line": number}, code="choice_line"
                )
            pairs.append((key.strip(), label.strip()))
        return pairs

    def clean(self):
        data = super().clean()
        parent, condition = data.get("parent"), (data.get("condition") or "").strip()
        data["condition"] = condition
        if parent is not None and not condition:
            self.add_error("condition", _("A follow-up says after which answer it is asked."))
        if parent is not None and data.get("section") and parent.section_id != data["section"].pk:
            data["section"] = parent.section  # a follow-up stays in its question's section
        return data


class ArticleLinksForm(forms.ModelForm):
    guide_url = forms.URLField(
        label=_("Legislative guide (address)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://www.unodc.org/…"}),
    )
    sherloc_url = forms.URLField(
        label=_("SHERLOC (address)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://sherloc.unodc.org/…"}),
    )

    class Meta:
        model = Article
        fields = ["guide_url", "sherloc_url"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Questionnaire file (YAML or JSON)"),
        help_text=_("The format the download gives; see the questionnaire file format in the documentation."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error
