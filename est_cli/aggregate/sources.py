"""The police's open events and the partners' reports, counted apart (each row once)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from est_cli.models.polisen import POLISEN_DIR


@dataclass(frozen=True)
class SourceSplit:
    """This week's incidents by where they came from; the two add up to the total."""

    police: int
    partners: int


def police_rows(frame: pd.DataFrame) -> pd.Series[bool]:
    """The rows `est import polisen` wrote (files under data/polisen/)."""
    return frame["source"].astype(str).str.startswith(POLISEN_DIR + "/")


def source_split(period: pd.DataFrame, data: pd.DataFrame) -> SourceSplit | None:
    """The split of `period`'s rows; None when `data` holds no police events at all (a
    workspace without them reports as before)."""
    if data.empty or not police_rows(data).any():
        return None
    police = int(police_rows(period).sum())
    return SourceSplit(police, len(period) - police)
