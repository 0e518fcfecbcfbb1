"""Joining a review enrols people in the onboarding course; a cycle may require it before answering."""

from __future__ import annotations

import pytest
from django.utils import timezone

from elearning.enums import EnrolmentSource
from elearning.models import Enrolment
from reviews import permissions
from reviews.enums import ParticipantRole
from reviews.services import add_participant, add_participants_in_bulk
from tests.factories import UserFactory
from tests.factories.elearning import CourseFactory, LessonFactory
from tests.factories.reviews import state

pytestmark = pytest.mark.django_db


@pytest.fixture
def onboarding():
    course = CourseFactory(title_en="Taking part in a country review", is_onboarding=True)
    LessonFactory(module__course=course)
    return course


@pytest.fixture
def required(world):
    world.review.cycle.requires_onboarding = True
    world.review.cycle.save(update_fields=["requires_onboarding"])
    return world


def complete(user, course) -> None:
    Enrolment.objects.update_or_create(user=user, course=course, defaults={"completed_at": timezone.now()})


def test_joining_a_review_enrols_in_the_onboarding_course(world, onboarding):
    newcomer = UserFactory(state=state("FRA"))
    add_participant(world.review, user=newcomer, role=ParticipantRole.EXPERT)

    enrolment = Enrolment.objects.get(user=newcomer)
    assert enrolment.course == onboarding
    assert enrolment.source == EnrolmentSource.AUTOMATIC


def test_joining_a_second_review_keeps_the_single_enrolment(world, onboarding):
    newcomer = UserFactory(state=state("DEU"))
    add_participant(world.review, user=newcomer, role=ParticipantRole.EXPERT)
    complete(newcomer, onboarding)
    add_participant(world.review, user=newcomer, role=ParticipantRole.OBSERVER)

    enrolment = Enrolment.objects.get(user=newcomer)
    assert enrolment.completed_at is not None


def test_draft_onboarding_courses_are_not_assigned(world):
    CourseFactory(is_onboarding=True, status="draft")
    newcomer = UserFactory(state=state("FRA"))
    add_participant(world.review, user=newcomer, role=ParticipantRole.EXPERT)
    assert not Enrolment.objects.filter(user=newcomer).exists()


def test_bulk_loading_enrols_everyone_once(world, onboarding):
    people = [UserFactory(state=state("FRA")) for _ in range(3)]
    complete(people[0], onboarding)
    add_participants_in_bulk([(world.other_review, person, ParticipantRole.OBSERVER) for person in people])

    assert Enrolment.objects.filter(course=onboarding, user__in=people).count() == 3
    assert Enrolment.objects.get(user=people[0]).completed_at is not None


def test_without_the_rule_nobody_waits_for_the_course(world, onboarding):
    assert permissions.can_answer(world.focal_point, world.review)
    assert permissions.can_submit(world.focal_point, world.review)


def test_the_rule_holds_answering_until_the_course_is_completed(required, onboarding):
    world = required
    assert not permissions.can_answer(world.focal_point, world.review)
    assert not permissions.can_submit(world.focal_point, world.review)
    assert not permissions.can_answer(world.expert, world.review)
    assert permissions.can_answer(world.secretariat, world.review)

    complete(world.focal_point, onboarding)
    assert permissions.can_answer(world.focal_point, world.review)
    assert permissions.can_submit(world.focal_point, world.review)
    assert not permissions.can_answer(world.expert, world.review)


def test_the_rule_is_explained_on_the_review_page(client, required, onboarding):
    world = required
    client.force_login(world.focal_point)
    page = client.get(f"/en/reviews/{world.review.pk}/").content.decode()
    assert "complete the onboarding course first" in page
    assert "/en/learning/my/" in page
    assert f"/reviews/{world.review.pk}/submit/" not in page

    complete(world.focal_point, onboarding)
    page = client.get(f"/en/reviews/{world.review.pk}/").content.decode()
    assert "complete the onboarding course first" not in page
    assert f"/reviews/{world.review.pk}/submit/" in page


def test_the_note_is_not_shown_to_people_who_could_not_answer_anyway(client, required, onboarding):
    client.force_login(required.reviewing_expert)
    assert "onboarding course" not in client.get(f"/en/reviews/{required.review.pk}/").content.decode()


def test_autosave_and_section_form_refuse_until_completed(client, required, onboarding):
    world = required
    question = world.questionnaire.sections.first().questions.first()
    client.force_login(world.expert)
    answered = client.post(f"/en/reviews/{world.review.pk}/answers/{question.pk}/", {"q-base": "0"})
    assert answered.status_code == 403
    section = client.get(f"/en/reviews/{world.review.pk}/questionnaires/{world.questionnaire.pk}/sections/1/")
    assert section.status_code == 302
    assert not world.review.answers.exists()


def test_the_api_refuses_answers_until_completed(client, required, onboarding):
    world = required
    question = world.questionnaire.sections.first().questions.first()
    client.force_login(world.focal_point)
    url = f"/api/v1/reviews/{world.review.pk}/answers/{question.pk}/"
    refused = client.put(url, {"value": "yes", "base_revision": 0}, content_type="application/json")
    assert refused.status_code == 403

    complete(world.focal_point, onboarding)
    accepted = client.put(url, {"value": "yes", "base_revision": 0}, content_type="application/json")
    assert accepted.status_code == 200, accepted.content
