"""`est pledge render`: the pledge document itself."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from est_cli.cli.common import (
    AllowPersonalDataOpt,
    LanguageOpt,
    OutOpt,
    WorkspaceOpt,
    command_group,
    open_workspace,
    reporting,
    shown,
    speaker,
    split_formats,
)
from est_cli.cli.output import console, err_console, escape, print_problems

pledge_app = command_group(help="The medborgarlöfte document.")


@pledge_app.command("render", short_help="Render the pledge document.")
def render(
    pledge: Annotated[
        Path | None,
        typer.Option(
            "--pledge",
            "-p",
            help="Pledge file. Default: the one valid today (or the only one in pledges/).",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: md, html, pdf.")
    ] = "md,html",
    out: OutOpt = None,
    language: LanguageOpt = None,
    allow_personal_data: AllowPersonalDataOpt = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings, e.g. personal data.")
    ] = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Render the medborgarlöfte for publication (reports/pledge/)."""
    from est_cli.reports.period import document_language
    from est_cli.reports.pledge import FORMATS, render_pledge

    say = speaker(language)
    with reporting(workspace, say):
        ws = open_workspace(workspace)
        say.use(document_language(ws, language))
        result = render_pledge(
            ws,
            today=date.today(),
            pledge=pledge,
            formats=split_formats(format, FORMATS),
            out=out,
            language=language,
            allow_personal_data=allow_personal_data,
            strict=strict,
        )
    if result.warnings:
        print_problems(result.warnings, result.root, out=err_console(), say=say)
    screen = console()
    for path in result.written:
        screen.print(say._("wrote %(path)s", path=escape(shown(path))))
    ready = say._("Pledge document from %(pledge)s ready.", pledge=escape(result.pledge))
    screen.print(f"[green]{ready}[/green]")


def register(app: typer.Typer) -> None:
    app.add_typer(pledge_app, name="pledge")
