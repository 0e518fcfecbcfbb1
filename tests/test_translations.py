"""Every interface string is translated into the six other languages, for real."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils.translation import to_locale

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]


def catalogue(language: str):
    path = LOCALE_DIR / to_locale(language) / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=to_locale(language))


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_has_every_string_translated_and_nothing_fuzzy(language):
    messages = [message for message in catalogue(language) if message.id]

    untranslated = [
        message.id
        for message in messages
        if not all(message.string if isinstance(message.string, tuple) else [message.string])
    ]
    fuzzy = [message.id for message in messages if message.fuzzy]

    assert messages
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_placeholders_match_the_english(language):
    problems = [(message.id, [str(error) for error in errors]) for message, errors in catalogue(language).check()]

    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_is_not_a_copy_of_the_english(language):
    messages = [message for message in catalogue(language) if message.id and isinstance(message.id, str)]
    copied = [message.id for message in messages if message.string == message.id and len(message.id) > 12]

    # Proper names and codes may stay as they are; sentences may not.
    assert len(copied) <= len(messages) // 50, copied


@pytest.mark.skipif(not shutil.which("xgettext") and not os.environ.get("CI"), reason="needs gettext (CI installs it)")
def test_catalogues_contain_every_string_of_the_code():
    """Extract the strings afresh and compare: a new string without translation fails here."""
    # makemessages writes a file's strings to the first locale path whose parent holds the
    # file, so the scratch copy must sit directly in the project folder.
    work = Path(settings.BASE_DIR) / f".locale-check-{uuid.uuid4().hex[:8]}"
    try:
        shutil.copytree(LOCALE_DIR, work, ignore=shutil.ignore_patterns("*.mo"))
        with override_settings(LOCALE_PATHS=[work]):
            call_command(
                "makemessages",
                locale=["fr"],
                domain="django",
                verbosity=0,
                no_obsolete=True,
                ignore_patterns=[
                    ".venv/*",
                    "tests/*",
                    "staticfiles/*",
                    "test-artifacts/*",
                    "bench-results/*",
                    ".locale-check-*",
                    "locale",
                ],
            )
        with (work / "fr" / "LC_MESSAGES" / "django.po").open("rb") as handle:
            fresh = read_po(handle, locale="fr")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    committed = catalogue("fr")

    missing = sorted(
        str(message.id)
        for message in fresh
        if message.id and committed.get(message.id, context=message.context) is None
    )
    assert missing == []
