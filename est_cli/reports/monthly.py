"""`est month build`: the monthly statistics follow-up (internal, like the weekly report).

The shared period machinery (`est_cli.reports.period`) chooses the month, requires complete
data, and writes; this module holds the month's figures and context only. `build_monthly`
never prints: it returns a `MonthlyResult` the CLI reports, and raises est errors the CLI maps
to exit codes (a month outside the data, or inputs that would make the figures wrong: 1).

The police's crime statistics (anmälda brott) have a part of their own, `statistics` in the
context and the JSON and the templates' `statistics` block (empty without statistics): shown
beside the incident figures, never added to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.monthly import MonthlyFigures, monthly_figures
from est_cli.errors import N_, Problem
from est_cli.load.incidents import Progress, load_incidents
from est_cli.load.workspace import Workspace
from est_cli.periods import IsoWeek, Month, choose_period
from est_cli.render.charts import data_uri, month_ticks, svg_size, trend_chart
from est_cli.render.document import document_env, json_text, render_formats
from est_cli.render.fmt import Formatter, in_sentence
from est_cli.render.labels import owner_names, time_bands
from est_cli.reports.datanote import data_note
from est_cli.reports.monthly_parts import (
    InsatsView,
    MonthSurvey,
    month_insatser,
    month_statistics,
    month_survey,
)
from est_cli.reports.monthly_text import month_chance, month_note, month_summary
from est_cli.reports.period import (
    building,
    document_language,
    require_complete,
    require_data,
    write_document,
)

FORMATS = ("md", "html", "json", "pdf")  # the CLI checks --format against these
DEFAULT_FORMATS = ("md", "html")
FOLDER = "monthly"


@dataclass
class MonthlyResult:
    month: Month
    label: str
    language: str
    figures: MonthlyFigures
    written: list[Path]
    problems: list[Problem]
    rows_read: int
    rows_used: int
    rows_excluded: int
    insatser: int
    survey_answers: int | None = None  # None: est.yaml has no survey section
    warnings: list[str] = field(default_factory=list)  # Texts (est_cli.errors.N_)


def build_monthly(
    ws: Workspace,
    *,
    today: date,
    month: str | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    out: Path | None = None,
    language: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> MonthlyResult:
    """Build and write the follow-up of `month` ('2021-03'; default: the last complete month
    before `today`). `formats` are taken as given: the CLI has checked them against FORMATS."""
    lang = document_language(ws, language)
    chosen = choose_period("month", month, today)
    with building(ws, FOLDER, chosen.key, N_("est month build of %(key)s", key=chosen.key)):
        incidents = load_incidents(ws, progress, use_cache=use_cache, descriptions=False)
        survey = month_survey(ws, chosen)
        insatser, insats_problems = month_insatser(ws, chosen)
        statistics, statistics_problems = month_statistics(ws, chosen)
        first, last = incidents.first_day, incidents.last_day
        problems = sorted(
            [
                *ws.problems,
                *incidents.problems,
                *survey.problems,
                *insats_problems,
                *statistics_problems,
            ],
            key=lambda p: (p.file != "est.yaml", p.file, p.line or 0, p.col or 0),
        )
        require_complete(
            problems, document=N_("monthly report"), stop_on="error" if strict else "fatal"
        )
        require_data(chosen, first, last, command="est month build", explicit=month is not None)
        coverage = Coverage(first, last)
        whole = coverage.covers(chosen.first_day, chosen.last_day)
        warnings: list[str] = []
        if not whole:
            warnings.append(
                N_(
                    "the incident data covers %(first)s to %(last)s, only part of month "
                    "%(month)s: its counts are incomplete",
                    first=str(first),
                    last=str(last),
                    month=chosen.key,
                )
            )
        figures = monthly_figures(
            incidents.frame,
            chosen,
            coverage,
            Formatter(lang).area_names(ws.areas.names),
            ws.categories.names,
        )
        note = month_note(data_note(incidents, coverage, chosen))
        earliest = min(chosen.shift(-12), chosen.year_before())
        covered_all = coverage.covers(earliest.first_day, chosen.last_day)
        fmt = Formatter(lang)
        label = fmt.month_label(chosen)
        texts = render_monthly(
            ws,
            figures,
            chosen,
            note,
            month_summary(fmt, note, covered_all=covered_all, whole=whole, label=label),
            survey,
            insatser,
            formats=formats,
            language=lang,
            use_cache=use_cache,
            statistics=statistics,
        )
        written = write_document(ws, out, FOLDER, chosen.key, texts)
        return MonthlyResult(
            month=chosen,
            label=label,
            language=lang,
            figures=figures,
            written=written,
            problems=problems,
            rows_read=incidents.rows_read,
            rows_used=len(incidents.frame),
            rows_excluded=len(incidents.excluded),
            insatser=len(insatser),
            survey_answers=survey.figures.responses if survey.figures else None,
            warnings=warnings,
        )


def labels(fmt: Formatter, month: Month) -> dict[str, str]:
    """The periods the document names, in words ('mars 2021', 'mars 2020–februari 2021')."""
    _ = fmt.words.gettext
    base_first, previous = month.shift(-12), month.shift(-1)
    return {
        "this": fmt.month_label(month),
        "previous": fmt.month_label(previous),
        "last_year": fmt.month_label(month.year_before()),
        "baseline": fmt.month_range(base_first, previous),
        "mean": _("Mean per month %(range)s", range=fmt.month_range(base_first, previous)),
        "pattern": fmt.month_range(month.shift(-2), month),
        "trend": fmt.month_range(month.shift(-12), month),
    }


def render_monthly(
    ws: Workspace,
    figures: MonthlyFigures,
    month: Month,
    note: dict[str, Any],
    summary: str,
    survey: MonthSurvey,
    insatser: list[InsatsView],
    *,
    formats: Sequence[str],
    language: str,
    use_cache: bool = True,
    statistics: dict[str, Any] | None = None,
) -> dict[str, str | bytes]:
    """{'md': …, 'html': …, 'json': …, 'svg': …, 'pdf': …} for the formats asked for.

    `statistics`: the police's reported crimes of the month (`month_statistics`); None, when
    the workspace has none, leaves the templates' `statistics` block empty."""
    env, fmt = document_env(ws.root, language)
    env.filters["pvalue"] = fmt.probability
    env.filters["decimal"] = lambda x: format_decimal(x, format="#,##0.###", locale=fmt.locale)
    env.filters["chance"] = lambda p: month_chance(fmt, p)
    env.filters["week_of"] = lambda key: fmt.week_short(IsoWeek.parse(key, 0))
    env.filters["month_of"] = lambda key: fmt.month_label(Month.parse(key))
    env.filters["in_sentence"] = in_sentence
    env.filters["span_of"] = lambda first, last: days(fmt, first, last)
    _ = fmt.words.gettext
    words = labels(fmt, month)
    trend_names = [name for _id, name in figures.trend_categories]
    months = [Month.parse(p.month) for p in figures.trend]
    chart_alt = _(
        "Chart of incidents per month, %(months)s: the total, then %(categories)s. The same "
        "figures are in the table below the chart.",
        months=words["trend"],
        categories=fmt.join(trend_names) if trend_names else "–",
    )
    chart: bytes | None = None
    if {"md", "html", "pdf"} & set(formats):
        chart = trend_chart(
            ws.root if use_cache else None,
            month_ticks(months, fmt.month),
            [
                (name, [p.categories[i] for p in figures.trend])
                for i, name in enumerate(trend_names)
            ],
            bars=(_("Total"), [p.total for p in figures.trend]),
            others=_("Others"),
        )
    chart_width, chart_height = svg_size(chart or b"")
    marking = _("Internal – for the cooperating parties")
    context = {
        "lang": language,
        "title": _("Monthly follow-up") + f": {words['this']}",
        "municipality": ws.settings.municipality,
        "parties": ws.settings.parties,
        "marking": marking,
        "month": month,
        "labels": words,
        "f": figures,
        "band_names": time_bands(fmt.words),
        "owners": owner_names(fmt.words),
        "chart_alt": chart_alt,
        "chart_width": chart_width,
        "chart_height": chart_height,
        "survey": survey.figures,
        "survey_excluded": survey.excluded,
        "insatser": insatser,
        "statistics": statistics,
        "data_summary": summary,
    }
    texts: dict[str, str | bytes] = {}
    for name in ("md", "html", "pdf"):
        if name in formats:
            src = f"{month.key}.svg" if name == "md" else data_uri(chart or b"")
            texts.update(
                render_formats(env, FOLDER, [name], dated=month.last_day, chart_src=src, **context)
            )
    if "md" in formats and chart is not None:
        texts["svg"] = chart
    if "json" in formats:
        texts["json"] = json_text(
            {
                "month": month.key,
                "label": words["this"],
                "first_day": month.first_day.isoformat(),
                "last_day": month.last_day.isoformat(),
                "language": language,
                "internal": True,
                "marking": marking,
                "municipality": ws.settings.municipality,
                "figures": figures.to_dict(),
                "survey": survey.figures.to_dict() if survey.figures else None,
                "insatser": [asdict(i) for i in insatser],
                "statistics": statistics,
                "data_note": note,
            }
        )
    return texts


def days(fmt: Formatter, first: str, last: str) -> str:
    """'15–19 mars 2021', or '15 mars 2021' for one day (ISO dates in, as in the JSON)."""
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return fmt.date(a) if a == b else fmt.span(a, b)
