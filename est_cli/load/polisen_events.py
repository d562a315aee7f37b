"""Reading saved polisen.se events: a JSON array (the API's answer) or JSON Lines (an archive
of the feed), each event at its line so a problem can point at it.

An event's own time is in its `name` ("26 september 14:21, Stöld, Oxelösund"), without a
year; `datetime` is when the police published it. The year comes from `datetime`, so an
event named "31 december 23:40" and published on New Year's night lies in the year before.
Archives are not always tidy ("2026-01-18 6:27:31 +01:00", "14.21"); both are read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from est_cli.errors import N_, Problem, Text, printable
from est_cli.load.dates import MONTHS
from est_cli.load.jsontext import json_reason

_NAME_TIME = re.compile(
    r"^\s*(?P<d>\d{1,2})\s+(?P<mon>[a-zåäö]+)\.?\s+(?:kl\.?\s*)?(?P<h>\d{1,2})[:.](?P<m>\d{2})\b",
    re.I,
)
_PUBLISHED = re.compile(
    r"^\s*(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})[T\s]+(?P<h>\d{1,2}):(?P<m>\d{2})"
    r"(?::(?P<s>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?\s*$",
    re.I,
)


@dataclass(frozen=True)
class Event:
    """One event as read: where it is, and its fields (None where missing)."""

    file: str
    line: int
    id: str
    type: str
    location: str | None  # location.name: the municipality until 2026, the county since
    named: str | None  # the place at the end of `name` ("…, Misshandel, Norrköping")
    summary: str
    url: str
    occurred: datetime | None  # local wall-clock time, without a zone
    published: datetime | None  # `datetime`: when the police published it, local time
    from_name: bool  # the time came from `name`; else from `datetime`


def read_events(rel: str, raw: bytes, zone: str) -> tuple[list[Event], list[Problem]]:
    """The events of one file and its problems; a file that is not JSON gives one fatal
    problem at the position where it stops being JSON, and no events."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        why = N_("the file is not UTF-8 (byte %(byte)s)", byte=exc.start + 1)
        return [], [_fatal(rel, line, None, why)]
    items: list[tuple[int, object]] = []
    problems: list[Problem] = []
    start = len(text) - len(text.lstrip())
    if start == len(text):
        return [], [_fatal(rel, None, None, N_("the file is empty"))]
    if text[start] == "[":
        try:
            items = list(_array(text, start))
        except json.JSONDecodeError as exc:
            problems.append(_fatal(rel, exc.lineno, exc.colno, _why(exc)))
    else:
        for n, row in enumerate(text.splitlines(), start=1):
            if not row.strip():
                continue
            try:
                items.append((n, json.loads(row)))
            except json.JSONDecodeError as exc:
                problems.append(_fatal(rel, n, exc.colno, _why(exc)))
    if problems:
        return [], problems
    events: list[Event] = []
    tz = ZoneInfo(zone)
    for line, item in items:
        event = _event(rel, line, item, tz, problems)
        if event is not None:
            events.append(event)
    return events, problems


def _array(text: str, at: int) -> Iterator[tuple[int, object]]:
    """The items of a JSON array with the line each starts on."""
    decoder = json.JSONDecoder()
    i = _skip(text, at + 1)
    if text.startswith("]", i):
        _end(text, i + 1)
        return
    while True:
        item, end = decoder.raw_decode(text, i)
        yield text.count("\n", 0, i) + 1, item
        i = _skip(text, end)
        if text.startswith(",", i):
            i = _skip(text, i + 1)
        elif text.startswith("]", i):
            _end(text, i + 1)
            return
        else:
            raise json.JSONDecodeError("Expecting ',' or ']' after an event", text, i)


def _end(text: str, i: int) -> None:
    if text[i:].strip():
        raise json.JSONDecodeError("Extra data after the array", text, _skip(text, i))


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _why(exc: json.JSONDecodeError) -> Text:
    return N_(
        "not valid JSON: %(reason)s; expected a JSON array of events as polisen.se's "
        "/api/events gives it, or JSON Lines (one event a line)",
        reason=json_reason(exc),
    )


def _fatal(rel: str, line: int | None, col: int | None, message: str) -> Problem:
    return Problem(rel, line, col, None, message, code="bad-json", fatal=True)


def _event(
    rel: str, line: int, item: object, tz: ZoneInfo, problems: list[Problem]
) -> Event | None:
    def warn(fld: str | None, message: str, code: str) -> None:
        problems.append(Problem(rel, line, None, fld, message, severity="warning", code=code))

    if not isinstance(item, dict):
        found = type(item).__name__
        warn(
            None, N_("expected an event (a JSON object), found %(found)s", found=found), "bad-event"
        )
        return None
    ident = item.get("id")
    if isinstance(ident, bool) or not isinstance(ident, int | str) or not str(ident).strip():
        warn("id", N_("the event has no id; it is not imported"), "missing-field")
        return None
    kind = item.get("type")
    if not isinstance(kind, str) or not kind.strip():
        warn("type", N_("event %(id)s has no type; it is not imported", id=ident), "missing-field")
        return None
    location = item.get("location")
    place = location.get("name") if isinstance(location, dict) else None
    name, published = item.get("name"), item.get("datetime")
    occurred, from_name = event_time(
        name if isinstance(name, str) else "",
        published if isinstance(published, str) else "",
        tz,
    )
    if occurred is None:
        warn(
            "datetime",
            N_(
                "event %(id)s: no time in its name (%(name)s) and its datetime %(datetime)s is "
                "not a date like 2026-01-18 06:27:31 +01:00; it is not imported",
                id=ident,
                name=repr(printable(str(name))),
                datetime=repr(printable(str(published))),
            ),
            "bad-date",
        )
        return None
    summary, url = item.get("summary"), item.get("url")
    return Event(
        rel,
        line,
        str(ident).strip(),
        kind,
        place.strip() if isinstance(place, str) and place.strip() else None,
        named_place(name) if isinstance(name, str) else None,
        " ".join(summary.split()) if isinstance(summary, str) else "",
        url.strip() if isinstance(url, str) else "",
        occurred,
        published_time(published, tz) if isinstance(published, str) else None,
        from_name,
    )


def named_place(name: str) -> str | None:
    """The place an event's name ends in: '12 februari 21.40, Misshandel, Norrköping' →
    'Norrköping'; None when the name has no time, type and place parts."""
    parts = name.split(",")
    place = " ".join(parts[-1].split()) if len(parts) >= 3 else ""
    return place or None


def published_time(text: str, tz: ZoneInfo) -> datetime | None:
    """`datetime` as local wall-clock time: '2026-01-18 6:27:31 +01:00' → 06:27:31."""
    m = _PUBLISHED.match(text)
    if not m:
        return None
    try:
        stamp = datetime(
            int(m["y"]), int(m["mo"]), int(m["d"]), int(m["h"]), int(m["m"]), int(m["s"] or 0)
        )
    except ValueError:
        return None
    offset = m["tz"]
    if offset:
        if offset.upper() == "Z":
            zone = UTC
        else:
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        stamp = stamp.replace(tzinfo=zone).astimezone(tz).replace(tzinfo=None)
    return stamp


def event_time(name: str, published: str, tz: ZoneInfo) -> tuple[datetime | None, bool]:
    """The event's local time and whether it came from `name`: the day and time `name`
    gives, in the year (of the one before, the same or the one after `datetime`'s) that
    lies closest to when it was published; else `datetime` itself."""
    when = published_time(published, tz)
    m = _NAME_TIME.match(name)
    month = MONTHS.get(m["mon"].casefold()) if m else None
    if m and month is not None and when is not None:
        found = []
        for year in (when.year - 1, when.year, when.year + 1):
            try:
                found.append(datetime(year, month, int(m["d"]), int(m["h"]), int(m["m"])))
            except ValueError:
                continue
        if found:
            return min(found, key=lambda c: abs(c - when)), True
    return when, False
