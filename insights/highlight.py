"""Snippets of a found text with the query's words marked: escaped first, then <mark> around each match."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_LENGTH = 240


def _pattern(terms: list[str]) -> re.Pattern | None:
    """The terms, and for long words of alphabetic scripts their stem, so "corruption" marks "corrupt"."""
    pieces = set()
    for term in terms:
        pieces.add(term)
        if len(term) >= 7 and term.isalpha() and not _is_cjk(term):
            pieces.add(term[: len(term) - 3])
    if not pieces:
        return None
    return re.compile("|".join(re.escape(piece) for piece in sorted(pieces, key=len, reverse=True)), re.IGNORECASE)


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= character <= "\u9fff" for character in text)


def snippet(text: str, terms: list[str], *, length: int = SNIPPET_LENGTH) -> SafeString:
    """Up to ``length`` characters of ``text`` around its first match, HTML-escaped, matches in <mark>."""
    pattern = _pattern(terms)
    found = pattern.search(text) if pattern else None
    start = 0
    if found and found.start() > length // 3:
        start = found.start() - length // 3
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space > start - 20 else start
    excerpt = text[start : start + length]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + length < len(text) else ""
    if pattern is None:
        return mark_safe(prefix + escape(excerpt) + suffix)  # noqa: S308 - escaped just before
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(excerpt):
        parts.append(escape(excerpt[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(excerpt[last:]))
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every piece of the text is escaped
