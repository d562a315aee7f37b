"""Is this file a CSV export at all, in which encoding, with which separator?

Checked on the raw bytes before any parsing, so that a workbook, a PDF or an HTML page
saved under a .csv name gets one clear problem instead of a thousand row errors.
"""

from __future__ import annotations

from est_cli.errors import N_, Problem
from est_cli.models.sources import CsvSource

_SIGNATURES = {
    b"PK\x03\x04": N_("this is an Excel workbook (.xlsx) or another zip file, not a CSV file"),
    b"\xd0\xcf\x11\xe0": N_("this is an old Excel workbook (.xls), not a CSV file"),
    b"%PDF": N_("this is a PDF document, not a CSV file"),
}


def decode(raw: bytes, source: CsvSource, rel: str) -> tuple[str, str] | Problem:
    """Text of the file and the encoding used; a located problem when no encoding fits.

    A UTF-8 byte order mark is dropped whatever the encoding: some tools write one in
    front of Windows-1252 text, and it must not end up glued to the first column name.
    """
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    auto = source.encoding == "auto"
    failure: UnicodeDecodeError | None = None
    for encoding in ("utf-8", "cp1252") if auto else (source.encoding,):
        try:
            text = body.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            failure = exc
            continue
        return text, "utf-8-sig" if auto and bom and encoding == "utf-8" else encoding
    assert failure is not None
    bad = failure.start + (3 if bom else 0)
    byte = f"0x{raw[bad]:02x}"
    if auto:  # the byte Windows-1252 cannot read either (0x81, 0x8d, 0x8f, 0x90, 0x9d)
        what = N_("byte %(byte)s is neither UTF-8 nor Windows-1252 text", byte=byte)
        hint = N_("export the file again as 'CSV UTF-8' from Excel")
    else:
        what = N_(
            "byte %(byte)s cannot be read as %(encoding)s", byte=byte, encoding=source.encoding
        )
        hint = N_("set sources.incidents.encoding to auto, or re-export the file")
    return Problem(
        rel,
        raw[:bad].count(b"\n") + 1,
        None,
        None,
        what,
        hint=hint,
        code="encoding",
        fatal=True,
    )


def detect_delimiter(header: str) -> str | None:
    counts: dict[str, int] = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else None


def readable(raw: bytes, source: CsvSource, rel: str) -> tuple[str, str, str] | Problem:
    """Text, encoding and delimiter of an export; or the problem that makes it unusable."""

    def unusable(
        message: str, hint: str, code: str = "not-csv", line: int | None = None
    ) -> Problem:
        return Problem(rel, line, None, None, message, hint=hint, code=code, fatal=True)

    if not raw.strip():
        return unusable(N_("the file is empty"), N_("export it again, or delete it"), "empty-file")
    for magic, what in _SIGNATURES.items():
        if raw.startswith(magic):
            return unusable(what, N_("in Excel use Save as → 'CSV UTF-8 (kommaavgränsad)'"))
    if b"\x00" in raw[:4096]:
        return unusable(
            N_("this is a binary file, not a CSV file"), N_("export the incidents as CSV")
        )
    decoded = decode(raw, source, rel)
    if isinstance(decoded, Problem):
        return decoded
    text, encoding = decoded
    first = _first_line(text)
    if first.lstrip().lower().startswith(("<!doctype", "<html", "<?xml", "{", "[")):
        return unusable(
            N_("this looks like HTML, XML or JSON, not a CSV file"),
            N_("export the incidents as CSV"),
            line=1,
        )
    delimiter = source.delimiter if source.delimiter != "auto" else detect_delimiter(first)
    if delimiter is None:
        return unusable(
            N_(
                "the first line '%(line)s' has no ';' or ',' between column names: "
                "this is not a CSV export",
                line=first[:60],
            ),
            N_("the first line must name the columns, e.g. Datum;Tid;Område;Kategori"),
            line=1,
        )
    return text, encoding, delimiter


def _first_line(text: str) -> str:
    """The first line that is not blank, without splitting the whole (large) text."""
    for size in (1 << 16, len(text)):  # a first line longer than 64 KiB is not a header
        lines = text[:size].splitlines()
        found = next((ln for ln in lines[:-1] if ln.strip()), None)
        if found is not None or size >= len(text):
            return found if found is not None else next((ln for ln in lines if ln.strip()), "")
    return ""
