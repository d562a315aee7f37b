"""The `est` command. Heavy libraries (pandas, matplotlib) load inside the commands that
need them, so `est --help` stays fast."""

from __future__ import annotations

import typer

from est_cli import __version__
from est_cli.cli import check, init, pledge, schema, stats, tertial, week

app = typer.Typer(
    name="est",
    help="est: weekly situation summaries (veckorapport) and medborgarlöfte follow-ups for "
    "EST work (Effektiv samordning för trygghet), from files kept in git.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"est {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Run `est COMMAND --help` for each command's options."""


for module in (init, check, week, tertial, pledge, stats, schema):
    module.register(app)


def main() -> None:
    app()
