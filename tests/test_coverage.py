"""The one rule for 'does the data cover this period?'."""

from __future__ import annotations

from datetime import date

from est_cli.aggregate.coverage import END_GRACE_DAYS, Coverage
from est_cli.periods import IsoWeek, Tertial


def test_no_data_covers_nothing() -> None:
    assert not Coverage(None, None).covers(date(2021, 1, 1), date(2021, 1, 2))
    assert Coverage.of([]) == Coverage(None, None)


def test_a_period_must_lie_within_the_data() -> None:
    data = Coverage.of([date(2020, 1, 1), date(2021, 3, 31), date(2020, 6, 1)])
    assert data == Coverage(date(2020, 1, 1), date(2021, 3, 31))
    t1 = Tertial(2021, 1)
    assert not data.covers(t1.first_day, t1.last_day)  # April is missing
    assert data.covers(Tertial(2020, 3).first_day, Tertial(2020, 3).last_day)
    w1 = IsoWeek(2020, 1)  # 30 Dec 2019 – 5 Jan 2020: the data starts on its Wednesday
    assert not data.covers(w1.monday, w1.sunday)
    assert data.covers(IsoWeek(2020, 2).monday, IsoWeek(2020, 2).sunday)


def test_a_quiet_weekend_at_the_end_does_not_hide_the_last_week() -> None:
    week = IsoWeek(2021, 13)  # ends Sunday 4 April 2021
    last_incident = date(2021, 4, 4 - END_GRACE_DAYS)
    assert Coverage(date(2021, 1, 1), last_incident).covers(week.monday, week.sunday)
    assert not Coverage(date(2021, 1, 1), date(2021, 4, 1)).covers(week.monday, week.sunday)
