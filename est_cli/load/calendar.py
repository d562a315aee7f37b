"""The calendar columns of the incident frame: which day, ISO week, month, tertial and
time of day each incident falls in, worked out once per distinct day and spread to the rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

TIME_BANDS = ("natt", "förmiddag", "eftermiddag", "kväll")  # 00–06, 06–12, 12–18, 18–24
CALENDAR = ("day", "iso_year", "iso_week", "week", "weekday", "month", "year", "tertial")


def add_calendar(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with `day` (midnight of the local date), `iso_year`, `iso_week`, `week`
    ('2021-W10'), `weekday` (1 = Monday), `month`, `year`, `tertial` ('2021-T1') and
    `time_band` (one of TIME_BANDS, missing when the export gave no time), in time order
    (ties: file, line)."""
    when = df["occurred_at"]
    # every period column is worked out once per distinct day, then spread to the rows
    codes, days = pd.factorize(when.dt.normalize(), sort=True)
    days = pd.DatetimeIndex(days)
    iso = days.isocalendar()
    per_day = pd.DataFrame(
        {
            "day": days,
            "iso_year": iso["year"].to_numpy(dtype="int64"),
            "iso_week": iso["week"].to_numpy(dtype="int64"),
            "week": pd.array(
                [f"{y}-W{w:02d}" for y, w in zip(iso["year"], iso["week"], strict=True)],
                dtype="string",
            ),
            "weekday": (days.day_of_week + 1).to_numpy(dtype="int64"),
            "month": days.month.to_numpy(dtype="int64"),
            "year": days.year.to_numpy(dtype="int64"),
            "tertial": pd.array(
                [f"{d.year}-T{(d.month - 1) // 4 + 1}" for d in days], dtype="string"
            ),
        }
    )
    spread = per_day.take(codes).reset_index(drop=True) if len(df) else per_day.iloc[:0]
    for name in per_day.columns:
        df[name] = (
            spread[name].to_numpy() if name not in ("week", "tertial") else spread[name].array
        )
    hours = when.dt.hour.to_numpy()
    band = np.asarray(TIME_BANDS, dtype=object)[np.minimum(hours // 6, 3)]
    df["time_band"] = pd.array(np.where(df["has_time"].to_numpy(), band, None), dtype="string")
    order = np.lexsort((df["line"].to_numpy(), df["source"].cat.codes.to_numpy(), when.to_numpy()))
    return df.take(order).reset_index(drop=True)
