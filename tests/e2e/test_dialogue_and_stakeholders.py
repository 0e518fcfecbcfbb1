"""Issue 16 in a browser: the stakeholders' say, and a second stakeholder who finds nothing of any review.

A stakeholder registers, verifies the address, is approved by the secretariat, applies for a
constructive dialogue and sends written input with a file; the secretariat approves the
application and publishes the summary, which a visitor reads on the public page. A second
stakeholder opens every review URL and gets 404 each time.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from reviews.enums import ParticipantRole, Step
from revmod.states.services import sync_member_states
from stakeholders.models import ConstructiveDialogue
from tests.e2e.test_answering import sign_in
from tests.e2e.test_cycles import signed_in_as_secretariat
from tests.factories import SecretariatFactory
from tests.factories.reviews import participant, published_questionnaire, review
from tests.factories.stakeholders import dialogue, stakeholder

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Civil society has its say 2027"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_stakeholder_takes_part_in_a_dialogue_and_another_finds_no_review(live_server, browser, artifacts_dir):
    sync_member_states()
    the_dialogue = dialogue(by=SecretariatFactory(), title="Constructive dialogue after the 2027 session")
    questionnaire = published_questionnaire(questions=2, sections=1)
    country_review = review(of="FRA", questionnaire=questionnaire, step=Step.FEEDBACK)
    participant(country_review, iso3="FRA", role=ParticipantRole.FOCAL_POINT)
    base = live_server.url

    # Registration and verification, in Spanish.
    visitor = browser.new_page()
    visitor.goto(f"{base}/es/stakeholders/register/")
    visitor.locator("#id_full_name").fill("Lucía Ramos")
    visitor.locator("#id_email").fill("lucia@ngo.example")
    visitor.locator("#id_password").fill(PASSWORD)
    visitor.locator("#id_preferred_language").select_option("es")
    visitor.locator("#id_organisation").fill("Red de Víctimas")
    visitor.locator("#id_kind").select_option(index=0)
    visitor.locator("#id_country").select_option(label=visitor.locator("#id_country option").nth(5).inner_text())
    visitor.locator("#id_area_of_work").fill("Victims of trafficking in persons")
    visitor.locator("form button[type=submit]").last.click()
    expect(visitor.locator("main")).to_contain_text("lucia@ngo.example")
    message = next(sent for sent in mail.outbox if sent.to == ["lucia@ngo.example"])
    link = re.search(r"https?://\S+/stakeholders/verify/\S+/", message.body).group(0)
    visitor.goto(base + link[link.index("/es/") :])
    visitor.locator("main form button[type=submit]").click()

    secretariat = browser.new_page()
    signed_in_as_secretariat(secretariat, live_server)
    secretariat.goto(f"{base}/en/stakeholders/approvals/")
    expect(secretariat.locator("main")).to_contain_text("Red de Víctimas")
    secretariat.get_by_role("button", name="Approve Lucía Ramos").click()
    expect(secretariat.get_by_role("button", name="Approve Lucía Ramos")).to_have_count(0)

    # The approved stakeholder applies and sends written input with a file.
    person = browser.new_page()
    person.goto(f"{base}/en/accounts/sign-in/")
    person.get_by_label("E-mail address").fill("lucia@ngo.example")
    person.get_by_label("Password").fill(PASSWORD)
    person.get_by_role("button", name="Sign in").click()
    person.wait_for_url(re.compile(r".*/dashboard/$"))
    expect(person.get_by_role("link", name="My reviews")).to_have_count(0)
    person.goto(f"{base}/en/stakeholders/dialogues/{the_dialogue.pk}/")
    person.get_by_label("Why you wish to take part").fill("We assist victims of trafficking in five States.")
    person.get_by_role("button", name="Apply to take part").click()
    person.get_by_label("Your input").fill("Victims need protection orders that survive the end of the trial.")
    person.locator("input[type=file]").set_input_files(
        files=[{"name": "report.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    person.get_by_role("button", name="Send the input").click()
    expect(person.locator("main")).to_contain_text("Victims need protection orders")

    # The secretariat approves the application, and after the session publishes the summary.
    secretariat.goto(f"{base}/en/stakeholders/dialogues/{the_dialogue.pk}/")
    secretariat.get_by_role("button", name="Approve Lucía Ramos").click()
    expect(secretariat.locator("main")).to_contain_text("report.pdf")
    ConstructiveDialogue.objects.filter(pk=the_dialogue.pk).update(
        held_at=timezone.now() - dt.timedelta(days=1), application_deadline=timezone.now() - dt.timedelta(days=3)
    )
    secretariat.goto(f"{base}/en/stakeholders/dialogues/{the_dialogue.pk}/")
    secretariat.get_by_role("textbox", name="Summary").fill(
        "Stakeholders asked for lasting protection orders for victims."
    )
    secretariat.get_by_role("button", name="Save the summary").click()
    secretariat.get_by_role("button", name="Publish the summary").click()
    visitor.context.clear_cookies()
    visitor.goto(f"{base}/ar/reviews/published/")
    visitor.get_by_role("link", name="Constructive dialogue after the 2027 session").click()
    expect(visitor.locator("main")).to_contain_text("lasting protection orders for victims")
    visitor.screenshot(path=str(artifacts_dir / "stakeholders-published-summary-ar.png"), full_page=True)

    # A second stakeholder opens every page of the review: each is not found.
    stakeholder(email="probe@ngo.example", full_name="Paul Probe")
    prober = browser.new_page()
    sign_in(prober, live_server, "probe@ngo.example")
    review_pages = [
        f"/en/reviews/{country_review.pk}/",
        f"/en/reviews/{country_review.pk}/discussion/",
        f"/en/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/",
        f"/en/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/sections/1/",
        f"/en/reviews/{country_review.pk}/outputs/",
        f"/en/reviews/{country_review.pk}/submit/",
        f"/en/coordination/{country_review.pk}/",
        f"/en/coordination/{country_review.pk}/contributors/",
        f"/en/coordination/reviews/{country_review.pk}/offline/",
        f"/en/stakeholders/reviews/{country_review.pk}/input/",
        f"/api/v1/reviews/{country_review.pk}/",
    ]
    statuses = {path: prober.goto(base + path).status for path in review_pages}
    assert statuses == dict.fromkeys(review_pages, 404)
