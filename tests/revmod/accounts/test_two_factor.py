"""Two-factor sign-in: required for the secretariat and trainers before any page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from revmod.accounts.middleware import OPEN_VIEWS
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.factories import SecretariatFactory, TrainerFactory, UserFactory
from tests.factories.accounts import PASSWORD
from tests.urls import every_page

pytestmark = pytest.mark.django_db


def signed_in_with_password(user) -> Client:
    client = Client()
    client.post("/en/accounts/sign-in/", {"username": user.email, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    return client


@pytest.mark.parametrize("factory", [SecretariatFactory, TrainerFactory])
def test_no_page_is_reachable_before_two_factor_sign_in(factory):
    client = signed_in_with_password(factory())
    pages = [(name, path) for name, path in every_page() if name not in OPEN_VIEWS]

    reached = []
    for name, path in pages:
        response = client.get(path)
        if not (response.status_code == 302 and "/accounts/two-factor/" in response["Location"]):
            reached.append((name, path, response.status_code))

    assert len(pages) > 60
    assert reached == []


def test_enrolment_confirms_the_app_gives_recovery_codes_and_opens_the_dashboard():
    secretariat = SecretariatFactory()
    client = signed_in_with_password(secretariat)

    setup = client.get("/en/dashboard/", follow=True)
    device = TOTPDevice.objects.get(user=secretariat)
    wrong = client.post("/en/accounts/two-factor/setup/", {"token": "000000", "next": "/en/dashboard/"})
    # django-otp makes the next try wait after a wrong code; the app's next code would come later.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    right = client.post(
        "/en/accounts/two-factor/setup/", {"token": f"{TOTP(device.bin_key).token():06d}", "next": "/en/dashboard/"}
    )
    codes = re.findall(r"<li><code>([0-9a-f]{8})</code></li>", right.content.decode())
    download = client.get("/en/accounts/two-factor/recovery-codes.txt")
    second_download = client.get("/en/accounts/two-factor/recovery-codes.txt")

    assert 'src="data:image/svg+xml' in setup.content.decode()
    assert "This code is not right" in wrong.content.decode()
    assert len(codes) == 10
    assert download.content.decode().split() == codes
    assert second_download.status_code == 404
    assert client.get("/en/dashboard/").status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.TWO_FACTOR_ENROLLED, actor=secretariat).exists()


def test_a_recovery_code_works_once():
    secretariat = SecretariatFactory()
    client = signed_in_with_password(secretariat)
    client.get("/en/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=secretariat)
    page = client.post(
        "/en/accounts/two-factor/setup/", {"token": f"{TOTP(device.bin_key).token():06d}"}
    ).content.decode()
    code = re.findall(r"<li><code>([0-9a-f]{8})</code></li>", page)[0]

    first = signed_in_with_password(secretariat)
    used = first.post("/en/accounts/two-factor/", {"token": code, "next": "/en/dashboard/"})
    second = signed_in_with_password(secretariat)
    reused = second.post("/en/accounts/two-factor/", {"token": code})

    assert used["Location"] == "/en/dashboard/"
    assert reused.status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.RECOVERY_CODE_USED).count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.TWO_FACTOR_FAILED).count() == 1


def test_other_people_sign_in_with_a_password_unless_the_setting_asks_for_more(settings):
    person = UserFactory()

    assert signed_in_with_password(person).get("/en/dashboard/").status_code == 200
    settings.OTP_REQUIRED_FOR_ALL = True
    assert "/accounts/two-factor/setup/" in signed_in_with_password(person).get("/en/dashboard/")["Location"]


def test_two_factor_pages_need_a_password_sign_in_first():
    assert Client().get("/en/accounts/two-factor/").status_code == 302
    assert Client().get("/en/accounts/two-factor/setup/").status_code == 302


def header_of(page: str) -> str:
    return page.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


@pytest.mark.parametrize("path", ["/en/accounts/two-factor/setup/", "/en/accounts/two-factor/"])
def test_before_the_second_factor_the_header_offers_only_the_language_and_signing_out(path):
    secretariat = SecretariatFactory()
    client = signed_in_with_password(secretariat)
    if path == "/en/accounts/two-factor/":
        client.get("/en/accounts/two-factor/setup/")
        TOTPDevice.objects.filter(user=secretariat).update(confirmed=True)

    page = client.get(path).content.decode()

    header = header_of(page)
    assert 'class="site-nav"' not in header
    assert "/notifications/" not in header
    assert "/accounts/profile/" not in header
    assert 'action="/i18n/setlang/"' in header
    assert 'action="/en/accounts/sign-out/"' in header
    assert "notifications/unread" not in page  # the script opening the notifications socket, refused until then


def test_once_the_second_factor_is_done_the_whole_header_comes_back():
    secretariat = SecretariatFactory()
    client = signed_in_with_password(secretariat)
    client.get("/en/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=secretariat)
    client.post("/en/accounts/two-factor/setup/", {"token": f"{TOTP(device.bin_key).token():06d}"})

    page = client.get("/en/dashboard/").content.decode()

    assert 'class="site-nav"' in header_of(page)
    assert "/accounts/profile/" in header_of(page)
    assert "notifications/unread" in page


def test_the_setup_page_does_not_speak_of_recovery_codes_as_if_they_were_already_given():
    client = signed_in_with_password(SecretariatFactory())

    page = client.get("/en/accounts/two-factor/setup/").content.decode()

    assert "one of your recovery codes" not in page
    assert "The six digits your authenticator app shows now." in page
    assert "Once the app is confirmed, you receive recovery codes" in page
