"""The secretariat authors a questionnaire in a real browser: by keyboard and pointer, in English and Arabic."""

from __future__ import annotations

import re

import pytest

from reviews.models import Article, Instrument, Questionnaire
from tests.e2e.test_cycles import signed_in_as_secretariat

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def add_question(page, *, number: str, text: str, kind: str = "yes_no", condition: str = "", choices: str = "") -> None:
    if condition:
        page.locator("#id_condition").fill(condition)
    page.locator("#id_number").fill(number)
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_text_en").fill(text)
    if choices:
        page.locator("#id_choices").fill(choices)
    page.locator("button[type=submit]").last.click()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_secretariat_authors_a_questionnaire_with_a_follow_up_and_previews_it(
    live_server, page, artifacts_dir, language
):
    Article.objects.create(
        instrument=Instrument.objects.get(code="untoc"), number="5", title_en="Participation in a group"
    )
    signed_in_as_secretariat(page, live_server)
    base = f"{live_server.url}/{language}/questionnaires"

    page.goto(f"{base}/new/")
    page.locator("#id_cluster").select_option(index=1)
    page.locator("#id_instrument").select_option(index=1)
    page.locator("#id_title").fill("Cluster I self-assessment")
    page.locator("#id_title").press("Enter")
    page.wait_for_url(re.compile(rf"{base}/\d+/$"))
    editor = page.url
    questionnaire = Questionnaire.objects.get(title_en="Cluster I self-assessment")

    page.locator("#id_new-section-title_en").fill("Article 5. Participation")
    page.locator("#id_new-section-article").select_option(index=1)
    page.locator("#id_new-section-title_en").press("Enter")
    page.wait_for_url(f"{editor}#section-*")
    page.locator(".authoring-section a.button--quiet").first.click()
    add_question(page, number="1", text="Is participation in an organized criminal group an offence?")
    page.wait_for_url(f"{editor}#question-*")
    page.locator(".authoring-section a.button--quiet").first.click()
    add_question(page, number="2", text="How many cases were prosecuted?", kind="number")
    page.wait_for_url(f"{editor}#question-*")
    page.locator(f"#question-{questionnaire.questions.get(number='1').pk} a[href*='parent=']").click()
    add_question(
        page, number="1.1", text="Please cite the applicable legislation.", kind="legislation", condition="yes"
    )
    page.wait_for_url(f"{editor}#question-*")
    page.locator("#article-" + str(Article.objects.get(number="5").pk) + " input[type=url]").first.fill(
        "https://www.unodc.org/guide/art5"
    )
    page.locator("#article-" + str(Article.objects.get(number="5").pk) + " button").click()
    page.wait_for_url(f"{editor}#article-*")

    # Keyboard: question 2 goes up with its button; pointer: it is dragged back below question 1.
    second = page.locator(f"#question-{questionnaire.questions.get(number='2').pk}")
    second.locator("button[value^='up:']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{editor}#question-*")
    assert list(questionnaire.questions.order_by("order").values_list("number", flat=True)) == ["2", "1", "1.1"]
    first_handle = page.locator(f"#question-{questionnaire.questions.get(number='2').pk} .drag-handle")
    target = page.locator(f"#question-{questionnaire.questions.get(number='1').pk} > .authoring-question__line")
    box = target.bounding_box()
    with page.expect_navigation():  # saved, then the page reloads with the new numbers
        first_handle.drag_to(target, target_position={"x": 5, "y": box["height"] - 2})
    assert list(questionnaire.questions.order_by("order").values_list("number", flat=True)) == ["1", "1.1", "2"]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts_dir / f"authoring-editor-{language}.png"), full_page=True)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    page.goto(f"{base}/{questionnaire.pk}/preview/")
    follow_up = page.locator(f"#question-{questionnaire.questions.get(number='1.1').pk}")
    assert follow_up.is_hidden()
    page.locator("input[type=radio][value=yes]").first.check()
    assert follow_up.is_visible()
    assert page.locator(".article-links a").first.get_attribute("href") == "https://www.unodc.org/guide/art5"
    page.screenshot(path=str(artifacts_dir / f"authoring-preview-{language}.png"), full_page=True)

    page.goto(editor)
    page.locator("#publish-heading ~ form button").click()
    page.wait_for_url(editor)
    questionnaire.refresh_from_db()
    assert questionnaire.status == "published"
    assert page.locator(".authoring-question .row-actions").count() == 0
