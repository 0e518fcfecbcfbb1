"""Attack probes over the whole product: CSRF, XSS, SQL injection, path traversal, IDOR.

The lists of pages come from the URL configuration, so pages added later are probed too.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.models import CountryReview
from tests.reviews.test_markup import VECTORS
from tests.urls import every_page

pytestmark = pytest.mark.django_db


class ActiveParts(HTMLParser):
    """What in a page could run: inline scripts, event handlers, script URLs, frames and objects."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and not values.get("src"):
            self.found.append("inline script")
        if tag in {"iframe", "object", "embed", "base"} or (tag == "meta" and "http-equiv" in values):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in {"href", "src", "action", "formaction", "data"} and (value or "").strip().lower().startswith(
                ("javascript:", "vbscript:", "data:text")
            ):
                self.found.append(f"{tag} {name}={value}")


def active_parts(page: str) -> list[str]:
    parser = ActiveParts()
    parser.feed(page)
    return parser.found


SQL_VECTORS = [
    "' OR '1'='1",
    "1; DROP TABLE reviews_countryreview; --",
    '" OR ""="',
    "1' UNION SELECT password FROM accounts_user --",
    "%' AND 1=1 --",
    "\\'; --",
    "1 OR 1=1",
    "admin'--",
]


def test_every_state_changing_view_refuses_a_request_without_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.expert)
    probes = 0
    accepted = []
    for name, path in every_page():
        if path.startswith("/static"):
            continue
        response = client.post(path, {"body": "x", "visibility": "all", "text": "x"})
        probes += 1
        if response.status_code not in (302, 403, 404, 405) or (
            response.status_code == 302 and "/sign-in/" not in response["Location"] and name != "set_language"
        ):
            accepted.append((name, path, response.status_code))
    # The language switch and sign-in pages reject too, but answer with their own form again.
    accepted = [item for item in accepted if item[2] == 200 and not item[0].startswith(("accounts:", "core:"))]
    assert probes > 60
    assert accepted == []


@pytest.mark.parametrize("vector", VECTORS)
def test_xss_vectors_in_the_sign_in_form_come_back_escaped(client, vector):
    page = client.post("/en/accounts/sign-in/", {"username": vector, "password": "x"}).content.decode()

    assert active_parts(page) == []


@pytest.mark.parametrize("vector", VECTORS)
def test_xss_vectors_in_filters_and_forms_of_the_secretariat_come_back_escaped(client, world, vector):
    client.force_login(world.secretariat)

    pages = [
        client.get(reverse("reviews:overview"), {"q": vector}),
        client.get(reverse("accounts:audit_trail"), {"person": vector}),
        client.post(
            reverse("accounts:people"),
            {"email": "a@example.org", "full_name": vector, "preferred_language": "en"},
            follow=True,
        ),
    ]

    for response in pages:
        assert response.status_code == 200
        assert active_parts(response.content.decode()) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("<>\"'=/:;&#()[]@! abcjsvortipnmlxe1")), max_size=60))
def test_generated_input_in_the_overview_search_never_comes_back_active(client, world, text):
    client.force_login(world.secretariat)

    page = client.get(reverse("reviews:overview"), {"q": text}).content.decode()

    assert active_parts(page) == []


@pytest.mark.parametrize("vector", SQL_VECTORS)
def test_sql_shaped_input_in_filters_finds_nothing_extra_and_breaks_nothing(client, world, vector):
    client.force_login(world.secretariat)

    overview = client.get(reverse("reviews:overview"), {"q": vector})
    trail = client.get(reverse("accounts:audit_trail"), {"person": vector, "review": "1"})
    api = client.get("/api/v1/reviews/", {"step": vector, "cycle": vector})

    assert overview.status_code == 200
    assert "No review matches these filters." in overview.content.decode()
    assert trail.status_code == 200
    assert api.status_code == 400
    assert CountryReview.objects.count() == 2


@pytest.mark.parametrize(
    "path",
    [
        "/static/../revmod/settings.py",
        "/static/%2e%2e/revmod/settings.py",
        "/en/reviews/1/exports/1/download/../../../../etc/passwd",
        "/en/accounts/two-factor/recovery-codes.txt/../../../etc/passwd",
        "/en/reviews/cycles/1/..%2f..%2fsettings.csv",
        "/static/core/..%2f..%2f..%2frevmod%2fsettings.py",
    ],
)
def test_path_traversal_on_downloads_finds_nothing(client, world, path):
    client.force_login(world.focal_point)

    response = client.get(path)

    assert response.status_code in (301, 302, 404)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"SECRET_KEY" not in body
    assert b"root:" not in body


def test_idor_probes_every_review_url_of_another_review_answers_404(client, world):
    """The stranger takes part in the review of Egypt: every URL of the review of France is closed."""
    client.force_login(world.stranger)
    review_pages = [(name, path) for name, path in every_page() if name.startswith("reviews:") and "/1/" in path]
    probes = []
    for name, path in review_pages:
        target = path.replace("/1/", f"/{world.review.pk}/", 1)
        probes.append((name, client.get(target).status_code, client.post(target, {}).status_code))

    assert len(probes) > 20
    assert [probe for probe in probes if probe[1] not in (404, 405) or probe[2] not in (404, 405)] == []
