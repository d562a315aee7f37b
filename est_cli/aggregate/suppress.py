"""Small-count suppression for published documents.

A published count from 1 to `threshold - 1` is shown as "färre än N" (primary suppression).
Where totals are published too, a suppressed count could be backed out by subtraction
("total 23, the other cells add up to 21"); so in every table, each row and column whose
total is shown must either hide nothing, or hide at least two counts whose sum does not pin
them down (two hidden counts adding up to 2 are both 1). When that does not hold, the
smallest other count in that line is hidden too (secondary suppression, shown as "×").
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
    """Primary suppression, then secondary suppression until every line is safe."""
    state: dict[Cell, State] = {
        k: (SUPPRESSED if is_small(v, threshold) else SHOWN) for k, v in raw.items()
    }
    changed = threshold > 1
    while changed:
        changed = False
        for total, parts in lines:
            if state[total] != SHOWN:
                # A hidden total must not be the plain sum of shown parts.
                if raw[total] == 0 or any(state[p] != SHOWN for p in parts):
                    continue
            elif _line_safe(parts, raw, state, threshold):
                continue
            candidates = [p for p in parts if state[p] == SHOWN and raw[p] > 0]
            pick = min(candidates, key=lambda p: (raw[p], p)) if candidates else total
            state[pick] = HIDDEN
            changed = True
    return state


def _line_safe(
    parts: list[Cell], raw: dict[Cell, int], state: dict[Cell, State], threshold: int
) -> bool:
    """Can no hidden part of a line be worked out from its shown total and shown parts?

    A reader knows a "färre än N" count lies in 1 … N-1 and (to be safe) that a "×" count is
    at least N; the hidden parts' sum is known from the total. That sum pins them down when
    it equals the smallest or the largest sum they could have.
    """
    hidden = [p for p in parts if state[p] != SHOWN]
    if not hidden:
        return True
    if len(hidden) == 1:
        return False
    total = sum(raw[p] for p in hidden)
    small = sum(1 for p in hidden if state[p] == SUPPRESSED)
    other = len(hidden) - small
    lowest = small + other * threshold
    if total <= lowest:
        return False
    return bool(other) or total < small * (threshold - 1)
