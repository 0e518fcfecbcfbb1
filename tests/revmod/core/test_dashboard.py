"""Issue 20, item 4: the dashboard says what waits on each person, and shows nobody another State's work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.enums import AnswerStatus, CommentKind, ObservationCategory, ParticipantRole, Step, ThreadVisibility
from reviews.models import Answer, CountryReview, ObservationList, Question
from reviews.services import (
    add_observation,
    add_participant,
    ensure_outputs,
    get_or_create_thread,
    post_comment,
    save_answer,
    sign_off,
)
from revmod.accounts.enums import AccountStatus
from revmod.notifications.enums import NotificationKind
from revmod.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.elearning import EnrolmentFactory, LessonFactory
from tests.factories.reviews import participant, review

pytestmark = pytest.mark.django_db


def dashboard(client, person) -> str:
    client.force_login(person)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def required_top_level(world) -> int:
    return Question.objects.filter(questionnaire=world.questionnaire, required=True, parent__isnull=True).count()


def ask_clarification(world, *, visibility=ThreadVisibility.ALL) -> None:
    thread = get_or_create_thread(world.review, question=None, visibility=visibility)
    post_comment(thread, author=world.reviewing_expert, body="Please explain.", kind=CommentKind.CLARIFICATION)


def test_the_focal_point_sees_the_answers_to_draft_and_the_clarifications_to_answer(client, world):
    first = world.questionnaire.questions.get(number="2")
    save_answer(world.review, first, value="Article 450-1 applies.", base_revision=0, user=world.focal_point)
    ask_clarification(world)

    page = dashboard(client, world.focal_point)

    expected = required_top_level(world) - 1
    assert f"{expected} required answers to draft" in page
    assert "1 request for clarification to answer" in page
    assert "Review of France" in page
    assert "Review of Egypt" not in page


def test_a_reviewing_expert_has_nothing_to_draft_for_the_state_under_review(client, world):
    page = dashboard(client, world.reviewing_expert)

    assert "Review of France" in page
    assert "required answer" not in page


def test_a_participant_of_another_review_sees_only_their_own(client, world):
    page = dashboard(client, world.stranger)

    assert "Review of Egypt" in page
    assert "Review of France" not in page


def test_the_next_deadline_is_shown_and_a_late_one_is_marked(client, world):
    CountryReview.objects.filter(pk=world.review.pk).update(due_at=timezone.now() - dt.timedelta(days=2))

    page = dashboard(client, world.focal_point)

    assert '<span class="badge badge--late">late</span>' in page


def test_the_secretariat_sees_late_reviews_and_profiles_to_approve(client, world):
    CountryReview.objects.filter(pk=world.review.pk).update(due_at=timezone.now() - dt.timedelta(days=2))
    UserFactory(status=AccountStatus.PENDING_APPROVAL)

    page = dashboard(client, world.secretariat)

    assert "1 review is past its deadline." in page
    assert "1 profile is waiting for your approval." in page
    assert "Review of France" in page
    assert "Review of Egypt" not in page  # on time


def test_unread_mentions_and_the_next_learning_step(client, world):
    Notification.objects.create(user=world.expert, kind=NotificationKind.MENTIONED, data={})
    lesson = LessonFactory(title_en="What the review asks of a State")
    EnrolmentFactory(user=world.expert, course=lesson.module.course)

    page = dashboard(client, world.expert)

    assert "Someone mentioned you 1 time: see where." in page
    assert "Continue with “What the review asks of a State”" in page
    assert reverse("elearning:lesson", kwargs={"pk": lesson.pk}) in page


def test_the_dashboard_speaks_the_readers_language(client, world):
    world.focal_point.preferred_language = "fr"
    world.focal_point.save()
    client.force_login(world.focal_point)

    page = client.get("/fr/dashboard/").content.decode()

    assert "Vos examens" in page


def test_the_dashboard_costs_the_same_for_1_and_5_reviews(client, world, django_assert_num_queries):
    person = world.focal_point
    client.force_login(person)
    client.get(reverse("core:dashboard"))
    with django_assert_num_queries(QUERIES):
        client.get(reverse("core:dashboard"))
    for iso3 in ("ITA", "JPN", "KEN", "MEX"):
        reviewed_by_france = review(of=iso3, same_region="FRA", questionnaire=world.questionnaire)
        add_participant(reviewed_by_france, user=person, role=ParticipantRole.EXPERT)
    with django_assert_num_queries(QUERIES):
        page = client.get(reverse("core:dashboard")).content.decode()

    assert page.count("Review of ") == 5


# The last three: the answers waiting on the focal point's clearance, the follow-ups not asked
# and the questions assigned to the person (coordination).
QUERIES = 14


def test_the_focal_point_sees_the_answers_waiting_on_their_clearance(client, world):
    questions = list(world.questionnaire.questions.filter(parent__isnull=True).order_by("order")[:3])
    for question, status in zip(questions, (AnswerStatus.READY, AnswerStatus.READY, AnswerStatus.DRAFTED), strict=True):
        Answer.objects.create(
            review=world.review, question=question, value="Text", status=status, updated_by=world.expert
        )
    Answer.objects.create(
        review=world.other_review,
        question=questions[2],
        value="Text",
        status=AnswerStatus.READY,
        updated_by=world.stranger,
    )

    pages = {}
    for person in ("focal_point", "expert", "contributor"):
        client.force_login(getattr(world, person))
        pages[person] = client.get(reverse("core:dashboard")).content.decode()

    assert "2 answers ready for your clearance" in pages["focal_point"]
    assert reverse("reviews:submit", args=[world.review.pk]) in pages["focal_point"]
    assert "ready for your clearance" not in pages["expert"]
    assert "ready for your clearance" not in pages["contributor"]


def test_a_national_contributor_sees_the_answers_to_draft_and_no_requests_for_clarification(client, world):
    client.force_login(world.contributor)

    page = client.get(reverse("core:dashboard")).content.decode()

    required = world.questionnaire.questions.filter(required=True, parent__isnull=True).count()
    assert f"{required} required answers to draft" in page
    assert "request for clarification" not in page
    assert "Review of Egypt" not in page


def test_focal_points_see_the_outputs_waiting_on_their_signature(client, world):
    world.review.step = Step.OBSERVATIONS
    world.review.save()
    ensure_outputs(world.review)
    germany_focal_point = participant(world.review, iso3="DEU", role=ParticipantRole.FOCAL_POINT)
    writers = {"DEU": world.reviewing_expert, "BRA": world.reviewing_focal_point}
    for observation_list in ObservationList.objects.filter(review=world.review).select_related("reviewing_state"):
        writer = writers[observation_list.reviewing_state.iso3]
        add_observation(observation_list, category=ObservationCategory.GAP, text="No data.", user=writer)

    def waiting(person) -> str:
        client.force_login(person)
        return client.get(reverse("core:dashboard")).content.decode()

    before = {
        name: waiting(person) for name, person in (("france", world.focal_point), ("germany", germany_focal_point))
    }
    sign_off(ObservationList.objects.get(review=world.review, reviewing_state__iso3="DEU"), user=germany_focal_point)
    after = waiting(germany_focal_point)
    expert = waiting(world.expert)

    assert "2 outputs to sign off" in before["france"]
    assert "1 output to sign off" in before["germany"]
    assert "to sign off" not in after
    assert "to sign off" not in expert


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world):
    response = client.get(reverse("core:dashboard"))

    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]
