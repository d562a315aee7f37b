"""The value checks every source's columns share, each on a whole column at once.

A column is factorised into its distinct values (`found.distinct`); each distinct value is
read once and the answer broadcast back to the rows, so a file of a million rows with a few
hundred distinct dates costs a few hundred parses. A value that cannot be read becomes a
problem on each of its rows through `Found`, which words it with file, line and column.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from est_cli.errors import N_, Text
from est_cli.load.aliases import Registry
from est_cli.load.dates import EXPECTED, DateParseError, parse_datetime
from est_cli.load.found import Found, distinct, text_at
from est_cli.periods import YEARS

# Fast paths for the common spellings (ASCII digits); anything else takes the tolerant path.
_ISO_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_ISO_MINUTE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?"
_MONTH = r"[0-9]{4}-(?:0[1-9]|1[0-2])"
_WHOLE = r"\+?[0-9]+"
# The years a row may be dated in: those of est's periods (pandas could hold 1678–2262).
_FIRST_YEAR, _LAST_YEAR = YEARS.start, YEARS[-1]


def blank_rows(cells: pd.DataFrame, order: list[int]) -> npt.NDArray[np.bool_]:
    """Rows whose every cell is empty or white space. Columns are looked at in `order`
    (the required ones first), each only for the rows still blank so far."""
    blank = np.ones(len(cells), dtype=bool)
    for i in dict.fromkeys(order):
        rows = np.flatnonzero(blank)
        if not rows.size:
            break
        part = cells[i].iloc[rows] if rows.size < len(cells) else cells[i]
        blank[rows] = (part.str.strip() == "").to_numpy(dtype=bool)
    return blank


def timestamps(
    values: pd.Series[str], fld: str, zone: str, found: Found, empty: Text
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.bool_]]:
    """Local time of every row (NaT when unreadable) and whether a time of day was given;
    `empty` is the problem of a row without a value.

    The ISO forms most exports use are parsed in one vectorised call; every other
    distinct value goes through the tolerant parser, which also words the error.
    """
    codes, uniques = distinct(values)
    day = uniques.str.fullmatch(_ISO_DAY).to_numpy(dtype=bool)
    minute = uniques.str.fullmatch(_ISO_MINUTE).to_numpy(dtype=bool)
    when = pd.to_datetime(uniques.where(day), format="%Y-%m-%d", errors="coerce")
    when = when.where(day, pd.to_datetime(uniques.where(minute), format="ISO8601", errors="coerce"))
    # years outside est's periods are left to the tolerant parser, which refuses them
    when = when.where((when.dt.year >= _FIRST_YEAR) & (when.dt.year <= _LAST_YEAR))
    stamps = when.to_numpy(dtype="datetime64[ns]")
    timed = minute.copy()
    errors: dict[int, Text] = {}
    for u in np.flatnonzero(np.isnat(stamps)).tolist():
        text = text_at(uniques, u)
        if not text:
            errors[u] = empty
            continue
        try:
            parsed, given = parse_datetime(text, zone)
            if not _FIRST_YEAR <= parsed.year <= _LAST_YEAR:
                raise DateParseError(N_("'%(value)s' is not a plausible date", value=text))
        except DateParseError as exc:
            errors[u] = N_(
                "%(problem)s; expected %(expected)s", problem=exc.text, expected=EXPECTED
            )
            continue
        stamps[u], timed[u] = np.datetime64(parsed, "ns"), given
    if errors:
        wrong = np.isin(codes, list(errors))
        found.add(np.flatnonzero(wrong), fld, lambda r: (errors[codes[r]], None), "bad-date")
    return stamps[codes], timed[codes]


def known_ids(
    values: pd.Series[str], fld: str, registry: Registry, found: Found, required: Text | None
) -> npt.NDArray[np.object_]:
    """The id of every row's value in `registry` (None when empty or unknown); an unknown
    value is a problem with 'did you mean', an empty one only when `required` words it."""
    codes, uniques = distinct(values)
    ids = [registry.resolve(raw) if raw else None for raw in uniques.tolist()]
    bad: dict[int, tuple[Text, Text | None]] = {
        u: (registry.unknown(raw), registry.unknown_hint(raw))
        for u, raw in enumerate(uniques.tolist())
        if raw and ids[u] is None
    }
    if required is not None:
        bad |= {u: (required, None) for u, raw in enumerate(uniques.tolist()) if not raw}
    if bad:
        rows = np.flatnonzero(np.isin(codes, list(bad)))
        found.add(rows, fld, lambda r: bad[codes[r]], f"unknown-{registry.kind}")
    out: npt.NDArray[np.object_] = np.array(ids, dtype=object)[codes] if len(codes) else _none(0)
    return out


def months(values: pd.Series[str], fld: str, found: Found) -> npt.NDArray[np.object_]:
    """Every row's month as 'YYYY-MM' (None when it is not one, with a problem): a month of
    est's years, written as the police's statistics write it."""
    codes, uniques = distinct(values)
    good = uniques.str.fullmatch(_MONTH).to_numpy(dtype=bool)
    years = pd.to_numeric(uniques.str.slice(0, 4).where(good), errors="coerce").to_numpy()
    good &= (years >= _FIRST_YEAR) & (years <= _LAST_YEAR)
    bad = {
        u: (
            N_("'%(value)s' is not a month; expected YYYY-MM, e.g. 2021-03", value=raw)
            if raw
            else N_("the month is empty; expected YYYY-MM, e.g. 2021-03")
        )
        for u, raw in enumerate(uniques.tolist())
        if not good[u]
    }
    if bad:
        rows = np.flatnonzero(np.isin(codes, list(bad)))
        found.add(rows, fld, lambda r: (bad[codes[r]], None), "bad-month")
    known: npt.NDArray[np.object_] = np.array(uniques.where(good, None).tolist(), dtype=object)
    return known[codes] if len(codes) else _none(0)


def counts(values: pd.Series[str], fld: str, found: Found) -> npt.NDArray[np.int64]:
    """Every row's count, a whole number 0 or more (-1 where it is not one, with a problem).
    Spaces between digit groups ('1 204') are read as a spreadsheet shows them."""
    codes, uniques = distinct(values)
    spelled = uniques.str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    good = spelled.str.fullmatch(_WHOLE).to_numpy(dtype=bool) & (spelled.str.len() < 16).to_numpy(
        dtype=bool
    )
    number = np.full(len(uniques), -1, dtype=np.int64)
    number[good] = spelled[good].astype("int64").to_numpy(dtype=np.int64)
    bad = {
        u: (
            N_("'%(value)s' is not a count; expected a whole number, 0 or more", value=raw)
            if raw
            else N_("the count is empty; expected a whole number, 0 or more")
        )
        for u, raw in enumerate(uniques.tolist())
        if not good[u]
    }
    if bad:
        rows = np.flatnonzero(np.isin(codes, list(bad)))
        found.add(rows, fld, lambda r: (bad[codes[r]], None), "bad-count")
    return number[codes] if len(codes) else np.zeros(0, dtype=np.int64)


def _none(n: int) -> npt.NDArray[np.object_]:
    return np.full(n, None, dtype=object)
