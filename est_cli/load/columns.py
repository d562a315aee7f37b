"""Validating an export column by column: whole columns at once, each distinct value once.

A year of a county's incidents has a million rows but only a few hundred distinct dates,
areas and categories, so every check works on the distinct values of a column and
broadcasts the answer back to the rows. Only rows that fail become Python objects (their
problems). The messages are the same, row for row, as the file's spreadsheet would show
them: file, line, column, what was found, what is expected, and a suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from est_cli.errors import N_, Problem, Text
from est_cli.load.checks import blank_rows, timestamps
from est_cli.load.dates import EXPECTED, EXPECTED_TIME, DateParseError, parse_time
from est_cli.load.found import ORDER, Found, distinct, text_at
from est_cli.load.geometry import AreaShapes
from est_cli.load.headers import NOT_SCANNED
from est_cli.load.personnummer import find_personnummer, redact
from est_cli.load.placement import checked_positions, place
from est_cli.load.polisen import NEUTRALISED
from est_cli.load.tokenize import TEXT, RawTable
from est_cli.load.values import ignored, missing_ignore_columns, resolve
from est_cli.load.workspace import Workspace
from est_cli.models.incident import UNPLACED_AREA
from est_cli.models.settings import IncidentField, IncidentSource
from est_cli.models.sources import PoliceSource

F = IncidentField
_PNR_ORDER = 10  # + column index
# Fast paths for the common spellings (ASCII digits); anything else takes the tolerant path.
_DECIMAL = r"[+-]?[0-9]+(?:\.[0-9]+)?"
_SMALL = 2**15  # severities are a small scale, kept as 16-bit integers


@dataclass
class Checked:
    """One file's usable rows (ids not yet unique across files) and what was wrong."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    blank: int = 0
    placed: int = 0  # rows without an area that their position placed
    # the rows est.yaml ignores: line, the rule that matched, the day (ISO) when readable
    ignored: list[tuple[int, str, str | None]] = field(default_factory=list)
    days: dict[int, str] = field(default_factory=dict)  # the day of each unusable row, if read


def check_table(
    table: RawTable,
    rel: str,
    mapping: dict[IncidentField, int],
    source: IncidentSource,
    delimiter: str,
    ws: Workspace,
    shapes: AreaShapes | None = None,
) -> Checked:
    """Every check of every row of one export, in whole columns; the usable rows. With
    `shapes`, rows without an area are placed by their position (est_cli.load.placement)."""
    cells, lines = table.cells, table.lines
    blank = blank_rows(cells, [*mapping.values(), *cells.columns])
    blank[np.isin(lines, list(table.wide))] = False  # it has values past the header's end
    if blank.any():
        cells, lines = cells[~blank].reset_index(drop=True), lines[~blank]
    n = len(cells)
    found = Found(rel, lines, table.headers, mapping)

    if table.wide:
        wide = np.searchsorted(lines, list(table.wide))  # lines ascend with the rows
        assert lines[wide].tolist() == list(table.wide)
        separator = N_("tab") if delimiter == "\t" else f"'{delimiter}'"
        found.add(
            wide,
            None,
            lambda r: (
                N_(
                    "the row has %(values)s values but the header has %(columns)s columns",
                    values=table.wide[int(lines[r])],
                    columns=len(table.headers),
                ),
                N_("a value probably contains an unquoted %(separator)s", separator=separator),
            ),
            "column-count",
            order=ORDER["column-count"],
        )

    def column(fld: IncidentField) -> pd.Series[str]:
        i = mapping.get(fld)
        return cells[i] if i is not None else pd.Series([""] * n, dtype=TEXT)

    when_field = F.occurred_at if F.occurred_at in mapping else F.date
    occurred, has_time = timestamps(
        column(when_field),
        when_field,
        ws.settings.timezone,
        found,
        N_("the date is empty; expected %(expected)s", expected=EXPECTED),
    )
    if F.time in mapping:
        _add_times(column(F.time), occurred, has_time, found)
    lat = _numbers(column(F.lat), F.lat, source, found)
    lon = _numbers(column(F.lon), F.lon, source, found)
    lat, lon = checked_positions(lat, lon, found, F.lat in mapping and F.lon in mapping)
    placeable = None
    police = isinstance(source, PoliceSource)
    no_area = (column(F.area).str.strip() == "").to_numpy(dtype=bool)
    if shapes is not None and shapes.shapes:  # an empty area may be found by the position
        placeable = no_area & ~np.isnan(lat) & ~np.isnan(lon)
    exempt = no_area if police else placeable  # the police's: the whole municipality
    area = resolve(column(F.area), F.area, ws.areas, found, source, exempt=exempt)
    if police and no_area.any():
        codes = np.asarray(area.codes).copy()
        codes[no_area] = list(area.categories).index(UNPLACED_AREA)
        area = pd.Categorical.from_codes(codes, categories=area.categories)
    placed = np.zeros(n, dtype=bool)
    if shapes is not None and placeable is not None:
        where = place(area, lat, lon, placeable, shapes, found, ws)
        area, placed = where.area, where.placed
    category = resolve(column(F.category), F.category, ws.categories, found, source)
    severity = _numbers(column(F.severity), F.severity, source, found)
    masked = _personnummer(cells, table.headers, mapping, found)

    def text(fld: IncidentField) -> pd.Series[str]:
        i = mapping.get(fld)
        if i is None:
            return pd.Series(pd.NA, index=range(n), dtype="string")
        values = masked.get(i, cells[i]).str.strip()
        if police:
            values = values.str.replace(NEUTRALISED, "", n=1, regex=True)
        return values.mask(values == "").astype("string")

    rules = ignored(cells, table.headers, mapping, source)
    left_out = ~pd.isna(rules)
    if left_out.any():  # not errors: a personnummer in them is still reported
        found.forget(left_out, keep=lambda p: p.code == "personnummer")
    days = np.datetime_as_string(occurred.astype("datetime64[D]"), unit="D")
    keep = ~found.bad & ~left_out
    frame = pd.DataFrame(
        {
            "id": text(F.id).fillna(""),
            "occurred_at": occurred,
            "has_time": has_time,
            "area": area,
            "category": category,
            "place": text(F.place),
            "reporter_org": text(F.reporter_org),
            "severity": pd.arrays.IntegerArray(
                np.nan_to_num(severity).astype(np.int16), np.isnan(severity)
            ),
            "description": text(F.description),
            "lat": pd.array(lat, dtype="Float64"),
            "lon": pd.array(lon, dtype="Float64"),
            "line": lines.astype(np.int32),
        }
    )[keep].reset_index(drop=True)
    return Checked(
        frame,
        [*missing_ignore_columns(rel, table.header_line, table.headers, source), *found.sorted()],
        rows=n,
        placed=int((placed & keep).sum()),
        blank=table.blank + int(blank.sum()),
        ignored=[
            (int(lines[r]), str(rules[r]), _day(days[r])) for r in np.flatnonzero(left_out).tolist()
        ],
        days={int(lines[r]): d for r in np.flatnonzero(found.bad) if (d := _day(days[r]))},
    )


def _day(text: str) -> str | None:
    return None if text == "NaT" else text


def _add_times(
    values: pd.Series[str],
    occurred: npt.NDArray[np.datetime64],
    has_time: npt.NDArray[np.bool_],
    found: Found,
) -> None:
    """Combine a separate time column into the rows whose date came without a time."""
    codes, uniques = distinct(values)
    offsets = np.full(len(uniques), np.timedelta64("NaT"), dtype="timedelta64[ns]")
    errors: dict[int, Text] = {}
    for u, text in enumerate(uniques.tolist()):
        try:
            t: time | None = parse_time(text)
        except DateParseError as exc:
            errors[u] = N_(
                "%(problem)s; expected %(expected)s, or leave it empty",
                problem=exc.text,
                expected=EXPECTED_TIME,
            )
            continue
        if t is not None:
            offsets[u] = np.timedelta64((t.hour * 60 + t.minute) * 60 + t.second, "s")
    wants = ~np.isnat(occurred) & ~has_time
    if errors:
        wrong = wants & np.isin(codes, list(errors))
        found.add(np.flatnonzero(wrong), F.time, lambda r: (errors[codes[r]], None), "bad-time")
    add = wants & ~np.isnat(offsets[codes])
    occurred[add] += offsets[codes[add]]
    has_time[add] = True


def _numbers(
    values: pd.Series[str], fld: IncidentField, source: IncidentSource, found: Found
) -> npt.NDArray[np.float64]:
    """Optional numbers: a bad value is left out with a warning; the row stays usable."""
    codes, uniques = distinct(values)
    whole = fld == F.severity
    result = np.full(len(uniques), np.nan)
    pending = np.ones(len(uniques), dtype=bool)
    pending[(uniques == "").to_numpy(dtype=bool)] = False
    if not whole:
        spelled = uniques.str.replace(",", ".", regex=False) if source.decimal == "," else uniques
        plain = spelled.str.fullmatch(_DECIMAL).to_numpy(dtype=bool)
        result[plain] = spelled[plain].astype(float).to_numpy(dtype=float)
        plain &= np.isfinite(result)  # 400 digits are no coordinate: left to the words below
        pending &= ~plain
    bad: dict[int, Text] = {}
    for u in np.flatnonzero(pending).tolist():
        raw = text_at(uniques, u)
        try:
            if whole:
                value = int(raw)
                if -_SMALL <= value < _SMALL:
                    result[u] = value
                else:
                    bad[u] = N_(
                        "'%(value)s' is not a severity on a small scale; the value is left out",
                        value=raw,
                    )
            else:
                number = float(raw.replace(",", ".") if source.decimal == "," else raw)
                if not np.isfinite(number):  # 'nan', 'inf', '1e400': no position
                    raise ValueError(raw)
                result[u] = number
        except ValueError:
            bad[u] = (
                N_("'%(value)s' is not a whole number; the value is left out", value=raw)
                if whole
                else N_("'%(value)s' is not a decimal number; the value is left out", value=raw)
            )
    if bad:
        rows = np.flatnonzero(np.isin(codes, list(bad)))
        found.add(rows, fld, lambda r: (bad[codes[r]], None), "bad-number", severity="warning")
    return result[codes] if len(codes) else np.zeros(0)


def _personnummer(
    cells: pd.DataFrame, headers: list[str], mapping: dict[IncidentField, int], found: Found
) -> dict[int, pd.Series[str]]:
    """Flag personal identity numbers in every text cell; the columns with them masked."""
    mapped = set(mapping.values())
    scanned = {i for f, i in mapping.items() if f not in NOT_SCANNED}
    scanned |= {i for i, h in enumerate(headers) if h and i not in mapped}
    unique = {mapping[f] for f in (F.id, F.description) if f in mapping}
    masked: dict[int, pd.Series[str]] = {}
    for i in sorted(scanned):
        candidates = np.flatnonzero(_pnr_shaped(cells[i], i not in unique))
        hits: dict[int, str] = {}
        for r in candidates.tolist():
            numbers = find_personnummer(text_at(cells[i], r))
            if numbers:
                hits[r] = numbers[0].masked
        if not hits:
            continue

        def message(r: int, hits: dict[int, str] = hits) -> tuple[str, str | None]:
            return (
                N_("contains a personal identity number (%(number)s)", number=hits[r]),
                N_(
                    "remove it from the export and from the reporting tool; est masks it "
                    "and never publishes descriptions"
                ),
            )

        found.add(
            np.array(sorted(hits)),
            None,
            message,
            "personnummer",
            order=_PNR_ORDER + i,
            column=headers[i] or N_("column %(number)s", number=i + 1),
        )
        rows = sorted(hits)
        column = cells[i].copy()
        column.iloc[rows] = [redact(text_at(cells[i], r)) for r in rows]  # one write, not one a row
        masked[i] = column
    return masked


# Six digits, an optional separator, four digits (any script's digits, as Python's \d): what
# every personnummer contains, in Arrow's regex engine (no lookarounds). Ids like
# SJ25-0000123 or phone numbers without that shape are not searched further.
_PNR_SHAPE = r"\p{Nd}{6}[-+ ]?\p{Nd}{4}"


def _pnr_shaped(values: pd.Series[str], repeated: bool) -> npt.NDArray[np.bool_]:
    """Rows that may hold a personnummer: the only ones searched with the exact rules. A
    column of `repeated` values (place, organisation) is searched once per distinct value."""
    column = pa.array(values.array)
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if not repeated:
        return _search(column)
    encoded = pc.dictionary_encode(column)
    shaped: npt.NDArray[np.bool_] = _search(encoded.dictionary)[
        encoded.indices.to_numpy(zero_copy_only=False)  # pyarrow has no type hints
    ]
    return shaped


def _search(values: pa.Array) -> npt.NDArray[np.bool_]:
    hits = pc.match_substring_regex(values, _PNR_SHAPE)
    found: npt.NDArray[np.bool_] = hits.to_numpy(zero_copy_only=False).astype(bool)
    return found
