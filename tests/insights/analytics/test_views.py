"""The analytics page and its CSV files: the secretariat's only, filtered by GET, in every language."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, translation

from insights.analytics import snapshot
from reviews.enums import AnswerStatus, Step
from reviews.models import Answer
from tests.clients import sign_in_as
from tests.insights.analytics.conftest import more_reviews

pytestmark = pytest.mark.django_db

URL = reverse("insights:analytics")
OTHERS = [
    "focal_point",
    "expert",
    "reviewing_expert",
    "reviewing_focal_point",
    "observer",
    "stranger",
    "nobody",
    "contributor",
    "other_contributor",
    "stakeholder",
    "trainer",
]


def csv_url(slug: str) -> str:
    return reverse("insights:analytics_csv", args=[slug])


def test_the_secretariat_sees_every_figure_with_its_chart_table_and_csv_link(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    page = client.get(URL).content.decode()

    assert page.count('<section class="analytics-figure"') == 11
    assert page.count('role="img"') == 9  # two figures are tables only: the late reviews and the States
    assert page.count(f'href="{csv_url("late")}"') == 1
    assert '<th scope="row">France</th>' in page
    assert '<th scope="col">Days late</th>' in page


@pytest.mark.parametrize("person", OTHERS)
@pytest.mark.parametrize("url", [URL, csv_url("late")])
def test_everyone_else_is_answered_404(client, figures_world, person, url):
    sign_in_as(client, figures_world, person)

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", [URL, csv_url("late")])
def test_anonymous_visitors_are_sent_to_sign_in(client, figures_world, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_chart_is_an_image_named_by_its_title_and_description_then_its_table(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    page = client.get(URL).content.decode()

    svg = re.search(r'<svg [^>]*id="chart-progress"[^>]*>', page).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-progress-title chart-progress-desc"' in svg
    assert '<title id="chart-progress-title">Reviews in each step, month by month</title>' in page
    assert '<desc id="chart-progress-desc">' in page
    assert page.index('id="chart-progress"') < page.index('<caption id="figure-progress-caption">')


def test_the_page_has_no_inline_script_or_style_for_the_csp(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    page = client.get(URL).content.decode()

    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert re.findall(r"<style\b", page) == []
    assert re.findall(r"\sstyle=", page) == []
    assert re.findall(r"\son[a-z]+=", page) == []


def test_the_arabic_page_reads_right_to_left_with_arabic_labels(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    page = client.get("/ar/search/analytics/").content.decode()

    assert re.search(r'<html[^>]*dir="rtl"', page)
    svg = re.search(r'<svg [^>]*id="chart-steps-by-region"[^>]*>', page).group(0)
    assert "chart--rtl chart--axis-right" in svg  # the values stand on the right
    assert '<th scope="row">مجموعة الدول الأفريقية</th>' in page  # African Group
    chart = re.search(r'id="chart-steps-by-region".*?</svg>', page, re.S).group(0)
    assert "صياغة التقييم الذاتي" in chart  # the legend: Self-assessment drafting


def test_right_to_left_the_months_run_from_the_right(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    def month_labels(language: str) -> list[str]:
        page = client.get(f"/{language}/search/analytics/").content.decode()
        chart = re.search(r'id="chart-progress".*?</svg>', page, re.S).group(0)
        axis = re.search(r'<g class="axis x[^"]*">.*?</g></g>', chart, re.S).group(0)
        return re.findall(r"<text[^>]*>([^<]+)</text>", axis)

    with translation.override("ar"):
        january, march = (formats.date_format(dt.date(2026, month, 1), "YEAR_MONTH_FORMAT") for month in (1, 3))

    assert month_labels("en") == ["January 2026", "February 2026", "March 2026"]
    assert month_labels("ar")[0] == march
    assert month_labels("ar")[-1] == january


def test_the_filters_narrow_the_page_and_its_csv_links(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    page = client.get(URL, {"region": "african"}).content.decode()

    assert '<th scope="row">France</th>' not in page
    assert '<th scope="row">Egypt</th>' in page
    assert f'href="{csv_url("late")}?region=african"' in page


@pytest.mark.parametrize(
    "params", [{"region": "atlantis"}, {"cycle": "999999"}, {"cluster": "x"}, {"cycle": "9" * 30}, {"cluster": "-1"}]
)
def test_bad_filters_show_a_clear_error_and_no_figures(client, figures_world, params):
    sign_in_as(client, figures_world, "secretariat")

    response = client.get(URL, params)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<ul class="errorlist"' in page
    assert '<section class="analytics-figure"' not in page


def test_bad_filters_of_a_csv_answer_400_in_the_readers_language(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    response = client.get("/fr" + csv_url("late")[3:], {"region": "atlantis"})

    assert response.status_code == 400
    assert "Groupe régional" in response.content.decode()


def test_an_unknown_figure_is_404(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    assert client.get(csv_url("secrets")).status_code == 404


def test_a_csv_holds_the_figure_in_utf8_with_a_byte_order_mark(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    response = client.get(csv_url("late"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="late.csv"'
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0] == ["State under review", "Cycle", "Step", "Deadline", "Days late"]
    assert rows[1][0] == "France"
    assert rows[1][4] == "10"


def test_a_csv_in_chinese_keeps_its_characters(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    body = client.get("/zh-hans" + csv_url("steps-by-region")[3:]).content.decode("utf-8")

    assert body.startswith("\ufeff")
    assert re.search(r"[\u4e00-\u9fff]", body)


@pytest.mark.parametrize("extra", [1, 6])
def test_the_page_takes_the_same_number_of_queries_whatever_the_number_of_reviews(
    client, figures_world, second_article, django_assert_num_queries, extra
):
    more_reviews(figures_world, extra, second_article)
    sign_in_as(client, figures_world, "secretariat")
    client.get(URL)

    with django_assert_num_queries(22):
        response = client.get(URL, {"region": "western_european_others"})

    assert response.status_code == 200


@pytest.mark.parametrize("extra", [1, 6])
def test_a_kept_page_takes_the_same_fewer_queries_whatever_the_number_of_reviews(
    client, figures_world, second_article, django_assert_num_queries, extra
):
    more_reviews(figures_world, extra, second_article)
    sign_in_as(client, figures_world, "secretariat")
    counted = client.get(URL)

    with django_assert_num_queries(6):  # session, user, device, the filters' cycles and clusters: no figure counted
        kept = client.get(URL)

    assert kept.context["snapshot"] == counted.context["snapshot"]


def test_the_page_says_when_its_figures_were_counted(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")

    response = client.get(URL)

    assert "Figures as of" in response.content.decode()
    assert response.context["fresh_minutes"] == 5


def test_a_step_change_shows_on_the_next_view(client, figures_world, django_capture_on_commit_callbacks):
    sign_in_as(client, figures_world, "secretariat")
    before = client.get(URL).context["snapshot"].html
    france = figures_world.review

    with django_capture_on_commit_callbacks(execute=True):
        france.step = Step.FEEDBACK
        france.save(update_fields=["step"])
    after = client.get(URL).context["snapshot"].html

    assert after != before


def test_each_language_and_each_filter_is_kept_apart(client, figures_world):
    sign_in_as(client, figures_world, "secretariat")
    english = client.get(URL).content.decode()

    arabic = client.get(reverse("insights:analytics").replace("/en/", "/ar/", 1)).content.decode()
    filtered = client.get(URL, {"region": "african"}).content.decode()

    assert "Figures" in english
    assert arabic != english
    assert "region=african" in filtered
    assert "region=african" not in english


def test_a_saved_answer_is_counted_once_the_kept_page_expires(client, figures_world, monkeypatch):
    sign_in_as(client, figures_world, "secretariat")
    client.get(URL)
    answer = Answer.objects.filter(review=figures_world.review, status=AnswerStatus.NOT_STARTED).first()
    answer.status = AnswerStatus.DRAFTED
    answer.save(update_fields=["status"])
    kept = client.get(URL).context["snapshot"]

    cache.delete(snapshot.snapshot_key(language="en", query="", version=snapshot.data_version()))  # as at expiry
    counted = client.get(URL).context["snapshot"]

    assert counted.html != kept.html
    assert counted.counted_at > kept.counted_at
