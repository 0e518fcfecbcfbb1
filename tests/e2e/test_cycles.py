"""The secretariat creates a review cycle in a real browser, in English and in Arabic."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from reviews.models import ReviewCycle
from revmod.states.services import sync_member_states
from tests.clients import VerifiedClient
from tests.factories import SecretariatFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def signed_in_as_secretariat(page, live_server) -> None:
    """A browser session of the secretariat, two-factor sign-in completed (tested in test_two_factor)."""
    client = VerifiedClient()
    client.force_login(SecretariatFactory())
    host = urlparse(live_server.url).hostname
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host, "path": "/"}]
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_secretariat_creates_a_cycle_by_keyboard_and_sees_it(live_server, page, artifacts_dir, language):
    sync_member_states()
    signed_in_as_secretariat(page, live_server)

    page.goto(f"{live_server.url}/{language}/reviews/cycles/new/")
    page.screenshot(path=str(artifacts_dir / f"cycle-form-{language}.png"), full_page=True)
    assert page.locator("label[for=id_cluster]").inner_text().startswith("المجموعة" if language == "ar" else "Cluster")
    page.locator("#id_title").fill(f"Cluster II ({language})")
    page.locator("#id_cluster").select_option(index=2)
    page.locator("#id_first_year").fill("2027")
    page.locator("#id_group_count").fill("3")
    page.locator("input[name=instruments]").first.focus()
    page.keyboard.press("Space")
    page.locator("#id_title").press("Enter")

    page.wait_for_url(f"{live_server.url}/{language}/reviews/cycles/*/")
    page.screenshot(path=str(artifacts_dir / f"cycle-detail-{language}.png"), full_page=True)
    assert page.locator("h1").inner_text() == f"Cluster II ({language})"
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert ReviewCycle.objects.filter(title=f"Cluster II ({language})").count() == 1
