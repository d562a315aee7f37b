"""`est tertial render`: the public follow-up of a medborgarlöfte for one tertial.

Load and validate the workspace, the pledge and the incidents; compute the figures (with
publication suppression); render Markdown, HTML and JSON; write them atomically. The CLI
prints the returned `TertialResult`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.suppress import Figure
from est_cli.aggregate.tertial import document_figures
from est_cli.errors import N_, DataError, Problem
from est_cli.load.ids import missing_follow_ups
from est_cli.load.incidents import load_incidents
from est_cli.load.personal import in_tertial_document
from est_cli.load.pledges import load_pledge_file, pledge_for_period
from est_cli.load.statistics import load_statistics
from est_cli.load.weeks import starts_in, week_insatser_in
from est_cli.load.workspace import Workspace
from est_cli.load.yamldoc import YamlDoc
from est_cli.models.base import Insats
from est_cli.models.pledge import Pledge
from est_cli.periods import Tertial, choose_period
from est_cli.render.charts import data_uri
from est_cli.render.document import document_env, json_text, render_formats
from est_cli.render.fmt import Formatter, in_sentence
from est_cli.render.labels import owner_names, status_names
from est_cli.reports.activities import activity_view, year_summary
from est_cli.reports.area_map import MAP_SUFFIX, area_polygons, geometry_problems, tertial_map
from est_cli.reports.identity import identity_context
from est_cli.reports.insats import document_evaluations, workspace_windows
from est_cli.reports.insats_text import caveats, method_text, window_label
from est_cli.reports.last_year import published_last_year
from est_cli.reports.period import (
    building,
    coverage_problem,
    document_language,
    refuse_placeholders,
    require_complete,
    require_data,
    write_document,
)
from est_cli.reports.personal import personal_data_in, refuse_personal_data
from est_cli.reports.tertial_police import police_view
from est_cli.reports.tertial_text import (
    annex_notes,
    format_figure,
    indicator_lines,
    method_notes,
    opening,
    where_text,
    without_repeats,
)

FORMATS = ("md", "html", "json", "pdf")


@dataclass
class TertialResult:
    """What `est tertial render` did: files written, and warnings to show."""

    tertial: str
    pledge: str
    written: list[Path]
    warnings: list[Problem] = field(default_factory=list)
    root: Path = Path(".")


# --- the document ------------------------------------------------------------------------


def render_tertial(
    ws: Workspace,
    *,
    today: date,
    tertial: str | None = None,
    pledge: Path | None = None,
    formats: list[str] | None = None,
    out: Path | None = None,
    language: str | None = None,
    strict: bool = False,
    use_cache: bool = True,
    allow_personal_data: bool = False,
    draft: bool = False,
) -> TertialResult:
    """Render the follow-up of `tertial` (default: the last one ended before `today`).

    `draft`: a follow-up not ready to publish, marked 'Utkast'; without it, a follow-up
    where no focus area has a follow-up for the tertial is refused (it says nothing)."""
    formats = formats or ["md", "html"]
    lang = document_language(ws, language)
    period = choose_period("tertial", tertial, today)
    with building(ws, "tertial", period.key, N_("est tertial render of %(key)s", key=period.key)):
        loaded = (
            load_pledge_file(ws, pledge)
            if pledge
            else pledge_for_period(ws, period.key, period.first_day, period.last_day)
        )
        assert loaded.model is not None and loaded.doc is not None
        document = N_("follow-up of %(key)s", key=period.key)
        refuse_placeholders(loaded.problems, file=loaded.rel, document=document)
        model = loaded.model

        warnings = [p for p in ws.problems if p.severity == "warning"]
        warnings += [p for p in loaded.problems if p.severity == "warning"]
        warnings += missing_follow_ups(loaded.doc, model, period.key)
        week_insatser, week_problems = week_insatser_in(ws, period)
        week_problems += personal_data_in(
            ws,
            loaded.doc,
            in_tertial_document(period.key),
            period=period,
            allow=allow_personal_data,
        )
        incidents = load_incidents(ws, use_cache=use_cache, descriptions=False)
        statistics, statistics_problems = load_statistics(ws)  # the police's, shown apart
        gap = coverage_problem(ws, period, incidents.first_day, incidents.last_day)
        problems = [
            *warnings,
            *week_problems,
            *incidents.problems,
            *statistics_problems,
            *geometry_problems(ws),
            *([gap] if gap else []),
        ]
        refuse_personal_data(problems, document=document)
        require_complete(
            problems,
            document=document,
            stop_on="warning" if strict else "fatal",
        )
        # a period the exports do not reach at all is not published with empty figures (14.4)
        require_data(
            period,
            incidents.first_day,
            incidents.last_day,
            command="est tertial render",
            explicit=tertial is not None,
        )
        # a follow-up that follows up nothing is not a document to publish, only a draft
        if not draft and not any(period.key in f.follow_ups for f in model.focus_areas):
            raise DataError([_no_follow_ups(loaded.doc, period.key)])
        # What is left does not stop the document: rows excluded (and counted), gaps shown as '–'.
        warnings = [replace(p, severity="warning") for p in problems]

        df = incidents.frame
        fmt = Formatter(lang)
        pledge_insatser = [i for i in model.insatser if starts_in(i, period)]
        context = build_context(
            ws,
            model,
            loaded.rel,
            period,
            df,
            incidents,
            [*pledge_insatser, *week_insatser],
            fmt,
            draft,
            police_view(statistics, period, ws.settings.publication.suppress_below, fmt),
            cache=ws.root if use_cache else None,
            drawn=bool({"md", "html", "pdf"} & set(formats)),
        )
        env, _ = document_env(ws.root, lang)
        area_map = context["template"]["area_map"]
        texts: dict[str, str | bytes] = {}
        for name in formats:
            if name == "json":
                continue
            src = None
            if area_map is not None:
                src = f"{period.key}.{MAP_SUFFIX}" if name == "md" else data_uri(area_map.svg)
            texts.update(
                render_formats(
                    env,
                    "tertial",
                    [name],
                    dated=period.last_day,
                    map_src=src,
                    **context["template"],
                )
            )
        if "md" in formats and area_map is not None:
            texts[MAP_SUFFIX] = area_map.svg
        if "json" in formats:
            texts["json"] = json_text(context["json"])
        written = write_document(ws, out, "tertial", period.key, texts)
        return TertialResult(period.key, loaded.rel, written, warnings, ws.root)


def _no_follow_ups(doc: YamlDoc, key: str) -> Problem:
    return doc.problem(
        ("focus_areas",),
        f"no focus area has a follow-up for {key}: every row of the document would say "
        "that there is none, which is not a follow-up to publish",
        hint=f"add a '{key}:' entry with status, measures and effect under follow_ups of "
        "the focus areas, or pass --draft for a draft marked 'Utkast'",
        code="no-follow-ups",
        key=True,
    )


def _map_json(ws: Workspace, figures: dict[str, Figure | None]) -> list[dict[str, Any]]:
    """The map's figures as published (a hidden count has no value)."""
    return [
        {"id": a, "name": ws.area_name(a), "figure": asdict(f) if f is not None else None}
        for a, f in figures.items()
    ]


def _spans_years(pledge: Pledge) -> bool:
    return pledge.valid_from.year != pledge.valid_to.year


def build_context(
    ws: Workspace,
    pledge: Pledge,
    pledge_rel: str,
    period: Tertial,
    df: Any,
    incidents: Any,
    insatser: list[Insats],
    fmt: Formatter,
    draft: bool = False,
    police: dict[str, Any] | None = None,
    *,
    cache: Path | None = None,
    drawn: bool = True,
) -> dict[str, Any]:
    """Template context and JSON figures of the follow-up (both already suppressed);
    `police`: the annex's table of the police's reported crimes (`police_view`), if any;
    `drawn`: the map is drawn (for Markdown, HTML or PDF), from the chart cache `cache`."""
    lang = fmt.language
    _ = fmt.words.gettext
    threshold = ws.settings.publication.suppress_below
    cat_names = dict(ws.categories.names)
    area_names = dict(ws.areas.names)
    coverage = Coverage(incidents.first_day, incidents.last_day)
    period_words = fmt.tertial_period(period)
    spellings = {a.name: [a.name, *a.aliases] for a in ws.settings.areas}
    identity = identity_context(ws, period.key, fmt)

    title = f"{pledge.title} – " + _(
        "Follow-up of the %(ordinal)s tertial", ordinal=fmt.tertial_ordinal(period)
    )
    if _spans_years(pledge):
        title += f" {period.year}"

    ordered_insatser = sorted(insatser, key=lambda i: (i.start, i.title))
    windows = workspace_windows(ws)
    pledged = [ind for focus in pledge.focus_areas for ind in focus.indicators]
    polygons = area_polygons(ws)
    by_area: dict[str, Figure | None] | None = {a: None for a, _p in polygons} or None
    all_indicators, insats_views = document_figures(
        df,
        pledged,
        ordered_insatser,
        period,
        coverage,
        threshold,
        cat_names,
        area_names,
        published_last_year(ws, pledged, period, df, coverage, threshold, cat_names, area_names),
        days=(windows.before_days, windows.after_days),
        area_map=by_area,
    )
    area_map = (
        tertial_map(ws, by_area, threshold, fmt, period_words, cache, polygons)
        if by_area and drawn
        else None
    )
    shown = [(i.before, i.after, i.comparison_before, i.comparison_after) for i in insats_views]
    evaluations = document_evaluations(df, ordered_insatser, coverage, ws, fmt, shown)
    focus_views: list[dict[str, Any]] = []
    annex = []
    taken = 0
    for focus in pledge.focus_areas:
        indicators = all_indicators[taken : taken + len(focus.indicators)]
        taken += len(focus.indicators)
        lines = [
            line for ind in indicators for line in indicator_lines(ind, period, fmt, threshold)
        ]
        follow = focus.follow_ups.get(period.key)
        focus_views.append(
            {
                "id": focus.id,
                "title": focus.title,
                "problem": without_repeats(focus.problem, indicators, spellings),
                "figures": lines,
                "indicators": indicators,
                "follow_up": follow,
                "status": status_names(fmt.words)[follow.status.value] if follow else None,
                "activities": [activity_view(a, period, fmt) for a in focus.activities],
            }
        )
        for ind in (i for i in indicators if not i.only_total):  # the text tells that
            where = where_text(ind, fmt)
            annex.append(
                {
                    "focus": focus.title,
                    "caption": f"{ind.phrase}{where}",
                    "indicator": ind,
                    "notes": annex_notes(ind, fmt),
                }
            )

    year = year_summary(pledge, focus_views) if period.n == 3 else None
    excluded = len(incidents.excluded)
    notes = method_notes(incidents, threshold, fmt)

    parties = fmt.join(list(pledge.parties))
    template = {
        "lang": lang,
        "title": title,
        "pledge": pledge,
        "parties": parties,
        "municipality": pledge.municipality,
        "tertial": period,
        "period": period_words,
        "intro": opening(pledge.municipality, period, fmt),
        "focus_areas": focus_views,
        "insatser": insats_views,
        "evaluations": evaluations,
        "insats_caveats": caveats(fmt),
        "insats_method": method_text(windows, fmt),
        "insats_suppression": _(
            "A ratio is published only when each of its four counts is at least %(n)s.",
            n=max(threshold, 1),
        ),
        "before_label": window_label(windows.before_days, "before", fmt),
        "after_label": window_label(windows.after_days, "after", fmt),
        "annex": annex,
        "police": police,
        "months": [fmt.month(m) for m in period.months],
        "total_label": _("Total %(period)s", period=fmt.tertial_short(period)),
        "last_year_label": _("Same period %(year)s", year=period.year - 1),
        "draft": draft,
        **identity,
        "year": year,
        "notes": notes,
        "fig": lambda f: format_figure(f, threshold, lang),
        "in_sentence": in_sentence,
        "owners": owner_names(fmt.words),
        "window": lambda first, last: fmt.date(first) if first == last else fmt.span(first, last),
        "area_map": area_map,
        "suppress_below": threshold,
    }
    figures = {
        "tertial": period.key,
        "period": {"first_day": period.first_day, "last_day": period.last_day},
        "pledge": pledge_rel,
        "title": title,
        "language": lang,
        "draft": draft,
        "published": ws.settings.publication.published.get(period.key),
        "suppress_below": threshold,
        "focus_areas": [
            {
                "id": v["id"],
                "title": v["title"],
                "follow_up": v["follow_up"].model_dump(mode="json") if v["follow_up"] else None,
                "indicators": [asdict(i) for i in v["indicators"]],
                "activities": [asdict(a) for a in v["activities"]],
            }
            for v in focus_views
        ],
        "insatser": [
            {**asdict(i), "evaluation": asdict(e)}
            for i, e in zip(insats_views, evaluations, strict=True)
        ],
        "insats_notes": {
            "ratio_label": _("Ratio against the comparison (95 %% interval)"),
            "method": template["insats_method"],
            "suppression": template["insats_suppression"],
            "caveats": template["insats_caveats"],
        },
        **({"areas": _map_json(ws, by_area)} if by_area else {}),
        "year_summary": year,
        "data": {
            "rows_read": incidents.rows_read,
            "files": len(incidents.files),
            "incidents_used": len(incidents.frame),
            "rows_excluded": excluded,
            "rows_ignored": len(incidents.ignored),
            "ignored_by": incidents.ignored_by_rule(),
            "first_day": coverage.first_day,
            "last_day": coverage.last_day,
        },
    }
    if police is not None:  # only then: documents without statistics stay as they were
        figures["police_statistics"] = police["json"]
    return {"template": template, "json": figures}
