"""Last year's follow-up of the same tertial, as est renders it: what it has published.

A follow-up compares each indicator with the same tertial a year earlier. Last year's
follow-up published those counts already, protected with its own table around them; were
this year's document to show them protected differently (a row total shown here that was
hidden there), the two together could give a small count away. So the comparison shows an
indicator's figures the way last year's document does, when there was one with the same
indicator; otherwise they are protected within this document as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.tertial import IndicatorFigures, document_figures
from est_cli.errors import EstError
from est_cli.load.pledges import pledge_for_period
from est_cli.load.weeks import starts_in, week_insatser_in
from est_cli.load.workspace import Workspace
from est_cli.models.pledge import Indicator
from est_cli.periods import Tertial

if TYPE_CHECKING:
    import pandas as pd


def _same(ind: Indicator) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(dict.fromkeys(ind.categories)), tuple(ind.areas)


def published_last_year(
    ws: Workspace,
    indicators: list[Indicator],
    period: Tertial,
    df: pd.DataFrame,
    coverage: Coverage,
    threshold: int,
    category_name: dict[str, str],
    area_name: dict[str, str],
) -> list[IndicatorFigures | None]:
    """For each indicator, its figures in last year's follow-up of `period` (None: none)."""
    previous = period.shift(-3)
    none: list[IndicatorFigures | None] = [None] * len(indicators)
    if not coverage.covers(previous.first_day, previous.last_day):
        return none
    try:
        loaded = pledge_for_period(ws, previous.key, previous.first_day, previous.last_day)
    except EstError:  # no pledge then (or no single one): nothing was published
        return none
    if loaded.model is None:
        return none
    pledge = loaded.model
    week_insatser, _ = week_insatser_in(ws, previous)
    insatser = sorted(
        [*(i for i in pledge.insatser if starts_in(i, previous)), *week_insatser],
        key=lambda i: (i.start, i.title),
    )
    before = [ind for focus in pledge.focus_areas for ind in focus.indicators]
    s = ws.settings.evaluation
    figures, _ = document_figures(
        df,
        before,
        insatser,
        previous,
        coverage,
        threshold,
        category_name,
        area_name,
        days=(s.before_days, s.after_days),
    )
    found = {_same(ind): fig for ind, fig in zip(before, figures, strict=True)}
    return [found.get(_same(ind)) for ind in indicators]
