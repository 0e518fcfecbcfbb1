"""Reading a review in another language: the extension point through which translations reach its pages.

Reviews know nothing of who translates their texts or how. Another app (``translations``)
registers one provider in its ``AppConfig.ready()``; the reading pages and the exports ask
this module, never that app. With no provider registered every function here answers "the
original": no languages to choose, no choice, an empty overlay. Reviews work alone.

The API (names kept stable; the exports build on them):

- ``register_provider(provider)`` / ``unregister_provider()``: install or remove the one
  provider (a second registration replaces the first; tests unregister).
- ``unit_key(kind, pk, part="text")``: the key of one text unit, the same in every language:
  ``"answer:12:text"``, ``"answer:12:title:0"`` (a citation's title), ``"feedback:3:text"``,
  ``"observation:7:text"``, ``"summary:2:text"``. The provider's overlay uses these keys.
- ``reading_languages(review) -> dict[str, str]``: the languages a reader may read the review
  in besides the original, each with a version token that changes whenever a translated text
  of the review in that language is saved, done, outdated or removed (cache keys hold it).
  One query through the provider; ``{}`` without one.
- ``reading_choice(user, review) -> str``: the language the user chose to read the review in,
  or ``ORIGINAL`` (``""``). A choice of a language the review no longer offers reads as the
  original.
- ``set_reading_choice(user, review, language) -> bool``: remember the user's choice; refused
  (False) for a language the review does not offer. ``ORIGINAL`` is always accepted.
- ``overlay(review, language) -> dict[str, OverlayText]``: unit key → (translated text,
  status) for the units translated into ``language`` and fit to read (status ``DONE`` or
  ``OUTDATED``); units missing from it are not translated yet.
- ``published_translations(summaries) -> dict[int, dict[str, str]]``: for published summaries,
  summary pk → language → its confirmed, up-to-date translation (the public page lists them
  and shows one); one query for any number of summaries, ``{}`` without a provider.
- ``reading_for(user, review, *, language=None) -> Reading``: all of the above for one page:
  the chosen language (or ``language`` when given, e.g. an export asked for one), the choices,
  the version token, and ``Reading.shown(key, original)`` which says what to show for one
  text unit: the original, its translation, or the original because the translation is
  missing, or the translation marked outdated. The overlay is read once, on first use.

Confidentiality is the caller's: these functions assume the user may read the review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Protocol

from django.conf import settings
from django.utils.translation import get_language_info

if TYPE_CHECKING:
    from reviews.models import CountryReview

ORIGINAL = ""
DONE = "done"
OUTDATED = "outdated"

# What Reading.shown says of one text unit.
SHOWN_ORIGINAL = "original"  # the reader reads the original
SHOWN_TRANSLATED = "translated"  # the translation, up to date
SHOWN_MISSING = "missing"  # reading in a translation, but this unit is not translated: the original
SHOWN_OUTDATED = "outdated"  # the translation, made from an earlier text of the original


class OverlayText(NamedTuple):
    text: str
    status: str


class TextOverlayProvider(Protocol):
    """What the translating app supplies. Each method is one query at most."""

    def languages(self, review) -> dict[str, str]:
        """Language → version token, for the languages the review has texts fit to read in."""

    def choice(self, user, review) -> str:
        """The language the user chose for this review, or ORIGINAL."""

    def choose(self, user, review, language: str) -> None:
        """Remember the user's choice (ORIGINAL or an offered language)."""

    def overlay(self, review, language: str) -> dict[str, OverlayText]:
        """Unit key → text and status (DONE or OUTDATED) of the units translated into the language."""

    def published_translations(self, summaries) -> dict[int, dict[str, str]]:
        """Summary pk → language → text of its done translations that match the summary as published."""


_provider: TextOverlayProvider | None = None


def register_provider(provider: TextOverlayProvider) -> TextOverlayProvider:
    global _provider  # noqa: PLW0603 - the registry is this one slot
    _provider = provider
    return provider


def unregister_provider() -> None:
    global _provider  # noqa: PLW0603 - the registry is this one slot
    _provider = None


def unit_key(kind: str, pk: int, part: str = "text") -> str:
    return f"{kind}:{pk}:{part}"


def reading_languages(review) -> dict[str, str]:
    return _provider.languages(review) if _provider is not None else {}


def reading_choice(user, review, *, languages: dict[str, str] | None = None) -> str:
    if _provider is None or not user.is_authenticated:
        return ORIGINAL
    if languages is None:
        languages = reading_languages(review)
    if not languages:
        return ORIGINAL  # nothing to choose from: no need to ask
    chosen = _provider.choice(user, review)
    return chosen if chosen in languages else ORIGINAL


def set_reading_choice(user, review, language: str) -> bool:
    if _provider is None or (language != ORIGINAL and language not in reading_languages(review)):
        return False
    _provider.choose(user, review, language)
    return True


def overlay(review, language: str) -> dict[str, OverlayText]:
    if _provider is None or language == ORIGINAL:
        return {}
    return _provider.overlay(review, language)


def published_translations(summaries) -> dict[int, dict[str, str]]:
    """The translations of published summaries the public may read; the caller passes published ones only."""
    summaries = list(summaries)
    if _provider is None or not summaries:
        return {}
    return _provider.published_translations(summaries)


def language_name(code: str) -> str:
    """A language's name in itself ("Português", "العربية"), as a reader looks for their own."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return str(dict(settings.LANGUAGES).get(code, code))


def language_label(code: str) -> str:
    """A language's name in the reader's language ("Arabic", "arabe")."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@dataclass(frozen=True)
class Shown:
    """One text unit as the page shows it: the text, its language, and why (a SHOWN_* value)."""

    text: str
    language: str
    state: str
    original: str
    original_language: str

    @property
    def is_translation(self) -> bool:
        return self.state in (SHOWN_TRANSLATED, SHOWN_OUTDATED)


@dataclass
class Reading:
    """How one reader reads one review: in the original or in a translation, and the choices offered."""

    review: CountryReview
    language: str  # ORIGINAL or a language code
    languages: dict[str, str]  # the translations offered, with their version tokens
    _overlay: dict[str, OverlayText] | None = field(default=None, repr=False)

    @property
    def original_language(self) -> str:
        return self.review.working_language

    @property
    def original_name(self) -> str:
        """The original's language, named in the reader's language."""
        return language_label(self.original_language)

    @property
    def choices_name(self) -> str:
        """The language read, named in itself."""
        return language_name(self.language) if self.in_translation else self.original_name

    @property
    def choices(self) -> list[dict[str, str]]:
        """The translations offered, each named in itself so that a reader finds their own."""
        return [{"code": code, "name": language_name(code)} for code in sorted(self.languages)]

    @property
    def in_translation(self) -> bool:
        return self.language != ORIGINAL

    @property
    def version(self) -> str:
        """For cache keys: the language read and the state of its translations."""
        return f"{self.language}:{self.languages.get(self.language, '')}"

    @property
    def overlay(self) -> dict[str, OverlayText]:
        if self._overlay is None:
            self._overlay = overlay(self.review, self.language)
        return self._overlay

    def shown(self, key: str, original: str) -> Shown:
        source = self.original_language
        if not self.in_translation:
            return Shown(original, source, SHOWN_ORIGINAL, original, source)
        found = self.overlay.get(key)
        if found is None:
            return Shown(original, source, SHOWN_MISSING, original, source)
        state = SHOWN_OUTDATED if found.status == OUTDATED else SHOWN_TRANSLATED
        return Shown(found.text, self.language, state, original, source)


def reading_for(user, review, *, language: str | None = None) -> Reading:
    """The reading of the review by this user, or in ``language`` when given (ORIGINAL for the original)."""
    languages = reading_languages(review)
    if language is None:
        language = reading_choice(user, review, languages=languages)
    elif language not in languages:
        language = ORIGINAL
    return Reading(review=review, language=language, languages=languages)
