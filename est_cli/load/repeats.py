"""Which rows are the same incident: an id from the content where the export gives none,
and each repeat across overlapping exports counted once, with a problem at its row."""

from __future__ import annotations

import numpy as np
import pandas as pd

from est_cli.errors import N_, Problem
from est_cli.load.headers import FIELD_LABELS
from est_cli.models.settings import IncidentField as F

_CONTENT = ["occurred_at", "area", "category", "place", "reporter_org", "severity", "description"]


def file_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows without an id get one from their content; the k-th identical row of a file gets
    the suffix -k, so identical rows are separate incidents but the k-th such row of one
    export is the same incident as the k-th of an overlapping export."""
    given = (frame["id"] != "").to_numpy(dtype=bool)
    frame = frame.assign(id_given=given)
    if given.all():
        return frame
    hashes = pd.util.hash_pandas_object(frame.loc[~given, _CONTENT], index=False).to_numpy()
    hexed = np.frombuffer(hashes.astype(">u8").tobytes().hex().encode(), dtype="S16")
    ids = np.char.add("h", hexed.astype(str)).astype(object)
    repeat = pd.Series(hashes).groupby(hashes).cumcount().to_numpy()
    for i in np.flatnonzero(repeat).tolist():
        ids[i] = f"{ids[i]}-{repeat[i] + 1}"
    frame.loc[~given, "id"] = ids
    return frame


def unique_ids(
    frame: pd.DataFrame,
) -> tuple[pd.DataFrame, dict[str, list[Problem]], dict[str, dict[int, str]]]:
    """The frame without repeated incidents, a problem for each repeat and its day (by file)."""
    ids = frame["id"]
    repeat = ids.duplicated(keep="first").to_numpy(dtype=bool)
    out: dict[str, list[Problem]] = {}
    days: dict[str, dict[int, str]] = {}
    if not repeat.any():
        return frame, out, days
    firsts = frame.loc[
        ~repeat & ids.isin(ids[repeat]).to_numpy(dtype=bool), ["id", "source", "line"]
    ]
    where = dict(zip(firsts["id"], zip(firsts["source"], firsts["line"], strict=True), strict=True))
    repeats = frame.loc[repeat, ["id", "id_given", "source", "line", "occurred_at"]]
    for ident, given, source, at, when in repeats.itertuples(index=False, name=None):
        days.setdefault(source, {})[int(at)] = when.date().isoformat()
        file, line = where[ident]
        if given:
            problem = Problem(
                source,
                int(at),
                None,
                FIELD_LABELS[F.id],
                N_("id '%(id)s' is already used at %(at)s", id=ident, at=where_at(file, line)),
                hint=N_(
                    "each incident must have its own id; remove the repeated row or correct its id"
                ),
                code="duplicate-id",
            )
        else:
            problem = Problem(
                source,
                int(at),
                None,
                None,
                N_(
                    "the same incident is already in %(at)s; it is counted once",
                    at=where_at(file, line),
                ),
                hint=N_("exports overlap; remove the repeated rows or give incidents an id column"),
                severity="warning",
                code="duplicate-row",
            )
        out.setdefault(source, []).append(problem)
    return frame[~np.asarray(repeat)].reset_index(drop=True), out, days


def where_at(file: str, line: int) -> str:
    return f"{file}:{line}"
