"""A meeting's time as each reader sees it: in their own zone and in UTC, in their language's formats."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone_location
from django.utils import formats
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from revmod.accounts.time_zones import utc_offset_label


@dataclass(frozen=True)
class ShownTime:
    """One moment, written for one reader: "Tue 2 March 2027, 09:00 (Lima, UTC-5) — 14:00 UTC"."""

    moment: dt.datetime  # aware, UTC
    local: str
    zone: str
    utc: str

    @property
    def iso(self) -> str:
        return self.moment.isoformat()

    def __str__(self) -> str:
        if not self.zone:
            return self.utc
        return _("%(local)s (%(zone)s) — %(utc)s") % {"local": self.local, "zone": self.zone, "utc": self.utc}


def _written(moment: dt.datetime) -> str:
    return _("%(weekday)s %(date)s, %(time)s") % {
        "weekday": formats.date_format(moment, "D"),
        "date": formats.date_format(moment, "DATE_FORMAT"),
        "time": formats.time_format(moment, "TIME_FORMAT"),
    }


def zone_name(zone: ZoneInfo, moment: dt.datetime) -> str:
    """The zone's city in the reader's language, with the offset at that moment: "Katmandou, UTC+5:45"."""
    try:
        locale = Locale.parse(to_locale(get_language() or "en"))
        city = get_timezone_location(zone, locale=locale, return_city=True)
    except (UnknownLocaleError, ValueError, LookupError):
        city = str(zone.key).rsplit("/", 1)[-1].replace("_", " ")
    return f"{city}, {utc_offset_label(moment.astimezone(zone))}"


def shown(moment: dt.datetime, zone: ZoneInfo) -> ShownTime:
    """``moment`` in ``zone`` and in UTC; the UTC part repeats the date only when it is another day."""
    utc = moment.astimezone(dt.UTC)
    if str(zone.key) in ("UTC", "Etc/UTC"):
        return ShownTime(moment=utc, local="", zone="", utc=_("%(moment)s UTC") % {"moment": _written(utc)})
    local = moment.astimezone(zone)
    if local.date() == utc.date():
        utc_text = _("%(time)s UTC") % {"time": formats.time_format(utc, "TIME_FORMAT")}
    else:
        utc_text = _("%(moment)s UTC") % {"moment": _written(utc)}
    return ShownTime(moment=utc, local=_written(local), zone=zone_name(zone, local), utc=utc_text)
