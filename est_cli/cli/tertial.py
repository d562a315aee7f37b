"""`est tertial render`: the tertial follow-up of the pledge."""

from __future__ import annotations

import typer

from est_cli.cli.common import WorkspaceOpt
from est_cli.cli.output import err_console

tertial_app = typer.Typer(help="The tertial follow-up of the medborgarlöfte.", no_args_is_help=True)


@tertial_app.command("render")
def render(workspace: WorkspaceOpt = None) -> None:
    """Render the tertial follow-up (not yet available)."""
    err_console.print("`est tertial render` is not available in this version yet.")
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.add_typer(tertial_app, name="tertial")
