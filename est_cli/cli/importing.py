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
        list[Path],
        typer.Argument(
            help="Files saved from polisen.se's /api/events (a JSON array, or JSON Lines); "
            "- reads standard input.",
            show_default=False,
        ),
    ],
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

    say = speaker(language)
    with reporting(say=say):
        ws = open_workspace(workspace)
        say.use(document_language(ws, language))
        inputs: list[tuple[str, bytes]] = []
        for path in files:
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
        placed = say._(
            "Placed: %(n)s in %(area)s", n=say.number(result.in_area), area=escape(result.area)
        )
        if result.by_summary:
            placed += "; " + say._(
                "%(n)s by the summary (%(areas)s)",
                n=say.number(sum(result.by_summary.values())),
                areas=_counts(result.by_summary, say),
            )
        lines.append(placed + ".")
    left = [
        (
            say._("other municipalities (kept: %(names)s)", names=", ".join(result.municipalities)),
            result.elsewhere,
            None,
        ),
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
    if result.repeated:
        lines.append(
            say._("repeated in the input (counted once): %(n)s", n=say.number(result.repeated))
        )
    return lines


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
