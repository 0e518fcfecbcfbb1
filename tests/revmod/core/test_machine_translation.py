"""The machine-translation client against a small server that speaks LibreTranslate's HTTP API."""

from __future__ import annotations

import pytest
from django.utils import translation

from revmod.core import machine_translation
from revmod.core.machine_translation import BATCH, MachineTranslationError, Provider
from tests.libretranslate import LibreTranslate, running_service


@pytest.fixture
def service():
    with running_service() as address:
        yield address


def test_without_an_address_machine_translation_is_off(settings):
    settings.MACHINE_TRANSLATION_URL = ""
    assert machine_translation.provider() is None


def test_the_configured_provider_carries_address_key_and_timeout(settings):
    settings.MACHINE_TRANSLATION_URL = "https://mt.example.org"
    settings.MACHINE_TRANSLATION_API_KEY = "k"
    settings.MACHINE_TRANSLATION_TIMEOUT = 7
    assert machine_translation.provider() == Provider("https://mt.example.org", "k", 7)


def test_languages_come_in_the_platforms_codes(service):
    languages = Provider(service, "secret-key").languages()
    assert languages["en"] == {"ar", "fr", "pt", "zh-hans"}
    assert languages["zh-hans"] == {"en"}


def test_texts_are_drafted_in_order_with_empty_ones_left_empty_and_sent_in_batches(service):
    texts = [f"Answer {n}" if n % 7 else "  " for n in range(BATCH + 10)]
    drafts = Provider(service, "secret-key").translate(texts, source="en", target="zh-hans")

    assert drafts == [f"[zh] Answer {n}" if n % 7 else "" for n in range(BATCH + 10)]
    not_empty = sum(1 for n in range(BATCH + 10) if n % 7)  # 51: the empty ones are never sent
    assert [len(request["q"]) for request in LibreTranslate.requests] == [BATCH, not_empty - BATCH]
    assert {(r["source"], r["target"], r["format"], r["api_key"]) for r in LibreTranslate.requests} == {
        ("en", "zh", "text", "secret-key")
    }


def test_html_texts_are_sent_as_html(service):
    Provider(service, "secret-key").translate(["<p>Law</p>"], source="en", target="fr", html=True)
    assert LibreTranslate.requests[0]["format"] == "html"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((429, b'{"error": "Too many requests"}'), "busy"),
        ((403, b'{"error": "Invalid API key"}'), "key"),
        ((400, b'{"error": "xx is not supported"}'), "refused the text: xx is not supported"),
        ((500, b"<html>oops</html>"), "status 500"),
        ((200, b"not json"), "answered something it should not have"),
        ((200, b'{"translatedText": ["only one"]}'), "answered something it should not have"),
    ],
)
def test_a_refusal_or_a_wrong_answer_is_a_clear_error(service, answer, message):
    LibreTranslate.answer = answer
    with pytest.raises(MachineTranslationError, match=message):
        Provider(service, "secret-key").translate(["one", "two"], source="en", target="fr")


def test_a_refusal_leaves_no_connection_open(service):
    LibreTranslate.answer = (400, b'{"error": "xx is not supported"}')
    with pytest.raises(MachineTranslationError) as raised:
        Provider(service, "secret-key").translate(["one"], source="en", target="fr")
    refused = raised.value.__cause__
    assert refused.fp is None or refused.fp.closed  # the provider's answer was read and closed


def test_the_error_speaks_the_translators_language(service):
    LibreTranslate.answer = (429, b"{}")
    with translation.override("fr"), pytest.raises(MachineTranslationError) as raised:
        Provider(service, "secret-key").translate(["one"], source="en", target="fr")
    assert "service de traduction" in str(raised.value)


def test_an_unreachable_service_is_a_clear_error():
    with pytest.raises(MachineTranslationError, match="cannot be reached"):
        Provider("http://127.0.0.1:9", timeout=2).translate(["one"], source="en", target="fr")
