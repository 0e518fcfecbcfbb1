"""A small server that speaks LibreTranslate's HTTP API, for the tests of machine translation."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


@contextmanager
def running_service() -> Iterator[str]:
    """The server's address while it runs, with its record of requests and canned answer reset."""
    LibreTranslate.requests, LibreTranslate.answer = [], None
    server = ThreadingHTTPServer(("127.0.0.1", 0), LibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
