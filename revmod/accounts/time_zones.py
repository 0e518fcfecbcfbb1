"""The time zone in which a person reads the times of meetings.

Their own choice when it names a real zone; else the first zone of the territory of the State
they represent (from the CLDR data that Babel ships, keyed by ISO 3166 alpha-2); else UTC.
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


def zone_of_territory(iso2: str) -> ZoneInfo | None:
    """The first zone CLDR gives for a territory (its capital's, usually), or None."""
    zones = get_global("territory_zones").get((iso2 or "").upper()) or []
    for name in zones:
        if is_valid_zone(name):
            return ZoneInfo(name)
    return None


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
