"""Reading incident exports (CSV) into validated incidents.

Exports come from spreadsheets and reporting tools: ';' or ',' separated, UTF-8 with or
without BOM or Windows-1252, Swedish headers, dates in several forms. Every row ends up
either as an `Incident` or as an `Excluded` entry with its reason; nothing is dropped
without being counted, and every problem names file, line (= the row number a spreadsheet
shows) and column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from est_cli.errors import Problem, Severity, suggestion
from est_cli.load.aliases import normalize
from est_cli.load.dates import EXPECTED, EXPECTED_TIME, DateParseError, parse_datetime, parse_time
from est_cli.load.personnummer import find_personnummer, redact
from est_cli.load.workspace import Workspace
from est_cli.models.incident import Incident
from est_cli.models.settings import IncidentField, IncidentSource

F = IncidentField

# Headers recognised without configuration (compared after `normalize`).
DEFAULT_HEADERS: dict[str, IncidentField] = {
    **dict.fromkeys(
        [
            "id",
            "händelse-id",
            "händelseid",
            "händelsenummer",
            "ärendenummer",
            "ärende-id",
            "ärendenr",
            "rapport-id",
            "rapportid",
            "löpnummer",
        ],
        F.id,
    ),
    **dict.fromkeys(
        [
            "tidpunkt",
            "datum och tid",
            "datum/tid",
            "datum tid",
            "händelsetidpunkt",
            "inträffade",
            "occurred_at",
            "datetime",
        ],
        F.occurred_at,
    ),
    **dict.fromkeys(["datum", "händelsedatum", "date"], F.date),
    **dict.fromkeys(["tid", "klockslag", "kl", "klockan", "time"], F.time),
    **dict.fromkeys(["område", "omrade", "stadsdel", "kommundel", "bostadsområde", "area"], F.area),
    **dict.fromkeys(
        ["kategori", "händelsetyp", "typ av händelse", "händelse", "typ", "category"], F.category
    ),
    **dict.fromkeys(["plats", "adress", "plats/adress", "gata", "place"], F.place),
    **dict.fromkeys(
        [
            "organisation",
            "rapporterande organisation",
            "rapportör",
            "inrapportör",
            "rapporterad av",
            "aktör",
            "reporter_org",
        ],
        F.reporter_org,
    ),
    **dict.fromkeys(["allvarlighetsgrad", "allvarlighet", "grad", "severity"], F.severity),
    **dict.fromkeys(
        ["beskrivning", "händelsebeskrivning", "kommentar", "fritext", "notering", "description"],
        F.description,
    ),
    **dict.fromkeys(["lat", "latitud", "latitude"], F.lat),
    **dict.fromkeys(["lon", "long", "lng", "longitud", "longitude"], F.lon),
}

# When two headers map to one field, the earlier spelling here wins (Organisation over
# Rapportör, which may hold a person's name).
_PREFERENCE = {h: i for i, h in enumerate(DEFAULT_HEADERS)}

FIELD_LABELS = {
    F.id: "Händelse-ID",
    F.occurred_at: "Tidpunkt",
    F.date: "Datum",
    F.time: "Tid",
    F.area: "Område",
    F.category: "Kategori",
    F.place: "Plats",
    F.reporter_org: "Organisation",
    F.severity: "Allvarlighetsgrad",
    F.description: "Beskrivning",
    F.lat: "Lat",
    F.lon: "Lon",
}
_NOT_SCANNED = {F.occurred_at, F.date, F.time, F.severity, F.lat, F.lon}
_SIGNATURES = {
    b"PK\x03\x04": "an Excel workbook (.xlsx) or another zip file",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)",
    b"%PDF": "a PDF document",
}


@dataclass
class SourceFile:
    """What one export held: rows read, used, excluded, blank."""

    file: str
    rows: int = 0
    used: int = 0
    excluded: int = 0
    blank: int = 0
    encoding: str = ""
    delimiter: str = ""


@dataclass(frozen=True)
class Excluded:
    file: str
    line: int
    reason: str


@dataclass
class IncidentSet:
    incidents: list[Incident] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def first_day(self) -> date | None:
        return min((i.occurred_at.date() for i in self.incidents), default=None)

    @property
    def last_day(self) -> date | None:
        return max((i.occurred_at.date() for i in self.incidents), default=None)


Progress = Callable[[int, int, str], None]


def load_incidents(ws: Workspace, progress: Progress | None = None) -> IncidentSet:
    """Read every file the workspace's sources match; collect incidents and problems."""
    result = IncidentSet()
    seen = _Seen()
    jobs = [
        (path, source) for source in ws.settings.sources.incidents for path in ws.glob(source.files)
    ]
    if not jobs:
        patterns = ", ".join(p for s in ws.settings.sources.incidents for p in s.files)
        result.problems.append(
            Problem(
                "est.yaml",
                *ws.doc.locate(("sources",)),
                "sources.incidents",
                f"no incident files match {patterns}",
                severity="warning",
                code="no-files",
                hint="put CSV exports there, or change sources.incidents.files in est.yaml",
            )
        )
    done: set[Path] = set()
    for n, (path, source) in enumerate(jobs, start=1):
        if path in done:
            continue
        done.add(path)
        if progress:
            progress(n, len(jobs), ws.rel(path))
        _read_file(ws, path, source, result, seen)
    return result


def _decode(raw: bytes, source: IncidentSource, rel: str) -> tuple[str, str] | Problem:
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
    if auto:  # the byte Windows-1252 cannot read either (0x81, 0x8d, 0x8f, 0x90, 0x9d)
        what = "is neither UTF-8 nor Windows-1252 text"
        hint = "export the file again as 'CSV UTF-8' from Excel"
    else:
        what = f"cannot be read as {source.encoding}"
        hint = "set sources.incidents.encoding to auto, or re-export the file"
    return Problem(
        rel,
        raw[:bad].count(b"\n") + 1,
        None,
        None,
        f"byte 0x{raw[bad]:02x} {what}",
        hint=hint,
        code="encoding",
    )


def _detect_delimiter(header: str) -> str | None:
    counts: dict[str, int] = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else None


def _map_headers(
    headers: list[str], source: IncidentSource
) -> tuple[dict[IncidentField, int], list[str]]:
    """Column index of each field; and the headers nothing was mapped to."""
    custom = {normalize(k): v for k, v in source.columns.items()}
    mapping: dict[IncidentField, int] = {}
    ranks: dict[IncidentField, int] = {}
    unmapped: list[str] = []
    for i, header in enumerate(headers):
        key = normalize(header)
        if key in custom:
            fld, rank = custom[key], -1
        elif key in DEFAULT_HEADERS:
            fld, rank = DEFAULT_HEADERS[key], _PREFERENCE[key]
        else:
            unmapped.append(header)
            continue
        if fld == F.ignore:
            continue
        if fld not in mapping or rank < ranks[fld]:
            mapping[fld], ranks[fld] = i, rank
    return mapping, unmapped


def _readable(raw: bytes, source: IncidentSource, rel: str) -> tuple[str, str, str] | Problem:
    """Text, encoding and delimiter of an export; or the problem that makes it unusable."""

    def unusable(
        message: str, hint: str, code: str = "not-csv", line: int | None = None
    ) -> Problem:
        return Problem(rel, line, None, None, message, hint=hint, code=code)

    if not raw.strip():
        return unusable("the file is empty", "export it again, or delete it", "empty-file")
    for magic, what in _SIGNATURES.items():
        if raw.startswith(magic):
            return unusable(
                f"this is {what}, not a CSV file",
                "in Excel use Save as → 'CSV UTF-8 (kommaavgränsad)'",
            )
    if b"\x00" in raw[:4096]:
        return unusable("this is a binary file, not a CSV file", "export the incidents as CSV")
    decoded = _decode(raw, source, rel)
    if isinstance(decoded, Problem):
        return decoded
    text, encoding = decoded
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if first.lstrip().lower().startswith(("<!doctype", "<html", "<?xml", "{", "[")):
        return unusable(
            "this looks like HTML, XML or JSON, not a CSV file",
            "export the incidents as CSV",
            line=1,
        )
    delimiter = source.delimiter if source.delimiter != "auto" else _detect_delimiter(first)
    if delimiter is None:
        return unusable(
            f"the first line '{first[:60]}' has no ';' or ',' between column names: "
            "this is not a CSV export",
            "the first line must name the columns, e.g. Datum;Tid;Område;Kategori",
            line=1,
        )
    return text, encoding, delimiter


def _read_file(
    ws: Workspace,
    path: Path,
    source: IncidentSource,
    result: IncidentSet,
    seen: _Seen,
) -> None:
    rel = ws.rel(path)
    stat = SourceFile(rel)
    result.files.append(stat)
    problems = result.problems
    readable = _readable(path.read_bytes(), source, rel)
    if isinstance(readable, Problem):
        problems.append(readable)
        return
    text, stat.encoding, delimiter = readable
    stat.delimiter = delimiter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
        while not any(headers):
            headers = [h.strip() for h in next(reader)]
    except StopIteration:
        problems.append(Problem(rel, None, None, None, "the file is empty", code="empty-file"))
        return
    header_line = reader.line_num
    mapping, unmapped = _map_headers(headers, source)
    missing = []
    if F.occurred_at not in mapping and F.date not in mapping:
        missing.append(F.date)
    missing += [f for f in (F.area, F.category) if f not in mapping]
    if missing:
        for fld in missing:
            close = [
                h for h in unmapped if suggestion(normalize(h), [normalize(FIELD_LABELS[fld])])
            ]
            hint = (
                f"did you mean '{close[0]}'? Rename that column to {FIELD_LABELS[fld]}, or map "
                f'it in est.yaml: sources.incidents[].columns: {{"{close[0]}": {fld.value}}}'
                if close
                else f"add a column {FIELD_LABELS[fld]}, or map your column in est.yaml under "
                f"sources.incidents[].columns"
            )
            problems.append(
                Problem(
                    rel,
                    header_line,
                    None,
                    None,
                    f"no column for {fld.value} ({FIELD_LABELS[fld]}); "
                    f"the columns are: {', '.join(h for h in headers if h)}",
                    hint=hint,
                    code="missing-column",
                )
            )
        return
    parser = _RowParser(ws, rel, headers, mapping, source, delimiter)
    prev_end = header_line
    for values in reader:
        start = prev_end + 1
        prev_end = reader.line_num
        if not any(v.strip() for v in values):
            stat.blank += 1
            continue
        stat.rows += 1
        incident, row_problems = parser.parse(start, values)
        problems.extend(row_problems)
        if incident is not None:
            incident = _dedupe(incident, seen, rel, start, problems)
        if incident is None:
            reasons = [p.text for p in row_problems if p.severity == "error"] or [problems[-1].text]
            result.excluded.append(Excluded(rel, start, "; ".join(reasons)))
            stat.excluded += 1
            continue
        result.incidents.append(incident)
        stat.used += 1


_SIX_DIGITS = re.compile(r"\d{6}")


class _RowParser:
    """Turns one file's rows into incidents; what depends only on the header is done once."""

    def __init__(
        self,
        ws: Workspace,
        rel: str,
        headers: list[str],
        mapping: dict[IncidentField, int],
        source: IncidentSource,
        delimiter: str,
    ):
        self.ws, self.rel, self.headers, self.source = ws, rel, headers, source
        self.index = mapping
        self.zone = ws.settings.timezone
        self.when_field = F.occurred_at if F.occurred_at in mapping else F.date
        self.separator = "tab" if delimiter == "\t" else f"'{delimiter}'"
        mapped = set(mapping.values())
        scanned = {i for f, i in mapping.items() if f not in _NOT_SCANNED}
        scanned |= {i for i, h in enumerate(headers) if h and i not in mapped}
        self.scanned = sorted(scanned)  # text cells searched for personnummer

    def column(self, fld: IncidentField) -> str:
        return self.headers[self.index[fld]] if fld in self.index else FIELD_LABELS[fld]

    def parse(self, line: int, values: list[str]) -> tuple[Incident | None, list[Problem]]:
        problems: list[Problem] = []
        index, width = self.index, len(values)

        def cell(fld: IncidentField) -> str:
            i = index.get(fld)
            return values[i].strip() if i is not None and i < width else ""

        def bad(
            fld: IncidentField,
            message: str,
            hint: str | None = None,
            *,
            severity: Severity = "error",
            code: str,
        ) -> None:
            problems.append(
                Problem(
                    self.rel,
                    line,
                    None,
                    self.column(fld),
                    message,
                    severity=severity,
                    hint=hint,
                    code=code,
                )
            )

        if width > len(self.headers) and any(v.strip() for v in values[len(self.headers) :]):
            problems.append(
                Problem(
                    self.rel,
                    line,
                    None,
                    None,
                    f"the row has {width} values but the header has {len(self.headers)} columns",
                    hint=f"a value probably contains an unquoted {self.separator}",
                    code="column-count",
                )
            )

        # when
        occurred: datetime | None = None
        has_time = False
        when_text = cell(self.when_field)
        try:
            occurred, has_time = parse_datetime(when_text, self.zone)
        except DateParseError as exc:
            what = (
                f"{exc}; expected {EXPECTED}"
                if when_text
                else f"the date is empty; expected {EXPECTED}"
            )
            bad(self.when_field, what, code="bad-date")
        if occurred is not None and not has_time and F.time in index:
            try:
                t = parse_time(cell(F.time))
            except DateParseError as exc:
                bad(F.time, f"{exc}; expected {EXPECTED_TIME}, or leave it empty", code="bad-time")
            else:
                if t is not None:
                    occurred, has_time = datetime.combine(occurred.date(), t), True

        # where and what
        resolved: dict[IncidentField, str] = {}
        for fld, registry in ((F.area, self.ws.areas), (F.category, self.ws.categories)):
            raw = cell(fld)
            ident = registry.resolve(raw) if raw else None
            if ident is not None:
                resolved[fld] = ident
                continue
            what = (
                f"'{raw}' is not a known {registry.kind}"
                if raw
                else f"the {registry.kind} is empty"
            )
            hint = (registry.hint(raw) if raw else None) or (
                f"known: {registry.known()}; add it (or an alias) in est.yaml"
            )
            bad(fld, what, hint, code=f"unknown-{registry.kind}")

        # optional numbers: a bad value is dropped with a warning, the row stays usable
        numbers: dict[IncidentField, float | int] = {}
        for fld in (F.severity, F.lat, F.lon):
            raw = cell(fld)
            if not raw:
                continue
            try:
                if fld == F.severity:
                    numbers[fld] = int(raw)
                else:
                    numbers[fld] = float(
                        raw.replace(",", ".") if self.source.decimal == "," else raw
                    )
            except ValueError:
                kind = "a whole number" if fld == F.severity else "a decimal number"
                bad(
                    fld,
                    f"'{raw}' is not {kind}; the value is left out",
                    severity="warning",
                    code="bad-number",
                )

        # personal identity numbers in any text cell: flag, mask, keep the row for counting
        if _SIX_DIGITS.search("\x1f".join(values[i] for i in self.scanned if i < width)):
            values = self._mask_personnummer(line, values, problems)

        if any(p.severity == "error" and p.code != "personnummer" for p in problems):
            return None, problems
        assert occurred is not None
        incident = Incident(
            id=cell(F.id),
            occurred_at=occurred,
            has_time=has_time,
            area=resolved[F.area],
            category=resolved[F.category],
            place=cell(F.place) or None,
            reporter_org=cell(F.reporter_org) or None,
            severity=numbers.get(F.severity),  # type: ignore[arg-type]
            description=cell(F.description) or None,
            lat=numbers.get(F.lat),
            lon=numbers.get(F.lon),
            source=self.rel,
            line=line,
        )
        return incident, problems

    def _mask_personnummer(
        self, line: int, values: list[str], problems: list[Problem]
    ) -> list[str]:
        values = list(values)
        for i in self.scanned:
            found = find_personnummer(values[i]) if i < len(values) else []
            if not found:
                continue
            problems.append(
                Problem(
                    self.rel,
                    line,
                    None,
                    self.headers[i] or f"column {i + 1}",
                    f"contains a personal identity number ({found[0].masked})",
                    hint="remove it from the export and from the reporting tool; est masks it "
                    "and never publishes descriptions",
                    code="personnummer",
                )
            )
            values[i] = redact(values[i])
        return values


def _content_id(incident: Incident) -> str:
    key = "\x1f".join(
        str(x)
        for x in (
            incident.occurred_at.isoformat(),
            incident.area,
            incident.category,
            incident.place,
            incident.reporter_org,
            incident.severity,
            incident.description,
        )
    )
    return "h" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


@dataclass
class _Seen:
    """Incident ids given out so far (id → file, line), and how many rows with the same
    content each file has had (for ids derived from content)."""

    ids: dict[str, tuple[str, int]] = field(default_factory=dict)
    repeats: dict[tuple[str, str], int] = field(default_factory=dict)


def _dedupe(
    incident: Incident,
    seen: _Seen,
    rel: str,
    line: int,
    problems: list[Problem],
) -> Incident | None:
    """Give the incident its final id; None (with a problem) when it is a duplicate.

    Without an id column, identical rows in one file are separate incidents (the 2nd gets
    the suffix -2, …). The k-th such row of a file is the same incident as the k-th of
    another file, so overlapping exports count each incident once.
    """
    if incident.id:
        first = seen.ids.get(incident.id)
        if first is not None:
            problems.append(
                Problem(
                    rel,
                    line,
                    None,
                    FIELD_LABELS[F.id],
                    f"id '{incident.id}' is already used at {first[0]}:{first[1]}",
                    hint="each incident must have its own id; remove the "
                    "repeated row or correct its id",
                    code="duplicate-id",
                )
            )
            return None
        seen.ids[incident.id] = (rel, line)
        return incident
    base = _content_id(incident)
    n = seen.repeats[(rel, base)] = seen.repeats.get((rel, base), 0) + 1
    ident = base if n == 1 else f"{base}-{n}"
    first = seen.ids.get(ident)
    if first is not None:
        problems.append(
            Problem(
                rel,
                line,
                None,
                None,
                f"the same incident is already in {first[0]}:{first[1]}; it is counted once",
                hint="exports overlap; remove the repeated rows or give incidents an id column",
                severity="warning",
                code="duplicate-row",
            )
        )
        return None
    seen.ids[ident] = (rel, line)
    return incident.model_copy(update={"id": ident})
