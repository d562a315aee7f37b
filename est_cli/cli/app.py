"""The `est` command.

Start-up is part of the interface (issue 7): `est --help`, `est --version` and every
`est COMMAND --help` load Typer and est's CLI modules only. pydantic, PyYAML, pandas, pyarrow,
matplotlib, Jinja2, Babel and even rich load inside the commands that use them; the command
modules import the core inside their functions, and their option types come from light modules
(est_cli.cli.output.Format is a plain enum). The command modules do without
`from __future__ import annotations`: Typer reads every command's signature at each start, and
string annotations would each be compiled and eval'd. tests/test_startup.py checks what loads;
benchmarks/startup.py times it.
"""

from __future__ import annotations

import typer

from est_cli import __version__
from est_cli.cli import (
    cache,
    categories,
    check,
    importing,
    init,
    insats,
    lagesbild,
    month,
    pledge,
    schema,
    stats,
    survey,
    tertial,
    week,
)
from est_cli.cli.common import command_group

app = command_group(
    name="est",
    help="est: weekly situation summaries (veckorapport) and medborgarlöfte follow-ups for "
    "EST work (Effektiv samordning för trygghet), from files kept in git.",
    add_completion=False,
    pretty_exceptions_enable=False,
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


for module in (
    init,
    check,
    week,
    month,
    tertial,
    pledge,
    lagesbild,
    stats,
    survey,
    categories,
    schema,
    importing,
    cache,
    insats,
):
    module.register(app)


def main() -> None:
    app()
