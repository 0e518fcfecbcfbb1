from __future__ import annotations

from dataclasses import dataclass

import pytest

from reviews.enums import AnswerKind
from reviews.models import Question
from reviews.services import ensure_outputs, save_answer
from tests.factories import UserFactory
from translations.enums import TranslationScope
from translations.services import grant_translator, request_translation

PENAL_CODE = {"title": "Penal Code", "provision": "Art. 450-1", "url": ""}


@dataclass
class Desk:
    """Translations of France's answers: section 1 and section 2 into Portuguese, each to its own translator.

    ``translator`` translates section 1; ``colleague`` section 2; ``elsewhere`` translates Egypt's review.
    """

    world: object
    translator: object
    colleague: object
    elsewhere: object
    section_one: object
    section_two: object
    text_question: object
    law_question: object


def question(world, kind: AnswerKind, section: int) -> Question:
    return Question.objects.filter(
        questionnaire=world.questionnaire, kind=kind, section__order=section, parent__isnull=True
    ).first() or Question.objects.get(questionnaire=world.questionnaire, kind=kind, section__order=section)


@pytest.fixture
def desk(world) -> Desk:
    review = world.review
    text_question = question(world, AnswerKind.TEXT, 1)
    law_question = question(world, AnswerKind.LEGISLATION, 2)
    save_answer(review, text_question, value="The penal code applies.", base_revision=0, user=world.expert)
    save_answer(review, law_question, value=[PENAL_CODE], base_revision=0, user=world.expert)
    translator = UserFactory(state=None, email="translator.pt@un.test")
    colleague = UserFactory(state=None, email="colleague.pt@un.test")
    elsewhere = UserFactory(state=None, email="translator.egy@un.test")
    sections = {section.order: section for section in world.questionnaire.sections.all()}
    grant_translator(review, email=translator.email, language="pt", by=world.secretariat)
    [section_one] = request_translation(
        review, scope=TranslationScope.SECTION, section=sections[1], languages=["pt"], by=world.secretariat
    )
    grant_translator(review, email=colleague.email, language="pt", by=world.secretariat)
    [section_two] = request_translation(
        review, scope=TranslationScope.SECTION, section=sections[2], languages=["pt"], by=world.secretariat
    )
    section_two.translator = colleague
    section_two.save(update_fields=["translator"])
    grant_translator(world.other_review, email=elsewhere.email, language="pt", by=world.secretariat)
    return Desk(world, translator, colleague, elsewhere, section_one, section_two, text_question, law_question)


def observations_request(world, desk, count: int):
    """A request of ``count`` observations into Portuguese, given to ``desk.translator``."""
    ensure_outputs(world.review)
    observation_list = world.review.observation_lists.first()
    for index in range(count):
        observation_list.items.create(category="gap", text=f"Observation {index}", order=index)
    [request] = request_translation(
        world.review,
        scope=TranslationScope.OBSERVATIONS,
        observation_list=observation_list,
        languages=["pt"],
        by=world.secretariat,
    )
    request.translator = desk.translator
    request.save(update_fields=["translator"])
    return request
