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
from pathlib import Path

from est_cli.errors import N_, DataError, Problem, UsageError
from est_cli.load.aliases import normalize
from est_cli.load.confine import outside_problem, resolves_inside
from est_cli.load.polisen import TypeTable, municipality_names
from est_cli.load.polisen_events import Event, read_events
from est_cli.load.workspace import Workspace
from est_cli.models.polisen import POLISEN_DIR, POLISEN_ORG
from est_cli.models.settings import Polisen
from est_cli.render.files import write_atomic

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
    area: str = ""
    in_area: int = 0
    by_summary: Counter[str] = field(default_factory=Counter)
    municipalities: list[str] = field(default_factory=list)
    elsewhere: Counter[str] = field(default_factory=Counter)
    no_location: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    unknown: Counter[str] = field(default_factory=Counter)
    closest: dict[str, str | None] = field(default_factory=dict)
    unmapped: Counter[str] = field(default_factory=Counter)  # a category the workspace lacks
    problems: list[Problem] = field(default_factory=list)

    @property
    def kept(self) -> int:
        return self.new + self.already


def import_polisen(
    ws: Workspace, inputs: list[tuple[str, bytes]], *, areas_from_summary: bool = False
) -> ImportResult:
    """Import the events of `inputs` (name as shown, contents); raise DataError, writing
    nothing, when an input is not JSON or the settings cannot place the events."""
    police = ws.settings.polisen or Polisen()
    settings = ws.settings.model_copy(update={"polisen": police})
    category_ids = {c.id for c in settings.resolved_categories()}
    area = ws.areas.resolve(police.area)
    if area is None:
        raise DataError([_area_problem(ws, police)])
    result = ImportResult(inputs=[name for name, _ in inputs], area=ws.area_name(area))
    events: list[Event] = []
    fatal: list[Problem] = []
    for name, raw in inputs:
        found, problems = read_events(name, raw, settings.timezone)
        events += found
        (fatal if any(p.fatal for p in problems) else result.problems).extend(problems)
    if fatal:
        raise DataError(
            fatal,
            summary=N_(
                "%(count)s input(s) are not polisen.se events; nothing was imported",
                count=len(fatal),
            ),
        )
    result.events = len(events) + len(result.problems)
    wanted = {normalize(m) for m in municipality_names(settings)}
    result.municipalities = municipality_names(settings)
    types = TypeTable.of(police)
    existing = _existing(ws)
    seen: set[str] = set()
    rows: dict[int, list[list[str]]] = {}
    for event in events:
        if event.id in seen:
            result.repeated += 1
            continue
        seen.add(event.id)
        if event.location is None:
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
        if normalize(event.location) not in wanted:
            result.elsewhere[event.location] += 1
            continue
        label = " ".join(event.type.split())
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
        ident = ID_PREFIX + event.id
        if ident in existing:
            result.already += 1
            continue
        placed = _area_in(ws, event.summary) if areas_from_summary else None
        if placed is None:
            result.in_area += 1
        else:
            result.by_summary[ws.area_name(placed)] += 1
        assert event.occurred is not None
        if event.from_name:
            result.from_name += 1
        else:
            result.from_datetime += 1
        result.new += 1
        url = SITE + event.url if event.url.startswith("/") else event.url
        rows.setdefault(event.occurred.year, []).append(
            [
                ident,
                event.occurred.strftime("%Y-%m-%d %H:%M"),
                placed or area,
                category,
                POLISEN_ORG,
                event.summary,
                label,
                url,
            ]
        )
    for year, new_rows in sorted(rows.items()):
        path = ws.root / POLISEN_DIR / f"{year}.csv"
        old = existing.files.get(path, [])
        merged = sorted([*old, *new_rows], key=lambda r: (r[1], r[0]))
        write_atomic(path, _csv(merged))
        result.written.append(ws.rel(path))
    return result


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
    folder = ws.root / POLISEN_DIR
    if not resolves_inside(ws.root, folder):  # a link elsewhere: neither read nor written
        raise DataError([outside_problem(POLISEN_DIR, "folder", writes=True)])
    for path in sorted(folder.glob("*.csv")):
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


def _area_problem(ws: Workspace, police: Polisen) -> Problem:
    first = ws.settings.areas[0].id
    return Problem(
        "est.yaml",
        *ws.doc.locate(("polisen", "area") if ws.settings.polisen else ()),
        "polisen.area",
        N_(
            "the police's events carry only the municipality's position, and '%(area)s' "
            "is not an area to put them in",
            area=police.area,
        ),
        hint=N_(
            "name the area police events go to (an area id, name or alias), or add an area "
            "'%(area)s'",
            area=police.area,
        ),
        code="unknown-area",
        fix=f"polisen:\n  area: {first}",
    )
