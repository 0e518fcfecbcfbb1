"""The figures, counted in the database: what each one says about the reviews of ``figures_world``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from insights.analytics import figures
from reviews.enums import ObservationCategory as C
from reviews.enums import OutputStatus
from reviews.models import Article, Cluster, CountryReview
from revmod.states.enums import RegionalGroup
from tests.factories.reviews import cycle, review
from tests.insights.analytics.conftest import history, more_reviews, observe

pytestmark = pytest.mark.django_db

TIP_3 = "Trafficking in Persons Protocol, article 3"
STEPS = ["Drawn", "Staffing", "Preliminary consultation", "Self-assessment drafting"]


def by_slug(filters=None) -> dict[str, figures.Figure]:
    with translation.override("en"):
        return {figure.slug: figure for figure in figures.all_figures(filters or {})}


def column(figure, name: str) -> dict:
    index = figure.columns.index(name)
    return {label: values[index] for label, values in figure.rows}


def test_progress_counts_the_reviews_in_each_step_at_the_end_of_each_month(figures_world):
    progress = by_slug()["progress"]

    assert [label for label, _values in progress.rows] == ["January 2026", "February 2026", "March 2026"]
    assert [values[:4] for _label, values in progress.rows] == [[2, 0, 0, 0], [1, 0, 1, 0], [1, 0, 0, 1]]
    assert progress.columns[:4] == STEPS


def test_progress_fills_a_month_without_any_change(figures_world):
    history(figures_world.other_review, ("drawn", "staffing", dt.datetime(2026, 6, 3, tzinfo=dt.UTC)))

    progress = by_slug()["progress"]

    assert [label for label, _values in progress.rows][-4:] == ["March 2026", "April 2026", "May 2026", "June 2026"]
    assert progress.rows[-2][1][:4] == [1, 0, 0, 1]
    assert progress.rows[-1][1][:4] == [0, 1, 0, 1]


def test_steps_are_counted_by_cluster_region_and_group(figures_world):
    shown = by_slug()

    assert column(shown["steps-by-region"], "Self-assessment drafting") == {
        "African Group": 1,
        "Western European and Others Group": 1,
    }
    assert shown["steps-by-cluster"].rows == [("Cluster I", [0, 0, 0, 2, 0, 0, 0, 0, 0])]
    assert shown["steps-by-group"].rows == [("Group 1", [0, 0, 0, 2, 0, 0, 0, 0, 0])]


def test_late_reviews_say_how_many_days_late_they_are(figures_world):
    late = by_slug()["late"]
    # The day the deadline fell on: ten days and an hour ago, the day before between midnight and one o'clock.
    due = timezone.localdate(CountryReview.objects.get(pk=figures_world.review.pk).due_at)

    assert late.rows == [("France", ["Cluster I cycle", "Self-assessment drafting", due, 10])]


def test_a_finalized_review_is_never_late(figures_world):
    figures_world.review.step = "finalized"
    figures_world.review.save(update_fields=["step"])

    assert by_slug()["late"].rows == []


def test_completion_counts_the_answered_share_per_state_and_article(figures_world):
    shown = by_slug()

    assert shown["completion-by-state"].rows == [
        ("Egypt", ["Cluster I cycle", 8, 0, 0.0]),
        ("France", ["Cluster I cycle", 8, 3, 37.5]),
    ]
    assert shown["completion-by-article"].rows == [("Convention, article 5", [16, 3, 18.8])]


def test_assistance_needs_are_counted_by_article_and_region(figures_world):
    shown = by_slug()

    by_article = shown["assistance-by-article"]
    assert [label for label, _values in by_article.rows] == ["Convention, article 5", TIP_3, "No article"]
    assert column(by_article, "Western European and Others Group") == {
        "Convention, article 5": 1,
        TIP_3: 2,
        "No article": 0,
    }
    assert column(by_article, "African Group")["Convention, article 5"] == 1
    assert column(by_article, "African Group")["No article"] == 1
    assert dict(shown["assistance-by-region"].rows)["African Group"] == [2]
    assert dict(shown["assistance-by-region"].rows)["Western European and Others Group"] == [3]


def test_assistance_needs_are_counted_by_kind_of_assistance_from_answers_and_observations(figures_world):
    by_category = dict(by_slug()["assistance-by-category"].rows)

    assert list(by_category)[:3] == ["Legislative drafting", "Institution building", "Training"]
    assert column(by_slug()["assistance-by-category"], "Western European and Others Group")["Training"] == 2
    assert column(by_slug()["assistance-by-category"], "Western European and Others Group")["Equipment"] == 1
    assert column(by_slug()["assistance-by-category"], "African Group")["Training"] == 2
    assert sum(sum(values) for values in by_category.values()) == 5


def test_gaps_and_good_practices_are_counted_by_article(figures_world):
    findings = by_slug()["findings-by-article"]

    assert findings.columns == ["Gap", "Challenge", "Good practice", "Suggestion"]
    assert dict(findings.rows) == {"Convention, article 5": [1, 0, 1, 0]}


def test_a_draft_list_of_observations_counts_for_nothing(figures_world):
    article = Article.objects.get(instrument__code="untoc", number="5")
    observe(figures_world.review, "ITA", (C.GAP, [article]), (C.ASSISTANCE, [article]), status=OutputStatus.DRAFT)

    shown = by_slug()

    assert dict(shown["findings-by-article"].rows) == {"Convention, article 5": [1, 0, 1, 0]}
    assert sum(sum(values) for values in dict(shown["assistance-by-category"].rows).values()) == 5


def test_the_filters_narrow_every_figure(figures_world):
    africa = by_slug({"region": RegionalGroup.AFRICAN})

    assert [label for label, _values in africa["completion-by-state"].rows] == ["Egypt"]
    assert africa["late"].rows == []
    assert dict(africa["findings-by-article"].rows) == {}


def test_the_cycle_and_cluster_filters_leave_out_the_reviews_of_other_cycles(figures_world):
    other = cycle(cluster=2, title="Cluster II cycle")
    review(of="ITA", in_cycle=other)

    in_cluster_2 = by_slug({"cluster": Cluster.objects.get(number=2)})
    in_first_cycle = by_slug({"cycle": figures_world.review.cycle})

    assert [label for label, _values in in_cluster_2["completion-by-state"].rows] == ["Italy"]
    assert [label for label, _values in in_first_cycle["completion-by-state"].rows] == ["Egypt", "France"]


def test_labels_are_in_the_language_of_the_reader(figures_world):
    with translation.override("fr"):
        shown = {figure.slug: figure for figure in figures.all_figures({})}

    assert shown["progress"].rows[0][0] == "janvier 2026"
    assert shown["late"].title != "Late reviews"


@pytest.mark.parametrize("extra", [1, 6])
def test_every_figure_takes_the_same_number_of_queries_whatever_the_number_of_reviews(
    figures_world, second_article, django_assert_num_queries, extra
):
    more_reviews(figures_world, extra, second_article)

    with django_assert_num_queries(16):
        figures.all_figures({})
