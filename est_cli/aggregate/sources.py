"""The police's open events and the partners' reports, counted apart (each row once)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from est_cli.load.polisen import police_rows


@dataclass(frozen=True)
class SourceSplit:
    """This week's incidents by where they came from; the two add up to the total."""

    police: int
    partners: int


def source_split(period: pd.DataFrame, data: pd.DataFrame) -> SourceSplit | None:
    """The split of `period`'s rows; None when `data` holds no police events at all (a
    workspace without them reports as before)."""
    if data.empty or not police_rows(data).any():
        return None
    police = int(police_rows(period).sum())
    return SourceSplit(police, len(period) - police)
