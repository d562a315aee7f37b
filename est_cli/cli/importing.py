"""`est import polisen FILE…`: the police's open events into data/polisen/."""

import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from est_cli.cli.common import (
    LanguageOpt,
    WorkspaceOpt,
    command_group,
    open_workspace,
    reporting,
    speaker,
)
from est_cli.cli.output import console, err_console, escape, print_problems
from est_cli.cli.words import Say

if TYPE_CHECKING:
    from est_cli.sources.polisen import ImportResult

import_app = command_group(help="Bring outside sources into the workspace as exports.")


@import_app.command(
    "polisen", short_help="The police's open events (polisen.se) into data/polisen/."
)
def polisen(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files saved from polisen.se's /api/events (a JSON array, or JSON Lines); "
            "- reads standard input.",
            show_default=False,
        ),
    ] = None,
    fetch: Annotated[
        bool,
        typer.Option(
            "--fetch",
            help="Read the police's open API itself (one call; it serves the latest 500 "
            "events of the whole country, so fetch at least weekly).",
        ),
    ] = False,
    url: Annotated[
        str | None,
        typer.Option("--url", help="The API's address for --fetch.", show_default=False),
    ] = None,
    areas_from_summary: Annotated[
        bool,
        typer.Option(
            "--areas-from-summary",
            help="Place an event in the area whose name or alias its summary mentions.",
        ),
    ] = False,
    language: LanguageOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Import the events of the workspace's municipality as an ordinary export, one file a
    year under data/polisen/ (source Polisen, the summary as the internal description).
    Importing a file again adds nothing; an overlapping newer file adds only its new events.
    The input files are only read."""
    from est_cli.errors import UsageError
    from est_cli.reports.period import document_language
    from est_cli.sources.polisen import import_polisen
    from est_cli.sources.polisen_fetch import POLICE_API, fetch_events

    say = speaker(language)
    with reporting(say=say):
        ws = open_workspace(workspace)
        say.use(document_language(ws, language))
        if fetch == bool(files):
            raise UsageError(
                "give files to import, or --fetch to read the police's API (not both)"
                if fetch
                else "give files to import (or - for standard input), or --fetch"
            )
        if url is not None and not fetch:
            raise UsageError("--url is the address --fetch reads; add --fetch")
        inputs: list[tuple[str, bytes]] = []
        if fetch:
            address = url or POLICE_API
            inputs.append((address, fetch_events(address)))
        for path in files or []:
            if str(path) == "-":
                inputs.append(("-", sys.stdin.buffer.read()))
                continue
            try:
                inputs.append((str(path), path.read_bytes()))
            except OSError as exc:
                raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
        result = import_polisen(ws, inputs, areas_from_summary=areas_from_summary)
    if result.problems:
        print_problems(result.problems, ws.root, out=err_console(), say=say)
    out = console()
    for line in summary_lines(result, say):
        out.print(line)


def _counts(counter: Counter[str], say: Say, closest: dict[str, str | None] | None = None) -> str:
    parts = []
    for name, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
        part = f"{escape(name)} {say.number(n)}"
        if closest is not None and closest.get(name):
            part += " (" + say._("closest known: %(type)s", type=escape(closest[name])) + ")"
        parts.append(part)
    return ", ".join(parts)


def summary_lines(result: "ImportResult", say: Say) -> list[str]:
    """What the import did, one line each: read, written, time, place, left out."""
    from est_cli.models.polisen_archive import ARCHIVE_FILE
    from est_cli.sources.polisen import COUNTY_DIR

    lines = [
        say._(
            "Read %(events)s from %(files)s.",
            events=say.ngettext("%(num)s event", "%(num)s events", result.events),
            files=", ".join(escape(f) for f in result.inputs),
        ),
        say._(
            "Imported %(new)s into %(files)s; %(already)s already there.",
            new=say.ngettext("%(num)s new event", "%(num)s new events", result.new),
            files=", ".join(escape(f) for f in result.written),
            already=say.number(result.already),
        )
        if result.written
        else say._("No new events; %(already)s already there.", already=say.number(result.already)),
    ]
    if result.new:
        lines.append(
            say._(
                "Time from the name: %(name)s; from datetime (no time in the name): %(dt)s.",
                name=say.number(result.from_name),
                dt=say.number(result.from_datetime),
            )
        )
        placed = []
        if result.unplaced:
            placed.append(
                say._(
                    "%(n)s for the whole municipality, in no area",
                    n=say.number(result.unplaced),
                )
            )
        if result.in_area:
            placed.append(
                say._(
                    "%(n)s in %(area)s",
                    n=say.number(result.in_area),
                    area=escape(result.area or ""),
                )
            )
        if result.by_summary:
            placed.append(
                say._(
                    "%(n)s by the summary (%(areas)s)",
                    n=say.number(sum(result.by_summary.values())),
                    areas=_counts(result.by_summary, say),
                )
            )
        lines.append(say._("Placed: %(how)s.", how="; ".join(placed)))
    left = [
        (
            say._("other municipalities (kept: %(names)s)", names=", ".join(result.municipalities)),
            result.elsewhere,
            None,
        ),
        (
            say._("events of a whole county, not counted as the municipality's")
            + (
                " (" + say._("kept apart in %(folder)s", folder=COUNTY_DIR) + ")"
                if result.county_kept
                else ""
            ),
            result.county,
            None,
        ),
        (say._("summaries of many events, skipped"), result.summaries, None),
        (say._("skipped types, not incidents for a lägesbild"), result.skipped, None),
        (say._("unknown types"), result.unknown, result.closest),
        (say._("types whose category the workspace lacks"), result.unmapped, None),
    ]
    for label, counter, closest in left:
        if counter:
            lines.append(
                f"{label}: {say.number(sum(counter.values()))}: {_counts(counter, say, closest)}"
            )
    if result.no_location:
        lines.append(say._("without a location: %(n)s", n=say.number(result.no_location)))
    if result.unknown or result.unmapped:
        lines.append(
            say._(
                "To import a type, give its category under polisen.types in est.yaml "
                "(a category id, or skip)."
            )
        )
    if result.archive is not None:
        lines.append(
            say._(
                "The archive of the police's events is whole from %(day)s (%(file)s).",
                day=result.archive.since.isoformat(),
                file=ARCHIVE_FILE,
            )
        )
    if result.repeated:
        lines.append(
            say._("repeated in the input (counted once): %(n)s", n=say.number(result.repeated))
        )
    return lines


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
