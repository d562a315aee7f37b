"""`est import polisen`: the police's open events into the workspace, as an ordinary export.

The events of the workspace's municipalities become rows of data/polisen/YYYY.csv (one
file a year, in the columns est reads, source 'Polisen', the summary as the internal
description), so every command reads them as it reads the partners' exports and git shows
what came in. An event already there (by its police id) is never added twice; every event
left out is counted by why, never dropped silently. Inputs are only read.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from est_cli.errors import N_, DataError, Problem, UsageError
from est_cli.load.aliases import normalize
from est_cli.load.confine import outside_problem, resolves_inside
from est_cli.load.municipalities import is_county
from est_cli.load.polisen import (
    TypeTable,
    code_problem,
    municipality_names,
    neutralise,
    read_archive,
)
from est_cli.load.polisen_events import Event, read_events
from est_cli.load.workspace import Workspace
from est_cli.models.polisen import POLISEN_DIR, POLISEN_ORG, is_summary
from est_cli.models.polisen_archive import ARCHIVE_FILE, Gap, PoliceArchive
from est_cli.models.settings import Polisen
from est_cli.render.files import write_atomic
from est_cli.render.lock import holding

HEADER = [
    "Händelse-ID",
    "Tidpunkt",
    "Område",
    "Kategori",
    "Organisation",
    "Beskrivning",
    "Polisens typ",
    "URL",
]
ID_PREFIX = "polisen-"
COUNTY_DIR = f"{POLISEN_DIR}/lan"  # county-wide events, kept apart: never read as incidents
SITE = "https://polisen.se"


@dataclass
class ImportResult:
    """What one import read, wrote and left out, for the summary the command prints."""

    inputs: list[str] = field(default_factory=list)
    events: int = 0
    repeated: int = 0  # the same id again in the inputs
    new: int = 0
    already: int = 0
    written: list[str] = field(default_factory=list)
    from_name: int = 0
    from_datetime: int = 0
    area: str | None = None  # polisen.area's name, when the workspace puts events in one
    in_area: int = 0
    unplaced: int = 0  # counted for the whole municipality, in no area
    by_summary: Counter[str] = field(default_factory=Counter)
    municipalities: list[str] = field(default_factory=list)
    elsewhere: Counter[str] = field(default_factory=Counter)
    county: Counter[str] = field(default_factory=Counter)  # events of a whole county
    county_kept: int = 0  # written apart (polisen.county_events: keep)
    summaries: Counter[str] = field(default_factory=Counter)  # "Sammanfattning natt" …
    no_location: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    unknown: Counter[str] = field(default_factory=Counter)
    closest: dict[str, str | None] = field(default_factory=dict)
    unmapped: Counter[str] = field(default_factory=Counter)  # a category the workspace lacks
    archive: PoliceArchive | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def kept(self) -> int:
        return self.new + self.already


def import_polisen(
    ws: Workspace, inputs: list[tuple[str, bytes]], *, areas_from_summary: bool = False
) -> ImportResult:
    """Import the events of `inputs` (name as shown, contents); raise DataError, writing
    nothing, when an input is not JSON or the settings cannot tell the events' place.
    One import at a time per workspace: a second waits for nothing and stops, naming the
    first, so no two of them merge the same year's file at once."""
    with holding(ws.root, "import-polisen", "est import polisen"):
        return _import(ws, inputs, areas_from_summary=areas_from_summary)


def _import(
    ws: Workspace, inputs: list[tuple[str, bytes]], *, areas_from_summary: bool
) -> ImportResult:
    police = ws.settings.polisen or Polisen()
    settings = ws.settings.model_copy(update={"polisen": police})
    category_ids = {c.id for c in settings.resolved_categories()}
    area = ws.areas.resolve(police.area) if police.area else None
    code = code_problem(settings, ws.doc, importing=True)
    fatal = [p for p in (code,) if p is not None and p.severity == "error"]
    if police.area and area is None:
        fatal.append(_area_problem(ws, police.area))
    result = ImportResult(
        inputs=[name for name, _ in inputs], area=ws.area_name(area) if area else None
    )
    if code is not None:
        result.problems.append(code)
    events: list[Event] = []
    unusable = 0  # events read but not usable (no id, no type, no time): warned about
    for name, raw in inputs:
        found, problems = read_events(name, raw, settings.timezone)
        events += found
        if any(p.fatal for p in problems):
            fatal.extend(problems)
        else:
            result.problems.extend(problems)
            unusable += len(problems)
    if fatal:
        unread = sum(p.file != "est.yaml" for p in fatal)
        raise DataError(
            fatal,
            summary=N_(
                "%(count)s input(s) are not polisen.se events; nothing was imported",
                count=unread,
            )
            if unread
            else None,
        )
    result.events = len(events) + unusable
    wanted = {normalize(m) for m in municipality_names(settings)}
    result.municipalities = municipality_names(settings)
    types = TypeTable.of(police)
    existing = _existing(ws)
    seen: set[str] = set()
    rows: dict[Path, list[list[str]]] = {}
    for event in events:
        if event.id in seen:
            result.repeated += 1
            continue
        seen.add(event.id)
        where = event.named or event.location
        if where is None:
            result.no_location += 1
            result.problems.append(
                Problem(
                    event.file,
                    event.line,
                    None,
                    "location",
                    N_("event %(id)s has no location; it is not imported", id=event.id),
                    severity="warning",
                    code="missing-field",
                    hint=N_("an event without a municipality cannot be placed"),
                )
            )
            continue
        label = " ".join(event.type.split())
        ident = ID_PREFIX + event.id
        if normalize(where) not in wanted:
            if is_county(where):
                result.county[where] += 1
                if police.county_events == "keep" and ident not in existing:
                    assert event.occurred is not None
                    folder = ws.root / COUNTY_DIR
                    rows.setdefault(folder / f"{event.occurred.year}.csv", []).append(
                        _row(ident, event, "", types.category(event.type) or "")
                    )
                    result.county_kept += 1
            else:
                result.elsewhere[where] += 1
            continue
        if is_summary(event.type):
            result.summaries[label] += 1
            continue
        if not types.known(event.type):
            result.unknown[label] += 1
            result.closest[label] = types.closest(event.type)
            continue
        category = types.category(event.type)
        if category is None:
            result.skipped[label] += 1
            continue
        if category not in category_ids:
            result.unmapped[label] += 1
            continue
        if ident in existing:
            result.already += 1
            continue
        placed = _area_in(ws, event.summary) if areas_from_summary else None
        if placed is not None:
            result.by_summary[ws.area_name(placed)] += 1
        elif area is not None:
            result.in_area += 1
        else:
            result.unplaced += 1
        assert event.occurred is not None
        if event.from_name:
            result.from_name += 1
        else:
            result.from_datetime += 1
        result.new += 1
        path = ws.root / POLISEN_DIR / f"{event.occurred.year}.csv"
        rows.setdefault(path, []).append(_row(ident, event, placed or area or "", category))
    for path, new_rows in sorted(rows.items()):
        old = existing.files.get(path, [])
        merged = sorted([*old, *new_rows], key=lambda r: (r[1], r[0]))
        write_atomic(path, _csv(merged))
        result.written.append(ws.rel(path))
    result.archive = _archive(ws, events, result)
    return result


def _row(ident: str, event: Event, area: str, category: str) -> list[str]:
    """The CSV row of an event; its texts neutralised for spreadsheets."""
    assert event.occurred is not None
    url = SITE + event.url if event.url.startswith("/") else event.url
    label = " ".join(event.type.split())  # as the summary lists it
    cells = [ident, event.occurred.strftime("%Y-%m-%d %H:%M"), area, category, POLISEN_ORG]
    return [*cells, *(neutralise(c) for c in (event.summary, label, url))]


def _archive(ws: Workspace, events: list[Event], result: ImportResult) -> PoliceArchive | None:
    """data/polisen/archive.yaml brought up to date: the archive starts on the first whole
    day of the first import (the feed's window begins in the middle of a day); a later input
    that begins after the latest event imported so far leaves a gap, written down and
    warned about, since the events published in it are lost."""
    published = sorted(e.published for e in events if e.published is not None)
    if not published:
        return read_archive(ws.root)
    record = read_archive(ws.root)
    first, last = published[0], published[-1]
    if record is None:
        record = PoliceArchive(since=first.date() + timedelta(days=1), latest=last)
    else:
        if first > record.latest:
            record.gaps.append(Gap(after=record.latest, before=first))
            result.problems.append(
                Problem(
                    ARCHIVE_FILE,
                    None,
                    None,
                    None,
                    N_(
                        "the events imported end at %(after)s and this input starts at "
                        "%(before)s: what the police published in between is no longer in "
                        "their feed and is missing from the archive",
                        after=record.latest.strftime("%Y-%m-%d %H:%M"),
                        before=first.strftime("%Y-%m-%d %H:%M"),
                    ),
                    severity="warning",
                    hint=N_(
                        "import at least weekly (est init's workflow fetches every day); the "
                        "gap is written down in %(file)s",
                        file=ARCHIVE_FILE,
                    ),
                    code="police-archive-gap",
                )
            )
        record.latest = max(record.latest, last)
    write_atomic(ws.root / ARCHIVE_FILE, archive_yaml(record))
    return record


@dataclass
class _Existing:
    ids: set[str]
    files: dict[Path, list[list[str]]]

    def __contains__(self, ident: str) -> bool:
        return ident in self.ids


def _existing(ws: Workspace) -> _Existing:
    """The rows of the files earlier imports wrote; a file in data/polisen/ in another
    shape is an error (est does not rewrite a file it did not write)."""
    out = _Existing(set(), {})
    problems = []
    for rel_folder in (POLISEN_DIR, COUNTY_DIR):
        folder = ws.root / rel_folder
        if not resolves_inside(ws.root, folder):  # a link elsewhere: neither read nor written
            raise DataError([outside_problem(rel_folder, "folder", writes=True)])
    paths = [*(ws.root / POLISEN_DIR).glob("*.csv"), *(ws.root / COUNTY_DIR).glob("*.csv")]
    for path in sorted(paths):
        rel = ws.rel(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError) as exc:
            raise UsageError(N_("cannot read %(file)s: %(error)s", file=rel, error=exc)) from None
        table = list(csv.reader(io.StringIO(text), delimiter=";"))
        if not table or table[0] != HEADER:
            problems.append(
                Problem(
                    rel,
                    1,
                    None,
                    None,
                    N_(
                        "this file was not written by est import polisen (its columns are "
                        "%(columns)s; expected %(expected)s)",
                        columns=", ".join(table[0]),
                        expected=", ".join(HEADER),
                    )
                    if table
                    else N_(
                        "this file was not written by est import polisen (it has no columns; "
                        "expected %(expected)s)",
                        expected=", ".join(HEADER),
                    ),
                    hint=N_(
                        "move it out of %(folder)s/, e.g. to data/incidents/", folder=POLISEN_DIR
                    ),
                    code="not-an-import",
                    fatal=True,
                )
            )
            continue
        body = [r for r in table[1:] if any(c.strip() for c in r)]
        out.files[path] = body
        out.ids.update(r[0] for r in body if r)
    if problems:
        raise DataError(problems)
    return out


def archive_yaml(record: PoliceArchive) -> str:
    """archive.yaml's text: written by est, read by est (est_cli.load.polisen.read_archive)."""
    lines = [
        "# Written by est import polisen: since when the archive of the police's events is",
        "# whole, and the stretches no import covered. Review it; don't edit it.",
        f"since: {record.since.isoformat()}",
        f"latest: {record.latest.isoformat(sep=' ', timespec='minutes')}",
    ]
    if record.gaps:
        lines.append("gaps:")
        for gap in record.gaps:
            lines.append(f"  - after: {gap.after.isoformat(sep=' ', timespec='minutes')}")
            lines.append(f"    before: {gap.before.isoformat(sep=' ', timespec='minutes')}")
    return "\n".join(lines) + "\n"


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


def _area_in(ws: Workspace, summary: str) -> str | None:
    """The area whose name or alias the summary names first ('… vid stationen i Ramdal')."""
    best: tuple[int, int, str] | None = None
    for a in ws.settings.areas:
        for spelling in (a.name, *a.aliases):
            m = re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", summary, flags=re.I)
            if m and (best is None or (m.start(), -len(spelling)) < best[:2]):
                best = (m.start(), -len(spelling), a.id)
    return best[2] if best else None


def _area_problem(ws: Workspace, wanted: str) -> Problem:
    return Problem(
        "est.yaml",
        *ws.doc.locate(("polisen", "area")),
        "polisen.area",
        N_("'%(area)s' is not an area to put the police's events in", area=wanted),
        hint=N_(
            "name an area (id, name or alias), or remove polisen.area: without it the events "
            "count for the whole municipality, in no area"
        ),
        code="unknown-area",
    )
