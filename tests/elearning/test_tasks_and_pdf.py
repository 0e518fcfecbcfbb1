from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from elearning import services
from elearning.certificates import render_certificate_pdf
from elearning.richtext import sanitize_html
from elearning.tasks import task_send_session_reminders
from revmod.celery import app
from tests.factories import UserFactory
from tests.factories.elearning import EnrolmentFactory, SessionRegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

PDFFONTS = shutil.which("pdffonts") or "/usr/bin/pdffonts"  # poppler-utils, installed by CI


def test_reminder_task_is_scheduled_by_beat():
    entry = app.conf.beat_schedule["elearning.send_session_reminders"]

    assert entry["task"] == "elearning.send_session_reminders"
    assert entry["schedule"] == 15 * 60


def test_reminder_task_sends_each_reminder_once(django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(starts_at=timezone.now() + timedelta(hours=5))
    SessionRegistrationFactory(session=session, user=UserFactory(preferred_language="es"))

    with django_capture_on_commit_callbacks(execute=True):
        task_send_session_reminders.delay()
    with django_capture_on_commit_callbacks(execute=True):
        task_send_session_reminders.delay()

    assert len(mail.outbox) == 1
    assert "sesión de formación" in mail.outbox[0].body


def test_sanitizer_keeps_safe_markup_and_drops_the_rest():
    html = (
        '<h2>Title</h2><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><a href="https://un.org">UN</a>'
    )

    assert (
        sanitize_html(html)
        == '<h2>Title</h2><a rel="nofollow noopener">x</a><a href="https://un.org" rel="nofollow noopener">UN</a>'
    )


@pytest.mark.parametrize(
    ("language", "font"),
    [("ar", "Noto-Naskh-Arabic"), ("zh-hans", "Noto-Sans-CJK-SC"), ("fr", "")],
)
def test_certificate_pdf_uses_the_fonts_of_the_learners_language(language, font, tmp_path):
    user = UserFactory(preferred_language=language, full_name="Amina")
    enrolment = EnrolmentFactory(
        user=user, course__title_en="Course", course__title_ar="دورة", course__title_zh_hans="课程"
    )
    enrolment.completed_at = timezone.now()
    enrolment.save()
    certificate = services.issue_certificate(enrolment)

    pdf = render_certificate_pdf(certificate)

    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run([PDFFONTS, str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603
    assert pdf.startswith(b"%PDF")
    assert font in fonts
