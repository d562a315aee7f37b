"""Validating a whole workspace in one run: every file, every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from est_cli.errors import DataError, Problem
from est_cli.load.confine import outside_problem, resolves_inside
from est_cli.load.geometry import load_area_shapes
from est_cli.load.incidents import Progress, load_incidents
from est_cli.load.lagesbild import lagesbild_files, load_lagesbild
from est_cli.load.personal import contacts, in_insatser, personal_data_problems
from est_cli.load.statistics import load_statistics
from est_cli.load.survey import load_survey
from est_cli.load.workspace import (
    SETTINGS_FILE,
    load_pledge,
    load_week_notes,
    load_workspace,
    yaml_files,
)
from est_cli.load.yamlvalidation import load_model
from est_cli.models.lagesbild import Lagesbild
from est_cli.models.pledge import Pledge
from est_cli.models.week import WeekNotes


@dataclass
class CheckReport:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    rows: int = 0
    ignored: dict[str, int] = field(default_factory=dict)  # rows left out, by est.yaml's rule
    placed: int = 0  # rows without an area that their position placed
    unplaced: int = 0  # rows without an area whose position lies in no area (left out)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def check_workspace(
    root: Path, progress: Progress | None = None, *, use_cache: bool = True
) -> CheckReport:
    report = CheckReport(root, files=1)
    try:
        ws = load_workspace(root)
    except DataError as exc:
        report.problems = list(exc.problems)
        _check_without_settings(report)
        return report
    report.problems += ws.problems
    allowed = contacts(ws.doc)  # public officials' contact details
    for path in ws.pledge_files():
        pledge = load_pledge(ws, path)
        report.problems += pledge.problems
        if pledge.doc is not None:  # every text of a pledge reaches a published document
            report.problems += personal_data_problems(pledge.doc, allowed=allowed)
        report.files += 1
    for path in ws.week_files():
        week = load_week_notes(ws, path)
        report.problems += week.problems
        if week.doc is not None:  # of the week notes, only the insatser are published
            report.problems += personal_data_problems(
                week.doc, include=in_insatser(), allowed=allowed
            )
        report.files += 1
    for path in lagesbild_files(ws):
        lagesbild = load_lagesbild(ws, path)
        report.problems += lagesbild.problems
        if lagesbild.doc is not None:  # the lägesbild is published as it is written
            report.problems += personal_data_problems(lagesbild.doc, allowed=allowed)
        report.files += 1
    shapes = load_area_shapes(ws)
    if shapes is not None:
        report.problems += shapes.problems
        report.files += 1
    incidents = load_incidents(ws, progress, use_cache=use_cache, rows=False)
    report.problems += incidents.problems
    report.files += len(incidents.files)
    report.rows = incidents.rows_read
    report.ignored = incidents.ignored_by_rule()
    report.placed, report.unplaced = incidents.rows_placed, incidents.rows_unplaced
    if ws.settings.survey is not None:  # survey exports are validated like incident exports
        answers = load_survey(ws)
        report.problems += answers.problems
        report.files += len(answers.files)
        report.rows += answers.rows_read
    if ws.settings.sources.statistics:  # the police's statistics, validated the same way
        statistics, found = load_statistics(ws)
        report.problems += found
        report.files += statistics.attrs["files"]
        report.rows += statistics.attrs["rows"]
    _sort(report)
    return report


def _check_without_settings(report: CheckReport) -> None:
    """est.yaml is unusable: still validate the form of every pledge and week file.

    Their area and category ids, and the incident files (whose location est.yaml gives),
    can only be checked once est.yaml is fixed.
    """
    kinds: tuple[tuple[str, type[Pledge] | type[WeekNotes] | type[Lagesbild]], ...] = (
        ("pledges", Pledge),
        ("weeks", WeekNotes),
        ("lagesbild", Lagesbild),
    )
    for folder, model in kinds:
        for path in yaml_files(report.root, folder):
            rel = path.relative_to(report.root).as_posix()
            if resolves_inside(report.root, path):
                report.problems += load_model(path, rel, model)[2]
            else:
                report.problems.append(outside_problem(rel))
            report.files += 1
    _sort(report)


def _sort(report: CheckReport) -> None:
    report.problems.sort(key=lambda p: (p.file != SETTINGS_FILE, p.file, p.line or 0, p.col or 0))
