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
    shown,
    speaker,
    split_formats,
)
from est_cli.cli.output import console, err_console, escape, print_problems, print_table
from est_cli.cli.progress import reading_progress
from est_cli.cli.words import Say

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
    from est_cli.reports.period import document_language
    from est_cli.reports.weekly import FORMATS, build_weekly

    say = speaker(language)
    with reporting(say=say):
        ws = open_workspace(workspace)
        say.use(document_language(ws, language))
        formats = split_formats(format, FORMATS)
    root = ws.root
    with reporting(root, say), reading_progress(say) as progress:
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
    print_problems(result.problems, root, out=err, severities=say.severities())
    for warning in result.warnings:
        err.print(f"[yellow]{say.severities()['warning']}:[/yellow] {escape(warning)}")
    _summary(result, say, root)


def _summary(result: "WeeklyResult", say: Say, root: Path) -> None:
    from rich.table import Table

    fmt = say.fmt
    _ = say._
    f = result.figures
    h = f.headline
    out = console()
    out.print(
        f"[bold]{escape(result.label)}[/bold]" + ("  [red]INTERNT[/red]" if result.internal else "")
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("")
    table.add_column(_("incidents"), justify="right")
    table.add_column(_("change"), justify="right")
    table.add_row(_("this week"), fmt.number(h.this), "")
    table.add_row(_("previous week"), fmt.number(h.previous), fmt.signed(h.vs_previous))
    table.add_row(
        say.pgettext("terminal", "4-week mean"), fmt.number(h.mean4, 1), fmt.signed(h.vs_mean4, 1)
    )
    table.add_row(_("same week last year"), fmt.number(h.last_year), fmt.signed(h.vs_last_year))
    print_table(table, out)
    if not f.rule.evaluated:
        out.print(_("Hotspots: not assessed (too little history before this week)."))
    elif f.hotspots:
        out.print(_("Hotspots (%(n)s):", n=fmt.number(len(f.hotspots))))
        for s in f.hotspots:
            figures = _(
                "%(count)s (usual %(expected)s/week, P %(p)s)",
                count=fmt.number(s.count),
                expected=fmt.number(s.expected, 2),
                p=_p(fmt.probability(s.p_value)),
            )
            out.print(
                f"  [bold]{escape(s.area_name)} × {escape(s.category_name)}[/bold]: {figures}"
            )
    else:
        out.print(_("Hotspots: none this week."))
    if result.notes_found:
        out.print(_("Meeting notes: included"))
    else:
        out.print(
            _("Meeting notes: none yet (%(file)s)", file=escape(shown(root / result.notes_file)))
        )
    out.print(
        _(
            "Rows: %(read)s read, %(used)s used, %(excluded)s excluded (this week's are listed "
            "in the data note).",
            read=say.ngettext("%(num)s row", "%(num)s rows", result.rows_read),
            used=say.ngettext("%(num)s incident", "%(num)s incidents", result.rows_used),
            excluded=say.number(result.rows_excluded),
        )
    )
    if result.ignored_by:
        out.print(escape(say.ignored(result.ignored_by)))
    if result.survey is not None and result.survey.figures is not None:
        answers = result.survey.figures
        out.print(
            _(
                "Survey: %(answers)s about the week, %(answered)s of %(expected)s expected "
                "respondents answered.",
                answers=say.ngettext("%(num)s answer", "%(num)s answers", answers.responses),
                answered=say.number(answers.total.answered),
                expected=say.number(answers.total.expected),
            )
        )
    for path in result.written:
        out.print("  " + _("wrote %(path)s", path=escape(shown(path))))
    if result.internal:
        out.print(
            "[red]INTERNT:[/red] "
            + _(
                "these files contain incident descriptions. They are kept apart from the normal "
                "report; do not publish, send or commit them."
            )
        )


def _p(text: str) -> str:
    """'< 0,001' as it is, '0,004' as '= 0,004'."""
    return text if text.startswith("<") else f"= {text}"


def register(app: typer.Typer) -> None:
    app.add_typer(week_app, name="week")
