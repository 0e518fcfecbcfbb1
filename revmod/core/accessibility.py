"""The accessibility statement: the WCAG 2.2 level AA criteria the project checks, and how.

Each criterion names the way it is checked; the statement page lists them, and a test holds
the list to the checks that really run (the axe rules' tags, the browser tests named here).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class Check(models.TextChoices):
    AXE = "axe", _("axe-core, on twelve key pages in English and in Arabic, at every run of the tests")
    BROWSER = "browser", _("browser tests that use the pages as a person would: by keyboard, at phone width")
    TESTS = "tests", _("automated tests of the pages' HTML and of each form's errors")
    REVIEW = "review", _("a person, when a page is built or changed")


@dataclass(frozen=True)
class Criterion:
    number: str
    name: _StrPromise  # translated when shown
    checks: tuple[Check, ...]


CRITERIA = (
    Criterion("1.1.1", _("Non-text content"), (Check.AXE,)),
    Criterion("1.3.1", _("Info and relationships"), (Check.AXE, Check.REVIEW)),
    Criterion("1.4.3", _("Contrast (minimum)"), (Check.AXE,)),
    Criterion("1.4.4", _("Resize text"), (Check.REVIEW,)),
    Criterion("1.4.10", _("Reflow"), (Check.BROWSER,)),
    Criterion("2.1.1", _("Keyboard"), (Check.BROWSER, Check.REVIEW)),
    Criterion("2.4.1", _("Bypass blocks"), (Check.AXE, Check.TESTS)),
    Criterion("2.4.2", _("Page titled"), (Check.AXE,)),
    Criterion("2.4.7", _("Focus visible"), (Check.REVIEW,)),
    Criterion("2.4.11", _("Focus not obscured (minimum)"), (Check.REVIEW,)),
    Criterion("2.5.8", _("Target size (minimum)"), (Check.AXE,)),
    Criterion("3.1.1", _("Language of page"), (Check.AXE, Check.TESTS)),
    Criterion("3.1.2", _("Language of parts"), (Check.TESTS, Check.REVIEW)),
    Criterion("3.3.1", _("Error identification"), (Check.TESTS,)),
    Criterion("3.3.2", _("Labels or instructions"), (Check.AXE,)),
    Criterion("4.1.2", _("Name, role, value"), (Check.AXE,)),
    Criterion("4.1.3", _("Status messages"), (Check.TESTS, Check.REVIEW)),
)
