"""Issue 14, done when: from States and accounts only, the secretariat starts a review through the pages alone.

It creates a cycle, authors a questionnaire with a conditional follow-up, translates it into
French and Arabic through the spreadsheet, publishes it, draws lots, adds the focal point,
extends a deadline; the focal point then answers in French.
"""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from reviews.enums import QuestionnaireStatus, Step
from reviews.models import Answer, Cluster, CountryReview, DeadlineExtension, Question, Questionnaire, ReviewCycle
from revmod.states.services import sync_member_states
from tests.e2e.test_answering import sign_in
from tests.e2e.test_cycles import signed_in_as_secretariat
from tests.factories import UserFactory
from tests.factories.accounts import state

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FRENCH = {
    "Cluster II self-assessment": "Auto-évaluation, groupe II",
    "International cooperation": "Coopération internationale",
    "Can your State extradite its own nationals?": "Votre État peut-il extrader ses propres ressortissants ?",
    "Please cite the applicable legislation.": "Veuillez citer la législation applicable.",
}
ARABIC = {
    "Cluster II self-assessment": "التقييم الذاتي، المجموعة الثانية",
    "International cooperation": "التعاون الدولي",
    "Can your State extradite its own nationals?": "هل يمكن لدولتكم تسليم مواطنيها؟",
    "Please cite the applicable legislation.": "يرجى ذكر التشريعات المنطبقة.",
}


def translated_spreadsheet(content: bytes) -> bytes:
    """The downloaded workbook with its French and Arabic columns filled, as a translator returns it."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    english, french, arabic = header.index("en"), header.index("fr"), header.index("ar")
    for row in sheet.iter_rows(min_row=2):
        source = row[english].value
        if source:
            row[french].value = FRENCH[source]
            row[arabic].value = ARABIC[source]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_secretariat_starts_a_review_from_an_empty_database_and_a_focal_point_answers_in_french(
    live_server, page, artifacts_dir, tmp_path
):
    sync_member_states()
    UserFactory(email="fp.fra@e2e.org", full_name="Claire Dubois", state=state("FRA"), preferred_language="fr")
    signed_in_as_secretariat(page, live_server)
    base = f"{live_server.url}/en"

    # A cycle that requires French and Arabic questionnaires.
    page.goto(f"{base}/reviews/cycles/new/")
    page.locator("#id_title").fill("Cluster II, 2027-2031")
    page.locator("#id_cluster").select_option(str(Cluster.objects.get(number=2).pk))
    page.locator("#id_first_year").fill("2027")
    page.locator("#id_group_count").fill("3")
    page.locator("input[name=instruments]").first.check()
    page.locator("input[name=required_languages][value=fr]").check()
    page.locator("input[name=required_languages][value=ar]").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/reviews/cycles/\d+/$"))
    the_cycle = ReviewCycle.objects.get(title="Cluster II, 2027-2031")
    assert sorted(the_cycle.required_languages) == ["ar", "fr"]

    # A questionnaire with a follow-up asked only after "yes".
    page.goto(f"{base}/questionnaires/new/")
    page.locator("#id_cluster").select_option(str(Cluster.objects.get(number=2).pk))
    page.locator("#id_instrument").select_option(index=1)
    page.locator("#id_title").fill("Cluster II self-assessment")
    page.get_by_role("button", name="Create the draft").click()
    page.wait_for_url(re.compile(r".*/questionnaires/\d+/$"))
    editor = page.url
    questionnaire = Questionnaire.objects.get(title_en="Cluster II self-assessment")
    page.locator("#id_new-section-title_en").fill("International cooperation")
    page.get_by_role("button", name="Add the section").click()
    page.get_by_role("link", name="Add a question to this section").click()
    page.locator("#id_number").fill("1")
    page.locator("#id_kind").select_option("yes_no")
    page.locator("#id_text_en").fill("Can your State extradite its own nationals?")
    page.get_by_role("button", name="Save the question").click()
    parent = Question.objects.get(questionnaire=questionnaire, number="1")
    page.locator(f"#question-{parent.pk} a[href*='parent=']").click()
    page.locator("#id_condition").fill("yes")
    page.locator("#id_number").fill("1.1")
    page.locator("#id_kind").select_option("legislation")
    page.locator("#id_text_en").fill("Please cite the applicable legislation.")
    page.get_by_role("button", name="Save the question").click()
    page.wait_for_url(re.compile(r".*#question-\d+$"))
    for language in ("en", "ar"):
        page.goto(editor.replace("/en/", f"/{language}/"))
        page.screenshot(path=str(artifacts_dir / f"workspace-editor-{language}.png"), full_page=True)

    # Publishing waits for the languages the cycle requires.
    page.goto(editor)
    page.get_by_role("button", name=re.compile(r"^Publish version")).click()
    expect(page.locator("#publish-problems")).to_contain_text("fr:")
    questionnaire.refresh_from_db()
    assert questionnaire.status == QuestionnaireStatus.DRAFT

    # The spreadsheet round trip: download, translate, upload, check the preview, confirm.
    page.goto(f"{base}/questionnaires/{questionnaire.pk}/translations/")
    with page.expect_download() as download:
        page.locator("a[href$='/translations/spreadsheet/']").first.click()
    workbook = tmp_path / "translated.xlsx"
    workbook.write_bytes(translated_spreadsheet(download.value.path().read_bytes()))
    page.goto(f"{base}/questionnaires/{questionnaire.pk}/translations/upload/")
    page.locator("input[type=file]").set_input_files(str(workbook))
    page.get_by_role("button", name="Check the spreadsheet").click()
    expect(page.locator("table.qt-changes")).to_contain_text("Votre État peut-il extrader ses propres ressortissants ?")
    assert Question.objects.get(pk=parent.pk).text_fr is None  # nothing applied before the confirmation
    page.screenshot(path=str(artifacts_dir / "workspace-translation-preview-en.png"), full_page=True)
    page.get_by_role("button", name=re.compile(r"^Apply \d+ changes")).click()
    assert Question.objects.get(pk=parent.pk).text_ar == ARABIC["Can your State extradite its own nationals?"]

    page.goto(editor)
    page.get_by_role("button", name=re.compile(r"^Publish version")).click()
    expect(page.get_by_text("is published: reviews can now answer it")).to_be_visible()

    # Lots drawn on the cycle made above.
    page.goto(f"{base}/reviews/draw/")
    page.locator("#id_cycle").select_option(str(the_cycle.pk))
    page.locator("#id_seed").fill("2027")
    page.get_by_role("button", name="Draw lots").click()
    page.wait_for_url(re.compile(r".*/reviews/draw/\d+/$"))
    france = CountryReview.objects.get(cycle=the_cycle, state__iso3="FRA")
    assert list(france.questionnaires.all()) == [questionnaire]

    # The focal point of France, added from the cycle's participants page.
    page.goto(f"{base}/reviews/cycles/{the_cycle.pk}/participants/")
    page.locator("select[name=state]").select_option(str(state("FRA").pk))
    page.get_by_role("button", name="Show").click()
    page.get_by_label(re.compile("fp.fra@e2e.org")).check()
    page.locator("input[name=role][value=focal_point]").check()
    page.locator("input[name=scope][value=selected]").check()
    page.get_by_label("Review of France").check()
    page.get_by_role("button", name="Add to the reviews").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert france.participants.filter(user__email="fp.fra@e2e.org", role="focal_point", is_active=True).exists()

    # Drafting opens; its deadline is extended with a reason.
    page.goto(f"{base}/reviews/{france.pk}/")
    for step in (Step.STAFFING, Step.CONSULTATION, Step.SAQ_DRAFTING):
        page.locator("form[action$='/move/'] select").select_option(step.value)
        page.locator("form[action$='/move/'] button[type=submit]").click()
        page.wait_for_load_state()
    france.refresh_from_db()
    assert france.step == Step.SAQ_DRAFTING
    later = (france.due_at.date().replace(year=france.due_at.year + 1)).isoformat()
    page.locator("form[action$='/deadline/'] input[name=due_on]").fill(later)
    page.locator("form[action$='/deadline/'] textarea[name=reason]").fill("The national elections delay the answers.")
    page.locator("form[action$='/deadline/'] button[type=submit]").click()
    extension = DeadlineExtension.objects.get(review=france)
    assert (extension.reason, extension.due_at.date().isoformat()) == (
        "The national elections delay the answers.",
        later,
    )

    # The focal point answers in French: the questions are in French, "Oui" asks for the law.
    page.context.clear_cookies()
    sign_in(page, live_server, "fp.fra@e2e.org")
    page.goto(f"{live_server.url}/fr/reviews/{france.pk}/questionnaires/{questionnaire.pk}/sections/1/")
    follow_up = Question.objects.get(questionnaire=questionnaire, number="1.1")
    expect(page.locator(f"#question-{parent.pk} legend")).to_contain_text(FRENCH[parent.text_en])
    expect(page.locator(f"#question-{follow_up.pk}")).to_be_hidden()
    page.locator(f"#question-{parent.pk}").get_by_label("Oui").check()
    expect(page.locator(f"#question-{follow_up.pk}")).to_be_visible()
    expect(page.locator(f"#question-{parent.pk} [data-status]")).to_have_text("Enregistré")
    page.screenshot(path=str(artifacts_dir / "workspace-answer-fr.png"), full_page=True)
    assert Answer.objects.get(review=france, question=parent).value == "yes"
