"""The figures of a tertial follow-up, computed from the incident frame, safe to publish.

Everything returned here has passed publication suppression (est_cli.aggregate.suppress):
raw counts below the threshold never leave this module. No descriptions, places or
reporter organisations are read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from est_cli.aggregate.annex_layout import (
    CELL,
    COLUMN,
    GRAND,
    LAST_YEAR,
    LAST_YEAR_TOTAL,
    ROW,
    Layout,
    Spans,
    alternatives,
    hidden_rows,
    score,
)
from est_cli.aggregate.counts import change
from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.suppress import (
    HIDDEN,
    Figure,
    FigureKey,
    difference,
)
from est_cli.aggregate.tertial_protect import (
    AFTER,
    BEFORE,
    COMPARISON_AFTER,
    COMPARISON_BEFORE,
    MAP,
    Protect,
    comparison_areas,
)
from est_cli.models.base import Insats
from est_cli.models.pledge import Indicator
from est_cli.periods import Tertial

if TYPE_CHECKING:
    import pandas as pd

WINDOW_DAYS = 28  # insatser: incidents in the 4 weeks before and after (by default)


@dataclass(frozen=True)
class AnnexRow:
    name: str
    months: list[Figure | None]  # None: the data does not cover that month
    total: Figure | None  # None: the data does not cover the whole tertial
    last_year: Figure | None
    categories: tuple[str, ...] = ()  # the categories it counts (several: "övriga")
    other: bool = False  # "övriga kategorier": small categories merged into one row


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
    months: list[int]  # empty: the table shows the whole period only
    rows: list[AnnexRow]
    totals: AnnexRow

    @property
    def only_total(self) -> bool:
        """True when its annex table would tell nothing but the total (and last year's, both
        in the text already): every other figure "×" (or "–"). Such a table is left out."""
        many = len(self.rows) > 1
        if not many and not self.months:
            return self.total is not None
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

    A table that would hide a whole row is tried coarser (annex_layout.alternatives: small
    categories merged into "övriga kategorier", or the month split dropped), each try
    protected with the whole document; the one that hides least is kept.

    `published`: for each indicator, its figures in last year's follow-up of the same
    tertial (None: not published). The same-period-last-year column then shows them as that
    document did, so the two documents together tell no more than each alone; the table
    keeps that document's rows.
    `days`: the days counted before and after each insats (est.yaml's `evaluation:`).
    `area_map`: the areas of the map (issue 8 §3), each given its figure of the period.
    """
    previous = tertial.shift(-3)
    month_spans = [_month_span(tertial, m) for m in tertial.months]
    spans = Spans(
        tertial=tertial,
        months=month_spans,
        month_ok=[coverage.covers(a, b - timedelta(days=1)) for a, b in month_spans],
        covered=coverage.covers(tertial.first_day, tertial.last_day),
        previous=previous,
        last_covered=coverage.covers(previous.first_day, previous.last_day),
    )
    before = published or [None] * len(indicators)
    layouts = [
        _layout_of(b, category_name) if b is not None else Layout.full(list(ind.categories))
        for ind, b in zip(indicators, before, strict=True)
    ]
    mapped = list(area_map or {}) if spans.covered else []
    protect = Protect(df, indicators, insatser, spans, coverage, threshold, area_name, days, mapped)
    raw, figures, tops = protect(layouts)
    for i in range(len(indicators)):
        if not spans.covered or not hidden_rows(figures, i, layouts[i]):
            continue
        best = (score(figures, i, layouts[i]), layouts, raw, figures, tops)
        whole_rows = best[0][0]
        regroup = before[i] is None
        for alt in alternatives(layouts[i], figures, raw, i, threshold, regroup):
            trial = [*layouts[:i], alt, *layouts[i + 1 :]]
            t_raw, t_figures, t_tops = protect(trial)
            found = score(t_figures, i, alt)
            # Coarser only to hide fewer whole rows: fewer "×" alone is not worth a split.
            if found[0] < whole_rows and found < best[0]:
                best = (found, trial, t_raw, t_figures, t_tops)
        _, layouts, raw, figures, tops = best
    raw, figures, tops = protect(layouts, fewest=True)

    def get(key: FigureKey) -> Figure | None:
        return figures.get(key)

    if area_map is not None:
        for area in area_map:
            area_map[area] = get(MAP(area)) if area in mapped else None

    indicator_out = []
    for i, ind in enumerate(indicators):
        layout = layouts[i]
        n_rows = len(layout.groups)
        months = range(len(tertial.months)) if layout.months else range(0)
        cells = [[get(CELL(i, r, m)) for m in months] for r in range(n_rows)]
        if layout.single_row:
            row_totals = [get(GRAND(i))]
            col_totals = cells[0]
        else:
            row_totals = [get(ROW(i, r)) for r in range(n_rows)]
            col_totals = [get(COLUMN(i, m)) for m in months]
        grand = get(GRAND(i))
        last_rows = [get(LAST_YEAR(i, r)) for r in range(n_rows)] if spans.last_covered else None
        last_total = get(LAST_YEAR_TOTAL(i)) if spans.last_covered else None
        earlier = before[i]
        if spans.last_covered and earlier is not None:
            last_rows, last_total = [row.total for row in earlier.rows], earlier.total

        top = [area_name.get(a, a) for a in tops[i]]
        diff = difference(grand, last_total) if grand and last_total else None
        ratio = None
        if diff is not None and last_total is not None and grand is not None:
            ratio = change(grand.value, last_total.value)
        rows = []
        for r, group in enumerate(layout.groups):
            names = tuple(category_name.get(c, c) for c in group)
            other = layout.merged and r == n_rows - 1
            rows.append(
                AnnexRow(
                    "" if other else names[0],
                    cells[r],
                    row_totals[r],
                    last_rows[r] if last_rows else None,
                    names,
                    other,
                )
            )
        cats = list(dict.fromkeys(ind.categories))
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
                months=tertial.months if layout.months else [],
                rows=rows,
                totals=AnnexRow("", col_totals, grand, last_total),
            )
        )

    insats_out = []
    for j, ins in enumerate(insatser):
        before_first, before_last, after_first, after_last = protect.windows[j]
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
                comparison=[area_name.get(a, a) for a in comparison_areas(ins, area_name)],
                comparison_before=get(COMPARISON_BEFORE(j)),
                comparison_after=get(COMPARISON_AFTER(j)),
            )
        )
    return indicator_out, insats_out


def _layout_of(published: IndicatorFigures, category_name: dict[str, str]) -> Layout:
    """The rows of last year's table of an indicator: this year's table keeps them."""
    ids = {name: c for c, name in category_name.items()}
    groups = tuple(
        tuple(ids.get(n, n) for n in (row.categories or (row.name,))) for row in published.rows
    )
    return Layout(groups, merged=bool(published.rows) and published.rows[-1].other)


def _month_span(tertial: Tertial, month: int) -> tuple[date, date]:
    """[first day, first day of the next month) of one month of the tertial."""
    first = date(tertial.year, month, 1)
    nxt = date(tertial.year + 1, 1, 1) if month == 12 else date(tertial.year, month + 1, 1)
    return first, nxt
