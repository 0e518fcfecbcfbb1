"""Instruments, clusters, articles and the versioned self-assessment questionnaires."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.enums import AnswerKind, QuestionnaireStatus
from revmod.states.enums import InstrumentCode

if TYPE_CHECKING:
    from reviews.models import Answer, AssistanceNeed, Comment, Evidence


class Instrument(models.Model):
    code = models.CharField(_("code"), max_length=16, choices=InstrumentCode.choices, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.short_name or self.name


class Cluster(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return f"{self.roman} · {self.name}"

    @property
    def roman(self) -> str:
        return {1: "I", 2: "II", 3: "III", 4: "IV"}.get(self.number, str(self.number))


class Article(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="articles")
    number = models.CharField(_("article number"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    clusters = models.ManyToManyField(Cluster, related_name="articles", verbose_name=_("clusters"), blank=True)
    guide_url = models.URLField(_("legislative guide"), max_length=500, blank=True)
    sherloc_url = models.URLField(_("SHERLOC"), max_length=500, blank=True)

    class Meta:
        ordering = ["instrument__order", "number"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="unique_article_per_instrument")]

    def __str__(self) -> str:
        return f"{self.instrument} art. {self.number} · {self.title}"


class Questionnaire(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="questionnaires")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="questionnaires")
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=QuestionnaireStatus.choices, default=QuestionnaireStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    title_en: str | None  # one column per language, added by modeltranslation (reviews/translation.py)
    introduction_en: str | None
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    translations_updated = models.JSONField(_("translations last updated"), default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["cluster__number", "instrument__order", "-version"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "instrument", "version"], name="unique_questionnaire_version"),
            models.UniqueConstraint(
                fields=["cluster", "instrument"],
                condition=models.Q(status=QuestionnaireStatus.PUBLISHED),
                name="one_published_questionnaire_per_cluster_and_instrument",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_editable(self) -> bool:
        """Only drafts change: answers are given against a published version."""
        return self.status == QuestionnaireStatus.DRAFT


class Section(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    article = models.ForeignKey(Article, on_delete=models.PROTECT, null=True, blank=True, related_name="sections")
    title_en: str | None  # one column per language, added by modeltranslation (reviews/translation.py)
    translations_updated = models.JSONField(_("translations last updated"), default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["questionnaire", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [models.UniqueConstraint(fields=["questionnaire", "order"], name="unique_section_order")]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follow-up of"),
    )
    condition = models.CharField(
        _("shown when the parent answer is"),
        max_length=60,
        blank=True,
        help_text=_("For a follow-up: 'yes', 'no' or the key of a choice of the parent question."),
    )
    number = models.CharField(_("number"), max_length=20)
    order = models.PositiveIntegerField(_("order"))
    kind = models.CharField(_("kind of answer"), max_length=20, choices=AnswerKind.choices)
    required = models.BooleanField(_("required"), default=True)
    asks_assistance_needs = models.BooleanField(
        _("asks for technical assistance needs"),
        default=False,
        help_text=_("Under the answer, the State lists its technical assistance needs: category, article, priority."),
    )
    text = models.TextField(_("question"))
    help_text = models.TextField(_("guidance"), blank=True)
    help_text_en: str | None  # one column per language, added by modeltranslation (reviews/translation.py)
    text_en: str | None
    translations_updated = models.JSONField(_("translations last updated"), default=dict, blank=True, editable=False)

    # Not columns: what reviews.selectors.questionnaire_view sets on each question of a review's
    # questionnaire, and what the page and the documents built from that view add for their templates.
    answer: Answer | None
    value: Any
    is_asked: bool
    answer_text: str
    comments: list[Comment]
    discussion_url: str
    history_url: str
    comment_count: int
    discussion_label: str
    revisions_label: str
    answer_pk: int | None  # the read page finds the answer's translated texts by it
    evidence_files: list[Evidence]
    evidence_lines: list[str]
    needs: list[AssistanceNeed]
    need_lines: list[str]
    need_rows: list[Any]

    class Meta:
        ordering = ["questionnaire", "order"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="unique_question_number"),
            models.UniqueConstraint(fields=["questionnaire", "order"], name="unique_question_order"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    key = models.SlugField(_("key"), max_length=60)
    label = models.CharField(_("label"), max_length=300)
    order = models.PositiveIntegerField(_("order"), default=0)
    label_en: str | None  # one column per language, added by modeltranslation (reviews/translation.py)
    translations_updated = models.JSONField(_("translations last updated"), default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["question", "order"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="unique_choice_key")]

    def __str__(self) -> str:
        return self.label
