"""`est tertial render`: the public follow-up of a medborgarlöfte for one tertial.

Load and validate the workspace, the pledge and the incidents; compute the figures (with
publication suppression); render Markdown, HTML and JSON; write them atomically. The CLI
prints the returned `TertialResult`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from est_cli.aggregate.suppress import Figure
from est_cli.errors import DataError, Problem, UsageError
from est_cli.load import workspace as wsmod
from est_cli.load.workspace import Loaded, Workspace, find_workspace, load_pledge, load_workspace
from est_cli.models.base import Insats, Status
from est_cli.models.pledge import Activity, ActivityFollowUp, Pledge
from est_cli.periods import IsoWeek, Tertial
from est_cli.render.fmt import Formatter, choose_language
from est_cli.render.labels import owner_names, status_names
from est_cli.reports.period import require_complete

FORMATS = ("md", "html", "json")

@dataclass
class TertialResult:
    """What `est tertial render` did: files written, and warnings to show."""

    tertial: str
    pledge: str
    written: list[Path]
    warnings: list[Problem] = field(default_factory=list)
    root: Path = Path(".")


@dataclass(frozen=True)
class ActivityView:
    id: str
    text: str
    owner: str
    status: str | None
    progress: str | None
    target_state: str | None  # "exceeded", "reached", "below" or None without a target/progress
    note: str | None
    as_of: str | None  # the tertial key of an older follow-up used, when none for this one
    outcome: str  # "done", "ongoing" or "not_done" (for the year summary)


# --- choosing the pledge -----------------------------------------------------------------


def load_pledge_file(ws: Workspace, path: Path) -> Loaded[Pledge]:
    """Load one pledge given on the command line; errors stop the run."""
    full = path if path.is_absolute() else (Path.cwd() / path)
    if not full.is_file():
        alt = ws.root / path
        if alt.is_file():
            full = alt
        else:
            files = ", ".join(ws.rel(p) for p in ws.pledge_files()) or "none"
            raise UsageError(f"pledge file {path} not found; pledge files here: {files}")
    loaded = load_pledge(ws, full)
    wsmod.require(loaded)
    return loaded


def all_pledges(ws: Workspace) -> list[Loaded[Pledge]]:
    """Every pledge file of the workspace; invalid ones stop the run with their problems."""
    loaded = [load_pledge(ws, p) for p in ws.pledge_files()]
    errors = [p for item in loaded for p in item.problems if p.severity == "error"]
    if errors or any(item.model is None for item in loaded):
        raise DataError([p for item in loaded for p in item.problems])
    return loaded


def describe_pledges(loaded: list[Loaded[Pledge]]) -> str:
    return "; ".join(
        f"{item.rel} ({item.model.valid_from} – {item.model.valid_to})"
        for item in loaded
        if item.model
    )


def pledge_for_tertial(ws: Workspace, tertial: Tertial) -> Loaded[Pledge]:
    """The pledge whose validity covers the tertial (overlap; full cover wins a tie)."""
    loaded = all_pledges(ws)
    if not loaded:
        raise UsageError(
            "no pledge files in pledges/; add one (see `est init`) or pass --pledge FILE"
        )
    overlapping = [
        item
        for item in loaded
        if item.model
        and item.model.valid_from <= tertial.last_day
        and item.model.valid_to >= tertial.first_day
    ]
    if len(overlapping) > 1:
        full = [
            item
            for item in overlapping
            if item.model
            and item.model.valid_from <= tertial.first_day
            and item.model.valid_to >= tertial.last_day
        ]
        overlapping = full if len(full) == 1 else overlapping
    if len(overlapping) == 1:
        return overlapping[0]
    if not overlapping:
        raise UsageError(
            f"no pledge covers {tertial.key} ({tertial.first_day} – {tertial.last_day}); "
            f"pledge files: {describe_pledges(loaded)}. Pass --tertial for a period a pledge "
            "covers, or --pledge FILE"
        )
    raise UsageError(
        f"several pledges cover {tertial.key}: {describe_pledges(overlapping)}; "
        "choose one with --pledge FILE"
    )


# --- the document ------------------------------------------------------------------------


def render_tertial(
    workspace: Path | None = None,
    *,
    tertial: str | None = None,
    pledge: Path | None = None,
    formats: list[str] | None = None,
    out: Path | None = None,
    language: str | None = None,
    strict: bool = False,
    use_cache: bool = True,
) -> TertialResult:
    """Render the follow-up of one tertial; see the module docstring."""
    from est_cli.load.incidents import load_incidents
    from est_cli.render.document import document_env, json_text, render_formats, write_outputs

    formats = formats or ["md", "html"]
    root = find_workspace(workspace)
    ws = load_workspace(root)
    lang = choose_language(language, ws.settings.language.value)
    period = Tertial.parse(tertial) if tertial else Tertial.last_ended(wsmod.today())
    loaded = load_pledge_file(ws, pledge) if pledge else pledge_for_tertial(ws, period)
    assert loaded.model is not None and loaded.doc is not None
    model = loaded.model

    warnings = [p for p in ws.problems if p.severity == "warning"]
    warnings += [p for p in loaded.problems if p.severity == "warning"]
    for i, focus in enumerate(model.focus_areas):
        if period.key not in focus.follow_ups:
            present = ", ".join(sorted(focus.follow_ups)) or "none"
            warnings.append(
                loaded.doc.problem(
                    ("focus_areas", i, "follow_ups"),
                    f"focus area '{focus.id}' has no follow-up for {period.key} "
                    f"(follow-ups present: {present})",
                    hint=f"add a '{period.key}:' entry with status, measures and effect",
                    severity="warning",
                    code="missing-follow-up",
                    key=True,
                )
            )
    week_insatser, week_problems = _week_insatser(ws, period)
    incidents = load_incidents(ws, use_cache=use_cache, descriptions=False)
    gap = coverage_problem(ws, period, incidents.first_day, incidents.last_day)
    problems = [*warnings, *week_problems, *incidents.problems, *([gap] if gap else [])]
    require_complete(
        problems,
        document=f"follow-up of {period.key}",
        stop_on="warning" if strict else "fatal",
    )
    # What is left does not stop the document: rows excluded (and counted), gaps shown as '–'.
    warnings = [replace(p, severity="warning") for p in problems]

    df = incidents.frame
    fmt = Formatter(lang)
    pledge_insatser = [i for i in model.insatser if _starts_in(i, period)]
    context = build_context(
        ws, model, loaded.rel, period, df, incidents, [*pledge_insatser, *week_insatser], fmt
    )
    env, _ = document_env(root, lang)
    texts: dict[str, str | bytes] = dict(
        render_formats(env, "tertial", formats, **context["template"])
    )
    if "json" in formats:
        texts["json"] = json_text(context["json"])
    target = out if out is not None else root / "reports" / "tertial"
    if not target.is_absolute():
        target = Path.cwd() / target
    written = write_outputs(target, period.key, texts)
    return TertialResult(period.key, loaded.rel, written, warnings, root)


def _week_insatser(ws: Workspace, period: Tertial) -> tuple[list[Insats], list[Problem]]:
    """Insatser recorded in week notes that start in the tertial.

    A broken notes file of a week that overlaps the tertial stops the document (its problems
    are fatal); one of another week is skipped with a warning.
    """
    found: list[Insats] = []
    problems: list[Problem] = []
    for path in ws.week_files():
        loaded = wsmod.load_week_notes(ws, path)
        if _week_overlaps(path.stem, period):
            problems += loaded.problems
        elif loaded.model is None:
            problems.append(
                Problem(
                    loaded.rel,
                    message="this week file has errors, so its insatser are left out",
                    severity="warning",
                    hint="run `est check` and fix it",
                    code="week-skipped",
                )
            )
        if loaded.model is not None:
            found += [i for i in loaded.model.insatser if _starts_in(i, period)]
    return found, problems


def _week_overlaps(stem: str, period: Tertial) -> bool:
    """Whether the week a notes file is named after overlaps the tertial (unknown: yes)."""
    try:
        week = IsoWeek.parse(stem, default_year=period.year)
    except UsageError:
        return True
    return week.monday <= period.last_day and week.sunday >= period.first_day


def _starts_in(insats: Insats, period: Tertial) -> bool:
    """An insats belongs to the tertial it starts in (pledge and week-note ones alike)."""
    return period.first_day <= insats.start <= period.last_day


def coverage_problem(
    ws: Workspace, period: Tertial, first: date | None, last: date | None
) -> Problem | None:
    """A warning naming the part of the tertial the incident data lacks, or None."""
    from est_cli.aggregate.coverage import END_GRACE_DAYS, Coverage

    if Coverage(first, last).covers(period.first_day, period.last_day):
        return None
    where = ", ".join(f for source in ws.settings.sources.incidents for f in source.files)
    if first is None or last is None:
        lacking = f"all of it ({period.first_day} – {period.last_day}): there are no incidents"
    else:
        gaps = []
        if first > period.first_day:
            gaps.append(f"{period.first_day} – {min(first - timedelta(days=1), period.last_day)}")
        if last + timedelta(days=END_GRACE_DAYS) < period.last_day:
            gaps.append(f"{max(last + timedelta(days=1), period.first_day)} – {period.last_day}")
        lacking = " and ".join(gaps) + f" (the data covers {first} – {last})"
    return Problem(
        where,
        message=f"the incident data does not cover all of {period.key}; it lacks {lacking}. "
        "The counts of that period are shown as '–' and no comparison is made",
        severity="warning",
        hint=f"add the exports that cover {period.key} to {where}, or choose a covered "
        "tertial with --tertial",
        code="not-covered",
    )


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
    from est_cli.aggregate.coverage import Coverage
    from est_cli.aggregate.tertial import document_figures

    lang = fmt.language
    _ = fmt.words.gettext
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
    all_indicators, insats_views = document_figures(
        df,
        [ind for focus in pledge.focus_areas for ind in focus.indicators],
        ordered_insatser,
        period,
        coverage,
        threshold,
        cat_names,
        area_names,
    )
    focus_views = []
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
                "activities": [_activity_view(a, period, fmt) for a in focus.activities],
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

    year = _year_summary(pledge, focus_views) if period.n == 3 else None
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
        _(
            "“Most in” names up to three areas with the most incidents, and only areas with "
            "at least %(n)s incidents.",
            n=max(threshold, 1),
        ),
        _("The same tertial last year is compared when the data covers that period."),
        _(
            "Data: %(rows)s rows of reported incidents (%(files)s file(s)), of which %(used)s "
            "could be used.",
            rows=fmt.number(incidents.rows_read),
            files=fmt.number(len(incidents.files)),
            used=fmt.number(len(incidents.frame)),
        ),
    ]
    if excluded:
        notes.append(
            _(
                "%(n)s rows could not be used and are not in the counts.",
                n=fmt.number(excluded),
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


def _latest_follow_up(act: Activity, period: Tertial) -> tuple[str | None, ActivityFollowUp | None]:
    if period.key in act.follow_ups:
        return period.key, act.follow_ups[period.key]
    earlier = sorted((Tertial.parse(k), k) for k in act.follow_ups if Tertial.parse(k) < period)
    if earlier:
        key = earlier[-1][1]
        return key, act.follow_ups[key]
    return None, None


def _activity_view(act: Activity, period: Tertial, fmt: Formatter) -> ActivityView:
    _ = fmt.words.gettext
    key, fu = _latest_follow_up(act, period)
    progress = target_state = None
    if act.target is not None and fu is not None and fu.progress is not None:
        progress = _(
            "%(done)s of %(target)s %(unit)s",
            done=fmt.number(fu.progress),
            target=fmt.number(act.target.count),
            unit=act.target.unit,
        )
        if fu.progress > act.target.count:
            target_state = "exceeded"
            progress += " (" + _("target exceeded") + ")"
        elif fu.progress == act.target.count:
            target_state = "reached"
            progress += " (" + _("target reached") + ")"
        else:
            target_state = "below"
    if fu is None:
        outcome = "not_done"
    elif fu.status == Status.genomford or target_state in ("reached", "exceeded"):
        outcome = "done"
    elif fu.status == Status.pagar:
        outcome = "ongoing"
    else:
        outcome = "not_done"
    return ActivityView(
        id=act.id,
        text=act.text,
        owner=owner_names(fmt.words)[act.owner.value],
        status=status_names(fmt.words)[fu.status.value] if fu else None,
        progress=progress,
        target_state=target_state,
        note=fu.note if fu else None,
        as_of=_("as of the follow-up %(key)s", key=key) if key and key != period.key else None,
        outcome=outcome,
    )


def _year_summary(pledge: Pledge, focus_views: list[dict[str, Any]]) -> dict[str, Any]:
    """T3: every activity of the pledge sorted into done, ongoing and not done."""
    groups: dict[str, list[dict[str, Any]]] = {"done": [], "ongoing": [], "not_done": []}
    for view in focus_views:
        for act in view["activities"]:
            groups[act.outcome].append(asdict(act) | {"focus": view["title"]})
    return {**groups, "text": pledge.year_summary}
