"""Splitting an export's text into a table of raw cells, each row with the line it starts on.

The fast path hands the whole text to Arrow's multi-threaded CSV reader and finds the line
of every row from the bytes (a newline ends a row only outside quotes), so a quoted
multi-line description does not shift the lines of the rows after it. Files Arrow cannot
read as a regular table (rows with too few or too many values, stray quotes, a blank header
line, lines ended by a bare CR) take the tolerant path through Python's csv module, which
accepts ragged rows. Both
paths give the same `RawTable`, and validation never knows which one ran.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

_NEWLINE, _QUOTE, _CR = 10, 34, 13
TEXT = pd.StringDtype("pyarrow")


@dataclass
class RawTable:
    """The cells of one export, as text, row by row; empty lines counted apart (rows of
    blank cells are found by validation)."""

    headers: list[str]
    header_line: int
    cells: pd.DataFrame  # columns 0..len(headers)-1, raw (unstripped) strings, "" when absent
    lines: npt.NDArray[np.int64]  # the line each row starts on, as a spreadsheet numbers it
    blank: int = 0
    wide: dict[int, int] = field(default_factory=dict)  # line → values, rows wider than the header


def tokenize(text: str, delimiter: str, utf8: bytes | None = None) -> RawTable | None:
    """The table of an export's text; None when the text holds no header at all.

    `utf8`: the same text as UTF-8 bytes, when the file already was (saves encoding it).
    """
    data = text.encode("utf-8") if utf8 is None else utf8
    return _fast(data, delimiter) or _tolerant(text, delimiter)


def _fast(data: bytes, delimiter: str) -> RawTable | None:
    """Arrow's reader, or None when the file needs the tolerant path."""
    buf = np.frombuffer(data, dtype=np.uint8)
    returns = np.flatnonzero(buf == _CR)
    if returns.size and (returns[-1] + 1 >= buf.size or (buf[returns + 1] != _NEWLINE).any()):
        return None  # lines ended by a bare CR (old Mac exports): Python's csv reads those
    newlines = np.flatnonzero(buf == _NEWLINE)
    quotes = np.flatnonzero(buf == _QUOTE)
    if quotes.size:
        outside = (np.searchsorted(quotes, newlines) & 1) == 0
        ends_at = np.flatnonzero(outside)  # index into `newlines` of each row's end
    else:
        ends_at = np.arange(newlines.size)
    ends = np.append(newlines[ends_at], buf.size)
    starts = np.concatenate(([0], newlines[ends_at] + 1))
    first_line = np.concatenate(([1], ends_at + 2))
    length = ends - starts
    crlf = (length > 0) & (buf[np.maximum(ends - 1, 0)] == _CR)
    empty = (length - crlf) == 0
    if empty[-1]:  # what follows the last newline: the end of the file, not a row
        empty, starts, ends, first_line = empty[:-1], starts[:-1], ends[:-1], first_line[:-1]
    rows = np.flatnonzero(~empty)
    if not rows.size:
        return None
    head = rows[0]
    header_text = data[starts[head] : ends[head]].decode("utf-8")
    try:
        headers = [h.strip() for h in next(csv.reader([header_text], delimiter=delimiter))]
    except csv.Error:
        return None
    if not any(headers):
        return None
    width = len(headers)
    inner = np.searchsorted(newlines, ends[rows]) - np.searchsorted(newlines, starts[rows])
    invalid: list[object] = []

    def refuse(row: object) -> str:
        invalid.append(row)
        return "skip"

    names = [f"c{i}" for i in range(width)]
    try:
        table = pcsv.read_csv(
            io.BytesIO(data),
            read_options=pcsv.ReadOptions(column_names=names),
            parse_options=pcsv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=bool(inner.any()),
                invalid_row_handler=refuse,
            ),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, ValueError):
        return None
    if invalid or table.num_rows != rows.size:
        return None
    if inner.any() or quotes.size:  # rows must span exactly the lines their cells hold
        held = np.zeros(table.num_rows, dtype=np.int64)
        for column in table.columns:
            held += pc.count_substring(column, "\n").to_numpy(zero_copy_only=False)
        if not np.array_equal(held, inner):
            return None
    cells = table.slice(1).to_pandas(types_mapper=lambda _: TEXT)
    cells.columns = range(width)
    raw_blank = int(empty[head:].sum())
    return RawTable(headers, int(first_line[head]), cells, first_line[rows[1:]], raw_blank)


def _tolerant(text: str, delimiter: str) -> RawTable | None:
    # Python's csv refuses a value longer than its field limit (128 KiB); Arrow reads any. No
    # value is longer than the text, so with that as the limit both read the same files.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
        while not any(headers):
            headers = [h.strip() for h in next(reader)]
    except StopIteration:
        return None
    header_line = reader.line_num
    width = len(headers)
    rows: list[list[str]] = []
    lines: list[int] = []
    wide: dict[int, int] = {}
    blank = 0
    prev_end = header_line
    for values in reader:
        start, prev_end = prev_end + 1, reader.line_num
        if not values:
            blank += 1
            continue
        if len(values) > width:
            if any(v.strip() for v in values[width:]):
                wide[start] = len(values)
            values = values[:width]
        elif len(values) < width:
            values = values + [""] * (width - len(values))
        rows.append(values)
        lines.append(start)
    columns = list(zip(*rows, strict=True)) if rows else [()] * width
    cells = pd.DataFrame({i: pd.array(col, dtype=TEXT) for i, col in enumerate(columns)})
    return RawTable(headers, header_line, cells, np.asarray(lines, dtype=np.int64), blank, wide)
