"""The survey's picture of one week: area × factor, the change against the week before, the
factors that rose by the stated rule, and the response rate by organisation.

A cell counts the answers with a level ('Vet ej' and empty answers are apart): their mean,
and the level most answered (on a tie the higher level, so a split picture is not played
down). Who answered what, and the comments, are only collected for the internal report.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import pandas as pd

from est_cli.load.aliases import normalize
from est_cli.load.survey import DONT_KNOW
from est_cli.models.survey import Survey
from est_cli.periods import IsoWeek


@dataclass
class Cell:
    n: int  # answers with a level
    mean: float | None
    mode: int | None  # the level most answered (ties: the higher)
    mode_label: str | None
    dont_know: int = 0


@dataclass
class AreaRow:
    area: str | None  # None: every area together
    name: str
    cells: list[Cell]


@dataclass
class FactorChange:
    id: str
    label: str
    this: Cell
    previous: Cell
    change: float | None  # this mean − previous mean
    rose: bool


@dataclass
class Rise:
    """An area × factor (area None: all areas together) that rose by the rule."""

    area_name: str | None
    factor: str
    label: str
    previous: Cell
    this: Cell
    change: float


@dataclass
class OrgRate:
    organisation: str
    answered: int
    expected: int
    rate: float | None  # answered / expected; None when nobody is expected


@dataclass
class Comment:
    area_name: str
    organisation: str | None
    respondent: str | None
    text: str


@dataclass
class Answer:
    """One response, for the internal report's 'who answered what'."""

    respondent: str | None
    organisation: str | None
    area_name: str
    levels: list[str]


@dataclass
class SurveyFigures:
    week: str
    previous_week: str
    describes: str  # 'previous_week' or 'same_week'
    summary: str  # 'mean' or 'mode'
    factors: list[tuple[str, str]]  # (id, label)
    scale: list[tuple[int, str]]
    dont_know: str
    responses: int
    rows: list[AreaRow]
    changes: list[FactorChange]
    rise_threshold: float
    rise_min_answers: int
    rates: list[OrgRate]
    total: OrgRate
    has_expected: bool
    rises: list[Rise] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _cell(values: pd.Series[Any], labels: dict[int, str]) -> Cell:
    known = values.dropna().astype(int)
    dont = int((known == DONT_KNOW).sum())
    levels = known[known != DONT_KNOW]
    if levels.empty:
        return Cell(0, None, None, None, dont)
    counts: dict[int, int] = {}
    for value in levels.tolist():
        counts[value] = counts.get(value, 0) + 1
    most = max(counts.values())
    top = max(v for v, c in counts.items() if c == most)
    return Cell(len(levels), float(levels.mean()), top, labels.get(top), dont)


def survey_figures(
    frame: pd.DataFrame,
    week: IsoWeek,
    survey: Survey,
    area_names: dict[str, str],
    *,
    internal: bool = False,
) -> SurveyFigures:
    labels = {lv.value: lv.label for lv in survey.scale}
    factors = [(f.id, f.label) for f in survey.factors]
    this = frame[frame["week"] == week.key]
    before = frame[frame["week"] == week.shift(-1).key]
    rows: list[AreaRow] = []
    for area, name in area_names.items():
        part = this[this["area"] == area]
        if not part.empty:
            rows.append(AreaRow(area, name, [_cell(part[fid], labels) for fid, _ in factors]))
    rows.append(AreaRow(None, "", [_cell(this[fid], labels) for fid, _ in factors]))
    changes = []
    rises = []
    for row in rows:
        part = before if row.area is None else before[before["area"] == row.area]
        for (fid, label), now in zip(factors, row.cells, strict=True):
            then = _cell(part[fid], labels)
            change, rose = _change(now, then, survey)
            if row.area is None:
                changes.append(FactorChange(fid, label, now, then, change, rose))
            if rose and change is not None:
                rises.append(Rise(row.name or None, fid, label, then, now, change))
    rates, total = _rates(this, survey)
    figures = SurveyFigures(
        week=week.key,
        previous_week=week.shift(-1).key,
        describes=survey.answers_describe,
        summary=survey.summary,
        factors=factors,
        scale=sorted(labels.items()),
        dont_know=survey.dont_know[0],
        responses=len(this),
        rows=rows,
        changes=changes,
        rise_threshold=survey.rise_threshold,
        rise_min_answers=survey.rise_min_answers,
        rates=rates,
        total=total,
        has_expected=bool(survey.respondents),
        rises=sorted(rises, key=lambda r: (r.area_name is not None, -r.change)),
    )
    if internal:
        ordered = this.sort_values(["area", "organisation", "respondent", "line"], kind="stable")
        for record in ordered.to_dict("records"):
            area_name = area_names.get(str(record["area"]), str(record["area"]))
            org, who = _text(record["organisation"]), _text(record["respondent"])
            if _text(record["comment"]):
                figures.comments.append(Comment(area_name, org, who, str(record["comment"])))
            levels = [_level(record[fid], labels, survey.dont_know[0]) for fid, _ in factors]
            figures.answers.append(Answer(who, org, area_name, levels))
    return figures


def _change(now: Cell, then: Cell, survey: Survey) -> tuple[float | None, bool]:
    """The change of the mean level, and whether it rose by the rule."""
    if now.mean is None or then.mean is None:
        return None, False
    # The change of the means as the document shows them (one decimal, rounded as Babel rounds),
    # so that 0,2 against 0,4 reads −0,2 and the rule judges the figures the reader sees.
    change = float(_shown(now.mean) - _shown(then.mean))
    enough = min(now.n, then.n) >= survey.rise_min_answers
    return change, enough and change >= survey.rise_threshold - 1e-9


def _shown(mean: float) -> Decimal:
    return Decimal(str(mean)).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)


def _text(value: object) -> str | None:
    return None if value is None or value is pd.NA or value != value else str(value)


def _level(value: object, labels: dict[int, str], dont_know: str) -> str:
    if value is None or value is pd.NA:
        return "–"
    number = int(str(value))
    return dont_know if number == DONT_KNOW else f"{number} {labels.get(number, '')}".strip()


def _rates(this: pd.DataFrame, survey: Survey) -> tuple[list[OrgRate], OrgRate]:
    """Answered / expected by organisation. A named respondent counts once however often
    they answered; an answer without a name counts as one respondent. Organisations est.yaml
    expects nobody from are listed, but not counted in the total rate."""
    expected: dict[str, int] = {}
    names: dict[str, str] = {}
    for person in survey.respondents:
        key = normalize(person.organisation)
        names.setdefault(key, person.organisation)
        expected[key] = expected.get(key, 0) + 1
    answered: dict[str, set[str]] = {}
    for row in this[["organisation", "respondent", "source", "line"]].itertuples(index=False):
        org = _text(row.organisation)
        key = normalize(org) if org else ""
        if org:
            names.setdefault(key, org)
        who = _text(row.respondent)
        answered.setdefault(key, set()).add(normalize(who) if who else f"{row.source}:{row.line}")
    keys = [k for k in names if k in expected] + sorted(k for k in names if k not in expected)
    if "" in answered:
        keys.append("")
    rates = []
    for key in keys:
        got, want = len(answered.get(key, ())), expected.get(key, 0)
        rates.append(OrgRate(names.get(key, ""), got, want, got / want if want else None))
    got = sum(r.answered for r in rates if r.expected)  # those not expected are listed apart
    want = sum(expected.values())
    return rates, OrgRate("", got, want, got / want if want else None)


def period_cells(
    frame: pd.DataFrame, weeks: set[str], survey: Survey
) -> tuple[int, list[tuple[str, str, Cell]]]:
    """The answers about any of `weeks` (a year's picture), and each factor over them."""
    labels = {lv.value: lv.label for lv in survey.scale}
    part = frame[frame["week"].astype(str).isin(weeks)]
    return len(part), [(f.id, f.label, _cell(part[f.id], labels)) for f in survey.factors]
