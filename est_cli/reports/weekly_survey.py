"""The weekly report's survey part: the week's answers read and summed up, when est.yaml
has a survey section (without one the weekly report is as it always was)."""

from __future__ import annotations

from dataclasses import dataclass, field

from est_cli.aggregate.survey import SurveyFigures, survey_figures
from est_cli.errors import Problem
from est_cli.load.survey import load_survey
from est_cli.load.workspace import Workspace
from est_cli.periods import IsoWeek


@dataclass
class WeekSurvey:
    figures: SurveyFigures | None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    rows_read: int = 0
    excluded: int = 0  # of the week's responses (those whose week could be read)


def week_survey(ws: Workspace, week: IsoWeek, *, internal: bool) -> WeekSurvey:
    survey = ws.settings.survey
    if survey is None:
        return WeekSurvey(None)
    answers = load_survey(ws)
    if any(p.fatal for p in answers.problems):  # the settings cannot sum up any answers
        return WeekSurvey(None, answers.problems)
    figures = survey_figures(answers.frame, week, survey, dict(ws.areas.names), internal=internal)
    return WeekSurvey(
        figures,
        answers.problems,
        files=len(answers.files),
        rows_read=answers.rows_read,
        excluded=len(answers.excluded),
    )
