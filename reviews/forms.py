from __future__ import annotations

import datetime as dt
import difflib
import random
import re

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reviews.answer_values import NeedInput
from reviews.enums import AnswerKind, CommentKind, CycleStatus, ParticipantRole, Step, ThreadVisibility
from reviews.models import Instrument, Question, ReviewCycle
from revmod.states.enums import InstrumentCode, RegionalGroup


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def value_from_post(question: Question, data) -> object:
    """The raw answer the form sent for ``question`` (checked later by the service)."""
    name = field_name(question)
    kind = AnswerKind(question.kind)
    if kind == AnswerKind.MULTIPLE_CHOICE:
        return data.getlist(name)
    if kind == AnswerKind.LEGISLATION:
        rows = zip(
            data.getlist(f"{name}-title"), data.getlist(f"{name}-provision"), data.getlist(f"{name}-url"), strict=False
        )
        return [{"title": title, "provision": provision, "url": url} for title, provision, url in rows]
    return data.get(name, "")


def needs_from_post(question: Question, data) -> list[NeedInput] | None:
    """The technical assistance needs the form sent with the answer, or None when it sent no needs.

    Rows are parallel lists; a row whose "remove" box is ticked (its value is the row's index) is left out.
    """
    name = field_name(question)
    if not question.asks_assistance_needs or f"{name}-needs" not in data:
        return None
    removed = set(data.getlist(f"{name}-need-remove"))
    rows = zip(
        data.getlist(f"{name}-need-category"),
        data.getlist(f"{name}-need-article"),
        data.getlist(f"{name}-need-priority"),
        data.getlist(f"{name}-need-text"),
        strict=False,
    )
    return [
        NeedInput(category=category, article=article, priority=priority, text=text)
        for index, (category, article, priority, text) in enumerate(rows)
        if str(index) not in removed
    ]


def need_rows(question: Question, data, *, posted: bool) -> list[NeedInput]:
    """The rows the answer editor shows: what was posted (when not saved) or what is stored, and one blank."""
    rows = needs_from_post(question, data) if posted else None
    if rows is None:
        rows = [
            NeedInput(
                category=str(need.category_id),
                article=str(need.article_id or ""),
                priority=need.priority,
                text=need.text,
            )
            for need in getattr(question, "needs", [])
        ]
    return [row for row in rows if not row.is_blank] + [NeedInput()]


def base_revision_from_post(question: Question, data) -> int | None:
    raw = data.get(f"{field_name(question)}-rev")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _choices_as_text(question: Question, value) -> str:
    labels = {choice.key: choice.label for choice in question.choices.all()}
    keys = value if isinstance(value, list) else [value]
    return "; ".join(str(labels.get(key, key)) for key in keys)


def _citations_as_text(question: Question, value, *, isolated: bool = False) -> str:
    parts = ((item.get("title"), item.get("provision"), item.get("url")) for item in value if isinstance(item, dict))
    wrap = isolate if isolated else str
    return "\n".join(" · ".join(wrap(part) for part in citation if part) for citation in parts)


def isolate(text: str) -> str:
    """Text whose direction is its own (Unicode first-strong isolate), whatever the line around it.

    Without it, a right-to-left document moves the neutral end of an address to its other end:
    "https://example.org/law/" read "/https://example.org/law".
    """
    return f"\u2068{text}\u2069"


def _date_as_text(question: Question, value) -> str:
    try:
        return formats.date_format(dt.date.fromisoformat(str(value)), "DATE_FORMAT")
    except ValueError:
        return str(value)


def _number_as_text(question: Question, value) -> str:
    return formats.number_format(value, use_l10n=True) if isinstance(value, int | float) else str(value)


AS_TEXT = {
    AnswerKind.YES_NO: lambda question, value: gettext("Yes") if value == "yes" else gettext("No"),
    AnswerKind.SINGLE_CHOICE: _choices_as_text,
    AnswerKind.MULTIPLE_CHOICE: _choices_as_text,
    AnswerKind.LEGISLATION: _citations_as_text,
    AnswerKind.DATE: _date_as_text,
    AnswerKind.NUMBER: _number_as_text,
}


def value_as_text(question: Question, value, *, isolated: bool = False) -> str:
    """An answer as plain text in the reader's language: for diffs, e-mails, exports and conflicts.

    ``isolated``: for documents that may read right to left, each part of a citation keeps its direction.
    """
    if value is None:
        return ""
    if isolated and question.kind == AnswerKind.LEGISLATION:
        return _citations_as_text(question, value, isolated=True)
    as_text = AS_TEXT.get(AnswerKind(question.kind))
    return as_text(question, value) if as_text else str(value)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(operation, text) pieces: "equal", "delete" or "insert", word by word."""
    before, after = old.split(" "), new.split(" ")
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            pieces.append(("delete", " ".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            pieces.append(("insert", " ".join(after[j1:j2])))
        if tag == "equal":
            pieces.append(("equal", " ".join(before[i1:i2])))
    return pieces


class MoveReviewForm(forms.Form):
    to_step = forms.ChoiceField(label=_("Move to step"), choices=Step.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class AddParticipantForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)


class CycleForm(forms.ModelForm):
    instruments: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Instruments covered"),
        queryset=Instrument.objects.order_by("order"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The Convention is always reviewed; add the Protocols this cycle covers."),
    )
    required_languages = forms.MultipleChoiceField(
        label=_("Languages the questionnaires must be in"),
        choices=[(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Besides English: a questionnaire of this cycle is published only once translated into each."),
    )

    class Meta:
        model = ReviewCycle
        fields = ["title", "cluster", "first_year", "group_count", "requires_onboarding", "required_languages"]
        labels = {"cluster": _("Cluster")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_year"].validators.append(MinValueValidator(2000))
        self.fields["group_count"].validators += [MinValueValidator(1), MaxValueValidator(5)]
        self.fields["group_count"].help_text = _(
            "States are drawn into this many groups, starting in consecutive years."
        )
        if self.instance.pk:
            self.initial["instruments"] = list(self.instance.instruments.all()) or list(Instrument.objects.all())

    def clean_instruments(self):
        instruments = list(self.cleaned_data["instruments"])
        if not any(instrument.code == InstrumentCode.CONVENTION for instrument in instruments):
            raise forms.ValidationError(_("Every cycle reviews the Convention: tick it."))
        return instruments

    def clean_required_languages(self) -> list[str]:
        chosen = set(self.cleaned_data["required_languages"])
        return [code for code, _name in settings.LANGUAGES if code in chosen]


class DrawForm(forms.Form):
    cycle = forms.ModelChoiceField(
        label=_("Review cycle"),
        queryset=ReviewCycle.objects.filter(draw__isnull=True)
        .exclude(status=CycleStatus.CLOSED)
        .select_related("cluster"),
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=2**62,
        help_text=_("Leave empty to draw a new random seed. The seed is recorded so the draw can be reproduced."),
    )

    def clean_seed(self) -> int:
        seed = self.cleaned_data.get("seed")
        return seed if seed is not None else random.SystemRandom().randrange(2**31)


class OverviewFilterForm(forms.Form):
    q = forms.CharField(label=_("State"), required=False, max_length=100)
    step = forms.ChoiceField(label=_("Step"), required=False, choices=[("", _("All steps")), *Step.choices])
    group = forms.TypedChoiceField(
        label=_("Review group"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All groups")), (1, "1"), (2, "2"), (3, "3")],
    )
    cluster = forms.TypedChoiceField(
        label=_("Cluster"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All clusters")), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )
    regional_group = forms.ChoiceField(
        label=_("Regional group"), required=False, choices=[("", _("All regional groups")), *RegionalGroup.choices]
    )
    overdue = forms.BooleanField(label=_("Only overdue reviews"), required=False)


IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")


def idempotency_key_from(request) -> str | None:
    """The key a page chose for one attempt to write: the ``Idempotency-Key`` header or form field."""
    key = request.headers.get("Idempotency-Key") or request.POST.get("idempotency_key") or ""
    return key if IDEMPOTENCY_KEY.fullmatch(key) else None


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You can use **bold**, *italics*, lists and links. Mention someone with @[Full name]."),
    )
    visibility = forms.ChoiceField(choices=ThreadVisibility.choices, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=CommentKind.choices, required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AssistanceCategoryForm(forms.Form):
    """The name of a category of technical assistance in each language of the product; English is required."""

    def __init__(self, *args, category=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code, language in settings.LANGUAGES:
            column = code.replace("-", "_")
            self.fields[column] = forms.CharField(
                label=gettext("Name in %(language)s") % {"language": language},
                max_length=200,
                required=code == settings.LANGUAGE_CODE,
                widget=forms.TextInput(attrs={"lang": code, "dir": "auto"}),
            )
            if category is not None and not self.is_bound:
                self.initial[column] = getattr(category, f"name_{column}") or ""
