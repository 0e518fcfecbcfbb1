"""Demo data of the dialogue: discussions on answers in several languages, the outputs of every
later step, cleared answers where a questionnaire was submitted, and a cycle ready to draw.

Run after the demo reviews exist; each part checks what is there already, so running it again
changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from reviews.enums import (
    AnswerStatus,
    AssistancePriority,
    CommentKind,
    ObservationCategory,
    OutputStatus,
    ParticipantRole,
    Side,
    Step,
    ThreadVisibility,
)
from reviews.models import (
    Answer,
    AssistanceCategory,
    AssistanceNeed,
    Cluster,
    Comment,
    CountryReview,
    Feedback,
    Observation,
    ObservationList,
    Participant,
    ReviewCycle,
    Summary,
)
from reviews.services import ensure_outputs, get_or_create_thread, post_comment

NEXT_CYCLE = "Cluster II · 2027-2029"
ORDER: list[str] = list(Step)

# (visibility, who opens, who answers): each a list of (author key, text); "reviewed" is the
# focal point of the State under review, "reviewer" an expert of a reviewing State, "colleague"
# the State's own expert. Texts in the language each person writes in.
DISCUSSIONS = {
    "BRA": [
        (
            ThreadVisibility.ALL,
            [
                ("reviewer", "Could you give examples of cases prosecuted under this provision since 2020?"),
                (
                    "reviewed",
                    "Sim: o Ministério Público registou 14 processos em 2022 e 19 em 2023; "
                    "enviaremos a lista com as decisões.",
                ),
                ("reviewer", "Thank you, that list would help the working group a lot."),
            ],
        ),
        (
            ThreadVisibility.REVIEWING,
            [
                ("reviewer", "Shall we ask for the 2023 statistics before the feedback is sent?"),
                ("second_reviewer", "Yes, and for the text of the amendment of 2021."),
            ],
        ),
    ],
    "KEN": [
        (
            ThreadVisibility.ALL,
            [
                ("reviewer", "Does the confiscation regime also cover property transferred to third parties?"),
                ("reviewed", "Yes, section 68 of the Proceeds of Crime Act covers transfers to third parties."),
            ],
        ),
    ],
    "CAN": [
        (
            ThreadVisibility.ALL,
            [
                (
                    "reviewer",
                    "¿Podrían precisar qué autoridad central tramita las solicitudes de asistencia judicial?",
                ),
                (
                    "reviewed",
                    "The International Assistance Group of the Department of Justice is the central authority.",
                ),
            ],
        ),
    ],
    "FRA": [
        (
            ThreadVisibility.STATE,
            [
                (
                    "reviewed",
                    "Pouvez-vous vérifier la référence à l’article 450-1 du Code pénal avant validation ?",  # noqa: RUF001
                ),
                ("colleague", "C’est fait : la référence est à jour depuis la loi de 2023."),  # noqa: RUF001
            ],
        ),
    ],
    "EGY": [
        (
            ThreadVisibility.STATE,
            [
                ("reviewed", "يرجى مراجعة الإشارة إلى قانون العقوبات قبل الإجازة."),
                ("colleague", "تمت المراجعة، والإشارة صحيحة."),
            ],
        ),
    ],
    "CHN": [
        (
            ThreadVisibility.STATE,
            [
                ("reviewed", "请在提交前核对第191条的引用。"),
                ("colleague", "已核对，引用无误。"),  # noqa: RUF001
            ],
        ),
    ],
    "RUS": [
        (
            ThreadVisibility.STATE,
            [
                ("reviewed", "Прошу проверить ссылку на статью 210 Уголовного кодекса."),
                ("colleague", "Проверено, ссылка актуальна."),
            ],
        ),
    ],
}
CLARIFICATION = {
    "KEN": "Please clarify whether the 2019 amendment has entered into force.",
}
FEEDBACK_TEXT = (
    "The reviewing State thanks {state} for its complete answers. It would welcome statistics on cases "
    "and the text of the provisions cited, and asks how the central authority handles urgent requests."
)
OBSERVATIONS = [
    (ObservationCategory.GOOD_PRACTICE, "{state} publishes guidance for prosecutors on participation offences."),
    (ObservationCategory.GAP, "No statistics are kept on confiscation ordered against third parties."),
    (ObservationCategory.ASSISTANCE, "{state} would benefit from training of judges on electronic evidence."),
]
# The need each observation of category ASSISTANCE above records.
OBSERVATION_NEED = ("training", AssistancePriority.HIGH)


def _demo_observation_needs(items: list[Observation]) -> None:
    category = AssistanceCategory.objects.filter(code=OBSERVATION_NEED[0]).first()
    if category is None:
        return
    AssistanceNeed.objects.bulk_create(
        AssistanceNeed(observation=item, category=category, priority=OBSERVATION_NEED[1])
        for item in items
        if item.category == ObservationCategory.ASSISTANCE
    )


SUMMARY_TEXT = (
    "{state} has criminalized participation in an organized criminal group and laundering of the proceeds of "
    "crime. The reviewers noted its guidance for prosecutors as a good practice and recommended that it keep "
    "statistics on confiscation. {state} identified training on electronic evidence as a technical assistance need."
)


@transaction.atomic
def seed_dialogue_demo(cycle_title: str) -> dict[str, int]:
    """Fill the demo cycle's dialogue and outputs, once; return what was made."""
    reviews = {
        review.state.iso3: review
        for review in CountryReview.objects.filter(cycle__title=cycle_title).select_related("state")
    }
    made = {"cleared": 0, "comments": 0, "outputs": 0, "cycles": 0}
    if not reviews:
        return made
    made["cleared"] = _clear_submitted_answers(list(reviews.values()))
    if not Comment.objects.filter(thread__review__cycle__title=cycle_title).exists():
        made["comments"] = _discuss(reviews)
    made["outputs"] = _write_outputs(list(reviews.values()))
    if not ReviewCycle.objects.filter(title=NEXT_CYCLE).exists():
        ReviewCycle.objects.create(title=NEXT_CYCLE, cluster=Cluster.objects.get(number=2), first_year=2027)
        made["cycles"] = 1
    return made


def _clear_submitted_answers(reviews: list[CountryReview]) -> int:
    """A submitted questionnaire's answers were all cleared by the focal point; a draft's are drafted."""
    submitted = [review.pk for review in reviews if ORDER.index(review.step) > ORDER.index(Step.SAQ_DRAFTING)]
    focal_points = dict(
        Participant.objects.filter(review__in=reviews, role=ParticipantRole.FOCAL_POINT, is_active=True).values_list(
            "review_id", "user_id"
        )
    )
    cleared = 0
    for review_id in submitted:
        cleared += (
            Answer.objects.filter(review_id=review_id)
            .exclude(status=AnswerStatus.CLEARED)
            .update(
                status=AnswerStatus.CLEARED,
                status_changed_by_id=focal_points.get(review_id),
                status_changed_at=timezone.now() - dt.timedelta(days=26),
            )
        )
    Answer.objects.filter(review__in=reviews, status=AnswerStatus.NOT_STARTED).exclude(value__isnull=True).update(
        status=AnswerStatus.DRAFTED
    )
    return cleared


def _people(review: CountryReview) -> dict:
    participants = list(
        Participant.objects.filter(review=review, is_active=True).select_related("user").order_by("state__iso3")
    )
    reviewing = [p.user for p in participants if p.side == Side.REVIEWING and p.role == ParticipantRole.EXPERT]
    own = {p.role: p.user for p in participants if p.side == Side.REVIEWED}
    return {
        "reviewed": own.get(ParticipantRole.FOCAL_POINT),
        "colleague": own.get(ParticipantRole.EXPERT),
        "reviewer": reviewing[0] if reviewing else None,
        "second_reviewer": reviewing[1] if len(reviewing) > 1 else None,
    }


def _discuss(reviews: dict[str, CountryReview]) -> int:
    count = 0
    for iso3, threads in DISCUSSIONS.items():
        review = reviews.get(iso3)
        if review is None:
            continue
        people = _people(review)
        answered = list(
            Answer.objects.filter(review=review, question__parent__isnull=True)
            .select_related("question")
            .order_by("question__order")[: len(threads) + 1]
        )
        for index, (visibility, comments) in enumerate(threads):
            question = answered[index].question if index < len(answered) else None
            thread = get_or_create_thread(review, question=question, visibility=visibility)
            first = None
            for key, text in comments:
                author = people[key]
                if author is None:
                    continue
                comment = post_comment(thread, author=author, body=text, parent=first)
                first = first or comment
                count += 1
        if iso3 in CLARIFICATION and people["reviewer"] is not None:
            general = get_or_create_thread(review, question=None, visibility=ThreadVisibility.ALL)
            post_comment(general, author=people["reviewer"], body=CLARIFICATION[iso3], kind=CommentKind.CLARIFICATION)
            count += 1
    return count


def _write_outputs(reviews: list[CountryReview]) -> int:
    """Feedback from the feedback step on, observations from the observations step, the summary after."""
    made = 0
    now = timezone.now()
    for review in reviews:
        at = ORDER.index(review.step)
        if at < ORDER.index(Step.FEEDBACK):
            continue
        ensure_outputs(review)
        people = _people(review)
        state = review.state.name_en
        for index, feedback in enumerate(Feedback.objects.filter(review=review, text="").order_by("pk")):
            feedback.text = FEEDBACK_TEXT.format(state=state)
            feedback.updated_by = people["reviewer"]
            # At the feedback step one State has sent its feedback and the other is still writing.
            if at > ORDER.index(Step.FEEDBACK) or index == 0:
                feedback.submitted_at = now - dt.timedelta(days=15)
            feedback.save()
            made += 1
        if at >= ORDER.index(Step.OBSERVATIONS):
            for observation_list in ObservationList.objects.filter(review=review, items__isnull=True):
                items = Observation.objects.bulk_create(
                    Observation(
                        observation_list=observation_list, category=category, text=text.format(state=state), order=order
                    )
                    for order, (category, text) in enumerate(OBSERVATIONS, start=1)
                )
                _demo_observation_needs(items)
                if at > ORDER.index(Step.OBSERVATIONS):
                    _signed_and_locked(observation_list, review, people, now)
                made += 1
        if at >= ORDER.index(Step.SUMMARY):
            summary = Summary.objects.get(review=review)
            if not summary.text:
                summary.text = SUMMARY_TEXT.format(state=state)
                summary.updated_by = people["reviewed"]
                if at > ORDER.index(Step.SUMMARY):
                    _signed_and_locked(summary, review, people, now)
                    summary.published_at = now - dt.timedelta(days=2)
                summary.save()
                made += 1
    return made


def _signed_and_locked(output, review: CountryReview, people: dict, now: dt.datetime) -> None:
    reviewing_focal_point = (
        Participant.objects.filter(review=review, side=Side.REVIEWING, role=ParticipantRole.FOCAL_POINT, is_active=True)
        .select_related("user")
        .first()
    )
    output.reviewed_signed_by, output.reviewed_signed_at = people["reviewed"], now - dt.timedelta(days=6)
    signer = reviewing_focal_point.user if reviewing_focal_point else people["reviewer"]
    output.reviewing_signed_by, output.reviewing_signed_at = signer, now - dt.timedelta(days=5)
    output.status, output.locked_at = OutputStatus.LOCKED, now - dt.timedelta(days=5)
    output.save()
