"""Small-count suppression for published documents.

A published count from 1 to `threshold - 1` is shown as "färre än N" (primary suppression).
Where totals are published too, a suppressed count could be backed out by subtraction
("total 23, the other cells add up to 21"); so in every table, each row and column whose
total is shown must either hide nothing, or hide at least two counts whose sum does not pin
them down (two hidden counts adding up to 2 are both 1). When that does not hold, the
smallest other count in that line is hidden too (secondary suppression, shown as "×");
a "färre än N" total that would pin its parts down is shown as "×" instead.
Changes are only published between two shown figures.

A `Figure` carries only what may be published: the raw value of a hidden count never
leaves this module, so no template or JSON output can print it by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

State = Literal["shown", "suppressed", "hidden"]
SHOWN: State = "shown"
SUPPRESSED: State = "suppressed"  # 1 … threshold-1: "färre än N"
HIDDEN: State = "hidden"  # secondary suppression: "×"


@dataclass(frozen=True)
class Figure:
    """A count as published: its value when shown, otherwise only why it is not shown."""

    value: int | None
    state: State = SHOWN

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


def is_small(value: int, threshold: int) -> bool:
    """True for counts that must not be published exactly: 1 … threshold-1."""
    return 1 <= value < threshold


def single(value: int, threshold: int) -> Figure:
    """One stand-alone count (no totals published alongside it)."""
    if is_small(value, threshold):
        return Figure(None, SUPPRESSED)
    return Figure(value)


def difference(current: Figure, previous: Figure) -> int | None:
    """current − previous, only when both are shown (else it could reveal a hidden count)."""
    if current.value is None or previous.value is None:
        return None
    return current.value - previous.value


Cell = tuple[str, int, int]  # ("cell", r, c) | ("row", r, 0) | ("col", c, 0) | ("grand", 0, 0)


@dataclass(frozen=True)
class ProtectedTable:
    """A table of counts with its row totals, column totals and grand total, as published."""

    cells: list[list[Figure]]
    row_totals: list[Figure]
    col_totals: list[Figure]
    grand: Figure


def protect_table(values: list[list[int]], threshold: int) -> ProtectedTable:
    """Apply primary and secondary suppression to `values` (rows × columns) and its totals."""
    n_rows = len(values)
    n_cols = len(values[0]) if values else 0
    raw: dict[Cell, int] = {}
    for r, row in enumerate(values):
        if len(row) != n_cols:
            raise ValueError("every row needs the same number of columns")
        for c, v in enumerate(row):
            raw[("cell", r, c)] = v
        raw[("row", r, 0)] = sum(row)
    for c in range(n_cols):
        raw[("col", c, 0)] = sum(values[r][c] for r in range(n_rows))
    raw[("grand", 0, 0)] = sum(raw[("row", r, 0)] for r in range(n_rows))

    lines: list[tuple[Cell, list[Cell]]] = []
    for r in range(n_rows):
        lines.append((("row", r, 0), [("cell", r, c) for c in range(n_cols)]))
    for c in range(n_cols):
        lines.append((("col", c, 0), [("cell", r, c) for r in range(n_rows)]))
    lines.append((("grand", 0, 0), [("row", r, 0) for r in range(n_rows)]))
    lines.append((("grand", 0, 0), [("col", c, 0) for c in range(n_cols)]))

    state = _solve(raw, lines, threshold)

    def fig(key: Cell) -> Figure:
        return Figure(raw[key] if state[key] == SHOWN else None, state[key])

    return ProtectedTable(
        cells=[[fig(("cell", r, c)) for c in range(n_cols)] for r in range(n_rows)],
        row_totals=[fig(("row", r, 0)) for r in range(n_rows)],
        col_totals=[fig(("col", c, 0)) for c in range(n_cols)],
        grand=fig(("grand", 0, 0)),
    )


def protect_line(values: list[int], threshold: int) -> tuple[list[Figure], Figure]:
    """Counts published with their total only (one column, or one row, of a table)."""
    raw: dict[Cell, int] = {("cell", i, 0): v for i, v in enumerate(values)}
    raw[("grand", 0, 0)] = sum(values)
    state = _solve(raw, [(("grand", 0, 0), [k for k in raw if k[0] == "cell"])], threshold)
    figs = [Figure(v if state[k] == SHOWN else None, state[k]) for k, v in raw.items()]
    return figs[:-1], figs[-1]


def _solve(
    raw: dict[Cell, int], lines: list[tuple[Cell, list[Cell]]], threshold: int
) -> dict[Cell, State]:
    """Primary suppression, then secondary suppression until no small count is pinned down."""
    state: dict[Cell, State] = {
        k: (SUPPRESSED if is_small(v, threshold) else SHOWN) for k, v in raw.items()
    }
    if threshold <= 1:
        return state
    while True:
        bounds = _bounds(raw, lines, state, threshold)
        pinned = sorted(
            k
            for k, (low, high) in bounds.items()
            if state[k] != SHOWN and is_small(raw[k], threshold) and low == high
        )
        if not pinned:
            return state
        key = pinned[0]
        near = [
            p
            for total, parts in lines
            if key == total or key in parts
            for p in (*parts, total)
            if state[p] == SHOWN and raw[p] > 0
        ]
        if not near:  # a "färre än N" total around it bounds it: show that total as "×"
            near = [total for total, parts in lines if key in parts and state[total] == SUPPRESSED]
        if not near and state[key] == SUPPRESSED:
            near = [key]
        if not near:
            near = [p for p in raw if state[p] != HIDDEN and raw[p] > 0]
            if not near:
                return state  # everything is hidden already
        # Prefer hiding a count next to it; a total only when no count is left.
        pick = min(near, key=lambda p: (p[0] != "cell", raw[p], p))
        state[pick] = HIDDEN


INF = 10**12


def _bounds(
    raw: dict[Cell, int],
    lines: list[tuple[Cell, list[Cell]]],
    state: dict[Cell, State],
    threshold: int,
) -> dict[Cell, tuple[int, int]]:
    """What a reader can work out about each figure: its (lowest, highest) possible value.

    Shown: exact. "färre än N": 1 … N-1. "×": at least N (a reader who knows this rule
    knows a hidden count was a shown one), or 1 for a hidden small total. Then every line
    (total = sum of parts) narrows the bounds of its members until nothing changes.
    """

    def own(k: Cell) -> tuple[int, int]:
        if state[k] == SHOWN:
            return raw[k], raw[k]
        if state[k] == SUPPRESSED:
            return 1, threshold - 1
        return (threshold if raw[k] >= threshold else 1), INF

    out = {k: own(k) for k in raw}
    for _ in range(100):
        changed = False
        for total, parts in lines:
            lo = sum(out[p][0] for p in parts)
            hi = min(INF, sum(out[p][1] for p in parts))
            t_lo, t_hi = out[total]
            new_total = (max(t_lo, lo), min(t_hi, hi))
            if new_total != out[total]:
                out[total], changed = new_total, True
            t_lo, t_hi = out[total]
            for p in parts:
                p_lo, p_hi = out[p]
                others_lo, others_hi = lo - p_lo, min(INF, hi - p_hi) if hi < INF else INF
                new = (max(p_lo, t_lo - others_hi), min(p_hi, t_hi - others_lo))
                if new != out[p]:
                    out[p], changed = new, True
                    lo = sum(out[q][0] for q in parts)
                    hi = min(INF, sum(out[q][1] for q in parts))
        if not changed:
            break
    return out
