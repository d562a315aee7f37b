"""`est cache clear`: empty the parse cache."""

import typer

from est_cli.cli.common import WorkspaceOpt, command_group, reporting
from est_cli.cli.output import console, escape, plural

cache_app = command_group(
    help="The parse cache in .est/cache/ (exports read once, kept as Parquet)."
)


@cache_app.command("clear", short_help="Empty the parse cache.")
def clear(workspace: WorkspaceOpt = None) -> None:
    """Delete .est/cache/ in the workspace. The next command reads every export afresh and
    fills it again; nothing else is touched."""
    from est_cli.cache import CACHE_DIR, clear_cache
    from est_cli.load.workspace import find_workspace

    with reporting():
        root = find_workspace(workspace)
        removed = clear_cache(root)
    where = escape(str(root / CACHE_DIR))
    if removed:
        console().print(f"Removed {plural(removed, 'file')} from {where}.")
    else:
        console().print(f"The cache is already empty ({where}).")


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app, name="cache")
