"""The dialogue on a review: threads, comments, replies, mentions, clarification requests."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reviews import notifications, permissions, selectors
from reviews.enums import CommentKind, Side, ThreadVisibility
from reviews.events import publish_to_thread
from reviews.markup import mentioned_names, render_comment
from reviews.models import Answer, Comment, CommentVersion, CountryReview, Participant, Question, Thread

MAX_COMMENT_LENGTH = 10_000


class CommentError(Exception):
    """A comment the rules refuse; the message is for its author."""


def comment_payload(comment: Comment, event: str) -> dict:
    """What a page needs to show a comment; no text in any interface language."""
    deleted = comment.is_deleted
    return {
        "type": event,
        "thread": comment.thread_id,
        "question": comment.thread.question_id,
        "visibility": comment.thread.visibility,
        "id": comment.pk,
        "parent": comment.parent_id,
        "kind": comment.kind,
        "author": comment.author.full_name,
        "author_id": comment.author_id,
        "html": "" if deleted else comment.body_html,
        "language": comment.language,
        "body": "" if deleted else comment.body,
        "created_at": comment.created_at.isoformat(),
        "edited": comment.edited_at is not None,
        "deleted": deleted,
        "answer_revision": comment.answer_revision,
        "seq": comment.change_seq,
    }


def _writing_language(author) -> str:
    """The interface language the author writes in now (the request's), else the one they prefer."""
    codes = {code for code, _name in settings.LANGUAGES}
    current = translation.get_language()
    return current if current in codes else author.preferred_language


def thread_payload(thread: Thread) -> dict:
    """A thread resolved or reopened, as the live layer and the catch-up both send it."""
    return {
        "type": "thread.resolved" if thread.is_resolved else "thread.reopened",
        "thread": thread.pk,
        "question": thread.question_id,
        "visibility": thread.visibility,
        "by": thread.resolved_by.full_name if thread.resolved_by else "",
        "seq": thread.change_seq,
    }


def change_payload(change: Comment | Thread) -> dict:
    """A change of the dialogue as an event, for a page catching up: the same payload as live."""
    if isinstance(change, Thread):
        return thread_payload(change)
    if change.is_deleted:
        return comment_payload(change, "comment.deleted")
    return comment_payload(change, "comment.updated" if change.edited_at else "comment.created")


def catch_up_message(catch_up: selectors.CatchUp) -> dict:
    """What a page catching up receives, by socket or HTTP: the changes, and where to continue from."""
    return {
        "type": "catch_up",
        "events": [change_payload(change) for change in catch_up.changes],
        "cursor": catch_up.cursor,
        "more": catch_up.more,
    }


def as_cursor(value) -> int:
    """A cursor sent by a page: a change number, 0 when it is missing or not a number."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def next_change_seq(review_id: int) -> int:
    """The number of the next change of a review's dialogue; call inside the transaction that makes it.

    The review's row stays locked until the commit, so the writers of one review take turns
    and their changes commit in the order of their numbers: a page that catches up from
    the last number it saw misses nothing committed before it. (A PostgreSQL sequence would
    hand out numbers in the order transactions start, not the order they commit.) A number
    taken by a transaction that rolls back is simply never used.
    """
    _lock_dialogue(review_id)
    return selectors.last_change_seq(review_id) + 1


def _lock_dialogue(review_id: int) -> None:
    """Lock the review's row until the commit: the writers of its dialogue take turns."""
    list(CountryReview.objects.select_for_update().filter(pk=review_id).values_list("pk", flat=True))


def get_or_create_thread(review: CountryReview, *, question: Question | None, visibility: ThreadVisibility) -> Thread:
    if question is not None and not review.questionnaires.filter(pk=question.questionnaire_id).exists():
        raise CommentError(_("This question is not part of the review."))
    thread, _created = Thread.objects.get_or_create(review=review, question=question, visibility=visibility)
    return thread


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise CommentError(_("Write something first."))
    if len(body) > MAX_COMMENT_LENGTH:
        raise CommentError(_("A comment can hold at most %(max)d characters.") % {"max": MAX_COMMENT_LENGTH})
    return body


def _mentions(review: CountryReview, body: str) -> list:
    names = mentioned_names(body)
    if not names:
        return []
    users = (
        get_user_model()
        .objects.annotate(name_lower=Lower("full_name"))
        .filter(name_lower__in=names, participations__review=review, participations__is_active=True)
    )
    return list(users.distinct())


def _on_reviewed_side(review: CountryReview, user) -> bool:
    return Participant.objects.filter(review=review, user=user, is_active=True, side=Side.REVIEWED).exists()


@transaction.atomic
def post_comment(
    thread: Thread,
    *,
    author,
    body: str,
    parent: Comment | None = None,
    kind: CommentKind = CommentKind.COMMENT,
    idempotency_key: str | None = None,
) -> Comment:
    """Post a comment; a retry with the ``idempotency_key`` of a stored attempt returns that comment.

    A key already used in another review is ignored (the page chooses a new one per attempt).
    """
    review = thread.review
    if idempotency_key:
        _lock_dialogue(review.pk)  # a concurrent retry waits for the first attempt's commit, then finds it
        earlier = selectors.comment_of_attempt(author, idempotency_key)
        if earlier is not None and earlier.thread.review_id == review.pk:
            # The first attempt may have died between its commit and its publication (a worker
            # killed): open pages would never see the comment. Pages ignore an event they have.
            publish_to_thread(earlier.thread, comment_payload(earlier, "comment.created"))
            return earlier
        if earlier is not None:
            idempotency_key = None
    if not permissions.can_post_in_thread(author, thread):
        raise CommentError(_("You cannot write in this thread."))
    if thread.is_resolved:
        raise CommentError(_("This thread is resolved. Reopen it to write in it."))
    body = _check_body(body)
    if parent is not None:
        if parent.thread_id != thread.pk:
            raise CommentError(_("The comment you reply to is in another thread."))
        parent = parent.parent or parent  # one level of replies
    if kind == CommentKind.CLARIFICATION:
        if thread.visibility != ThreadVisibility.ALL or parent is not None:
            raise CommentError(_("A request for clarification starts a conversation the State under review can see."))
        if not permissions.can_request_clarification(author, review):
            raise CommentError(_("Only the reviewing side asks for clarification."))
    revision = None
    if thread.question_id:
        revision = (
            Answer.objects.filter(review=review, question_id=thread.question_id)
            .values_list("revision", flat=True)
            .first()
        )
    answers_request = parent is not None and parent.kind == CommentKind.CLARIFICATION and parent.answered_at is None
    if parent is not None and answers_request and _on_reviewed_side(review, author):
        parent.answered_at = timezone.now()
        parent.change_seq = next_change_seq(review.pk)
        parent.save(update_fields=["answered_at", "change_seq"])
        publish_to_thread(thread, comment_payload(parent, "comment.updated"))
    comment = Comment.objects.create(
        thread=thread,
        author=author,
        parent=parent,
        kind=kind,
        body=body,
        body_html=render_comment(body),
        language=_writing_language(author),
        answer_revision=revision,
        change_seq=next_change_seq(review.pk),
        idempotency_key=idempotency_key or "",
    )
    comment.mentions.set(_mentions(review, body))
    publish_to_thread(thread, comment_payload(comment, "comment.created"))
    notifications.comment_posted(comment)
    return comment


@transaction.atomic
def edit_comment(comment: Comment, *, editor, body: str) -> Comment:
    if comment.author_id != editor.pk or comment.is_deleted:
        raise CommentError(_("Only its author can edit a comment."))
    if not permissions.can_post_in_thread(editor, comment.thread):
        raise CommentError(_("You cannot write in this thread."))
    body = _check_body(body)
    if body == comment.body:
        return comment
    CommentVersion.objects.create(comment=comment, body=comment.body, edited_by=editor)
    comment.body = body
    comment.body_html = render_comment(body)
    comment.edited_at = timezone.now()
    comment.change_seq = next_change_seq(comment.thread.review_id)
    comment.save(update_fields=["body", "body_html", "edited_at", "change_seq"])
    comment.mentions.set(_mentions(comment.thread.review, body))
    publish_to_thread(comment.thread, comment_payload(comment, "comment.updated"))
    return comment


@transaction.atomic
def delete_comment(comment: Comment, *, by) -> Comment:
    """Leave a "comment deleted" mark; the text is kept as a version for the record."""
    if comment.is_deleted:
        return comment
    if comment.author_id != by.pk and not permissions.can_manage_reviews(by):
        raise CommentError(_("Only its author or the secretariat can delete a comment."))
    CommentVersion.objects.create(comment=comment, body=comment.body, edited_by=by)
    comment.deleted_at = timezone.now()
    comment.deleted_by = by
    comment.change_seq = next_change_seq(comment.thread.review_id)
    comment.save(update_fields=["deleted_at", "deleted_by", "change_seq"])
    publish_to_thread(comment.thread, comment_payload(comment, "comment.deleted"))
    return comment


@transaction.atomic
def resolve_thread(thread: Thread, *, by, resolved: bool = True) -> Thread:
    if not permissions.can_post_in_thread(by, thread):
        raise CommentError(_("You cannot change this thread."))
    thread.is_resolved = resolved
    thread.resolved_by = by if resolved else None
    thread.resolved_at = timezone.now() if resolved else None
    thread.change_seq = next_change_seq(thread.review_id)
    thread.save(update_fields=["is_resolved", "resolved_by", "resolved_at", "change_seq"])
    publish_to_thread(thread, thread_payload(thread))
    return thread
