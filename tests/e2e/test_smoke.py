"""The home page and sign-in in a real browser, in every language."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es", "pt"]


def test_home_page_in_every_language_and_arabic_right_to_left(live_server, page, artifacts_dir):
    for language in LANGUAGES:
        page.goto(f"{live_server.url}/{language}/")

        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").is_visible()
        direction = page.evaluate("getComputedStyle(document.body).direction")
        assert direction == ("rtl" if language == "ar" else "ltr")
        if language == "ar":
            page.screenshot(path=str(artifacts_dir / "home-ar.png"), full_page=True)
            # Mirrored layout: the brand sits at the right edge, the tools at the left.
            brand = page.locator(".brand").bounding_box()
            tools = page.locator(".site-tools").bounding_box()
            assert brand["x"] > tools["x"]


def test_keyboard_user_reaches_main_content_with_the_skip_link(live_server, page):
    page.goto(f"{live_server.url}/en/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


def test_demo_focal_point_signs_in_and_lands_in_their_language(live_server, page, artifacts_dir):
    call_command("seed_demo")

    page.goto(f"{live_server.url}/en/accounts/sign-in/")
    page.get_by_label("E-mail address").fill("fp.egy@example.org")
    page.get_by_label("Password").fill("revmod-demo-2026")
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(f"{live_server.url}/ar/dashboard/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts_dir / "dashboard-ar.png"), full_page=True)
