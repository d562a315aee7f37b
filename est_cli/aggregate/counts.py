"""Counting primitives shared by the weekly and the tertial documents."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import datetime
from typing import TypeAlias, cast

import pandas as pd

from est_cli.aggregate.frame import between

Span: TypeAlias = tuple[datetime, datetime]  # [start, end) in local wall time


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


def counts_per_key(
    df: pd.DataFrame, by: str, spans: Sequence[Span | None]
) -> list[tuple[str, tuple[int | None, ...]]]:
    """Each value of `by` with its count in every span (this period, the previous one, …).

    A span given as None is a period that is not compared (the data does not cover it): its
    count is None for every value, never 0. Values counted in none of the spans are left out;
    the list is in key order, for the caller to sort as its document needs.
    """
    per_span = [None if span is None else count_in(df, span[0], span[1], by) for span in spans]
    keys = sorted({str(k) for counts in per_span if counts is not None for k in counts.index})
    lookup = [
        None if counts is None else {str(k): int(v) for k, v in counts.items()}
        for counts in per_span
    ]
    return [
        (key, tuple(None if counts is None else counts.get(key, 0) for counts in lookup))
        for key in keys
    ]


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change as a ratio (0.25 = +25 %); None when there is nothing to compare with."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / previous


def ranked(counts: pd.Series, names: dict[str, str]) -> list[tuple[str, int]]:
    """(id, count) pairs, largest first, ties broken by display name for a stable order."""
    pairs = [(str(k), int(v)) for k, v in counts.items() if int(v) > 0]
    return sorted(pairs, key=lambda kv: (-kv[1], names.get(kv[0], kv[0]).casefold()))


def by_key(counts: pd.Series) -> dict[str, int]:
    """Counts per value of one column (a groupby's size), as plain str and int."""
    return {str(k): int(v) for k, v in counts.items()}


def by_pair(counts: pd.Series) -> dict[tuple[str, str], int]:
    """Counts per pair of values of two columns, as plain str and int."""
    out: dict[tuple[str, str], int] = {}
    for key, v in counts.items():
        a, b = cast(tuple[Hashable, Hashable], key)  # a MultiIndex key; the stubs say Hashable
        out[str(a), str(b)] = int(v)
    return out
