"""`est stats`: counts in the terminal for a week, month or tertial."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from est_cli.cli.common import NoCacheOpt, WorkspaceOpt, open_workspace, reporting
from est_cli.cli.output import console, err_console, escape, plural, print_table
from est_cli.cli.progress import reading_progress

if TYPE_CHECKING:
    from est_cli.reports.stats import StatsResult


def stats(
    week: Annotated[
        str | None,
        typer.Option("--week", help="ISO week: 2026-W47, or 47 for this year.", show_default=False),
    ] = None,
    month: Annotated[
        str | None, typer.Option("--month", help="A month: 2026-03.", show_default=False)
    ] = None,
    tertial: Annotated[
        str | None,
        typer.Option("--tertial", help="A tertial: 2026-T1 (jan–apr).", show_default=False),
    ] = None,
    area: Annotated[
        list[str] | None,
        typer.Option("--area", "-a", help="Only this area (id or name); repeat for more."),
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", "-c", help="Only this category (id or name); repeat."),
    ] = None,
    no_cache: NoCacheOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Counts by category, area, weekday and time of day, with the previous period and last year.

    Default period: the last complete ISO week before today.
    """
    from est_cli.reports.stats import compute_stats

    with reporting():
        ws = open_workspace(workspace)
    with reporting(ws.root), reading_progress() as progress:
        result = compute_stats(
            ws,
            today=date.today(),
            week=week,
            month=month,
            tertial=tertial,
            areas=area or [],
            categories=category or [],
            progress=progress,
            use_cache=not no_cache,
        )
    _print(result)


def _print(r: "StatsResult") -> None:
    from rich.table import Table

    from est_cli.render.fmt import Formatter
    from est_cli.render.labels import time_bands

    fmt = Formatter(r.language)
    p = r.period
    year_before = p.year_before.key if p.year_before else "–"
    title = f"{p.kind} {p.key} ({fmt.span(p.period.first_day, p.period.last_day)})"
    scope = []
    if r.areas:
        scope.append("areas: " + ", ".join(r.areas))
    if r.categories:
        scope.append("categories: " + ", ".join(r.categories))
    out = console()
    out.print(
        f"[bold]{escape(title)}[/bold]"
        + (f"  [dim]{escape('; '.join(scope))}[/dim]" if scope else "")
    )
    n = fmt.number
    out.print(
        f"Incidents: [bold]{n(r.total)}[/bold] · previous {p.kind} ({p.previous.key}): "
        f"{n(r.previous_total)} ({fmt.signed(r.vs_previous)}) · same "
        f"{p.kind} last year ({year_before}): {n(r.last_year_total)} "
        f"({fmt.signed(r.vs_last_year)})"
    )
    if r.first_day is None:
        out.print("[yellow]No usable incidents in the exports.[/yellow]")
    elif r.coverage == "outside":
        out.print(
            f"[yellow]The data covers {r.first_day} to {r.last_day}; this {p.kind} lies "
            "outside it.[/yellow]"
        )
    elif r.coverage == "partial":
        out.print(
            f"[yellow]The data covers {r.first_day} to {r.last_day}, only part of this "
            f"{p.kind}: its counts are incomplete and not compared.[/yellow]"
        )
    if None in (r.total, r.previous_total, r.last_year_total):
        out.print(
            "[dim]– means no figure: a period the data does not cover in full is not counted or "
            "compared.[/dim]"
        )
    for label, rows in (("Category", r.by_category), ("Area", r.by_area)):
        table = Table(title=f"By {label.lower()}", title_justify="left", header_style="bold")
        table.add_column(label)
        table.add_column(p.key, justify="right")
        table.add_column(p.previous.key, justify="right")
        table.add_column("change", justify="right")
        table.add_column(year_before, justify="right")
        for row in rows:
            table.add_row(
                escape(row.name),
                n(row.this),
                n(row.previous),
                fmt.signed(row.vs_previous),
                n(row.last_year),
            )
        table.add_section()
        table.add_row(
            "Total",
            n(r.total),
            n(r.previous_total),
            fmt.signed(r.vs_previous),
            n(r.last_year_total),
        )
        print_table(table, out)
    if r.coverage == "outside":
        return _excluded(r)
    table = Table(title="By weekday and time of day", title_justify="left", header_style="bold")
    table.add_column("")
    # "Natt" above "00–06": the table then fits an 80-column terminal (it is never squeezed)
    for band in time_bands(fmt.words):
        table.add_column(band.replace(" ", "\n", 1), justify="right")
    table.add_column("no\ntime", justify="right")
    table.add_column("total", justify="right")
    for d in r.weekday_time:
        table.add_row(
            fmt.weekday(d.weekday).capitalize(), *map(n, d.bands), n(d.no_time), n(d.total)
        )
    table.add_section()
    table.add_row("Total", *map(n, r.band_totals), n(r.no_time_total), n(r.total))
    print_table(table, out)
    _excluded(r)


def _excluded(r: "StatsResult") -> None:
    if r.rows_excluded or r.errors:
        err_console().print(
            f"[yellow]{plural(r.rows_excluded, 'row')} excluded, {plural(r.errors, 'error')} and "
            f"{plural(r.warnings, 'warning')} in the inputs; run `est check` for the list.[/yellow]"
        )


def register(app: typer.Typer) -> None:
    app.command(short_help="Incident counts in the terminal.")(stats)
