"""Links that other apps add to a review's page, for the person reading it.

The reviews app knows none of them (the import contracts forbid it): an app registers a
function that takes the request and the review and returns its links, or none.
"""

from __future__ import annotations

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
