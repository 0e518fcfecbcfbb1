"""The machine-translation client against a small server that speaks LibreTranslate's HTTP API."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import translation

from revmod.core import machine_translation
from revmod.core.machine_translation import BATCH, MachineTranslationError, Provider

LANGUAGES = [
    {"code": "ar", "name": "Arabic", "targets": ["en", "pt"]},
    {"code": "en", "name": "English", "targets": ["ar", "fr", "pt", "zh"]},
    {"code": "zh", "name": "Chinese", "targets": ["en"]},
]


class LibreTranslate(BaseHTTPRequestHandler):
    """Translates by tagging each text with its target, as the real service would change it."""

    requests: list[dict] = []
    answer: tuple[int, bytes] | None = None  # a canned answer instead of a translation
    key = "secret-key"

    def log_message(self, *args) -> None:  # quiet
        pass

    def reply(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/languages":
            self.reply(200, json.dumps(LANGUAGES).encode())
        else:
            self.reply(404, b'{"error": "Not Found"}')

    def do_POST(self) -> None:
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(payload)
        if type(self).answer is not None:
            self.reply(*type(self).answer)
            return
        if payload.get("api_key") != self.key:
            self.reply(403, b'{"error": "Invalid API key"}')
            return
        if payload["target"] not in {"ar", "fr", "pt", "zh", "en"}:
            self.reply(400, json.dumps({"error": f"{payload['target']} is not supported"}).encode())
            return
        texts = payload["q"]
        translated = [f"[{payload['target']}] {text}" for text in texts]
        self.reply(200, json.dumps({"translatedText": translated}).encode())


@pytest.fixture
def service():
    LibreTranslate.requests, LibreTranslate.answer = [], None
    server = ThreadingHTTPServer(("127.0.0.1", 0), LibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


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
