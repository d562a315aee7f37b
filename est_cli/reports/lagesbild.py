"""`est lagesbild build`: the yearly lägesbild under lag (2023:196), published as it is built.

The same shape as every period document (est_cli.reports.period): choose the year, require
complete data, compute the mapping (est_cli.aggregate.lagesbild, suppressed), add the
written parts from lagesbild/YYYY.yaml and the follow-up of the year's pledge, render
Markdown, HTML and JSON, and write them as one set. The CLI prints the returned result.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.lagesbild import AreaInfo, LagesbildFigures, Ref, lagesbild_figures
from est_cli.aggregate.survey import period_cells
from est_cli.errors import N_, DataError, EstError, Problem
from est_cli.load.incidents import IncidentSet, load_incidents
from est_cli.load.lagesbild import lagesbild_path, load_lagesbild, next_pledge
from est_cli.load.personal import contacts, personal_data_problems
from est_cli.load.pledges import pledge_for_period
from est_cli.load.survey import load_survey
from est_cli.load.workspace import Workspace
from est_cli.models.incident import UNPLACED_AREA
from est_cli.models.lagesbild import Lagesbild
from est_cli.models.pledge import Pledge
from est_cli.periods import IsoWeek, Year, choose_period
from est_cli.render.document import document_env, json_text, render_formats
from est_cli.render.fmt import Formatter
from est_cli.render.labels import time_bands
from est_cli.reports.identity import identity_context
from est_cli.reports.lagesbild_insatser import insats_follow_up
from est_cli.reports.lagesbild_text import (
    change_line,
    change_rule,
    method_notes,
    opening,
    pledge_follow_up,
    ref_line,
    ref_of,
    years_label,
)
from est_cli.reports.period import (
    building,
    coverage_problem,
    document_language,
    refuse_placeholders,
    require_complete,
    require_data,
    write_document,
)
from est_cli.reports.personal import refuse_personal_data
from est_cli.reports.tertial_text import format_figure

FORMATS = ("md", "html", "json", "pdf")
FOLDER = "lagesbild"


@dataclass
class LagesbildResult:
    year: str
    source: str  # lagesbild/2021.yaml
    pledge: str | None
    written: list[Path]
    warnings: list[Problem] = field(default_factory=list)
    root: Path = Path(".")


def build_lagesbild(
    ws: Workspace,
    *,
    today: date,
    year: str | None = None,
    formats: list[str] | None = None,
    out: Path | None = None,
    language: str | None = None,
    strict: bool = False,
    use_cache: bool = True,
    allow_personal_data: bool = False,
) -> LagesbildResult:
    """Build the lägesbild of `year` (default: the last complete year before `today`)."""
    formats = formats or ["md", "html"]
    lang = document_language(ws, language)
    period = choose_period("year", year, today)
    document = N_("lägesbild %(key)s", key=period.key)
    with building(ws, FOLDER, period.key, N_("est lagesbild build of %(key)s", key=period.key)):
        path = lagesbild_path(ws, period.year)
        if not path.is_file():
            raise DataError([_missing(ws, path, period)])
        loaded = load_lagesbild(ws, path)
        problems = list(loaded.problems)
        if loaded.doc is not None:
            problems += personal_data_problems(
                loaded.doc,
                allowed=contacts(ws.doc),
                severity="warning" if allow_personal_data else "error",
            )
        pledge, pledge_rel = _pledge(ws, period)
        incidents = load_incidents(ws, use_cache=use_cache, descriptions=False)
        gap = coverage_problem(ws, period, incidents.first_day, incidents.last_day)
        problems += [*ws.problems, *incidents.problems, *([gap] if gap else [])]
        refuse_placeholders(problems, file=loaded.rel, document=document)
        refuse_personal_data(problems, document=document)
        require_complete(problems, document=document, stop_on="warning" if strict else "fatal")
        require_data(
            period,
            incidents.first_day,
            incidents.last_day,
            command="est lagesbild build",
            explicit=year is not None,
        )
        assert loaded.model is not None
        # What is left does not stop the document: rows excluded (and counted), gaps as '–'.
        warnings = [replace(p, severity="warning") for p in problems]
        context = build_context(
            ws, loaded.model, loaded.rel, pledge, pledge_rel, period, incidents, Formatter(lang)
        )
        env, _ = document_env(ws.root, lang)
        texts = render_formats(env, FOLDER, formats, dated=period.last_day, **context["template"])
        if "json" in formats:
            texts["json"] = json_text(context["json"])
        written = write_document(ws, out, FOLDER, period.key, texts)
        return LagesbildResult(period.key, loaded.rel, pledge_rel, written, warnings, ws.root)


def _missing(ws: Workspace, path: Path, period: Year) -> Problem:
    return Problem(
        ws.rel(path),
        message=N_(
            "there is no %(file)s: the lägesbild's analysis, causes and proposed measures are "
            "written there",
            file=ws.rel(path),
        ),
        hint=N_(
            "write it (see `est schema lagesbild`; `est init` in an empty folder writes a "
            "skeleton to copy), with year: %(year)s",
            year=period.year,
        ),
        code="missing-file",
        fatal=True,
    )


def _pledge(ws: Workspace, period: Year) -> tuple[Pledge | None, str | None]:
    """The pledge of the year, when exactly one covers it (its follow-up is then shown)."""
    try:
        loaded = pledge_for_period(ws, period.key, period.first_day, period.last_day)
    except EstError:
        return None, None
    return loaded.model, loaded.rel


def build_context(
    ws: Workspace,
    written: Lagesbild,
    rel: str,
    pledge: Pledge | None,
    pledge_rel: str | None,
    period: Year,
    incidents: IncidentSet,
    fmt: Formatter,
) -> dict[str, Any]:
    """Template context and JSON figures of the lägesbild (both already suppressed)."""
    _ = fmt.words.gettext
    threshold = ws.settings.publication.suppress_below
    cat_names, area_names = dict(ws.categories.names), dict(ws.areas.names)
    areas = [AreaInfo(a.id, a.name, a.population) for a in ws.settings.areas]
    problem_refs = [[ref_of(r) for r in p.figures] for p in written.problems]
    indicator_refs = [
        [Ref(tuple(i.categories), tuple(i.areas)) for i in f.indicators]
        for f in (pledge.focus_areas if pledge else [])
    ]
    refs = [r for group in (*problem_refs, *indicator_refs) for r in group]
    coverage = Coverage(incidents.first_day, incidents.last_day)
    figures = lagesbild_figures(
        incidents.frame,
        period.year,
        coverage,
        areas,
        cat_names,
        refs,
        threshold,
        unplaced_name=fmt.area_names({})[UNPLACED_AREA],
    )
    names = (cat_names, area_names)
    lines = [
        ref_line(row, ref, figures, names, threshold, fmt)
        for row, ref in zip(figures.refs, refs, strict=True)
    ]
    taken = 0
    problem_lines: list[list[str]] = []
    for group in (*problem_refs, *indicator_refs):
        problem_lines.append(lines[taken : taken + len(group)])
        taken += len(group)
    following = next_pledge(ws, period.year)
    titles = {f.id: f.title for f in following[1].focus_areas} if following else {}
    findings = [
        {
            **p.model_dump(mode="json"),
            "lines": problem_lines[i],
            "focus_titles": [titles.get(f, f) for f in p.focus_areas],
        }
        for i, p in enumerate(written.problems)
    ]
    focus = (
        pledge_follow_up(pledge, period.year, fmt, problem_lines[len(problem_refs) :])
        if pledge
        else []
    )
    survey = _survey(ws, period)
    title = _("Situation picture %(year)s", year=period.year)
    template = {
        "lang": fmt.language,
        "title": f"{title} – {ws.settings.municipality}",
        "heading": title,
        "municipality": ws.settings.municipality,
        "parties": fmt.join(list(ws.settings.parties)),
        "period": fmt.span(period.first_day, period.last_day),
        "year": period.year,
        "intro": opening(ws.settings.municipality, period.year, fmt),
        "written": written,
        "adopted": fmt.date(written.adopted) if written.adopted else None,
        "f": figures,
        "years": figures.years,
        "previous": years_label(figures.years[:-1], fmt),
        "all_years": years_label(figures.years, fmt),
        "rule": change_rule(figures, fmt),
        "changes": [change_line(r, figures, fmt) for r in figures.changes],
        "findings": findings,
        "pledge": pledge,
        "focus_areas": focus,
        "insatser": insats_follow_up(ws, period, incidents, fmt),
        "survey": survey,
        "band_names": [*time_bands(fmt.words), _("No time given")],
        "months": [fmt.month(m) for m in range(1, 13)],
        "notes": method_notes(figures, incidents, threshold, fmt),
        "fig": lambda f: format_figure(f, threshold, fmt.language),
        "rate": lambda r: "–" if r is None else fmt.number(r, 1),
        "mean": lambda m: "–" if m is None else fmt.number(m, 1),
        "share": lambda s: "–" if s is None else fmt.percent(s).lstrip("+"),
        **identity_context(ws, rel, fmt),
    }
    data = {
        "year": period.year,
        "language": fmt.language,
        "source": rel,
        "pledge": pledge_rel,
        "suppress_below": threshold,
        "title": template["title"],
        "figures": _json_figures(figures),
        "problems": findings,
        "pledge_follow_up": [asdict(v) for v in focus],
        "insatser": template["insatser"],
        "survey": survey,
        "data": {
            "rows_read": incidents.rows_read,
            "files": len(incidents.files),
            "rows_excluded": len(incidents.excluded),
            "rows_ignored": len(incidents.ignored),
            "first_day": coverage.first_day,
            "last_day": coverage.last_day,
        },
    }
    return {"template": template, "json": data}


def _survey(ws: Workspace, period: Year) -> dict[str, Any] | None:
    """The weekly survey's picture of the year (its weeks ending in the year), if any."""
    survey = ws.settings.survey
    if survey is None:
        return None
    answers = load_survey(ws)
    if any(p.fatal for p in answers.problems) or answers.frame.empty:
        return None
    weeks, day = set(), period.first_day
    while day <= period.last_day:
        weeks.add(IsoWeek.of(day).key)
        day += timedelta(days=7)
    weeks = {w for w in weeks if IsoWeek.parse(w, 0).sunday.year == period.year}
    n, cells = period_cells(answers.frame, weeks, survey)
    if not n:
        return None
    return {
        "answers": n,
        "weeks": len(set(answers.frame["week"].astype(str)) & weeks),
        "factors": [
            {"id": fid, "label": label, "answers": c.n, "mean": c.mean, "dont_know": c.dont_know}
            for fid, label, c in cells
        ],
        "scale": [(lv.value, lv.label) for lv in survey.scale],
    }


def _json_figures(figures: LagesbildFigures) -> dict[str, Any]:
    out = asdict(figures)
    for key in ("categories", "areas", "months", "refs", "changes"):
        for row, obj in zip(out[key], getattr(figures, key), strict=True):
            row["test"] = _test(obj.test)
    out["total"]["test"] = _test(figures.total.test)
    return out


def _test(test: Any) -> dict[str, Any] | None:
    if test is None:
        return None
    return {**asdict(test), "mean": test.mean, "ratio": test.ratio, "clear": test.clear}
