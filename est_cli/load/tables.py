"""An export's bytes as a table of raw cells, whatever it is: CSV text or an Excel workbook."""

from __future__ import annotations

from est_cli.errors import Problem
from est_cli.load.sniff import readable
from est_cli.load.tokenize import RawTable, tokenize
from est_cli.load.xlsx import ENCODING, XLSX_SUFFIXES, read_xlsx
from est_cli.models.sources import CsvSource

_BOM = b"\xef\xbb\xbf"


def read_table(
    raw: bytes, source: CsvSource, rel: str
) -> tuple[RawTable | None, str, str] | Problem:
    """The table (None when the file holds no header), its encoding and delimiter (an
    Excel workbook: 'xlsx' and ''); or the problem that makes the file unusable.

    A workbook is read as one when its name says so (.xlsx); under a .csv name it is the
    wrong file (an export saved in the wrong format), and said so."""
    if rel.lower().endswith(XLSX_SUFFIXES):
        table = read_xlsx(raw, rel)
        return table if isinstance(table, Problem) else (table, ENCODING, "")
    found = readable(raw, source, rel)
    if isinstance(found, Problem):
        return found
    text, encoding, delimiter = found
    # decode() drops up to two BOMs, as bytes and as a character
    utf8 = raw.removeprefix(_BOM).removeprefix(_BOM) if encoding.startswith("utf-8") else None
    return tokenize(text, delimiter, utf8), encoding, delimiter
