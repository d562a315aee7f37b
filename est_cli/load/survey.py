"""Reading the weekly survey's exports (CSV or Excel) into one frame of validated answers.

One row per response: when it was submitted, who answered (name or role, organisation),
for which area, one answer per factor, a free-text comment. Every row ends up in the frame
or as an `Excluded` entry with its reasons, and every problem names file, row and column,
as for incident exports (`est_cli.load.incidents`), read by the same `read_table`. A
response describes the ISO week the settings say: by default the week before the one it was
submitted in (the Tuesday survey asks about "the last week").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from est_cli.errors import N_, Problem, Text, did_you_mean, meant
from est_cli.load.aliases import normalize
from est_cli.load.checks import blank_rows, known_ids, timestamps
from est_cli.load.describe import map_columns
from est_cli.load.found import Found, distinct, text_at
from est_cli.load.personnummer import find_personnummer, redact
from est_cli.load.rows import Excluded, SourceFile
from est_cli.load.survey_headers import header_problems, survey_description
from est_cli.load.survey_settings import survey_settings_problems
from est_cli.load.tables import read_table
from est_cli.load.tokenize import TEXT
from est_cli.load.workspace import Workspace
from est_cli.models.settings import SurveySource
from est_cli.models.survey import Survey, SurveyField
from est_cli.periods import IsoWeek

S = SurveyField
T = TypeVar("T")
DONT_KNOW = -1  # an answer 'Vet ej': answered, but no level
# A row's problems in reading order: timestamp, area, factors (by column), comment.
_ORDER = {"submitted_at": 1, "area": 2, "factor": 10}


@dataclass
class SurveySet:
    """The usable responses (`columns()`'s columns, one Int16 column per factor: the level,
    DONT_KNOW, or missing), and what every file held."""

    frame: pd.DataFrame
    files: list[SourceFile] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(f.rows for f in self.files)


def described_week(submitted: datetime, survey: Survey) -> IsoWeek:
    """The ISO week a response submitted at `submitted` describes."""
    week = IsoWeek.of(submitted.date())
    return week.shift(-1) if survey.answers_describe == "previous_week" else week


def base_columns() -> list[str]:
    return ["source", "line", "submitted_at", "week", "respondent", "organisation", "area"]


def load_survey(ws: Workspace) -> SurveySet:
    """Every survey export the workspace's `sources.survey` match, read and validated;
    an empty set when est.yaml has no survey section."""
    survey = ws.settings.survey
    if survey is None:
        return SurveySet(_frame([], Survey()))
    problems = survey_settings_problems(ws, survey)
    if any(p.fatal for p in problems):  # e.g. two factors of one id: no answers to read
        return SurveySet(_frame([], survey), problems=problems)
    jobs: dict[Path, SurveySource] = {}
    for source in ws.settings.sources.survey:
        found, outside = ws.glob(source.files)
        problems += outside
        for path in found:
            jobs.setdefault(path, source)
    records: list[pd.DataFrame] = []
    result = SurveySet(_frame([], survey), problems=problems)
    for path, source in jobs.items():
        rel = ws.rel(path)
        rows, counts, read = _read_file(ws, survey, rel, path.read_bytes(), source)
        if rows is not None:
            records.append(rows)
        result.files.append(counts)
        result.problems += read
        result.excluded += _excluded(rel, read)
    frame = _frame(records, survey)
    result.frame, repeated = _latest_answers(frame)
    result.problems += repeated
    result.excluded += [Excluded(p.file, p.line or 0, p.message) for p in repeated]
    if not jobs:
        patterns = ", ".join(p for s in ws.settings.sources.survey for p in s.files)
        result.problems.append(
            Problem(
                "est.yaml",
                *ws.doc.locate(("survey",)),
                "sources.survey",
                N_("no survey exports match %(patterns)s", patterns=patterns),
                severity="warning",
                code="no-files",
                hint=N_(
                    "put the survey tool's exports there, or change sources.survey in est.yaml"
                ),
            )
        )
    return result


def _frame(records: list[pd.DataFrame], survey: Survey) -> pd.DataFrame:
    """The files' rows as one frame of the set's columns and dtypes (empty: no rows)."""
    factors = list(dict.fromkeys(f.id for f in survey.factors))
    names = [*base_columns(), "comment", *factors]
    frame = pd.concat(records, ignore_index=True) if records else pd.DataFrame(columns=names)
    frame = frame.reindex(columns=names)
    for name in ("source", "week", "respondent", "organisation", "area", "comment"):
        frame[name] = frame[name].astype("string")
    frame["line"] = frame["line"].astype("int32")
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"]).astype("datetime64[ns]")
    for fid in factors:
        frame[fid] = frame[fid].astype("Int16")
    return frame


def _read_file(
    ws: Workspace, survey: Survey, rel: str, raw: bytes, source: SurveySource
) -> tuple[pd.DataFrame | None, SourceFile, list[Problem]]:
    """One export's usable rows, its counts and its problems: every check on whole columns
    (`est_cli.load.checks`), as for incident exports."""
    read = read_table(raw, source, rel)
    if isinstance(read, Problem):
        return None, SourceFile(rel), [read]
    table, encoding, delimiter = read
    counts = SourceFile(rel, encoding=encoding, delimiter=delimiter)
    if table is None:
        return (
            None,
            counts,
            [Problem(rel, None, None, None, N_("the file is empty"), code="empty-file")],
        )
    description = survey_description(survey)
    mapped = map_columns(table.headers, description, source.columns)
    problems = header_problems(rel, table.header_line, table.headers, mapped, survey)
    if any(p.fatal for p in problems):
        return None, counts, problems
    blank = blank_rows(table.cells, list(range(len(table.headers))))
    cells, lines = table.cells[~blank].reset_index(drop=True), table.lines[~blank]
    n = len(cells)
    cols = mapped.columns
    order: dict[str, int] = {
        S.submitted_at: _ORDER["submitted_at"],
        S.area: _ORDER["area"],
        S.comment: 99,
    }
    factors = [f for f in cols if f in {x.id for x in survey.factors}]
    order |= {fid: _ORDER["factor"] + k for k, fid in enumerate(factors)}
    found = Found(rel, lines, table.headers, cols, description.labels, order)

    def column(fld: str) -> pd.Series[str]:
        i = cols.get(fld)
        return cells[i].str.strip() if i is not None else pd.Series([""] * n, dtype=TEXT)

    empty = N_("the timestamp is empty")
    submitted, _ = timestamps(
        column(S.submitted_at), S.submitted_at, ws.settings.timezone, found, empty
    )
    names = column(S.respondent)
    known = {normalize(r.name): r for r in survey.respondents if r.name}
    expected = _by_value(names, lambda v: known.get(normalize(v)) if v else None)
    organisation = column(S.organisation).to_numpy(dtype=object)
    listed = np.array([e.organisation if e else None for e in expected], dtype=object)
    organisation = np.where(organisation == "", listed, organisation)
    area = known_ids(column(S.area), S.area, ws.areas, found, None)
    by_respondent = np.array([e.area if e else None for e in expected], dtype=object)
    area = np.where(column(S.area).to_numpy(dtype=object) == "", by_respondent, area)
    nowhere = np.flatnonzero(pd.isna(area) & (column(S.area) == "").to_numpy(dtype=bool))
    if nowhere.size:
        hint = N_(
            "give the area in the export, or the respondent's area in est.yaml's survey.respondents"
        )
        what = N_("the answer names no area")
        found.add(nowhere, S.area, lambda _r: (what, hint), "unknown-area")
    levels = _levels(survey)
    answers = {fid: _answers(column(fid), fid, survey, levels, found) for fid in factors}
    comment = _comments(column(S.comment), found)
    days = submitted.astype("datetime64[D]")
    frame = pd.DataFrame(
        {
            "source": rel,
            "line": lines.astype(np.int32),
            "submitted_at": submitted,
            "week": _by_value(pd.Series(days), lambda d: _week_of(d, survey)),
            "respondent": names.mask(names == ""),
            "organisation": organisation,
            "area": area,
            "comment": comment,
            **answers,
        }
    )
    counts.rows = n
    counts.blank = table.blank + int(blank.sum())
    counts.excluded = int(found.bad.sum())
    counts.used = counts.rows - counts.excluded
    return frame[~found.bad].reset_index(drop=True), counts, [*problems, *found.sorted()]


def _by_value(values: pd.Series[Any], work: Callable[[Any], T]) -> list[T]:
    """`work` of every row's value, done once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    done = [work(u) for u in uniques.tolist()]
    return [done[c] for c in codes.tolist()]


def _week_of(day: Any, survey: Survey) -> str | None:
    if pd.isna(day):
        return None
    return described_week(pd.Timestamp(day).to_pydatetime(), survey).key


def _answers(
    values: pd.Series[str], fid: str, survey: Survey, levels: dict[str, int], found: Found
) -> pd.arrays.IntegerArray:
    """A factor's level on every row (DONT_KNOW for 'Vet ej', missing when not answered)."""
    codes, uniques = distinct(values)
    level = [levels.get(normalize(v)) if v else None for v in uniques.tolist()]
    bad = {
        u: _bad_level(v, survey, levels)
        for u, v in enumerate(uniques.tolist())
        if v and level[u] is None
    }
    if bad:
        rows = np.flatnonzero(np.isin(codes, list(bad)))
        found.add(rows, fid, lambda r: bad[codes[r]], "bad-answer")
    known = np.array([-999 if v is None else v for v in level], dtype=np.int16)[codes]
    return pd.arrays.IntegerArray(np.where(known == -999, 0, known).astype(np.int16), known == -999)


def _comments(values: pd.Series[str], found: Found) -> pd.Series[str]:
    """The comments, with a personal identity number masked and reported (the row stays)."""
    codes, uniques = distinct(values)
    hits = {
        u: n[0].masked for u, v in enumerate(uniques.tolist()) if v and (n := find_personnummer(v))
    }
    if hits:
        hint = N_("remove it from the survey tool; est masks it and never publishes comments")
        rows = np.flatnonzero(np.isin(codes, list(hits)))
        found.add(
            rows,
            S.comment,
            lambda r: (
                N_("contains a personal identity number (%(number)s)", number=hits[codes[r]]),
                hint,
            ),
            "personnummer",
        )
        uniques = uniques.copy()
        for u in hits:
            uniques.iat[u] = redact(text_at(uniques, u))
    out = pd.Series(uniques.to_numpy(dtype=object)[codes] if len(codes) else [], dtype="string")
    return out.mask(out == "")


def _levels(survey: Survey) -> dict[str, int]:
    """Every normalised spelling of an answer → its level (DONT_KNOW for 'Vet ej'): the
    label, its aliases, the number, and 'number label' as some forms write it."""
    out: dict[str, int] = {}
    for level in survey.scale:
        for spelling in (level.label, *level.aliases):
            out.setdefault(normalize(spelling), level.value)
            for sep in (" ", " - ", " – ", ". ", ": "):
                out.setdefault(normalize(f"{level.value}{sep}{spelling}"), level.value)
        out.setdefault(str(level.value), level.value)
    for spelling in survey.dont_know:
        out.setdefault(normalize(spelling), DONT_KNOW)
    return out


def _bad_level(value: str, survey: Survey, levels: dict[str, int]) -> tuple[Text, Text]:
    answers = [*(f"{lv.value} {lv.label}" for lv in survey.scale), survey.dont_know[0]]
    close = did_you_mean(normalize(value), [k for k in levels if not k.isdigit()], n=1)
    add = N_("add the spelling to the level's aliases in est.yaml's survey.scale")
    hint = N_("%(meant)s %(add)s", meant=meant(close), add=add) if close else add
    what = N_(
        "'%(value)s' is not an answer on the survey's scale; expected %(answers)s",
        value=value,
        answers=", ".join(answers),
    )
    return what, hint


def _excluded(rel: str, problems: list[Problem]) -> list[Excluded]:
    by_line: dict[int, list[str]] = {}
    for p in problems:
        if p.line is not None and p.severity == "error" and p.code not in _ROW_KEPT:
            by_line.setdefault(p.line, []).append(p.message)
    return [Excluded(rel, line, "; ".join(why)) for line, why in sorted(by_line.items())]


_ROW_KEPT = ("personnummer", "unknown-factor")  # problems that leave the row usable


def _latest_answers(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """A respondent who answered twice about one week: the later answer counts, the earlier
    is left out with a warning (a survey tool lets people send the form again)."""
    named = frame["respondent"].notna().to_numpy(dtype=bool)
    if not named.any():
        return frame, []
    key = frame["week"].fillna("") + "\x00" + frame["respondent"].fillna("").map(normalize)
    order = frame.assign(_key=key).sort_values(["submitted_at", "source", "line"], kind="stable")
    earlier = order[order["_key"].duplicated(keep="last") & order["respondent"].notna()]
    if earlier.empty:
        return frame, []
    last = order.drop_duplicates("_key", keep="last")
    later = dict(zip(last["_key"], zip(last["source"], last["line"], strict=True), strict=True))
    out = []
    for key, source, line, who, week in earlier[
        ["_key", "source", "line", "respondent", "week"]
    ].itertuples(index=False, name=None):
        file, at = later[key]
        out.append(
            Problem(
                str(source),
                int(line),
                None,
                None,
                N_(
                    "%(who)s answered again about week %(week)s (%(at)s); the later answer is used",
                    who=who,
                    week=week,
                    at=f"{file}:{at}",
                ),
                severity="warning",
                code="repeated-answer",
                hint=N_("remove the earlier response from the export if it was a mistake"),
            )
        )
    kept = frame.drop(index=earlier.index).reset_index(drop=True)
    return kept, out


def factor_counts(values: pd.Series[int]) -> tuple[int, int]:
    """(answers with a level, 'Vet ej' answers) among a factor's values."""
    known = values.dropna()
    dont = int((known == DONT_KNOW).sum())
    return len(known) - dont, dont
