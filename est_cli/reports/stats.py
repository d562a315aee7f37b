"""`est stats`: the weekly figures for any week, month or tertial, as data for the terminal.

Same counting as the weekly document (half-open periods of local wall time), with the
previous period and the same period a year earlier for comparison, optionally narrowed to
some areas or categories.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from est_cli.errors import UsageError
from est_cli.load import workspace as workspace_mod
from est_cli.load.aliases import Registry
from est_cli.load.incidents import Progress, load_incidents
from est_cli.load.workspace import load_workspace
from est_cli.periods import IsoWeek, Tertial

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


@dataclass(frozen=True)
class Period:
    kind: str  # week, month or tertial
    key: str
    start: datetime
    end: datetime
    previous: Period | None = None
    last_year: Period | None = None

    @property
    def first_day(self) -> date:
        return self.start.date()


def _week(w: IsoWeek, depth: int = 1) -> Period:
    prev = _week(w.shift(-1), 0) if depth else None
    ly = w.same_week_last_year()
    last = _week(ly, 0) if depth and ly is not None else None
    return Period("week", w.key, w.start, w.end, prev, last)


def _month(year: int, month: int, depth: int = 1) -> Period:
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    prev = _month(year - (month == 1), (month - 2) % 12 + 1, 0) if depth else None
    last = _month(year - 1, month, 0) if depth else None
    return Period("month", f"{year}-{month:02d}", start, end, prev, last)


def _tertial(t: Tertial, depth: int = 1) -> Period:
    prev = _tertial(t.shift(-1), 0) if depth else None
    last = _tertial(Tertial(t.year - 1, t.n), 0) if depth else None
    return Period("tertial", t.key, t.start, t.end, prev, last)


def choose_period(week: str | None, month: str | None, tertial: str | None, today: date) -> Period:
    """At most one of week, month, tertial; default the last complete ISO week."""
    given = [x for x in (week, month, tertial) if x]
    if len(given) > 1:
        raise UsageError("give only one of --week, --month and --tertial")
    if month:
        m = _MONTH.match(month)
        if not m or not 1 <= int(m[2]) <= 12:
            raise UsageError(f"'{month}' is not a month; write it as 2021-03")
        return _month(int(m[1]), int(m[2]))
    if tertial:
        return _tertial(Tertial.parse(tertial))
    if week:
        return _week(IsoWeek.parse(week, default_year=today.year))
    return _week(IsoWeek.last_complete(today))


def _resolve(registry: Registry, given: Sequence[str]) -> list[str]:
    out = []
    for raw in given:
        ident = registry.resolve(raw)
        if ident is None:
            hint = registry.hint(raw) or f"known: {registry.known()}"
            raise UsageError(f"'{raw}' is not a known {registry.kind} ({hint})")
        out.append(ident)
    return sorted(set(out))


@dataclass(frozen=True)
class StatsRow:
    id: str
    name: str
    this: int
    previous: int | None
    last_year: int | None


@dataclass
class StatsResult:
    period: Period
    areas: list[str]
    categories: list[str]
    total: int
    previous_total: int | None
    last_year_total: int | None
    by_category: list[StatsRow]
    by_area: list[StatsRow]
    weekday_time: Any
    band_totals: list[int]
    no_time_total: int
    first_day: date | None
    last_day: date | None
    rows_excluded: int
    errors: int
    warnings: int
    language: str


def compute_stats(
    root: Path,
    *,
    week: str | None = None,
    month: str | None = None,
    tertial: str | None = None,
    areas: Sequence[str] = (),
    categories: Sequence[str] = (),
    progress: Progress | None = None,
) -> StatsResult:
    from est_cli.aggregate.counts import count_in, total_in
    from est_cli.aggregate.frame import between, incident_frame
    from est_cli.aggregate.weekly import weekday_time

    ws = load_workspace(root)
    period = choose_period(week, month, tertial, workspace_mod.today())
    area_ids = _resolve(ws.areas, areas)
    category_ids = _resolve(ws.categories, categories)
    incidents = load_incidents(ws, progress)
    df = incident_frame(incidents.incidents)
    if area_ids:
        df = df[df["area"].isin(area_ids)]
    if category_ids:
        df = df[df["category"].isin(category_ids)]
    prev, ly = period.previous, period.last_year
    assert prev is not None and ly is not None

    first = incidents.first_day

    def covered(q: Period) -> bool:
        """Periods that contain the data's first day or lie after it are compared."""
        return first is not None and q.end.date() > first

    def total(q: Period) -> int | None:
        return total_in(df, q.start, q.end) if covered(q) else None

    def rows(by: str, names: dict[str, str]) -> list[StatsRow]:
        now = count_in(df, period.start, period.end, by)
        before = count_in(df, prev.start, prev.end, by)
        year_ago = count_in(df, ly.start, ly.end, by)
        keys = set(now.index) | set(before.index) | set(year_ago.index)
        out = [
            StatsRow(
                str(k),
                names.get(str(k), str(k)),
                int(now.get(k, 0)),
                int(before.get(k, 0)) if covered(prev) else None,
                int(year_ago.get(k, 0)) if covered(ly) else None,
            )
            for k in keys
        ]
        return sorted(out, key=lambda r: (-r.this, -(r.previous or 0), r.name.casefold()))

    grid, bands, no_time = weekday_time(between(df, period.start, period.end))
    problems = incidents.problems
    return StatsResult(
        period=period,
        areas=[ws.area_name(a) for a in area_ids],
        categories=[ws.category_name(c) for c in category_ids],
        total=total_in(df, period.start, period.end),
        previous_total=total(prev),
        last_year_total=total(ly),
        by_category=rows("category", ws.categories.names),
        by_area=rows("area", ws.areas.names),
        weekday_time=grid,
        band_totals=bands,
        no_time_total=no_time,
        first_day=incidents.first_day,
        last_day=incidents.last_day,
        rows_excluded=len(incidents.excluded),
        errors=sum(1 for p in problems if p.severity == "error"),
        warnings=sum(1 for p in problems if p.severity == "warning"),
        language=ws.settings.language.value,
    )
