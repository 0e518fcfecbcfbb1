from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from devdata.demo.dialogue import NEXT_CYCLE
from reviews.enums import AnswerStatus, CommentKind, OutputStatus, Step, ThreadVisibility
from reviews.models import (
    Answer,
    Comment,
    CountryReview,
    Draw,
    Feedback,
    Observation,
    ReviewCycle,
    Summary,
    Thread,
)
from reviews.services import draw_lots
from revmod.accounts.enums import GlobalRole
from revmod.states.models import MemberState

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_every_demo_account_once():
    call_command("seed_demo", stdout=None)
    users = get_user_model().objects
    first_count = users.count()
    first_passwords = dict(users.values_list("email", "password"))

    call_command("seed_demo")

    assert first_count == 2 + 2 * MemberState.objects.count()
    assert users.count() == first_count
    assert dict(users.values_list("email", "password")) == first_passwords


def test_seed_demo_accounts_sign_in_with_the_published_password(client):
    call_command("seed_demo")

    secretariat = get_user_model().objects.get(email="secretariat@example.org")
    focal_point = get_user_model().objects.get(email="fp.egy@example.org")
    expert = get_user_model().objects.get(email="expert.bra@example.org")

    assert secretariat.global_role == GlobalRole.SECRETARIAT
    assert secretariat.state is None
    assert focal_point.state.iso3 == "EGY"
    assert (focal_point.preferred_language, expert.preferred_language) == ("ar", "pt")
    assert get_user_model().objects.get(email="trainer@example.org").global_role == GlobalRole.TRAINER
    client.post("/en/accounts/sign-in/", {"username": "fp.egy@example.org", "password": "revmod-demo-2026"})
    assert "_auth_user_id" in client.session


def test_seed_demo_lets_every_step_be_tried_and_changes_nothing_the_second_time():
    call_command("seed_demo")
    counts = (Comment.objects.count(), Observation.objects.count(), Feedback.objects.exclude(text="").count())
    call_command("seed_demo")

    bodies = " ".join(Comment.objects.values_list("body", flat=True))
    assert (Comment.objects.count(), Observation.objects.count(), Feedback.objects.exclude(text="").count()) == counts
    assert counts[0] >= 15
    assert "Ministério Público" in bodies  # Portuguese
    assert "قانون العقوبات" in bodies  # Arabic
    assert "引用" in bodies  # Chinese
    assert Comment.objects.filter(kind=CommentKind.CLARIFICATION).exists()
    assert Thread.objects.filter(visibility=ThreadVisibility.STATE, review__step=Step.SAQ_DRAFTING).exists()
    assert Thread.objects.filter(visibility=ThreadVisibility.REVIEWING).exists()
    by_step = {review.step: review for review in CountryReview.objects.exclude(step__in=[Step.DRAWN])}
    assert Feedback.objects.filter(review=by_step[Step.FEEDBACK], submitted_at__isnull=False).exists()
    assert Feedback.objects.filter(review=by_step[Step.DIALOGUE]).exclude(text="").exists()
    assert Observation.objects.filter(observation_list__review=by_step[Step.OBSERVATIONS]).count() >= 3
    assert Summary.objects.get(review=by_step[Step.SUMMARY]).text
    finalized = Summary.objects.get(review=by_step[Step.FINALIZED])
    assert (finalized.status, finalized.published_at is not None) == (OutputStatus.LOCKED, True)


def test_seed_demo_clears_the_submitted_answers_and_leaves_a_cycle_ready_to_draw():
    call_command("seed_demo")

    submitted = Answer.objects.filter(review__submitted_at__isnull=False)
    drafting = Answer.objects.filter(review__step=Step.SAQ_DRAFTING)
    assert submitted.exists()
    assert set(submitted.values_list("status", flat=True)) == {AnswerStatus.CLEARED}
    assert AnswerStatus.CLEARED not in set(drafting.values_list("status", flat=True))
    ready = ReviewCycle.objects.get(title=NEXT_CYCLE)
    assert not Draw.objects.filter(cycle=ready).exists()

    draw_lots(ready, seed=7, by=None)

    assert CountryReview.objects.filter(cycle=ready).count() > 100
