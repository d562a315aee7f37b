"""Excel workbooks (.xlsx) as exports: the first sheet as the same `RawTable` a CSV gives.

Reporting tools and survey tools (Microsoft Forms) hand over .xlsx as often as CSV. The cells
become the text a CSV export of the same sheet would hold (dates as ISO dates, numbers with a
'.'), so validation is the same for both, and every row keeps the row number Excel shows.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

import numpy as np
import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from est_cli.errors import Problem
from est_cli.load.tokenize import TEXT, RawTable

XLSX_SUFFIXES = (".xlsx", ".xlsm")
ENCODING = "xlsx"  # what the data note says in place of a text encoding


def cell_text(value: object) -> str:
    """A cell's value as a CSV export of the sheet would write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    return str(value)


def read_xlsx(raw: bytes, rel: str) -> RawTable | Problem | None:
    """The first sheet's table; None when it holds no header; a problem when the file is
    no workbook openpyxl can read."""
    try:
        book = load_workbook(io.BytesIO(raw), read_only=False, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        return Problem(
            rel,
            None,
            None,
            None,
            f"cannot be read as an Excel workbook ({type(exc).__name__})",
            hint="open it in Excel and save it again as .xlsx, or export it as 'CSV UTF-8'",
            code="not-xlsx",
            fatal=True,
        )
    sheet = book.worksheets[0]
    headers: list[str] | None = None
    header_line = 0
    rows: list[list[str]] = []
    lines: list[int] = []
    blank = pending = 0  # blank rows count when a row follows (not Excel's formatted tail)
    for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        texts = [cell_text(v) for v in values]
        if headers is None:
            if any(t.strip() for t in texts):
                while texts and not texts[-1].strip():
                    texts.pop()
                headers, header_line = [t.strip() for t in texts], number
            continue
        if not any(t.strip() for t in texts):
            pending += 1
            continue
        blank, pending = blank + pending, 0
        width = len(headers)
        texts = (texts + [""] * width)[:width]
        rows.append(texts)
        lines.append(number)
    book.close()
    if headers is None:
        return None
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(headers)
    cells = pd.DataFrame({i: pd.array(col, dtype=TEXT) for i, col in enumerate(columns)})
    return RawTable(headers, header_line, cells, np.asarray(lines, dtype=np.int64), blank)
