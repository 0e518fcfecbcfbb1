"""Links in e-mails and certificates lead to the address the demo actually serves on."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from elearning import services
from elearning.certificates import verification_url
from revmod.accounts.services import invite_person
from tests.factories.elearning import EnrolmentFactory

ROOT = Path(__file__).resolve().parents[2]


def demo_commands(*assignments: str, env: dict | None = None) -> list[str]:
    """The commands `make demo` would run, without running them."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    output = subprocess.run(  # noqa: S603 - a fixed command in the repository
        [make, "--no-print-directory", "-n", "demo", *assignments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
    ).stdout
    return [line for line in output.splitlines() if line.startswith("DEBUG=")]


def test_make_demo_gives_the_site_the_port_it_serves_on():
    commands = demo_commands("PORT=8123")

    assert len(commands) == 4  # migrate, seed, collect static files, serve
    assert all("SITE_URL=http://127.0.0.1:8123 " in command for command in commands)
    # One process for HTTP and sockets, started like every worker, on the port the links name.
    assert "REVMOD_SERVER=uvicorn REVMOD_BIND=127.0.0.1 bash deploy/serve.sh web 8123" in commands[-1]


def test_make_demo_on_every_interface_links_to_localhost():
    commands = demo_commands("HOST=0.0.0.0", "PORT=8080")

    assert all("SITE_URL=http://localhost:8080 " in command for command in commands)


def test_make_demo_keeps_a_site_url_set_in_the_environment():
    commands = demo_commands("PORT=8123", env={"SITE_URL": "https://revmod.example.org"})

    assert all("SITE_URL=https://revmod.example.org " in command for command in commands)


@pytest.mark.django_db
def test_a_certificate_links_to_the_configured_site(settings):
    settings.SITE_URL = "http://localhost:8123"
    enrolment = EnrolmentFactory(user__preferred_language="fr")
    enrolment.completed_at = timezone.now()
    enrolment.save()
    certificate = services.issue_certificate(enrolment)

    url = verification_url(certificate, language="fr")

    assert url.startswith("http://localhost:8123/fr/")
    assert url.endswith(f"{certificate.code}/")


@pytest.mark.django_db
def test_an_invitation_e_mail_links_to_the_configured_site(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://localhost:8123"

    with django_capture_on_commit_callbacks(execute=True):
        invite_person(email="amal.haddad@example.org", full_name="Amal Haddad")

    (message,) = mail.outbox
    assert "http://localhost:8123/en/accounts/" in message.body
    assert "127.0.0.1:8000" not in message.body
