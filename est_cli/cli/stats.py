"""`est stats`: counts in the terminal."""

from __future__ import annotations

import typer

from est_cli.cli.common import WorkspaceOpt
from est_cli.cli.output import err_console


def stats(workspace: WorkspaceOpt = None) -> None:
    """Counts by week, area and category in the terminal (not yet available)."""
    err_console.print("`est stats` is not available in this version yet.")
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command()(stats)
