"""Evidence files: the texts of laws, reports and judgments an answer carries.

The type of a file is read from its bytes (its magic numbers, the members of a zip), never
from its name or from what the browser says; the name must agree with the content. A file is
stored under a random token, never under the uploader's name, and never deleted: a withdrawn
file stays in the answer's history. Adding or withdrawing one changes the answer's content,
so a cleared answer goes back to drafted.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews import permissions
from reviews.file_kinds import FileKind, UploadRefused, checked_kind, sha256_of
from reviews.models import Answer, CountryReview, Evidence, Question
from reviews.services.clearance import note_content_changed
from reviews.services.errors import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.storage import StorageFull

TITLE_MAX_LENGTH = 300  # Evidence.title


def check_upload(upload: File) -> FileKind:
    """The kind of an uploaded file, or a ReviewError saying why it cannot be attached."""
    try:
        return checked_kind(upload, max_bytes=settings.EVIDENCE_MAX_BYTES)
    except UploadRefused as refused:
        raise ReviewError(_refusal(refused)) from refused


def _refusal(refused: UploadRefused) -> str:
    values = refused.values
    if refused.reason == "empty":
        return _("The file is empty.")
    if refused.reason == "too_large":
        return _("The file is larger than %(limit)s, the most an evidence file may be.") % {
            "limit": filesizeformat(values["limit"])
        }
    if refused.reason == "kind":
        return _("This type of file cannot be attached. These can: %(kinds)s.") % values
    return (
        _(
            "The file's name ends in “%(extension)s” but its content is of another kind (%(kind)s): "
            "give it the right name (%(expected)s) or choose another file."
        )
        % values
    )


def add_evidence(
    review: CountryReview, question: Question, *, upload: File | None, title: str, language: str, user
) -> Evidence:
    """Attach a file to the answer to ``question``, creating the answer when there is none yet.

    Refused (a ReviewError, nothing stored, no file left behind) when the user may not answer,
    the title or language is missing, or the file is empty, too large, of a kind not allowed or
    named as another kind. A cleared answer goes back to drafted:
    ``evidence.answer.clearance_withdrawn`` says so.
    """
    if not permissions.can_answer(user, review):
        raise ReviewError(_("The questionnaire cannot be changed now."))
    if not review.questionnaires.filter(pk=question.questionnaire_id).exists():
        raise ReviewError(_("This question is not part of the review."))
    title = (title or "").strip()
    if not title:
        raise ReviewError(_("Give the evidence file a title."))
    if len(title) > TITLE_MAX_LENGTH:
        raise ReviewError(_("The title is too long."))
    if language not in dict(settings.LANGUAGES):
        raise ReviewError(_("Choose the language the file is written in."))
    if upload is None:
        raise ReviewError(_("Choose the file to attach."))
    kind = check_upload(upload)
    evidence = Evidence(
        title=title,
        language=language,
        token=secrets.token_urlsafe(24),
        extension=kind.extension,
        content_type=kind.content_type,
        size=upload.size,
        sha256=sha256_of(upload),
        added_by=user,
    )
    try:
        with transaction.atomic():
            answer, _created = Answer.objects.select_for_update().get_or_create(review=review, question=question)
            evidence.answer = answer
            evidence.added_in_revision = answer.revision
            evidence.file.save(evidence.token + kind.extension, upload, save=False)
            evidence.save()
            answer.clearance_withdrawn = note_content_changed(answer, user=user)
            record(
                AuditAction.EVIDENCE_ADDED,
                actor=user,
                target=answer,
                review_id=review.pk,
                data=_audit_data(evidence, question),
            )
    except StorageFull as error:  # the storage kept nothing of the file, the transaction nothing else
        raise ReviewError(
            _("The server has no room left to store files. The file was not attached; tell the secretariat.")
        ) from error
    except BaseException:
        if evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


@transaction.atomic
def withdraw_evidence(evidence: Evidence, *, user) -> Evidence:
    """Take a file off its answer. It is kept, and stays downloadable from the answer's history."""
    answer = Answer.objects.select_for_update().select_related("review", "question").get(pk=evidence.answer_id)
    if not permissions.can_answer(user, answer.review):
        raise ReviewError(_("The questionnaire cannot be changed now."))
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if evidence.is_removed:
        raise ReviewError(_("This evidence file has already been withdrawn."))
    evidence.removed_at = timezone.now()
    evidence.removed_by = user
    evidence.save(update_fields=["removed_at", "removed_by"])
    evidence.answer = answer
    answer.clearance_withdrawn = note_content_changed(answer, user=user)
    record(
        AuditAction.EVIDENCE_REMOVED,
        actor=user,
        target=answer,
        review_id=answer.review_id,
        data=_audit_data(evidence, answer.question),
    )
    return evidence


def _audit_data(evidence: Evidence, question: Question) -> dict:
    return {
        "question": question.number,
        "evidence": evidence.pk,
        "title": evidence.title,
        "sha256": evidence.sha256,
        "size": evidence.size,
    }
