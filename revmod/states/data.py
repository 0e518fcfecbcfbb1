"""The list of member States, read from ``data/member_states.csv``.

Names come from the CLDR through Babel for every language of the product, so no
country name is typed by hand and each follows the usage of its language.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pycountry
from babel import Locale
from django.conf import settings
from django.utils.translation import to_locale

DATA_FILE = Path(__file__).parent / "data" / "member_states.csv"


def babel_locale(language_code: str) -> Locale:
    """Django's language code ('zh-hans') as a Babel locale ('zh_Hans')."""
    return Locale.parse(to_locale(language_code))


@cache
def member_state_rows() -> tuple[dict, ...]:
    """One dict per State: codes, regional group, party flags and names per language."""
    lines = [line for line in DATA_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    locales = {code: babel_locale(code) for code, _name in settings.LANGUAGES}
    rows = []
    for record in csv.DictReader(lines):
        country = pycountry.countries.get(alpha_3=record["iso3"])
        if country is None:
            raise ValueError(f"{DATA_FILE.name}: {record['iso3']} is not an ISO 3166 alpha-3 code")
        names = {code: locale.territories.get(country.alpha_2) or country.name for code, locale in locales.items()}
        rows.append(
            {
                "iso3": record["iso3"],
                "iso2": country.alpha_2,
                "regional_group": record["group"],
                "party_untoc": record["untoc"] == "1",
                "party_tip": record["tip"] == "1",
                "party_som": record["som"] == "1",
                "party_firearms": record["firearms"] == "1",
                "names": names,
            }
        )
    return tuple(rows)
