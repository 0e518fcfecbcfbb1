"""generate_scale_data: the benchmark's load, small here, with the same shape as the full one."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from elearning.models import Certificate, Enrolment, LessonView, QuizAttempt
from reviews.enums import Step
from reviews.models import Answer, AssistanceNeed, Comment, CountryReview, Observation, Participant
from revmod.states.models import MemberState
from revmod.states.services import sync_member_states

pytestmark = pytest.mark.django_db


def generate(**options) -> str:
    out = io.StringIO()
    call_command("generate_scale_data", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def scale_data():
    if not MemberState.objects.exists():
        sync_member_states()
    return generate(size=0.05, questions=12, comments=400)


def test_the_load_has_the_shape_of_the_mechanism(scale_data):
    states = MemberState.objects.count()
    reviews = CountryReview.objects.filter(cycle__title__startswith="Scale")

    # Each State party reviewed once per cluster (four clusters, about 750 reviews at size 1.0); 5% kept here.
    assert states * 4 * 0.045 <= reviews.count() <= states * 4 * 0.05
    questionnaire = reviews.first().questionnaires.get()
    assert questionnaire.questions.filter(parent__isnull=True).count() == 12
    assert questionnaire.questions.first().text_ar
    assert Answer.objects.filter(review__in=reviews).exists()
    assert Comment.objects.count() == 20  # 400 at size 1.0
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.count() == 4  # a fifth
    assert all(reply.thread_id == reply.parent.thread_id and reply.parent.parent_id is None for reply in replies)
    per_review = Participant.objects.filter(review__in=reviews).values("review").annotate(n=Count("pk"))
    assert {row["n"] for row in per_review} <= set(range(4, 12))


def test_some_answers_list_technical_assistance_needs(scale_data):
    answers = Answer.objects.filter(question__asks_assistance_needs=True)

    with_needs = answers.filter(assistance_needs__isnull=False).distinct().count()

    assert 0 < with_needs < answers.count()
    assert AssistanceNeed.objects.values("category").distinct().count() > 1
    assert "assistance needs: " in scale_data


def test_learners_have_progress_at_every_stage(scale_data):
    enrolments = Enrolment.objects.all()
    completed = enrolments.filter(completed_at__isnull=False)

    assert enrolments.count() == 100  # 2,000 at size 1.0
    assert 0 < completed.count() < enrolments.count()
    assert Certificate.objects.count() == completed.count()
    assert LessonView.objects.exists()
    assert QuizAttempt.objects.filter(passed=False).exists()
    assert QuizAttempt.objects.filter(passed=True).count() == completed.count()
    assert "learners: 100" in scale_data


def test_a_second_run_is_refused(scale_data):
    with pytest.raises(CommandError, match="exists already"):
        generate(size=0.05, questions=12, comments=400)


def test_each_review_has_its_step_history_and_the_later_ones_their_observations(scale_data):
    reviews = CountryReview.objects.filter(cycle__title__startswith="Scale")
    changes = set(reviews.annotate(n=Count("transitions")).values_list("step", "n"))
    observed = set(reviews.filter(observation_lists__items__isnull=False).values_list("step", flat=True))

    assert changes == {(step, Step(step).index + 1) for step, _n in changes}  # the draw, then one change a step
    assert observed == {Step.OBSERVATIONS, Step.SUMMARY, Step.FINALIZED}
    assert Observation.objects.filter(observation_list__review__in=reviews, articles__isnull=False).exists()
    assert "observations:" in scale_data
