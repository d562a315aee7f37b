"""How an indicator's annex table is laid out, and which layout hides least.

A table has a row per category and a column per month. When suppression would hide a whole
row (its total "×" or "färre än N"), a coarser table often shows more: the small categories
merged into one row "övriga kategorier", or the month split dropped so that only the
period's totals are shown. `alternatives` proposes those layouts, `score` ranks what
suppression made of each; est_cli.aggregate.tertial protects each candidate with the whole
document, so every layout is proven safe the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from est_cli.aggregate.atoms import Count
from est_cli.aggregate.suppress import HIDDEN, SHOWN, Figure, FigureKey, Kind, Line
from est_cli.periods import Tertial

# The figures of the document, named by where they are (i: indicator, r: row of the
# layout, m: month, j: insats). Cells and insats windows are leaves, the rest sums of them.
CELL = Kind("cell", leaf=True)  # i, r, m
LAST_YEAR = Kind("ly", leaf=True)  # i, r: the same tertial a year earlier
ROW = Kind("row")  # i, r: the whole tertial
COLUMN = Kind("col")  # i, m: every category
GRAND = Kind("grand")  # i: the indicator's count for the tertial
LAST_YEAR_TOTAL = Kind("lyt")  # i
TABLE_KINDS = (CELL, LAST_YEAR, ROW, COLUMN, GRAND, LAST_YEAR_TOTAL)


@dataclass(frozen=True)
class Layout:
    """The rows of one indicator's table (category ids each) and whether months are shown."""

    groups: tuple[tuple[str, ...], ...]
    merged: bool = False  # the last row is "övriga kategorier"
    months: bool = True

    @classmethod
    def full(cls, categories: list[str]) -> Layout:
        return cls(tuple((c,) for c in dict.fromkeys(categories)))

    @property
    def single_row(self) -> bool:
        return len(self.groups) == 1


@dataclass(frozen=True)
class Spans:
    """The periods of one document, and which of them the data covers."""

    tertial: Tertial
    months: list[tuple[date, date]]  # [first day, next month's first day)
    month_ok: list[bool]
    covered: bool
    previous: Tertial
    last_covered: bool

    @property
    def whole(self) -> tuple[date, date]:
        return self.tertial.first_day, self.tertial.last_day + timedelta(days=1)

    @property
    def last(self) -> tuple[date, date]:
        return self.previous.first_day, self.previous.last_day + timedelta(days=1)


def indicator_counts(
    i: int, layout: Layout, areas: frozenset[str] | None, spans: Spans
) -> tuple[list[Count], list[Count], list[Line]]:
    """The counts of one indicator's table (cells, then totals) and the lines between them."""
    counts: list[Count] = []
    totals: list[Count] = []
    lines: list[Line] = []
    groups = [frozenset(g) for g in layout.groups]
    rows = range(len(groups))
    months = [m for m, ok in enumerate(spans.month_ok) if ok] if layout.months else []
    for r, cats in enumerate(groups):
        for m in months:
            counts.append(Count(CELL(i, r, m), i, cats, areas, *spans.months[m]))
        if spans.last_covered:
            counts.append(Count(LAST_YEAR(i, r), i, cats, areas, *spans.last))
    all_cats = frozenset().union(*groups)
    if not layout.single_row:  # one row: the row is the totals row
        for m in months:
            lines.append((COLUMN(i, m), [CELL(i, r, m) for r in rows]))
            totals.append(Count(COLUMN(i, m), i, all_cats, areas, *spans.months[m]))
    if spans.covered:
        totals.append(Count(GRAND(i), i, all_cats, areas, *spans.whole))
        if layout.single_row:
            if months:
                lines.append((GRAND(i), [CELL(i, 0, m) for m in months]))
        else:
            for r, cats in enumerate(groups):
                if months:
                    lines.append((ROW(i, r), [CELL(i, r, m) for m in months]))
                totals.append(Count(ROW(i, r), i, cats, areas, *spans.whole))
            lines.append((GRAND(i), [ROW(i, r) for r in rows]))
            if months:
                lines.append((GRAND(i), [COLUMN(i, m) for m in months]))
    if spans.last_covered:
        lines.append((LAST_YEAR_TOTAL(i), [LAST_YEAR(i, r) for r in rows]))
        if not layout.single_row:
            totals.append(Count(LAST_YEAR_TOTAL(i), i, all_cats, areas, *spans.last))
    return counts, totals, lines


def hidden_rows(figures: dict[FigureKey, Figure], i: int, layout: Layout) -> int:
    """Rows of a table of several whose tertial total is not shown: "×" or "färre än N"."""
    if layout.single_row:
        return 0
    return sum(
        1
        for r in range(len(layout.groups))
        if (f := figures.get(ROW(i, r))) is not None and f.state != SHOWN
    )


def alternatives(
    layout: Layout,
    figures: dict[FigureKey, Figure],
    raw: dict[FigureKey, int],
    i: int,
    threshold: int,
    regroup: bool = True,
) -> list[Layout]:
    """Coarser layouts of a table that hides whole rows, best first when they hide as much.

    Merging: the rows whose totals are small (below the threshold), and then also those
    whose totals are not shown, joined by the smallest others until the merged row holds at
    least two categories and reaches the threshold, keeping at least one category on a row
    of its own. `regroup` False keeps the
    rows as they are (last year's document has them so: the two must agree).
    """
    out: list[Layout] = []
    groups = list(layout.groups)
    if regroup and not layout.merged and len(groups) > 2:
        size = {r: raw.get(ROW(i, r), 0) for r in range(len(groups))}
        small = {r for r in size if size[r] < threshold}
        lost = {r for r in size if (f := figures.get(ROW(i, r))) is None or not f.shown}
        for seed in (small, small | lost):
            merge = set(seed)
            for r in sorted(size, key=lambda r: (size[r], r)):
                if len(merge) >= 2 and sum(size[m] for m in merge) >= threshold:
                    break
                merge.add(r)
            if 2 <= len(merge) < len(groups):
                kept = tuple(g for r, g in enumerate(groups) if r not in merge)
                other = tuple(c for r, g in enumerate(groups) if r in merge for c in g)
                if (merged := Layout((*kept, other), merged=True)) not in out:
                    out.append(merged)
    out.append(Layout(layout.groups, layout.merged, months=False))
    out += [Layout(g.groups, g.merged, months=False) for g in out[:-1]]
    return out


def score(figures: dict[FigureKey, Figure], i: int, layout: Layout) -> tuple[int, int, int, int]:
    """Lower is better: whole rows hidden, then the table's "×", then the document's, then
    (to break ties) the more figures shown the better. "Färre än N" is not counted: every
    layout has to say that of a small count."""
    table = [f for k, f in figures.items() if k.kind in TABLE_KINDS and k.at[:1] == (i,)]
    return (
        hidden_rows(figures, i, layout),
        sum(1 for f in table if f.state == HIDDEN),
        sum(1 for f in figures.values() if f.state == HIDDEN),
        -sum(1 for f in table if f.state == SHOWN),
    )
