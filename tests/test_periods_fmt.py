"""ISO weeks, tertials, and how documents write them in Swedish and English."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from est_cli.errors import UsageError
from est_cli.periods import IsoWeek, Tertial
from est_cli.render.fmt import Formatter

SV, EN = Formatter("sv"), Formatter("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-W47", (2026, 47)), ("2026W47", (2026, 47)), ("47", (2026, 47)), ("w5", (2026, 5))],
)
def test_week_parse(text: str, expected: tuple[int, int]) -> None:
    week = IsoWeek.parse(text, default_year=2026)
    assert (week.year, week.week) == expected


def test_week_53_exists_only_in_long_years() -> None:
    assert IsoWeek(2020, 53).monday == date(2020, 12, 28)
    with pytest.raises(UsageError, match="week 53 does not exist in 2021"):
        IsoWeek.parse("2021-W53", 2021)
    assert IsoWeek(2021, 1).shift(-1) == IsoWeek(2020, 53)
    assert IsoWeek(2020, 53).same_week_last_year() is None  # 2019 had 52 weeks
    assert IsoWeek(2026, 52).shift(1) == IsoWeek(2026, 53)  # 2026 starts on a Thursday
    with pytest.raises(UsageError):
        IsoWeek(2027, 53)


def test_week_boundaries_are_half_open_local_time() -> None:
    week = IsoWeek(2021, 10)
    assert week.start == datetime(2021, 3, 8)
    assert week.end == datetime(2021, 3, 15)
    assert IsoWeek.of(date(2021, 3, 14)) == week  # Sunday belongs to its week
    assert IsoWeek.of(date(2021, 3, 15)) == week.shift(1)


def test_last_complete_week_is_before_today() -> None:
    assert IsoWeek.last_complete(date(2026, 11, 22)) == IsoWeek(2026, 46)  # a Sunday
    assert IsoWeek.last_complete(date(2026, 11, 23)) == IsoWeek(2026, 47)  # the Monday after
    assert IsoWeek.last_complete(date(2021, 1, 4)) == IsoWeek(2020, 53)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_lies_in_its_week_and_tertial(day: date) -> None:
    week, tertial = IsoWeek.of(day), Tertial.of(day)
    assert week.monday <= day <= week.sunday
    assert tertial.first_day <= day <= tertial.last_day
    assert Tertial.parse(tertial.key) == tertial
    assert IsoWeek.parse(week.key, 0) == week


def test_tertials() -> None:
    t1 = Tertial.parse("2021-T1")
    assert (t1.first_day, t1.last_day) == (date(2021, 1, 1), date(2021, 4, 30))
    assert t1.end == datetime(2021, 5, 1)  # 30 April 23:59 is in T1, 1 May 00:00 is not
    assert t1.shift(-1) == Tertial(2020, 3)
    assert Tertial.last_ended(date(2026, 11, 22)) == Tertial(2026, 2)
    assert [t.key for t in Tertial.covering(date(2021, 3, 1), date(2022, 2, 1))] == [
        "2021-T1", "2021-T2", "2021-T3", "2022-T1",
    ]  # fmt: skip
    with pytest.raises(UsageError, match="not a tertial"):
        Tertial.parse("2021-T4")


def test_week_labels_as_swedes_write_them() -> None:
    assert SV.week_label(IsoWeek(2026, 47)) == "Vecka 47, 16–22 november 2026"
    assert SV.week_label(IsoWeek(2026, 49)) == "Vecka 49, 30 november–6 december 2026"
    assert SV.week_label(IsoWeek(2026, 1)) == "Vecka 1, 29 december 2025–4 januari 2026"
    assert EN.week_label(IsoWeek(2026, 47)) == "Week 47, 16–22 November 2026"
    assert SV.week_key("2020-W53") == "v. 53 2020"
    assert EN.week_key("2021-W05") == "w. 5 2021"


def test_numbers_and_periods() -> None:
    nbsp = "\u00a0"
    assert SV.number(1234567) == f"1{nbsp}234{nbsp}567"
    assert EN.number(1234567) == "1,234,567"
    assert SV.number(2.5, 1) == "2,5"
    assert SV.signed(-3) == "−3" and SV.signed(0) == "±0" and SV.signed(4) == "+4"
    assert SV.percent(0.25) == f"+25{nbsp}%"
    assert SV.tertial_period(Tertial(2021, 1)) == "januari–april 2021"
    assert EN.tertial_period(Tertial(2021, 2)) == "May–August 2021"
    assert SV.tertial_ordinal(Tertial(2021, 3)) == "tredje"
    assert SV.join(["Centrum", "Ramdal", "Sunda"]) == "Centrum, Ramdal och Sunda"


@pytest.mark.parametrize("text", ["0000-W01", "9999-W01"])
def test_implausible_years_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError, match="out of range"):
        IsoWeek.parse(text, 2026)
    with pytest.raises(UsageError, match="out of range"):
        Tertial.parse(text.replace("W01", "T3"))
