"""The weekly summary's figures, computed once from the incident frame.

Every comparison is only made with weeks the data covers in full (est_cli.aggregate.coverage):
a week before, after or only partly inside the exports has no figure (None, shown as '–'),
never a misleading zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from est_cli.aggregate.counts import Span, by_key, by_pair, counts_per_key
from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.frame import TIME_BANDS
from est_cli.aggregate.hotspots import FLOOR_EVENTS, evaluate
from est_cli.aggregate.sources import SourceSplit, source_split
from est_cli.aggregate.unplaced import areas_then_unplaced, placed
from est_cli.models.settings import Weekly
from est_cli.periods import IsoWeek

MEAN_WEEKS = 4
TREND_WEEKS = 12
MAJOR_CATEGORIES = 5
TOP_PLACES = 5
MIN_BASELINE_WEEKS = 4
MAX_HOTSPOT_TRENDS = 3  # hotspot categories always get a trend line, up to this many


@dataclass(frozen=True)
class Headline:
    this: int
    previous: int | None
    mean4: float | None
    last_year: int | None
    last_year_week: str | None

    @property
    def vs_previous(self) -> int | None:
        return None if self.previous is None else self.this - self.previous

    @property
    def vs_mean4(self) -> float | None:
        return None if self.mean4 is None else self.this - self.mean4

    @property
    def vs_last_year(self) -> int | None:
        return None if self.last_year is None else self.this - self.last_year


@dataclass(frozen=True)
class Row:
    """One category or area: this week, the week before, the 4-week mean, the change."""

    id: str
    name: str
    this: int
    previous: int | None
    mean4: float | None

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.this - self.previous


@dataclass(frozen=True)
class HotspotRow:
    area: str
    area_name: str
    category: str
    category_name: str
    count: int
    baseline_total: int
    baseline_weeks: int
    expected: float
    p_value: float
    floored: bool


@dataclass(frozen=True)
class HotspotRule:
    baseline_weeks: int
    min_count: int
    p_value: float
    floor_events: float
    evaluated: bool
    weeks_used: int
    first_week: str | None
    last_week: str | None


@dataclass(frozen=True)
class WeekdayRow:
    weekday: int
    bands: list[int]
    no_time: int
    total: int


@dataclass(frozen=True)
class TrendPoint:
    week: str
    number: int
    total: int | None
    categories: list[int | None]


@dataclass(frozen=True)
class PlaceRow:
    place: str
    area: str
    area_name: str
    count: int


@dataclass(frozen=True)
class IncidentRow:
    """One incident of the week; only in internal documents (--include-descriptions)."""

    occurred_at: str
    has_time: bool
    area_name: str
    category_name: str
    place: str | None
    description: str | None


@dataclass
class WeeklyFigures:
    week: str
    headline: Headline
    categories: list[Row]
    areas: list[Row]
    hotspots: list[HotspotRow]
    rule: HotspotRule
    weekday_time: list[WeekdayRow]
    band_totals: list[int]
    no_time_total: int
    trend_categories: list[tuple[str, str]]
    trend: list[TrendPoint]
    places: list[PlaceRow]
    incidents: list[IncidentRow] = field(default_factory=list)
    sources: SourceSplit | None = None  # police events apart, when there are any

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if self.sources is None:
            del out["sources"]
        out["headline"].update(
            vs_previous=self.headline.vs_previous,
            vs_mean4=self.headline.vs_mean4,
            vs_last_year=self.headline.vs_last_year,
        )
        for key in ("categories", "areas"):
            for row, obj in zip(out[key], getattr(self, key), strict=True):
                row["change"] = obj.change
        out["trend_categories"] = [{"id": i, "name": n} for i, n in self.trend_categories]
        return out


def weekday_time(part: pd.DataFrame) -> tuple[list[WeekdayRow], list[int], int]:
    """Weekday (Monday first) × time band counts, rows without a time counted apart."""
    timed = part[part["has_time"]]
    grid = timed.groupby(["weekday", "time_band"], observed=True).size()
    untimed = part[~part["has_time"]].groupby("weekday").size()
    rows = []
    for day in range(1, 8):
        bands = [int(grid.get((day, band), 0)) for band in TIME_BANDS]
        no_time = int(untimed.get(day, 0))
        rows.append(WeekdayRow(day, bands, no_time, sum(bands) + no_time))
    totals = [sum(r.bands[i] for r in rows) for i in range(len(TIME_BANDS))]
    return rows, totals, sum(r.no_time for r in rows)


def weekly_figures(
    df: pd.DataFrame,
    week: IsoWeek,
    coverage: Coverage,
    area_names: dict[str, str],
    category_names: dict[str, str],
    rules: Weekly,
    *,
    include_incidents: bool = False,
) -> WeeklyFigures:
    """All figures of one week's summary; only weeks `coverage` covers in full are compared."""

    def covered(w: IsoWeek) -> bool:
        return coverage.covers(w.monday, w.sunday)

    previous = week.shift(-1)
    mean_weeks = [week.shift(-i) for i in range(1, MEAN_WEEKS + 1)]
    base_weeks = [week.shift(-i) for i in range(1, rules.hotspot_baseline_weeks + 1)]
    trend_weeks = [week.shift(-i) for i in range(TREND_WEEKS - 1, -1, -1)]
    last_year = week.same_week_last_year()
    wanted = {w.key for w in (week, *mean_weeks, *base_weeks, *trend_weeks)}
    if last_year is not None:
        wanted.add(last_year.key)
    sub = df[df["week"].isin(wanted)]
    per_week = by_key(sub.groupby("week").size())

    def total(w: IsoWeek | None) -> int | None:
        return per_week.get(w.key, 0) if w is not None and covered(w) else None

    # The mean of the four previous weeks, counted as one span: all four covered, or none.
    mean_span: Span | None = (
        (mean_weeks[-1].start, week.start) if all(covered(w) for w in mean_weeks) else None
    )
    mean_total = sum(per_week.get(w.key, 0) for w in mean_weeks) if mean_span is not None else None
    headline = Headline(
        this=per_week.get(week.key, 0),
        previous=total(previous),
        mean4=_mean(mean_total),
        last_year=total(last_year),
        last_year_week=last_year.key if last_year is not None else None,
    )
    spans: list[Span | None] = [
        (week.start, week.end),
        (previous.start, previous.end) if covered(previous) else None,
        mean_span,
    ]

    def rows(by: str, names: dict[str, str]) -> list[Row]:
        out = [
            Row(key, names.get(key, key), this or 0, before, _mean(in_mean))
            for key, (this, before, in_mean) in counts_per_key(sub, by, spans)
        ]
        ranked = sorted(out, key=lambda r: (-r.this, -(r.mean4 or 0), r.name.casefold(), r.id))
        return areas_then_unplaced(ranked, lambda r: r.id)

    this_rows = sub[sub["week"] == week.key]
    hotspots, rule = _hotspots(
        placed(sub), week, base_weeks, covered, area_names, category_names, rules
    )
    grid, band_totals, no_time_total = weekday_time(this_rows)
    first = list(dict.fromkeys(h.category for h in hotspots))[:MAX_HOTSPOT_TRENDS]

    def shown(w: IsoWeek) -> bool:
        """The trend shows the covered weeks and, always, the week reported on."""
        return w == week or covered(w)

    trend_categories, trend = _trend(sub, trend_weeks, shown, category_names, first)
    return WeeklyFigures(
        week=week.key,
        headline=headline,
        categories=rows("category", category_names),
        areas=rows("area", area_names),
        hotspots=hotspots,
        rule=rule,
        weekday_time=grid,
        band_totals=band_totals,
        no_time_total=no_time_total,
        trend_categories=trend_categories,
        trend=trend,
        places=_places(this_rows, area_names),
        incidents=_incidents(this_rows, area_names, category_names) if include_incidents else [],
        sources=source_split(this_rows, df),
    )


def _mean(total: int | None) -> float | None:
    return None if total is None else total / MEAN_WEEKS


def _hotspots(
    sub: pd.DataFrame,
    week: IsoWeek,
    base_weeks: list[IsoWeek],
    covered: Callable[[IsoWeek], bool],
    area_names: dict[str, str],
    category_names: dict[str, str],
    rules: Weekly,
) -> tuple[list[HotspotRow], HotspotRule]:
    used = [w for w in base_weeks if covered(w)]
    needed = min(MIN_BASELINE_WEEKS, rules.hotspot_baseline_weeks)
    rule = HotspotRule(
        baseline_weeks=rules.hotspot_baseline_weeks,
        min_count=rules.hotspot_min_count,
        p_value=rules.hotspot_p_value,
        floor_events=FLOOR_EVENTS,
        evaluated=len(used) >= needed,
        weeks_used=len(used),
        first_week=min(used).key if used else None,
        last_week=max(used).key if used else None,
    )
    if not rule.evaluated:
        return [], rule
    pairs = ["area", "category"]
    now = by_pair(sub[sub["week"] == week.key].groupby(pairs, observed=True).size())
    base = by_pair(
        sub[sub["week"].isin({w.key for w in used})].groupby(pairs, observed=True).size()
    )
    found: list[HotspotRow] = []
    for (area, category), count in now.items():
        before = base.get((area, category), 0)
        flagged, expected, p = evaluate(
            count,
            before,
            len(used),
            min_count=rules.hotspot_min_count,
            p_value=rules.hotspot_p_value,
        )
        if flagged:
            found.append(
                HotspotRow(
                    area=area,
                    area_name=area_names.get(area, area),
                    category=category,
                    category_name=category_names.get(category, category),
                    count=count,
                    baseline_total=before,
                    baseline_weeks=len(used),
                    expected=expected,
                    p_value=p,
                    floored=before == 0,
                )
            )
    found.sort(key=lambda h: (h.p_value, -h.count, h.area, h.category))
    return found, rule


def _trend(
    sub: pd.DataFrame,
    weeks: list[IsoWeek],
    covered: Callable[[IsoWeek], bool],
    category_names: dict[str, str],
    first: list[str],
) -> tuple[list[tuple[str, str]], list[TrendPoint]]:
    """Totals and the major categories: this week's hotspot categories, then the largest."""
    keys = [w.key for w in weeks if covered(w)]
    part = sub[sub["week"].isin(keys)]
    totals = by_key(part.groupby("week").size())
    by_cat = by_pair(part.groupby(["category", "week"], observed=True).size())
    cat_sums: dict[str, int] = {}
    for (cat, _wk), n in by_cat.items():
        cat_sums[cat] = cat_sums.get(cat, 0) + n

    def by_count(cat: str) -> tuple[int, str, str]:
        return -cat_sums[cat], category_names.get(cat, cat).casefold(), cat

    by_size = sorted(cat_sums, key=by_count)
    major = list(dict.fromkeys([*first, *by_size]))[: max(MAJOR_CATEGORIES, len(first))]
    points = [
        TrendPoint(
            w.key,
            w.week,
            totals.get(w.key, 0) if covered(w) else None,
            [by_cat.get((c, w.key), 0) if covered(w) else None for c in major],
        )
        for w in weeks
    ]
    return [(c, category_names.get(c, c)) for c in major], points


def _places(part: pd.DataFrame, area_names: dict[str, str]) -> list[PlaceRow]:
    named = part[part["place"].notna() & (part["place"].str.strip() != "")]
    counts = by_pair(named.groupby(["place", "area"], observed=True).size())
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0].casefold(), kv[0][1]))
    return [PlaceRow(p, a, area_names.get(a, a), n) for (p, a), n in ranked[:TOP_PLACES]]


def _incidents(
    part: pd.DataFrame, area_names: dict[str, str], category_names: dict[str, str]
) -> list[IncidentRow]:
    when = part["occurred_at"].dt
    stamps = when.strftime("%Y-%m-%d %H:%M").where(part["has_time"], when.strftime("%Y-%m-%d"))
    columns = zip(
        stamps.tolist(),
        part["has_time"].astype(bool).tolist(),
        part["area"].astype(str).tolist(),
        part["category"].astype(str).tolist(),
        _texts(part["place"]),
        _texts(part["description"]),
        strict=True,
    )
    return [
        IncidentRow(
            occurred_at=stamp,
            has_time=has_time,
            area_name=area_names.get(area, area),
            category_name=category_names.get(category, category),
            place=place,
            description=description,
        )
        for stamp, has_time, area, category, place, description in columns
    ]


def _texts(column: pd.Series) -> list[str | None]:
    """A text column's values as str, None where missing."""
    return [None if pd.isna(v) else str(v) for v in column.astype(object)]
