"""Rows in no area (the police's events carry only the municipality's centre).

They count in every total and every category's figure; in a table by area they stand apart,
after the areas, and nothing ranks them among the areas: not "most in", not what stands out
or rose, not the concentration, not a rate per inhabitant, not a clear change by area.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import pandas as pd

from est_cli.models.incident import UNPLACED_AREA

R = TypeVar("R")


def placed(df: pd.DataFrame) -> pd.DataFrame:
    """The rows that lie in an area: what may be ranked by area."""
    mask = df["area"].astype(object) != UNPLACED_AREA
    return df if bool(mask.all()) else df[mask]


def is_area(area: str) -> bool:
    return area != UNPLACED_AREA


def areas_then_unplaced(rows: Sequence[R], area: Callable[[R], str]) -> list[R]:
    """The rows in their order, the row of the events in no area moved last."""
    return [r for r in rows if is_area(area(r))] + [r for r in rows if not is_area(area(r))]
