"""The time zone in which a person reads the times of meetings.

Their own choice when it names a real zone; else the zone of the territory of the State they
represent (from the CLDR data that Babel ships, keyed by ISO 3166 alpha-2: its first zone, or
its capital's when it spans several); else UTC.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from babel.core import get_global

UTC = ZoneInfo("UTC")


@cache
def zone_names() -> tuple[str, ...]:
    """Every zone the server knows, sorted; "localtime" and the like excluded."""
    return tuple(sorted(name for name in available_timezones() if "/" in name or name == "UTC"))


def zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in zone_names()]


def is_valid_zone(name: str) -> bool:
    return name in zone_names()


# CLDR lists a territory's zones alphabetically, not by importance: for the States that span
# several zones, the first one is often a remote place (America/Adak for the United States,
# Africa/Ceuta for Spain). Their capital's zone is the better guess.
CAPITAL_ZONES = {
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CY": "Asia/Nicosia",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei",
    "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty",
    "MH": "Pacific/Majuro",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "US": "America/New_York",
    "UZ": "Asia/Tashkent",
}


def zone_of_territory(iso2: str) -> ZoneInfo | None:
    """The zone of a territory's capital when it spans several, else the first zone CLDR gives; or None."""
    code = (iso2 or "").upper()
    zones = [name for name in get_global("territory_zones").get(code) or [] if is_valid_zone(name)]
    if not zones:
        return None
    capital = CAPITAL_ZONES.get(code, "")
    return ZoneInfo(capital if capital in zones else zones[0])


def zone_of(user) -> ZoneInfo:
    """The zone ``user`` reads times in: theirs, else their State's, else UTC (anonymous visitors too)."""
    name = getattr(user, "time_zone", "") or ""
    if is_valid_zone(name):
        return ZoneInfo(name)
    state = getattr(user, "state", None) if getattr(user, "state_id", None) else None
    if state is not None:
        return zone_of_territory(state.iso2) or UTC
    return UTC


def utc_offset_label(moment: dt.datetime) -> str:
    """The offset of an aware moment: UTC+5:45, UTC, and UTC-5 written with a true minus sign (U+2212)."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
