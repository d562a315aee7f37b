"""`est month build`: the monthly statistics follow-up."""

from datetime import date
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
    shown,
    speaker,
    split_formats,
)
from est_cli.cli.output import console, err_console, escape, print_problems, print_table
from est_cli.cli.progress import reading_progress
from est_cli.cli.words import Say

if TYPE_CHECKING:
    from est_cli.reports.monthly import MonthlyResult

month_app = command_group(help="The monthly statistics follow-up (månadsuppföljning).")


@month_app.command("build", short_help="Build the monthly follow-up.")
def build(
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            help="Month: 2021-03. Default: the last complete month before today.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="Comma-separated: md, html, json, pdf."),
    ] = "md,html",
    out: OutOpt = None,
    language: LanguageOpt = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Stop on any error in the inputs, not only on fatal ones."),
    ] = False,
    no_cache: NoCacheOpt = False,
    workspace: WorkspaceOpt = None,
) -> None:
    """Build the monthly follow-up: reports/monthly/YYYY-MM.md and .html (and .json, .pdf).

    Exit codes: 0 built (rows that could not be used are excluded and counted in the
    report's data note); 1 nothing written because of errors that would make the report
    wrong (an unreadable export, an invalid week notes or pledge file; with --strict any
    error) or because the data has no incidents in or after the chosen month; 2 wrong options.
    """
    from est_cli.reports.monthly import FORMATS, build_monthly
    from est_cli.reports.period import document_language

    say = speaker(language)
    with reporting(say=say):
        ws = open_workspace(workspace)
        say.use(document_language(ws, language))
        formats = split_formats(format, FORMATS)
    root = ws.root
    with reporting(root, say), reading_progress(say) as progress:
        result = build_monthly(
            ws,
            today=date.today(),
            month=month,
            formats=formats,
            out=out,
            language=language,
            strict=strict,
            progress=progress,
            use_cache=not no_cache,
        )
    err = err_console()
    print_problems(result.problems, root, out=err, say=say)
    for warning in result.warnings:
        err.print(f"[yellow]{say.severities()['warning']}:[/yellow] {escape(say.text(warning))}")
    _summary(result, say)


def _summary(result: "MonthlyResult", say: Say) -> None:
    from rich.table import Table

    fmt = say.fmt
    _ = say._
    f = result.figures
    t = f.total
    out = console()
    out.print(f"[bold]{escape(result.label)}[/bold]")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("")
    table.add_column(_("incidents"), justify="right")
    table.add_column(_("change"), justify="right")
    table.add_row(_("this month"), fmt.number(t.this), "")
    table.add_row(_("previous month"), fmt.number(t.previous), fmt.signed(t.vs_previous))
    table.add_row(_("same month last year"), fmt.number(t.last_year), fmt.signed(t.vs_last_year))
    table.add_row(_("12-month mean"), fmt.number(t.mean12, 1), fmt.signed(t.vs_mean12, 1))
    print_table(table, out)
    if not f.rule.evaluated:
        out.print(_("Rises: not assessed (the data does not cover the 12 months before)."))
    elif f.rises:
        names = ", ".join(escape(r.name) for r in f.rises)
        out.print(_("Rose by the rule (%(n)s): %(names)s", n=fmt.number(len(f.rises)), names=names))
    else:
        out.print(_("Rose by the rule: none this month."))
    out.print(
        _(
            "Rows: %(read)s read, %(used)s used, %(excluded)s excluded.",
            read=say.ngettext("%(num)s row", "%(num)s rows", result.rows_read),
            used=say.ngettext("%(num)s incident", "%(num)s incidents", result.rows_used),
            excluded=say.number(result.rows_excluded),
        )
    )
    if result.survey_answers is not None:
        out.print(
            _(
                "Survey: %(answers)s about the month's weeks.",
                answers=say.ngettext("%(num)s answer", "%(num)s answers", result.survey_answers),
            )
        )
    out.print(_("Insatser this month: %(n)s", n=say.number(result.insatser)))
    for path in result.written:
        out.print("  " + _("wrote %(path)s", path=escape(shown(path))))


def register(app: typer.Typer) -> None:
    app.add_typer(month_app, name="month")
