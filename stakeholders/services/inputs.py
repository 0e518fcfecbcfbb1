"""Written input of stakeholders, on a constructive dialogue or on a State's review, with its files.

Files are checked as evidence files are (the kind is read from the bytes, the name must agree)
before anything is stored: an input with one refused file is refused whole, and no file of it
is left behind.
"""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reviews.file_kinds import FileKind, UploadRefused, checked_kind, sha256_of
from reviews.models import CountryReview
from reviews.notifications import review_data
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.notifications.enums import NotificationKind
from revmod.notifications.services import notify
from stakeholders import permissions
from stakeholders.models import (
    ConstructiveDialogue,
    DialogueApplication,
    InputFile,
    ReviewConsultation,
    StakeholderInput,
    StakeholderProfile,
)
from stakeholders.services.errors import StakeholderError

TEXT_MAX_LENGTH = 20_000
NAME_MAX_LENGTH = 200  # InputFile.name


def check_upload(upload: File) -> FileKind:
    """The kind of an uploaded file, or a StakeholderError naming the file and saying why it is refused."""
    try:
        return checked_kind(upload, max_bytes=settings.STAKEHOLDER_FILE_MAX_BYTES)
    except UploadRefused as refused:
        raise StakeholderError(_refusal(refused, PurePath(upload.name or "").name)) from refused


def _refusal(refused: UploadRefused, name: str) -> str:
    values = {**refused.values, "name": name}
    if refused.reason == "empty":
        return _("The file “%(name)s” is empty.") % values
    if refused.reason == "too_large":
        return _("The file “%(name)s” is larger than %(limit)s, the most a file may be.") % {
            "name": name,
            "limit": filesizeformat(values["limit"]),
        }
    if refused.reason == "kind":
        return _("The file “%(name)s” is of a type that cannot be sent. These can: %(kinds)s.") % values
    return _("The name of “%(name)s” does not match its content (%(kind)s): name it with %(expected)s.") % values


def _checked(text: str, uploads: list) -> tuple[str, list[tuple[File, FileKind]]]:
    text = (text or "").strip()
    if not text:
        raise StakeholderError(_("Write your input."))
    if len(text) > TEXT_MAX_LENGTH:
        raise StakeholderError(_("The text is too long: at most %(count)d characters.") % {"count": TEXT_MAX_LENGTH})
    most = settings.STAKEHOLDER_FILES_PER_INPUT
    if len(uploads) > most:
        raise StakeholderError(
            ngettext("Send at most %(count)d file.", "Send at most %(count)d files.", most) % {"count": most}
        )
    return text, [(upload, check_upload(upload)) for upload in uploads]


def _store(sent: StakeholderInput, files: list[tuple[File, FileKind]], stored: list[InputFile]) -> None:
    for upload, kind in files:
        name = "".join(c for c in PurePath(upload.name or "").name if c.isprintable() and c not in '/\\"')
        entry = InputFile(
            input=sent,
            name=name[:NAME_MAX_LENGTH] or kind.extension,
            token=secrets.token_urlsafe(24),
            extension=kind.extension,
            content_type=kind.content_type,
            size=upload.size,
            sha256=sha256_of(upload),
        )
        stored.append(entry)
        entry.file.save(entry.token + kind.extension, upload, save=False)
        entry.save()


def _send(*, author, text: str, uploads: list, dialogue=None, review=None) -> StakeholderInput:
    text, files = _checked(text, uploads)
    profile = StakeholderProfile.objects.filter(user=author).first()
    stored: list[InputFile] = []
    try:
        with transaction.atomic():
            sent = StakeholderInput.objects.create(
                author=author,
                dialogue=dialogue,
                review=review,
                organisation=profile.organisation if profile else "",
                text=text,
            )
            _store(sent, files, stored)
            record(
                AuditAction.STAKEHOLDER_INPUT_SENT,
                actor=author,
                target=sent,
                review_id=review.pk if review is not None else None,
                data={
                    "input": sent.pk,
                    "dialogue": dialogue.pk if dialogue is not None else None,
                    "files": [{"name": entry.name, "sha256": entry.sha256, "size": entry.size} for entry in stored],
                },
            )
            if review is not None:
                _tell_readers(sent, review)
    except BaseException:
        for entry in stored:
            if entry.file.name:
                entry.file.storage.delete(entry.file.name)
        raise
    return sent


def send_dialogue_input(
    dialogue: ConstructiveDialogue, *, author, application: DialogueApplication | None, text: str, uploads: list
) -> StakeholderInput:
    """Written input on a dialogue, from an applicant who was not refused, until its summary is out."""
    if not permissions.can_send_dialogue_input(author, dialogue, application):
        raise StakeholderError(_("You cannot send input on this dialogue."))
    return _send(author=author, text=text, uploads=uploads, dialogue=dialogue)


def send_review_input(consultation: ReviewConsultation, *, author, text: str, uploads: list) -> StakeholderInput:
    """Written input on a State's review that accepts it; its readers are notified."""
    if not permissions.consultations_open_to(author).filter(pk=consultation.pk).exists():
        raise StakeholderError(_("This review no longer accepts input."))
    return _send(author=author, text=text, uploads=uploads, review=consultation.review)


def _tell_readers(sent: StakeholderInput, review: CountryReview) -> None:
    readers = [participant.user for participant in permissions.input_readers(review).select_related("user")]
    with translation.override("en"):  # stored in English; each reader gets it in their language
        url = reverse("stakeholders:review_input", args=[review.pk])
    data = review_data(review, person=sent.author.full_name, organisation=sent.organisation)
    notify(readers, NotificationKind.STAKEHOLDER_INPUT, url=f"{url}#input-{sent.pk}", review_id=review.pk, data=data)


@transaction.atomic
def open_to_input(review: CountryReview, *, accepting: bool, by) -> ReviewConsultation:
    """The State under review accepts stakeholder input on its review, or stops accepting it."""
    if not permissions.can_open_to_input(by, review):
        raise StakeholderError(_("Only the focal point of the State under review decides this."))
    consultation, _created = ReviewConsultation.objects.select_for_update().get_or_create(
        review=review, defaults={"is_open": accepting, "changed_by": by}
    )
    consultation.is_open = accepting
    consultation.changed_by = by
    consultation.changed_at = timezone.now()
    consultation.save(update_fields=["is_open", "changed_by", "changed_at"])
    record(
        AuditAction.STAKEHOLDER_INPUT_OPENED if accepting else AuditAction.STAKEHOLDER_INPUT_CLOSED,
        actor=by,
        target=review,
        review_id=review.pk,
    )
    return consultation
