"""Issue 17, done when: a review held in Arabic is translated into English and Portuguese and read in Portuguese.

The secretariat sets the working language to Arabic, names two translators and asks for two
sections and the summary in English and Portuguese; both translators complete them; the focal
point edits one answer, which turns its translations outdated with the diff shown; a Brazilian
expert reads the review in Portuguese with the outdated marker, and exports it as a Portuguese PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.enums import ParticipantRole, Step
from reviews.models import CountryReview, Question, Summary
from reviews.services import ensure_outputs, save_answer
from tests.e2e.test_answering import sign_in
from tests.e2e.test_cycles import signed_in_as_secretariat
from tests.factories import UserFactory
from tests.factories.reviews import participant, published_questionnaire, review
from translations.models import TranslationRequest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ANSWERS = {"2": "يجرم قانون العقوبات المشاركة في جماعة إجرامية منظمة.", "9": "تتعاون مصر مع الدول الأخرى."}
TRANSLATED = {
    "en": {
        "2": "The penal code criminalizes participation in an organized criminal group.",
        "9": "Egypt cooperates with other States.",
        "summary": "Egypt has criminalized participation in organized crime.",
    },
    "pt": {
        "2": "O código penal criminaliza a participação num grupo criminoso organizado.",
        "9": "O Egito coopera com outros Estados.",
        "summary": "O Egito criminalizou a participação no crime organizado.",
    },
}
SUMMARY = "جرمت مصر المشاركة في الجريمة المنظمة."


def translate_every_unit(page, base: str, translation_request: TranslationRequest, texts: dict[str, str]) -> None:
    page.goto(f"{base}/en/translations/requests/{translation_request.pk}/")
    for unit in translation_request.translations.select_related("answer__question").order_by("pk"):
        key = unit.answer.question.number if unit.answer_id else "summary"
        row = page.locator(f"#unit-{unit.pk}")
        row.locator("textarea").fill(texts[key])
        row.get_by_role("button", name="Save and mark done").click()
        expect(page.locator(f"#unit-{unit.pk} [data-translation-status]")).to_have_text("Done")


def test_a_review_in_arabic_is_translated_and_read_in_portuguese(live_server, browser, artifacts_dir):
    questionnaire = published_questionnaire(questions=9, sections=2)
    country_review = review(of="EGY", same_region="MAR", other_region="BRA", questionnaire=questionnaire)
    country_review.step = Step.SAQ_DRAFTING
    country_review.save(update_fields=["step"])
    focal_point = participant(country_review, iso3="EGY", role=ParticipantRole.FOCAL_POINT, email="fp@e2e.org")
    participant(
        country_review, iso3="BRA", role=ParticipantRole.EXPERT, email="expert.bra@e2e.org", preferred_language="pt"
    )
    UserFactory(state=None, email="translator.en@e2e.org")
    UserFactory(state=None, email="translator.pt@e2e.org")
    questions = {q.number: q for q in Question.objects.filter(questionnaire=questionnaire, number__in=ANSWERS)}
    for number, text in ANSWERS.items():
        save_answer(country_review, questions[number], value=text, base_revision=0, user=focal_point)
    ensure_outputs(country_review)
    Summary.objects.filter(review=country_review).update(text=SUMMARY)
    base = live_server.url

    # The secretariat: Arabic as the working language, two translators, three requests in two languages.
    secretariat = browser.new_page()
    signed_in_as_secretariat(secretariat, live_server)
    secretariat.goto(f"{base}/en/reviews/{country_review.pk}/languages/")
    secretariat.locator("#id_working_language").select_option("ar")
    secretariat.get_by_role("button", name="Save the working languages").click()
    country_review.refresh_from_db()
    assert country_review.working_language == "ar"
    desk = f"{base}/en/translations/reviews/{country_review.pk}/"
    for language in ("en", "pt"):
        secretariat.goto(desk)
        secretariat.get_by_label("E-mail address of the translator").fill(f"translator.{language}@e2e.org")
        secretariat.get_by_label("Translates into").select_option(language)
        secretariat.get_by_role("button", name="Name the translator").click()
    for scope, section in (("section", "1"), ("section", "2"), ("summary", None)):
        secretariat.goto(desk)
        secretariat.get_by_label("What to translate").select_option(scope)
        if section:
            secretariat.get_by_label("Section").select_option(index=int(section))
        secretariat.locator("input[name=languages][value=en]").check()
        secretariat.locator("input[name=languages][value=pt]").check()
        secretariat.get_by_role("button", name="Request").click()
        secretariat.wait_for_load_state()
    requests = TranslationRequest.objects.filter(review=country_review)
    assert sorted(requests.values_list("scope", "language")) == sorted(
        [(scope, language) for scope in ("section", "section", "summary") for language in ("en", "pt")]
    )
    assert all(item.translator_id for item in requests)  # each went to the one translator of its language

    # Both translators complete their requests.
    for language in ("en", "pt"):
        translator = browser.new_page()
        sign_in(translator, live_server, f"translator.{language}@e2e.org")
        for translation_request in requests.filter(language=language):
            translate_every_unit(translator, base, translation_request, TRANSLATED[language])
        translator.close()

    # The focal point edits one answer: its translations turn outdated, the diff shows what changed.
    focal = browser.new_page()
    sign_in(focal, live_server, "fp@e2e.org")
    focal.goto(f"{base}/en/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/sections/1/")
    box = focal.locator(f"#question-{questions['2'].pk} textarea")
    box.fill(ANSWERS["2"] + " وقانون عام 2020.")
    expect(focal.locator(f"#question-{questions['2'].pk} [data-status]")).to_have_text("Saved")
    portuguese = sign_in_page(browser, live_server, "translator.pt@e2e.org")
    section_one = requests.get(language="pt", section__order=1)
    portuguese.goto(f"{base}/en/translations/requests/{section_one.pk}/")
    expect(portuguese.get_by_text("The source text changed since it was translated.")).to_be_visible()
    expect(portuguese.locator(".source-diff ins")).to_contain_text("2020")

    # The questionnaire is submitted (the reviewing side reads submitted answers only).
    CountryReview.objects.filter(pk=country_review.pk).update(step=Step.FEEDBACK, submitted_at=timezone.now())

    # The Brazilian expert reads the review in Portuguese, with the outdated marker.
    expert = sign_in_page(browser, live_server, "expert.bra@e2e.org")
    read_page = f"{base}/pt/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/"
    expert.goto(read_page)
    expert.locator(".reading-form input[name=language][value=pt]").check()
    expert.locator(".reading-form button[type=submit]").click()
    expect(expert.get_by_text(TRANSLATED["pt"]["9"])).to_be_visible()
    expect(expert.get_by_text(TRANSLATED["pt"]["2"])).to_be_visible()
    expect(expert.locator(".reading-note--outdated")).to_have_count(1)
    expert.screenshot(path=str(artifacts_dir / "read-in-portuguese.png"), full_page=True)

    # And exports it as a Portuguese PDF holding the translations.
    expert.goto(f"{base}/pt/reviews/{country_review.pk}/")
    expert.locator("#export-format").select_option("pdf")
    expert.locator("#export-language").select_option("pt")
    expert.locator(".export-form button[type=submit]").click()
    expert.wait_for_url(re.compile(r".*/exports/\d+/$"))
    download = expert.locator("a[href$='/download/']")
    expect(download).to_be_visible(timeout=60_000)
    pdf = expert.context.request.get(base + download.get_attribute("href")).body()
    text = subprocess.run(  # noqa: S603 - poppler's pdftotext on the document the page offered
        [shutil.which("pdftotext"), "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    assert TRANSLATED["pt"]["9"] in flat
    assert TRANSLATED["pt"]["2"].split(" num ")[0] in flat


def sign_in_page(browser, live_server, email: str):
    page = browser.new_page()
    sign_in(page, live_server, email)
    return page
