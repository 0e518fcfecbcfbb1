"""Issue 20, item 6: the overview's count cards hold their longest labels, in English and in Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.clients import VerifiedClient
from tests.factories import SecretariatFactory
from tests.factories.reviews import cycle, review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

OVERFLOWING_CARDS = (
    "[...document.querySelectorAll('.counts .card')].filter(card => card.scrollWidth > card.clientWidth).length"
)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_regional_group_card_does_not_overflow(page, artifacts_dir, language):
    the_cycle = cycle(title="Cycle")
    for iso3 in ["FRA", "BRA", "EGY", "CHN", "POL"]:  # every regional group, the longest names included
        review(of=iso3, same_region="DEU", other_region="ARG", in_cycle=the_cycle)
    client = VerifiedClient()  # two-factor sign-in completed (tested in test_two_factor)
    client.force_login(SecretariatFactory(preferred_language=language))
    response = client.get(f"/{language}/reviews/overview/")
    assert response.status_code == 200, response.get("Location")
    html = response.content.decode()
    css = Path(finders.find("core/revmod.css")).read_text()
    html = html.replace('<link rel="stylesheet" href="/static/core/revmod.css">', f"<style>{css}</style>")
    page.set_viewport_size({"width": 1024, "height": 768})

    page.set_content(html)

    page.screenshot(path=str(artifacts_dir / f"overview-counts-{language}.png"), full_page=True)
    assert page.evaluate(OVERFLOWING_CARDS) == 0
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
