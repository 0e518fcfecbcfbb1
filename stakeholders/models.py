"""Non-governmental stakeholders: who they are, the constructive dialogues, and the written input they send."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stakeholders.enums import ApplicationStatus, OrganisationKind


class StakeholderProfile(models.Model):
    """What a stakeholder said of their organisation when registering; the secretariat decides on it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stakeholder_profile")
    organisation = models.CharField(_("organisation"), max_length=200)
    kind = models.CharField(_("kind of organisation"), max_length=20, choices=OrganisationKind.choices)
    # The organisation's country, not a State the person represents (user.state stays empty).
    country = models.ForeignKey(
        "states.MemberState", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    area_of_work = models.CharField(_("area of work"), max_length=500)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    refused_at = models.DateTimeField(_("refused"), null=True, blank=True)

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("stakeholder profile")
        verbose_name_plural = _("stakeholder profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class ConstructiveDialogue(models.Model):
    """A dialogue with stakeholders, after the sessions of a review cycle or of a working group."""

    title = models.CharField(_("title"), max_length=200)
    cycle = models.ForeignKey(
        "reviews.ReviewCycle",
        verbose_name=_("review cycle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    held_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("link to join online"), blank=True)
    application_deadline = models.DateTimeField(_("applications close"))
    summary = models.TextField(_("summary"), blank=True)
    summary_published_at = models.DateTimeField(_("summary published"), null=True, blank=True)
    summary_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_at", "pk"]
        verbose_name = _("constructive dialogue")
        verbose_name_plural = _("constructive dialogues")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(application_deadline__lte=models.F("held_at")),
                name="dialogue_applications_close_before_it_is_held",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def accepts_applications(self) -> bool:
        return timezone.now() < self.application_deadline

    @property
    def is_over(self) -> bool:
        return self.held_at <= timezone.now()


class DialogueApplication(models.Model):
    """A stakeholder asks to take part in a dialogue; the secretariat approves or refuses."""

    dialogue = models.ForeignKey(ConstructiveDialogue, on_delete=models.CASCADE, related_name="applications")
    stakeholder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dialogue_applications"
    )
    motivation = models.TextField(_("motivation"))
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    applied_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["applied_at", "pk"]
        verbose_name = _("application to a dialogue")
        verbose_name_plural = _("applications to dialogues")
        constraints = [models.UniqueConstraint(fields=["dialogue", "stakeholder"], name="one_application_per_dialogue")]

    def __str__(self) -> str:
        return f"{self.stakeholder} · {self.dialogue}"


class ReviewConsultation(models.Model):
    """A State under review that accepts stakeholder input on its review (opted in by its focal point)."""

    review = models.OneToOneField("reviews.CountryReview", on_delete=models.CASCADE, related_name="+")
    is_open = models.BooleanField(_("accepting input"), default=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("stakeholder consultation")
        verbose_name_plural = _("stakeholder consultations")

    def __str__(self) -> str:
        return str(self.review)


class StakeholderInput(models.Model):
    """Written input of a stakeholder: on a constructive dialogue, or on a State's review. Never edited."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="stakeholder_inputs")
    dialogue = models.ForeignKey(
        ConstructiveDialogue, on_delete=models.CASCADE, null=True, blank=True, related_name="inputs"
    )
    review = models.ForeignKey(
        "reviews.CountryReview", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # As it was when the input was sent: the profile may change later.
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("stakeholder input")
        verbose_name_plural = _("stakeholder inputs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dialogue__isnull=False, review__isnull=True)
                | models.Q(dialogue__isnull=True, review__isnull=False),
                name="input_on_a_dialogue_or_a_review",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author} · {self.submitted_at:%Y-%m-%d}"


def input_file_path(instance: InputFile, filename: str) -> str:
    return f"stakeholders/{filename}"


class InputFile(models.Model):
    """A file sent with an input, stored under a random token, downloaded through a checked view."""

    input = models.ForeignKey(StakeholderInput, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("name"), max_length=200)
    file = models.FileField(_("file"), upload_to=input_file_path, max_length=300)
    token = models.CharField(max_length=64, unique=True, editable=False)
    extension = models.CharField(max_length=10, editable=False)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["input", "pk"]
        verbose_name = _("file of an input")
        verbose_name_plural = _("files of inputs")

    def __str__(self) -> str:
        return self.name
