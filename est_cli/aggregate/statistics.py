"""The police's reported crimes (anmälda brott) of a period, beside its comparisons.

These figures come from `est_cli.load.statistics.load_statistics` and are a different
measure from est's incident reports: a reported crime is counted by the police when someone
files a report, an incident report when a partner sees something. Nothing here reads the
incident frame, and nothing a document shows adds the two together.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from est_cli.periods import Month, Tertial

Period = Month | Tertial


@dataclass(frozen=True)
class PoliceRow:
    """One police crime category: its stable id, its label as the statistics write it,
    and its count in each of the three periods (None: the statistics do not cover that
    period completely, so no count can be given)."""

    category: str
    label: str
    current: int | None
    previous: int | None
    last_year: int | None


@dataclass(frozen=True)
class PoliceFigures:
    """The police's reported crimes of `period`, per category, beside `previous` (the
    period before) and `last_year` (the same period a year earlier)."""

    period: Period
    previous: Period
    last_year: Period
    area: str | None
    rows: list[PoliceRow]

    @property
    def covered(self) -> bool:
        """Whether the statistics cover the whole period itself (else no row has a count)."""
        return any(r.current is not None for r in self.rows)


def months_of(period: Period) -> list[str]:
    """The months of a period as the statistics write them ('2021-03')."""
    if isinstance(period, Month):
        return [period.key]
    return [f"{period.year}-{m:02d}" for m in period.months]


def police_figures(frame: pd.DataFrame, period: Period, area: str | None = None) -> PoliceFigures:
    """The police's reported crimes per category for `period` (a Month or a Tertial), the
    period before it and the same period last year.

    `frame` is the first value `load_statistics(workspace)` returns. `area=None` gives the
    whole municipality: for each month and category, its row without an area when the
    statistics have one, else the sum of its areas' rows; an area id gives that area's rows
    only. A month the statistics have no row for at all (in any category) is not covered: a
    period with such a month has no count (None), never a made-up 0; a category without a
    row in a covered month counts 0 there. The rows are the categories that have a row in
    any of the three periods, most reported crimes this period first, then by label.

    The counts are the police's, never est's incidents: show them apart, labelled as the
    police's reported crimes, and apply the document's small-count suppression as to any
    other published count.
    """
    previous, last_year = period.shift(-1), period.year_before()
    spans = {"current": period, "previous": previous, "last_year": last_year}
    wanted = {m for p in spans.values() for m in months_of(p)}
    rows = frame[frame["month"].isin(wanted)]
    covered = set(rows["month"].dropna())
    monthly = _monthly(rows, area)
    labels = _labels(frame)
    sums = monthly.groupby(["category", "month"])["count"].sum().to_dict()
    figures: dict[str, list[int | None]] = {}
    for category in sorted(set(monthly["category"])):
        figures[category] = [
            sum(int(sums.get((category, m), 0)) for m in months_of(span))
            if all(m in covered for m in months_of(span))
            else None
            for span in spans.values()
        ]
    result = [PoliceRow(c, labels.get(c, c), *f) for c, f in figures.items()]
    result.sort(key=lambda r: (-(r.current or 0), r.label.casefold(), r.category))
    return PoliceFigures(period, previous, last_year, area, result)


def _monthly(rows: pd.DataFrame, area: str | None) -> pd.DataFrame:
    """One count per month and category, for the area or for the whole municipality."""
    if area is not None:
        mine = rows[rows["area"] == area]
        return mine.groupby(["month", "category"])["count"].sum().reset_index()
    whole = rows[rows["area"].isna()]
    parts = rows[rows["area"].notna()]
    given = set(zip(whole["month"], whole["category"], strict=True))
    summed = parts.groupby(["month", "category"])["count"].sum().reset_index()
    keep = [(m, c) not in given for m, c in zip(summed["month"], summed["category"], strict=True)]
    frames: list[pd.DataFrame] = [whole[["month", "category", "count"]], summed[keep]]
    return pd.concat(frames, ignore_index=True)


def _labels(frame: pd.DataFrame) -> dict[str, str]:
    """Each category's label: the spelling of its first row."""
    first = frame.drop_duplicates("category", keep="first")
    return {
        str(c): str(label)
        for c, label in zip(first["category"], first["category_label"], strict=True)
    }
