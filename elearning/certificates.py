"""Certificates as PDF, in the learner's language, verified on a public page by their code."""

from __future__ import annotations

from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from elearning.models import Certificate

STYLESHEET = Path(__file__).parent / "certificate_assets" / "certificate.css"


def verification_url(certificate: Certificate, *, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("elearning:verify_code", args=[certificate.code])


def render_certificate_pdf(certificate: Certificate) -> bytes:
    # Imported here: WeasyPrint logs while it loads its stylesheets, which every other page can do without.
    from weasyprint import CSS, HTML  # noqa: PLC0415

    user = certificate.enrolment.user
    language = user.preferred_language
    url = verification_url(certificate, language=language)
    with translation.override(language):
        html = render_to_string(
            "elearning/certificate/certificate.html",
            {
                "certificate": certificate,
                "course": certificate.enrolment.course,
                "holder": user.full_name,
                "url": url,
                "qr": segno.make(url, error="m").svg_data_uri(dark="#0b5c96", scale=3),
                "LANGUAGE_CODE": language,
                "LANGUAGE_BIDI": translation.get_language_bidi(),
            },
        )
        return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
