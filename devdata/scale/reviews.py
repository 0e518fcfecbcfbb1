"""Realistic volumes for benchmarks: ``manage.py generate_scale_data``.

Everything is made with bulk inserts from a seeded random generator, so two runs with
the same size and seed build the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from devdata.scale.learning import generate_learners
from reviews.enums import (
    AnswerKind,
    AnswerStatus,
    AssistancePriority,
    CommentKind,
    ObservationCategory,
    ParticipantRole,
    Step,
    ThreadVisibility,
)
from reviews.markup import render_comment
from reviews.models import (
    Answer,
    AnswerRevision,
    Article,
    AssistanceCategory,
    AssistanceNeed,
    Cluster,
    Comment,
    CountryReview,
    Observation,
    ObservationList,
    Participant,
    Question,
    ReviewCycle,
    Section,
    StepTransition,
    Thread,
)
from reviews.questionnaire_io import FORMAT, import_questionnaire
from reviews.services import add_participants_in_bulk, draw_lots, publish_questionnaire
from revmod.accounts.enums import NominatedRole
from revmod.states.models import MemberState

SCALE_PASSWORD = "revmod-scale-2026"  # noqa: S105 - published for benchmark accounts only
LANGUAGES = ["en", "ar", "zh-hans", "fr", "ru", "es", "pt"]
_PHRASES = {
    "en": "legislation offence organized criminal group jurisdiction proceeds laundering court",
    "ar": "التشريع الجريمة جماعة إجرامية منظمة الولاية القضائية عائدات غسل المحكمة",
    "zh-hans": "立法 犯罪 有组织犯罪集团 管辖权 犯罪所得 洗钱 法院 规定",
    "fr": "législation infraction groupe criminel organisé compétence produit blanchiment tribunal",
    "ru": "законодательство преступление организованная преступная группа юрисдикция доходы отмывание суд",
    "es": "legislación delito grupo delictivo organizado jurisdicción producto blanqueo tribunal",
    "pt": "legislação crime grupo criminoso organizado jurisdição produto branqueamento tribunal",
}
WORDS = {language: phrase.split(" ") for language, phrase in _PHRASES.items()}
STEPS_SPREAD = [
    Step.DRAWN,
    Step.STAFFING,
    Step.CONSULTATION,
    Step.SAQ_DRAFTING,
    Step.SAQ_DRAFTING,
    Step.FEEDBACK,
    Step.DIALOGUE,
    Step.DIALOGUE,
    Step.OBSERVATIONS,
    Step.SUMMARY,
    Step.FINALIZED,
]


@dataclass
class ScaleReport:
    users: int = 0
    questions: int = 0
    reviews: int = 0
    participants: int = 0
    answers: int = 0
    revisions: int = 0
    needs: int = 0
    comments: int = 0
    learners: int = 0
    learners_completed: int = 0
    step_changes: int = 0
    observations: int = 0


def _texts(rng: random.Random, label: str, length: int = 12) -> dict[str, str]:
    return {
        language: f"{label} " + " ".join(rng.choice(WORDS[language]) for _ in range(length)) for language in LANGUAGES
    }


def questionnaire_file(cluster: int, *, questions: int, rng: random.Random) -> dict:
    per_section = 15
    kinds = [AnswerKind.YES_NO] * 5 + [AnswerKind.TEXT] * 2 + [AnswerKind.SINGLE_CHOICE, AnswerKind.NUMBER]
    sections: list[dict[str, Any]] = []
    number = 0
    while number < questions:
        items = []
        for _ in range(min(per_section, questions - number)):
            number += 1
            kind = rng.choice(kinds)
            item: dict[str, Any] = {"number": str(number), "kind": kind.value, "text": _texts(rng, f"{number}.")}
            if number % NEEDS_EVERY == 0 or number == questions:  # each section's last question asks for needs
                item["assistance_needs"] = True
            if kind == AnswerKind.SINGLE_CHOICE:
                item["choices"] = [{"key": key, "label": _texts(rng, key, 2)} for key in ("fully", "partly", "not")]
            if kind == AnswerKind.YES_NO and number % 3 == 0:
                item["follow_ups"] = [
                    {
                        "number": f"{number}.1",
                        "condition": "yes",
                        "kind": "legislation",
                        "text": _texts(rng, "Legislation", 4),
                    }
                ]
            items.append(item)
        article = str(2 + ((cluster - 1) * 5 + len(sections)) % 33)  # articles 2 to 34, clusters overlapping
        sections.append(
            {"title": _texts(rng, f"Section {len(sections) + 1}", 3), "article": article, "questions": items}
        )
    return {
        "format": FORMAT,
        "cluster": cluster,
        "instrument": "untoc",
        "version": 1000 + cluster,
        "title": _texts(rng, f"Cluster {cluster}", 3),
        "articles": [
            {"number": number, "title": {"en": f"Article {number}"}}
            for number in dict.fromkeys(section["article"] for section in sections)
        ],
        "sections": sections,
    }


NEEDS_EVERY = 15
NEEDS_SHARE = 0.6  # of the answers to a question asking for them, how many list needs (one to three)
PRIORITIES = [AssistancePriority.HIGH, AssistancePriority.MEDIUM, AssistancePriority.LOW]
PRIORITY_WEIGHTS = [3, 5, 2]


class ScaleGenerator:
    def __init__(self, *, size: float, seed: int, questions: int, comments: int, stdout=None) -> None:
        self.size, self.seed, self.questions, self.comments = size, seed, questions, comments
        self.rng = random.Random(seed)
        self.needs_rng = random.Random(seed + 1)  # its own sequence: the rest of the data stays as it was
        self.need_choices: tuple[list[AssistanceCategory], list[int], list[Article | None]] = ([], [], [])
        self.report = ScaleReport()
        self.say = stdout.write if stdout else (lambda text: None)

    @transaction.atomic
    def run(self) -> ScaleReport:
        if ReviewCycle.objects.filter(title__startswith="Scale").exists():
            raise ValueError("scale data exists already in this database; use a fresh database")
        self.users()
        cycles = self.cycles()
        self.participants(cycles)
        self.answers()
        self.dialogue()
        self.learners()
        self.history_and_observations()
        return self.report

    def users(self) -> None:
        password = make_password(SCALE_PASSWORD)
        people = []
        for state in MemberState.objects.order_by("iso3"):
            code = state.iso3.lower()
            people.append(
                get_user_model()(
                    email=f"scale.fp.{code}@example.net",
                    full_name=f"Focal point {state.name_en}",
                    state=state,
                    nominated_role=NominatedRole.FOCAL_POINT,
                    password=password,
                )
            )
            for index in range(max(3, round(self.rng.randint(13, 15) * self.size))):
                people.append(
                    get_user_model()(
                        email=f"scale.expert{index}.{code}@example.net",
                        full_name=f"Expert {index} {state.name_en}",
                        state=state,
                        nominated_role=NominatedRole.EXPERT,
                        password=password,
                    )
                )
        get_user_model().objects.bulk_create(people, batch_size=1000)
        self.report.users = len(people)
        self.say(f"users: {len(people)}")

    def cycles(self) -> list[ReviewCycle]:
        cycles = []
        for cluster in Cluster.objects.order_by("number"):
            questionnaire = import_questionnaire(
                questionnaire_file(cluster.number, questions=self.questions, rng=self.rng)
            )
            publish_questionnaire(questionnaire)
            self.report.questions += questionnaire.questions.count()
            cycle = ReviewCycle.objects.create(
                title=f"Scale cluster {cluster.roman}", cluster=cluster, first_year=2020 + 2 * cluster.number
            )
            draw_lots(cycle, seed=self.seed + cluster.number)
            cycles.append(cycle)
        reviews = list(CountryReview.objects.filter(cycle__in=cycles))
        keep = max(1, round(len(reviews) * min(self.size, 1.0)))
        CountryReview.objects.filter(pk__in=[review.pk for review in reviews[keep:]]).delete()
        now = timezone.now()
        kept = reviews[:keep]
        for review in kept:
            review.step = self.rng.choice(STEPS_SPREAD)
            review.due_at = now + timedelta(days=self.rng.randint(-40, 180))
            review.submitted_at = now if Step(review.step).index > Step.SAQ_DRAFTING.index else None
        CountryReview.objects.bulk_update(kept, ["step", "due_at", "submitted_at"], batch_size=500)
        self.report.reviews = len(kept)
        self.say(f"reviews: {len(kept)}, questions: {self.report.questions}")
        return cycles

    def history_and_observations(self) -> None:
        """Each review's step changes, about seven weeks a step up to today, and, from the lists of
        observations on, two lists of six to ten observations on the questionnaire's articles.

        A generator of its own, so the data made before stays as it was with the same seed.
        """
        rng = random.Random(self.seed + 1)
        now = timezone.now()
        reviews = list(CountryReview.objects.filter(cycle__title__startswith="Scale").prefetch_related("pairings"))
        articles: dict[int, list[int]] = {}
        for review_id, article_id in (
            Section.objects.filter(article__isnull=False, questionnaire__reviews__in=reviews)
            .values_list("questionnaire__reviews", "article_id")
            .distinct()
        ):
            articles.setdefault(review_id, []).append(article_id)
        StepTransition.objects.filter(review__in=reviews, from_step="").delete()  # the draw's, dated today
        ordered = sorted(Step, key=lambda step: step.index)
        moves, lists = [], []
        for review in reviews:
            reached = Step(review.step).index
            when = now - timedelta(days=rng.randint(20, 40))
            for index in range(reached, 0, -1):  # from today back to the draw
                moves.append(
                    StepTransition(review=review, from_step=ordered[index - 1], to_step=ordered[index], at=when)
                )
                when -= timedelta(days=rng.randint(30, 70))
            moves.append(StepTransition(review=review, from_step="", to_step=Step.DRAWN, at=when))
            if reached >= Step.OBSERVATIONS.index:
                reviewing = {pairing.reviewing_state_id for pairing in review.pairings.all()}
                lists += [
                    ObservationList(review=review, reviewing_state_id=state_id) for state_id in sorted(reviewing)[:2]
                ]
        StepTransition.objects.bulk_create(moves, batch_size=2000)
        ObservationList.objects.bulk_create(lists, batch_size=2000)
        items, links = [], []
        categories = list(ObservationCategory)
        for observations in lists:
            for order in range(rng.randint(6, 10)):
                items.append(
                    Observation(
                        observation_list=observations,
                        category=rng.choice(categories),
                        text=_texts(rng, "Observation")["en"],
                        order=order,
                    )
                )
        Observation.objects.bulk_create(items, batch_size=2000)
        link = Observation.articles.through
        for item in items:
            chosen = articles.get(item.observation_list.review_id, [])
            for article_id in rng.sample(chosen, min(len(chosen), rng.randint(0, 2))):
                links.append(link(observation_id=item.pk, article_id=article_id))
        link.objects.bulk_create(links, batch_size=2000)
        self.report.step_changes, self.report.observations = len(moves), len(items)
        self.say(f"step changes: {len(moves)}, observations: {len(items)}")

    def learners(self) -> None:
        people = list(get_user_model().objects.filter(email__endswith="@example.net").order_by("pk"))
        chosen = self.rng.sample(people, min(len(people), max(10, round(2000 * self.size))))
        counts = generate_learners(chosen, rng=self.rng)
        self.report.learners, self.report.learners_completed = counts["learners"], counts["completed"]
        self.say(
            f"learners: {counts['learners']} ({counts['lesson_views']} lessons viewed, "
            f"{counts['quiz_attempts']} quiz attempts, {counts['completed']} completed)"
        )

    def participants(self, cycles) -> None:
        people: dict[int | None, list] = {}
        for user in get_user_model().objects.filter(email__endswith="@example.net").order_by("pk"):
            people.setdefault(user.state_id, []).append(user)
        entries = []
        reviews = CountryReview.objects.filter(cycle__in=cycles).prefetch_related("pairings")
        for review in reviews:
            own = people[review.state_id]
            entries.append((review, own[0], ParticipantRole.FOCAL_POINT))
            entries += [(review, user, ParticipantRole.EXPERT) for user in own[1:4]]
            reviewing = {pairing.reviewing_state_id for pairing in review.pairings.all() if not pairing.is_extra}
            for state_id in sorted(reviewing):
                entries += [(review, user, ParticipantRole.EXPERT) for user in self.rng.sample(people[state_id][1:], 2)]
        add_participants_in_bulk(entries)
        self.report.participants = len(entries)
        self.say(f"participants: {len(entries)}")

    def answers(self) -> None:
        values = {
            AnswerKind.YES_NO: "yes",
            AnswerKind.TEXT: "Described in the Criminal Code and its commentary.",
            AnswerKind.SINGLE_CHOICE: "fully",
            AnswerKind.NUMBER: 12,
            AnswerKind.LEGISLATION: [{"title": "Criminal Code", "provision": "art. 12", "url": ""}],
        }
        categories = list(AssistanceCategory.objects.filter(is_active=True).order_by("position"))
        weights = [4 if category.code in ("training", "legislative-drafting") else 2 for category in categories]
        self.need_choices = (categories, weights, [None, *Article.objects.filter(instrument__code="untoc")])
        questions: dict[int, list[Question]] = {}
        for question in Question.objects.filter(questionnaire__version__gte=1000).only(
            "pk", "kind", "questionnaire_id", "asks_assistance_needs"
        ):
            questions.setdefault(question.questionnaire_id, []).append(question)
        reviews = CountryReview.objects.filter(step__in=[s.value for s in Step if s.index >= Step.SAQ_DRAFTING.index])
        # Drafted while the State drafts; cleared by its focal point before it submitted.
        status = {
            pk: AnswerStatus.DRAFTED if step == Step.SAQ_DRAFTING else AnswerStatus.CLEARED
            for pk, step in reviews.values_list("pk", "step")
        }
        links = CountryReview.questionnaires.through.objects.filter(countryreview__in=reviews).values_list(
            "countryreview_id", "questionnaire_id"
        )
        fp = dict(
            reviews.filter(participants__role=ParticipantRole.FOCAL_POINT).values_list("pk", "participants__user_id")
        )
        batch, total = [], 0
        for review_id, questionnaire_id in links:
            for question in questions.get(questionnaire_id, []):
                batch.append(
                    Answer(
                        review_id=review_id,
                        question=question,
                        value=values[AnswerKind(question.kind)],
                        revision=self.rng.choice([1, 1, 2, 3]),
                        updated_by_id=fp.get(review_id),
                        status=status[review_id],
                    )
                )
            if len(batch) >= 5000:
                total += self._save_answers(batch)
                batch = []
        total += self._save_answers(batch)
        self.report.answers = total
        self.say(f"answers: {total}, revisions: {self.report.revisions}, assistance needs: {self.report.needs}")

    def _save_answers(self, batch: list[Answer]) -> int:
        created = Answer.objects.bulk_create(batch, batch_size=2000)
        revisions = [
            AnswerRevision(answer=answer, number=number, value=answer.value, author_id=answer.updated_by_id)
            for answer in created
            if answer.updated_by_id
            for number in range(1, answer.revision + 1)
        ]
        AnswerRevision.objects.bulk_create(revisions, batch_size=5000)
        self.report.revisions += len(revisions)
        self._save_needs([answer for answer in created if answer.question.asks_assistance_needs])
        return len(created)

    def _save_needs(self, answers: list[Answer]) -> None:
        """A realistic share of needs: most often training and legislative drafting, some on no article."""
        categories, weights, articles = self.need_choices
        if not categories:
            return
        rng = self.needs_rng
        needs = [
            AssistanceNeed(
                answer_id=answer.pk,
                category=category,
                article=rng.choice(articles),
                priority=rng.choices(PRIORITIES, PRIORITY_WEIGHTS)[0],
                text=f"{category.name_en}: support requested for the implementation of this provision.",
                order=order,
            )
            for answer in answers
            if rng.random() < NEEDS_SHARE
            for order, category in enumerate(rng.choices(categories, weights, k=rng.choice([1, 1, 2, 3])))
        ]
        AssistanceNeed.objects.bulk_create(needs, batch_size=5000)
        self.report.needs += len(needs)

    def dialogue(self) -> None:
        """Comments over the reviews in dialogue or later; the first such review gets a 200-comment thread."""
        reviews = list(
            CountryReview.objects.filter(
                step__in=[Step.FEEDBACK, Step.DIALOGUE, Step.OBSERVATIONS, Step.SUMMARY, Step.FINALIZED]
            ).order_by("pk")
        )
        if not reviews:
            return
        authors: dict[int, list[int]] = {}
        for review_id, user_id in Participant.objects.filter(review__in=reviews).values_list("review_id", "user_id"):
            authors.setdefault(review_id, []).append(user_id)
        bodies = [
            (text, render_comment(text))
            for text in (
                "Could you describe how **article 5** is applied in practice?",
                "Please see the attached court decision of 2019, summarized [here](https://example.org/case).",
                "Thank you. Are legal persons liable under the same provision?",
                "The 2021 amendment extended jurisdiction to offences committed abroad by nationals.",
                "We suggest adding statistics on convictions for the last five years.",
            )
        ]
        first_questions = dict(
            Question.objects.filter(questionnaire__version__gte=1000, order__lte=3)
            .values_list("questionnaire_id", "pk")
            .order_by("-order")
        )
        threads = []
        for review in reviews:
            questionnaire_id = review.questionnaires.values_list("pk", flat=True).first()
            threads.append(Thread(review=review, question=None, visibility=ThreadVisibility.ALL))
            threads.append(
                Thread(
                    review=review,
                    question_id=first_questions.get(questionnaire_id) if questionnaire_id else None,
                    visibility=ThreadVisibility.ALL,
                )
            )
            threads.append(Thread(review=review, question=None, visibility=ThreadVisibility.REVIEWING))
        threads = Thread.objects.bulk_create(threads, batch_size=2000)
        target = round(self.comments * self.size)
        # A fifth of the comments are replies (one level, as in the product), saved after their parents.
        top_level = target - target // 5
        comments = [self._comment(threads[0], authors, bodies) for _ in range(min(200, top_level))]
        while len(comments) < top_level:
            comments.append(self._comment(self.rng.choice(threads), authors, bodies))
        comments = Comment.objects.bulk_create(comments, batch_size=5000)
        replies = []
        for _ in range(target - len(comments)):
            parent = self.rng.choice(comments)
            reply = self._comment(parent.thread, authors, bodies)
            reply.parent, reply.kind, reply.answered_at = parent, CommentKind.COMMENT, None
            replies.append(reply)
        Comment.objects.bulk_create(replies, batch_size=5000)
        self.report.comments = len(comments) + len(replies)
        self.say(f"comments: {self.report.comments} ({len(replies)} replies)")

    def _comment(self, thread: Thread, authors: dict[int, list[int]], bodies) -> Comment:
        text, html = self.rng.choice(bodies)
        kind = (
            CommentKind.CLARIFICATION
            if self.rng.random() < 0.02 and thread.visibility == "all"
            else CommentKind.COMMENT
        )
        return Comment(
            thread=thread,
            author_id=self.rng.choice(authors[thread.review_id]),
            body=text,
            body_html=html,
            kind=kind,
            answered_at=timezone.now() if kind == CommentKind.CLARIFICATION else None,
        )
