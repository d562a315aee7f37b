"""`est insats evaluate`: each insats against the rest of the municipality, soundly."""

from typing import TYPE_CHECKING, Annotated

import typer

from est_cli.cli.common import (
    LanguageOpt,
    NoCacheOpt,
    WorkspaceOpt,
    command_group,
    open_workspace,
    reporting,
    speaker,
)
from est_cli.cli.output import Format, console, err_console, escape, print_problems, print_table
from est_cli.cli.words import Say

if TYPE_CHECKING:
    from est_cli.reports.insats import EvaluateResult

insats_app = command_group(help="Insatser: dated measures, evaluated against a comparison.")


@insats_app.command("evaluate", short_help="Each insats against its comparison, with an interval.")
def evaluate(
    ident: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="The insats' id, or its number in the list (default: every insats).",
            show_default=False,
        ),
    ] = None,
    before: Annotated[
        int | None,
        typer.Option(
            "--before",
            min=7,
            max=366,
            help="Days before the insats' first day (default: est.yaml's evaluation, 28).",
            show_default=False,
        ),
    ] = None,
    after: Annotated[
        int | None,
        typer.Option(
            "--after",
            min=7,
            max=366,
            help="Days after its last day (default: est.yaml's evaluation, 28).",
            show_default=False,
        ),
    ] = None,
    years: Annotated[
        int | None,
        typer.Option(
            "--years",
            min=0,
            max=10,
            help="Earlier years whose same weeks are shown (default: est.yaml's evaluation, 3).",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text (a table) or json.")
    ] = Format.text,
    no_cache: NoCacheOpt = False,
    language: LanguageOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Compare each insats' area with the rest of the municipality (or the areas the insats
    names under comparison:) over the same days before and after it: the ratio of rate
    ratios with its 95 % interval, the same weeks of earlier years, and what it can and
    cannot say. The counts are internal: raw, not suppressed.

    Exit codes: 0 printed; 1 the inputs cannot be used; 2 wrong options or unknown ID.
    """
    import json

    from est_cli.errors import UsageError
    from est_cli.reports.insats import evaluate_workspace, result_json, workspace_windows
    from est_cli.reports.period import document_language

    say = speaker(language)
    with reporting(say=say):
        ws = open_workspace(workspace)
        say.use(document_language(ws, language))
        if format not in (Format.text, Format.json):
            raise UsageError(f"unknown format '{format.value}'; choose text or json")
    with reporting(ws.root, say):
        result = evaluate_workspace(
            ws,
            say.fmt,
            ident=ident,
            windows=workspace_windows(ws, before, after, years),
            use_cache=not no_cache,
        )
    if format == Format.json:
        data = result_json(result, say.fmt)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print(result, say)
    if result.warnings:
        print_problems(result.warnings, ws.root, out=err_console(), say=say)


def _print(r: "EvaluateResult", say: Say) -> None:
    from rich.table import Table

    from est_cli.reports.insats_text import earlier_year, ratio_text

    _ = say._
    fmt = say.fmt
    n = fmt.number
    out = console()
    if not r.rows:
        out.print(_("No insatser in the pledges or week notes."))
        return
    table = Table(header_style="bold")
    table.add_column("#", justify="right")
    table.add_column(_("Operation"))
    table.add_column(_("Area"))
    table.add_column(_("Before → after"), justify="right")
    table.add_column(_("Comparison"), justify="right")
    table.add_column(_("Ratio (95 %% interval)"), justify="right")
    for row in r.rows:
        ev = row.evaluation
        res = ev.result
        ins = ev.insats
        label = f"{ins.title} ({fmt.span(ins.start, ins.end or ins.start)})"
        if ins.id:
            label = f"{ins.id}: {label}"
        both = res.area_before is not None and res.area_after is not None
        mine = f"{n(res.area_before)} → {n(res.area_after)}" if both else "–"
        theirs = "–"
        if res.comparison_before is not None and res.comparison_after is not None:
            theirs = f"{n(res.comparison_before)} → {n(res.comparison_after)}"
        table.add_row(
            str(row.number),
            escape(label),
            escape(row.area_name or _("The whole municipality")),
            mine,
            theirs,
            ratio_text(res, fmt),
        )
        for c in ev.earlier:
            same = _("same weeks %(year)s", year=earlier_year(ev, c))
            table.add_row(
                "",
                f"[dim]{escape(same)}[/dim]",
                "",
                f"[dim]{n(c.area_before)} → {n(c.area_after)}[/dim]",
                f"[dim]{n(c.comparison_before)} → {n(c.comparison_after)}[/dim]",
                f"[dim]{ratio_text(c, fmt)}[/dim]",
            )
    print_table(table, out)
    for row in r.rows:
        text = row.text if row.seasonal is None else f"{row.text} {row.seasonal}"
        out.print(f"[bold]{row.number}.[/bold] {escape(text)}")
    out.print("")
    for caveat in r.caveats:
        out.print(f"[dim]• {escape(caveat)}[/dim]")
    out.print(f"[dim]{escape(r.method)}[/dim]")


def register(app: typer.Typer) -> None:
    app.add_typer(insats_app, name="insats")
