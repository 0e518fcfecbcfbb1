"""The dialogue: a thread per question of a review and a general one, with comments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.enums import CommentKind, ThreadVisibility
from reviews.models.questionnaires import Question
from reviews.models.reviews import CountryReview

if TYPE_CHECKING:
    from reviews.selectors import ThreadWindow


class Thread(models.Model):
    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="threads")
    question = models.ForeignKey(
        Question,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="threads",
        help_text=_("Empty for the general thread of the review."),
    )
    visibility = models.CharField(_("visible to"), max_length=10, choices=ThreadVisibility.choices)
    is_resolved = models.BooleanField(_("resolved"), default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The number of its last resolution or reopening among the changes of the review's dialogue.
    change_seq = models.PositiveBigIntegerField(default=0, editable=False)

    # Not columns: the comments a thread page shows (reviews.selectors.threads_on).
    window: ThreadWindow

    class Meta:
        ordering = ["review", "question__order", "visibility"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "question", "visibility"],
                condition=models.Q(question__isnull=False),
                name="one_thread_per_question_and_visibility",
            ),
            models.UniqueConstraint(
                fields=["review", "visibility"],
                condition=models.Q(question__isnull=True),
                name="one_general_thread_per_visibility",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.question.number if self.question else '—'} · {self.visibility}"


class Comment(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
        db_index=False,  # indexed below, replies only
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CommentKind.choices, default=CommentKind.COMMENT)
    body = models.TextField(_("comment"))
    body_html = models.TextField(editable=False)
    # The language the comment is written in: the author's interface language when they posted it
    # ("" for comments from before it was recorded). Shown in the thread, and sets the body's lang and dir.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default="")
    answer_revision = models.PositiveIntegerField(
        _("answer revision commented"),
        null=True,
        blank=True,
        help_text=_("The revision of the answer the comment was written against."),
    )
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="mentioned_in", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(
        _("answered"), null=True, blank=True, help_text=_("For a request for clarification: when the State replied.")
    )
    # The number of its last change (posted, edited, deleted, answered) among the changes of the
    # review's dialogue: pages catch up from it (services.threads.next_change_seq).
    change_seq = models.PositiveBigIntegerField(default=0, editable=False)
    # Chosen by the page for each attempt to post: a retried attempt gets the stored comment back.
    idempotency_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    # Not a column: the comment's list item on a thread page (reviews.views.comment_html.render_items).
    item_html: str

    class Meta:
        ordering = ["thread", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["thread", "id"]),
            models.Index(fields=["thread", "change_seq"]),
            # Most comments are not replies: a full index on parent is mostly NULLs, and with
            # statistics gathered SQLite then preferred scanning the table to fetch a thread's
            # replies (85 ms instead of under 1 ms on 100,000 comments).
            models.Index(fields=["parent"], condition=models.Q(parent__isnull=False), name="comment_replies_idx"),
            # A thread page reads the latest top-level comments, and the ones before a cursor: a range
            # of this index, however long the thread (reviews.selectors.threads_on, comments_before).
            models.Index(
                fields=["thread", "created_at", "id"],
                condition=models.Q(parent__isnull=True),
                name="comment_top_level_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="one_comment_per_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class CommentVersion(models.Model):
    """A comment as it was before an edit."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="versions")
    body = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["comment", "-replaced_at"]
        verbose_name = _("earlier version of a comment")
        verbose_name_plural = _("earlier versions of comments")

    def __str__(self) -> str:
        return f"{self.comment_id} · {self.replaced_at:%Y-%m-%d %H:%M}"


class Presence(models.Model):
    """Who has a review page open now; a heartbeat keeps the row fresh."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["review", "last_seen"])]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.review_id}"
