from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from reviews.enums import CommentKind, ParticipantRole, Step, ThreadVisibility
from reviews.models import CountryReview
from reviews.notifications import send_deadline_reminders
from reviews.services import add_participant, get_or_create_thread, move_review, post_comment, submit_questionnaire
from revmod.notifications.enums import Delivery, NotificationKind
from revmod.notifications.models import Notification
from revmod.notifications.services import create_once, set_preferences
from revmod.notifications.tasks import task_send_digests, task_send_notification_email
from tests.factories import UserFactory, state
from tests.reviews.test_services import answer_all_required

pytestmark = pytest.mark.django_db


def kinds_for(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


def general(world, visibility=ThreadVisibility.ALL):
    return get_or_create_thread(world.review, question=None, visibility=visibility)


def test_a_mention_notifies_and_mails_the_person_once_in_their_language(world, django_capture_on_commit_callbacks):
    world.expert.preferred_language = "es"
    world.expert.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(general(world), author=world.reviewing_expert, body=f"@[{world.expert.full_name}] please check")
    notification = Notification.objects.get(user=world.expert, kind=NotificationKind.MENTIONED)
    task_send_notification_email(notification_id=notification.pk)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.expert.email]
    with translation.override("es"):
        expected = translation.gettext("%(person)s mentioned you in the review of %(state)s.") % {
            "person": world.reviewing_expert.full_name,
            "state": "Francia",
        }
    assert expected in message.body
    assert f"/es/reviews/{world.review.pk}/discussion/?comment=" in message.body


def test_a_mention_in_a_reviewing_side_thread_does_not_reach_the_reviewed_side(world):
    post_comment(
        general(world, ThreadVisibility.REVIEWING),
        author=world.reviewing_expert,
        body=f"@[{world.focal_point.full_name}] should not know",
    )

    assert NotificationKind.MENTIONED not in kinds_for(world.focal_point)


def test_replies_notify_the_earlier_authors_of_the_conversation(world):
    thread = general(world)
    first = post_comment(thread, author=world.focal_point, body="Question")
    post_comment(thread, author=world.expert, body="Me too", parent=first)

    post_comment(thread, author=world.reviewing_expert, body="Answer", parent=first)

    assert kinds_for(world.focal_point).count(NotificationKind.REPLY) == 2
    assert kinds_for(world.expert).count(NotificationKind.REPLY) == 1
    assert NotificationKind.REPLY not in kinds_for(world.reviewing_expert)


def test_a_clarification_request_notifies_the_reviewed_state(world):
    post_comment(general(world), author=world.reviewing_expert, body="Please clarify", kind=CommentKind.CLARIFICATION)

    assert NotificationKind.CLARIFICATION in kinds_for(world.focal_point)
    assert NotificationKind.CLARIFICATION in kinds_for(world.expert)
    assert NotificationKind.CLARIFICATION not in kinds_for(world.reviewing_focal_point)


def test_joining_a_review_and_steps_are_notified(world):
    newcomer = UserFactory(state=state("FRA"))
    add_participant(world.review, user=newcomer, role=ParticipantRole.EXPERT)
    answer_all_required(world, world.expert)

    submit_questionnaire(world.review, user=world.focal_point)
    world.review.refresh_from_db()
    move_review(world.review, to_step=Step.DIALOGUE, user=world.secretariat)

    assert kinds_for(newcomer) == [NotificationKind.ASSIGNED, NotificationKind.STEP_OPENED]
    assert kinds_for(world.reviewing_expert)[-2:] == [NotificationKind.SUBMITTED, NotificationKind.STEP_OPENED]
    assert NotificationKind.SUBMITTED in kinds_for(world.secretariat)


def test_preferences_choose_between_immediate_digest_and_no_mail(world, django_capture_on_commit_callbacks):
    set_preferences(world.focal_point, {NotificationKind.REPLY: Delivery.DIGEST})
    set_preferences(world.expert, {NotificationKind.REPLY: Delivery.OFF})
    thread = general(world)
    first = post_comment(thread, author=world.focal_point, body="Q")
    post_comment(thread, author=world.expert, body="Q2", parent=first)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(thread, author=world.reviewing_expert, body="A", parent=first)
    immediate = len(mail.outbox)
    digests = task_send_digests()
    again = task_send_digests()

    assert immediate == 0
    assert (digests, again) == (1, 0)
    assert [message.to for message in mail.outbox] == [[world.focal_point.email]]


def test_an_immediate_email_is_never_sent_twice(world):
    post_comment(general(world), author=world.reviewing_expert, body=f"@[{world.expert.full_name}]")
    notification = Notification.objects.get(user=world.expert, kind=NotificationKind.MENTIONED)
    mail.outbox.clear()

    task_send_notification_email(notification_id=notification.pk)
    task_send_notification_email(notification_id=notification.pk)

    assert len(mail.outbox) == 1


def test_deadline_reminders_at_14_7_and_1_days_and_lateness_once_each(world):
    # A fixed morning: "7 days and 1 hour from now" must fall on the 7th day whenever the suite runs.
    now = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
    CountryReview.objects.filter(pk=world.review.pk).update(due_at=now + dt.timedelta(days=7, hours=1))
    CountryReview.objects.filter(pk=world.other_review.pk).update(due_at=now - dt.timedelta(days=8))

    first = send_deadline_reminders(now=now)
    second = send_deadline_reminders(now=now)

    assert second == 0
    assert first > 0
    assert NotificationKind.DEADLINE in kinds_for(world.focal_point)
    assert NotificationKind.DEADLINE not in kinds_for(world.observer)
    assert NotificationKind.OVERDUE in kinds_for(world.stranger)
    assert NotificationKind.OVERDUE in kinds_for(world.secretariat)
    notification = Notification.objects.get(user=world.focal_point, kind=NotificationKind.DEADLINE)
    assert notification.data["days"] == 7


# --- pages -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 5])
def test_notification_centre_query_count_does_not_grow(client, world, django_assert_num_queries, count):
    thread = general(world)
    for index in range(count):
        post_comment(thread, author=world.reviewing_expert, body=f"@[{world.expert.full_name}] {index}")
    client.force_login(world.expert)

    with django_assert_num_queries(8):
        response = client.get(reverse("notifications:centre"))

    assert response.content.decode().count("mentioned you") == count


def test_opening_a_notification_marks_it_read_and_goes_there_in_the_readers_language(client, world):
    post_comment(general(world), author=world.reviewing_expert, body=f"@[{world.expert.full_name}]")
    notification = Notification.objects.get(user=world.expert, kind=NotificationKind.MENTIONED)
    client.force_login(world.expert)

    response = client.post(f"/fr/notifications/{notification.pk}/open/")

    notification.refresh_from_db()
    assert notification.read_at is not None
    assert response["Location"].startswith(f"/fr/reviews/{world.review.pk}/discussion/?comment=")


def test_someone_elses_notification_answers_404(client, world):
    post_comment(general(world), author=world.reviewing_expert, body=f"@[{world.expert.full_name}]")
    notification = Notification.objects.get(user=world.expert, kind=NotificationKind.MENTIONED)
    client.force_login(world.focal_point)

    response = client.post(reverse("notifications:open", kwargs={"pk": notification.pk}))

    assert response.status_code == 404


def test_preferences_page_saves_choices(client, person):
    client.force_login(person)
    data = {kind.value: Delivery.IMMEDIATELY for kind in NotificationKind} | {"reply": "digest"}

    response = client.post(reverse("notifications:preferences"), data)

    assert response.status_code == 302
    assert person.notification_preferences.get(kind="reply").delivery == "digest"


def test_notification_pages_need_sign_in(client):
    assert client.get(reverse("notifications:centre")).status_code == 302
    assert client.get(reverse("notifications:preferences")).status_code == 302


def test_a_keyed_notification_stored_by_another_run_meanwhile_is_skipped_and_the_rest_stored(world):
    """Two runs of one scheduled job both found nobody told: the later one skips whoever the
    other stored first and still tells everyone after them."""
    key = "deadline:race"
    Notification.objects.create(user=world.expert, kind=NotificationKind.DEADLINE, key=key)  # the other run's
    late = [
        Notification(user=world.expert, kind=NotificationKind.DEADLINE, key=key),
        Notification(user=world.focal_point, kind=NotificationKind.DEADLINE, key=key),
    ]

    created = create_once(late)

    assert [notification.user for notification in created] == [world.focal_point]
    assert sorted(Notification.objects.filter(key=key).values_list("user__email", flat=True)) == sorted(
        [world.expert.email, world.focal_point.email]
    )
