"""The overview's counts read in the order of the workflow, in every language, and fit their cards."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from reviews.enums import Step
from tests.factories import SecretariatFactory
from tests.factories.reviews import cycle, review

pytestmark = pytest.mark.django_db

# Alphabetically (by label or by stored value) these come in another order.
STEPS = [Step.FINALIZED, Step.DIALOGUE, Step.DRAWN, Step.SUMMARY, Step.CONSULTATION]


def card(page: str, title: str) -> str:
    return page.split(f"<h3>{title}</h3>", 1)[1].split("</dl>", 1)[0]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_overview_counts_steps_in_workflow_order(client, language):
    the_cycle = cycle(title="Cycle")
    for step, iso3 in zip(STEPS, ["FRA", "DEU", "ITA", "ESP", "NLD"], strict=True):
        review(of=iso3, same_region="BEL", other_region="BRA", step=step, in_cycle=the_cycle)
    client.force_login(SecretariatFactory(preferred_language=language))

    with translation.override(language):
        page = client.get(reverse("reviews:overview")).content.decode()
        title, labels = gettext("By step"), [str(step.label) for step in sorted(STEPS, key=lambda step: step.index)]

    by_step = card(page, title)
    positions = [by_step.index(f"<dt>{label}</dt>") for label in labels]
    assert positions == sorted(positions)


def test_count_cards_let_long_labels_wrap_inside_the_card(client):
    review(of="FRA")
    client.force_login(SecretariatFactory())

    page = client.get(reverse("reviews:overview")).content.decode()

    assert page.count('<dl class="summary summary--counts">') == 4
    css = Path(finders.find("core/revmod.css")).read_text()
    assert ".summary--counts { grid-template-columns: minmax(0, 1fr) max-content; }" in css
    assert ".cards > .card { min-inline-size: 0; }" in css
