"""`est init DIR`: scaffold a workspace."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from est_cli.cli.common import LanguageOpt, reporting, shown, speaker
from est_cli.cli.output import console, err_console, escape


def init(
    directory: Annotated[
        Path, typer.Argument(help="Folder for the new workspace (created if missing).")
    ] = Path("."),
    municipality: Annotated[
        str, typer.Option("--municipality", "-m", help="e.g. 'Oxelösunds kommun'.")
    ] = "Exempelkommun",
    year: Annotated[
        int | None,
        typer.Option(help="Year of the first pledge (default: this year).", show_default=False),
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            help="Place of signing (default: the municipality's name).", show_default=False
        ),
    ] = None,
    install: Annotated[
        str | None,
        typer.Option(
            help="What the CI workflow installs with pip, e.g. a git URL or a wheel path "
            "(default: this version of est, as the package est-cli; the same as this install "
            "when est was installed from a git URL).",
            show_default=False,
        ),
    ] = None,
    code: Annotated[
        str | None,
        typer.Option(
            "--code",
            help="SCB's four-digit municipality code, e.g. 0481 (default: found from "
            "--municipality in SCB's table).",
            show_default=False,
        ),
    ] = None,
    language: LanguageOpt = None,
) -> None:
    """Create a workspace: est.yaml, a pledge skeleton, an example export and a CI workflow."""
    from est_cli.scaffold import init_workspace

    say = speaker(language)
    with reporting(say=say):
        result = init_workspace(
            directory,
            municipality,
            today=date.today(),
            year=year,
            place=place,
            install=install,
            language=say.language,
            code=code,
        )
    out = console()
    if result.code is None:
        err_console().print(
            say._(
                "warning: '%(name)s' is no municipality in SCB's table; est.yaml has no "
                "municipality_code, which est import polisen needs (give it with --code, or "
                "write it in est.yaml)",
                name=escape(result.code_name),
            )
            + (
                " " + say._("did you mean %(names)s?", names=escape(result.suggestions))
                if result.suggestions
                else ""
            )
        )
    for path in result.written:
        out.print("  " + say._("created %(path)s", path=escape(shown(path))))
    folder = escape(shown(directory))
    ready = say._("Workspace ready in %(folder)s.", folder=folder)
    command = f"[bold]est check --workspace {folder}[/bold]"
    then = say._(
        "Next: edit est.yaml (your areas) and the pledge, put exports in data/incidents/, "
        "then run %(command)s.",
        command=command,
    )
    out.print(f"[green]{ready}[/green] {then}")


def register(app: typer.Typer) -> None:
    app.command(short_help="Create a workspace, with a CI workflow.")(init)
