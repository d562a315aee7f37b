"""`est stats`: counts in the terminal for a week, month or tertial."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from est_cli.cli.common import (
    LanguageOpt,
    NoCacheOpt,
    WorkspaceOpt,
    open_workspace,
    reporting,
    speaker,
)
from est_cli.cli.output import console, err_console, escape, print_table
from est_cli.cli.progress import reading_progress
from est_cli.cli.words import Say

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
    language: LanguageOpt = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Counts by category, area, weekday and time of day, with the previous period and last year.

    Default period: the last complete ISO week before today.
    """
    from est_cli.reports.period import document_language
    from est_cli.reports.stats import compute_stats

    say = speaker(language)
    with reporting(say=say):
        ws = open_workspace(workspace)
        say.use(document_language(ws, language))
    with reporting(ws.root, say), reading_progress(say) as progress:
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
    _print(result, say)


def _kind(say: Say, kind: str) -> str:
    """'vecka', 'månad', 'tertial' / 'week', 'month', 'tertial'."""
    return {
        "week": say.pgettext("period", "week"),
        "month": say.pgettext("period", "month"),
        "tertial": say.pgettext("period", "tertial"),
    }[kind]


def _print(r: "StatsResult", say: Say) -> None:
    from rich.table import Table

    from est_cli.render.labels import time_bands

    fmt = say.fmt
    _ = say._
    p = r.period
    kind = _kind(say, p.kind)
    year_before = p.year_before.key if p.year_before else "–"
    title = f"{kind} {p.key} ({fmt.span(p.period.first_day, p.period.last_day)})"
    scope = []
    if r.areas:
        scope.append(_("areas: %(names)s", names=", ".join(r.areas)))
    if r.categories:
        scope.append(_("categories: %(names)s", names=", ".join(r.categories)))
    out = console()
    out.print(
        f"[bold]{escape(title)}[/bold]"
        + (f"  [dim]{escape('; '.join(scope))}[/dim]" if scope else "")
    )
    n = fmt.number
    out.print(
        _(
            "Incidents: %(total)s · previous %(kind)s (%(previous)s): %(previous_total)s "
            "(%(vs_previous)s) · same %(kind)s last year (%(year_before)s): "
            "%(last_year_total)s (%(vs_last_year)s)",
            total=f"[bold]{n(r.total)}[/bold]",
            kind=kind,
            previous=p.previous.key,
            previous_total=n(r.previous_total),
            vs_previous=fmt.signed(r.vs_previous),
            year_before=year_before,
            last_year_total=n(r.last_year_total),
            vs_last_year=fmt.signed(r.vs_last_year),
        )
    )
    first = fmt.date(r.first_day) if r.first_day else ""
    last = fmt.date(r.last_day) if r.last_day else ""
    if r.first_day is None:
        text = _("No usable incidents in the exports.")
        out.print(f"[yellow]{text}[/yellow]")
    elif r.coverage == "outside":
        text = _(
            "The data covers %(first)s to %(last)s; this %(kind)s lies outside it.",
            first=first,
            last=last,
            kind=kind,
        )
        out.print(f"[yellow]{text}[/yellow]")
    elif r.coverage == "partial":
        text = _(
            "The data covers %(first)s to %(last)s, only part of this %(kind)s: its counts "
            "are incomplete and not compared.",
            first=first,
            last=last,
            kind=kind,
        )
        out.print(f"[yellow]{text}[/yellow]")
    if None in (r.total, r.previous_total, r.last_year_total):
        text = _(
            "– means no figure: a period the data does not cover in full is not counted or "
            "compared."
        )
        out.print(f"[dim]{text}[/dim]")
    tables = (
        (_("By category"), _("Category"), r.by_category),
        (_("By area"), _("Area"), r.by_area),
    )
    for title_text, label, rows in tables:
        table = Table(title=title_text, title_justify="left", header_style="bold")
        table.add_column(label)
        table.add_column(p.key, justify="right")
        table.add_column(p.previous.key, justify="right")
        table.add_column(_("change"), justify="right")
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
            _("Total"),
            n(r.total),
            n(r.previous_total),
            fmt.signed(r.vs_previous),
            n(r.last_year_total),
        )
        print_table(table, out)
    if r.coverage == "outside":
        return _excluded(r, say)
    table = Table(title=_("By weekday and time of day"), title_justify="left", header_style="bold")
    table.add_column("")
    # "Natt" above "00–06": the table then fits an 80-column terminal (it is never squeezed)
    for band in time_bands(fmt.words):
        table.add_column(band.replace(" ", "\n", 1), justify="right")
    table.add_column(_("no\ntime"), justify="right")
    table.add_column(_("total"), justify="right")
    for d in r.weekday_time:
        table.add_row(
            fmt.weekday(d.weekday).capitalize(), *map(n, d.bands), n(d.no_time), n(d.total)
        )
    table.add_section()
    table.add_row(_("Total"), *map(n, r.band_totals), n(r.no_time_total), n(r.total))
    print_table(table, out)
    _excluded(r, say)


def _excluded(r: "StatsResult", say: Say) -> None:
    if r.rows_excluded or r.errors:
        text = say._(
            "%(rows)s excluded, %(errors)s and %(warnings)s in the inputs; run `est check` for "
            "the list.",
            rows=say.ngettext("%(num)s row", "%(num)s rows", r.rows_excluded),
            errors=say.ngettext("%(num)s error", "%(num)s errors", r.errors),
            warnings=say.ngettext("%(num)s warning", "%(num)s warnings", r.warnings),
        )
        err_console().print(f"[yellow]{text}[/yellow]")


def register(app: typer.Typer) -> None:
    app.command(short_help="Incident counts in the terminal.")(stats)
