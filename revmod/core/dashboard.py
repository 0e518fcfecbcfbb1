"""The dashboard's panels: each business area registers what waits on a person there.

Core knows none of them (the import contracts forbid it): an app registers a function that
takes the request and returns a Panel, or None when it has nothing for that person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


PanelSource = Callable[[HttpRequest], Panel | None]
_SOURCES: list[tuple[int, PanelSource]] = []


def register(order: int) -> Callable[[PanelSource], PanelSource]:
    """Show the panel of this function at ``order`` (lower first)."""

    def decorate(source: PanelSource) -> PanelSource:
        if source not in [known for _order, known in _SOURCES]:
            _SOURCES.append((order, source))
            _SOURCES.sort(key=lambda item: item[0])
        return source

    return decorate


def panels_for(request: HttpRequest) -> list[Panel]:
    return [panel for _order, source in _SOURCES if (panel := source(request)) is not None]
