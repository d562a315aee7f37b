"""The figures of a tertial follow-up, computed from the incident frame, safe to publish.

Everything returned here has passed publication suppression (est_cli.aggregate.suppress):
raw counts below the threshold never leave this module. No descriptions, places or
reporter organisations are read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from est_cli.aggregate.atoms import Count, link
from est_cli.aggregate.counts import change
from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.suppress import (
    HIDDEN,
    INF,
    Figure,
    FigureKey,
    Kind,
    Line,
    Unprotectable,
    difference,
    protect_linked,
)
from est_cli.models.base import Insats
from est_cli.models.pledge import Indicator
from est_cli.periods import Tertial

if TYPE_CHECKING:
    import pandas as pd

WINDOW_DAYS = 28  # insatser: incidents in the 4 weeks before and after (by default)
TOP_AREAS = 3

# The figures of the document, named by where they are (i: indicator, r: category row,
# m: month, j: insats). Cells and insats windows are leaves, the rest sums of them.
CELL = Kind("cell", leaf=True)  # i, r, m
LAST_YEAR = Kind("ly", leaf=True)  # i, r: the same tertial a year earlier
ROW = Kind("row")  # i, r: the whole tertial
COLUMN = Kind("col")  # i, m: every category
GRAND = Kind("grand")  # i: the indicator's count for the tertial
LAST_YEAR_TOTAL = Kind("lyt")  # i
BEFORE = Kind("before", leaf=True, standalone=True)  # j: the 4 weeks before the insats
AFTER = Kind("after", leaf=True, standalone=True)  # j: the 4 weeks after
# j: the same windows in the insats' comparison areas (est_cli.aggregate.evaluation): its
# ratio and interval tell them, so they are published and protected like the others
COMPARISON_BEFORE = Kind("cbefore", leaf=True, standalone=True)
COMPARISON_AFTER = Kind("cafter", leaf=True, standalone=True)
# i, area: an indicator's count in one area over the tertial. Never published, but "Mest i"
# tells a reader which areas have at least N (and, naming fewer than three, that the others
# have fewer): so it takes part in suppression with those bounds.
IN_AREA = Kind("in_area", leaf=True, private=True)
# area: every incident in one area over the tertial, as the map shows it (issue 8 §3)
MAP = Kind("map", leaf=True, standalone=True)


@dataclass(frozen=True)
class AnnexRow:
    name: str
    months: list[Figure | None]  # None: the data does not cover that month
    total: Figure | None  # None: the data does not cover the whole tertial
    last_year: Figure | None


@dataclass(frozen=True)
class IndicatorFigures:
    """One indicator of a focus area: its count, where most happened, and its annex table."""

    phrase: str
    categories: list[str]
    areas: list[str]
    total: Figure | None  # None: the data does not cover the whole tertial
    last_year: Figure | None
    change: int | None
    change_ratio: float | None
    top_areas: list[str]
    months: list[int]
    rows: list[AnnexRow]
    totals: AnnexRow

    @property
    def only_total(self) -> bool:
        """True when its annex table would tell nothing but the total (and last year's, both
        in the text already): every other figure "×" (or "–"). Such a table is left out."""
        many = len(self.rows) > 1
        told = [
            *(c for row in self.rows for c in row.months),
            *(f for row in self.rows if many for f in (row.total, row.last_year)),
            *(self.totals.months if many else []),
        ]
        return any(f is not None for f in told) and all(
            f is None or f.state == HIDDEN for f in told
        )


@dataclass(frozen=True)
class InsatsFigures:
    """Incidents in the insats' area and categories in the windows before and after it."""

    title: str
    start: date
    end: date
    area: str | None
    categories: list[str]
    owner: str | None
    note: str | None
    before_first: date
    before_last: date
    after_first: date
    after_last: date
    before: Figure | None
    after: Figure | None
    comparison: list[str]  # the comparison areas' names (none: nothing to compare with)
    comparison_before: Figure | None
    comparison_after: Figure | None


def document_figures(
    df: pd.DataFrame,
    indicators: list[Indicator],
    insatser: list[Insats],
    tertial: Tertial,
    coverage: Coverage,
    threshold: int,
    category_name: dict[str, str],
    area_name: dict[str, str],
    published: list[IndicatorFigures | None] | None = None,
    days: tuple[int, int] = (WINDOW_DAYS, WINDOW_DAYS),
    area_map: dict[str, Figure | None] | None = None,
) -> tuple[list[IndicatorFigures], list[InsatsFigures]]:
    """Every figure of one tertial document, protected jointly (see suppress.protect_linked).

    Indicators and insatser may count overlapping incidents; each published count is linked
    to the disjoint parts ("atoms": category × set of figures whose areas include the
    incident's area × stretch of days between window edges) that make it up, so differences
    between figures are protected like any other count. Figures of periods the data does not
    fully cover are None ("–"): no data is not zero incidents.

    `published`: for each indicator, its figures in last year's follow-up of the same
    tertial (None: not published). The same-period-last-year column then shows them as that
    document did, so the two documents together tell no more than each alone.
    `days`: the days counted before and after each insats (est.yaml's `evaluation:`).
    """
    covered = coverage.covers(tertial.first_day, tertial.last_day)
    previous = tertial.shift(-3)
    last_covered = coverage.covers(previous.first_day, previous.last_day)
    month_spans = [_month_span(tertial, m) for m in tertial.months]
    month_ok = [coverage.covers(a, b - timedelta(days=1)) for a, b in month_spans]

    counts: list[Count] = []
    totals: list[Count] = []  # row, column and grand totals: linked to their parts as well
    lines: list[Line] = []
    for i, ind in enumerate(indicators):
        cats = list(dict.fromkeys(ind.categories))
        areas = frozenset(ind.areas) if ind.areas else None
        single_row = len(cats) == 1
        for r, c in enumerate(cats):
            for m, ((a, b), ok) in enumerate(zip(month_spans, month_ok, strict=True)):
                if ok:
                    counts.append(Count(CELL(i, r, m), i, frozenset([c]), areas, a, b))
            if last_covered:
                counts.append(
                    Count(
                        LAST_YEAR(i, r),
                        i,
                        frozenset([c]),
                        areas,
                        previous.first_day,
                        previous.last_day + timedelta(days=1),
                    )
                )
        # Totals, and the lines tying them to their cells. One row: the row is the totals row.
        all_cats = frozenset(cats)
        t_first, t_end = tertial.first_day, tertial.last_day + timedelta(days=1)
        if not single_row:
            for m, ok in enumerate(month_ok):
                if ok:
                    lines.append((COLUMN(i, m), [CELL(i, r, m) for r in range(len(cats))]))
                    totals.append(Count(COLUMN(i, m), i, all_cats, areas, *month_spans[m]))
        if covered:
            months = range(len(tertial.months))
            totals.append(Count(GRAND(i), i, all_cats, areas, t_first, t_end))
            if single_row:
                lines.append((GRAND(i), [CELL(i, 0, m) for m in months]))
            else:
                for r, c in enumerate(cats):
                    lines.append((ROW(i, r), [CELL(i, r, m) for m in months]))
                    totals.append(Count(ROW(i, r), i, frozenset([c]), areas, t_first, t_end))
                lines.append((GRAND(i), [ROW(i, r) for r in range(len(cats))]))
                lines.append((GRAND(i), [COLUMN(i, m) for m in months]))
        if last_covered:
            lines.append((LAST_YEAR_TOTAL(i), [LAST_YEAR(i, r) for r in range(len(cats))]))
            if not single_row:
                totals.append(
                    Count(
                        LAST_YEAR_TOTAL(i),
                        i,
                        all_cats,
                        areas,
                        previous.first_day,
                        previous.last_day + timedelta(days=1),
                    )
                )

    base = len(indicators)
    windows: list[tuple[date, date, date, date]] = []
    compared: list[tuple[FigureKey, int, frozenset[str] | None, frozenset[str], date, date]] = []
    for j, ins in enumerate(insatser):
        end = ins.end or ins.start
        before_first = ins.start - timedelta(days=days[0])
        after_first = end + timedelta(days=1)
        after_last = end + timedelta(days=days[1])
        windows.append((before_first, ins.start - timedelta(days=1), after_first, after_last))
        cats_j = frozenset(ins.categories) if ins.categories else None
        area_j = frozenset([ins.area]) if ins.area else None
        if coverage.covers(before_first, ins.start - timedelta(days=1)):
            counts.append(Count(BEFORE(j), base + j, cats_j, area_j, before_first, ins.start))
        after_end = after_last + timedelta(days=1)
        if coverage.covers(after_first, after_last):
            counts.append(Count(AFTER(j), base + j, cats_j, area_j, after_first, after_end))
        others = frozenset(_comparison(ins, area_name))
        if others and coverage.covers(before_first, after_last):
            spans = (
                (COMPARISON_BEFORE, before_first, ins.start),
                (COMPARISON_AFTER, after_first, after_end),
            )
            compared += [(kind(j), j, cats_j, others, a, b) for kind, a, b in spans]

    by_area: list[dict[str, FigureKey]] = []
    for i, ind in enumerate(indicators):
        scope = [] if not covered or len(ind.areas) == 1 else ind.areas or sorted(area_name)
        by_area.append({a: IN_AREA(i, a) for a in dict.fromkeys(scope)})
        source = base + len(insatser) + sum(len(d) for d in by_area[:-1])
        for k, (area, key) in enumerate(by_area[-1].items()):
            totals.append(
                Count(
                    key,
                    source + k,
                    frozenset(ind.categories),
                    frozenset([area]),
                    tertial.first_day,
                    tertial.last_day + timedelta(days=1),
                )
            )

    # a source is one area filter: the comparisons' sources come after all the others, and
    # the map's areas after them
    source = base + len(insatser) + sum(len(d) for d in by_area)
    counts += [Count(key, source + j, c, a, first, end) for key, j, c, a, first, end in compared]
    mapped = list(area_map or {}) if covered else []
    first_map = source + len(insatser)
    for k, area in enumerate(mapped):
        t_first, t_end = tertial.first_day, tertial.last_day + timedelta(days=1)
        counts.append(Count(MAP(area), first_map + k, None, frozenset([area]), t_first, t_end))

    raw, lines = link(df, [*counts, *totals], lines)
    tops = [_top_areas(raw, keys, threshold, area_name) for keys in by_area]
    while True:
        try:
            figures = protect_linked(raw, lines, threshold, known=_told(by_area, tops, threshold))
            break
        except Unprotectable as exc:
            # "Mest i" of that indicator (of the first one that says something, when the
            # count is not one of an indicator) would give a small count away: it is left
            # out, and an empty list then says nothing, as it may be empty either way.
            at = exc.key.at[0] if exc.key.at else None
            drop = at if isinstance(at, int) and at < len(tops) and tops[at] else None
            if drop is None:
                drop = next((n for n, top in enumerate(tops) if top), None)
            if drop is None:
                raise
            tops[drop] = []

    def get(key: FigureKey) -> Figure | None:
        return figures.get(key)

    if area_map is not None:
        for area in area_map:
            area_map[area] = get(MAP(area)) if area in mapped else None

    indicator_out = []
    for i, ind in enumerate(indicators):
        cats = list(dict.fromkeys(ind.categories))
        single_row = len(cats) == 1
        cells = [[get(CELL(i, r, m)) for m in range(len(tertial.months))] for r in range(len(cats))]
        if single_row:
            row_totals = [get(GRAND(i))]
            col_totals = cells[0]
        else:
            row_totals = [get(ROW(i, r)) for r in range(len(cats))]
            col_totals = [get(COLUMN(i, m)) for m in range(len(tertial.months))]
        grand = get(GRAND(i))
        last_rows = [get(LAST_YEAR(i, r)) for r in range(len(cats))] if last_covered else None
        last_total = get(LAST_YEAR_TOTAL(i)) if last_covered else None
        before = published[i] if published else None
        if last_covered and before is not None:
            last_rows, last_total = [row.total for row in before.rows], before.total

        top = [area_name.get(a, a) for a in tops[i]]
        diff = difference(grand, last_total) if grand and last_total else None
        ratio = None
        if diff is not None and last_total is not None and grand is not None:
            ratio = change(grand.value, last_total.value)
        rows = [
            AnnexRow(
                category_name.get(c, c),
                cells[r],
                row_totals[r],
                last_rows[r] if last_rows else None,
            )
            for r, c in enumerate(cats)
        ]
        indicator_out.append(
            IndicatorFigures(
                phrase=ind.phrase,
                categories=[category_name.get(c, c) for c in cats],
                areas=[area_name.get(a, a) for a in ind.areas],
                total=grand,
                last_year=last_total,
                change=diff,
                change_ratio=ratio,
                top_areas=top,
                months=tertial.months,
                rows=rows,
                totals=AnnexRow("", col_totals, grand, last_total),
            )
        )

    insats_out = []
    for j, ins in enumerate(insatser):
        before_first, before_last, after_first, after_last = windows[j]
        insats_out.append(
            InsatsFigures(
                title=ins.title,
                start=ins.start,
                end=ins.end or ins.start,
                area=area_name.get(ins.area, ins.area) if ins.area else None,
                categories=[category_name.get(c, c) for c in ins.categories],
                owner=ins.owner.value if ins.owner else None,
                note=ins.note,
                before_first=before_first,
                before_last=before_last,
                after_first=after_first,
                after_last=after_last,
                before=get(BEFORE(j)),
                after=get(AFTER(j)),
                comparison=[area_name.get(a, a) for a in _comparison(ins, area_name)],
                comparison_before=get(COMPARISON_BEFORE(j)),
                comparison_after=get(COMPARISON_AFTER(j)),
            )
        )
    return indicator_out, insats_out


def _comparison(ins: Insats, area_name: dict[str, str]) -> list[str]:
    """The areas an insats is compared with: those it names, else every other area."""
    if ins.area is None:
        return []
    return list(dict.fromkeys(ins.comparison)) or [a for a in area_name if a != ins.area]


def _told(
    by_area: list[dict[str, FigureKey]], tops: list[list[str]], threshold: int
) -> dict[FigureKey, tuple[int, int]]:
    """What "Mest i" tells a reader of each area's count: at least N when named; fewer when
    not named while one or two are. No list tells nothing: it may have been left out."""
    n = max(threshold, 1)
    return {
        key: (n, INF) if a in top else (0, n - 1) if len(top) < TOP_AREAS else (0, INF)
        for keys, top in zip(by_area, tops, strict=True)
        if top
        for a, key in keys.items()
    }


def _top_areas(
    raw: dict[FigureKey, int], keys: dict[str, FigureKey], threshold: int, names: dict[str, str]
) -> list[str]:
    """The (up to three) areas with the most incidents, at least N each: "Mest i"."""
    found = sorted(
        ((a, raw[k]) for a, k in keys.items() if raw[k] >= max(threshold, 1)),
        key=lambda kv: (-kv[1], names.get(kv[0], kv[0]).casefold()),
    )
    return [a for a, _ in found[:TOP_AREAS]]


def _month_span(tertial: Tertial, month: int) -> tuple[date, date]:
    """[first day, first day of the next month) of one month of the tertial."""
    first = date(tertial.year, month, 1)
    nxt = date(tertial.year + 1, 1, 1) if month == 12 else date(tertial.year, month + 1, 1)
    return first, nxt
