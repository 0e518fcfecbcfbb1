from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from reviews import permissions
from reviews.enums import ParticipantRole, Side, Step
from reviews.models import AnswerRevision, Participant, StepDuration
from reviews.services import (
    AnswerConflict,
    ReviewError,
    SubmissionIncomplete,
    add_participant,
    clear_answers,
    move_review,
    remove_participant,
    save_answer,
    submit_questionnaire,
)
from tests.factories import UserFactory, state

pytestmark = pytest.mark.django_db


def question(world, number: str):
    return world.questionnaire.questions.prefetch_related("choices").get(number=number)


def answer_all_required(world, user, *, cleared: bool = True) -> None:
    """Answer every top-level question as ``user``; the focal point then clears them unless told not to."""
    values = {
        "yes_no": "no",
        "text": "Article 323-1 of the Criminal Code.",
        "single_choice": "fully",
        "multiple_choice": ["partly"],
        "number": "12",
        "date": "2024-05-01",
        "legislation": [{"title": "Criminal Code", "provision": "art. 450-1", "url": "https://example.org/code"}],
    }
    answered = list(world.questionnaire.questions.filter(parent__isnull=True).prefetch_related("choices"))
    for item in answered:
        save_answer(world.review, item, value=values[item.kind], base_revision=0, user=user)
    if cleared:
        clear_answers(world.review, answered, user=world.focal_point)


def test_participant_gets_the_permissions_of_their_side_and_role(world):
    assert permissions.can_answer(world.focal_point, world.review)
    assert permissions.can_submit(world.focal_point, world.review)
    assert permissions.can_answer(world.expert, world.review)
    assert not permissions.can_submit(world.expert, world.review)
    assert not permissions.can_answer(world.reviewing_expert, world.review)
    assert permissions.can_see_reviewing_side(world.reviewing_expert, world.review)
    assert not permissions.can_see_reviewing_side(world.focal_point, world.review)
    assert not permissions.can_comment(world.observer, world.review)
    assert world.review.participants.get(user=world.reviewing_expert).side == Side.REVIEWING


def test_a_new_focal_point_replaces_the_old_one_who_loses_access(world):
    successor = UserFactory(state=state("FRA"))

    add_participant(world.review, user=successor, role=ParticipantRole.FOCAL_POINT)

    old = world.review.participants.get(user=world.focal_point)
    assert (old.is_active, old.removed_at is not None) == (False, True)
    assert not permissions.can_view(world.focal_point, world.review)
    assert permissions.can_submit(successor, world.review)
    assert (
        Participant.objects.filter(
            review=world.review, role=ParticipantRole.FOCAL_POINT, state=state("FRA"), is_active=True
        ).count()
        == 1
    )


def test_a_person_of_a_state_outside_the_review_cannot_be_added(world):
    outsider = UserFactory(state=state("JPN"))

    with pytest.raises(ReviewError, match="takes no part in this review"):
        add_participant(world.review, user=outsider, role=ParticipantRole.EXPERT)


def test_removing_a_participant_revokes_every_permission(world):
    remove_participant(world.review.participants.get(user=world.reviewing_expert))

    assert permissions.review_permissions(world.reviewing_expert, world.review) == frozenset()
    assert world.review not in permissions.reviews_visible_to(world.reviewing_expert)


def test_reviews_visible_to_lists_only_ones_own_reviews(world):
    assert list(permissions.reviews_visible_to(world.stranger)) == [world.other_review]
    assert list(permissions.reviews_visible_to(world.nobody)) == []
    assert set(permissions.reviews_visible_to(world.secretariat)) == {world.review, world.other_review}


def test_secretariat_moves_a_review_and_the_deadline_follows_the_configured_duration(world):
    StepDuration.objects.filter(step=Step.FEEDBACK).update(days=30)

    transition = move_review(world.review, to_step=Step.FEEDBACK, user=world.secretariat, note="On time")

    world.review.refresh_from_db()
    assert (transition.from_step, transition.to_step, transition.by) == (
        Step.SAQ_DRAFTING,
        Step.FEEDBACK,
        world.secretariat,
    )
    assert world.review.due_at == world.review.step_started_at + dt.timedelta(days=30)


def test_a_review_cannot_skip_steps_and_others_cannot_move_it(world):
    with pytest.raises(ReviewError, match="cannot go from"):
        move_review(world.review, to_step=Step.SUMMARY, user=world.secretariat)
    with pytest.raises(ReviewError, match="Only the secretariat"):
        move_review(world.review, to_step=Step.FEEDBACK, user=world.focal_point)


def test_a_review_past_its_deadline_is_flagged_late(world):
    world.review.due_at = timezone.now() - dt.timedelta(days=1)

    assert world.review.is_overdue
    world.review.step = Step.FINALIZED
    assert not world.review.is_overdue


def test_answers_keep_every_revision(world):
    item = question(world, "2")

    first = save_answer(world.review, item, value="First text", base_revision=0, user=world.expert)
    second = save_answer(world.review, item, value="Second text", base_revision=1, user=world.focal_point)

    assert (first.pk, second.revision) == (second.pk, 2)
    revisions = list(AnswerRevision.objects.filter(answer=second).values_list("number", "value", "author"))
    assert revisions == [(2, "Second text", world.focal_point.pk), (1, "First text", world.expert.pk)]


def test_a_save_based_on_an_old_revision_is_refused_and_keeps_the_other_version(world):
    item = question(world, "2")
    save_answer(world.review, item, value="Expert's text", base_revision=0, user=world.expert)

    with pytest.raises(AnswerConflict) as conflict:
        save_answer(world.review, item, value="Focal point's text", base_revision=0, user=world.focal_point)

    assert conflict.value.answer.value == "Expert's text"
    assert conflict.value.answer.updated_by == world.expert
    assert conflict.value.answer.revision == 1


@pytest.mark.parametrize(
    ("number", "value", "message"),
    [
        ("1", "maybe", "Answer yes or no."),
        ("3", "sometimes", "Choose one of the options."),
        ("4", ["fully", "nope"], "Choose among the options."),
        ("5", "twelve", "Enter a number."),
        ("6", "31/12/2024", "Enter a date as YYYY-MM-DD."),
        ("7", [{"title": "", "provision": "art. 1"}], "Every citation needs the title of the law."),
        ("7", [{"title": "Code", "url": "javascript:alert(1)"}], "is not a valid web address"),
    ],
)
def test_answers_are_checked_for_their_kind(world, number, value, message):
    with pytest.raises(ReviewError, match=message):
        save_answer(world.review, question(world, number), value=value, base_revision=0, user=world.expert)


def test_submission_names_the_missing_required_answers_including_follow_ups(world):
    save_answer(world.review, question(world, "1"), value="yes", base_revision=0, user=world.expert)

    with pytest.raises(SubmissionIncomplete) as incomplete:
        submit_questionnaire(world.review, user=world.focal_point)

    missing = [item.number for item in incomplete.value.missing]
    assert missing == ["1.1", "2", "3", "4", "5", "6", "7", "8"]
    world.review.refresh_from_db()
    assert world.review.step == Step.SAQ_DRAFTING


def test_submission_locks_the_answers_until_the_secretariat_reopens(world):
    answer_all_required(world, world.expert)

    submit_questionnaire(world.review, user=world.focal_point)
    world.review.refresh_from_db()
    locked = not permissions.can_answer(world.expert, world.review)
    with pytest.raises(ReviewError):
        save_answer(world.review, question(world, "2"), value="Late change", base_revision=1, user=world.expert)
    move_review(world.review, to_step=Step.SAQ_DRAFTING, user=world.secretariat, note="Reopened")
    world.review.refresh_from_db()

    assert locked
    assert world.review.submitted_at is None
    assert permissions.can_answer(world.expert, world.review)
    assert permissions.can_read_answers(world.reviewing_expert, world.review) is False


def test_only_the_focal_point_submits(world):
    answer_all_required(world, world.expert)

    with pytest.raises(ReviewError, match="Only the focal point"):
        submit_questionnaire(world.review, user=world.expert)
