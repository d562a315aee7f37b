"""Insatser recorded in the weekly meeting notes, for the documents of a longer period."""

from __future__ import annotations

from est_cli.errors import N_, Problem, UsageError
from est_cli.load.workspace import Workspace, load_week_notes
from est_cli.models.base import Insats
from est_cli.periods import AnyPeriod, IsoWeek


def week_insatser_in(ws: Workspace, period: AnyPeriod) -> tuple[list[Insats], list[Problem]]:
    """Insatser recorded in week notes that start in the period, and the notes' problems.

    A broken notes file of a week that overlaps the period is reported with its (fatal)
    problems, so the document stops; one of another week is skipped with a warning.
    """
    found: list[Insats] = []
    problems: list[Problem] = []
    for path in ws.week_files():
        loaded = load_week_notes(ws, path)
        if _week_overlaps(path.stem, period):
            problems += loaded.problems
        elif loaded.model is None:
            problems.append(week_skipped(loaded.rel))
        if loaded.model is not None:
            found += [i for i in loaded.model.insatser if starts_in(i, period)]
    return found, problems


def week_skipped(rel: str) -> Problem:
    """The warning for a week file whose insatser are left out because it has errors."""
    return Problem(
        rel,
        message=N_("this week file has errors, so its insatser are left out"),
        severity="warning",
        hint=N_("run `est check` and fix it"),
        code="week-skipped",
    )


def _week_overlaps(stem: str, period: AnyPeriod) -> bool:
    """Whether the week a notes file is named after overlaps the period (unknown: yes)."""
    try:
        week = IsoWeek.parse(stem, default_year=period.first_day.year)
    except UsageError:
        return True
    return week.monday <= period.last_day and week.sunday >= period.first_day


def starts_in(insats: Insats, period: AnyPeriod) -> bool:
    """An insats belongs to the period it starts in (pledge and week-note ones alike)."""
    return period.first_day <= insats.start <= period.last_day
