"""Links that other apps add to a review's page, for the person reading it.

The reviews app knows none of them (the import contracts forbid it): an app registers a
function that takes the request and the review and returns its links, or none; likewise a
whole section of the page, or entries of the review's timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from reviews.models import CountryReview


@dataclass(frozen=True)
class ReviewLink:
    label: str
    url: str
    description: str = ""


LinkSource = Callable[[HttpRequest, CountryReview], list[ReviewLink]]
_SOURCES: list[LinkSource] = []


def register(source: LinkSource) -> LinkSource:
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def links_for(request: HttpRequest, review: CountryReview) -> list[ReviewLink]:
    return [link for source in _SOURCES for link in source(request, review)]


# --- Sections and timeline entries ------------------------------------------------------
# A whole section of the page (meetings, say), rendered from the app's own template, and dated
# entries merged into the review's timeline among its step changes.


@dataclass(frozen=True)
class ReviewSection:
    template: str
    context: dict


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    text: str
    url: str = ""
    shown: str = ""  # how the moment is written for this reader, when not the plain date and time


SectionSource = Callable[[HttpRequest, CountryReview], list[ReviewSection]]
TimelineSource = Callable[[HttpRequest, CountryReview], list[TimelineEntry]]
_SECTION_SOURCES: list[SectionSource] = []
_TIMELINE_SOURCES: list[TimelineSource] = []


def register_section(source: SectionSource) -> SectionSource:
    if source not in _SECTION_SOURCES:
        _SECTION_SOURCES.append(source)
    return source


def register_timeline(source: TimelineSource) -> TimelineSource:
    if source not in _TIMELINE_SOURCES:
        _TIMELINE_SOURCES.append(source)
    return source


def sections_for(request: HttpRequest, review: CountryReview) -> list[ReviewSection]:
    return [section for source in _SECTION_SOURCES for section in source(request, review)]


def timeline_for(request: HttpRequest, review: CountryReview) -> list[TimelineEntry]:
    """The review's step changes (prefetched as ``review.transitions``) and the registered entries, by date."""
    entries = [
        TimelineEntry(
            at=transition.at,
            text=" · ".join(
                part
                for part in (
                    str(transition.get_to_step_display()),
                    transition.by.full_name if transition.by else "",
                    transition.note,
                )
                if part
            ),
        )
        for transition in review.transitions.all()
    ]
    entries += [entry for source in _TIMELINE_SOURCES for entry in source(request, review)]
    return sorted(entries, key=lambda entry: entry.at)
