"""lagesbild/YYYY.yaml: loading the yearly lägesbild's written parts with every check.

Beyond its model: the year matches the file name, problem ids are used once, every
category and area it refers to is one of est.yaml's (with a suggestion), and the focus
areas it leads to are those of next year's pledge once that pledge is in pledges/.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from est_cli.errors import N_, Problem, suggestion
from est_cli.load.confine import outside_problem, resolves_inside
from est_cli.load.ids import check_ids
from est_cli.load.placeholders import placeholder_problems
from est_cli.load.workspace import Loaded, Workspace, load_pledge, yaml_files
from est_cli.load.yamldoc import YamlDoc, format_path
from est_cli.load.yamlvalidation import load_model
from est_cli.models.lagesbild import Lagesbild
from est_cli.models.pledge import Pledge

FOLDER = "lagesbild"


def lagesbild_files(ws: Workspace) -> list[Path]:
    return yaml_files(ws.root, FOLDER)


def lagesbild_path(ws: Workspace, year: int) -> Path:
    """lagesbild/2021.yaml (or .yml when that is the one there)."""
    for suffix in (".yaml", ".yml"):
        path = ws.root / FOLDER / f"{year}{suffix}"
        if path.is_file():
            return path
    return ws.root / FOLDER / f"{year}.yaml"


def next_pledge(ws: Workspace, year: int) -> tuple[str, Pledge] | None:
    """The valid pledge that applies on 1 January of the year after `year`, if any."""
    day = date(year + 1, 1, 1)
    for path in ws.pledge_files():
        loaded = load_pledge(ws, path)
        model = loaded.model
        if model is not None and model.valid_from <= day <= model.valid_to:
            return loaded.rel, model
    return None


def load_lagesbild(ws: Workspace, path: Path) -> Loaded[Lagesbild]:
    rel = ws.rel(path)
    if not resolves_inside(ws.root, path):
        return Loaded(path, rel, None, None, [outside_problem(rel)])
    model, doc, problems = load_model(path, rel, Lagesbild)
    if model is not None and doc is not None:
        problems += _problems(ws, path, doc, model)
        problems += placeholder_problems(doc, lagesbild=True)
    return Loaded(path, rel, model, doc, problems)


def _problems(ws: Workspace, path: Path, doc: YamlDoc, model: Lagesbild) -> list[Problem]:
    out: list[Problem] = []
    if path.stem != str(model.year):
        out.append(
            doc.problem(
                ("year",),
                N_(
                    "the file is named %(name)s but says year %(year)s",
                    name=path.name,
                    year=model.year,
                ),
                hint=N_("rename it to %(year)s.yaml or correct 'year'", year=model.year),
                code="year-mismatch",
            )
        )
    following = next_pledge(ws, model.year)
    seen: dict[str, int] = {}
    for i, finding in enumerate(model.problems):
        base = ("problems", i)
        if finding.id in seen:
            out.append(
                doc.problem(
                    (*base, "id"),
                    N_(
                        "problem id '%(id)s' is already used by %(by)s",
                        id=finding.id,
                        by=format_path(("problems", seen[finding.id])),
                    ),
                    code="duplicate-id",
                )
            )
        seen.setdefault(finding.id, i)
        for k, ref in enumerate(finding.figures):
            at = (*base, "figures", k)
            out += check_ids(doc, (*at, "categories"), ws.categories, ref.categories)
            out += check_ids(doc, (*at, "areas"), ws.areas, ref.areas)
        if following is None:
            continue
        rel, pledge = following
        known = [f.id for f in pledge.focus_areas]
        for k, focus in enumerate(finding.focus_areas):
            if focus not in known:
                out.append(
                    doc.problem(
                        (*base, "focus_areas", k),
                        N_(
                            "'%(value)s' is not a focus area of %(pledge)s",
                            value=focus,
                            pledge=rel,
                        ),
                        hint=suggestion(focus, known)
                        or N_("known: %(names)s", names=", ".join(known)),
                        code="unknown-focus-area",
                    )
                )
    return out
