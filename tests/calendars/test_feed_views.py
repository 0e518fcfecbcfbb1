"""The page "Your calendar" and the secret feed: who may make it, and what the address opens."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from calendars.models import CalendarFeed
from calendars.tokens import hash_token
from revmod.accounts.enums import AccountStatus
from tests.calendars.conftest import expert_in_reviews, feed_path_on, parse, summaries

pytestmark = pytest.mark.django_db

PAGE = "/en/calendars/"


def make_feed(client, user) -> str:
    client.force_login(user)
    response = client.post(PAGE, {"action": "create"})
    assert response.status_code == 200
    return feed_path_on(response.content.decode())


def test_the_page_asks_an_anonymous_visitor_to_sign_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")


def test_an_anonymous_post_makes_no_feed(client):
    response = client.post(PAGE, {"action": "create"})

    assert response.status_code == 302
    assert CalendarFeed.objects.count() == 0


def test_the_page_explains_before_a_feed_exists(client, world):
    client.force_login(world.focal_point)

    body = client.get(PAGE).content.decode()

    assert "You have no calendar feed." in body
    assert "/calendar/" not in body
    assert "Google Calendar" in body


def test_making_a_feed_shows_its_address_once_and_stores_only_a_hash(client, deadlines):
    path = make_feed(client, deadlines.focal_point)
    token = path.removeprefix("/calendar/").removesuffix(".ics")

    again = client.get(PAGE).content.decode()

    feed = CalendarFeed.objects.get(user=deadlines.focal_point)
    assert feed.token_hash == hash_token(token)
    assert token not in feed.token_hash
    assert len(token) >= 43  # 32 random bytes in URL-safe base64
    assert token not in again
    assert "no-store" in client.post(PAGE, {"action": "reset"})["Cache-Control"]
    assert "You have a feed" in again


def test_the_feed_opens_without_a_session_and_holds_the_persons_dates(client, deadlines):
    path = make_feed(client, deadlines.focal_point)

    response = Client().get(path)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="revmod.ics"'
    assert summaries(parse(response)) == ["Review of France: deadline of the step “Self-assessment drafting”"]
    assert CalendarFeed.objects.get(user=deadlines.focal_point).last_fetched_at is not None


def test_the_feed_speaks_the_owners_language_whatever_the_client_asks(client, deadlines):
    deadlines.focal_point.preferred_language = "es"
    deadlines.focal_point.save()
    path = make_feed(client, deadlines.focal_point)

    calendar = parse(Client(HTTP_ACCEPT_LANGUAGE="ar").get(path))

    [summary] = summaries(calendar)
    with translation.override("es"):
        step = translation.gettext("Self-assessment drafting")
    assert step != "Self-assessment drafting"
    assert "Francia" in summary
    assert step in summary


def test_a_reset_address_answers_404_and_the_new_one_works(client, deadlines):
    old = make_feed(client, deadlines.focal_point)

    response = client.post(PAGE, {"action": "reset"})
    new = feed_path_on(response.content.decode())

    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_a_deleted_feed_answers_404(client, deadlines):
    path = make_feed(client, deadlines.focal_point)

    response = client.post(PAGE, {"action": "delete"})

    assert response.status_code == 302
    assert CalendarFeed.objects.count() == 0
    assert Client().get(path).status_code == 404


@pytest.mark.parametrize(
    "token", ["wrong", "x" * 43, "", "../../etc/passwd", "%00"], ids=["short", "guess", "empty", "dots", "nul"]
)
def test_a_wrong_token_answers_404(client, deadlines, token):
    make_feed(client, deadlines.focal_point)

    assert Client().get(f"/calendar/{token}.ics").status_code == 404


def test_a_suspended_or_deactivated_owner_has_no_feed(client, deadlines):
    suspended = make_feed(client, deadlines.focal_point)
    deactivated = make_feed(client, deadlines.expert)
    deadlines.focal_point.status = AccountStatus.SUSPENDED
    deadlines.focal_point.save()
    deadlines.expert.is_active = False
    deadlines.expert.save()

    assert Client().get(suspended).status_code == 404
    assert Client().get(deactivated).status_code == 404


def test_the_feed_is_not_under_a_language_prefix(client, deadlines):
    path = make_feed(client, deadlines.focal_point)

    assert path.startswith("/calendar/")
    assert Client().get(f"/en{path}").status_code == 404


def test_the_feed_answers_only_get(client, deadlines):
    path = make_feed(client, deadlines.focal_point)

    assert Client().post(path).status_code == 405


def test_each_role_reads_only_its_own_dates_through_its_feed(client, deadlines):
    people = {
        "focal point": deadlines.focal_point,
        "contributor": deadlines.contributor,
        "reviewing expert": deadlines.reviewing_expert,
        "observer": deadlines.observer,
        "other review": deadlines.stranger,
        "other contributor": deadlines.other_contributor,
        "stakeholder": deadlines.stakeholder,
        "nobody": deadlines.nobody,
        "secretariat": deadlines.secretariat,
    }
    paths = {role: make_feed(client, user) for role, user in people.items()}

    seen = {role: summaries(parse(Client().get(path))) for role, path in paths.items()}

    france = ["Review of France: deadline of the step “Self-assessment drafting”"]
    egypt = ["Review of Egypt: deadline of the step “Self-assessment drafting”"]
    assert seen == {
        "focal point": france,
        "contributor": france,
        "reviewing expert": france,
        "observer": france,
        "other review": egypt,
        "other contributor": egypt,
        "stakeholder": [],
        "nobody": [],
        "secretariat": [],
    }


def test_the_dashboard_links_to_the_page(client, world):
    client.force_login(world.stakeholder)

    body = client.get("/en/dashboard/").content.decode()

    assert 'href="/en/calendars/"' in body


def test_the_feed_takes_as_many_queries_for_ten_reviews_as_for_one(client, django_assert_num_queries):
    """The feed, its review deadlines, meetings and training sessions: one query each (the stamp is written hourly)."""
    one, ten = make_feed(client, expert_in_reviews(1)), make_feed(client, expert_in_reviews(10))
    reader = Client()
    reader.get(one), reader.get(ten)

    with django_assert_num_queries(4):
        assert reader.get(one).status_code == 200
    with django_assert_num_queries(4):
        assert reader.get(ten).status_code == 200
