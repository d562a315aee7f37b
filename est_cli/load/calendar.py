"""The calendar columns of the incident frame: which day, ISO week, month, tertial and
time of day each incident falls in, worked out once per distinct day and spread to the rows."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd
from pandas.api.extensions import ExtensionArray

TIME_BANDS = ("natt", "förmiddag", "eftermiddag", "kväll")  # 00–06, 06–12, 12–18, 18–24


def add_calendar(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with `day` (midnight of the local date), `iso_year`, `iso_week`, `week`
    ('2021-W10'), `weekday` (1 = Monday), `month`, `year`, `tertial` ('2021-T1') and
    `time_band` (one of TIME_BANDS, missing when the export gave no time), in time order
    (ties: file, line)."""
    order = np.lexsort(
        (df["line"].to_numpy(), df["source"].cat.codes.to_numpy(), df["occurred_at"].to_numpy())
    )
    if not np.array_equal(order, np.arange(len(df))):  # exports are often in order already
        df = df.take(order)
    df = df.reset_index(drop=True)
    when = df["occurred_at"]
    # every period column is worked out once per distinct day, then spread to the rows
    codes: npt.NDArray[np.int64]  # the day of each row (pandas-stubs lose the type via .dt)
    codes, days = pd.factorize(when.dt.normalize(), sort=True)
    days = pd.DatetimeIndex(days)
    iso = days.isocalendar()
    weeks = [f"{y}-W{w:02d}" for y, w in zip(iso["year"], iso["week"], strict=True)]
    tertials = [f"{d.year}-T{(d.month - 1) // 4 + 1}" for d in days]
    per_day: dict[str, npt.NDArray[np.generic] | ExtensionArray] = {
        "day": days.to_numpy(),
        "iso_year": iso["year"].to_numpy(dtype="int64"),
        "iso_week": iso["week"].to_numpy(dtype="int64"),
        "week": pd.array(weeks, dtype="string"),
        "weekday": (days.day_of_week + 1).to_numpy(dtype="int64"),
        "month": days.month.to_numpy(dtype="int64"),
        "year": days.year.to_numpy(dtype="int64"),
        "tertial": pd.array(tertials, dtype="string"),
    }
    for name, values in per_day.items():
        df[name] = values.take(codes) if len(df) else values[:0]
    hours = when.dt.hour.to_numpy()
    bands = np.where(df["has_time"].to_numpy(), np.minimum(hours // 6, 3), -1)
    df["time_band"] = pd.Categorical.from_codes(bands, pd.Index(TIME_BANDS)).astype("string")
    return df
