"""The two reviews of ``world`` with a step history, a deadline, answers and observations to count.

France (Western European and Others) was drawn in January 2026 and moved on to drafting in March,
ten days past its deadline, with three of its eight questions answered; Egypt (African Group) was
drawn in January. France's list of observations notes a gap and a good practice on article 5 and
two assistance needs (training), and one of its answers a need for equipment on article 3 of the
trafficking protocol; Egypt's list one need (training) on article 5 and one on no article.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from reviews.enums import AnswerStatus, ObservationCategory, OutputStatus, Step
from reviews.models import (
    Answer,
    Article,
    AssistanceCategory,
    AssistanceNeed,
    Instrument,
    Observation,
    ObservationList,
    StepTransition,
)
from tests.factories import state
from tests.factories.reviews import review

C = ObservationCategory


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 12, tzinfo=dt.UTC)


def history(country_review, *moves: tuple[str, Step, dt.datetime]) -> None:
    StepTransition.objects.bulk_create(
        [StepTransition(review=country_review, from_step=old, to_step=new, at=when) for old, new, when in moves]
    )


def observe(
    country_review, reviewing: str, *items: tuple[ObservationCategory, list], status: str = OutputStatus.LOCKED
) -> None:
    """A list of observations, agreed and locked unless ``status`` says otherwise (drafts are not counted)."""
    observations = ObservationList.objects.create(
        review=country_review, reviewing_state=state(reviewing), status=status
    )
    for order, (category, articles) in enumerate(items):
        item = Observation.objects.create(
            observation_list=observations, category=category, text=f"{category} {order}", order=order
        )
        item.articles.set(articles)
        if category == C.ASSISTANCE:  # its structured need, on the first article it names
            AssistanceNeed.objects.create(
                observation=item,
                category=AssistanceCategory.objects.get(code="training"),
                article=articles[0] if articles else None,
            )


def answer(country_review, questions, statuses) -> None:
    Answer.objects.bulk_create(
        [
            Answer(review=country_review, question=question, value="x", status=status)
            for question, status in zip(questions, statuses, strict=False)
        ]
    )


def top_level(questionnaire):
    return list(questionnaire.questions.filter(parent__isnull=True).order_by("order"))


@pytest.fixture
def second_article(db) -> Article:
    return Article.objects.create(instrument=Instrument.objects.get(code="tip"), number="3", title="Use of terms")


@pytest.fixture
def figures_world(world, second_article):
    france, egypt = world.review, world.other_review
    article_5 = world.questionnaire.sections.first().article
    history(
        france,
        ("", Step.DRAWN, at(1, 10)),
        (Step.DRAWN, Step.STAFFING, at(2, 5)),
        (Step.STAFFING, Step.CONSULTATION, at(2, 20)),
        (Step.CONSULTATION, Step.SAQ_DRAFTING, at(3, 1)),
    )
    history(egypt, ("", Step.DRAWN, at(1, 15)))
    france.due_at = timezone.now() - dt.timedelta(days=10, hours=1)
    france.save(update_fields=["due_at"])
    egypt.due_at = timezone.now() + dt.timedelta(days=10)
    egypt.save(update_fields=["due_at"])
    answer(
        france,
        top_level(world.questionnaire),
        [AnswerStatus.DRAFTED, AnswerStatus.READY, AnswerStatus.CLEARED, AnswerStatus.NOT_STARTED],
    )
    observe(
        france,
        "DEU",
        (C.GAP, [article_5]),
        (C.GOOD_PRACTICE, [article_5]),
        (C.ASSISTANCE, [article_5, second_article]),
        (C.ASSISTANCE, [second_article]),
    )
    observe(egypt, "MAR", (C.ASSISTANCE, [article_5]), (C.ASSISTANCE, []))
    AssistanceNeed.objects.create(
        answer=Answer.objects.filter(review=france).order_by("pk").first(),
        category=AssistanceCategory.objects.get(code="equipment"),
        article=second_article,
    )
    return world


ISO3 = ["ITA", "ESP", "NGA", "KEN", "IND", "CHN", "ARG", "MEX", "CAN", "AUS", "POL", "ZAF"]


def more_reviews(world, count: int, article) -> list:
    """``count`` more reviews in the same cycle, each with a history, answers and observations."""
    the_cycle = world.review.cycle
    taken = set(the_cycle.reviews.values_list("state__iso3", flat=True))
    made = []
    for iso3 in [code for code in ISO3 if code not in taken][:count]:
        country_review = review(of=iso3, questionnaire=world.questionnaire, in_cycle=the_cycle)
        history(country_review, ("", Step.DRAWN, at(1, 10)), (Step.DRAWN, Step.STAFFING, at(4, 2)))
        country_review.due_at = timezone.now() - dt.timedelta(days=3)
        country_review.save(update_fields=["due_at"])
        answer(country_review, top_level(world.questionnaire), [AnswerStatus.DRAFTED])
        observe(country_review, "DEU", (C.GAP, [article]), (C.ASSISTANCE, [article]))
        made.append(country_review)
    return made
