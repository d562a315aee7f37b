"""What every document shares: its language, the rule for incomplete data, where it is written.

A period document (week, month, tertial, year) has one shape: choose the period
(`est_cli.periods.choose_period`), require complete data for it (`require_complete`),
compute its figures, suppress small counts (`est_cli.aggregate.suppress`), render
(`est_cli.render.document`) and write (`write_document`). Each document's module holds its
own figures and context, and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from est_cli.aggregate.coverage import END_GRACE_DAYS, Coverage
from est_cli.errors import N_, DataError, EstError, Problem
from est_cli.load.confine import outside_problem, resolves_inside
from est_cli.load.placeholders import PLACEHOLDER_CODE
from est_cli.load.workspace import Workspace
from est_cli.periods import AnyPeriod, IsoWeek, Month, Tertial, Year
from est_cli.render.fileset import write_set
from est_cli.render.fmt import choose_language
from est_cli.render.lock import holding

StopOn = Literal["fatal", "error", "warning"]
DEFAULT_PERIOD = {
    "week": "the last complete week before today",
    "month": "the last complete month before today",
    "tertial": "the last tertial that has ended",
    "year": "the last complete year before today",
}


class OutsideData(EstError):
    """The chosen period has no data behind it (exports end before it or start after it)."""

    exit_code = 1


def require_data(
    period: AnyPeriod, first: date | None, last: date | None, *, command: str, explicit: bool
) -> None:
    """Refuse a period the incident data does not reach at all, naming the latest period of
    the same kind that has data and the command for it (`command --week 2021-W10`).

    A period the data covers only in part is not refused here: its gaps are shown as '–'.
    """
    if first is None or last is None:
        raise OutsideData(
            "there are no usable incidents in the exports, so there is nothing to report; "
            "put CSV exports where est.yaml's sources.incidents points (run `est check`)"
        )
    kind, option = period.kind, f"--{period.kind}"
    kinds: dict[str, type[IsoWeek] | type[Month] | type[Tertial] | type[Year]] = {
        "week": IsoWeek,
        "month": Month,
        "tertial": Tertial,
        "year": Year,
    }
    latest = kinds[kind].of(last)
    how = option if explicit else f"the default {kind} ({DEFAULT_PERIOD[kind]})"
    if last < period.first_day:
        raise OutsideData(
            f"the incident data ends on {last.isoformat()}, before {kind} {period.key} chosen "
            f"by {how}; the latest {kind} with data is {latest.key}. Add newer exports, or "
            f"use that {kind}: {command} {option} {latest.key}"
        )
    if first > period.last_day:
        earliest = kinds[kind].of(first)
        raise OutsideData(
            f"the incident data starts on {first.isoformat()}, after {kind} {period.key}; the "
            f"{kind}s with data are {earliest.key} to {latest.key}: {command} {option} "
            f"{latest.key}"
        )


def require_complete(
    problems: Sequence[Problem], *, document: str, stop_on: StopOn = "fatal"
) -> None:
    """Refuse to render `document` when an input its period needs could not be used.

    `problems` are those of every input the document reads for its period. A fatal problem
    (an unreadable export, an invalid YAML file) always stops it: the figures would be wrong
    with nothing to show it. `stop_on` widens the rule (the commands' --strict): "error" stops
    on any error, "warning" on any problem at all. All problems are reported, not only the
    ones that stop the document.
    """
    levels = {"fatal": (), "error": ("error",), "warning": ("error", "warning")}[stop_on]
    stopping = [p for p in problems if p.fatal or p.severity in levels]
    if not stopping:
        return
    files = sorted({p.file for p in stopping if p.fatal})
    if files:
        why = N_(
            "%(files)s could not be used, so the figures would be wrong", files=", ".join(files)
        )
    elif stop_on == "warning":
        why = N_("--strict stops on warnings too")
    else:
        why = N_("--strict stops on any error")
    raise DataError(
        problems,
        summary=N_(
            "%(count)s problem(s) stop the %(document)s (%(why)s); nothing was written. Fix them "
            "and run again (`est check` lists every problem).",
            count=len(stopping),
            document=document,
            why=why,
        ),
    )


def refuse_placeholders(problems: Sequence[Problem], *, file: str, document: str) -> None:
    """Never publish a pledge or a lägesbild that still holds `est init`'s placeholders
    ("Förnamn Efternamn"): each one is an error here, with or without --strict."""
    found = [replace(p, severity="error") for p in problems if p.code == PLACEHOLDER_CODE]
    if found:
        raise DataError(
            found,
            summary=N_(
                "%(file)s is still the skeleton est init wrote (%(count)s placeholder text(s) "
                "above), so the %(document)s was not written. Write the file's own texts there "
                "and run again.",
                file=file,
                count=len(found),
                document=document,
            ),
        )


def document_language(ws: Workspace, requested: str | None) -> str:
    """`--language` when given, else the workspace's language."""
    return choose_language(requested, ws.settings.language.value)


def document_slot(folder: str, stem: str) -> str:
    """The name of a document's lock and journal in `.est/`: 'weekly-2021-W10'."""
    return f"{folder}-{stem}"


def building(ws: Workspace, folder: str, stem: str, what: str) -> AbstractContextManager[None]:
    """Hold the document's lock while it is built, so that a second est building the same
    document stops at once with a message naming the first (`what`: 'est week build of
    2021-W10'), instead of both writing the same files."""
    return holding(ws.root, document_slot(folder, stem), what)


def write_document(
    ws: Workspace,
    out: Path | None,
    folder: str,
    stem: str,
    texts: dict[str, str | bytes],
    what: str = "est",
) -> list[Path]:
    """Write `stem.<format>` for each text into `out` (relative to the current folder) or
    into the workspace's `reports/<folder>/`, as one set (`est_cli.render.fileset`)."""
    target = out if out is not None else ws.root / "reports" / folder
    if out is None and not resolves_inside(ws.root, target):  # a link: a file's choice
        raise DataError([outside_problem(f"reports/{folder}", "folder", writes=True)])
    if not target.is_absolute():
        target = Path.cwd() / target
    files = {
        f"{stem}.{ext}": data.encode("utf-8") if isinstance(data, str) else data
        for ext, data in texts.items()
    }
    return write_set(ws.root, document_slot(folder, stem), target, files, what)


def coverage_problem(
    ws: Workspace, period: AnyPeriod, first: date | None, last: date | None
) -> Problem | None:
    """A warning naming the part of the period the incident data lacks, or None."""
    if Coverage(first, last).covers(period.first_day, period.last_day):
        return None
    where = ", ".join(f for source in ws.settings.sources.incidents for f in source.files)
    if first is None or last is None:
        lacking = N_(
            "all of it (%(first)s – %(last)s): there are no incidents",
            first=str(period.first_day),
            last=str(period.last_day),
        )
    else:
        gaps = []
        if first > period.first_day:
            gaps.append(f"{period.first_day} – {min(first - timedelta(days=1), period.last_day)}")
        if last + timedelta(days=END_GRACE_DAYS) < period.last_day:
            gaps.append(f"{max(last + timedelta(days=1), period.first_day)} – {period.last_day}")
        both = len(gaps) == 2
        lacking = N_(
            "%(gaps)s (the data covers %(first)s – %(last)s)",
            gaps=N_("%(gap)s and %(other)s", gap=gaps[0], other=gaps[1]) if both else gaps[0],
            first=str(first),
            last=str(last),
        )
    return Problem(
        where,
        message=N_(
            "the incident data does not cover all of %(key)s; it lacks %(lacking)s. The counts "
            "of that period are shown as '–' and no comparison is made",
            key=period.key,
            lacking=lacking,
        ),
        severity="warning",
        hint=N_(
            "add the exports that cover %(key)s to %(where)s, or choose a covered %(kind)s with "
            "--%(option)s",
            key=period.key,
            where=where,
            kind=_KINDS.get(period.kind, period.kind),
            option=period.kind,
        ),
        code="not-covered",
    )


_KINDS = {
    "week": N_("week"),
    "tertial": N_("tertial"),
    "month": N_("month"),
    "year": N_("year"),
}
