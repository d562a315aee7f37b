"""`est check`: validate the whole workspace."""

from typing import Annotated

import typer

from est_cli.cli.common import (
    LanguageOpt,
    NoCacheOpt,
    WorkspaceOpt,
    reporting,
    speaker,
    workspace_speaker,
)
from est_cli.cli.output import Format, console, escape, print_problems, problems_json


def check(
    workspace: WorkspaceOpt = None,
    format: Annotated[
        Format,
        typer.Option(
            "--format", "-f", help="text, github (annotations for GitHub Actions) or json."
        ),
    ] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    no_cache: NoCacheOpt = False,
    language: LanguageOpt = None,
) -> None:
    """Validate est.yaml, every pledge, week file and incident export; report every problem."""
    from est_cli.check import check_workspace
    from est_cli.load.workspace import find_workspace

    with reporting(say=speaker(language)):
        root = find_workspace(workspace)
    report = check_workspace(root, use_cache=not no_cache)
    say = workspace_speaker(language, root)
    if format == Format.json:
        # plain echo, not rich: the output must stay parseable even when colours are forced
        typer.echo(
            problems_json(
                report.problems,
                files=report.files,
                rows=report.rows,
                errors=len(report.errors),
                warnings=len(report.warnings),
                ignored=sum(report.ignored.values()),
                ignored_by=report.ignored,
            )
        )
    else:
        print_problems(report.problems, root, format, say=say)
        if report.ignored:
            console().print(escape(say.ignored(report.ignored)))
        if report.placed or report.unplaced:
            placed = say._(
                "%(placed)s without an area placed by their position, %(unplaced)s in no "
                "area's polygon (left out).",
                placed=say.ngettext("%(num)s row", "%(num)s rows", report.placed),
                unplaced=say.number(report.unplaced),
            )
            console().print(escape(placed))
        summary = say._(
            "Checked %(files)s, %(rows)s: %(errors)s, %(warnings)s.",
            files=say.ngettext("%(num)s file", "%(num)s files", report.files),
            rows=say.ngettext("%(num)s row", "%(num)s rows", report.rows),
            errors=say.ngettext("%(num)s error", "%(num)s errors", len(report.errors)),
            warnings=say.ngettext("%(num)s warning", "%(num)s warnings", len(report.warnings)),
        )
        colour = "red" if report.failed(strict) else "green"
        console().print(f"[{colour}]{summary}[/{colour}]")
    if report.failed(strict):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command(short_help="Validate every file of the workspace.")(check)
