"""Dates and times as Swedish exports and spreadsheets write them.

Accepted dates: 2021-03-14, 2021/03/14, 20210314, 14/3/2021, 14.3.2021 (day first, as
in Sweden), 14 mars 2021 (also 'den 14 mars 2021', 'sön 14 mars 2021'), and Excel serial
numbers (44269). A time may follow the date ('2021-03-14 18:30', '2021-03-14T18:30:00',
'2021-03-14 kl. 18.30', with an optional offset like '+01:00' or 'Z') or come from its own
column ('18:30', '18.30', '1830', 'kl 18').
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from est_cli.errors import N_, Text

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augusti": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_WEEKDAY = r"(?:(?:mån|tis|ons|tors|tor|fre|lör|sön)(?:dag(?:en)?)?\.?,?\s+)?"
_TIME = (
    r"(?:(?:[T\s]+|\s*,\s*)(?:kl\.?\s*)?(?P<h>\d{1,2})(?:[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2})"
    r"(?:[.,]\d+)?)?)?(?P<tz>\s*(?:Z|[+-]\d{2}:?\d{2}))?)?"
)
_DATE_FORMS = [
    re.compile(r"^(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})" + _TIME + r"$", re.I),
    re.compile(r"^(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})" + _TIME + r"$", re.I),
    re.compile(r"^(?P<d>\d{1,2})[/.](?P<mo>\d{1,2})[/.](?P<y>\d{4})" + _TIME + r"$", re.I),
    re.compile(
        r"^"
        + _WEEKDAY
        + r"(?:den\s+)?(?P<d>\d{1,2})\s+(?P<mon>[a-zåäö]+)\.?\s+(?P<y>\d{4})"
        + _TIME
        + r"$",
        re.I,
    ),
]
_SERIAL = re.compile(r"^(?P<n>\d{5})(?:[.,](?P<f>\d+))?$")
_TIME_ONLY = re.compile(
    r"^(?:kl\.?\s*)?(?P<h>\d{1,2})(?:[:.]?(?P<m>\d{2})(?:[:.](?P<s>\d{2})(?:[.,]\d+)?)?)?$", re.I
)
_EXCEL_EPOCH = date(1899, 12, 30)

EXPECTED = N_("a date like 2026-03-14, 2026-03-14 18:30, 14/3/2026 or 14 mars 2026")
EXPECTED_TIME = N_("a time like 18:30, 18.30 or 1830")


class DateParseError(ValueError):
    """Text that is not a date or time in any accepted form; `text` says why."""

    def __init__(self, text: Text):
        super().__init__(text)
        self.text = text


def _clock(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def _hms(h: str | None, m: str | None, s: str | None) -> time:
    hour, minute, second = int(h or 0), int(m or 0), int(s or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateParseError(N_("%(time)s is not a time of day", time=_clock(hour, minute)))
    return time(hour, minute, second)


def _offset(text: str) -> timezone:
    text = text.strip()
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


@lru_cache(maxsize=65536)
def parse_datetime(text: str, zone: str = "Europe/Stockholm") -> tuple[datetime, bool]:
    """Parse a date with optional time; return naive local wall time and whether a time was given.

    Timestamps with an explicit offset are converted to the workspace's zone.
    """
    raw = " ".join(text.split())
    if not raw:
        raise DateParseError(N_("the date is empty"))
    serial = _SERIAL.match(raw)
    if serial:
        day = _EXCEL_EPOCH + timedelta(days=int(serial["n"]))
        if not 1990 <= day.year <= 2100:
            raise DateParseError(N_("'%(value)s' is not a plausible date", value=text))
        fraction = float("0." + serial["f"]) if serial["f"] else None
        if fraction is None:
            return datetime.combine(day, time()), False
        seconds = round(fraction * 86400)
        return datetime.combine(day, time()) + timedelta(seconds=min(seconds, 86399)), True
    for form in _DATE_FORMS:
        m = form.match(raw)
        if not m:
            continue
        parts = m.groupdict()
        if parts.get("mon") is not None:
            month = MONTHS.get(parts["mon"].lower())
            if month is None:
                raise DateParseError(N_("'%(value)s' is not a month name", value=parts["mon"]))
        else:
            month = int(parts["mo"])
        try:
            day = date(int(parts["y"]), month, int(parts["d"]))
        except ValueError:
            raise DateParseError(N_("'%(value)s' is not a real date", value=text)) from None
        if parts.get("h") is None:
            return datetime.combine(day, time()), False
        when = datetime.combine(day, _hms(parts["h"], parts["m"], parts["s"]))
        if parts.get("tz"):
            try:
                when = when.replace(tzinfo=_offset(parts["tz"]))
                when = when.astimezone(ZoneInfo(zone)).replace(tzinfo=None, fold=0)
            except (ValueError, OverflowError):
                raise DateParseError(
                    N_("'%(value)s' has an impossible time zone offset", value=text)
                ) from None
        return when, True
    raise DateParseError(N_("'%(value)s' is not a date", value=text))


@lru_cache(maxsize=4096)
def parse_time(text: str) -> time | None:
    """A time-of-day column; empty means 'no time recorded'."""
    raw = text.strip()
    if not raw:
        return None
    m = _TIME_ONLY.match(raw)
    if not m:
        raise DateParseError(N_("'%(value)s' is not a time", value=text))
    return _hms(m["h"], m["m"], m["s"])
