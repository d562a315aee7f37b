"""`est week build`: the weekly situation summary."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from est_cli.cli.common import (
    LanguageOpt,
    NoCacheOpt,
    OutOpt,
    WorkspaceOpt,
    command_group,
    open_workspace,
    reporting,
    split_formats,
)
from est_cli.cli.output import (
    console,
    err_console,
    escape,
    ignored_line,
    plural,
    print_problems,
    print_table,
)
from est_cli.cli.progress import reading_progress

if TYPE_CHECKING:
    from est_cli.reports.weekly import WeeklyResult

week_app = command_group(help="The weekly situation summary (veckorapport).")


@week_app.command("build", short_help="Build the weekly situation summary.")
def build(
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            help="ISO week: 2026-W47, or 47 for this year. Default: the last complete week "
            "before today.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="Comma-separated: md, html, json."),
    ] = "md,html",
    out: OutOpt = None,
    language: LanguageOpt = None,
    include_descriptions: Annotated[
        bool,
        typer.Option(
            "--include-descriptions",
            help="Add every incident with its free-text description and mark the document "
            "INTERNT. It is written as YYYY-Www-internt.md/.html/.json, never over the normal "
            "report. Never publish or commit such a document.",
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Stop on any error in the inputs, not only on fatal ones."),
    ] = False,
    no_cache: NoCacheOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Build the weekly situation summary: reports/weekly/YYYY-Www.md and .html (and .json).

    With --include-descriptions the internal document goes to YYYY-Www-internt.* instead.

    Exit codes: 0 built (rows that could not be used are excluded and counted in the report's
    data note); 1 nothing written because of errors that would make the report wrong (an
    unreadable export, an invalid weeks/YYYY-Www.yaml; with --strict any error) or because
    the data has no incidents in or after the chosen week; 2 wrong options.
    """
    from est_cli.reports.weekly import FORMATS, build_weekly

    with reporting():
        ws = open_workspace(workspace)
        formats = split_formats(format, FORMATS)
    root = ws.root
    with reporting(root), reading_progress() as progress:
        result = build_weekly(
            ws,
            today=date.today(),
            week=week,
            formats=formats,
            out=out,
            language=language,
            include_descriptions=include_descriptions,
            strict=strict,
            progress=progress,
            use_cache=not no_cache,
        )
    err = err_console()
    print_problems(result.problems, root, out=err)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    _summary(result, root)


def _summary(result: "WeeklyResult", root: Path) -> None:
    from rich.table import Table

    from est_cli.render.fmt import Formatter

    fmt = Formatter(result.language)
    f = result.figures
    h = f.headline
    out = console()
    out.print(
        f"[bold]{escape(result.label)}[/bold]" + ("  [red]INTERNT[/red]" if result.internal else "")
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("")
    table.add_column("incidents", justify="right")
    table.add_column("change", justify="right")
    table.add_row("this week", fmt.number(h.this), "")
    table.add_row("previous week", fmt.number(h.previous), fmt.signed(h.vs_previous))
    table.add_row("4-week mean", fmt.number(h.mean4, 1), fmt.signed(h.vs_mean4, 1))
    table.add_row("same week last year", fmt.number(h.last_year), fmt.signed(h.vs_last_year))
    print_table(table, out)
    if not f.rule.evaluated:
        out.print("Hotspots: not assessed (too little history before this week).")
    elif f.hotspots:
        out.print(f"Hotspots ({len(f.hotspots)}):")
        for s in f.hotspots:
            out.print(
                f"  [bold]{escape(s.area_name)} × {escape(s.category_name)}[/bold]: {s.count} "
                f"(usual {fmt.number(s.expected, 2)}/week, P = {s.p_value:.2g})"
            )
    else:
        out.print("Hotspots: none this week.")
    notes = "included" if result.notes_found else f"none yet ({escape(str(result.notes_file))})"
    out.print(f"Meeting notes: {notes}")
    out.print(
        f"Rows: {plural(result.rows_read, 'row')} read, {plural(result.rows_used, 'incident')} "
        f"used, {result.rows_excluded:,} excluded (this week's are listed in the data note)."
    )
    if result.ignored_by:
        out.print(escape(ignored_line(result.ignored_by)))
    for path in result.written:
        out.print(f"  wrote {escape(_rel(path))}")
    if result.internal:
        out.print(
            "[red]INTERNT:[/red] these files contain incident descriptions. They are kept apart "
            "from the normal report; do not publish, send or commit them."
        )


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def register(app: typer.Typer) -> None:
    app.add_typer(week_app, name="week")
