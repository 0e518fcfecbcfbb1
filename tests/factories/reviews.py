from __future__ import annotations

import itertools

from reviews.enums import AnswerKind, ParticipantRole, Step
from reviews.models import Cluster, CountryReview, Instrument, ReviewCycle, ReviewGroup, ReviewPairing
from reviews.questionnaire_io import FORMAT, import_questionnaire
from reviews.services import add_participant, publish_questionnaire
from tests.factories.accounts import UserFactory, state

_versions = itertools.count(1)
KINDS = [
    AnswerKind.YES_NO,
    AnswerKind.TEXT,
    AnswerKind.SINGLE_CHOICE,
    AnswerKind.MULTIPLE_CHOICE,
    AnswerKind.NUMBER,
    AnswerKind.DATE,
    AnswerKind.LEGISLATION,
]


def questionnaire_data(
    *, questions: int = 6, sections: int = 2, cluster: int = 1, instrument: str = "untoc", version: int | None = None
) -> dict:
    """File data for a questionnaire cycling through every answer kind; each yes/no has a required follow-up."""
    per_section = max(1, questions // sections)
    data_sections = []
    number = 0
    for section_index in range(sections):
        items = []
        for _ in range(per_section if section_index < sections - 1 else questions - per_section * (sections - 1)):
            number += 1
            kind = KINDS[(number - 1) % len(KINDS)]
            item = {
                "number": str(number),
                "kind": kind.value,
                "text": {"en": f"Question {number} ({kind.label})", "fr": f"Question {number}"},
            }
            if kind in (AnswerKind.SINGLE_CHOICE, AnswerKind.MULTIPLE_CHOICE):
                item["choices"] = [{"key": key, "label": {"en": key.title()}} for key in ("fully", "partly", "not")]
            if kind == AnswerKind.YES_NO:
                item["follow_ups"] = [
                    {
                        "number": f"{number}.1",
                        "condition": "yes",
                        "kind": "legislation",
                        "text": {"en": "Please cite the applicable legislation."},
                    }
                ]
            items.append(item)
        data_sections.append({"title": {"en": f"Section {section_index + 1}"}, "article": "5", "questions": items})
    return {
        "format": FORMAT,
        "cluster": cluster,
        "instrument": instrument,
        "version": version or next(_versions),
        "title": {"en": f"Cluster {cluster} questionnaire ({instrument})", "ar": "استبيان"},
        "articles": [{"number": "5", "title": {"en": "Participation in an organized criminal group"}}],
        "sections": data_sections,
    }


def published_questionnaire(**kwargs):
    return publish_questionnaire(import_questionnaire(questionnaire_data(**kwargs)))


def cycle(*, cluster: int = 1, title: str = "Cluster I cycle") -> ReviewCycle:
    return ReviewCycle.objects.create(title=title, cluster=Cluster.objects.get(number=cluster), first_year=2026)


def review(
    *,
    of: str = "FRA",
    same_region: str = "DEU",
    other_region: str = "BRA",
    step: Step = Step.SAQ_DRAFTING,
    questionnaire=None,
    in_cycle: ReviewCycle | None = None,
) -> CountryReview:
    in_cycle = in_cycle or cycle()
    group, _created = ReviewGroup.objects.get_or_create(cycle=in_cycle, number=1, defaults={"year": 2026})
    country_review = CountryReview.objects.create(cycle=in_cycle, group=group, state=state(of), step=step)
    untoc = Instrument.objects.get(code="untoc")
    ReviewPairing.objects.create(
        review=country_review, instrument=untoc, reviewing_state=state(same_region), kind="same_region"
    )
    ReviewPairing.objects.create(
        review=country_review, instrument=untoc, reviewing_state=state(other_region), kind="other_region"
    )
    if questionnaire is not None:
        country_review.questionnaires.add(questionnaire)
    return country_review


def participant(country_review: CountryReview, *, iso3: str, role: ParticipantRole = ParticipantRole.EXPERT, **fields):
    user = UserFactory(state=state(iso3), **fields)
    add_participant(country_review, user=user, role=role)
    return user
