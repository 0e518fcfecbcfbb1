from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.enums import ObservationCategory, OutputStatus, ParticipantRole, Step
from reviews.models import Feedback, ObservationList, Summary
from reviews.services import (
    ReviewError,
    add_observation,
    ensure_outputs,
    move_review,
    save_feedback,
    save_summary,
    send_feedback,
    sign_off,
)
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.factories.reviews import participant

pytestmark = pytest.mark.django_db


def at_step(world, step: Step) -> None:
    world.review.step = step
    world.review.save()
    ensure_outputs(world.review)


def germany_list(world) -> ObservationList:
    return ObservationList.objects.get(review=world.review, reviewing_state__iso3="DEU")


@pytest.fixture
def germany_focal_point(world):
    return participant(world.review, iso3="DEU", role=ParticipantRole.FOCAL_POINT)


def test_each_reviewing_state_gets_feedback_and_a_list_and_the_review_a_summary(world):
    at_step(world, Step.FEEDBACK)

    assert sorted(Feedback.objects.filter(review=world.review).values_list("reviewing_state__iso3", flat=True)) == [
        "BRA",
        "DEU",
    ]
    assert ObservationList.objects.filter(review=world.review).count() == 2
    assert Summary.objects.filter(review=world.review).count() == 1


def test_feedback_is_written_by_its_state_sent_by_its_focal_point_then_read_by_the_reviewed_side(
    world, germany_focal_point
):
    at_step(world, Step.FEEDBACK)
    feedback = Feedback.objects.get(review=world.review, reviewing_state__iso3="DEU")

    save_feedback(feedback, text="Please give examples of cases.", user=world.reviewing_expert)
    with pytest.raises(ReviewError, match="Only the focal point"):
        send_feedback(feedback, user=world.reviewing_expert)
    with pytest.raises(ReviewError):
        save_feedback(feedback, text="Brazil writes here", user=world.reviewing_focal_point)
    send_feedback(feedback, user=germany_focal_point)

    with pytest.raises(ReviewError):
        save_feedback(feedback, text="Too late", user=world.reviewing_expert)
    feedback.refresh_from_db()
    assert feedback.text == "Please give examples of cases."
    assert feedback.submitted_at is not None


def test_a_list_locks_once_both_focal_points_sign_and_a_change_withdraws_signatures(world, germany_focal_point):
    at_step(world, Step.OBSERVATIONS)
    observations = germany_list(world)
    article = world.questionnaire.sections.first().article
    question = world.questionnaire.questions.get(number="1")

    add_observation(
        observations,
        category=ObservationCategory.GAP,
        text="No liability of legal persons.",
        articles=[article],
        questions=[question],
        user=world.expert,
    )
    sign_off(observations, user=world.focal_point)
    add_observation(
        observations,
        category=ObservationCategory.GOOD_PRACTICE,
        text="Specialized prosecutors.",
        user=germany_focal_point,
    )
    observations.refresh_from_db()
    withdrawn = observations.reviewed_signed_by is None
    sign_off(observations, user=world.focal_point)
    sign_off(observations, user=germany_focal_point)

    observations.refresh_from_db()
    assert withdrawn
    assert observations.status == OutputStatus.LOCKED
    assert list(observations.items.first().articles.all()) == [article]
    with pytest.raises(ReviewError, match="cannot be changed"):
        add_observation(observations, category=ObservationCategory.GAP, text="Late", user=world.expert)
    assert AuditEntry.objects.filter(action=AuditAction.OUTPUT_LOCKED, review_id=world.review.pk).count() == 1


def test_only_the_focal_points_of_the_two_sides_sign(world):
    at_step(world, Step.OBSERVATIONS)
    observations = germany_list(world)
    add_observation(observations, category=ObservationCategory.GAP, text="Gap", user=world.expert)

    for person in (world.expert, world.reviewing_expert, world.reviewing_focal_point, world.observer):
        with pytest.raises(ReviewError, match="Only the focal points"):
            sign_off(observations, user=person)


@pytest.mark.parametrize("step", [Step.DIALOGUE, Step.SUMMARY])
def test_a_list_is_signed_off_only_at_the_observations_step(world, germany_focal_point, step):
    at_step(world, Step.OBSERVATIONS)
    observations = germany_list(world)
    add_observation(observations, category=ObservationCategory.GAP, text="Gap", user=world.expert)
    world.review.step = step
    world.review.save(update_fields=["step"])
    observations = germany_list(world)

    for person in (world.focal_point, germany_focal_point):
        with pytest.raises(ReviewError, match="only while the review is at its step"):
            sign_off(observations, user=person)

    observations.refresh_from_db()
    assert (observations.reviewed_signed_by, observations.reviewing_signed_by) == (None, None)


def test_the_summary_is_signed_off_only_at_the_summary_step(world, germany_focal_point):
    at_step(world, Step.SUMMARY)
    summary = Summary.objects.get(review=world.review)
    save_summary(summary, text="France has criminalized it.", user=world.expert)
    world.review.step = Step.OBSERVATIONS
    world.review.save(update_fields=["step"])
    summary = Summary.objects.get(review=world.review)

    with pytest.raises(ReviewError, match="only while the review is at its step"):
        sign_off(summary, user=world.focal_point)

    summary.refresh_from_db()
    assert summary.reviewed_signed_by is None


def test_finalizing_publishes_the_agreed_summary_and_nothing_else(client, world, germany_focal_point):
    at_step(world, Step.SUMMARY)
    summary = Summary.objects.get(review=world.review)
    with pytest.raises(ReviewError, match="must be agreed and locked"):
        move_review(world.review, to_step=Step.FINALIZED, user=world.secretariat)
    save_summary(
        summary, text="France has criminalized participation in an organized criminal group.", user=world.expert
    )
    sign_off(summary, user=world.focal_point)
    sign_off(summary, user=germany_focal_point)
    world.review.refresh_from_db()

    move_review(world.review, to_step=Step.FINALIZED, user=world.secretariat)

    public = client.get(reverse("reviews:published_summary", kwargs={"pk": world.review.pk}))
    assert public.status_code == 200
    assert "France has criminalized participation" in public.content.decode()
    assert client.get(reverse("reviews:published")).content.decode().count("/published/") == 2
    assert client.get(reverse("reviews:published_summary", kwargs={"pk": world.other_review.pk})).status_code == 404
    assert client.get(reverse("reviews:outputs", kwargs={"pk": world.review.pk})).status_code == 302


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("secretariat", 200),
        ("focal_point", 200),
        ("reviewing_expert", 200),
        ("observer", 200),
        ("stranger", 404),
        ("nobody", 404),
        ("anonymous", 302),
    ],
)
def test_outputs_page_access(client, world, person, status):
    at_step(world, Step.FEEDBACK)
    if person != "anonymous":
        client.force_login(getattr(world, person))

    assert client.get(reverse("reviews:outputs", kwargs={"pk": world.review.pk})).status_code == status


def test_unsent_feedback_is_hidden_from_the_reviewed_side_and_the_other_reviewer(client, world):
    at_step(world, Step.FEEDBACK)
    feedback = Feedback.objects.get(review=world.review, reviewing_state__iso3="DEU")
    save_feedback(feedback, text="Draft remarks of Germany", user=world.reviewing_expert)

    client.force_login(world.focal_point)
    reviewed = client.get(reverse("reviews:outputs", kwargs={"pk": world.review.pk})).content.decode()
    client.force_login(world.reviewing_focal_point)
    brazil = client.get(reverse("reviews:outputs", kwargs={"pk": world.review.pk})).content.decode()
    client.force_login(world.reviewing_expert)
    germany = client.get(reverse("reviews:outputs", kwargs={"pk": world.review.pk})).content.decode()

    assert "Draft remarks of Germany" not in reviewed
    assert "Draft remarks of Germany" not in brazil
    assert "Draft remarks of Germany" in germany


def test_a_stranger_cannot_write_into_another_reviews_outputs(client, world):
    at_step(world, Step.OBSERVATIONS)
    observations = germany_list(world)
    client.force_login(world.stranger)

    response = client.post(
        reverse("reviews:observation_add", kwargs={"pk": world.review.pk, "list_pk": observations.pk}),
        {"category": "gap", "text": "intrusion"},
    )
    through_own = client.post(
        reverse("reviews:observation_add", kwargs={"pk": world.other_review.pk, "list_pk": observations.pk}),
        {"category": "gap", "text": "intrusion"},
    )

    assert (response.status_code, through_own.status_code) == (404, 404)
    assert observations.items.count() == 0


def output_state(world) -> tuple:
    """Everything a refused write could have changed."""
    observations = germany_list(world)
    return (
        tuple(Feedback.objects.filter(review=world.review).order_by("pk").values_list("text", "submitted_at")),
        tuple(observations.items.values_list("text", flat=True)),
        tuple(ObservationList.objects.filter(review=world.review).order_by("pk").values_list("status", flat=True)),
        tuple(Summary.objects.filter(review=world.review).values_list("text", "status")),
    )


WRITES = {
    "feedback": (Step.FEEDBACK, "reviews:feedback_save", {"text": "Rewritten", "send": "1"}),
    "observation": (Step.OBSERVATIONS, "reviews:observation_add", {"category": "gap", "text": "Added"}),
    "removal": (Step.OBSERVATIONS, "reviews:observation_remove", {}),
    "list sign-off": (Step.OBSERVATIONS, "reviews:sign_list", {}),
    "summary": (Step.SUMMARY, "reviews:summary_save", {"text": "Rewritten", "sign": ""}),
}


def write_url(world, route: str) -> str:
    observations = germany_list(world)
    ids = {
        "reviews:feedback_save": {
            "feedback_pk": Feedback.objects.get(review=world.review, reviewing_state__iso3="DEU").pk
        },
        "reviews:observation_add": {"list_pk": observations.pk},
        "reviews:observation_remove": {"item_pk": observations.items.get().pk},
        "reviews:sign_list": {"list_pk": observations.pk},
        "reviews:summary_save": {},
    }[route]
    return reverse(route, kwargs={"pk": world.review.pk, **ids})


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("who", ["observer", "reviewing_focal_point", "stranger", "anonymous"])
def test_outputs_are_written_only_by_their_authors(client, world, germany_focal_point, write, who):
    """Germany's feedback and list, and the summary, against a read-only observer of Germany, Brazil's
    focal point, a participant of another review and an anonymous visitor: nothing changes, except
    the summary for Brazil's focal point, which both sides draft."""
    step, route, data = WRITES[write]
    at_step(world, Step.OBSERVATIONS)
    add_observation(germany_list(world), category=ObservationCategory.GAP, text="Kept", user=germany_focal_point)
    at_step(world, step)
    if step == Step.FEEDBACK:
        feedback = Feedback.objects.get(review=world.review, reviewing_state__iso3="DEU")
        save_feedback(feedback, text="Kept", user=germany_focal_point)
    if step == Step.SUMMARY:
        save_summary(Summary.objects.get(review=world.review), text="Kept", user=world.secretariat)
    before = output_state(world)
    if who != "anonymous":
        client.force_login(getattr(world, who))

    response = client.post(write_url(world, route), data)

    assert (output_state(world) != before) == ((who, write) == ("reviewing_focal_point", "summary"))
    if who == "stranger":
        assert response.status_code == 404
    elif who == "anonymous":
        assert response["Location"].startswith("/en/accounts/sign-in/")
