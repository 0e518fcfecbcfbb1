"""Reads of the stakeholders app; a get_x_for_user raises 404 for what the person may not see."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from reviews.models import CountryReview
from revmod.accounts.enums import AccountStatus, GlobalRole
from stakeholders import permissions
from stakeholders.enums import ApplicationStatus
from stakeholders.models import (
    ConstructiveDialogue,
    DialogueApplication,
    InputFile,
    ReviewConsultation,
    StakeholderInput,
    StakeholderProfile,
)


def stakeholders_awaiting_approval() -> QuerySet:
    """Stakeholders who verified their address, oldest first, with their organisation."""
    return (
        get_user_model()
        .objects.filter(global_role=GlobalRole.STAKEHOLDER, status=AccountStatus.PENDING_APPROVAL)
        .select_related("stakeholder_profile__country")
        .order_by("date_joined", "pk")
    )


def profile_of(user) -> StakeholderProfile | None:
    return StakeholderProfile.objects.filter(user=user).select_related("country").first()


def dialogues_for(user) -> QuerySet[ConstructiveDialogue]:
    """The dialogues the person may see, with the number of applications waiting (for the secretariat)."""
    return (
        permissions.dialogues_visible_to(user)
        .select_related("cycle")
        .annotate(waiting=Count("applications", filter=Q(applications__status=ApplicationStatus.PENDING)))
        .order_by("-held_at", "pk")
    )


def get_dialogue_for_user(user, pk: int) -> ConstructiveDialogue:
    return get_object_or_404(permissions.dialogues_visible_to(user).select_related("cycle"), pk=pk)


def application_of(user, dialogue: ConstructiveDialogue) -> DialogueApplication | None:
    if not user.is_authenticated:
        return None
    return DialogueApplication.objects.filter(dialogue=dialogue, stakeholder=user).first()


def applications_of(user) -> QuerySet[DialogueApplication]:
    return DialogueApplication.objects.filter(stakeholder=user).select_related("dialogue").order_by("-applied_at")


def applications_to(dialogue: ConstructiveDialogue) -> QuerySet[DialogueApplication]:
    return dialogue.applications.select_related("stakeholder__stakeholder_profile__country").order_by(
        "applied_at", "pk"
    )


def _with_files(inputs: QuerySet[StakeholderInput]) -> QuerySet[StakeholderInput]:
    return inputs.select_related("author").prefetch_related(Prefetch("files", InputFile.objects.order_by("pk")))


def dialogue_inputs_for(user, dialogue: ConstructiveDialogue) -> QuerySet[StakeholderInput]:
    """Every input for the secretariat; a stakeholder's own for them."""
    inputs = StakeholderInput.objects.filter(dialogue=dialogue)
    if not permissions.can_manage_stakeholders(user):
        inputs = inputs.filter(author=user)
    return _with_files(inputs)


def published_dialogues() -> QuerySet[ConstructiveDialogue]:
    return ConstructiveDialogue.objects.filter(summary_published_at__isnull=False).order_by("-summary_published_at")


# --- Input on a State's review -------------------------------------------------------------


def open_consultations(user) -> QuerySet[ReviewConsultation]:
    """What a stakeholder sees of a review: its State and its cycle, nothing more."""
    return (
        permissions.consultations_open_to(user)
        .select_related("review__state", "review__cycle")
        .order_by("review__state__name", "pk")
    )


def get_consultation_for_stakeholder(user, pk: int) -> ReviewConsultation:
    return get_object_or_404(open_consultations(user), pk=pk)


def my_review_inputs(user, consultation: ReviewConsultation) -> QuerySet[StakeholderInput]:
    return _with_files(StakeholderInput.objects.filter(review_id=consultation.review_id, author=user))


def get_review_for_input_reader(user, pk: int) -> CountryReview:
    review = get_object_or_404(CountryReview.objects.select_related("state", "cycle"), pk=pk)
    if not permissions.can_read_review_input(user, review):
        raise Http404
    return review


def consultation_of(review: CountryReview) -> ReviewConsultation | None:
    return ReviewConsultation.objects.filter(review=review).first()


def review_inputs(review: CountryReview) -> QuerySet[StakeholderInput]:
    return _with_files(StakeholderInput.objects.filter(review=review))


def get_file_for_user(user, pk: int) -> InputFile:
    """A file of an input: for its author, the secretariat, and the readers of the review it is on."""
    file = get_object_or_404(InputFile.objects.select_related("input__review"), pk=pk)
    sent = file.input
    if sent.author_id == user.pk or permissions.can_manage_stakeholders(user):
        return file
    if sent.review is not None and permissions.can_read_review_input(user, sent.review):
        return file
    raise Http404
