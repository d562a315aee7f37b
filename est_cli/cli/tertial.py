"""`est tertial render`: the tertial follow-up of the pledge."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from est_cli.cli.common import (
    AllowPersonalDataOpt,
    LanguageOpt,
    NoCacheOpt,
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

tertial_app = command_group(help="The tertial follow-up of the medborgarlöfte.")


@tertial_app.command("render", short_help="Render the tertial follow-up.")
def render(
    tertial: Annotated[
        str | None,
        typer.Option(
            "--tertial",
            "-t",
            help="Tertial, e.g. 2021-T1 (T1 jan–apr, T2 maj–aug, T3 sep–dec). "
            "Default: the last one that has ended.",
            show_default=False,
        ),
    ] = None,
    pledge: Annotated[
        Path | None,
        typer.Option(
            "--pledge",
            "-p",
            help="Pledge file. Default: the one in pledges/ whose validity covers the tertial.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: md, html, json, pdf.")
    ] = "md,html",
    out: OutOpt = None,
    language: LanguageOpt = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Fail (exit 1) on warnings, e.g. a missing follow-up."),
    ] = False,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="A draft marked 'Utkast', also when no focus area is followed up yet.",
        ),
    ] = False,
    allow_personal_data: AllowPersonalDataOpt = False,
    no_cache: NoCacheOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Render the public follow-up of the medborgarlöfte for one tertial (reports/tertial/)."""
    from est_cli.reports.period import document_language
    from est_cli.reports.tertial import FORMATS, render_tertial

    say = speaker(language)
    with reporting(workspace, say):
        ws = open_workspace(workspace)
        say.use(document_language(ws, language))
        result = render_tertial(
            ws,
            today=date.today(),
            tertial=tertial,
            pledge=pledge,
            formats=split_formats(format, FORMATS),
            out=out,
            language=language,
            strict=strict,
            use_cache=not no_cache,
            allow_personal_data=allow_personal_data,
            draft=draft,
        )
    if result.warnings:
        print_problems(result.warnings, result.root, out=err_console(), say=say)
    screen = console()
    for path in result.written:
        screen.print(say._("wrote %(path)s", path=escape(shown(path))))
    ready = say._(
        "Follow-up of %(tertial)s from %(pledge)s ready.",
        tertial=result.tertial,
        pledge=escape(result.pledge),
    )
    if result.warnings:
        ready = say.ngettext(
            "Follow-up of %(tertial)s from %(pledge)s ready (%(num)s warning).",
            "Follow-up of %(tertial)s from %(pledge)s ready (%(num)s warnings).",
            len(result.warnings),
            tertial=result.tertial,
            pledge=escape(result.pledge),
        )
    screen.print(f"[green]{ready}[/green]")


def register(app: typer.Typer) -> None:
    app.add_typer(tertial_app, name="tertial")
