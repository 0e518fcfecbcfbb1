"""Machine translation drafts from a provider that speaks LibreTranslate's HTTP API.

Off unless ``MACHINE_TRANSLATION_URL`` is set (``provider()`` is then None and nothing in the
interface offers it). A provider only drafts: a person confirms every draft before it counts
as a translation. The API (https://libretranslate.com/docs): ``GET /languages`` lists each
source language with the targets it reaches; ``POST /translate`` takes ``q`` (one text or a
list), ``source``, ``target``, ``format`` ("text" or "html") and ``api_key``, and answers
``{"translatedText": ...}`` (a list for a list), or an error status with ``{"error": ...}``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

# The platform's language codes where LibreTranslate names a language otherwise.
PROVIDER_CODES = {"zh-hans": "zh"}
BATCH = 50  # texts per request: a 300-question section is a few requests, each well under a minute


class MachineTranslationError(Exception):
    """The provider could not draft: unreachable, refused, or it answered something unusable."""


@dataclass(frozen=True)
class Provider:
    url: str
    api_key: str = ""
    timeout: float = 20.0

    def languages(self) -> dict[str, set[str]]:
        """Each source language the provider reads, in the platform's codes, with the targets it reaches."""
        answer = self._call("GET", "/languages")
        if not isinstance(answer, list):
            raise MachineTranslationError(unusable())
        ours = {theirs: code for code, theirs in PROVIDER_CODES.items()}
        return {
            str(ours.get(item["code"], item["code"])): {ours.get(target, target) for target in item.get("targets", [])}
            for item in answer
            if isinstance(item, dict) and "code" in item
        }

    def translate(self, texts: list[str], *, source: str, target: str, html: bool = False) -> list[str]:
        """Drafts of ``texts`` from ``source`` into ``target``, in order; empty texts stay empty."""
        drafts = [""] * len(texts)
        todo = [(index, text) for index, text in enumerate(texts) if text.strip()]
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            payload = {
                "q": [text for _index, text in batch],
                "source": PROVIDER_CODES.get(source, source),
                "target": PROVIDER_CODES.get(target, target),
                "format": "html" if html else "text",
            }
            if self.api_key:
                payload["api_key"] = self.api_key
            answer = self._call("POST", "/translate", payload)
            translated = answer.get("translatedText") if isinstance(answer, dict) else None
            if not isinstance(translated, list) or len(translated) != len(batch):
                raise MachineTranslationError(unusable())
            for (index, _text), draft in zip(batch, translated, strict=True):
                drafts[index] = str(draft)
        return drafts

    def _call(self, method: str, path: str, payload: dict | None = None):
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(  # noqa: S310 - the configured provider's http(s) address
            self.url.rstrip("/") + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as error:
            try:
                message = refusal(error)
            finally:
                error.close()  # the refusal holds the provider's open connection
            raise MachineTranslationError(message) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise MachineTranslationError(_("The translation service cannot be reached; try again later.")) from error
        try:
            return json.loads(body)
        except ValueError as error:
            raise MachineTranslationError(
                _("The translation service answered something it should not have.")
            ) from error


def unusable() -> str:
    return _("The translation service answered something it should not have.")


def refusal(error: urllib.error.HTTPError) -> str:
    """What to tell the translator when the provider refused."""
    if error.code == 429:
        return _("The translation service is busy; try again in a minute.")
    if error.code in (401, 403):
        return _("The translation service refused the platform's key; tell the administrator.")
    try:
        detail = str(json.loads(error.read()).get("error", ""))[:200]
    except (ValueError, AttributeError, OSError):
        detail = ""
    if detail:
        return _("The translation service refused the text: %(detail)s") % {"detail": detail}
    return _("The translation service refused the text (status %(status)s).") % {"status": error.code}


def provider() -> Provider | None:
    """The configured provider, or None: machine translation is off."""
    if not settings.MACHINE_TRANSLATION_URL:
        return None
    return Provider(
        url=settings.MACHINE_TRANSLATION_URL,
        api_key=settings.MACHINE_TRANSLATION_API_KEY,
        timeout=settings.MACHINE_TRANSLATION_TIMEOUT,
    )
