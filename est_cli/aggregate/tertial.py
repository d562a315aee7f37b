"""The figures of a tertial follow-up, computed from the incident frame, safe to publish.

Everything returned here has passed publication suppression (est_cli.aggregate.suppress):
raw counts below the threshold never leave this module. No descriptions, places or
reporter organisations are read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from est_cli.aggregate.counts import count_in, ranked, total_in
from est_cli.aggregate.suppress import (
    Figure,
    ProtectedTable,
    difference,
    protect_line,
    protect_table,
    single,
)
from est_cli.models.base import Insats
from est_cli.models.pledge import Indicator
from est_cli.periods import Tertial

WINDOW_DAYS = 28  # insatser: incidents in the 4 weeks before and after
TOP_AREAS = 3


@dataclass(frozen=True)
class Coverage:
    """The span of the incident data, to tell 'no incidents' from 'no data'."""

    first_day: date | None
    last_day: date | None

    def has_tertial(self, tertial: Tertial) -> bool:
        """Data starts no later than the tertial's first month and reaches into it."""
        if self.first_day is None or self.last_day is None:
            return False
        first_month_end = tertial.first_day.replace(day=28)
        return self.first_day <= first_month_end and self.last_day >= tertial.first_day

    def reaches(self, day: date) -> bool:
        return self.last_day is not None and self.last_day >= day

    def starts_by(self, day: date) -> bool:
        return self.first_day is not None and self.first_day <= day


@dataclass(frozen=True)
class AnnexRow:
    name: str
    months: list[Figure]
    total: Figure
    last_year: Figure | None


@dataclass(frozen=True)
class IndicatorFigures:
    """One indicator of a focus area: its count, where most happened, and its annex table."""

    phrase: str
    categories: list[str]
    areas: list[str]
    total: Figure
    last_year: Figure | None
    change: int | None
    change_ratio: float | None
    top_areas: list[str]
    months: list[int]
    rows: list[AnnexRow]
    totals: AnnexRow


@dataclass(frozen=True)
class InsatsFigures:
    """Incidents in the insats' area and categories in the 4 weeks before and after it."""

    title: str
    start: date
    end: date
    area: str | None
    categories: list[str]
    owner: str | None
    note: str | None
    before_first: date
    before_last: date
    after_first: date
    after_last: date
    before: Figure | None
    after: Figure | None


def _subset(df: pd.DataFrame, categories: list[str], areas: list[str]) -> pd.DataFrame:
    part = df[df["category"].isin(categories)]
    if areas:
        part = part[part["area"].isin(areas)]
    return part


def indicator_figures(
    df: pd.DataFrame,
    indicator: Indicator,
    tertial: Tertial,
    coverage: Coverage,
    threshold: int,
    category_name: dict[str, str],
    area_name: dict[str, str],
) -> IndicatorFigures:
    part = _subset(df, indicator.categories, indicator.areas)
    cats = list(dict.fromkeys(indicator.categories))
    by_month = count_in(part, tertial.start, tertial.end, ["category", "month"])
    matrix = [[int(by_month.get((c, m), 0)) for m in tertial.months] for c in cats]
    if len(cats) == 1:  # one row: the row is the totals row, so protect it as one line
        cells, grand = protect_line(matrix[0], threshold)
        table = ProtectedTable([cells], [grand], cells, grand)
    else:
        table = protect_table(matrix, threshold)

    previous = tertial.shift(-3)
    last_year: list[Figure] | None = None
    last_total: Figure | None = None
    if coverage.has_tertial(previous):
        prev_counts = count_in(part, previous.start, previous.end, "category")
        last_year, last_total = protect_line([int(prev_counts.get(c, 0)) for c in cats], threshold)

    by_area = count_in(part, tertial.start, tertial.end, "area")
    top: list[str] = []
    if len(indicator.areas) != 1:
        top = [
            area_name.get(a, a) for a, n in ranked(by_area, area_name) if n >= max(threshold, 1)
        ][:TOP_AREAS]

    change = difference(table.grand, last_total) if last_total else None
    ratio = None
    if change is not None and last_total and last_total.value:
        ratio = change / last_total.value
    rows = [
        AnnexRow(
            category_name.get(c, c),
            table.cells[i],
            table.row_totals[i],
            last_year[i] if last_year else None,
        )
        for i, c in enumerate(cats)
    ]
    return IndicatorFigures(
        phrase=indicator.phrase,
        categories=[category_name.get(c, c) for c in cats],
        areas=[area_name.get(a, a) for a in indicator.areas],
        total=table.grand,
        last_year=last_total,
        change=change,
        change_ratio=ratio,
        top_areas=top,
        months=tertial.months,
        rows=rows,
        totals=AnnexRow("", table.col_totals, table.grand, last_total),
    )


def insats_figures(
    df: pd.DataFrame,
    insats: Insats,
    coverage: Coverage,
    threshold: int,
    category_name: dict[str, str],
    area_name: dict[str, str],
) -> InsatsFigures:
    end = insats.end or insats.start
    part = df
    if insats.categories:
        part = part[part["category"].isin(insats.categories)]
    if insats.area:
        part = part[part["area"] == insats.area]
    before_first = insats.start - timedelta(days=WINDOW_DAYS)
    after_first = end + timedelta(days=1)
    after_last = end + timedelta(days=WINDOW_DAYS)

    def window(first: date, days: int) -> Figure:
        start = datetime.combine(first, datetime.min.time())
        return single(total_in(part, start, start + timedelta(days=days)), threshold)

    before = window(before_first, WINDOW_DAYS) if coverage.starts_by(before_first) else None
    after = window(after_first, WINDOW_DAYS) if coverage.reaches(after_last) else None
    return InsatsFigures(
        title=insats.title,
        start=insats.start,
        end=end,
        area=area_name.get(insats.area, insats.area) if insats.area else None,
        categories=[category_name.get(c, c) for c in insats.categories],
        owner=insats.owner.value if insats.owner else None,
        note=insats.note,
        before_first=before_first,
        before_last=insats.start - timedelta(days=1),
        after_first=after_first,
        after_last=after_last,
        before=before,
        after=after,
    )
