"""The typed incident frame every aggregation starts from, built once per run."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

import pandas as pd

from est_cli.models.incident import Incident

TIME_BANDS = ("natt", "förmiddag", "eftermiddag", "kväll")  # 00–06, 06–12, 12–18, 18–24

COLUMNS = {
    "id": "string",
    "occurred_at": "datetime64[ns]",
    "has_time": "bool",
    "area": "string",
    "category": "string",
    "place": "string",
    "reporter_org": "string",
    "severity": "Int64",
    "description": "string",
    "lat": "Float64",
    "lon": "Float64",
    "source": "string",
    "line": "int64",
}


def incident_frame(incidents: Sequence[Incident]) -> pd.DataFrame:
    """One row per usable incident, with derived period columns.

    Derived: `day` (midnight of the local date), `iso_year`, `iso_week`, `week` ('2021-W10'),
    `weekday` (1 = Monday), `month`, `year`, `tertial` ('2021-T1'), and `time_band`
    (one of TIME_BANDS, missing when the export gave no time).
    """
    fields = attrgetter(*COLUMNS)  # plain attribute reads: much faster than model_dump()
    df = pd.DataFrame.from_records([fields(i) for i in incidents], columns=list(COLUMNS))
    df = df.astype(COLUMNS)
    when = df["occurred_at"]
    iso = when.dt.isocalendar()
    df["day"] = when.dt.normalize()
    df["iso_year"] = iso["year"].astype("int64")
    df["iso_week"] = iso["week"].astype("int64")
    df["week"] = (
        df["iso_year"].astype(str) + "-W" + df["iso_week"].astype(str).str.zfill(2)
    ).astype("string")
    df["weekday"] = (when.dt.day_of_week + 1).astype("int64")
    df["month"] = when.dt.month.astype("int64")
    df["year"] = when.dt.year.astype("int64")
    df["tertial"] = (
        df["year"].astype(str) + "-T" + ((df["month"] - 1) // 4 + 1).astype(str)
    ).astype("string")
    band = pd.Series(pd.NA, index=df.index, dtype="string")
    hours = when.dt.hour
    for i, name in enumerate(TIME_BANDS):
        band = band.mask(df["has_time"] & (hours // 6 == i), name)
    df["time_band"] = band
    return df.sort_values(["occurred_at", "source", "line"], kind="stable").reset_index(drop=True)


def between(df: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Rows with start <= occurred_at < end (half-open, local wall time)."""
    return df[(df["occurred_at"] >= start) & (df["occurred_at"] < end)]
