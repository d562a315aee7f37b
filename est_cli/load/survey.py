"""Reading the weekly survey's exports (CSV or Excel) into one frame of validated answers.

One row per response: when it was submitted, who answered (name or role, organisation),
for which area, one answer per factor, a free-text comment. Every row ends up in the frame
or as an `Excluded` entry with its reasons, and every problem names file, row and column,
as for incident exports (`est_cli.load.incidents`), read by the same `read_table`. A
response describes the ISO week the settings say: by default the week before the one it was
submitted in (the Tuesday survey asks about "the last week").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from est_cli.errors import N_, Problem, Text, did_you_mean, meant
from est_cli.load.aliases import normalize
from est_cli.load.dates import EXPECTED, DateParseError, parse_datetime
from est_cli.load.found import Found, text_at
from est_cli.load.personnummer import find_personnummer, redact
from est_cli.load.rows import Excluded, SourceFile
from est_cli.load.survey_headers import header_problems, map_survey_headers
from est_cli.load.survey_settings import survey_settings_problems
from est_cli.load.tables import read_table
from est_cli.load.workspace import Workspace
from est_cli.models.settings import SurveySource
from est_cli.models.survey import Respondent, Survey, SurveyField
from est_cli.periods import YEARS, IsoWeek

S = SurveyField
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
    records: list[dict[str, object]] = []
    result = SurveySet(_frame([], survey), problems=problems)
    for path, source in jobs.items():
        rel = ws.rel(path)
        rows, counts, read = _read_file(ws, survey, rel, path.read_bytes(), source)
        records += rows
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


def _frame(records: list[dict[str, object]], survey: Survey) -> pd.DataFrame:
    factors = list(dict.fromkeys(f.id for f in survey.factors))
    frame = pd.DataFrame.from_records(records, columns=[*base_columns(), "comment", *factors])
    for name in ("source", "week", "respondent", "organisation", "area", "comment"):
        frame[name] = frame[name].astype("string")
    frame["line"] = frame["line"].astype("int32")
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"])
    for fid in factors:
        frame[fid] = frame[fid].astype("Int16")
    return frame


def _read_file(
    ws: Workspace, survey: Survey, rel: str, raw: bytes, source: SurveySource
) -> tuple[list[dict[str, object]], SourceFile, list[Problem]]:
    read = read_table(raw, source, rel)
    if isinstance(read, Problem):
        return [], SourceFile(rel), [read]
    table, encoding, delimiter = read
    counts = SourceFile(rel, encoding=encoding, delimiter=delimiter)
    if table is None:
        return (
            [],
            counts,
            [Problem(rel, None, None, None, N_("the file is empty"), code="empty-file")],
        )
    cols = map_survey_headers(table.headers, source, survey)
    problems = header_problems(rel, table.header_line, table.headers, cols, survey)
    if any(p.fatal for p in problems):
        return [], counts, problems
    found = Found(rel, table.lines, table.headers, {})
    levels = _levels(survey)
    known = {normalize(r.name): r for r in survey.respondents if r.name}
    records: list[dict[str, object]] = []
    blank = 0

    def cell(i: int | None, r: int) -> str:
        return text_at(table.cells[i], r).strip() if i is not None else ""

    def problem(r: int, order: int, column: str, what: str, hint: str | None, code: str) -> None:
        found.add(np.array([r]), None, lambda _r: (what, hint), code, order=order, column=column)

    for r in range(len(table.cells)):
        if not any(cell(i, r) for i in range(len(table.headers))):
            blank += 1
            continue
        counts.rows += 1
        header = {f: table.headers[i] for f, i in cols.fields.items()}
        when_text = cell(cols.fields.get(S.submitted_at), r)
        record: dict[str, object] = {"source": rel, "line": int(table.lines[r])}
        try:
            submitted, _ = parse_datetime(when_text, ws.settings.timezone)
            if submitted.year not in YEARS:
                raise DateParseError(N_("'%(value)s' is not a plausible date", value=when_text))
            record["submitted_at"] = submitted
            record["week"] = described_week(submitted, survey).key
        except DateParseError as exc:
            what = (
                N_("%(problem)s; expected %(expected)s", problem=exc.text, expected=EXPECTED)
                if when_text
                else N_("the timestamp is empty")
            )
            problem(r, _ORDER["submitted_at"], header[S.submitted_at], what, None, "bad-date")
        name = cell(cols.fields.get(S.respondent), r)
        expected: Respondent | None = known.get(normalize(name)) if name else None
        record["respondent"] = name or None
        organisation = cell(cols.fields.get(S.organisation), r)
        record["organisation"] = organisation or (expected.organisation if expected else None)
        area_text = cell(cols.fields.get(S.area), r)
        if area_text:
            area = ws.areas.resolve(area_text)
            if area is None:
                hint = ws.areas.unknown_hint(area_text)
                what = ws.areas.unknown(area_text)
                problem(r, _ORDER["area"], header[S.area], what, hint, "unknown-area")
            record["area"] = area
        elif expected and expected.area:
            record["area"] = expected.area
        else:
            column = header.get(S.area, "Område")
            hint = N_(
                "give the area in the export, or the respondent's area in est.yaml's "
                "survey.respondents"
            )
            what = N_("the answer names no area")
            problem(r, _ORDER["area"], column, what, hint, "unknown-area")
        for k, (fid, i) in enumerate(cols.factors.items()):
            value = cell(i, r)
            level = levels.get(normalize(value)) if value else None
            if value and level is None:
                what, hint = _bad_level(value, survey, levels)
                problem(r, _ORDER["factor"] + k, table.headers[i], what, hint, "bad-answer")
            record[fid] = level
        comment = cell(cols.fields.get(S.comment), r)
        if comment and (numbers := find_personnummer(comment)):
            what = N_("contains a personal identity number (%(number)s)", number=numbers[0].masked)
            hint = N_("remove it from the survey tool; est masks it and never publishes comments")
            problem(r, 99, header[S.comment], what, hint, "personnummer")
            comment = redact(comment)
        record["comment"] = comment or None
        if not found.bad[r]:
            records.append(record)
    counts.blank = table.blank + blank
    counts.excluded = int(found.bad.sum())
    counts.used = counts.rows - counts.excluded
    return records, counts, [*problems, *found.sorted()]


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
