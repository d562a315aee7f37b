"""`est pledge render`: the pledge document itself."""

from __future__ import annotations

import typer

from est_cli.cli.common import WorkspaceOpt
from est_cli.cli.output import err_console

pledge_app = typer.Typer(help="The medborgarlöfte document.", no_args_is_help=True)


@pledge_app.command("render")
def render(workspace: WorkspaceOpt = None) -> None:
    """Render the pledge document (not yet available)."""
    err_console.print("`est pledge render` is not available in this version yet.")
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.add_typer(pledge_app, name="pledge")
