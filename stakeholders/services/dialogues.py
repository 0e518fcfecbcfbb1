"""Constructive dialogues: the secretariat holds them, stakeholders apply, a summary is published after."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from revmod.accounts.services import send_in_language
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from stakeholders import permissions
from stakeholders.enums import ApplicationStatus
from stakeholders.models import ConstructiveDialogue, DialogueApplication
from stakeholders.services.errors import StakeholderError

DIALOGUE_FIELDS = ("title", "cycle", "description", "held_at", "place", "online_link", "application_deadline")


def _check_dates(fields: dict) -> None:
    if fields["application_deadline"] > fields["held_at"]:
        raise StakeholderError(_("Applications must close before the dialogue is held."))


def _audit_data(dialogue: ConstructiveDialogue) -> dict:
    return {"dialogue": dialogue.pk, "title": dialogue.title, "held_at": dialogue.held_at.isoformat()}


@transaction.atomic
def create_dialogue(*, by, **fields) -> ConstructiveDialogue:
    if not permissions.can_manage_stakeholders(by):
        raise StakeholderError(_("Only the secretariat holds constructive dialogues."))
    _check_dates(fields)
    dialogue = ConstructiveDialogue.objects.create(created_by=by, **{name: fields[name] for name in DIALOGUE_FIELDS})
    record(AuditAction.DIALOGUE_CREATED, actor=by, target=dialogue, data=_audit_data(dialogue))
    return dialogue


@transaction.atomic
def update_dialogue(dialogue: ConstructiveDialogue, *, by, **fields) -> ConstructiveDialogue:
    if not permissions.can_manage_stakeholders(by):
        raise StakeholderError(_("Only the secretariat holds constructive dialogues."))
    _check_dates(fields)
    for name in DIALOGUE_FIELDS:
        setattr(dialogue, name, fields[name])
    dialogue.save(update_fields=list(DIALOGUE_FIELDS))
    record(AuditAction.DIALOGUE_CHANGED, actor=by, target=dialogue, data=_audit_data(dialogue))
    return dialogue


def apply_for_dialogue(dialogue: ConstructiveDialogue, *, user, motivation: str) -> DialogueApplication:
    """A stakeholder asks to take part, once, while applications are open."""
    motivation = (motivation or "").strip()
    if not motivation:
        raise StakeholderError(_("Say why you wish to take part."))
    if not permissions.can_apply(user, dialogue, None) or not dialogue.accepts_applications:
        raise StakeholderError(_("Applications to this dialogue are closed."))
    try:
        with transaction.atomic():
            application = DialogueApplication.objects.create(dialogue=dialogue, stakeholder=user, motivation=motivation)
            record(AuditAction.DIALOGUE_APPLIED, actor=user, target=dialogue, data={"application": application.pk})
    except IntegrityError:
        raise StakeholderError(_("You have already applied to take part in this dialogue.")) from None
    return application


@transaction.atomic
def decide_application(application: DialogueApplication, *, approve: bool, by) -> DialogueApplication:
    """Approve or refuse an applicant, and tell them by e-mail in their language."""
    if not permissions.can_manage_stakeholders(by):
        raise StakeholderError(_("Only the secretariat approves the participants."))
    application = (
        DialogueApplication.objects.select_for_update().select_related("dialogue", "stakeholder").get(pk=application.pk)
    )
    if application.status != ApplicationStatus.PENDING:
        raise StakeholderError(_("This application has already been decided."))
    application.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REFUSED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at"])
    record(
        AuditAction.DIALOGUE_PARTICIPANT_DECIDED,
        actor=by,
        target=application.dialogue,
        data={
            "application": application.pk,
            "stakeholder": application.stakeholder.email,
            "status": application.status,
        },
    )
    transaction.on_commit(lambda: _tell_applicant(application))
    return application


def _tell_applicant(application: DialogueApplication) -> None:
    send_in_language(
        application.stakeholder,
        subject_template="stakeholders/email/application_subject.txt",
        body_template="stakeholders/email/application.txt",
        context={
            "application": application,
            "dialogue": application.dialogue,
            "approved": application.status == ApplicationStatus.APPROVED,
            "url": dialogue_url(application.stakeholder, application.dialogue),
        },
    )


@transaction.atomic
def save_summary(dialogue: ConstructiveDialogue, *, text: str, by) -> ConstructiveDialogue:
    if not permissions.can_manage_stakeholders(by):
        raise StakeholderError(_("Only the secretariat writes the summary."))
    dialogue = ConstructiveDialogue.objects.select_for_update().get(pk=dialogue.pk)
    if dialogue.summary_published_at is not None:
        raise StakeholderError(_("The summary is published and can no longer be changed."))
    dialogue.summary = (text or "").strip()
    dialogue.save(update_fields=["summary"])
    return dialogue


@transaction.atomic
def publish_summary(dialogue: ConstructiveDialogue, *, by) -> ConstructiveDialogue:
    """Put the summary on the public page; only once the dialogue has been held."""
    dialogue = ConstructiveDialogue.objects.select_for_update().get(pk=dialogue.pk)
    if not permissions.can_publish_summary(by, dialogue):
        if dialogue.summary_published_at is not None:
            raise StakeholderError(_("The summary is already published."))
        raise StakeholderError(_("The summary can be published once the dialogue has been held."))
    if not dialogue.summary.strip():
        raise StakeholderError(_("Write the summary before publishing it."))
    dialogue.summary_published_at = timezone.now()
    dialogue.summary_published_by = by
    dialogue.save(update_fields=["summary_published_at", "summary_published_by"])
    record(AuditAction.DIALOGUE_SUMMARY_PUBLISHED, actor=by, target=dialogue, data=_audit_data(dialogue))
    return dialogue


def dialogue_url(user, dialogue: ConstructiveDialogue) -> str:
    """The dialogue's page, in the language of the person the link is for."""
    with translation.override(user.preferred_language):
        return f"{settings.SITE_URL}{reverse('stakeholders:dialogue', args=[dialogue.pk])}"
