"""The monthly follow-up's figures, computed once from the incident frame.

A month is compared with the month before, the same month last year and the mean of the 12
months before it. As in the weekly figures, a period the data does not cover in full has no
figure (None, shown as '–'), never a misleading zero. What rose is judged by the same kind
of rule as the weekly hotspots (`est_cli.aggregate.hotspots`), with the 12 months before as
the baseline, for each category and each area on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from est_cli.aggregate.counts import Span, by_key, by_pair, counts_per_key
from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.frame import between
from est_cli.aggregate.hotspots import FLOOR_EVENTS, evaluate
from est_cli.aggregate.sources import SourceSplit, source_split
from est_cli.aggregate.unplaced import areas_then_unplaced, is_area
from est_cli.aggregate.weekly import WeekdayRow, weekday_time
from est_cli.periods import Month

MEAN_MONTHS = 12  # the baseline of the mean and of the rise rule
TREND_MONTHS = 13  # the month and the 12 before it
PATTERN_MONTHS = 3  # the weekday × time-of-day table: the month and the two before it
MAJOR_CATEGORIES = 5  # the chart's series (est_cli.render.charts.MAX_SERIES)
RISE_MIN_COUNT = 5  # a category or area needs at least this many incidents in the month
RISE_P_VALUE = 0.01  # …and a count this high must be this unlikely at its usual rate


@dataclass(frozen=True)
class MonthRow:
    """One category or area (or the total): the month and what it is compared with."""

    id: str
    name: str
    this: int
    previous: int | None
    last_year: int | None
    mean12: float | None

    @property
    def vs_previous(self) -> int | None:
        return None if self.previous is None else self.this - self.previous

    @property
    def vs_last_year(self) -> int | None:
        return None if self.last_year is None else self.this - self.last_year

    @property
    def vs_mean12(self) -> float | None:
        return None if self.mean12 is None else self.this - self.mean12


@dataclass(frozen=True)
class Rise:
    """A category or an area whose count this month is clearly above its own usual level."""

    kind: str  # "category" or "area"
    id: str
    name: str
    count: int
    baseline_total: int
    expected: float  # incidents per month at the baseline's rate
    p_value: float
    floored: bool  # none in the baseline: the floor rate was used


@dataclass(frozen=True)
class RiseRule:
    baseline_months: int
    min_count: int
    p_value: float
    floor_events: float
    evaluated: bool  # the data covers the whole baseline
    first_month: str
    last_month: str


@dataclass(frozen=True)
class MonthPoint:
    month: str
    total: int | None
    categories: list[int | None]


@dataclass
class MonthlyFigures:
    month: str
    total: MonthRow
    categories: list[MonthRow]
    areas: list[MonthRow]
    rises: list[Rise]
    rule: RiseRule
    pattern_first: str  # the first month of the weekday × time-of-day table
    pattern_covered: bool  # the data covers all of its months
    weekday_time: list[WeekdayRow]
    band_totals: list[int]
    no_time_total: int
    pattern_total: int
    trend_categories: list[tuple[str, str]]
    trend: list[MonthPoint]
    sources: SourceSplit | None = None  # police events apart, when there are any

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if self.sources is None:
            del out["sources"]
        for key in ("categories", "areas"):
            for row, obj in zip(out[key], getattr(self, key), strict=True):
                row.update(_changes(obj))
        out["total"].update(_changes(self.total))
        out["trend_categories"] = [{"id": i, "name": n} for i, n in self.trend_categories]
        return out


def _changes(row: MonthRow) -> dict[str, float | int | None]:
    return {
        "vs_previous": row.vs_previous,
        "vs_last_year": row.vs_last_year,
        "vs_mean12": row.vs_mean12,
    }


def monthly_figures(
    df: pd.DataFrame,
    month: Month,
    coverage: Coverage,
    area_names: dict[str, str],
    category_names: dict[str, str],
) -> MonthlyFigures:
    """All figures of one month's follow-up; only months `coverage` covers in full are compared."""

    def covered(m: Month) -> bool:
        return coverage.covers(m.first_day, m.last_day)

    previous, last_year = month.shift(-1), month.year_before()
    base_first = month.shift(-MEAN_MONTHS)
    base_covered = coverage.covers(base_first.first_day, previous.last_day)
    spans: list[Span | None] = [
        (month.start, month.end),
        (previous.start, previous.end) if covered(previous) else None,
        (last_year.start, last_year.end) if covered(last_year) else None,
        (base_first.start, month.start) if base_covered else None,
    ]

    def rows(by: str, names: dict[str, str]) -> list[MonthRow]:
        out = [
            _row(key, names.get(key, key), counts) for key, counts in counts_per_key(df, by, spans)
        ]
        ranked = sorted(out, key=lambda r: (-r.this, -(r.mean12 or 0), r.name.casefold(), r.id))
        return areas_then_unplaced(ranked, lambda r: r.id)

    totals = [None if s is None else len(between(df, s[0], s[1])) for s in spans]
    total = _row("", "", tuple(totals))
    categories, areas = rows("category", category_names), rows("area", area_names)
    rule = RiseRule(
        baseline_months=MEAN_MONTHS,
        min_count=RISE_MIN_COUNT,
        p_value=RISE_P_VALUE,
        floor_events=FLOOR_EVENTS,
        evaluated=base_covered,
        first_month=base_first.key,
        last_month=previous.key,
    )
    in_areas = [r for r in areas if is_area(r.id)]
    rises = [*_rises("category", categories), *_rises("area", in_areas)] if rule.evaluated else []
    pattern_from = month.shift(-(PATTERN_MONTHS - 1))
    pattern = between(df, pattern_from.start, month.end)
    grid, band_totals, no_time_total = weekday_time(pattern)
    first = [r.id for r in rises if r.kind == "category"]
    trend_months = [month.shift(-i) for i in range(TREND_MONTHS - 1, -1, -1)]
    shown = [m for m in trend_months if m == month or covered(m)]
    trend_categories, trend = _trend(df, trend_months, shown, category_names, first)
    this_rows = between(df, month.start, month.end)
    return MonthlyFigures(
        month=month.key,
        total=total,
        categories=categories,
        areas=areas,
        rises=rises,
        rule=rule,
        pattern_first=pattern_from.key,
        pattern_covered=coverage.covers(pattern_from.first_day, month.last_day),
        weekday_time=grid,
        band_totals=band_totals,
        no_time_total=no_time_total,
        pattern_total=len(pattern),
        trend_categories=trend_categories,
        trend=trend,
        sources=source_split(this_rows, df),
    )


def _row(key: str, name: str, counts: tuple[int | None, ...]) -> MonthRow:
    this, previous, last_year, in_base = counts
    mean = None if in_base is None else in_base / MEAN_MONTHS
    return MonthRow(key, name, this or 0, previous, last_year, mean)


def _rises(kind: str, rows: Sequence[MonthRow]) -> list[Rise]:
    """The rows that rose by the rule: at least RISE_MIN_COUNT this month, and a count this
    high would come by chance with probability below RISE_P_VALUE at the baseline's rate."""
    found = []
    for row in rows:
        assert row.mean12 is not None  # only called when the baseline is covered
        before = round(row.mean12 * MEAN_MONTHS)
        flagged, expected, p = evaluate(
            row.this, before, MEAN_MONTHS, min_count=RISE_MIN_COUNT, p_value=RISE_P_VALUE
        )
        if flagged:
            found.append(Rise(kind, row.id, row.name, row.this, before, expected, p, before == 0))
    return sorted(found, key=lambda r: (r.p_value, -r.count, r.name.casefold(), r.id))


def _trend(
    df: pd.DataFrame,
    months: list[Month],
    shown: list[Month],
    category_names: dict[str, str],
    first: list[str],
) -> tuple[list[tuple[str, str]], list[MonthPoint]]:
    """Totals and the major categories per month: the categories that rose, then the largest
    over the whole trend."""
    part = between(df, months[0].start, months[-1].end)
    keys = part["year"].astype(str) + "-" + part["month"].astype(int).map("{:02d}".format)
    part = part.assign(month_key=keys)
    keep = {m.key for m in shown}
    part = part[part["month_key"].isin(keep)]
    totals = by_key(part.groupby("month_key").size())
    by_cat = by_pair(part.groupby(["category", "month_key"], observed=True).size())
    sums: dict[str, int] = {}
    for (cat, _m), n in by_cat.items():
        sums[cat] = sums.get(cat, 0) + n

    def by_count(cat: str) -> tuple[int, str, str]:
        return -sums[cat], category_names.get(cat, cat).casefold(), cat

    by_size = sorted(sums, key=by_count)
    major = list(dict.fromkeys([*first, *by_size]))[:MAJOR_CATEGORIES]
    points = [
        MonthPoint(
            m.key,
            totals.get(m.key, 0) if m.key in keep else None,
            [by_cat.get((c, m.key), 0) if m.key in keep else None for c in major],
        )
        for m in months
    ]
    return [(c, category_names.get(c, c)) for c in major], points
