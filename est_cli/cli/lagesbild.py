"""`est lagesbild build`: the yearly lägesbild under lag (2023:196)."""

from datetime import date
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

lagesbild_app = command_group(help="The yearly lägesbild (lag 2023:196).")


@lagesbild_app.command("build", short_help="Build the yearly lägesbild.")
def build(
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            "-y",
            help="Year, e.g. 2021. Default: the last complete year.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: md, html, json, pdf.")
    ] = "md,html,json",
    out: OutOpt = None,
    language: LanguageOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    allow_personal_data: AllowPersonalDataOpt = False,
    no_cache: NoCacheOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Build the lägesbild of one year from the incidents and lagesbild/YYYY.yaml
    (reports/lagesbild/)."""
    from est_cli.reports.lagesbild import FORMATS, build_lagesbild
    from est_cli.reports.period import document_language

    say = speaker(language)
    with reporting(workspace, say):
        ws = open_workspace(workspace)
        say.use(document_language(ws, language))
        result = build_lagesbild(
            ws,
            today=date.today(),
            year=year,
            formats=split_formats(format, FORMATS),
            out=out,
            language=language,
            strict=strict,
            use_cache=not no_cache,
            allow_personal_data=allow_personal_data,
        )
    if result.warnings:
        print_problems(result.warnings, result.root, out=err_console(), say=say)
    screen = console()
    for path in result.written:
        screen.print(say._("wrote %(path)s", path=escape(shown(path))))
    ready = say._(
        "Lägesbild %(year)s from %(source)s ready.", year=result.year, source=escape(result.source)
    )
    screen.print(f"[green]{ready}[/green]")


def register(app: typer.Typer) -> None:
    app.add_typer(lagesbild_app, name="lagesbild")
