"""The secretariat's figures across reviews: each one aggregated in the database, in a constant number of queries.

Every figure is a table (rows by columns) that the page draws as a chart, writes as CSV and the
API returns as JSON. Labels are translated in the active language when the figure is built.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reviews.enums import AnswerStatus, ObservationCategory, OutputStatus, Step
from reviews.models import (
    Answer,
    Article,
    AssistanceCategory,
    AssistanceNeed,
    CountryReview,
    Observation,
    Question,
    StepTransition,
)
from revmod.states.enums import RegionalGroup

Cell = int | float | str | dt.date


@dataclass(frozen=True)
class Figure:
    slug: str
    title: str
    description: str
    row_heading: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    # How the page draws it: "bar" (one bar per row, stacked by column), "horizontal" (the same, sideways,
    # for long lists of articles), "percent" (one bar per row: its last column, out of 100) or None (a table only).
    chart: str | None = "bar"

    @property
    def table_rows(self) -> list[tuple[str, list[tuple[Cell, bool]]]]:
        """The rows with each cell marked as a number or not (numbers align to the end)."""
        return [(label, [(value, isinstance(value, int | float)) for value in values]) for label, values in self.rows]


def reviews_for_figures(filters: dict) -> QuerySet[CountryReview]:
    """Every review (the figures are the secretariat's), narrowed by cycle, cluster and regional group."""
    reviews = CountryReview.objects.all()
    if filters.get("cycle"):
        reviews = reviews.filter(cycle=filters["cycle"])
    if filters.get("cluster"):
        reviews = reviews.filter(cycle__cluster=filters["cluster"])
    if filters.get("region"):
        reviews = reviews.filter(state__regional_group=filters["region"])
    return reviews.order_by()


def steps() -> list[Step]:
    return sorted(Step, key=lambda step: step.index)


def progress_figures(reviews: QuerySet[CountryReview]) -> list[Figure]:
    """Reviews in each step at the end of each month, from the step history: one query.

    A step change counts one review into its new step and out of its former one, so summing the
    changes month by month gives how many reviews stood in each step.
    """
    changes = (
        StepTransition.objects.filter(review__in=reviews)
        .annotate(month=TruncMonth("at"))
        .values("month", "from_step", "to_step")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    by_month: dict[dt.date, list[Any]] = defaultdict(list)
    for change in changes:
        by_month[_as_date(change["month"])].append(change)
    ordered = steps()
    standing = dict.fromkeys(ordered, 0)
    rows: list[tuple[str, list[Cell]]] = []
    for month in _months(min(by_month, default=None), max(by_month, default=None)):
        for change in by_month.get(month, []):
            standing[Step(change["to_step"])] += change["count"]
            if change["from_step"]:
                standing[Step(change["from_step"])] -= change["count"]
        rows.append((formats.date_format(month, "YEAR_MONTH_FORMAT"), [standing[step] for step in ordered]))
    return [
        Figure(
            slug="progress",
            title=_("Reviews in each step, month by month"),
            description=_("How many reviews stood in each step of the workflow at the end of each month."),
            row_heading=_("Month"),
            columns=[str(step.label) for step in ordered],
            rows=rows,
        )
    ]


def _as_date(value) -> dt.date:
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


def _months(first: dt.date | None, last: dt.date | None) -> Iterable[dt.date]:
    if first is None or last is None:
        return
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


def _steps_by(
    reviews: QuerySet[CountryReview], by: str, label: Callable, order: Callable | None = None
) -> list[tuple[str, list[Cell]]]:
    """(label, [reviews per step]) rows grouped by ``by``: one query."""
    counted: dict = defaultdict(lambda: defaultdict(int))
    for row in reviews.values(by, "step").annotate(count=Count("pk")).order_by(by):
        counted[row[by]][row["step"]] += row["count"]
    keys = sorted(counted, key=order) if order else list(counted)
    return [(label(key), [counted[key][step] for step in steps()]) for key in keys]


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}


def step_figures(reviews: QuerySet[CountryReview]) -> list[Figure]:
    """Where the reviews stand now, by cluster, regional group and drawing group: three queries."""
    columns = [str(step.label) for step in steps()]
    regions = list(RegionalGroup.values)
    return [
        Figure(
            slug="steps-by-cluster",
            title=_("Reviews by step and cluster"),
            description=_("How many reviews of each cluster stand in each step today."),
            row_heading=_("Cluster"),
            columns=columns,
            rows=_steps_by(
                reviews, "cycle__cluster__number", lambda n: _("Cluster %(number)s") % {"number": ROMAN.get(n, n)}
            ),
        ),
        Figure(
            slug="steps-by-region",
            title=_("Reviews by step and regional group"),
            description=_("How many reviews of States of each regional group stand in each step today."),
            row_heading=_("Regional group"),
            columns=columns,
            rows=_steps_by(
                reviews, "state__regional_group", lambda value: str(RegionalGroup(value).label), regions.index
            ),
        ),
        Figure(
            slug="steps-by-group",
            title=_("Reviews by step and review group"),
            description=_("How many reviews of each group drawn stand in each step today."),
            row_heading=_("Review group"),
            columns=columns,
            rows=_steps_by(reviews, "group__number", lambda n: _("Group %(number)s") % {"number": n}),
        ),
    ]


def late_figures(reviews: QuerySet[CountryReview]) -> list[Figure]:
    """The reviews past the deadline of their step, latest first: one query."""
    now = timezone.now()
    late = (
        reviews.filter(due_at__lt=now)
        .exclude(step=Step.FINALIZED)
        .select_related("state", "cycle")
        .order_by("due_at", "pk")
    )
    rows: list[tuple[str, list[Cell]]] = [
        (
            review.state.name,
            [
                review.cycle.title,
                str(review.get_step_display()),
                timezone.localdate(review.due_at),
                (now - review.due_at).days,  # type: ignore[operator]  # filtered on due_at above
            ],
        )
        for review in late
    ]
    return [
        Figure(
            slug="late",
            title=_("Late reviews"),
            description=_("The reviews past the deadline of their current step, the latest first."),
            row_heading=_("State under review"),
            columns=[_("Cycle"), _("Step"), _("Deadline"), _("Days late")],
            rows=rows,
            chart=None,
        )
    ]


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


ANSWERED = ~Q(status=AnswerStatus.NOT_STARTED)


def completion_figures(reviews: QuerySet[CountryReview]) -> list[Figure]:
    """The share of questions answered, per State's review and per article: five queries.

    The questions are counted once per questionnaire and article, then multiplied out over the
    reviews that answer each questionnaire, rather than joined to every review; the answers are
    counted once, by review and article, for both figures. Follow-up questions, asked only after
    some answers, are not counted.
    """
    links = CountryReview.questionnaires.through.objects.filter(countryreview__in=reviews)
    questionnaires_of: dict[int, list[int]] = defaultdict(list)
    for review_id, questionnaire_id in links.values_list("countryreview_id", "questionnaire_id"):
        questionnaires_of[review_id].append(questionnaire_id)
    asked: dict[int, dict[int | None, int]] = defaultdict(dict)
    for questionnaire_id, article_id, count in (
        Question.objects.filter(parent__isnull=True, questionnaire__in=links.values("questionnaire_id"))
        .order_by()
        .values_list("questionnaire_id", "section__article")
        .annotate(n=Count("pk"))
    ):
        asked[questionnaire_id][article_id] = count
    answered_by_review: dict[int, int] = defaultdict(int)
    answered_by_article: dict[int | None, int] = defaultdict(int)
    for review_id, article_id, count in (
        Answer.objects.filter(ANSWERED, review__in=reviews, question__parent__isnull=True)
        .order_by()
        .values_list("review_id", "question__section__article")
        .annotate(n=Count("pk"))
    ):
        answered_by_review[review_id] += count
        answered_by_article[article_id] += count
    asked_by_article: dict[int | None, int] = defaultdict(int)
    for questionnaire_ids in questionnaires_of.values():
        for questionnaire_id in questionnaire_ids:
            for article_id, count in asked[questionnaire_id].items():
                asked_by_article[article_id] += count
    state_rows: list[tuple[str, list[Cell]]] = []
    for review in reviews.select_related("state", "cycle").order_by("state__name", "cycle__first_year", "pk"):
        questions = sum(sum(asked[pk].values()) for pk in questionnaires_of[review.pk])
        answered = answered_by_review[review.pk]
        state_rows.append((review.state.name, [review.cycle.title, questions, answered, _share(answered, questions)]))
    article_rows: list[tuple[str, list[Cell]]] = [
        (label, [asked_by_article[pk], answered_by_article[pk], _share(answered_by_article[pk], asked_by_article[pk])])
        for pk, label in _article_labels(asked_by_article)
    ]
    return [
        Figure(
            slug="completion-by-state",
            title=_("Completion per State"),
            description=_("The share of the questions each State under review has answered, review by review."),
            row_heading=_("State under review"),
            columns=[_("Cycle"), _("Questions"), _("Answered"), _("Answered (%)")],
            rows=state_rows,
            chart=None,
        ),
        Figure(
            slug="completion-by-article",
            title=_("Completion per article"),
            description=_("The share of the questions on each article answered, over every review shown."),
            row_heading=_("Article"),
            columns=[_("Questions"), _("Answered"), _("Answered (%)")],
            rows=article_rows,
            chart="percent",
        ),
    ]


def _article_labels(ids: Iterable[int | None]) -> list[tuple[int | None, str]]:
    """(id, label) of the articles in the instruments' order, then "No article" for None: one query."""
    wanted = set(ids)
    articles = Article.objects.filter(pk__in=[pk for pk in wanted if pk is not None]).select_related("instrument")
    ordered = sorted(articles, key=lambda article: (article.instrument.order, _natural(article.number)))
    labels: list[tuple[int | None, str]] = [
        (
            article.pk,
            _("%(instrument)s, article %(number)s") % {"instrument": article.instrument, "number": article.number},
        )
        for article in ordered
    ]
    if None in wanted:
        labels.append((None, _("No article")))
    return labels


def _natural(number: str) -> tuple:
    digits = "".join(character for character in number if character.isdigit())
    return (int(digits) if digits else 0, number)


def _by_article(observations: QuerySet[Observation], column: str, columns: list) -> list[tuple[str, list[Cell]]]:
    """Observations counted by article (an observation on two articles counts for each) and ``column``."""
    counted: dict = defaultdict(lambda: defaultdict(int))
    for row in observations.values("articles", column).annotate(count=Count("pk")).order_by():
        counted[row["articles"]][row[column]] += row["count"]
    return [(label, [counted[pk][value] for value in columns]) for pk, label in _article_labels(counted)]


def observations_of(reviews: QuerySet[CountryReview]) -> QuerySet[Observation]:
    """The observations of agreed and locked lists: a draft list still changes and says nothing agreed."""
    return Observation.objects.filter(
        observation_list__review__in=reviews, observation_list__status=OutputStatus.LOCKED
    )


def assistance_needs_figures(reviews: QuerySet[CountryReview]) -> list[Figure]:
    """Technical-assistance needs by kind of assistance, by article and by regional group: four queries.

    A need is recorded with an answer (where the question asks for it) or with an observation of
    category "technical assistance need" of an agreed and locked list; both count, each under its
    own review's State.
    """
    needs = AssistanceNeed.objects.filter(
        Q(answer__review__in=reviews)
        | Q(
            observation__observation_list__review__in=reviews, observation__observation_list__status=OutputStatus.LOCKED
        )
    ).annotate(
        region=Coalesce(
            "answer__review__state__regional_group", "observation__observation_list__review__state__regional_group"
        )
    )
    regions = [region.value for region in RegionalGroup]
    by_category: dict = defaultdict(lambda: defaultdict(int))
    for row in needs.values("category", "region").annotate(n=Count("pk")).order_by():
        by_category[row["category"]][row["region"]] += row["n"]
    by_article: dict = defaultdict(lambda: defaultdict(int))
    for article_row in needs.values("article", "region").annotate(n=Count("pk")).order_by():
        by_article[article_row["article"]][article_row["region"]] += article_row["n"]
    categories = list(AssistanceCategory.objects.order_by("position", "pk"))
    region_labels = [str(region.label) for region in RegionalGroup]
    return [
        Figure(
            slug="assistance-by-category",
            title=_("Technical assistance needs by kind of assistance and regional group"),
            description=_("How many technical assistance needs answers and observations record of each kind."),
            row_heading=_("Kind of assistance"),
            columns=region_labels,
            rows=[
                (category.name, [by_category[category.pk][value] for value in regions])
                for category in categories
                if category.is_active or category.pk in by_category
            ],
        ),
        Figure(
            slug="assistance-by-article",
            title=_("Technical assistance needs by article and regional group"),
            description=_("How many technical assistance needs answers and observations record on each article."),
            row_heading=_("Article"),
            columns=region_labels,
            rows=[(label, [by_article[pk][value] for value in regions]) for pk, label in _article_labels(by_article)],
            chart="horizontal",
        ),
        Figure(
            slug="assistance-by-region",
            title=_("Technical assistance needs by regional group"),
            description=_(
                "How many technical assistance needs answers and observations record for States of each group."
            ),
            row_heading=_("Regional group"),
            columns=[_("Needs")],
            rows=[
                (str(region.label), [sum(counts[region.value] for counts in by_category.values())])
                for region in RegionalGroup
            ],
        ),
    ]


FINDINGS = [
    ObservationCategory.GAP,
    ObservationCategory.CHALLENGE,
    ObservationCategory.GOOD_PRACTICE,
    ObservationCategory.SUGGESTION,
]


def findings_figures(reviews: QuerySet[CountryReview]) -> list[Figure]:
    """Gaps, challenges, good practices and suggestions by article: two queries."""
    observations = observations_of(reviews).filter(category__in=FINDINGS)
    return [
        Figure(
            slug="findings-by-article",
            title=_("Gaps and good practices by article"),
            description=_(
                "How many gaps, challenges, good practices and suggestions the agreed lists of observations "
                "note on each article."
            ),
            row_heading=_("Article"),
            columns=[str(category.label) for category in FINDINGS],
            rows=_by_article(observations, "category", [category.value for category in FINDINGS]),
            chart="horizontal",
        )
    ]


BUILDERS: list[Callable[[QuerySet[CountryReview]], list[Figure]]] = [
    progress_figures,
    step_figures,
    late_figures,
    completion_figures,
    assistance_needs_figures,
    findings_figures,
]
SLUGS = {
    "progress": progress_figures,
    "steps-by-cluster": step_figures,
    "steps-by-region": step_figures,
    "steps-by-group": step_figures,
    "late": late_figures,
    "completion-by-state": completion_figures,
    "completion-by-article": completion_figures,
    "assistance-by-article": assistance_needs_figures,
    "assistance-by-region": assistance_needs_figures,
    "findings-by-article": findings_figures,
}


def all_figures(filters: dict) -> list[Figure]:
    reviews = reviews_for_figures(filters)
    return [figure for build in BUILDERS for figure in build(reviews)]


def one_figure(slug: str, filters: dict) -> Figure | None:
    """The figure named ``slug`` (None when there is none), built alone."""
    build = SLUGS.get(slug)
    if build is None:
        return None
    return next(figure for figure in build(reviews_for_figures(filters)) if figure.slug == slug)
