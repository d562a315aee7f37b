"""The problems of one export as its columns are checked, kept row by row.

Checks work on whole columns and the distinct values in them; `Found` collects what they
find with each row's position, so the problems list row by row as a spreadsheet shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from est_cli.errors import Problem, Severity
from est_cli.load.headers import FIELD_LABELS
from est_cli.load.tokenize import TEXT
from est_cli.models.settings import IncidentField

F = IncidentField
# A row's problems are listed in this order, as a reader goes through the row.
ORDER: dict[str, int] = {"column-count": 0, F.occurred_at: 1, F.date: 1, F.time: 2, F.area: 3}
ORDER |= {F.category: 4, F.severity: 5, F.lat: 6, F.lon: 7}


class Found:
    """Problems of one file, kept with each row's position so they list row by row.

    `labels` name a field whose column is missing, `order` places a field's problem in its
    row's list: the incident export's unless another source's are given."""

    def __init__(
        self,
        rel: str,
        lines: npt.NDArray[np.int64],
        headers: list[str],
        mapping: Mapping[IncidentField, int] | Mapping[str, int],
        labels: Mapping[str, str] = FIELD_LABELS,
        order: Mapping[str, int] = ORDER,
    ):
        self.rel, self.lines, self.headers = rel, lines, headers
        self.mapping: dict[str, int] = {str(k): i for k, i in mapping.items()}
        self.labels, self.order = labels, order
        self.items: list[tuple[int, int, Problem]] = []
        self.bad = np.zeros(len(lines), dtype=bool)  # rows that cannot be used

    def header(self, fld: str) -> str:
        i = self.mapping.get(fld)
        return self.headers[i] if i is not None else self.labels[fld]

    def add(
        self,
        rows: npt.NDArray[np.intp],
        fld: str | None,
        message: Callable[[int], tuple[str, str | None]],
        code: str,
        severity: Severity = "error",
        order: int | None = None,
        column: str | None = None,
        fix: Callable[[int], str | None] | None = None,
    ) -> None:
        """A problem for each row in `rows`; `message(row)` gives its text and hint. `fld`
        gives the column and the place in the row's list; without it, `column` and `order`.
        `fix(row)`, when given, is the est.yaml snippet that would fix it."""
        if fld is not None:
            column = column or self.header(fld)
            rank = self.order[fld] if order is None else order
        else:
            assert order is not None, "a problem without a field is given its order"
            rank = order
        for r in rows.tolist():
            line = int(self.lines[r])
            what, hint = message(r)
            problem = Problem(
                self.rel,
                line,
                None,
                column,
                what,
                severity=severity,
                hint=hint,
                code=code,
                fix=fix(r) if fix else None,
            )
            self.items.append((line, rank, problem))
        if severity == "error" and code != "personnummer":
            self.bad[rows] = True

    def forget(self, rows: npt.NDArray[np.bool_], keep: Callable[[Problem], bool]) -> None:
        """Drop the problems of these rows (ignored by est.yaml) except those `keep` wants."""
        lines = set(self.lines[rows].tolist())
        self.items = [i for i in self.items if i[0] not in lines or keep(i[2])]
        self.bad[rows] = False

    def sorted(self) -> list[Problem]:
        return [p for _, _, p in sorted(self.items, key=lambda item: item[:2])]


def distinct(values: pd.Series[str]) -> tuple[npt.NDArray[np.int64], pd.Series[str]]:
    """Row codes and the distinct values (stripped): checks run once per distinct value."""
    codes, uniques = pd.factorize(values)
    return codes, pd.Series(uniques, dtype=TEXT).str.strip()


def text_at(values: pd.Series[str], i: int) -> str:
    """The text at position `i` (pandas-stubs type `Series.iat` as any scalar)."""
    return cast(str, values.iat[i])
