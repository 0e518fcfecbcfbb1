"""Cycles, the drawing of lots, country reviews, their participants and steps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.enums import CycleStatus, PairingKind, ParticipantRole, ReviewPermission, Side, Step
from reviews.models.questionnaires import Cluster, Instrument, Questionnaire


class ReviewCycle(models.Model):
    """One phase of the mechanism: a cluster reviewed over several years, in groups."""

    title = models.CharField(_("title"), max_length=200)
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="cycles")
    first_year = models.PositiveSmallIntegerField(_("first year"))
    group_count = models.PositiveSmallIntegerField(_("number of review groups"), default=3)
    requires_onboarding = models.BooleanField(
        _("answering requires the onboarding course"),
        default=False,
        help_text=_("People of the State under review must complete the onboarding course before answering."),
    )
    instruments = models.ManyToManyField(
        Instrument,
        verbose_name=_("instruments covered"),
        related_name="cycles",
        blank=True,
        help_text=_("The Convention and the Protocols this cycle reviews; empty means all of them."),
    )
    status = models.CharField(_("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.PLANNED)
    step_days = models.JSONField(
        _("days per step"),
        default=dict,
        blank=True,
        help_text=_("The days each step may take in this cycle; a step not listed takes the default."),
    )
    required_languages = models.JSONField(
        _("languages the questionnaires must be in"),
        default=list,
        blank=True,
        help_text=_("A questionnaire of this cycle is published only when it is complete in each of them."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-first_year", "cluster__number"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == CycleStatus.CLOSED

    @property
    def is_drawn(self) -> bool:
        return hasattr(self, "draw")


class ReviewGroup(models.Model):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("group"))
    year = models.PositiveSmallIntegerField(_("starting year"))

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("review group")
        verbose_name_plural = _("review groups")
        constraints = [models.UniqueConstraint(fields=["cycle", "number"], name="unique_group_number")]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.number} ({self.year})"


class Draw(models.Model):
    """The record of one drawing of lots: its seed and everything it decided."""

    cycle = models.OneToOneField(ReviewCycle, on_delete=models.CASCADE, related_name="draw")
    seed = models.BigIntegerField(_("seed"))
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    drawn_at = models.DateTimeField(_("drawn at"), default=timezone.now)
    parameters = models.JSONField(_("parameters"), default=dict)
    log = models.JSONField(_("log"), default=list)

    class Meta:
        verbose_name = _("drawing of lots")
        verbose_name_plural = _("drawings of lots")

    def __str__(self) -> str:
        return f"{self.cycle} · seed {self.seed}"


class StepDuration(models.Model):
    """How long a step may take by default (reference.yaml); a cycle may set its own days per step."""

    step = models.CharField(_("step"), max_length=20, choices=Step.choices, unique=True)
    days = models.PositiveIntegerField(_("days allowed"))

    class Meta:
        verbose_name = _("step duration")
        verbose_name_plural = _("step durations")

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.days}"


class CountryReview(models.Model):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="reviews")
    group = models.ForeignKey(ReviewGroup, on_delete=models.PROTECT, related_name="reviews")
    state = models.ForeignKey(
        "states.MemberState", on_delete=models.PROTECT, related_name="reviews", verbose_name=_("State under review")
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.DRAWN)
    step_started_at = models.DateTimeField(_("step started"), default=timezone.now)
    due_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    working_language = models.CharField(
        _("working language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    other_working_languages = models.JSONField(
        _("other working languages"),
        default=list,
        blank=True,
        help_text=_("Languages the review also works in, besides its main working language."),
    )
    submitted_at = models.DateTimeField(_("questionnaire submitted"), null=True, blank=True)
    questionnaires = models.ManyToManyField(Questionnaire, related_name="reviews", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Not columns: what reviews.selectors.my_reviews and the dashboard panel set on each review.
    to_draft: int
    draft_questionnaire: int | None
    to_clear: int
    to_sign: int
    to_clarify: int

    class Meta:
        ordering = ["group__year", "state__name"]
        verbose_name = _("country review")
        verbose_name_plural = _("country reviews")
        permissions = [(perm.value, perm.label) for perm in ReviewPermission if perm != ReviewPermission.VIEW]
        constraints = [models.UniqueConstraint(fields=["cycle", "state"], name="one_review_per_state_and_cycle")]
        indexes = [models.Index(fields=["step", "due_at"])]

    def __str__(self) -> str:
        return f"{self.state} · {self.cycle}"

    @property
    def is_overdue(self) -> bool:
        return self.step != Step.FINALIZED and self.due_at is not None and self.due_at < timezone.now()

    @property
    def working_languages(self) -> list[str]:
        """The main working language first, then the others."""
        others = [code for code in self.other_working_languages or [] if code != self.working_language]
        return [self.working_language, *others]

    @property
    def is_locked(self) -> bool:
        """Answers are locked once submitted, until the secretariat reopens the drafting step."""
        return self.step != Step.SAQ_DRAFTING


class ReviewPairing(models.Model):
    """A reviewing State drawn for one instrument of a review."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="pairings")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    reviewing_state = models.ForeignKey("states.MemberState", on_delete=models.PROTECT, related_name="reviewing")
    kind = models.CharField(_("drawn"), max_length=20, choices=PairingKind.choices)
    is_extra = models.BooleanField(
        _("extra reviewer"),
        default=False,
        help_text=_("Drawn because a reviewer of the Convention is not party to this Protocol."),
    )

    class Meta:
        ordering = ["review", "instrument__order", "kind"]
        verbose_name = _("reviewing State")
        verbose_name_plural = _("reviewing States")
        constraints = [
            models.UniqueConstraint(fields=["review", "instrument", "kind"], name="one_reviewer_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewing_state} → {self.review} ({self.instrument})"


class Participant(models.Model):
    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participations")
    state = models.ForeignKey("states.MemberState", on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    is_active = models.BooleanField(_("active"), default=True)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "side", "state__name", "role", "user__full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "state"],
                condition=models.Q(role=ParticipantRole.FOCAL_POINT, is_active=True),
                name="one_active_focal_point_per_state_and_review",
            ),
            models.UniqueConstraint(
                fields=["review", "user"], condition=models.Q(is_active=True), name="one_active_participation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.review}"


class StepTransition(models.Model):
    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="transitions")
    from_step = models.CharField(_("from"), max_length=20, choices=Step.choices, blank=True)
    to_step = models.CharField(_("to"), max_length=20, choices=Step.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["review", "at", "pk"]
        verbose_name = _("step change")
        verbose_name_plural = _("step changes")

    def __str__(self) -> str:
        return f"{self.review}: {self.from_step} → {self.to_step}"


class DeadlineExtension(models.Model):
    """A step's deadline moved by the secretariat, and why."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="extensions")
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    previous_due_at = models.DateTimeField(_("previous deadline"), null=True, blank=True)
    due_at = models.DateTimeField(_("new deadline"))
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "at", "pk"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")

    def __str__(self) -> str:
        return f"{self.review}: {self.get_step_display()} → {self.due_at:%Y-%m-%d}"
