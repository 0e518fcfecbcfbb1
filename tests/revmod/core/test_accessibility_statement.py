import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from revmod.core.accessibility import CRITERIA, Check

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_the_statement_is_public_and_lists_every_criterion_and_check(client, language):
    response = client.get(f"/{language}/accessibility/")

    body = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in body
    for criterion in CRITERIA:
        assert f'<th scope="row" dir="ltr">{criterion.number}</th>' in body
    with translation.override(language):
        assert [check for check in Check if escape(str(check.label)) not in body] == []


def test_every_page_links_to_the_statement(client, world):
    client.force_login(world.focal_point)

    body = client.get(reverse("core:dashboard")).content.decode()

    assert f'href="{reverse("core:accessibility")}"' in body


def test_the_statement_names_wcag_2_2_criteria_once_each():
    numbers = [criterion.number for criterion in CRITERIA]

    assert len(numbers) == len(set(numbers))
    assert {"1.4.3", "2.1.1", "2.5.8", "3.1.1", "4.1.2"} <= set(numbers)
