"""`est categories`: the categories an export's values may name, with their aliases."""

from typing import Annotated

import typer

from est_cli.cli.common import LanguageOpt, WorkspaceOpt, reporting, speaker
from est_cli.cli.output import Format, console, escape, print_table


def categories(
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text (a table) or json.")
    ] = Format.text,
    language: LanguageOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """List the categories with their ids, groups and aliases: est's defaults and est.yaml's
    own. A value in an export's category column matches an id, a name or an alias, without
    regard to case. Outside a workspace: the default categories."""
    from rich.table import Table

    from est_cli.errors import UsageError
    from est_cli.load.workspace import find_workspace, load_workspace
    from est_cli.reports.period import document_language
    from est_cli.schema import categories as category_list
    from est_cli.schema import categories_json

    say = speaker(language)
    settings = None
    with reporting(say=say):
        try:
            root = find_workspace(workspace)
        except UsageError:
            if workspace is not None:
                raise
        else:
            ws = load_workspace(root)
            settings = ws.settings
            say.use(document_language(ws, language))
    items = category_list(settings)
    if format == Format.json:
        typer.echo(categories_json(items), nl=False)
        return
    if format != Format.text:
        with reporting(say=say):
            raise UsageError(f"unknown format '{format.value}'; choose text or json")
    _ = say._
    table = Table(header_style="bold")
    table.add_column(_("Id"))
    table.add_column(_("Name"))
    table.add_column(_("Group"))
    table.add_column(_("Aliases"))
    for c in items:
        table.add_row(
            escape(c.id), escape(c.name), escape(c.group or ""), escape(", ".join(c.aliases))
        )
    out = console()
    print_table(table, out)
    if settings is None:
        out.print(_("The default categories: there is no est.yaml here or above."))
    else:
        out.print(
            _(
                "Add your own aliases, or categories, under categories: in est.yaml "
                "(see est schema settings)."
            )
        )


def register(app: typer.Typer) -> None:
    app.command(short_help="The categories, with their aliases.")(categories)
