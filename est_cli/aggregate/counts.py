"""Counting primitives shared by the weekly and the tertial documents."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pandas as pd

from est_cli.aggregate.frame import between


def count_in(
    df: pd.DataFrame, start: datetime, end: datetime, by: str | Sequence[str]
) -> pd.Series:
    """Incidents per value of `by` in [start, end); int counts, sorted index."""
    keys = [by] if isinstance(by, str) else list(by)
    part = between(df, pd.Timestamp(start), pd.Timestamp(end))
    if part.empty:
        index = (
            pd.MultiIndex.from_tuples([], names=keys)
            if len(keys) > 1
            else pd.Index([], name=keys[0])
        )
        return pd.Series([], index=index, dtype="int64")
    return part.groupby(keys, observed=True).size().astype("int64").sort_index()


def total_in(df: pd.DataFrame, start: datetime, end: datetime) -> int:
    return len(between(df, pd.Timestamp(start), pd.Timestamp(end)))


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change as a ratio (0.25 = +25 %); None when there is nothing to compare with."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / previous


def ranked(counts: pd.Series, names: dict[str, str]) -> list[tuple[str, int]]:
    """(id, count) pairs, largest first, ties broken by display name for a stable order."""
    pairs = [(str(k), int(v)) for k, v in counts.items() if int(v) > 0]
    return sorted(pairs, key=lambda kv: (-kv[1], names.get(kv[0], kv[0]).casefold()))
