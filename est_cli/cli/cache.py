"""`est cache clear`: empty the parse cache."""

import typer

from est_cli.cli.common import (
    LanguageOpt,
    WorkspaceOpt,
    command_group,
    reporting,
    shown,
    speaker,
    workspace_speaker,
)
from est_cli.cli.output import console, escape

cache_app = command_group(
    help="The parse cache in .est/cache/ (exports read once, kept as Parquet)."
)


@cache_app.command("clear", short_help="Empty the parse cache.")
def clear(workspace: WorkspaceOpt = None, language: LanguageOpt = None) -> None:
    """Delete .est/cache/ in the workspace. The next command reads every export afresh and
    fills it again; nothing else is touched."""
    from est_cli.cache import CACHE_DIR, clear_cache
    from est_cli.load.workspace import find_workspace

    with reporting(say=speaker(language)):
        root = find_workspace(workspace)
    say = workspace_speaker(language, root)
    with reporting(say=say):
        removed = clear_cache(root)
    where = escape(shown(root / CACHE_DIR))
    if removed:
        console().print(
            say.ngettext(
                "Removed %(num)s file from %(where)s.",
                "Removed %(num)s files from %(where)s.",
                removed,
                where=where,
            )
        )
    else:
        console().print(say._("The cache is already empty (%(where)s).", where=where))


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app, name="cache")
