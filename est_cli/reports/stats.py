"""`est stats`: the weekly figures for any week, month or tertial, as data for the terminal.

Same counting as the weekly document (half-open periods of local wall time), with the
previous period and the same period a year earlier for comparison, optionally narrowed to
some areas or categories. The same coverage rule as every document: a period is compared
only when the data spans all of it (est_cli.aggregate.coverage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from est_cli.aggregate.counts import counts_per_key, total_in
from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.frame import between
from est_cli.aggregate.weekly import weekday_time
from est_cli.errors import N_, UsageError
from est_cli.load.aliases import Registry
from est_cli.load.incidents import Progress, load_incidents
from est_cli.load.workspace import Workspace
from est_cli.periods import AnyPeriod, Compared, PeriodKind, choose_period
from est_cli.reports.period import require_data


def stats_period(week: str | None, month: str | None, tertial: str | None, today: date) -> Compared:
    """At most one of week, month, tertial; default the last complete ISO week."""
    options: list[tuple[PeriodKind, str | None]] = [
        ("week", week),
        ("month", month),
        ("tertial", tertial),
    ]
    given = [option for option in options if option[1]]
    if len(given) > 1:
        raise UsageError("give only one of --week, --month and --tertial")
    kind, text = given[0] if given else options[0]
    return Compared.of(choose_period(kind, text, today))


def _resolve(registry: Registry, given: Sequence[str]) -> list[str]:
    out = []
    for raw in given:
        ident = registry.resolve(raw)
        if ident is None:
            hint = registry.unknown_hint(raw)
            raise UsageError(N_("%(problem)s (%(hint)s)", problem=registry.unknown(raw), hint=hint))
        out.append(ident)
    return sorted(set(out))


@dataclass(frozen=True)
class StatsRow:
    """One category or area; a count is None for a period that is not compared (never 0)."""

    id: str
    name: str
    this: int | None
    previous: int | None
    last_year: int | None
    vs_previous: int | None
    vs_last_year: int | None


@dataclass
class StatsResult:
    period: Compared
    coverage: str  # "full", "partial" (counts incomplete, not compared) or "outside" the data
    areas: list[str]
    categories: list[str]
    total: int | None
    previous_total: int | None
    last_year_total: int | None
    vs_previous: int | None
    vs_last_year: int | None
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


def _diff(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a - b


def period_coverage(coverage: Coverage, q: AnyPeriod) -> str:
    """'full' when the data spans all of `q`, 'partial' when some of it, else 'outside'."""
    if coverage.covers(q.first_day, q.last_day):
        return "full"
    first, last = coverage.first_day, coverage.last_day
    if first is None or last is None or last < q.first_day or first > q.last_day:
        return "outside"
    return "partial"


def compute_stats(
    ws: Workspace,
    *,
    today: date,
    week: str | None = None,
    month: str | None = None,
    tertial: str | None = None,
    areas: Sequence[str] = (),
    categories: Sequence[str] = (),
    progress: Progress | None = None,
    use_cache: bool = True,
) -> StatsResult:
    """Counts for the chosen period, the previous one and the same one a year earlier.

    The default period (no option given) must have data: otherwise an error names the
    latest week with data and the command for it (est_cli.reports.period.require_data).

    A comparison period the data does not cover in full has no counts (None, shown as '–'),
    and changes are given only when the chosen period itself is covered in full.
    """
    compared = stats_period(week, month, tertial, today)
    period = compared.period
    area_ids = _resolve(ws.areas, areas)
    category_ids = _resolve(ws.categories, categories)
    incidents = load_incidents(ws, progress, use_cache=use_cache, descriptions=False)
    df = incidents.frame
    if area_ids:
        df = df[df["area"].isin(area_ids)]
    if category_ids:
        df = df[df["category"].isin(category_ids)]
    prev, ly = compared.previous, compared.year_before
    coverage = Coverage(incidents.first_day, incidents.last_day)
    status = period_coverage(coverage, period)
    if status == "outside" and not (week or month or tertial):
        # the default period, past the data: name the latest week with data, as week build does
        require_data(
            period, incidents.first_day, incidents.last_day, command="est stats", explicit=False
        )
    full = status == "full"

    def span(q: AnyPeriod | None, counted: bool) -> tuple[datetime, datetime] | None:
        return (q.start, q.end) if q is not None and counted else None

    spans = [
        span(period, status != "outside"),
        span(prev, period_coverage(coverage, prev) == "full"),
        span(ly, ly is not None and period_coverage(coverage, ly) == "full"),
    ]

    def total(q: tuple[datetime, datetime] | None) -> int | None:
        return None if q is None else total_in(df, q[0], q[1])

    def rows(by: str, names: dict[str, str]) -> list[StatsRow]:
        out = []
        for key, (this, before, year_ago) in counts_per_key(df, by, spans):
            now = this if full else None
            out.append(
                StatsRow(
                    key,
                    names.get(key, key),
                    this,
                    before,
                    year_ago,
                    _diff(now, before),
                    _diff(now, year_ago),
                )
            )
        return sorted(out, key=lambda r: (-(r.this or 0), -(r.previous or 0), r.name.casefold()))

    this_total, previous_total, last_year_total = (total(q) for q in spans)
    compared_total = this_total if full else None
    grid, bands, no_time = weekday_time(between(df, period.start, period.end))
    problems = incidents.problems
    return StatsResult(
        period=compared,
        coverage=status,
        areas=[ws.area_name(a) for a in area_ids],
        categories=[ws.category_name(c) for c in category_ids],
        total=this_total,
        previous_total=previous_total,
        last_year_total=last_year_total,
        vs_previous=_diff(compared_total, previous_total),
        vs_last_year=_diff(compared_total, last_year_total),
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
