"""What other apps publish beside the review summaries, on the public page of published summaries.

The reviews app knows none of them (the import contracts forbid it): an app registers a
function that returns its published items, newest first, in a small fixed number of queries.
Only what is meant for everyone belongs here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PublishedSection:
    title: str
    items: list[PublishedItem]


@dataclass(frozen=True)
class PublishedItem:
    label: str
    url: str
    published_at: dt.datetime


SectionSource = Callable[[], PublishedSection | None]
_SOURCES: list[SectionSource] = []


def register(source: SectionSource) -> SectionSource:
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def published_sections() -> list[PublishedSection]:
    return [section for source in _SOURCES if (section := source()) is not None]
