"""The monthly follow-up's parts beside the incidents: the survey's weeks of the month, the
insatser that started in it (from the pledges and the week notes) and the police's reported
crimes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from est_cli.aggregate.statistics import police_figures
from est_cli.aggregate.survey import Cell, survey_figures
from est_cli.errors import Problem
from est_cli.load.statistics import load_statistics
from est_cli.load.survey import load_survey
from est_cli.load.weeks import starts_in, week_insatser_in
from est_cli.load.workspace import Workspace, load_pledge
from est_cli.models.base import Insats
from est_cli.periods import IsoWeek, Month


def weeks_of(month: Month) -> list[IsoWeek]:
    """The ISO weeks a month reports on: those whose Thursday falls in it (the rule that
    gives each week one month, as ISO gives each week one year)."""
    week = IsoWeek.of(month.first_day)
    if week.monday + timedelta(days=3) < month.first_day:
        week = week.shift(1)
    weeks = []
    while week.monday + timedelta(days=3) <= month.last_day:
        weeks.append(week)
        week = week.shift(1)
    return weeks


@dataclass
class SurveyWeek:
    """One week of the month in the survey: all areas together."""

    week: str
    responses: int
    cells: list[Cell]  # one per factor
    answered: int
    expected: int
    rate: float | None


@dataclass
class FactorMonth:
    """A factor's mean level over all the month's answers (each answer weighs the same)."""

    id: str
    label: str
    n: int
    mean: float | None


@dataclass
class MonthSurveyFigures:
    weeks: list[SurveyWeek]
    factors: list[FactorMonth]
    scale: list[tuple[int, str]]
    dont_know: str
    responses: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class MonthSurvey:
    figures: MonthSurveyFigures | None  # None: est.yaml has no survey section
    problems: list[Problem] = field(default_factory=list)
    excluded: int = 0


def month_survey(ws: Workspace, month: Month) -> MonthSurvey:
    """The weekly survey figures (`est_cli.aggregate.survey`) of each of the month's weeks."""
    survey = ws.settings.survey
    if survey is None:
        return MonthSurvey(None)
    answers = load_survey(ws)
    if any(p.fatal for p in answers.problems):
        return MonthSurvey(None, answers.problems)
    areas = dict(ws.areas.names)
    weeks = []
    for week in weeks_of(month):
        fig = survey_figures(answers.frame, week, survey, areas)
        everyone = fig.rows[-1]  # the last row is all areas together
        weeks.append(
            SurveyWeek(
                week.key,
                fig.responses,
                everyone.cells,
                fig.total.answered,
                fig.total.expected,
                fig.total.rate,
            )
        )
    factors = []
    for i, (fid, label) in enumerate((f.id, f.label) for f in survey.factors):
        cells = [w.cells[i] for w in weeks if w.cells[i].mean is not None]
        n = sum(c.n for c in cells)
        total = sum((c.mean or 0.0) * c.n for c in cells)
        factors.append(FactorMonth(fid, label, n, total / n if n else None))
    figures = MonthSurveyFigures(
        weeks=weeks,
        factors=factors,
        scale=sorted((lv.value, lv.label) for lv in survey.scale),
        dont_know=survey.dont_know[0],
        responses=sum(w.responses for w in weeks),
    )
    return MonthSurvey(figures, answers.problems, excluded=len(answers.excluded))


@dataclass(frozen=True)
class InsatsView:
    title: str
    start: str
    end: str
    area: str | None
    area_name: str | None
    categories: list[str]
    category_names: list[str]
    owner: str | None
    note: str | None


def month_insatser(ws: Workspace, month: Month) -> tuple[list[InsatsView], list[Problem]]:
    """The insatser that start in the month, from every pledge and the week notes, with the
    problems of the files they come from (a broken pledge that could hold some stops the
    document, as a broken export does)."""
    found, problems = week_insatser_in(ws, month)
    for path in ws.pledge_files():
        loaded = load_pledge(ws, path)
        model = loaded.model
        if model is None or (
            model.valid_from <= month.last_day and model.valid_to >= month.first_day
        ):
            problems += loaded.problems
        if model is not None:
            found += [i for i in model.insatser if starts_in(i, month)]
    unique = {(i.start, i.title, i.area or ""): i for i in found}
    ordered = [unique[k] for k in sorted(unique)]
    return [_view(ws, i) for i in ordered], problems


def _view(ws: Workspace, insats: Insats) -> InsatsView:
    names = dict(ws.categories.names)
    return InsatsView(
        title=insats.title,
        start=insats.start.isoformat(),
        end=(insats.end or insats.start).isoformat(),
        area=insats.area,
        area_name=ws.area_name(insats.area) if insats.area else None,
        categories=list(insats.categories),
        category_names=[names.get(c, c) for c in insats.categories],
        owner=insats.owner.value if insats.owner else None,
        note=insats.note,
    )


def month_statistics(ws: Workspace, month: Month) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The police's reported crimes of the month beside the month before and the same month
    last year, for the templates' `statistics` block and the JSON; None when the workspace
    has no statistics for the month. The document is internal, like the weekly report, so
    its counts are not suppressed; they are never added to the incident figures."""
    frame, problems = load_statistics(ws)
    figures = police_figures(frame, month)
    if not figures.covered or not figures.rows:
        return None, problems
    rows = [
        {
            "category": r.category,
            "name": r.label,
            "this": r.current,
            "previous": r.previous,
            "last_year": r.last_year,
        }
        for r in figures.rows
    ]
    return {
        "measure": "police reported crimes",
        "months": [month.key, figures.previous.key, figures.last_year.key],
        "rows": rows,
    }, problems
