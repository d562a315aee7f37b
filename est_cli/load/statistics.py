"""Reading the police's monthly statistics of reported crimes (anmälda brott).

A small aggregated format, one row per month and crime category, optionally per area:

    Månad;Brottskategori;Antal;Område
    2021-03;Skadegörelse;14;Ramdal
    2021-03;Stöld och snatteri;22;

The files `sources.statistics` in est.yaml match are read by the same engine as incident and
survey exports (`est_cli.load.describe` maps the headers, `est_cli.load.checks` checks whole
columns), and every problem names file, row and column.

**Categories are the police's own.** They are free labels ("Skadegörelse", "Stöld och
snatteri", "Bostadsinbrott") that est neither declares nor checks against its incident
categories: a reported crime and an incident report are different measures, and the two are
never added together (they live in different frames; nothing joins them). Each label gets a
stable id, its normalised spelling (`category_id`): 'Stöld och snatteri' and 'STÖLD OCH
SNATTERI' are one category, shown by the spelling of its first row.

**Area** is optional: an empty area is the whole municipality. A named area must be one of
est.yaml's (with 'did you mean' otherwise). The same month, category and area twice is an
error on the later row, which is not used.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from est_cli.errors import N_, Problem
from est_cli.load.aliases import normalize
from est_cli.load.checks import blank_rows, counts, known_ids, months
from est_cli.load.describe import Column, Description, map_columns, missing_columns
from est_cli.load.found import Found
from est_cli.load.tables import read_table
from est_cli.load.tokenize import TEXT
from est_cli.load.workspace import Workspace
from est_cli.models.settings import StatisticsField, StatisticsSource

S = StatisticsField

STATISTICS = Description(
    "statistics",
    (
        Column(S.month, "Månad", ("månad", "manad", "år-månad", "period", "month"), "month", True),
        Column(
            S.category,
            "Brottskategori",
            ("brottskategori", "kategori", "brottstyp", "brott", "category"),
            required=True,
        ),
        Column(
            S.count,
            "Antal",
            ("antal", "antal anmälda brott", "anmälda brott", "antal brott", "count"),
            "count",
            True,
        ),
        Column(S.area, "Område", ("område", "omrade", "kommundel", "lokalområde", "area"), "area"),
    ),
)
_ORDER: dict[str, int] = {S.month: 1, S.category: 2, S.count: 3, S.area: 4}
COLUMNS = ["source", "line", "month", "category", "category_label", "area", "count"]


def category_id(label: str) -> str:
    """The stable id of a police category label: its normalised spelling."""
    return normalize(label)


def empty_statistics() -> pd.DataFrame:
    return _typed(pd.DataFrame({c: [] for c in COLUMNS}))


def load_statistics(ws: Workspace) -> tuple[pd.DataFrame, list[Problem]]:
    """Every file `sources.statistics` matches, read and validated: one frame of the
    usable rows (columns `COLUMNS`: source, line, month 'YYYY-MM', category id, category
    label, area id or <NA> for the whole municipality, count) and every problem found.
    Empty, without problems, when est.yaml names no statistics."""
    jobs: dict[Path, StatisticsSource] = {}
    problems: list[Problem] = []
    for source in ws.settings.sources.statistics:
        found, outside = ws.glob(source.files)
        problems += outside
        for path in found:
            jobs.setdefault(path, source)
    frames = []
    rows = 0
    for path, source in jobs.items():
        frame, read, n = _read_file(ws, ws.rel(path), path.read_bytes(), source)
        frames.append(frame)
        problems += read
        rows += n
    if ws.settings.sources.statistics and not jobs:
        patterns = ", ".join(p for s in ws.settings.sources.statistics for p in s.files)
        problems.append(
            Problem(
                "est.yaml",
                *ws.doc.locate(("sources", "statistics")),
                "sources.statistics",
                N_("no statistics files match %(patterns)s", patterns=patterns),
                severity="warning",
                code="no-files",
                hint=N_(
                    "put the police's statistics there, or change sources.statistics in est.yaml"
                ),
            )
        )
    frame, repeated = _unique(_typed(pd.concat([empty_statistics(), *frames], ignore_index=True)))
    frame.attrs.update(files=len(jobs), rows=rows)  # what est check counts
    return frame, problems + repeated


def _read_file(
    ws: Workspace, rel: str, raw: bytes, source: StatisticsSource
) -> tuple[pd.DataFrame, list[Problem], int]:
    """One file's usable rows, its problems, and how many rows it has (blank ones aside)."""
    read = read_table(raw, source, rel)
    if isinstance(read, Problem):
        return empty_statistics(), [read], 0
    table = read[0]
    if table is None:
        empty = Problem(rel, None, None, None, N_("the file is empty"), code="empty-file")
        return empty_statistics(), [empty], 0
    mapped = map_columns(table.headers, STATISTICS, source.columns)
    missing = missing_columns(rel, table.header_line, table.headers, STATISTICS, mapped)
    if missing:
        return empty_statistics(), missing, 0
    blank = blank_rows(table.cells, list(range(len(table.headers))))
    cells, lines = table.cells[~blank].reset_index(drop=True), table.lines[~blank]
    n = len(cells)
    cols = mapped.columns
    found = Found(rel, lines, table.headers, cols, STATISTICS.labels, _ORDER)

    def column(fld: str) -> pd.Series[str]:
        i = cols.get(fld)
        return cells[i].str.strip() if i is not None else pd.Series([""] * n, dtype=TEXT)

    month = months(column(S.month), S.month, found)
    labels = column(S.category)
    unnamed = (labels == "").to_numpy(dtype=bool)
    if unnamed.any():
        found.add(
            np.flatnonzero(unnamed),
            S.category,
            lambda _r: (
                N_("the crime category is empty"),
                N_("write the police's category, e.g. Skadegörelse"),
            ),
            "empty-category",
        )
    number = counts(column(S.count), S.count, found)
    area = known_ids(column(S.area), S.area, ws.areas, found, None)
    frame = pd.DataFrame(
        {
            "source": rel,
            "line": lines,
            "month": month,
            "category": labels.map(category_id),
            "category_label": labels,
            "area": area,
            "count": number,
        }
    )
    return frame[~found.bad].reset_index(drop=True), found.sorted(), n


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype(
        {
            "source": "string",
            "line": "int32",
            "month": "string",
            "category": "string",
            "category_label": "string",
            "area": "string",
            "count": "int64",
        }
    )
    return frame[COLUMNS]


def _unique(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """The frame without a second row of one month, category and area; an error for it."""
    key = frame["month"] + "\x00" + frame["category"] + "\x00" + frame["area"].fillna("")
    again = key.duplicated(keep="first").to_numpy(dtype=bool)
    if not again.any():
        return frame, []
    first = frame[~again].assign(_key=key[~again]).set_index("_key")
    out = []
    for k, rel, line, month, label, area in zip(
        key[again],
        frame["source"][again],
        frame["line"][again],
        frame["month"][again],
        frame["category_label"][again],
        frame["area"][again],
        strict=True,
    ):
        at = f"{first.at[k, 'source']!s}:{first.at[k, 'line']!s}"
        where = N_("the whole municipality") if pd.isna(area) else f"'{area!s}'"
        out.append(
            Problem(
                str(rel),
                int(line),
                None,
                None,
                N_(
                    "%(month)s, '%(category)s', %(area)s is already counted at %(at)s; "
                    "this row is not used",
                    month=month,
                    category=label,
                    area=where,
                    at=at,
                ),
                hint=N_(
                    "each month, category and area is one row: remove the repeated row, or "
                    "correct its month, category or area"
                ),
                code="duplicate-row",
            )
        )
    return frame[~again].reset_index(drop=True), out
