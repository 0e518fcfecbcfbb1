"""Who in a review hears of what: the reviews app's calls into notifications."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation

from reviews import permissions
from reviews.enums import CommentKind, ParticipantRole, Side, Step
from reviews.models import Comment, CountryReview, DeadlineExtension, Participant
from reviews.selectors import conversation_author_ids
from revmod.accounts.enums import GlobalRole
from revmod.notifications.enums import NotificationKind
from revmod.notifications.services import notify


def review_data(review: CountryReview, **extra) -> dict:
    names = {
        code: getattr(review.state, f"name_{code.replace('-', '_')}") or review.state.name_en
        for code, _label in settings.LANGUAGES
    }
    with translation.override("en"):
        step = str(Step(review.step).label)
    return {"state_names": names, "step": step} | extra


def english_url(name: str, **kwargs) -> str:
    """URLs are stored in English; each reader gets them in their own language when shown."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def participants(review: CountryReview, *, side: Side | None = None, exclude_observers: bool = False):
    users = get_user_model().objects.filter(participations__review=review, participations__is_active=True)
    if side is not None:
        users = users.filter(participations__side=side)
    if exclude_observers:
        users = users.exclude(participations__role=ParticipantRole.OBSERVER)
    return list(users.distinct())


def secretariat():
    return list(get_user_model().objects.filter(global_role=GlobalRole.SECRETARIAT, is_active=True))


def comment_posted(comment: Comment) -> None:
    thread, review, author = comment.thread, comment.thread.review, comment.author
    url = (
        english_url("reviews:question_discussion", pk=review.pk, question_pk=thread.question_id)
        if thread.question_id
        else english_url("reviews:discussion", pk=review.pk)
    )
    url = f"{url}?comment={comment.pk}#comment-{comment.pk}"  # the page opens the run that holds it
    data = review_data(review, person=author.full_name)
    people = participants(review)
    readers = permissions.thread_reader_ids(thread, [user.pk for user in people])
    mentioned = [user for user in comment.mentions.all() if user.pk in readers and user.pk != author.pk]
    notify(mentioned, NotificationKind.MENTIONED, url=url, review_id=review.pk, data=data)
    if comment.parent_id:
        earlier = conversation_author_ids(comment) - {author.pk} - {user.pk for user in mentioned}
        notify(
            [user for user in people if user.pk in readers and user.pk in earlier],
            NotificationKind.REPLY,
            url=url,
            review_id=review.pk,
            data=data,
        )
    if comment.kind == CommentKind.CLARIFICATION:
        reviewed = [user for user in participants(review, side=Side.REVIEWED) if user.pk in readers]
        notify(reviewed, NotificationKind.CLARIFICATION, url=url, review_id=review.pk, data=data)


def participant_added(review: CountryReview, user) -> None:
    notify(
        [user],
        NotificationKind.ASSIGNED,
        url=english_url("reviews:detail", pk=review.pk),
        review_id=review.pk,
        data=review_data(review),
    )


def step_opened(review: CountryReview) -> None:
    kind = (
        NotificationKind.SUBMITTED
        if review.step == Step.FEEDBACK and review.submitted_at
        else NotificationKind.STEP_OPENED
    )
    readers = participants(review)
    if kind == NotificationKind.SUBMITTED:
        readers = participants(review, side=Side.REVIEWING) + secretariat()
    notify(
        readers,
        kind,
        url=english_url("reviews:detail", pk=review.pk),
        review_id=review.pk,
        # The e-mail is in each reader's language; it names the languages the review works in.
        data=review_data(review, languages=review.working_languages),
    )


def deadline_extended(review: CountryReview, extension: DeadlineExtension) -> None:
    """Tell the participants of the new deadline of the current step (a deadline notification)."""
    notify(
        participants(review),
        NotificationKind.DEADLINE,
        url=english_url("reviews:detail", pk=review.pk),
        review_id=review.pk,
        data=review_data(
            review,
            due=timezone.localdate(extension.due_at).isoformat(),
            previous=timezone.localdate(extension.previous_due_at).isoformat() if extension.previous_due_at else "",
        ),
        key=f"extended:{extension.pk}",
    )


REMINDER_DAYS = (14, 7, 1)
SECRETARIAT_AFTER_DAYS = 7


def send_deadline_reminders(*, now) -> int:
    """Remind participants of deadlines and lateness; tell the secretariat of reviews a week late."""
    open_reviews = (
        CountryReview.objects.exclude(step=Step.FINALIZED)
        .filter(due_at__isnull=False)
        .select_related("state")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(is_active=True)
                .exclude(role=ParticipantRole.OBSERVER)
                .select_related("user"),
                to_attr="acting",
            )
        )
    )
    due_days = {(now + dt.timedelta(days=days)).date(): days for days in REMINDER_DAYS}
    staff = None
    sent = 0
    for review in open_reviews.filter(Q(due_at__date__in=list(due_days)) | Q(due_at__lt=now)):
        people = [participant.user for participant in review.acting]
        url = english_url("reviews:detail", pk=review.pk)
        assert review.due_at is not None  # the query keeps the reviews that have a deadline
        stamp = f"{review.pk}:{review.step}:{review.due_at:%Y%m%d}"
        if review.due_at >= now:
            days = due_days[review.due_at.date()]
            sent += len(
                notify(
                    people,
                    NotificationKind.DEADLINE,
                    url=url,
                    review_id=review.pk,
                    data=review_data(review, days=days),
                    key=f"deadline:{stamp}:{days}",
                )
            )
            continue
        sent += len(
            notify(
                people,
                NotificationKind.OVERDUE,
                url=url,
                review_id=review.pk,
                data=review_data(review),
                key=f"overdue:{stamp}",
            )
        )
        if now - review.due_at >= dt.timedelta(days=SECRETARIAT_AFTER_DAYS):
            staff = staff if staff is not None else secretariat()
            sent += len(
                notify(
                    staff,
                    NotificationKind.OVERDUE,
                    url=url,
                    review_id=review.pk,
                    data=review_data(review),
                    key=f"overdue-secretariat:{stamp}",
                )
            )
    return sent
