"""Issue 15's whole flow in a browser: the focal point brings in two national contributors (one new,
one with an account), a contributor attaches the law as a PDF, the focal point answers offline in
Excel over a concurrent online edit and settles the conflict, then clears and submits; a reviewing
expert reads the answers and downloads the attachment, never the State's internal talk."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from openpyxl import load_workbook
from playwright.sync_api import expect

from reviews.enums import AnswerStatus, ParticipantRole, Step
from reviews.models import Answer, CountryReview, Evidence, Participant
from tests.e2e.test_answering import sign_in
from tests.e2e.test_cycles import signed_in_as_secretariat
from tests.factories import UserFactory, state
from tests.factories.reviews import participant, published_questionnaire, review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "A long passphrase for the ministry 2027"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def answer_in_workbook(content: bytes, number: str, value: str) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[2].value == number:
            row[6].value = value
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_two_contributors_evidence_offline_conflict_clearance_and_the_reviewers_view(
    live_server, browser, artifacts_dir, tmp_path
):
    questionnaire = published_questionnaire(questions=2, sections=1)
    country_review = review(of="EGY", questionnaire=questionnaire, step=Step.SAQ_DRAFTING)
    participant(country_review, iso3="EGY", role=ParticipantRole.FOCAL_POINT, email="fp@e2e.org")
    participant(country_review, iso3="DEU", role=ParticipantRole.EXPERT, email="reviewer@e2e.org")
    UserFactory(email="interior@e2e.org", full_name="Omar Interior", state=state("EGY"))
    first, second = questionnaire.questions.filter(parent__isnull=True).order_by("order")
    follow_up = questionnaire.questions.get(parent=first)
    base = live_server.url
    section_url = f"{base}/en/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/sections/1/"

    # The focal point invites a new person in Arabic, and adds one who has an account.
    focal = browser.new_page()
    sign_in(focal, live_server, "fp@e2e.org")
    focal.goto(f"{base}/en/reviews/{country_review.pk}/")
    focal.get_by_role("link", name="National contributors").click()
    for email, name, language in (("justice@e2e.org", "Laila Justice", "ar"), ("interior@e2e.org", "x", "en")):
        focal.get_by_label("E-mail address").fill(email)
        focal.get_by_label("Full name").fill(name)
        focal.get_by_label("Language of the invitation").select_option(language)
        focal.get_by_role("button", name="Invite").click()
    expect(focal.locator("table.data")).to_contain_text("Laila Justice")
    expect(focal.locator("table.data")).to_contain_text("Omar Interior")
    focal.screenshot(path=str(artifacts_dir / "coordination-contributors-en.png"), full_page=True)
    assert set(
        Participant.objects.filter(review=country_review, role=ParticipantRole.CONTRIBUTOR, is_active=True).values_list(
            "user__email", flat=True
        )
    ) == {"justice@e2e.org", "interior@e2e.org"}

    # The new person activates the account from the Arabic e-mail; the secretariat approves it.
    invitation = next(message for message in mail.outbox if message.to == ["justice@e2e.org"])
    link = re.search(r"https?://\S+/activate/\S+/", invitation.body).group(0)
    assert "/ar/" in link
    newcomer = browser.new_page()
    newcomer.goto(base + link[link.index("/ar/") :])
    expect(newcomer.locator("html")).to_have_attribute("dir", "rtl")
    newcomer.locator("input[name=new_password1]").fill(PASSWORD)
    newcomer.locator("input[name=new_password2]").fill(PASSWORD)
    newcomer.locator("form button[type=submit]").last.click()
    secretariat = browser.new_page()
    signed_in_as_secretariat(secretariat, live_server)
    secretariat.goto(f"{base}/en/accounts/people/")
    secretariat.get_by_role("button", name="Approve Laila Justice").click()
    expect(secretariat.get_by_role("button", name="Approve Laila Justice")).to_have_count(0)

    # The new contributor drafts and attaches the law as a PDF.
    newcomer.context.clear_cookies()
    newcomer.goto(f"{base}/en/accounts/sign-in/")
    newcomer.get_by_label("E-mail address").fill("justice@e2e.org")
    newcomer.get_by_label("Password").fill(PASSWORD)
    newcomer.get_by_role("button", name="Sign in").click()
    newcomer.wait_for_url(re.compile(r".*/dashboard/$"))
    newcomer.goto(section_url)
    newcomer.locator(f"#question-{first.pk}").get_by_label("Yes").check()
    newcomer.locator(f"#question-{follow_up.pk}").get_by_label("Title of the law").fill("Penal Code")
    newcomer.locator(f"#question-{second.pk} textarea").fill("Law 10 of 1961 applies.")
    expect(newcomer.locator(f"#question-{second.pk} [data-status]")).to_have_text("Saved")
    evidence = newcomer.locator(f"#evidence-{follow_up.pk}")
    evidence.locator("summary").click()
    evidence.get_by_label("Title").fill("Penal Code of Egypt (1937)")
    evidence.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "penal-code.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    evidence.get_by_role("button", name="Attach the file").click()
    expect(
        newcomer.locator(f"#evidence-{follow_up.pk}").get_by_role("link", name="Penal Code of Egypt (1937)")
    ).to_be_visible()

    # The focal point downloads the workbook; meanwhile the second contributor edits online.
    focal.goto(f"{base}/en/reviews/{country_review.pk}/")
    focal.get_by_role("link", name="Answer offline").click()
    with focal.expect_download() as download:
        focal.get_by_role("button", name="Download as Excel (XLSX)").click()
    workbook = tmp_path / "answers.xlsx"
    workbook.write_bytes(
        answer_in_workbook(download.value.path().read_bytes(), second.number, "Law 10 of 1961, art. 3.")
    )
    interior = browser.new_page()
    sign_in(interior, live_server, "interior@e2e.org")
    interior.goto(section_url)
    interior.locator(f"#question-{second.pk} textarea").fill("Law 10 of 1961 and the 2010 amendment.")
    expect(interior.locator(f"#question-{second.pk} [data-status]")).to_have_text("Saved")

    focal.locator("input[type=file]").set_input_files(str(workbook))
    focal.get_by_role("button", name="Check the file").click()
    conflict = focal.locator(f"#conflict-{second.pk}")
    expect(conflict).to_contain_text("Law 10 of 1961 and the 2010 amendment.")
    expect(conflict).to_contain_text("Law 10 of 1961, art. 3.")
    assert Answer.objects.get(review=country_review, question=second).value == "Law 10 of 1961 and the 2010 amendment."
    focal.screenshot(path=str(artifacts_dir / "coordination-offline-conflict-en.png"), full_page=True)
    conflict.get_by_label("Take the file's version").check()
    focal.get_by_role("button", name="Apply these answers").click()
    expect(focal.get_by_text("1 answer imported.")).to_be_visible()
    assert Answer.objects.get(review=country_review, question=second).value == "Law 10 of 1961, art. 3."

    # Cleared and submitted.
    focal.goto(section_url)
    focal.get_by_role("button", name="Clear every answered question of the section").click()
    expect(focal.get_by_text("answers are cleared.")).to_be_visible()
    focal.goto(f"{base}/en/reviews/{country_review.pk}/submit/")
    focal.get_by_role("button", name="Submit the questionnaire").click()
    expect(focal.get_by_text("The questionnaire is submitted.")).to_be_visible()

    # The reviewing expert reads the answers and downloads the law.
    reviewer = browser.new_page()
    sign_in(reviewer, live_server, "reviewer@e2e.org")
    reviewer.goto(f"{base}/en/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/")
    expect(reviewer.get_by_text("Law 10 of 1961, art. 3.")).to_be_visible()
    attachment = reviewer.get_by_role("link", name="Penal Code of Egypt (1937)")
    expect(attachment).to_be_visible()
    fetched = reviewer.request.get(base + attachment.get_attribute("href"))
    assert fetched.status == 200
    assert fetched.body().startswith(b"%PDF-")
    reviewer.goto(f"{base}/ar/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/")
    reviewer.screenshot(path=str(artifacts_dir / "coordination-read-with-evidence-ar.png"), full_page=True)

    assert Evidence.objects.filter(answer__review=country_review, removed_at__isnull=True).count() == 1
    assert set(Answer.objects.filter(review=country_review).values_list("status", flat=True)) == {AnswerStatus.CLEARED}
    assert CountryReview.objects.get(pk=country_review.pk).step == Step.FEEDBACK
