"""The weekly situation summary: load → validate → aggregate → render → write.

`build_weekly` is the one function `est week build` calls, with the loaded workspace and
today's date. It never prints; it returns a
`WeeklyResult` the CLI reports, and raises est errors the CLI maps to exit codes:
- the week lies outside the data (before its first or after its last incident): exit 1,
  naming the latest week that has data;
- errors that make the figures wrong (an unreadable export, an invalid meeting-notes file
  for the week), or with `strict` any error at all: exit 1, nothing written.
Rows that cannot be used are excluded and counted; the document's data note says which rows of
the week were excluded and why, and how many rows est.yaml ignores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.weekly import WeeklyFigures, weekly_figures
from est_cli.errors import Problem
from est_cli.load.incidents import IncidentSet, Progress, load_incidents
from est_cli.load.workspace import Loaded, Workspace, load_week_notes
from est_cli.models.week import WeekNotes
from est_cli.periods import IsoWeek, choose_period
from est_cli.render.charts import cached_trend_chart, data_uri
from est_cli.render.document import document_env, json_text, render_formats
from est_cli.render.fmt import Formatter
from est_cli.render.labels import status_names, time_bands
from est_cli.reports.datanote import data_note, data_summary
from est_cli.reports.period import (
    OutsideData,
    building,
    document_language,
    require_complete,
    require_data,
    write_document,
)
from est_cli.reports.weekly_survey import WeekSurvey, week_survey

FORMATS = ("md", "html", "json")  # the CLI checks --format against these (split_formats)
DEFAULT_FORMATS = ("md", "html")
INTERNAL_SUFFIX = "-internt"


WeekOutsideData = OutsideData  # the chosen week has no data behind it


@dataclass
class WeeklyResult:
    week: IsoWeek
    label: str
    language: str
    figures: WeeklyFigures
    written: list[Path]
    problems: list[Problem]
    rows_read: int
    rows_used: int
    rows_excluded: int
    notes_file: str
    notes_found: bool
    internal: bool
    warnings: list[str] = field(default_factory=list)
    ignored_by: dict[str, int] = field(default_factory=dict)  # rows est.yaml leaves out
    survey: WeekSurvey | None = None  # None: est.yaml has no survey section


def notes_path(ws: Workspace, week: IsoWeek) -> Path:
    for suffix in (".yaml", ".yml"):
        path = ws.root / "weeks" / f"{week.key}{suffix}"
        if path.is_file():
            return path
    return ws.root / "weeks" / f"{week.key}.yaml"


def check_coverage(incidents: IncidentSet, week: IsoWeek, explicit: bool) -> Coverage:
    """What the data covers; an error when `week` lies wholly before or after it."""
    first, last = incidents.first_day, incidents.last_day
    require_data(week, first, last, command="est week build", explicit=explicit)
    return Coverage(first, last)


def build_weekly(
    ws: Workspace,
    *,
    today: date,
    week: str | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    out: Path | None = None,
    language: str | None = None,
    include_descriptions: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> WeeklyResult:
    """Build and write the weekly summary for `week` ('2026-W47', '47' = this year; default
    the last complete week before `today`).

    `formats` are taken as given: the CLI has checked them against FORMATS.
    """
    lang = document_language(ws, language)
    chosen = choose_period("week", week, today)
    stem = output_stem(chosen, include_descriptions)
    with building(ws, "weekly", stem, f"est week build of {chosen.key}"):
        notes_file = notes_path(ws, chosen)
        notes_rel = ws.rel(notes_file)
        loaded: Loaded[WeekNotes] | None = (
            load_week_notes(ws, notes_file) if notes_file.is_file() else None
        )
        incidents = load_incidents(
            ws, progress, use_cache=use_cache, descriptions=include_descriptions
        )
        survey = week_survey(ws, chosen, internal=include_descriptions)
        problems = sorted(
            [
                *ws.problems,
                *(loaded.problems if loaded else []),
                *incidents.problems,
                *survey.problems,
            ],
            key=lambda p: (p.file != "est.yaml", p.file, p.line or 0, p.col or 0),
        )
        require_complete(problems, document="weekly report", stop_on="error" if strict else "fatal")
        coverage = check_coverage(incidents, chosen, explicit=week is not None)
        warnings = []
        if not coverage.covers(chosen.monday, chosen.sunday):
            warnings.append(
                f"the incident data covers {coverage.first_day} to {coverage.last_day}, "
                f"only part of "
                f"week {chosen.key}: its counts are incomplete"
            )
        note = data_note(incidents, coverage, chosen)

        df = incidents.frame
        figures = weekly_figures(
            df,
            chosen,
            coverage,
            ws.areas.names,
            ws.categories.names,
            ws.settings.weekly,
            include_incidents=include_descriptions,
        )
        notes = loaded.model if loaded else None
        texts = render_weekly(
            ws,
            figures,
            chosen,
            notes,
            notes_rel,
            note,
            formats=formats,
            language=lang,
            internal=include_descriptions,
            use_cache=use_cache,
            survey=survey,
        )
        written = write_document(ws, out, "weekly", stem, texts)
        return WeeklyResult(
            week=chosen,
            label=Formatter(lang).week_label(chosen),
            language=lang,
            figures=figures,
            written=written,
            problems=problems,
            rows_read=incidents.rows_read,
            rows_used=len(incidents.frame),
            rows_excluded=len(incidents.excluded),
            notes_file=notes_rel,
            notes_found=notes is not None,
            internal=include_descriptions,
            warnings=warnings,
            ignored_by=incidents.ignored_by_rule(),
            survey=survey if survey.figures is not None else None,
        )


def output_stem(week: IsoWeek, internal: bool) -> str:
    """'2021-W10', or '2021-W10-internt' for the internal document with descriptions.

    The internal document never takes the published report's name, so building it can not
    overwrite the file that is committed and sent out.
    """
    return f"{week.key}{INTERNAL_SUFFIX}" if internal else week.key


def _notes_dict(notes: WeekNotes | None, ws: Workspace) -> dict[str, Any] | None:
    if notes is None:
        return None
    data = notes.model_dump()
    for prio in data["priorities"]:
        prio["area_name"] = ws.area_name(prio["area"]) if prio.get("area") else None
    return data


def render_weekly(
    ws: Workspace,
    figures: WeeklyFigures,
    week: IsoWeek,
    notes: WeekNotes | None,
    notes_rel: str,
    note: dict[str, Any],
    *,
    formats: Sequence[str],
    language: str,
    internal: bool,
    use_cache: bool = True,
    survey: WeekSurvey | None = None,
) -> dict[str, str | bytes]:
    """{'md': …, 'html': …, 'json': …, 'svg': …} for the formats asked for."""

    env, fmt = document_env(ws.root, language)
    env.filters["pvalue"] = fmt.probability
    env.filters["decimal"] = lambda x: format_decimal(x, format="#,##0.###", locale=fmt.locale)
    _ = fmt.words.gettext
    first_week = IsoWeek.parse(figures.trend[0].week, 0)
    notes_data = _notes_dict(notes, ws)
    trend_names = [name for _id, name in figures.trend_categories]
    chart_alt = _(
        "Chart of incidents per week from %(first)s to %(last)s: bars for the total, lines for "
        "%(categories)s. The same figures are in the table below the chart.",
        first=fmt.week_short(first_week),
        last=fmt.week_short(week),
        categories=fmt.join(trend_names) if trend_names else "–",
    )
    texts: dict[str, str | bytes] = {}
    chart: bytes | None = None
    if "md" in formats or "html" in formats:
        chart = cached_trend_chart(
            ws.root if use_cache else None,
            [str(p.number) for p in figures.trend],
            [
                (name, [p.categories[i] for p in figures.trend])
                for i, name in enumerate(trend_names)
            ],
            bars=(_("Total"), [p.total for p in figures.trend]),
            y_label=_("Incidents"),
        )
    context = {
        "data_summary": data_summary(fmt, note, figures.no_time_total),
        "lang": language,
        "band_names": time_bands(fmt.words),
        "status_names": status_names(fmt.words),
        "title": _("Weekly situation summary") + f": {fmt.week_label(week)}",
        "municipality": ws.settings.municipality,
        "parties": ws.settings.parties,
        "week": week,
        "previous_week": week.shift(-1),
        "f": figures,
        "notes": notes_data,
        "notes_file": notes_rel,
        "note": note,
        "internal": internal,
        "chart_alt": chart_alt,
        "survey": survey.figures if survey else None,
        "survey_read": survey,
    }
    for name in ("md", "html"):
        if name not in formats:
            continue
        src = f"{output_stem(week, internal)}.svg" if name == "md" else data_uri(chart or b"")
        texts.update(render_formats(env, "weekly", [name], chart_src=src, **context))
    if "md" in formats and chart is not None:
        texts["svg"] = chart
    if "json" in formats:
        extra = {"survey": survey.figures.to_dict()} if survey and survey.figures else {}
        texts["json"] = json_text(
            {
                "week": week.key,
                "label": fmt.week_label(week),
                "first_day": week.monday.isoformat(),
                "last_day": week.sunday.isoformat(),
                "language": language,
                "internal": internal,
                "municipality": ws.settings.municipality,
                "figures": figures.to_dict(),
                "notes": notes_data,
                "notes_file": notes_rel,
                "data_note": note,
                **extra,
            }
        )
    return texts
