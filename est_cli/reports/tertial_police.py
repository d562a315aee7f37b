"""The tertial annex's table of the police's reported crimes ("Polisens anmälda brott").

Shown only when the workspace has police statistics covering the tertial. It is a table of
its own, labelled as the police's measure: its counts are never added to, compared with or
put in a column beside the incident reports. Its small counts are suppressed like every
other annex table's (`protect_linked`, with the sum row as the totals a reader could
subtract from).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from est_cli.aggregate.statistics import police_figures
from est_cli.aggregate.suppress import Figure, FigureKey, Kind, Line, protect_linked
from est_cli.periods import Tertial
from est_cli.render.fmt import Formatter

CELL = Kind("police-cell", leaf=True)
SUM = Kind("police-sum")
_SPANS = ("current", "previous", "last_year")


def police_view(
    frame: pd.DataFrame, period: Tertial, threshold: int, fmt: Formatter
) -> dict[str, Any] | None:
    """The table's rows (each a label and a Figure per column), its sum row and column
    labels; None when the statistics do not cover the tertial (or there are none)."""
    figures = police_figures(frame, period)
    if not figures.covered or not figures.rows:
        return None
    spans = [period, period.shift(-1), period.year_before()]
    shown = [k for k, name in enumerate(_SPANS) if _complete(figures.rows, name)]
    raw: dict[FigureKey, int] = {}
    lines: list[Line] = []
    for k in shown:
        name = _SPANS[k]
        cells = [CELL(r, k) for r in range(len(figures.rows))]
        for r, row in enumerate(figures.rows):
            raw[cells[r]] = int(getattr(row, name))
        raw[SUM(k)] = sum(raw[c] for c in cells)
        lines.append((SUM(k), cells))
    safe = protect_linked(raw, lines, threshold)

    def cell(key: FigureKey) -> Figure | None:
        return safe.get(key)

    labels = [fmt.tertial_short(s) for s in spans]
    return {
        "columns": [labels[k][:1].upper() + labels[k][1:] for k in shown],
        "rows": [
            {"name": row.label, "cells": [cell(CELL(r, k)) for k in shown]}
            for r, row in enumerate(figures.rows)
        ],
        "totals": [cell(SUM(k)) for k in shown],
        "json": {
            "measure": "police reported crimes",
            "periods": [spans[k].key for k in shown],
            "rows": [
                {
                    "category": row.category,
                    "label": row.label,
                    "counts": [_value(cell(CELL(r, k))) for k in shown],
                }
                for r, row in enumerate(figures.rows)
            ],
            "totals": [_value(cell(SUM(k))) for k in shown],
        },
    }


def _complete(rows: list[Any], name: str) -> bool:
    return all(getattr(row, name) is not None for row in rows)


def _value(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {"value": figure.value, "state": figure.state}
