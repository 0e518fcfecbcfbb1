"""A secretariat officer is led through two-factor enrolment before reaching any page."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import SecretariatFactory
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_secretariat_enrols_an_authenticator_and_reaches_the_dashboard(live_server, page, artifacts_dir):
    officer = SecretariatFactory(email="officer@e2e.org", preferred_language="fr")

    page.goto(f"{live_server.url}/en/accounts/sign-in/")
    page.get_by_label("E-mail address").fill("officer@e2e.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(re.compile(r".*/fr/accounts/two-factor/setup/.*"))
    expect(page.locator("img.qr")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "two-factor-fr.png"), full_page=True)
    device = TOTPDevice.objects.get(user=officer)
    page.locator("input[name=token]").fill(f"{TOTP(device.bin_key).token():06d}")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("ul.codes li")).to_have_count(10)
    page.locator("main a.button").last.click()

    page.wait_for_url(f"{live_server.url}/fr/dashboard/")
    expect(page.locator("h1")).to_contain_text("Bienvenue")
