"""The typed incident frame every aggregation starts from, built once per run."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from operator import attrgetter

import pandas as pd

from est_cli.load.calendar import TIME_BANDS, add_calendar
from est_cli.models.incident import Incident, frame_dtypes

__all__ = ["TIME_BANDS", "between", "incident_frame"]


def incident_frame(incidents: Sequence[Incident]) -> pd.DataFrame:
    """The frame `IncidentSet.frame` is, made from a list of incidents (tests, properties):
    one row per incident with its calendar columns (`add_calendar`), in time order."""
    dtypes = frame_dtypes()
    fields = attrgetter(*dtypes)  # plain attribute reads: much faster than model_dump()
    records = [fields(i) for i in incidents]
    return add_calendar(pd.DataFrame.from_records(records, columns=list(dtypes)).astype(dtypes))


def between(df: pd.DataFrame, start: datetime, end: datetime) -> pd.DataFrame:
    """Rows with start <= occurred_at < end (half-open, local wall time; a pd.Timestamp is a
    datetime too)."""
    return df[(df["occurred_at"] >= start) & (df["occurred_at"] < end)]
