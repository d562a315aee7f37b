"""`est insats evaluate`: every insats of the workspace (or one) against its comparison.

The insatser are those of every pledge and every week note, in order of start day; each
has a number in that order, and may have an `id:`. The figures are internal (the terminal,
or JSON for scripts): raw counts, not suppressed. The documents publish them through
`published_evaluation`, which suppresses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.evaluation import (
    InsatsEvaluation,
    Windows,
    evaluate_insats,
    published_evaluation,
)
from est_cli.aggregate.suppress import Figure
from est_cli.errors import N_, Problem, UsageError
from est_cli.load.incidents import load_incidents
from est_cli.load.pledges import all_pledges
from est_cli.load.weeks import week_skipped
from est_cli.load.workspace import Workspace, load_week_notes
from est_cli.models.base import Insats
from est_cli.render.fmt import Formatter
from est_cli.reports.insats_text import (
    caveats,
    earlier_year,
    method_text,
    other_words,
    ratio_text,
    seasonal_text,
    verdict_text,
)

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class EvaluatedInsats:
    """One insats with its evaluation and the words for it."""

    number: int  # its place in the list of all insatser (1, 2, …)
    file: str  # the pledge or week file it is listed in
    evaluation: InsatsEvaluation
    area_name: str | None
    other: str  # what it is compared with, in words
    text: str
    seasonal: str | None


@dataclass
class EvaluateResult:
    rows: list[EvaluatedInsats]
    windows: Windows
    caveats: list[str]
    method: str
    warnings: list[Problem] = field(default_factory=list)


def workspace_windows(
    ws: Workspace,
    before_days: int | None = None,
    after_days: int | None = None,
    earlier_years: int | None = None,
) -> Windows:
    """est.yaml's `evaluation:` windows, with what the command line overrides."""
    s = ws.settings.evaluation
    return Windows(
        before_days if before_days is not None else s.before_days,
        after_days if after_days is not None else s.after_days,
        earlier_years if earlier_years is not None else s.earlier_years,
    )


def all_insatser(ws: Workspace) -> tuple[list[tuple[str, Insats]], list[Problem]]:
    """Every insats of the pledges and week notes, with its file, in order of start day.
    A week file with errors is skipped with a warning; a broken pledge stops the run."""
    found = [(p.rel, i) for p in all_pledges(ws) if p.model for i in p.model.insatser]
    problems: list[Problem] = []
    for path in ws.week_files():
        loaded = load_week_notes(ws, path)
        if loaded.model is None:
            problems.append(week_skipped(loaded.rel))
            continue
        found += [(loaded.rel, i) for i in loaded.model.insatser]
    found.sort(key=lambda fi: (fi[1].start, fi[1].title, fi[0]))
    return found, problems


def evaluate_workspace(
    ws: Workspace,
    fmt: Formatter,
    *,
    ident: str | None = None,
    windows: Windows | None = None,
    use_cache: bool = True,
) -> EvaluateResult:
    """Evaluate every insats, or the one whose id (or number in the list) is `ident`."""
    windows = windows or workspace_windows(ws)
    listed, problems = all_insatser(ws)
    numbered = list(enumerate(listed, start=1))
    if ident is not None:
        number = int(ident) if ident.isdigit() else None
        chosen = [(n, fi) for n, fi in numbered if fi[1].id == ident or n == number]
        if not chosen:
            raise UsageError(_unknown(ident, numbered))
        numbered = chosen
    incidents = load_incidents(ws, use_cache=use_cache, descriptions=False)
    coverage = Coverage(incidents.first_day, incidents.last_day)
    areas = [a.id for a in ws.settings.areas]
    names = dict(ws.areas.names)
    rows = []
    for n, (file, ins) in numbered:
        ev = evaluate_insats(incidents.frame, ins, coverage, areas, windows)
        other = other_words(ev, names, fmt)
        rows.append(
            EvaluatedInsats(
                number=n,
                file=file,
                evaluation=ev,
                area_name=names.get(ins.area, ins.area) if ins.area else None,
                other=other,
                text=verdict_text(ev.result, other, fmt),
                seasonal=seasonal_text(ev, fmt),
            )
        )
    warnings = [*problems, *(p for p in incidents.problems if p.severity == "warning")]
    return EvaluateResult(rows, windows, caveats(fmt), method_text(windows, fmt), warnings)


def _unknown(ident: str, numbered: list[tuple[int, tuple[str, Insats]]]) -> str:
    if not numbered:
        return N_("there are no insatser in the pledges or week notes")
    known = ", ".join(f"{n}" + (f" ({fi[1].id})" if fi[1].id else "") for n, fi in numbered)
    return N_(
        "no insats has the id or number '%(ident)s'; the insatser are %(known)s "
        "(see `est insats evaluate`)",
        ident=ident,
        known=known,
    )


def result_json(result: EvaluateResult, fmt: Formatter) -> dict[str, Any]:
    """The figures for scripts: raw counts, ratios, verdicts and the words."""
    w = result.windows
    out: list[dict[str, Any]] = []
    for row in result.rows:
        ev = row.evaluation
        ins = ev.insats
        out.append(
            {
                "number": row.number,
                "id": ins.id,
                "file": row.file,
                "title": ins.title,
                "start": ins.start.isoformat(),
                "end": (ins.end or ins.start).isoformat(),
                "area": ins.area,
                "categories": ev.categories,
                "comparison": ev.comparison,
                "named_comparison": ev.named_comparison,
                "result": {**_comparison(ev.result), "text": row.text},
                "earlier": [
                    {"year": earlier_year(ev, c), **_comparison(c), "ratio": ratio_text(c, fmt)}
                    for c in ev.earlier
                ],
                "seasonal": row.seasonal,
            }
        )
    return {
        "windows": {
            "before_days": w.before_days,
            "after_days": w.after_days,
            "earlier_years": w.earlier_years,
        },
        "method": result.method,
        "caveats": result.caveats,
        "insatser": out,
    }


def _comparison(c: Any) -> dict[str, Any]:
    return {
        "years_back": c.years_back,
        "before": [c.before_first.isoformat(), c.before_last.isoformat()],
        "after": [c.after_first.isoformat(), c.after_last.isoformat()],
        "area_before": c.area_before,
        "area_after": c.area_after,
        "comparison_before": c.comparison_before,
        "comparison_after": c.comparison_after,
        "rrr": c.rrr,
        "low": c.low,
        "high": c.high,
        "verdict": c.verdict.value,
    }


@dataclass(frozen=True)
class PublishedEvaluation:
    """What a published document shows of one insats' evaluation (suppressed)."""

    other: str
    ratio: str  # '0,25 (0,12–0,53)' or '–'
    text: str
    seasonal: str | None
    rrr: float | None
    low: float | None
    high: float | None
    verdict: str


def document_evaluations(
    df: pd.DataFrame,
    insatser: list[Insats],
    coverage: Coverage,
    ws: Workspace,
    fmt: Formatter,
    shown: Sequence[tuple[Figure | None, ...]] | None = None,
) -> list[PublishedEvaluation]:
    """The evaluation of each insats as a document publishes it (the tertial follow-up; the
    yearly lägesbild later).

    A ratio and its interval tell the four counts behind it, so a document publishes them
    through its own suppression: `shown` holds, per insats, the area's and the comparison's
    before/after counts as the document shows them (est_cli.aggregate.tertial protects them
    together with its other figures), and a ratio is published only when all four are shown.
    Always, every count behind a ratio must reach `publication.suppress_below`. Without
    `shown` (a document that publishes no counts of its own) only that rule applies: the
    caller is then responsible for what the four counts could be combined with."""
    threshold = ws.settings.publication.suppress_below
    areas = [a.id for a in ws.settings.areas]
    names = dict(ws.areas.names)
    windows = workspace_windows(ws)
    out = []
    for j, ins in enumerate(insatser):
        visible = shown is None or all(f is not None and f.shown for f in shown[j])
        raw = evaluate_insats(df, ins, coverage, areas, windows)
        ev = published_evaluation(raw, threshold, visible)
        other = other_words(ev, names, fmt)
        r = ev.result
        out.append(
            PublishedEvaluation(
                other=other,
                ratio=ratio_text(r, fmt),
                text=verdict_text(r, other, fmt),
                seasonal=seasonal_text(ev, fmt),
                rrr=r.rrr,
                low=r.low,
                high=r.high,
                verdict=r.verdict.value,
            )
        )
    return out
