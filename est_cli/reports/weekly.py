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
from est_cli.aggregate.weekly import TREND_WEEKS, WeeklyFigures, weekly_figures
from est_cli.errors import N_, Problem
from est_cli.load.incidents import IncidentSet, Progress, load_incidents
from est_cli.load.workspace import Loaded, Workspace, load_week_notes
from est_cli.models.week import WeekNotes
from est_cli.periods import IsoWeek, choose_period
from est_cli.render.charts import data_uri, svg_size, trend_chart, week_ticks
from est_cli.render.document import document_env, json_text, render_formats
from est_cli.render.fmt import Formatter, in_sentence
from est_cli.render.labels import status_names, time_bands
from est_cli.reports.area_map import MAP_SUFFIX, geometry_problems, weekly_map
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

FORMATS = ("md", "html", "json", "pdf")  # the CLI checks --format against these (split_formats)
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
    with building(ws, "weekly", stem, N_("est week build of %(key)s", key=chosen.key)):
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
                *geometry_problems(ws),
            ],
            key=lambda p: (p.file != "est.yaml", p.file, p.line or 0, p.col or 0),
        )
        require_complete(
            problems, document=N_("weekly report"), stop_on="error" if strict else "fatal"
        )
        coverage = check_coverage(incidents, chosen, explicit=week is not None)
        warnings: list[str] = []
        if not coverage.covers(chosen.monday, chosen.sunday):
            warnings.append(
                N_(
                    "the incident data covers %(first)s to %(last)s, only part of week %(week)s: "
                    "its counts are incomplete",
                    first=str(coverage.first_day),
                    last=str(coverage.last_day),
                    week=chosen.key,
                )
            )
        note = data_note(incidents, coverage, chosen)
        compared_from = earliest_compared(chosen, ws.settings.weekly.hotspot_baseline_weeks)
        covered_all = coverage.covers(compared_from.monday, chosen.sunday)

        df = incidents.frame
        figures = weekly_figures(
            df,
            chosen,
            coverage,
            Formatter(lang).area_names(ws.areas.names),
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
            covered_all=covered_all,
            formats=formats,
            language=lang,
            internal=include_descriptions,
            use_cache=use_cache,
            survey=survey,
            points=week_points(df, chosen),
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


def week_points(df: Any, week: IsoWeek) -> list[tuple[float, float]]:
    """(lon, lat) of the week's incidents that carry a position, in a stable order."""
    rows = df.loc[df["week"] == week.key, ["lon", "lat"]].dropna()
    return sorted((float(x), float(y)) for x, y in rows.itertuples(index=False, name=None))


def earliest_compared(week: IsoWeek, baseline_weeks: int) -> IsoWeek:
    """The first week the report compares `week` with: of the trend, the hotspots' baseline
    and the same week last year."""
    weeks = [week.shift(-(TREND_WEEKS - 1)), week.shift(-baseline_weeks)]
    last_year = week.same_week_last_year()
    return min([*weeks, last_year] if last_year is not None else weeks)


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
    covered_all: bool = False,
    formats: Sequence[str],
    language: str,
    internal: bool,
    use_cache: bool = True,
    survey: WeekSurvey | None = None,
    points: Sequence[tuple[float, float]] = (),
) -> dict[str, str | bytes]:
    """{'md': …, 'html': …, 'json': …, 'svg': …, 'karta.svg': …, 'pdf': …} for the
    formats asked for (the map only where the areas have polygons)."""

    env, fmt = document_env(ws.root, language)
    env.filters["pvalue"] = fmt.probability
    env.filters["decimal"] = lambda x: format_decimal(x, format="#,##0.###", locale=fmt.locale)
    env.filters["chance"] = lambda p: chance(fmt, p)
    _ = fmt.words.gettext
    trend_weeks = [IsoWeek.parse(p.week, 0) for p in figures.trend]
    notes_data = _notes_dict(notes, ws)
    trend_names = [name for _id, name in figures.trend_categories]
    chart_alt = _(
        "Chart of incidents per week, %(weeks)s: the total, then %(categories)s. The same "
        "figures are in the table below the chart.",
        weeks=fmt.week_range(trend_weeks[0].key, week.key),
        categories=fmt.join([in_sentence(n) for n in trend_names]) if trend_names else "–",
    )
    texts: dict[str, str | bytes] = {}
    chart: bytes | None = None
    if {"md", "html", "pdf"} & set(formats):
        chart = trend_chart(
            ws.root if use_cache else None,
            week_ticks(trend_weeks),
            [
                (name, [p.categories[i] for p in figures.trend])
                for i, name in enumerate(trend_names)
            ],
            bars=(_("Total"), [p.total for p in figures.trend]),
            others=_("Others"),
        )
    chart_width, chart_height = svg_size(chart or b"")
    area_map = None
    if {"md", "html", "pdf"} & set(formats):
        area_map = weekly_map(
            ws,
            {r.id: r.this for r in figures.areas},
            {h.area for h in figures.hotspots},
            points,
            fmt,
            in_sentence(fmt.week_label(week)),
            ws.root if use_cache else None,
        )
    context = {
        "data_summary": data_summary(fmt, note, figures.no_time_total, covered_all),
        "marking": _("Internal – for the cooperating parties"),
        "chart_width": chart_width,
        "chart_height": chart_height,
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
        "area_map": area_map,
        "survey": survey.figures if survey else None,
        "survey_read": survey,
    }
    for name in ("md", "html", "pdf"):
        if name not in formats:
            continue
        stem = output_stem(week, internal)
        src = f"{stem}.svg" if name == "md" else data_uri(chart or b"")
        map_src = None
        if area_map is not None:
            map_src = f"{stem}.{MAP_SUFFIX}" if name == "md" else data_uri(area_map.svg)
        texts.update(
            render_formats(
                env,
                "weekly",
                [name],
                dated=week.sunday,
                chart_src=src,
                map_src=map_src,
                **context,
            )
        )
    if "md" in formats and chart is not None:
        texts["svg"] = chart
    if "md" in formats and area_map is not None:
        texts[MAP_SUFFIX] = area_map.svg
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
                "marking": _("Internal – for the cooperating parties"),
                "municipality": ws.settings.municipality,
                "figures": figures.to_dict(),
                "notes": notes_data,
                "notes_file": notes_rel,
                "data_note": note,
                **extra,
            }
        )
    return texts


def chance(fmt: Formatter, p: float) -> str:
    """What a hotspot's probability means, for a reader who does not read p-values; the
    figure itself is in the method note."""
    _ = fmt.words.gettext
    if p < 0.001:
        return _("So many incidents almost never happen by chance in this area.")
    weeks = round(1 / p, -1) if p < 0.01 else round(1 / p)
    return _(
        "So many incidents happen by chance only about one week in %(weeks)s in this area.",
        weeks=fmt.number(weeks),
    )
