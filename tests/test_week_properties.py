"""Property tests: however incidents fall, every breakdown adds up to the week's row count."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.frame import incident_frame
from est_cli.aggregate.weekly import weekly_figures
from est_cli.models.incident import Incident
from est_cli.models.settings import Weekly
from est_cli.periods import IsoWeek

WEEK = IsoWeek(2021, 1)  # spans the new year: 4–10 January 2021, after week 53 of 2020
START = datetime(2020, 11, 2)  # 2020-W45, so every comparison week is covered
AREAS = {"centrum": "Centrum", "ramdal": "Ramdal", "sunda": "Sunda"}
CATEGORIES = {"klotter": "Klotter", "stold": "Stöld", "inbrott": "Inbrott", "ran": "Rån"}

incident = st.tuples(
    st.integers(min_value=0, max_value=(WEEK.end - START).days * 24 * 60 - 1),  # minutes
    st.booleans(),  # has a time
    st.sampled_from(sorted(AREAS)),
    st.sampled_from(sorted(CATEGORIES)),
)


def make(rows):
    out = []
    for n, (minutes, timed, area, cat) in enumerate(rows):
        when = START + timedelta(minutes=minutes)
        if not timed:
            when = when.replace(hour=0, minute=0)
        out.append(
            Incident(
                id=f"i{n}",
                occurred_at=when,
                has_time=timed,
                area=area,
                category=cat,
                source="a.csv",
                line=n + 2,
            )
        )
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(incident, max_size=120))
def test_breakdowns_sum_to_the_weeks_row_count(rows):
    incidents = make(rows)
    expected = sum(1 for i in incidents if WEEK.start <= i.occurred_at < WEEK.end)
    previous = WEEK.shift(-1)
    expected_prev = sum(1 for i in incidents if previous.start <= i.occurred_at < previous.end)
    coverage = Coverage(START.date(), WEEK.sunday)
    f = weekly_figures(incident_frame(incidents), WEEK, coverage, AREAS, CATEGORIES, Weekly())
    assert f.headline.this == expected
    assert sum(r.this for r in f.categories) == expected
    assert sum(r.this for r in f.areas) == expected
    assert sum(d.total for d in f.weekday_time) == expected
    assert sum(f.band_totals) + f.no_time_total == expected
    assert f.trend[-1].total == expected
    assert f.headline.previous == expected_prev
    assert sum(r.previous for r in f.categories) == expected_prev
    assert sum(r.previous for r in f.areas) == expected_prev
    for h in f.hotspots:
        assert h.count >= 3 and h.p_value < 0.01
