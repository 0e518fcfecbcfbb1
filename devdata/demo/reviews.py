"""Demo data for reviews: a drawn Cluster I cycle with reviews at several steps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from reviews.answer_values import required_questions
from reviews.enums import AnswerKind, AssistancePriority, ParticipantRole, QuestionnaireStatus, Step
from reviews.models import (
    Answer,
    AnswerRevision,
    Article,
    AssistanceCategory,
    AssistanceNeed,
    Cluster,
    CountryReview,
    Question,
    Questionnaire,
    ReviewCycle,
)
from reviews.questionnaire_io import import_questionnaire, parse_questionnaire_text
from reviews.services import add_participants_in_bulk, draw_lots, publish_questionnaire
from revmod.accounts.enums import GlobalRole

QUESTIONNAIRES = Path(__file__).parent / "content" / "questionnaires"
DEMO_CYCLE = "Cluster I · 2026-2028"
DEMO_SEED = 2026
# Reviews placed at later steps so the demo shows the whole process.
DEMO_STEPS = {
    "BRA": Step.FEEDBACK,
    "IND": Step.FEEDBACK,
    "KEN": Step.DIALOGUE,
    "CAN": Step.OBSERVATIONS,
    "POL": Step.SUMMARY,
    "JPN": Step.FINALIZED,
    "FRA": Step.SAQ_DRAFTING,
    "EGY": Step.SAQ_DRAFTING,
    "CHN": Step.SAQ_DRAFTING,
    "RUS": Step.SAQ_DRAFTING,
    "MEX": Step.SAQ_DRAFTING,
    "ARG": Step.CONSULTATION,
    "NGA": Step.STAFFING,
}
LATE = {"MEX", "KEN"}


def load_demo_questionnaires() -> list[Questionnaire]:
    loaded = []
    for path in sorted(QUESTIONNAIRES.glob("*.yaml")):
        data = parse_questionnaire_text(path.read_text(encoding="utf-8"))
        existing = Questionnaire.objects.filter(
            cluster__number=data["cluster"], instrument__code=data["instrument"], version=data["version"]
        ).first()
        if existing is None:
            existing = publish_questionnaire(import_questionnaire(data))
        loaded.append(existing)
    return loaded


@transaction.atomic
def seed_reviews_demo() -> int:
    """Create the demo cycle once; return the number of reviews made (0 when it exists)."""
    load_demo_questionnaires()
    if ReviewCycle.objects.filter(title=DEMO_CYCLE).exists():
        return 0
    secretariat = get_user_model().objects.filter(global_role=GlobalRole.SECRETARIAT).order_by("pk").first()
    cycle = ReviewCycle.objects.create(title=DEMO_CYCLE, cluster=Cluster.objects.get(number=1), first_year=2026)
    draw_lots(cycle, seed=DEMO_SEED, by=secretariat)
    reviews = list(
        CountryReview.objects.filter(cycle=cycle).select_related("state").prefetch_related("pairings__reviewing_state")
    )
    _add_demo_participants(reviews)
    _place_demo_reviews(reviews, secretariat)
    return len(reviews)


def _add_demo_participants(reviews: list[CountryReview]) -> None:
    users = {user.email: user for user in get_user_model().objects.filter(email__endswith="@example.org")}
    entries = []
    for review in reviews:
        iso3 = review.state.iso3.lower()
        entries += [
            (review, users[f"fp.{iso3}@example.org"], ParticipantRole.FOCAL_POINT),
            (review, users[f"expert.{iso3}@example.org"], ParticipantRole.EXPERT),
        ]
        reviewing = {pairing.reviewing_state.iso3.lower() for pairing in review.pairings.all() if not pairing.is_extra}
        for code in sorted(reviewing):
            entries.append((review, users[f"expert.{code}@example.org"], ParticipantRole.EXPERT))
    add_participants_in_bulk(entries)


def _place_demo_reviews(reviews: list[CountryReview], secretariat) -> None:
    questions = list(
        Question.objects.filter(questionnaire__status=QuestionnaireStatus.PUBLISHED).prefetch_related("choices")
    )
    now = timezone.now()
    for review in reviews:
        step = DEMO_STEPS.get(review.state.iso3)
        if step is None:
            continue
        order = list(Step)
        fp = get_user_model().objects.get(email=f"fp.{review.state.iso3.lower()}@example.org")
        if order.index(step) >= order.index(Step.SAQ_DRAFTING):
            complete = order.index(step) > order.index(Step.SAQ_DRAFTING)
            _answer(review, questions, fp, complete=complete)
        review.step = step
        review.step_started_at = now - dt.timedelta(days=20)
        review.due_at = now - dt.timedelta(days=5) if review.state.iso3 in LATE else now + dt.timedelta(days=60)
        if order.index(step) > order.index(Step.SAQ_DRAFTING):
            review.submitted_at = now - dt.timedelta(days=25)
        review.save()
        review.transitions.create(from_step=Step.DRAWN, to_step=step, by=secretariat, note="Demo data")


def _answer(review: CountryReview, questions: list[Question], author, *, complete: bool) -> None:
    """Plausible answers: all of them for a submitted questionnaire, a third for a draft."""
    attached = set(review.questionnaires.values_list("pk", flat=True))
    mine = [question for question in questions if question.questionnaire_id in attached]
    answers = {}
    for index, question in enumerate(mine):
        if question.parent_id is None and not complete and index % 3:
            continue
        value = _demo_value(question, review)
        answers[question.pk] = Answer(review=review, question=question, value=value, revision=1, updated_by=author)
    if complete:
        for question in required_questions(mine, answers):
            answers.setdefault(
                question.pk,
                Answer(
                    review=review, question=question, value=_demo_value(question, review), revision=1, updated_by=author
                ),
            )
    created = Answer.objects.bulk_create(answers.values())
    AnswerRevision.objects.bulk_create(
        [AnswerRevision(answer=answer, number=1, value=answer.value, author=author) for answer in created]
    )
    _demo_needs(review, [answer for answer in created if answer.question.asks_assistance_needs])


# What the demo States ask for, by category code: each State asks for two of them, by its place in the list.
DEMO_NEEDS = [
    ("legislative-drafting", AssistancePriority.HIGH, "Review of the draft law on the liability of legal persons."),
    ("training", AssistancePriority.HIGH, "Training of judges and prosecutors on electronic evidence."),
    ("international-cooperation", AssistancePriority.MEDIUM, "A case-management system for mutual legal assistance."),
    ("data-and-research", AssistancePriority.MEDIUM, "A national survey of confiscation orders and their execution."),
    ("equipment", AssistancePriority.LOW, "Forensic equipment for the financial investigation unit."),
    ("institution-building", AssistancePriority.MEDIUM, "Support to set up an asset recovery office."),
]


def _demo_needs(review: CountryReview, answers: list[Answer]) -> None:
    categories = {category.code: category for category in AssistanceCategory.objects.all()}
    articles = {article.instrument_id: article for article in Article.objects.order_by("-number")}
    start = review.state_id % len(DEMO_NEEDS)
    needs = []
    for answer in answers:
        article = articles.get(answer.question.questionnaire.instrument_id)
        for order, (code, priority, text) in enumerate((DEMO_NEEDS * 2)[start : start + 2]):
            if code in categories:
                needs.append(
                    AssistanceNeed(
                        answer=answer,
                        category=categories[code],
                        article=article if order == 0 else None,
                        priority=priority,
                        text=text,
                        order=order,
                    )
                )
    AssistanceNeed.objects.bulk_create(needs)


def _demo_value(question: Question, review: CountryReview):
    kind = AnswerKind(question.kind)
    state = review.state.name_en
    choices = [choice.key for choice in question.choices.all()]
    return {
        AnswerKind.YES_NO: "yes",
        AnswerKind.TEXT: f"{state} applies this provision through its Criminal Code and the related procedural law; "
        "the competent authorities have issued guidance to prosecutors.",
        AnswerKind.SINGLE_CHOICE: choices[0] if choices else None,
        AnswerKind.MULTIPLE_CHOICE: choices[:2],
        AnswerKind.NUMBER: 12,
        AnswerKind.DATE: "2021-06-30",
        AnswerKind.LEGISLATION: [
            {"title": f"Criminal Code of {state}", "provision": "art. 321", "url": "https://sherloc.unodc.org/"}
        ],
    }[kind]
