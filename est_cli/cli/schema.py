"""`est schema`: JSON Schema of the YAML formats."""

from pathlib import Path
from typing import Annotated

import typer

from est_cli.cli.common import LanguageOpt, reporting, shown, workspace_speaker
from est_cli.cli.output import console, escape


def schema(
    kind: Annotated[
        str, typer.Argument(help="settings (est.yaml), pledge, week or lagesbild.")
    ] = "pledge",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write every schema into this folder instead of printing one.",
            show_default=False,
        ),
    ] = None,
    language: LanguageOpt = None,
) -> None:
    """Print the JSON Schema of a YAML file format, for editor completion and checks."""
    from est_cli.errors import UsageError
    from est_cli.render.files import write_atomic
    from est_cli.schema import KINDS, schema_text

    say = workspace_speaker(language, _here())
    with reporting(say=say):
        if kind not in KINDS:
            raise UsageError(f"unknown kind '{kind}'; choose settings, pledge, week or lagesbild")
        if out is None:
            typer.echo(schema_text(kind), nl=False)
            return
        for name, (_model, filename, _title) in KINDS.items():
            path = write_atomic(out / filename, schema_text(name))
            console().print(say._("wrote %(path)s", path=escape(shown(path))))


def _here() -> Path | None:
    """The workspace the current folder is in, if any: what `est schema` says follows it."""
    from est_cli.errors import UsageError
    from est_cli.load.workspace import find_workspace

    try:
        return find_workspace()
    except UsageError:
        return None


def register(app: typer.Typer) -> None:
    app.command(short_help="JSON Schema of the YAML files, for editors.")(schema)
