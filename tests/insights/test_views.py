"""The search page: who may use it, what it shows, bad filters, query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from insights.services import rebuild_index
from reviews.models import Comment, Thread
from tests.clients import sign_in_as
from tests.factories import state

pytestmark = pytest.mark.django_db

URL = reverse("insights:search")


@pytest.mark.parametrize(
    ("person", "finds"),
    [
        ("secretariat", True),
        ("focal_point", True),
        ("expert", True),
        ("reviewing_expert", False),  # Germany's side: the answers are not submitted yet
        ("observer", False),
        ("trainer", False),
        ("stakeholder", False),
        ("contributor", True),
        ("stranger", False),
        ("other_contributor", False),
    ],
)
def test_the_page_answers_everyone_signed_in_with_only_what_they_may_read(client, world, corpus, person, finds):
    sign_in_as(client, world, person)

    response = client.get(URL, {"q": "fraanswerzq"})

    assert response.status_code == 200
    assert (response.context["results"].total == 1) is finds
    assert ("<mark>fraanswerzq</mark>" in response.content.decode()) is finds


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(URL, {"q": "law"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_each_result_links_to_the_page_that_shows_it_and_that_page_opens(client, world, corpus):
    client.force_login(world.focal_point)

    results = client.get(URL, {"q": "fraanswerzq"}).context["results"].results
    page = client.get(results[0].url.split("#")[0])

    assert len(results) == 1
    assert results[0].url.endswith(f"#question-{results[0].document.question_id}")
    assert page.status_code == 200
    assert "fraanswerzq" in page.content.decode()


@pytest.mark.parametrize(
    "word", ["fracommentallzq", "fracommentstatezq", "fraquestionthreadzq", "frafeedbacksentzq", "fraobservationzq"]
)
def test_links_of_comments_and_outputs_open_for_the_reviewed_focal_point(client, world, corpus, word):
    client.force_login(world.focal_point)

    [result] = client.get(URL, {"q": word}).context["results"].results

    assert word in client.get(result.url.split("#")[0]).content.decode()


def test_snippets_escape_the_text_and_mark_the_words(client, world, corpus):
    thread = Thread.objects.get(review=world.review, question=None, visibility="all")
    body = "<script>alert('x')</script> the smugglingzq ring"
    Comment.objects.create(thread=thread, author=world.focal_point, body=body, body_html=body)
    rebuild_index()
    client.force_login(world.focal_point)

    page = client.get(URL, {"q": "smugglingzq"}).content.decode()

    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; the <mark>smugglingzq</mark> ring" in page
    assert "<script>alert" not in page


def test_results_are_paged_with_their_counts(client, world, corpus):
    thread = Thread.objects.get(review=world.review, question=None, visibility="all")
    for number in range(25):
        Comment.objects.create(thread=thread, author=world.focal_point, body=f"pagedzq {number}", body_html="-")
    rebuild_index()
    client.force_login(world.focal_point)

    first = client.get(URL, {"q": "pagedzq"})
    second = client.get(URL, {"q": "pagedzq", "page": 2})

    assert first.context["results"].total == 25
    assert len(first.context["results"].results) == 20
    assert len(second.context["results"].results) == 5
    assert "25 results" in first.content.decode()
    assert "page=2" in first.content.decode()


def test_filters_narrow_the_results(client, world, corpus):
    client.force_login(world.secretariat)
    egypt = state("EGY")

    def labels(**filters):
        return sorted(
            r.document.kind for r in client.get(URL, {"q": "egyanswerzq", **filters}).context["results"].results
        )

    assert labels() == ["answer"]
    assert labels(kind="comment") == []
    assert labels(state=egypt.pk) == ["answer"]
    assert labels(state=state("FRA").pk) == []
    assert labels(region="african") == ["answer"]
    assert labels(region="western_european_others") == []
    assert labels(date_from="2000-01-01", date_to="2999-01-01") == ["answer"]
    assert labels(date_to="2000-01-01") == []


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"kind": "password"}, "kind"),
        ({"cluster": "x' OR 1=1"}, "cluster"),
        ({"article": "999999"}, "article"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, "date_to"),
        ({"region": "north_pole"}, "region"),
    ],
)
def test_bad_filters_say_what_is_wrong_in_the_readers_language(client, world, corpus, filters, field):
    client.force_login(world.focal_point)

    response = client.get(URL.replace("/en/", "/fr/"), {"q": "fraanswerzq", **filters})

    assert response.status_code == 200
    assert response.context["results"] is None
    [error] = response.context["form"].errors[field]
    assert error.startswith(FRENCH_ERRORS[field])
    assert error[:20] in response.content.decode()


FRENCH_ERRORS = {
    "kind": "Sélectionnez un choix valide",
    "cluster": "Sélectionnez un choix valide",
    "article": "Sélectionnez un choix valide",
    "region": "Sélectionnez un choix valide",
    "date_from": "Saisissez une date valide",
    "date_to": "",  # this project's own message: its French comes with the catalogues
}


def test_a_participant_of_one_state_cannot_filter_by_another_state(client, world, corpus):
    client.force_login(world.focal_point)

    response = client.get(URL, {"q": "egyanswerzq", "state": state("EGY").pk})

    assert "state" not in response.context["form"].fields
    assert response.context["results"].total == 0


def test_the_page_reads_right_to_left_in_arabic(client, world, corpus):
    client.force_login(world.focal_point)

    page = client.get(URL.replace("/en/", "/ar/"), {"q": "fraanswerzq"}).content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert "fraanswerzq" in page


def test_the_main_navigation_links_the_search(client, world):
    client.force_login(world.expert)

    page = client.get(reverse("core:dashboard")).content.decode()

    assert f'href="{URL}"' in page


@pytest.mark.parametrize("count", [1, 30])
def test_the_page_runs_the_same_queries_whatever_the_number_of_results(client, world, django_assert_num_queries, count):
    thread = Thread.objects.create(review=world.review, question=None, visibility="all")
    question_thread = Thread.objects.create(
        review=world.review, question=world.questionnaire.questions.first(), visibility="all"
    )
    for number in range(count):
        for where in (thread, question_thread):
            Comment.objects.create(thread=where, author=world.focal_point, body=f"Question {number}", body_html="-")
    rebuild_index()
    client.force_login(world.focal_point)
    client.get(URL, {"q": "question"})

    with django_assert_num_queries(9):  # session, user, the filter choices, the counts by kind, the page
        response = client.get(URL, {"q": "question"})

    assert response.context["results"].total >= count


def test_counting_stops_after_the_limit_and_says_so(client, world, monkeypatch):
    monkeypatch.setattr("insights.selectors.COUNT_LIMIT", 5)
    thread = Thread.objects.create(review=world.review, question=None, visibility="all")
    for number in range(8):
        Comment.objects.create(thread=thread, author=world.focal_point, body=f"manyzq {number}", body_html="-")
    rebuild_index()
    client.force_login(world.focal_point)

    response = client.get(URL, {"q": "manyzq"})

    assert response.context["results"].more is True
    assert response.context["results"].total == 5
    assert "More than 5 results" in response.content.decode()
