"""Reviews of ``world`` with lists of observations in every state a list can be in.

France and Egypt are finalized: each has a list both sides agreed and locked (the working
groups have these) and Egypt a draft one too; a third review (Chile), not finalized, has an
agreed list that has not gone to the working groups yet. Every text that must never reach a
report holds a word found nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from reviews.enums import AssistancePriority, ObservationCategory, OutputStatus, Step
from reviews.models import Article, AssistanceCategory, AssistanceNeed, Instrument, Observation, ObservationList
from tests.factories import state
from tests.factories.reviews import review

C = ObservationCategory
NEVER = ("draftlistzq", "notfinalizedzq", "suggestiononlyzq")


@dataclass
class Lists:
    article_5: Article
    article_3: Article
    france: ObservationList
    egypt: ObservationList
    egypt_draft: ObservationList
    chile: ObservationList


def observation_list(the_review, reviewing: str, items, *, locked: bool = True) -> ObservationList:
    made = ObservationList.objects.create(
        review=the_review,
        reviewing_state=state(reviewing),
        status=OutputStatus.LOCKED if locked else OutputStatus.DRAFT,
    )
    for order, (category, text, articles) in enumerate(items):
        item = Observation.objects.create(observation_list=made, category=category, text=text, order=order)
        item.articles.set(articles)
    return made


@pytest.fixture
def lists(world) -> Lists:
    article_5 = world.questionnaire.sections.first().article
    article_3, _made = Article.objects.get_or_create(
        instrument=Instrument.objects.get(code="tip"), number="3", defaults={"title": "Use of terms"}
    )
    for finished in (world.review, world.other_review):
        finished.step = Step.FINALIZED
        finished.save(update_fields=["step"])
    france = observation_list(
        world.review,
        "DEU",
        [
            (
                C.GAP,
                "France (FRA, FR) has no offence of participation; la France, 法国 and Франции agree.",
                [article_5],
            ),
            (C.GOOD_PRACTICE, "The prosecutors of France publish their guidelines.", [article_5]),
            (C.ASSISTANCE, "Training for the judges of Франция and وفرنسا on the definitions.", [article_3]),
            (C.SUGGESTION, "A suggestion suggestiononlyzq for France.", [article_5]),
        ],
    )
    egypt = observation_list(
        world.other_review,
        "MAR",
        [
            (
                C.CHALLENGE,
                "Egypt (EGY) lacks data; l'Égypte, 埃及, Египта, مصر and Morocco said so.",
                [article_5, article_3],
            ),
            (C.ASSISTANCE, "Equipment for Egypt's financial intelligence unit.", []),
        ],
    )
    egypt_draft = observation_list(
        world.other_review, "JPN", [(C.GAP, "Draft only: draftlistzq.", [article_5])], locked=False
    )
    # The structured needs of the two technical-assistance observations (Egypt's names no article).
    for made, code, priority in ((france, "training", AssistancePriority.HIGH), (egypt, "equipment", "")):
        AssistanceNeed.objects.create(
            observation=made.items.get(category=C.ASSISTANCE),
            category=AssistanceCategory.objects.get(code=code),
            **({"priority": priority} if priority else {}),
        )
    chile_review = review(of="CHL", same_region="ARG", other_region="ESP", step=Step.SUMMARY)
    chile = observation_list(chile_review, "ARG", [(C.GAP, "Agreed but not sent: notfinalizedzq.", [article_5])])
    return Lists(article_5, article_3, france, egypt, egypt_draft, chile)
