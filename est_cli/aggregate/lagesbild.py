"""The yearly lägesbild's mapping (kartläggning), computed from the incident frame, safe to publish.

Every count here takes part in one system of publication suppression
(est_cli.aggregate.suppress.protect_linked): per year, the category rows, the area rows and
the months each add up to the year's total; the weekday × time-of-day grid adds up by row and
column to this year's total; the busiest areas' and places' counts behind the concentration
shares, and the counts of the figures the written problems and the pledge's indicators refer
to, are tied to those totals with private remainders. So no count below the threshold can be
worked out from the others. Places are counted only to rank them: no place is named.

Rates, means and shares are only given where every count they rest on is shown, and the
change test (est_cli.aggregate.changes) only runs on rows shown in full.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from est_cli.aggregate.changes import ChangeTest, rate_ratio_test
from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.suppress import Figure, FigureKey, Kind, Line, protect_linked
from est_cli.aggregate.weekly import weekday_time
from est_cli.load.calendar import TIME_BANDS
from est_cli.models.incident import UNPLACED_AREA

if TYPE_CHECKING:
    import pandas as pd

HISTORY = 4  # previous years compared, when the data covers them
PARETO_SHARE = 0.2  # the busiest fifth of areas and places

TOTAL = Kind("total")  # y
CAT = Kind("cat", leaf=True)  # category, y
AREA = Kind("area", leaf=True)  # area, y
MONTH = Kind("month", leaf=True)  # y, month
REF = Kind("ref", leaf=True, standalone=True)  # ref, y: a figure a text refers to
SUM = Kind("sum", private=True)  # ref, y, "c"/"a": its categories' or areas' count
REST = Kind("rest", leaf=True, private=True)  # what a figure lacks of the one around it
CELL = Kind("wd", leaf=True)  # weekday, band (len(TIME_BANDS): without a time)
DAY = Kind("wdt")  # weekday
BAND = Kind("band")  # band
TOP = Kind("top", standalone=True)  # "areas" / "places": the busiest fifth's count
PLACES = Kind("places", standalone=True)  # incidents with a place
IN_AREAS = Kind("inareas")  # y: incidents in some area (the rest are in none, UNPLACED_AREA)


@dataclass(frozen=True)
class AreaInfo:
    id: str
    name: str
    population: int | None


@dataclass(frozen=True)
class Ref:
    """Incidents of `categories` in `areas` (empty: every area)."""

    categories: tuple[str, ...]
    areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountRow:
    id: str
    name: str
    counts: list[Figure | None]  # per year of LagesbildFigures.years; None: not covered
    mean: float | None  # the previous years' mean, when all are shown
    test: ChangeTest | None  # only for rows shown in full with a previous year
    population: int | None = None
    rate: float | None = None  # this year, per 1 000 inhabitants


@dataclass(frozen=True)
class WeekdayRow:
    weekday: int
    bands: list[Figure]  # TIME_BANDS, then the incidents without a time
    total: Figure


@dataclass(frozen=True)
class ParetoRow:
    id: str
    name: str
    count: Figure
    share: float | None  # of this year's incidents
    areas_share: float  # the share of the areas down to this row
    cumulative: float | None  # the share of incidents down to this row (all shown)


@dataclass
class LagesbildFigures:
    year: int
    years: list[int]
    covered: bool  # the data covers the whole year
    total: CountRow
    categories: list[CountRow]
    areas: list[CountRow]
    months: list[CountRow]  # one per month, the years as columns
    weekdays: list[WeekdayRow]
    band_totals: list[Figure]
    pareto: list[ParetoRow]
    top_areas: int
    top_areas_share: float | None
    places: int
    top_places: int
    top_places_share: float | None
    refs: list[CountRow]
    unplaced: CountRow | None = None  # the incidents in no area, shown after the areas
    changes: list[CountRow] = field(default_factory=list)  # the clear ones, clearest first
    population: int | None = None  # every area's population, when est.yaml gives all


def _covered(coverage: Coverage, year: int) -> bool:
    return coverage.covers(date(year, 1, 1), date(year, 12, 31))


def _counts(part: pd.DataFrame, by: list[str]) -> dict[Any, int]:
    return {k: int(v) for k, v in part.groupby(by, observed=True).size().items()}


def lagesbild_figures(
    df: pd.DataFrame,
    year: int,
    coverage: Coverage,
    areas: list[AreaInfo],
    category_names: dict[str, str],
    refs: list[Ref],
    threshold: int,
    unplaced_name: str = "",
) -> LagesbildFigures:
    """Every figure of the year's mapping, protected jointly."""
    years = [y for y in range(year - HISTORY, year) if _covered(coverage, y)] + [year]
    ok = [y for y in years if _covered(coverage, y)]
    sub = df[df["year"].isin(ok)]
    by_cat = _counts(sub, ["category", "year"])
    by_area = _counts(sub, ["area", "year"])
    by_month = _counts(sub, ["year", "month"])
    per_year = _counts(sub, ["year"])
    cats = sorted(
        {str(c) for c, _ in by_cat}, key=lambda c: str(category_names.get(c) or c).casefold()
    )
    # incidents in no area: a row of their own, apart from the areas and never ranked
    unplaced = any(str(a) == UNPLACED_AREA for a, _ in by_area)
    in_areas = IN_AREAS if unplaced else TOTAL
    raw: dict[FigureKey, int] = {}
    lines: list[Line] = []
    for y in ok:
        raw[TOTAL(y)] = per_year.get(y, 0)
        for c in cats:
            raw[CAT(c, y)] = by_cat.get((c, y), 0)
        for a in areas:
            raw[AREA(a.id, y)] = by_area.get((a.id, y), 0)
        for m in range(1, 13):
            raw[MONTH(y, m)] = by_month.get((y, m), 0)
        lines.append((TOTAL(y), [CAT(c, y) for c in cats]))
        lines.append((in_areas(y), [AREA(a.id, y) for a in areas]))
        if unplaced:
            raw[AREA(UNPLACED_AREA, y)] = by_area.get((UNPLACED_AREA, y), 0)
            raw[IN_AREAS(y)] = raw[TOTAL(y)] - raw[AREA(UNPLACED_AREA, y)]
            lines.append((TOTAL(y), [IN_AREAS(y), AREA(UNPLACED_AREA, y)]))
        lines.append((TOTAL(y), [MONTH(y, m) for m in range(1, 13)]))
        for r, ref in enumerate(refs):
            _ref_figures(sub, raw, lines, r, ref, y, cats, areas)

    this = sub[sub["year"] == year]
    covered = year in ok
    place_counts: list[int] = []
    top_ids: list[str] = []
    if covered:
        _weekday_figures(this, raw, lines, year)
        ranked = sorted(areas, key=lambda a: (-raw[AREA(a.id, year)], a.name.casefold()))
        top_ids = [a.id for a in ranked[: _fifth(len(areas))]]
        raw[TOP("areas")] = sum(raw[AREA(a, year)] for a in top_ids)
        raw[REST("areas")] = raw[in_areas(year)] - raw[TOP("areas")]
        lines.append((TOP("areas"), [AREA(a, year) for a in top_ids]))
        lines.append((in_areas(year), [TOP("areas"), REST("areas")]))
        placed = this[this["place"].notna() & (this["place"].astype(str).str.strip() != "")]
        keys = placed["area"].astype(str) + "\x1f" + placed["place"].astype(str).str.casefold()
        place_counts = sorted(keys.value_counts().tolist(), reverse=True)
        raw[PLACES()] = len(placed)
        raw[TOP("places")] = sum(place_counts[: _fifth(len(place_counts))])
        raw[REST("places")] = raw[PLACES()] - raw[TOP("places")]
        raw[REST("unplaced")] = raw[TOTAL(year)] - raw[PLACES()]
        lines.append((PLACES(), [TOP("places"), REST("places")]))
        lines.append((TOTAL(year), [PLACES(), REST("unplaced")]))

    shown = protect_linked(raw, lines, threshold)

    def get(key: FigureKey) -> Figure | None:
        return shown.get(key)

    def row(ident: str, name: str, key: Kind, first: bool = True, **extra: Any) -> CountRow:
        def at(y: int) -> FigureKey:
            if key in (TOTAL,):
                return key(y)
            return key(ident, y) if first else key(y, ident)

        counts = [get(at(y)) if y in ok else None for y in years]
        return _row(ident, name, counts, years, year, **extra)

    areas_rows: list[CountRow] = []
    for a in areas:
        area_row = row(a.id, a.name, AREA, population=a.population)
        areas_rows.append(replace(area_row, rate=_rate(area_row.counts[-1], a.population)))
    unplaced_row = row(UNPLACED_AREA, unplaced_name, AREA) if unplaced else None
    if unplaced_row is not None:
        unplaced_row = replace(unplaced_row, test=None)  # no clear change for no area
    populations = [a.population for a in areas]
    population = sum(p for p in populations if p) if all(populations) else None
    plain = row("", "", TOTAL)
    total_row = replace(plain, population=population, rate=_rate(plain.counts[-1], population))
    categories = [row(c, category_names.get(c, c), CAT) for c in cats]
    months = [
        _row(str(m), str(m), [get(MONTH(y, m)) if y in ok else None for y in years], years, year)
        for m in range(1, 13)
    ]
    ref_rows = [
        _row(str(r), "", [get(REF(r, y)) if y in ok else None for y in years], years, year)
        for r in range(len(refs))
    ]
    figures = LagesbildFigures(
        year=year,
        years=years,
        covered=covered,
        total=total_row,
        categories=sorted(categories, key=_busiest),
        areas=areas_rows,
        unplaced=unplaced_row,
        months=months,
        weekdays=[],
        band_totals=[],
        pareto=[],
        top_areas=len(top_ids),
        top_areas_share=None,
        places=len(place_counts),
        top_places=_fifth(len(place_counts)) if place_counts else 0,
        top_places_share=None,
        refs=ref_rows,
        population=population,
    )
    if covered:
        _grid_out(figures, shown, year)
        year_total = shown[in_areas(year)]
        figures.pareto = _pareto(areas_rows, year_total)
        figures.top_areas_share = _share(shown[TOP("areas")], year_total)
        figures.top_places_share = _share(shown[TOP("places")], shown[PLACES()])
    tested = [c for c in (*categories, *areas_rows) if c.test is not None and c.test.clear]
    figures.changes = sorted(tested, key=lambda c: (c.test.p_value if c.test else 1.0, c.name))
    return figures


def _fifth(n: int) -> int:
    """How many make the busiest fifth of `n` (at least one)."""
    return max(1, math.ceil(n * PARETO_SHARE - 1e-9)) if n else 0


def _busiest(row: CountRow) -> tuple[int, str]:
    last = row.counts[-1]
    value = last.value if last is not None and last.value is not None else -1
    return (-value, row.name.casefold())


def _row(
    ident: str,
    name: str,
    counts: list[Figure | None],
    years: list[int],
    year: int,
    population: int | None = None,
) -> CountRow:
    """A row with its previous years' mean and change test, when every count is shown."""
    now = counts[-1]
    before = [c for c, y in zip(counts, years, strict=True) if y != year and c is not None]
    full = now is not None and now.shown and all(c.shown for c in before)
    values = [c.value for c in before if c.value is not None]
    mean = sum(values) / len(values) if full and values else None
    test = None
    if full and now is not None and now.value is not None:
        test = rate_ratio_test(now.value, values)
    return CountRow(ident, name, counts, mean, test, population)


def _rate(figure: Figure | None, population: int | None) -> float | None:
    if figure is None or figure.value is None or not population:
        return None
    return figure.value / population * 1000


def _share(part: Figure, whole: Figure) -> float | None:
    if part.value is None or not whole.value:
        return None
    return part.value / whole.value


def _ref_figures(
    sub: pd.DataFrame,
    raw: dict[FigureKey, int],
    lines: list[Line],
    r: int,
    ref: Ref,
    y: int,
    cats: list[str],
    areas: list[AreaInfo],
) -> None:
    """A referred figure's count, tied to the category rows (and area rows) it lies in."""
    part = sub[(sub["year"] == y) & sub["category"].astype(str).isin(ref.categories)]
    if ref.areas:
        part = part[part["area"].astype(str).isin(ref.areas)]
    raw[REF(r, y)] = len(part)
    in_cats = [CAT(c, y) for c in dict.fromkeys(ref.categories) if c in cats]
    if not ref.areas:
        if in_cats:
            lines.append((REF(r, y), in_cats))
        return
    known = {a.id for a in areas}
    for side, parts in (("c", in_cats), ("a", [AREA(a, y) for a in ref.areas if a in known])):
        if not parts:
            continue
        total = SUM(r, y, side)
        raw[total] = sum(raw[p] for p in parts)
        raw[REST(r, y, side)] = raw[total] - raw[REF(r, y)]
        lines.append((total, parts))
        lines.append((total, [REF(r, y), REST(r, y, side)]))


def _weekday_figures(
    this: pd.DataFrame, raw: dict[FigureKey, int], lines: list[Line], year: int
) -> None:
    """The weekday × time-of-day grid of the year (est_cli.aggregate.weekly.weekday_time)."""
    rows, totals, no_time = weekday_time(this)
    bands = len(TIME_BANDS) + 1
    for wd in rows:
        for b, n in enumerate([*wd.bands, wd.no_time]):
            raw[CELL(wd.weekday, b)] = n
        raw[DAY(wd.weekday)] = wd.total
        lines.append((DAY(wd.weekday), [CELL(wd.weekday, b) for b in range(bands)]))
    for b, n in enumerate([*totals, no_time]):
        raw[BAND(b)] = n
        lines.append((BAND(b), [CELL(d, b) for d in range(1, 8)]))
    lines.append((TOTAL(year), [DAY(d) for d in range(1, 8)]))
    lines.append((TOTAL(year), [BAND(b) for b in range(bands)]))


def _grid_out(figures: LagesbildFigures, shown: dict[FigureKey, Figure], year: int) -> None:
    bands = len(TIME_BANDS) + 1
    figures.weekdays = [
        WeekdayRow(d, [shown[CELL(d, b)] for b in range(bands)], shown[DAY(d)]) for d in range(1, 8)
    ]
    figures.band_totals = [shown[BAND(b)] for b in range(bands)]


def _pareto(rows: list[CountRow], total: Figure) -> list[ParetoRow]:
    """The areas from the busiest down, with their share and the cumulative shares.

    A count not shown ends the cumulative share (it would give the count away), and such
    areas come last, by name: their order would tell which small count is larger."""

    def order(r: CountRow) -> tuple[int, int, str]:
        f = r.counts[-1]
        shown = f is not None and f.shown and f.value is not None
        return (0 if shown else 1, -(f.value or 0) if f is not None and shown else 0, r.name)

    out: list[ParetoRow] = []
    running: int | None = 0
    for n, r in enumerate(sorted(rows, key=order), start=1):
        f = r.counts[-1]
        assert f is not None
        if running is not None:
            running = running + f.value if f.shown and f.value is not None else None
        share = _share(f, total) if f.shown else None
        cumulative = running / total.value if running is not None and total.value else None
        out.append(ParetoRow(r.id, r.name, f, share, n / len(rows), cumulative))
    return out
