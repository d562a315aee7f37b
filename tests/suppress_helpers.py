"""Suppression of one plain table or one line of counts: what the brute-force oracles in
test_tertial_suppress.py check. Documents use est_cli.aggregate.suppress.protect_linked
directly; these build its figures and lines for the simplest shapes."""

from __future__ import annotations

from dataclasses import dataclass

from est_cli.aggregate.suppress import (
    SUPPRESSED,
    Figure,
    FigureKey,
    Kind,
    Line,
    is_small,
    protect_linked,
)

CELL = Kind("cell", leaf=True)  # r, c
ROW = Kind("row")  # r
COL = Kind("col")  # c
GRAND = Kind("grand")


def single(value: int, threshold: int) -> Figure:
    """One stand-alone count (no totals published alongside it)."""
    if is_small(value, threshold):
        return Figure(None, SUPPRESSED)
    return Figure(value)


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
    raw: dict[FigureKey, int] = {}
    for r, row in enumerate(values):
        if len(row) != n_cols:
            raise ValueError("every row needs the same number of columns")
        for c, v in enumerate(row):
            raw[CELL(r, c)] = v
        raw[ROW(r)] = sum(row)
    for c in range(n_cols):
        raw[COL(c)] = sum(values[r][c] for r in range(n_rows))
    raw[GRAND()] = sum(raw[ROW(r)] for r in range(n_rows))

    lines: list[Line] = []
    for r in range(n_rows):
        lines.append((ROW(r), [CELL(r, c) for c in range(n_cols)]))
    for c in range(n_cols):
        lines.append((COL(c), [CELL(r, c) for r in range(n_rows)]))
    lines.append((GRAND(), [ROW(r) for r in range(n_rows)]))
    lines.append((GRAND(), [COL(c) for c in range(n_cols)]))

    figures = protect_linked(raw, lines, threshold)
    return ProtectedTable(
        cells=[[figures[CELL(r, c)] for c in range(n_cols)] for r in range(n_rows)],
        row_totals=[figures[ROW(r)] for r in range(n_rows)],
        col_totals=[figures[COL(c)] for c in range(n_cols)],
        grand=figures[GRAND()],
    )


def protect_line(values: list[int], threshold: int) -> tuple[list[Figure], Figure]:
    """Counts published with their total only (one column, or one row, of a table)."""
    raw = {CELL(i, 0): v for i, v in enumerate(values)}
    raw[GRAND()] = sum(values)
    figures = protect_linked(raw, [(GRAND(), [CELL(i, 0) for i in range(len(values))])], threshold)
    return [figures[CELL(i, 0)] for i in range(len(values))], figures[GRAND()]
