"""Dates and times as exports write them: every accepted form parses back to the value it
was written from, and no text makes the parser fail with anything but DateParseError."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from est_cli.load.dates import DateParseError, parse_datetime, parse_time

SV_MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip
SV_SHORT = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
WEEKDAYS = ["mån", "tis", "ons", "tors", "fre", "lör", "sön"]
EXCEL_EPOCH = date(1899, 12, 30)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
excel_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
minutes = st.times().map(lambda t: t.replace(second=0, microsecond=0))
seconds = st.times().map(lambda t: t.replace(microsecond=0))
space = st.sampled_from([" ", "  ", "\t", " \t "])


def at(d: date, t: time) -> datetime:
    return datetime.combine(d, t)


DATE_ONLY = {
    "iso": lambda d: d.isoformat(),
    "iso-slash": lambda d: f"{d:%Y/%m/%d}",
    "compact": lambda d: f"{d:%Y%m%d}",
    "d/m/yyyy": lambda d: f"{d.day}/{d.month}/{d.year}",
    "dd/mm/yyyy": lambda d: f"{d:%d/%m/%Y}",
    "d.m.yyyy": lambda d: f"{d.day}.{d.month}.{d.year}",
    "d månad yyyy": lambda d: f"{d.day} {SV_MONTHS[d.month - 1]} {d.year}",
    "d MÅNAD yyyy": lambda d: f"{d.day} {SV_MONTHS[d.month - 1].upper()} {d.year}",
    "d mån. yyyy": lambda d: f"{d.day} {SV_SHORT[d.month - 1]}. {d.year}",
    "den d månad yyyy": lambda d: f"den {d.day} {SV_MONTHS[d.month - 1]} {d.year}",
    "veckodag d månad yyyy": lambda d: (
        f"{WEEKDAYS[d.weekday()]} {d.day} {SV_MONTHS[d.month - 1]} {d.year}"
    ),
}

WITH_TIME = {
    "iso hh:mm": lambda d, t: f"{d} {t:%H:%M}",
    "iso hh:mm:ss": lambda d, t: f"{d} {t:%H:%M:%S}",
    "iso hh.mm": lambda d, t: f"{d} {t:%H.%M}",
    "iso T": lambda d, t: f"{d}T{t:%H:%M:%S}",
    "iso kl.": lambda d, t: f"{d} kl. {t:%H.%M}",
    "compact hh:mm": lambda d, t: f"{d:%Y%m%d} {t:%H:%M}",
    "d/m/yyyy hh:mm": lambda d, t: f"{d.day}/{d.month}/{d.year} {t:%H:%M}",
    "d.m.yyyy hh.mm": lambda d, t: f"{d.day}.{d.month}.{d.year} {t:%H.%M}",
    "d månad yyyy kl hh.mm": lambda d, t: f"{d.day} {SV_MONTHS[d.month - 1]} {d.year} kl {t:%H.%M}",
    "excel sheet d/m/yyyy, hh:mm": lambda d, t: f"{d.day}/{d.month}/{d.year}, {t:%H:%M}",
}


@pytest.mark.parametrize("form", list(DATE_ONLY))
@given(d=dates)
def test_date_forms_round_trip(form: str, d: date) -> None:
    assert parse_datetime(DATE_ONLY[form](d)) == (at(d, time()), False)


@pytest.mark.parametrize("form", list(WITH_TIME))
@given(d=dates, t=minutes)
def test_date_time_forms_round_trip(form: str, d: date, t: time) -> None:
    assert parse_datetime(WITH_TIME[form](d, t)) == (at(d, t), True)


@given(d=dates, t=seconds)
def test_seconds_are_kept(d: date, t: time) -> None:
    assert parse_datetime(f"{d}T{t:%H:%M:%S}") == (at(d, t), True)
    assert parse_datetime(f"{d} {t:%H:%M:%S}.250") == (at(d, t), True)


@given(d=dates, t=minutes, before=space, after=space, between=space)
def test_surrounding_and_repeated_whitespace(
    d: date, t: time, before: str, after: str, between: str
) -> None:
    assert parse_datetime(f"{before}{d}{between}{t:%H:%M}{after}") == (at(d, t), True)


@given(d=excel_dates)
def test_excel_serial_days(d: date) -> None:
    assert parse_datetime(str((d - EXCEL_EPOCH).days)) == (at(d, time()), False)


@given(d=excel_dates, t=minutes, mark=st.sampled_from([".", ","]))
def test_excel_serial_with_time_fraction(d: date, t: time, mark: str) -> None:
    serial = (d - EXCEL_EPOCH).days + (t.hour * 60 + t.minute) / 1440
    text = f"{serial:.10f}".replace(".", mark)
    assert parse_datetime(text) == (at(d, t), True)


@given(
    when=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(
        lambda w: w.replace(microsecond=0)
    ),
    offset=st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_offsets_convert_to_workspace_local_time(when: datetime, offset: int) -> None:
    aware = when.replace(tzinfo=timezone(timedelta(minutes=offset)))
    expected = aware.astimezone(ZoneInfo("Europe/Stockholm")).replace(tzinfo=None, fold=0)
    parsed, has_time = parse_datetime(aware.isoformat())
    assert (parsed, has_time) == (expected, True)
    assert parsed.tzinfo is None and parsed.fold == 0
    # and in another zone
    other = aware.astimezone(ZoneInfo("America/New_York")).replace(tzinfo=None, fold=0)
    assert parse_datetime(aware.isoformat(), "America/New_York")[0] == other


@given(when=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))
def test_utc_z_suffix(when: datetime) -> None:
    when = when.replace(microsecond=0)
    text = f"{when:%Y-%m-%dT%H:%M:%S}Z"
    expected = when.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Stockholm"))
    assert parse_datetime(text)[0] == expected.replace(tzinfo=None, fold=0)


@given(t=minutes)
def test_time_column_forms(t: time) -> None:
    for text in (f"{t:%H:%M}", f"{t:%H.%M}", f"{t:%H%M}", f"kl {t:%H.%M}", f" {t:%H:%M} "):
        assert parse_time(text) == t, text
    assert parse_time(f"{t.hour}") == t.replace(minute=0)


def test_empty_time_means_no_time() -> None:
    assert parse_time("") is None
    assert parse_time("   ") is None


@pytest.mark.parametrize(
    "text",
    ["", "   ", "igår", "2021-02-29", "2021-13-01", "32/1/2021", "14 smarts 2021",
     "2021-03-14 24:00", "2021-03-14 12:60", "12345", "99999", "2021-03-14T12:00+25:00",
     "0000-01-01", "14/3/21"],
)  # fmt: skip
def test_not_dates(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_datetime(text)


@pytest.mark.parametrize("text", ["25:00", "12:61", "kvart över", "1:2:3", "-1"])
def test_not_times(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_time(text)


NEAR_DATES = st.text(alphabet="0123456789-/.:,+ TZkl", max_size=30)


@given(text=st.one_of(st.text(max_size=40), NEAR_DATES))
@example("9999-12-31T23:59:59-14:00")
@example("0001-01-01T00:00:00+14:00")
@example("2021-03-14T12:00+99:99")
@example("2021-03-14 12:00:00,")
def test_garbage_never_crashes(text: str) -> None:
    try:
        parsed, has_time = parse_datetime(text)
    except DateParseError:
        return
    assert isinstance(parsed, datetime) and parsed.tzinfo is None
    assert isinstance(has_time, bool)


@given(text=st.one_of(st.text(max_size=20), st.text(alphabet="0123456789:.kl ", max_size=12)))
def test_garbage_time_never_crashes(text: str) -> None:
    try:
        result = parse_time(text)
    except DateParseError:
        return
    assert result is None or isinstance(result, time)
