"""What a working-group report holds: the observations the working groups receive, as rows.

The working groups receive a review's lists of observations when it is finalized and
transmitted (DOMAIN.md step 9, reviews.services.outputs.publish_outputs), and only lists both
sides agreed and locked: a draft, or an agreed list of a review still under way, never
reaches a report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from insights.reports.enums import ReportSection
from reviews.enums import ObservationCategory, OutputStatus, Step
from reviews.models import Article, AssistanceNeed, Observation, ObservationList, ReviewCycle

SECTION_CATEGORIES = {
    ReportSection.FINDINGS: (ObservationCategory.GAP, ObservationCategory.CHALLENGE),
    ReportSection.GOOD_PRACTICES: (ObservationCategory.GOOD_PRACTICE,),
    ReportSection.ASSISTANCE: (ObservationCategory.ASSISTANCE,),
}


def working_group_lists(cycle: ReviewCycle | None = None) -> QuerySet[ObservationList]:
    """The lists of observations the working groups have: agreed and locked, of finalized reviews."""
    lists = ObservationList.objects.filter(status=OutputStatus.LOCKED, review__step=Step.FINALIZED)
    return lists.filter(review__cycle=cycle) if cycle is not None else lists


def _observations(lists: QuerySet[ObservationList], categories: Iterable[str]) -> QuerySet[Observation]:
    return (
        Observation.objects.filter(observation_list__in=lists, category__in=list(categories))
        .select_related(
            "observation_list__review__state", "observation_list__review__cycle", "observation_list__reviewing_state"
        )
        .prefetch_related(
            Prefetch("articles", queryset=Article.objects.select_related("instrument")),
            "questions__questionnaire__instrument",
        )
        .order_by("observation_list__review__state__name", "observation_list__reviewing_state__name", "order", "pk")
    )


@dataclass
class Entry:
    """One observation as a report shows it; ``details`` are the extra columns of its section."""

    observation: Observation
    articles: list[Article]
    instruments: list
    details: list[str] = field(default_factory=list)

    @property
    def review(self):
        return self.observation.observation_list.review

    @property
    def state(self):
        return self.review.state

    @property
    def reviewing_state(self):
        return self.observation.observation_list.reviewing_state


def _entry(observation: Observation) -> Entry:
    articles = list(observation.articles.all())
    instruments = {article.instrument.pk: article.instrument for article in articles}
    if not instruments:  # no article named: the instruments of the questions it refers to
        for question in observation.questions.all():
            instruments.setdefault(question.questionnaire.instrument.pk, question.questionnaire.instrument)
    return Entry(
        observation=observation,
        articles=articles,
        instruments=sorted(instruments.values(), key=lambda instrument: instrument.order),
    )


def findings(lists: QuerySet[ObservationList]) -> list[Entry]:
    return [_entry(item) for item in _observations(lists, SECTION_CATEGORIES[ReportSection.FINDINGS])]


def good_practices(lists: QuerySet[ObservationList]) -> list[Entry]:
    return [_entry(item) for item in _observations(lists, SECTION_CATEGORIES[ReportSection.GOOD_PRACTICES])]


def assistance_columns() -> list[str]:
    """The extra columns of the technical-assistance needs, after the observation's own ones."""
    return [_("Kind of assistance"), _("Priority")]


def technical_assistance_needs(lists: QuerySet[ObservationList]) -> list[Entry]:
    """The observations of that category, each with its structured need: kind of assistance and priority.

    A need's article, when the observation names none, places it under that article.
    """
    observations = _observations(lists, SECTION_CATEGORIES[ReportSection.ASSISTANCE]).prefetch_related(
        Prefetch(
            "assistance_needs",
            queryset=AssistanceNeed.objects.select_related("category", "article__instrument").order_by("order", "pk"),
        )
    )
    entries = []
    for observation in observations:
        entry = _entry(observation)
        needs = list(observation.assistance_needs.all())
        if needs and not entry.articles and needs[0].article is not None:
            entry.articles = [needs[0].article]
            entry.instruments = [needs[0].article.instrument]
        entry.details = [
            "; ".join(dict.fromkeys(need.category.name for need in needs)),
            "; ".join(dict.fromkeys(need.get_priority_display() for need in needs if need.priority)),
        ]
        entries.append(entry)
    return entries


def section_entries(section: ReportSection, lists: QuerySet[ObservationList]) -> list[Entry]:
    builders = {
        ReportSection.FINDINGS: findings,
        ReportSection.GOOD_PRACTICES: good_practices,
        ReportSection.ASSISTANCE: technical_assistance_needs,
    }
    return builders[section](lists)


def section_columns(section: ReportSection) -> list[str]:
    return assistance_columns() if section == ReportSection.ASSISTANCE else []


def people_of(lists: QuerySet[ObservationList]) -> list[str]:
    """The names of everyone who took part in these reviews or wrote and signed the lists."""
    involved = (
        Q(participations__review__in=lists.values("review"))
        | Q(pk__in=lists.values("updated_by"))
        | Q(pk__in=lists.values("reviewed_signed_by"))
        | Q(pk__in=lists.values("reviewing_signed_by"))
    )
    return list(get_user_model().objects.filter(involved).values_list("full_name", flat=True).distinct())


def no_article_label() -> str:
    return _("No article named")
