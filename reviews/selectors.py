"""Reads of the reviews app: querysets already joined, and 404 for what a user may not see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    JSONField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils import timezone, translation

from reviews import permissions
from reviews.answer_values import condition_holds, is_empty, required_questions
from reviews.enums import AnswerStatus, CommentKind, OutputStatus, ParticipantRole, Side, Step, ThreadVisibility
from reviews.models import (
    Answer,
    Article,
    AssistanceCategory,
    AssistanceNeed,
    Choice,
    Comment,
    CountryReview,
    DeadlineExtension,
    Draw,
    Evidence,
    Participant,
    Presence,
    Question,
    Questionnaire,
    ReviewCycle,
    ReviewPairing,
    Section,
    StepTransition,
    Thread,
)
from revmod.states.enums import RegionalGroup

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def get_review_for_user(user, pk: int) -> CountryReview:
    """The review, or 404 when it does not exist or the user may not see it."""
    review = CountryReview.objects.select_related("state", "cycle__cluster", "group").filter(pk=pk).first()
    if review is None or not permissions.can_view(user, review):
        raise Http404
    return review


def overdue_annotation():
    return Case(
        When(Q(due_at__lt=timezone.now()) & ~Q(step=Step.FINALIZED), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def my_reviews(user) -> QuerySet[CountryReview]:
    """The reviews the user takes part in, each with ``mine``: the user's active participation."""
    return (
        permissions.reviews_visible_to(user)
        .select_related("state", "cycle__cluster", "group")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(user=user, is_active=True),
                to_attr="mine",
            )
        )
        .annotate(overdue=overdue_annotation())
        .order_by("-overdue", "due_at", "state__name")
    )


class Overdue(TypedDict):
    overdue: bool


class OverviewCounts(TypedDict):
    step: list[tuple[str, int]]
    group: list[tuple[str, int]]
    cluster: list[tuple[str, int]]
    regional_group: list[tuple[str, int]]
    overdue: int


def overview_reviews(filters: dict) -> QuerySet[WithAnnotations[CountryReview, Overdue]]:
    """All reviews for the secretariat, filtered, overdue ones first."""
    reviews = CountryReview.objects.select_related("state", "cycle__cluster", "group").annotate(
        overdue=overdue_annotation()
    )
    if filters.get("step"):
        reviews = reviews.filter(step=filters["step"])
    if filters.get("cycle"):
        reviews = reviews.filter(cycle=filters["cycle"])
    if filters.get("cluster"):
        reviews = reviews.filter(cycle__cluster=filters["cluster"])
    if filters.get("group"):
        reviews = reviews.filter(group__number=filters["group"])
    if filters.get("regional_group"):
        reviews = reviews.filter(state__regional_group=filters["regional_group"])
    if filters.get("overdue"):
        reviews = reviews.filter(overdue=True)
    if filters.get("q"):
        reviews = reviews.filter(Q(state__name__icontains=filters["q"]) | Q(state__iso3__iexact=filters["q"]))
    return reviews.order_by("-overdue", "due_at", "state__name")


def overview_counts(reviews: QuerySet[WithAnnotations[CountryReview, Overdue]]) -> OverviewCounts:
    """(label, count) rows by step, review group, cluster and regional group: one query each."""
    plain = reviews.order_by()

    def rows(field: str, label, order=None) -> list[tuple[str, int]]:
        counted = list(plain.values(field).annotate(count=Count("pk")).order_by(field))
        if order is not None:
            counted.sort(key=lambda row: order(row[field]))
        return [(label(row[field]), row["count"]) for row in counted]

    return {
        "step": rows("step", lambda value: Step(value).label, order=lambda value: Step(value).index),  # workflow order
        "group": rows("group__number", str),
        "cluster": rows("cycle__cluster__number", lambda value: {1: "I", 2: "II", 3: "III", 4: "IV"}[value]),
        "regional_group": rows("state__regional_group", lambda value: RegionalGroup(value).label),
        "overdue": plain.filter(overdue=True).count(),
    }


def review_detail(review: CountryReview) -> CountryReview:
    """The review with its participants, pairings, questionnaires, timeline and deadline extensions loaded.

    The review itself was fetched (and its access checked) already; each related list comes
    with what it shows joined in, rather than in a prefetch of its own.
    """
    prefetch_related_objects(
        [review],
        Prefetch(
            "participants",
            queryset=Participant.objects.filter(is_active=True).select_related("user", "state"),
            to_attr="active_participants",
        ),
        Prefetch("pairings", queryset=ReviewPairing.objects.select_related("reviewing_state", "instrument")),
        Prefetch("questionnaires", queryset=Questionnaire.objects.select_related("instrument")),
        Prefetch("transitions", queryset=StepTransition.objects.select_related("by")),
        Prefetch("extensions", queryset=DeadlineExtension.objects.select_related("by")),
    )
    return review


# A Question with its texts (questionnaire_view), or an OutlineQuestion without them (questionnaire_outline).
QuestionT = TypeVar("QuestionT")


@dataclass
class SectionProgress(Generic[QuestionT]):
    section: Section
    questions: list[QuestionT] = field(default_factory=list)
    answered: int = 0
    required: int = 0

    cleared: int = 0

    @property
    def complete(self) -> bool:
        return self.answered >= self.required


@dataclass
class QuestionnaireView(Generic[QuestionT]):
    questionnaire: Questionnaire
    sections: list[SectionProgress[QuestionT]]
    answers: dict[int, Answer] | dict[int, OutlineAnswer]  # OutlineAnswer in questionnaire_outline

    @property
    def answered(self) -> int:
        return sum(section.answered for section in self.sections)

    @property
    def required(self) -> int:
        return sum(section.required for section in self.sections)

    @property
    def cleared(self) -> int:
        return sum(section.cleared for section in self.sections)


def get_review_questionnaire(review: CountryReview, questionnaire_pk: int) -> Questionnaire:
    questionnaire = review.questionnaires.select_related("instrument", "cluster").filter(pk=questionnaire_pk).first()
    if questionnaire is None:
        raise Http404
    return questionnaire


@dataclass
class SubmissionGaps:
    """What stands between a questionnaire and its submission."""

    missing: list[Question]
    not_cleared: list[Question]

    def __bool__(self) -> bool:
        return bool(self.missing or self.not_cleared)


def submission_gaps(review: CountryReview) -> SubmissionGaps:
    """Required questions of every questionnaire of the review without an answer, or answered and not cleared."""
    answers = {answer.question_id: answer for answer in review.answers.all()}
    questions = list(
        Question.objects.filter(questionnaire__in=review.questionnaires.all()).order_by("questionnaire", "order")
    )
    required = required_questions(questions, answers)
    return SubmissionGaps(
        missing=[question for question in required if is_empty(answers.get(question.pk))],
        not_cleared=[
            question
            for question in required
            if not is_empty(answers.get(question.pk)) and answers[question.pk].status != AnswerStatus.CLEARED
        ],
    )


def questionnaire_view(
    review: CountryReview | None,
    questionnaire: Questionnaire,
    *,
    one_language: bool = False,
    with_evidence: bool = False,
) -> QuestionnaireView[Question]:
    """Sections with their questions, the review's answers and progress, in four queries.

    Without a review, the questionnaire as a focal point first sees it, nothing answered (a preview).

    With ``one_language`` the translated texts are loaded in the active language and English
    only (the fallback): a page reads one language, and the other columns of hundreds of
    questions cost more to load than the rest of the page. Documents built in another
    language afterwards need the default (every column).

    With ``with_evidence`` each question's ``evidence_files`` lists the answer's current
    evidence files, in one more query (none when nothing is answered).
    """
    sections = list(questionnaire.sections.select_related("article").order_by("order"))
    questions = _with_texts(questionnaire.questions.order_by("order"), one_language=one_language)
    answer_rows = Answer.objects.filter(review=review, question__questionnaire=questionnaire)
    if review is None:
        answer_rows = Answer.objects.none()
    # Who saved last is shown where answers are edited, not where they are read.
    if one_language:
        answer_rows = answer_rows.defer("updated_by")
    else:
        answer_rows = answer_rows.select_related("updated_by", "status_changed_by")
    answers = {answer.question_id: answer for answer in answer_rows}
    if with_evidence:
        with_current_evidence(list(answers.values()))
        for question in questions:
            question.evidence_files = answers[question.pk].current_evidence if question.pk in answers else []
    needs = needs_of_answers([answers[q.pk] for q in questions if q.asks_assistance_needs and q.pk in answers])
    for question in questions:
        question.needs = needs.get(answers[question.pk].pk, []) if question.pk in answers else []
    progress = _progress(sections, questions, answers)
    return QuestionnaireView(questionnaire=questionnaire, sections=progress, answers=answers)


def _progress(sections: list[Section], questions: list[QuestionT], answers: dict) -> list[SectionProgress[QuestionT]]:
    """Place each question (a Question or an OutlineQuestion) in its section with its answer, counting progress."""
    rows: list[Any] = list(questions)  # either kind has what is read and set here
    required = {question.pk for question in required_questions(rows, answers)}
    by_section: dict[int, SectionProgress[QuestionT]] = {section.pk: SectionProgress(section) for section in sections}
    by_id = {question.pk: question for question in rows}
    for question in rows:
        progress = by_section[question.section_id]
        question.answer = answers.get(question.pk)
        question.value = question.answer.value if question.answer else None
        question.is_asked = _asked(question, answers, by_id)
        progress.questions.append(question)
        if question.pk in required:
            progress.required += 1
            if not is_empty(question.answer):
                progress.answered += 1
                if question.answer is not None and question.answer.status == AnswerStatus.CLEARED:
                    progress.cleared += 1
    return list(by_section.values())


@dataclass(slots=True)
class OutlineAnswer:
    """What the outline of a questionnaire knows of an answer: enough for progress and for cache keys."""

    pk: int
    revision: int
    status: str
    value: object


@dataclass(slots=True)
class OutlineQuestion:
    """A question of the outline: its place and its conditions, no text (that is in the cached fragment)."""

    pk: int
    questionnaire_id: int
    section_id: int
    parent_id: int | None
    condition: str
    required: bool
    answer: OutlineAnswer | None = None
    value: object = None
    is_asked: bool = True
    evidence: tuple[int, int | None] = (0, None)  # current evidence files: how many, the newest id


def questionnaire_outline(review: CountryReview, questionnaire: Questionnaire) -> QuestionnaireView[OutlineQuestion]:
    """The sections, questions and progress of the review's questionnaire, without the texts: three queries.

    Rows, not model instances: the read page builds this on every view, and making hundreds of
    translated model instances cost more than the rest of a cached page. Each question's
    ``evidence`` stamps its answer's current evidence files: their number and the newest id.
    Files are added with a new, higher id and withdrawn, never edited or deleted, so any change
    of the set changes the stamp. ``question_texts`` and ``with_current_evidence`` load the rest
    of the questions a page renders.
    """
    sections = list(questionnaire.sections.order_by("order"))
    questions = [
        OutlineQuestion(*row)
        for row in questionnaire.questions.order_by("order").values_list(
            "pk", "questionnaire_id", "section_id", "parent_id", "condition", "required"
        )
    ]
    files = current_evidence().filter(answer=OuterRef("pk")).order_by().values("answer")
    rows = (
        Answer.objects.filter(review=review, question__questionnaire=questionnaire)
        .annotate(
            files=Subquery(files.annotate(n=Count("pk")).values("n")),
            newest=Subquery(files.annotate(newest=Max("pk")).values("newest")),
        )
        .values_list("question_id", "pk", "revision", "status", "value", "files", "newest")
    )
    answers = {}
    evidence = {}
    for question_id, pk, revision, status, value, count, newest in rows:
        answers[question_id] = OutlineAnswer(pk, revision, status, value)
        evidence[question_id] = (count or 0, newest)
    for question in questions:
        question.evidence = evidence.get(question.pk, (0, None))
    progress = _progress(sections, questions, answers)
    return QuestionnaireView(questionnaire=questionnaire, sections=progress, answers=answers)


def _with_texts(question_rows: QuerySet[Question], *, one_language: bool) -> list[Question]:
    choices = Choice.objects.all()
    if one_language:
        question_rows = question_rows.only(*_language_columns(QUESTION_COLUMNS, ("text", "help_text")))
        choices = choices.only(*_language_columns(("id", "question_id", "key", "order"), ("label",)))
    return list(question_rows.prefetch_related(Prefetch("choices", queryset=choices)))


def question_texts(questionnaire: Questionnaire, pks: list[int]) -> dict[int, Question]:
    """Some questions of the questionnaire with their texts and choices in the reader's language, by id: two queries."""
    rows = questionnaire.questions.filter(pk__in=pks).order_by("order")
    return {question.pk: question for question in _with_texts(rows, one_language=True)}


def needs_of_answers(answers: Sequence[Answer]) -> dict[int, list[AssistanceNeed]]:
    """The technical assistance needs of these answers, by answer id, with category and article: one query."""
    needs: dict[int, list[AssistanceNeed]] = {}
    if answers:
        rows = AssistanceNeed.objects.filter(answer__in=[answer.pk for answer in answers])
        for need in rows.select_related("category", "article__instrument").order_by("order", "pk"):
            needs.setdefault(need.answer_id or 0, []).append(need)
    return needs


def needs_of_questions(review: CountryReview, question_pks: list[int]) -> dict[int, list[AssistanceNeed]]:
    """The needs recorded with the review's answers to these questions, by question id: one query, none for none."""
    needs: dict[int, list[AssistanceNeed]] = {}
    if question_pks:
        rows = AssistanceNeed.objects.filter(answer__review=review, answer__question__in=question_pks)
        rows = rows.select_related("category", "article__instrument").annotate(question_id=F("answer__question"))
        for need in rows.order_by("order", "pk"):
            needs.setdefault(need.question_id, []).append(need)
    return needs


# What a page or a document shows of each observation of a list: its articles, questions and need.
OBSERVATION_PREFETCH = (
    "items__articles",
    "items__questions",
    "items__assistance_needs__category",
    "items__assistance_needs__article",
)


def assistance_categories() -> QuerySet[AssistanceCategory]:
    """Every category, inactive ones included, in the secretariat's order, each with how many needs use it."""
    return AssistanceCategory.objects.annotate(need_count=Count("needs")).order_by("position", "pk")


def active_assistance_categories() -> list[AssistanceCategory]:
    return list(AssistanceCategory.objects.filter(is_active=True).order_by("position", "pk"))


def get_assistance_category(pk: int) -> AssistanceCategory:
    category = AssistanceCategory.objects.filter(pk=pk).first()
    if category is None:
        raise Http404
    return category


def articles_of_questionnaire(questionnaire: Questionnaire) -> list[Article]:
    """The articles of the questionnaire's instrument: what a need may be about."""
    return list(Article.objects.filter(instrument_id=questionnaire.instrument_id).select_related("instrument"))


def assistance_needs_for(reviews: QuerySet[CountryReview], *, agreed_only: bool = False) -> QuerySet[AssistanceNeed]:
    """The technical assistance needs of these reviews, from answers and from observations, in one query.

    Each need comes with its category, article (and instrument), and ``need.review`` with its State,
    cycle and cluster; the region is ``need.review.state.regional_group``. The caller decides which
    reviews the reader may see. ``agreed_only``: only what a State said (submitted questionnaires) and
    both sides agreed (locked lists of observations), as reports across reviews need.
    """
    from_answers = Q(answer__review__in=reviews)
    from_observations = Q(observation__observation_list__review__in=reviews)
    if agreed_only:
        from_answers &= Q(answer__review__submitted_at__isnull=False)
        from_observations &= Q(observation__observation_list__status=OutputStatus.LOCKED)
    review_path = ("state", "cycle__cluster")
    return AssistanceNeed.objects.filter(from_answers | from_observations).select_related(
        "category",
        "article__instrument",
        "answer__question",
        *(f"answer__review__{path}" for path in review_path),
        "observation__observation_list",
        *(f"observation__observation_list__review__{path}" for path in review_path),
    )


def current_evidence() -> QuerySet[Evidence]:
    """The evidence files answers carry now (not the withdrawn ones), oldest first."""
    return Evidence.objects.filter(removed_at__isnull=True).order_by("added_at", "pk")


def current_evidence_of(review: CountryReview, question_pks: list[int]) -> dict[int, list[Evidence]]:
    """The current evidence files of the review's answers to these questions, by question id: one query."""
    files: dict[int, list[Evidence]] = {}
    rows = current_evidence().filter(answer__review=review, answer__question__in=question_pks)
    for evidence in rows.annotate(question_id=F("answer__question")):
        files.setdefault(evidence.question_id, []).append(evidence)
    return files


def with_current_evidence(answers: list[Answer]) -> list[Answer]:
    """Set ``current_evidence`` on each answer: the files it carries now, in one query (none for no answers)."""
    files: dict[int, list[Evidence]] = {answer.pk: [] for answer in answers}
    if files:
        for evidence in current_evidence().filter(answer__in=list(files)):
            files[evidence.answer_id].append(evidence)
    for answer in answers:
        answer.current_evidence = files[answer.pk]
    return answers


def evidence_history(answer: Answer | None) -> list[Evidence]:
    """Every file the answer ever carried, withdrawn ones included, with who added and withdrew them."""
    if answer is None:
        return []
    return list(answer.evidence.select_related("added_by", "removed_by").order_by("added_at", "pk"))


def get_evidence_for_reader(user, review: CountryReview, pk: int) -> Evidence:
    """An evidence file of the review, withdrawn or not, for someone who may read its answers; 404 otherwise."""
    if not permissions.can_read_answers(user, review):
        raise Http404
    evidence = Evidence.objects.filter(pk=pk, answer__review=review).select_related("answer__question").first()
    if evidence is None:
        raise Http404
    return evidence


QUESTION_COLUMNS = (
    "id", "questionnaire_id", "section_id", "parent_id", "condition", "number", "order", "kind", "required",
    "asks_assistance_needs",
)  # fmt: skip


def _language_columns(plain: tuple[str, ...], translated: tuple[str, ...]) -> list[str]:
    suffixes = {"en", (translation.get_language() or "en").replace("-", "_")}
    return [*plain, *(f"{field}_{suffix}" for field in translated for suffix in sorted(suffixes))]


@dataclass(frozen=True)
class _FollowUp:
    pk: int
    parent_id: int
    condition: str


@dataclass(frozen=True)
class _Given:
    value: object


def unasked_questions(reviews: QuerySet[CountryReview]) -> dict[int, set[int]]:
    """The follow-up questions that each review's answers so far do not ask, by review id.

    A follow-up is asked when its parent's answer matches its condition, all the way up its
    chain. One query whatever the number of reviews and questions: the follow-ups of the
    reviews' questionnaires, each with its parent's answer in that review.
    """
    parent_answer = Answer.objects.filter(review_id=OuterRef("in_review"), question_id=OuterRef("parent_id"))
    rows = (
        Question.objects.filter(questionnaire__reviews__in=reviews, parent__isnull=False)
        .annotate(in_review=F("questionnaire__reviews"))
        .annotate(parent_value=Subquery(parent_answer.order_by().values("value")[:1], output_field=JSONField()))
        .values_list("in_review", "pk", "parent_id", "condition", "parent_value")
        .order_by()
    )
    follow_ups: dict[int, dict[int, _FollowUp]] = {}
    given: dict[int, dict[int, _Given]] = {}
    for review_id, pk, parent_id, condition, parent_value in rows:
        follow_ups.setdefault(review_id, {})[pk] = _FollowUp(pk, parent_id, condition)
        given.setdefault(review_id, {})[parent_id] = _Given(parent_value)

    def asked(question: _FollowUp | None, of_review: dict[int, _FollowUp], answered: dict[int, _Given]) -> bool:
        while question is not None:
            if not condition_holds(question, answered):
                return False
            question = of_review.get(question.parent_id)
        return True

    return {
        review_id: {pk for pk, follow_up in of_review.items() if not asked(follow_up, of_review, given[review_id])}
        for review_id, of_review in follow_ups.items()
    }


def _asked(question: Question, answers: dict, by_id: dict[int, Question]) -> bool:
    while question.parent_id is not None:
        if not condition_holds(question, answers):
            return False
        question = by_id[question.parent_id]
    return True


def get_draw(cycle_pk: int):
    draw = Draw.objects.select_related("cycle__cluster", "drawn_by").filter(cycle_id=cycle_pk).first()
    if draw is None:
        raise Http404
    return draw


def drawn_reviews(draw) -> QuerySet[CountryReview]:
    return (
        CountryReview.objects.filter(cycle_id=draw.cycle_id)
        .select_related("state", "group")
        .prefetch_related("pairings__reviewing_state", "pairings__instrument")
        .order_by("group__number", "state__name")
    )


# --- The dialogue -----------------------------------------------------------------------
#
# Every read of threads and comments goes through visible_threads / visible_comments: pages,
# API, catch-up, live events, notifications, e-mails and exports. tests/test_layering.py fails
# when a module outside this one queries them.


def visible_threads(user, review: CountryReview) -> QuerySet[Thread]:
    """The threads of the review the user may read, filtered in SQL.

    Visibility "reviewing" needs the reviewing side; a thread on a question discusses its
    answer and is readable only by those who may read the answers.
    """
    threads = Thread.objects.filter(review=review, visibility__in=permissions.visible_visibilities(user, review))
    if not permissions.can_read_answers(user, review):
        threads = threads.filter(question__isnull=True)
    return threads


def visible_comments(user, review: CountryReview) -> QuerySet[Comment]:
    """Every comment of the review the user may read, filtered in SQL."""
    return Comment.objects.filter(thread__in=visible_threads(user, review)).select_related("author", "thread")


def comments_to_index() -> QuerySet[Comment]:
    """Every comment not deleted, with its thread's review: for the search index only.

    The index copies them whoever may read them; the search applies the same rule as
    visible_threads to every row it returns (insights.permissions), so no reader gets more.
    """
    return Comment.objects.filter(deleted_at__isnull=True).select_related(
        "thread__review__state", "thread__review__cycle", "thread__question__section__article",
        "thread__question__questionnaire",
    )  # fmt: skip


def comment_of_attempt(author, idempotency_key: str) -> Comment | None:
    """The comment ``author`` stored with this idempotency key, if any (a retried post)."""
    return (
        Comment.objects.select_related("author", "thread")
        .filter(author=author, idempotency_key=idempotency_key)
        .first()
    )


CATCH_UP_LIMIT = 500


def last_change_seq(review) -> int:
    """The highest change number of the review's dialogue (comments and threads): 0 before any change.

    Changes of one review are numbered under the review's row lock (services.threads), so
    they commit in the order of their numbers: once this returns N, every change up to N
    has been committed.
    """
    # One query; the last comment of each thread comes from the (thread, change_seq) index, so
    # the cost follows the number of threads, not of comments.
    last_comment = Comment.objects.filter(thread=OuterRef("pk")).order_by("-change_seq").values("change_seq")[:1]
    last = (
        Thread.objects.filter(review_id=getattr(review, "pk", review))
        .annotate(last_comment=Subquery(last_comment))
        .aggregate(threads=Max("change_seq"), comments=Max("last_comment"))
    )
    return max(last["threads"] or 0, last["comments"] or 0)


@dataclass(frozen=True)
class CatchUp:
    """What changed after a cursor, oldest change first; continue from ``cursor``, at once if ``more``."""

    changes: list[Comment | Thread]
    cursor: int
    more: bool


def comments_after(user, review: CountryReview, cursor: int, *, limit: int = CATCH_UP_LIMIT) -> CatchUp:
    """What a reconnecting page missed: comments posted, edited, deleted or answered, and threads
    resolved or reopened, after change number ``cursor``, as the user may read them now.

    Only changes up to the last committed one when the call starts are returned: one that
    commits meanwhile may have a number below another that is already visible, and would
    otherwise be skipped by the next cursor. It arrives live, or at the next catch-up.
    """
    ceiling = last_change_seq(review)
    comments = visible_comments(user, review)
    window = {"change_seq__gt": cursor, "change_seq__lte": ceiling}
    changed_comments = list(comments.filter(**window).order_by("change_seq")[: limit + 1])
    changed_threads = list(
        Thread.objects.filter(pk__in=comments.values("thread_id"), **window)
        .select_related("resolved_by")
        .order_by("change_seq")[: limit + 1]
    )
    changes: list[Comment | Thread] = sorted([*changed_comments, *changed_threads], key=lambda c: c.change_seq)
    if len(changes) > limit:
        return CatchUp(changes=changes[:limit], cursor=changes[limit - 1].change_seq, more=True)
    return CatchUp(changes=changes, cursor=max(cursor, ceiling), more=False)


THREAD_BATCH = 50  # top-level comments a thread shows at once (with their replies); earlier ones on demand


@dataclass
class ThreadWindow:
    """A run of a thread's top-level comments, oldest first, and where the runs around it start.

    ``earlier`` is the first comment shown when older ones exist (the cursor of "Earlier
    comments"); ``later`` the first comment after the run when it is not the latest one.
    """

    top: list[Comment]
    earlier: int | None = None
    later: int | None = None


# What a thread page shows of a comment and its author: a long thread loads no more than it needs.
SHOWN_COMMENT_FIELDS = (
    *("thread_id", "parent_id", "author_id", "kind", "body", "body_html", "language", "answer_revision"),
    *("created_at", "edited_at", "deleted_at", "answered_at", "change_seq", "author__full_name"),
)


def _top_level_comments() -> QuerySet[Comment]:
    replies = Comment.objects.select_related("author").only(*SHOWN_COMMENT_FIELDS).order_by("created_at", "pk")
    return (
        Comment.objects.filter(parent__isnull=True)
        .select_related("author")
        .only(*SHOWN_COMMENT_FIELDS)
        .prefetch_related(Prefetch("replies", queryset=replies))
    )


def _latest_window(newest_first: list[Comment], limit: int | None) -> ThreadWindow:
    shown = newest_first if limit is None else newest_first[:limit]
    top = shown[::-1]
    return ThreadWindow(top, earlier=top[0].pk if limit is not None and len(newest_first) > limit else None)


def threads_on(
    user, review: CountryReview, question: Question | None, *, limit: int | None = THREAD_BATCH
) -> Sequence[Thread]:
    """The threads of one question (or the general ones) that the user may read, each with its latest comments.

    ``thread.window`` holds the latest ``limit`` top-level comments (all of them when ``limit``
    is None) with their replies. Each thread's comments are a range of an index read from its
    end (two queries a thread, at most three threads a page), so a page costs the same
    whatever the length of its threads.
    """
    found = list(visible_threads(user, review).filter(question=question).select_related("resolved_by", "question"))
    for thread in found:
        newest = _top_level_comments().filter(thread=thread).order_by("-created_at", "-pk")
        if limit is not None:
            newest = newest[: limit + 1]  # one more tells whether earlier comments exist
        thread.window = _latest_window(list(newest), limit)
    return found


def _before(comment: Comment) -> Q:
    return Q(created_at__lt=comment.created_at) | Q(created_at=comment.created_at, pk__lt=comment.pk)


def top_level_comment_in(thread: Thread, pk: int | None) -> Comment | None:
    """The top-level comment ``pk`` of the thread, or the one a reply ``pk`` answers; None when not in it."""
    if pk is None:
        return None
    comment = Comment.objects.filter(thread=thread, pk=pk).select_related("parent").first()
    if comment is None:
        return None
    return comment.parent or comment


def comments_before(thread: Thread, cursor: Comment, *, limit: int | None = THREAD_BATCH) -> ThreadWindow:
    """The ``limit`` top-level comments of the thread just before ``cursor`` (all of them when None)."""
    newest = _top_level_comments().filter(_before(cursor), thread=thread).order_by("-created_at", "-pk")
    if limit is not None:
        newest = newest[: limit + 1]
    window = _latest_window(list(newest), limit)
    window.later = cursor.pk
    return window


def comments_from(thread: Thread, first: Comment, *, limit: int = THREAD_BATCH) -> ThreadWindow | None:
    """The ``limit`` top-level comments of the thread from ``first`` on; None when they reach the latest one."""
    oldest = (
        _top_level_comments().filter(thread=thread).exclude(_before(first)).order_by("created_at", "pk")[: limit + 1]
    )
    run = list(oldest)
    if len(run) <= limit:
        return None  # the latest run shows it
    earlier = Comment.objects.filter(_before(first), thread=thread, parent__isnull=True).exists()
    return ThreadWindow(run[:limit], earlier=first.pk if earlier else None, later=run[limit].pk)


def get_thread_for_user(user, review: CountryReview, pk: int) -> Thread:
    thread = visible_threads(user, review).select_related("question").filter(pk=pk).first()
    if thread is None:
        raise Http404
    return thread


def comments_for_document(user, review: CountryReview) -> dict[int | None, list[Comment]]:
    """The comments an export shows to ``user``, by question (None: general threads), oldest first.

    The same rule as the pages: a document is read by the person who asked for it.
    """
    comments = visible_comments(user, review).filter(deleted_at__isnull=True)
    by_question: dict[int | None, list[Comment]] = {}
    for comment in comments.order_by("thread__question_id", "created_at", "pk"):
        by_question.setdefault(comment.thread.question_id, []).append(comment)
    return by_question


def conversation_author_ids(comment: Comment) -> set[int]:
    """Who wrote the comment a reply answers, or an earlier reply to it (for reply notifications)."""
    if comment.parent_id is None:
        return set()
    rows = Comment.objects.filter(Q(pk=comment.parent_id) | Q(parent_id=comment.parent_id)).values_list(
        "author_id", flat=True
    )
    return set(rows)


def comment_counts(user, review: CountryReview) -> dict[int | None, int]:
    """Number of comments per question (None: general threads) that the user may read: one query."""
    rows = (
        visible_comments(user, review)
        .filter(deleted_at__isnull=True)
        .order_by()
        .values("thread__question_id")
        .annotate(count=Count("pk"))
    )
    return {row["thread__question_id"]: row["count"] for row in rows}


def open_clarifications(user, review: CountryReview) -> QuerySet[Comment]:
    """The requests for clarification still waiting for an answer that ``user`` may read."""
    return (
        visible_comments(user, review)
        .filter(kind=CommentKind.CLARIFICATION, answered_at__isnull=True, deleted_at__isnull=True)
        .select_related("thread__question")
        .order_by("created_at")
    )


def get_comment_for_user(user, review: CountryReview, pk: int) -> Comment:
    comment = visible_comments(user, review).filter(pk=pk).first()
    if comment is None:
        raise Http404
    return comment


def mention_candidates(review: CountryReview, query: str, *, own_state_only: bool = False) -> list[dict]:
    """Participants whose name holds ``query``; only the reviewed State's for those who do not see the dialogue."""
    participants = Participant.objects.filter(review=review, is_active=True, user__full_name__icontains=query)
    if own_state_only:
        participants = participants.filter(side=Side.REVIEWED)
    participants = participants.select_related("user", "state").order_by("user__full_name")[:10]
    return [{"name": p.user.full_name, "state": p.state.name} for p in participants]


def viewers_of(review_id: int, *, reviewed_side_only: bool = False) -> list[str]:
    """The names of the people who have the review's page open now (only the State's own people, if asked)."""
    viewing = Presence.objects.filter(review_id=review_id)
    if reviewed_side_only:
        own = Participant.objects.filter(review_id=review_id, side=Side.REVIEWED, is_active=True)
        viewing = viewing.filter(user_id__in=own.values("user_id"))
    return sorted(set(viewing.values_list("user__full_name", flat=True)))


def cycles_overview() -> QuerySet[ReviewCycle]:
    """Every cycle with its cluster, whether lots were drawn, and its number of reviews: one query."""
    return (
        ReviewCycle.objects.select_related("cluster", "draw")
        .annotate(review_count=Count("reviews"))
        .order_by("-first_year", "cluster__number")
    )


def get_cycle(pk: int) -> ReviewCycle:
    cycle = ReviewCycle.objects.select_related("cluster", "draw").filter(pk=pk).first()
    if cycle is None:
        raise Http404
    return cycle


def cycle_reviews(cycle: ReviewCycle) -> QuerySet[CountryReview]:
    return (
        CountryReview.objects.filter(cycle=cycle)
        .select_related("state", "group")
        .annotate(overdue=overdue_annotation())
        .order_by("group__number", "state__name")
    )


def cycle_reviews_with_participants(cycle: ReviewCycle) -> QuerySet[CountryReview]:
    """The reviews of the cycle with their States and active participants (``active_participants``), in 3 queries."""
    return (
        CountryReview.objects.filter(cycle=cycle)
        .select_related("state", "group")
        .prefetch_related(
            "pairings__reviewing_state",
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(is_active=True).select_related("user").order_by("user__full_name"),
                to_attr="active_participants",
            ),
        )
        .order_by("group__number", "state__name")
    )


def active_participants_of(review: CountryReview) -> list[Participant]:
    """The active participants that ``cycle_reviews_with_participants`` prefetched."""
    return vars(review)["active_participants"]


def sides_of_states(review: CountryReview) -> dict[int, Side]:
    """State id -> side, for the State under review and each reviewing State (from prefetched pairings)."""
    sides = {pairing.reviewing_state_id: Side.REVIEWING for pairing in review.pairings.all()}
    return sides | {review.state_id: Side.REVIEWED}


@dataclass
class StateParticipation:
    """One row of the cycle's participants table: a State in a review, and its people by role."""

    review: CountryReview
    state: object
    side: Side
    focal_points: list = field(default_factory=list)
    experts: list = field(default_factory=list)
    observers: list = field(default_factory=list)
    contributors: list = field(default_factory=list)


def cycle_participation(cycle: ReviewCycle, *, state=None) -> list[StateParticipation]:
    """A row per review and taking-part State (the reviewed State first), optionally only where ``state`` takes part."""
    rows = []
    for review in cycle_reviews_with_participants(cycle):
        states = {review.state_id: review.state} | {
            p.reviewing_state_id: p.reviewing_state for p in review.pairings.all()
        }
        if state is not None and state.pk not in states:
            continue
        sides = sides_of_states(review)
        for state_id, member_state in states.items():
            row = StateParticipation(review, member_state, sides[state_id])
            by_role = {
                ParticipantRole.FOCAL_POINT: row.focal_points,
                ParticipantRole.EXPERT: row.experts,
                ParticipantRole.OBSERVER: row.observers,
                ParticipantRole.CONTRIBUTOR: row.contributors,
            }
            for participant in active_participants_of(review):
                if participant.state_id == state_id:
                    by_role[ParticipantRole(participant.role)].append(participant.user)
            rows.append(row)
    return rows


def clarifications_waiting(reviews: list[CountryReview]) -> dict[int, int]:
    """Requests for clarification to the State under review, still unanswered: one query.

    Only threads the whole review reads: what the reviewed side sees, never the reviewing side's own.
    """
    if not reviews:
        return {}
    waiting = (
        Comment.objects.filter(
            thread__review__in=reviews,
            thread__visibility=ThreadVisibility.ALL,
            kind=CommentKind.CLARIFICATION,
            answered_at__isnull=True,
            deleted_at__isnull=True,
        )
        .values("thread__review")
        .annotate(n=Count("pk"))
    )
    return {row["thread__review"]: row["n"] for row in waiting}
