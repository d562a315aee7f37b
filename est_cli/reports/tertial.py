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
from est_cli.errors import N_, Problem
from est_cli.load.ids import missing_follow_ups
from est_cli.load.incidents import load_incidents
from est_cli.load.personal import in_tertial_document
from est_cli.load.pledges import load_pledge_file, pledge_for_period
from est_cli.load.weeks import starts_in, week_insatser_in
from est_cli.load.workspace import Workspace
from est_cli.models.base import Insats
from est_cli.models.pledge import Pledge
from est_cli.periods import Tertial, choose_period
from est_cli.render.document import document_env, json_text, render_formats
from est_cli.render.fmt import Formatter
from est_cli.render.labels import owner_names, status_names
from est_cli.reports.activities import activity_view, year_summary
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

FORMATS = ("md", "html", "json")


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
) -> TertialResult:
    """Render the follow-up of `tertial` (default: the last one ended before `today`)."""
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
        gap = coverage_problem(ws, period, incidents.first_day, incidents.last_day)
        problems = [*warnings, *week_problems, *incidents.problems, *([gap] if gap else [])]
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
        # What is left does not stop the document: rows excluded (and counted), gaps shown as '–'.
        warnings = [replace(p, severity="warning") for p in problems]

        df = incidents.frame
        fmt = Formatter(lang)
        pledge_insatser = [i for i in model.insatser if starts_in(i, period)]
        context = build_context(
            ws, model, loaded.rel, period, df, incidents, [*pledge_insatser, *week_insatser], fmt
        )
        env, _ = document_env(ws.root, lang)
        texts: dict[str, str | bytes] = dict(
            render_formats(env, "tertial", formats, **context["template"])
        )
        if "json" in formats:
            texts["json"] = json_text(context["json"])
        written = write_document(ws, out, "tertial", period.key, texts)
        return TertialResult(period.key, loaded.rel, written, warnings, ws.root)


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
) -> dict[str, Any]:
    """Template context and JSON figures of the follow-up (both already suppressed)."""
    lang = fmt.language
    _, ngettext = fmt.words.gettext, fmt.words.ngettext
    threshold = ws.settings.publication.suppress_below
    cat_names = dict(ws.categories.names)
    area_names = dict(ws.areas.names)
    coverage = Coverage(incidents.first_day, incidents.last_day)
    period_words = fmt.tertial_period(period)

    title = f"{pledge.title} – " + _(
        "Follow-up of the %(ordinal)s tertial", ordinal=fmt.tertial_ordinal(period)
    )
    if _spans_years(pledge):
        title += f" {period.year}"

    ordered_insatser = sorted(insatser, key=lambda i: (i.start, i.title))
    pledged = [ind for focus in pledge.focus_areas for ind in focus.indicators]
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
    )
    focus_views: list[dict[str, Any]] = []
    annex = []
    taken = 0
    for focus in pledge.focus_areas:
        indicators = all_indicators[taken : taken + len(focus.indicators)]
        taken += len(focus.indicators)
        lines = [
            line for ind in indicators for line in _indicator_lines(ind, period, fmt, threshold)
        ]
        follow = focus.follow_ups.get(period.key)
        focus_views.append(
            {
                "id": focus.id,
                "title": focus.title,
                "problem": focus.problem,
                "figures": lines,
                "indicators": indicators,
                "follow_up": follow,
                "status": status_names(fmt.words)[follow.status.value] if follow else None,
                "activities": [activity_view(a, period, fmt) for a in focus.activities],
            }
        )
        for ind in indicators:
            where = _where(ind, fmt)
            annex.append(
                {
                    "focus": focus.title,
                    "caption": f"{ind.phrase}{where}",
                    "indicator": ind,
                }
            )

    year = year_summary(pledge, focus_views) if period.n == 3 else None
    excluded = len(incidents.excluded)
    notes = [
        _(
            "Counts from 1 to %(m)s are shown as “fewer than %(n)s” so that no single incident "
            "can be singled out. Where such a count could otherwise be worked out from a total, "
            "another count in the same row or column is hidden too (×). Differences from last "
            "year are only shown when both counts are published.",
            n=threshold,
            m=threshold - 1,
        )
        if threshold > 1
        else _("All counts are published exactly."),
        ngettext(
            "“Most in” names up to three areas with the most incidents, and only areas with "
            "at least %(num)s incident.",
            "“Most in” names up to three areas with the most incidents, and only areas with "
            "at least %(num)s incidents.",
            max(threshold, 1),
            num=fmt.number(max(threshold, 1)),
        ),
        _("The same tertial last year is compared when the data covers that period."),
        _(
            "Data: %(rows)s of reported incidents (%(files)s), of which %(used)s could be used.",
            rows=ngettext(
                "%(num)s row",
                "%(num)s rows",
                incidents.rows_read,
                num=fmt.number(incidents.rows_read),
            ),
            files=ngettext(
                "%(num)s file",
                "%(num)s files",
                len(incidents.files),
                num=fmt.number(len(incidents.files)),
            ),
            used=fmt.number(len(incidents.frame)),
        ),
    ]
    if excluded:
        notes.append(
            ngettext(
                "%(num)s row could not be used and is not in the counts.",
                "%(num)s rows could not be used and are not in the counts.",
                excluded,
                num=fmt.number(excluded),
            )
        )
    if incidents.ignored:  # never silently: the same sentence as the weekly report's
        notes.append(
            fmt.words.ngettext(
                "%(num)s row is left out as est.yaml says (ignore).",
                "%(num)s rows are left out as est.yaml says (ignore).",
                len(incidents.ignored),
                num=fmt.number(len(incidents.ignored)),
            )
        )

    parties = fmt.join(list(pledge.parties))
    template = {
        "lang": lang,
        "title": title,
        "pledge": pledge,
        "parties": parties,
        "municipality": pledge.municipality,
        "tertial": period,
        "period": period_words,
        "intro": _(
            "%(parties)s follow up the citizen pledge three times a year. This document covers "
            "%(period)s: the problems noticed, what has been done and the effect the work is "
            "judged to have had. The counts are computed from the incidents reported in the "
            "joint work.",
            parties=parties,
            period=period_words,
        ),
        "focus_areas": focus_views,
        "insatser": insats_views,
        "annex": annex,
        "months": [fmt.month(m) for m in period.months],
        "last_year_label": str(period.year - 1),
        "year": year,
        "notes": notes,
        "fig": lambda f: format_figure(f, threshold, lang),
        "owners": owner_names(fmt.words),
        "window": lambda first, last: fmt.date(first) if first == last else fmt.span(first, last),
    }
    figures = {
        "tertial": period.key,
        "period": {"first_day": period.first_day, "last_day": period.last_day},
        "pledge": pledge_rel,
        "title": title,
        "language": lang,
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
        "insatser": [asdict(i) for i in insats_views],
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
    return {"template": template, "json": figures}


def _where(ind: Any, fmt: Formatter) -> str:
    """' i Ramdal' for an indicator limited to areas, unless its phrase names them already."""
    if not ind.areas or any(a.casefold() in ind.phrase.casefold() for a in ind.areas):
        return ""
    return fmt.words.gettext(" in %(areas)s", areas=fmt.join(ind.areas))


def format_figure(figure: Figure | None, threshold: int, lang: str) -> str:
    """'23', 'färre än 3', '×', or '–' when there is no figure (no data)."""
    fmt = Formatter(lang)
    if figure is None:
        return "–"
    if figure.state == "suppressed":
        return fmt.words.gettext("fewer than %(n)s", n=threshold)
    if figure.state == "hidden":
        return "×"
    return fmt.number(figure.value)


def _indicator_lines(ind: Any, period: Tertial, fmt: Formatter, threshold: int) -> list[str]:
    """Sentences for the problem cell: count, where most happened, change against last year."""
    lang = fmt.language
    _ = fmt.words.gettext

    def threshold_text(figure: Figure | None) -> str:
        return format_figure(figure, threshold, lang)

    where = _where(ind, fmt)
    lines = []
    total = ind.total
    if total is None:
        lines.append(
            _(
                "The number of %(phrase)s%(where)s: not available (the data does not cover the "
                "whole period).",
                phrase=ind.phrase,
                where=where,
            )
        )
    elif total.state == "hidden":
        lines.append(
            _(
                "The number of %(phrase)s%(where)s is not published (see note).",
                phrase=ind.phrase,
                where=where,
            )
        )
    elif total.value == 0:
        lines.append(_("No %(phrase)s reported%(where)s.", phrase=ind.phrase, where=where))
    else:
        count = threshold_text(total)
        lines.append(
            _(
                "%(count)s %(phrase)s reported%(where)s.",
                count=count[0].upper() + count[1:],
                phrase=ind.phrase,
                where=where,
            )
        )
    if ind.top_areas:
        lines.append(_("Most in %(areas)s.", areas=fmt.join(ind.top_areas)))
    if ind.last_year is not None and total is not None:
        text = _(
            "Same period %(year)s: %(count)s",
            year=period.year - 1,
            count=threshold_text(ind.last_year),
        )
        if ind.change is not None:
            if ind.change == 0:
                text += ", " + _("the same number")
            else:
                pct = fmt.percent(ind.change_ratio) if ind.change_ratio is not None else "–"
                n = fmt.number(abs(ind.change))
                if ind.change > 0:
                    text += ", " + _("an increase of %(n)s (%(pct)s)", n=n, pct=pct)
                else:
                    text += ", " + _("a decrease of %(n)s (%(pct)s)", n=n, pct=pct)
        lines.append(text + ".")
    return lines
