"""`est week build`: the weekly situation summary."""

from __future__ import annotations

import typer

from est_cli.cli.common import WorkspaceOpt
from est_cli.cli.output import err_console

week_app = typer.Typer(help="The weekly situation summary (veckorapport).", no_args_is_help=True)


@week_app.command("build")
def build(workspace: WorkspaceOpt = None) -> None:
    """Build the weekly situation summary (not yet available)."""
    err_console.print("`est week build` is not available in this version yet.")
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.add_typer(week_app, name="week")
