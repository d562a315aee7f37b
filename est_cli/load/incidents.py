"""Reading incident exports (CSV or Excel) into one typed frame of validated incidents.

Exports come from spreadsheets and reporting tools: ';' or ',' separated, UTF-8 with or
without BOM or Windows-1252, Swedish headers, dates in several forms. Every row ends up
either in the frame or as an `Excluded` entry with its reason; nothing is dropped without
being counted, and every problem names file, line (= the row number a spreadsheet shows)
and column. Each file is read column-wise (`tokenize`, `columns`) and cached as Parquet
(`cache`); only making ids unique across files is done on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from est_cli.cache import Cache, Entry, FileCounts, Meta, entry_key, set_key, settings_key
from est_cli.errors import N_, DataError, Problem
from est_cli.load.calendar import add_calendar
from est_cli.load.columns import check_table
from est_cli.load.describe import map_columns, missing_columns
from est_cli.load.headers import INCIDENTS
from est_cli.load.placement import UNPLACED, Shapes
from est_cli.load.polisen import police_rows, read_archive
from est_cli.load.repeats import file_ids, unique_ids
from est_cli.load.rows import Excluded, Ignored, SourceFile, day_of, iso
from est_cli.load.tables import read_table
from est_cli.load.workspace import Workspace
from est_cli.models.incident import Incident, frame_dtypes
from est_cli.models.polisen import POLISEN_FILES
from est_cli.models.settings import IncidentField, IncidentSource, Settings
from est_cli.models.sources import PoliceSource

F = IncidentField


@dataclass
class IncidentSet:
    """The usable incidents as one frame (`Incident`'s fields and the calendar columns,
    in time order), and what every file held."""

    table: pd.DataFrame | None  # None when loaded with rows=False
    files: list[SourceFile] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    police_since: date | None = None  # the police's archive is whole from this day on

    @property
    def frame(self) -> pd.DataFrame:
        """The incidents; empty (with every column) when they were not loaded."""
        if self.table is None:
            self.table = _combine([]).frame
        return self.table

    @property
    def rows_read(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def rows_placed(self) -> int:
        """Rows without an area that their position placed (issue 8 §2)."""
        return sum(f.placed for f in self.files)

    @property
    def rows_unplaced(self) -> int:
        """Rows without an area whose position lies in no area: left out, counted."""
        return sum(1 for p in self.problems if p.code == UNPLACED)

    def ignored_by_rule(self) -> dict[str, int]:
        """How many rows each `ignore:` rule left out, most first."""
        counts: dict[str, int] = {}
        for row in self.ignored:
            counts[row.rule] = counts.get(row.rule, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def first_day(self) -> date | None:
        """The first day the data covers; for the police's events alone, the day their
        archive starts (est_cli.models.polisen_archive), not the first event's."""
        if self.frame.empty:
            return None
        if self.police_since is not None and police_rows(self.frame).all():
            return self.police_since
        first: date = self._spanning().min().date()
        return first

    @property
    def last_day(self) -> date | None:
        return None if self.frame.empty else self._spanning().max().date()

    def _spanning(self) -> pd.Series:
        """The times that stand for the span the data covers: the partners' exports. The
        police's open events come beside them and never stretch it, or events imported after
        the last export would make those weeks look reported."""
        times = self.frame["occurred_at"]
        police = police_rows(self.frame)
        return times if police.all() else times[~police]

    @property
    def incidents(self) -> list[Incident]:
        """The rows as models, one Python object each: for tests and small workspaces."""
        rank = {f.file: i for i, f in enumerate(self.files)}
        frame = self.frame.assign(_rank=self.frame["source"].map(rank).astype(int))
        frame = frame.sort_values(["_rank", "line"], kind="stable")[list(frame_dtypes())]
        out = []
        for row in frame.to_dict("records"):
            values = {k: None if v is pd.NA or v is pd.NaT or v != v else v for k, v in row.items()}
            values["occurred_at"] = row["occurred_at"].to_pydatetime()
            out.append(Incident.model_validate(values))
        return out


Progress = Callable[[int, int, str], None]


def load_incidents(
    ws: Workspace,
    progress: Progress | None = None,
    *,
    use_cache: bool = True,
    descriptions: bool = True,
    rows: bool = True,
) -> IncidentSet:
    """Read every file the workspace's sources match; collect incidents and problems.

    With the cache, a run whose files and settings are all unchanged reads one Parquet
    file: the whole typed frame with the problems and counts of every file.
    `descriptions=False` leaves the free-text column out of the frame (documents that
    never show it need not read it); `rows=False` wants only the files' counts and
    problems (`est check`), and the frame may then be empty.
    """
    jobs: dict[Path, IncidentSource] = {}  # a file two sources match is read by the first
    refused: dict[str, Problem] = {}  # matches that lead outside the workspace: never read
    sources = [*ws.settings.sources.incidents, *police_sources(ws.settings)]
    for source in sources:
        found, outside = ws.glob(source.files)
        refused.update((p.file, p) for p in outside)
        for path in found:
            jobs.setdefault(path, source)
    cache = Cache(ws.root, use_cache)
    shapes = Shapes(ws)
    settings = {id(s): settings_key(ws.settings, s, shapes.digest) for s in sources}
    keys = []
    for n, (path, source) in enumerate(jobs.items(), start=1):
        if progress:
            progress(n, len(jobs), ws.rel(path))
        keys.append(entry_key(ws.rel(path), path.read_bytes(), settings[id(source)]))
    whole = set_key(keys)
    every = _combine([]).frame.columns  # the columns a loaded frame has
    wanted = None if descriptions else [c for c in every if c != "description"]
    cached = cache.get("sets", whole, wanted if rows else [])
    if cached is not None:
        result = _from_entry(cached)
    else:
        read = [
            _read_file(ws, path, source, cache, key, settings[id(source)], shapes)
            for (path, source), key in zip(jobs.items(), keys, strict=True)
        ]
        result = _combine(
            [(ws.rel(path), entry) for path, (entry, _) in zip(jobs, read, strict=True)]
        )
        if all(same for _, same in read):  # no file changed while est was reading it
            cache.put("sets", whole, _to_entry(result))
        if not descriptions:
            result.table = result.frame.drop(columns="description")
    result.problems[:0] = refused.values()
    if police_sources(ws.settings):
        try:
            archive = read_archive(ws.root)
        except DataError as exc:
            result.problems[:0] = exc.problems
            archive = None
        result.police_since = archive.since if archive else None
    if not jobs and not refused:
        patterns = ", ".join(p for s in ws.settings.sources.incidents for p in s.files)
        result.problems.insert(
            0,
            Problem(
                "est.yaml",
                *ws.doc.locate(("sources",)),
                "sources.incidents",
                N_("no incident files match %(patterns)s", patterns=patterns),
                severity="warning",
                code="no-files",
                hint=N_("put CSV exports there, or change sources.incidents.files in est.yaml"),
            ),
        )
    return result


def police_sources(settings: Settings) -> list[IncidentSource]:
    """The events `est import polisen` wrote, read as one more source (as it writes them)."""
    if settings.polisen is None:
        return []
    return [PoliceSource(files=[POLISEN_FILES], delimiter=";", encoding="utf-8")]


def _combine(entries: list[tuple[str, Entry]]) -> IncidentSet:
    """One set from the files' entries: ids unique across files, calendar columns added."""
    frames = []
    for _, entry in entries:
        assert entry.frame is not None  # a file's entry always holds its rows
        frames.append(entry.frame)
    combined = pd.concat(frames, ignore_index=True) if frames else _empty()
    names = sorted({rel for rel, _ in entries})
    order = [names.index(rel) for rel, _ in entries]
    sizes = [len(frame) for frame in frames]
    codes = np.repeat(np.array(order, dtype=np.int32), sizes)
    combined["source"] = pd.Categorical.from_codes(codes, categories=pd.Index(names))
    combined, repeated, repeated_days = unique_ids(combined)
    result = IncidentSet(add_calendar(_typed(combined)))
    for rel, entry in entries:
        found = sorted(entry.problems + repeated.get(rel, []), key=lambda p: p.line or 0)
        result.problems += found
        days = {int(k): v for k, v in entry.meta.get("days", {}).items()}
        days |= repeated_days.get(rel, {})
        excluded = _excluded(rel, found, days) if entry.meta.get("rows") else []
        result.excluded += excluded
        ignored = [
            Ignored(rel, line, rule, day_of(day))
            for line, rule, day in entry.meta.get("ignored_rows", [])
        ]
        result.ignored += ignored
        result.files.append(
            SourceFile(
                rel,
                rows=entry.meta.get("rows", 0),
                used=entry.meta.get("rows", 0) - len(excluded) - len(ignored),
                excluded=len(excluded),
                blank=entry.meta.get("blank", 0),
                encoding=entry.meta.get("encoding", ""),
                delimiter=entry.meta.get("delimiter", ""),
                ignored=len(ignored),
                placed=entry.meta.get("placed", 0),
            )
        )
    return result


def _to_entry(result: IncidentSet) -> Entry:
    files = [
        FileCounts(
            file=f.file,
            rows=f.rows,
            used=f.used,
            excluded=f.excluded,
            blank=f.blank,
            encoding=f.encoding,
            delimiter=f.delimiter,
            ignored=f.ignored,
            placed=f.placed,
        )
        for f in result.files
    ]
    excluded = [(e.file, e.line, e.reason, iso(e.day)) for e in result.excluded]
    ignored = [(i.file, i.line, i.rule, iso(i.day)) for i in result.ignored]
    return Entry(
        result.frame, result.problems, Meta(files=files, excluded=excluded, ignored=ignored)
    )


def _from_entry(entry: Entry) -> IncidentSet:
    files = [SourceFile(**f) for f in entry.meta["files"]]
    excluded = [Excluded(f, line, why, day_of(d)) for f, line, why, d in entry.meta["excluded"]]
    ignored = [Ignored(f, line, rule, day_of(d)) for f, line, rule, d in entry.meta["ignored"]]
    frame = _conform(entry.frame) if entry.frame is not None else None
    return IncidentSet(frame, files, excluded, entry.problems, ignored)


def _read_file(
    ws: Workspace,
    path: Path,
    source: IncidentSource,
    cache: Cache,
    key: str,
    settings: str,
    shapes: Shapes,
) -> tuple[Entry, bool]:
    """One export's validated rows and problems: from the cache, or read and checked now;
    and whether the file still is what `key` was made from (a sync client may have
    rewritten it meanwhile: then it is read as it is now, and cached under its new key)."""
    cached = cache.get("files", key)
    if cached is not None:
        return cached, True
    rel = ws.rel(path)
    raw = path.read_bytes()
    now = entry_key(rel, raw, settings)
    entry = _check_file(ws, rel, raw, source, shapes)
    if entry.meta.get("rows") is not None:
        cache.put("files", now, entry)
    return entry, now == key


def _check_file(
    ws: Workspace, rel: str, raw: bytes, source: IncidentSource, shapes: Shapes
) -> Entry:
    found = read_table(raw, source, rel)
    if isinstance(found, Problem):
        return Entry(_empty(), [found], {})
    table, encoding, delimiter = found
    meta = Meta(encoding=encoding, delimiter=delimiter)
    if table is None:
        empty = Problem(
            rel, None, None, None, N_("the file is empty"), code="empty-file", fatal=True
        )
        return Entry(_empty(), [empty], meta)
    mapped = map_columns(table.headers, INCIDENTS, source.columns)
    placing = shapes.placing and F.lat in mapped.columns and F.lon in mapped.columns
    optional = frozenset({F.area.value}) if placing else frozenset()
    missing = missing_columns(
        rel, table.header_line, table.headers, INCIDENTS, mapped, optional=optional
    )
    if missing:
        return Entry(_empty(), missing, meta)
    mapping = {F(name): i for name, i in mapped.columns.items()}
    checked = check_table(
        table, rel, mapping, source, delimiter, ws, shapes.get() if placing else None
    )
    entry = Entry(file_ids(checked.frame), checked.problems, meta)
    entry.meta.update(
        {
            "rows": checked.rows,
            "blank": checked.blank,
            "placed": checked.placed,
            "ignored_rows": checked.ignored,
            "days": {str(line): day for line, day in checked.days.items()},
        }
    )
    return entry


def _empty() -> pd.DataFrame:
    """A file's entry without rows (its source is added when files are combined)."""
    dtypes = {k: v for k, v in frame_dtypes().items() if k != "source"}
    frame = pd.DataFrame({k: pd.Series([], dtype=v) for k, v in dtypes.items()})
    return frame.assign(id_given=pd.Series([], dtype=bool))


def _excluded(rel: str, problems: list[Problem], days: dict[int, str]) -> list[Excluded]:
    """The rows of a file that are not used, each with the reasons its problems give and
    its day when that could be read."""
    by_line: dict[int, list[Problem]] = {}
    for p in problems:
        if p.line is not None:
            by_line.setdefault(p.line, []).append(p)
    out = []
    for line, found in by_line.items():
        errors = [p for p in found if p.severity == "error"]
        why = [p.text for p in found if p.code in ("duplicate-id", "duplicate-row", UNPLACED)]
        if why or any(p.code != "personnummer" for p in errors):
            reasons = [p.text for p in errors] or why
            out.append(Excluded(rel, line, "; ".join(reasons), day_of(days.get(line))))
    return out


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The combined frame in the dtypes `Incident` defines (see `frame_dtypes`)."""
    dtypes = frame_dtypes()
    return _conform(frame[list(dtypes)].astype(dtypes))


def _conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories always as the same string type, however the frame was made or stored
    (Parquet gives back empty categories untyped)."""
    for name, column in frame.items():
        if isinstance(column.dtype, pd.CategoricalDtype):
            names = pd.Index(column.cat.categories.astype(object), dtype="string")
            frame[name] = pd.Categorical.from_codes(
                column.cat.codes, dtype=pd.CategoricalDtype(names)
            )
    return frame
