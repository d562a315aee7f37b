"""The columnar loader against simple references: Arrow's tokenizer against Python's csv
module (cells and line numbers), and whole-column validation against validating each row
on its own with the `Incident` model."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pandas as pd
import pytest
from conftest import BASIC_SETTINGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from est_cli.errors import Problem
from est_cli.load.dates import EXPECTED, EXPECTED_TIME, DateParseError, parse_datetime, parse_time
from est_cli.load.incidents import load_incidents
from est_cli.load.personnummer import find_personnummer
from est_cli.load.tokenize import _fast, _tolerant
from est_cli.load.workspace import Workspace, load_workspace
from est_cli.models.incident import Incident, frame_dtypes

CSV = "data/incidents/export.csv"

# --- tokenizer: Arrow's fast path reads what Python's csv module reads ----------------------

cell_text = st.text(alphabet='ab ;"\nåÄ12', max_size=6)


def csv_text(rows: list[list[str]], blank_after: set[int], crlf: bool) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n" if crlf else "\n")
    for i, row in enumerate(rows):
        writer.writerow(row)
        if i in blank_after:
            buf.write("\r\n" if crlf else "\n")
    return buf.getvalue()


@settings(max_examples=150, deadline=None)
@given(
    body=st.lists(st.lists(cell_text, min_size=3, max_size=3), max_size=8),
    blank_after=st.sets(st.integers(0, 8), max_size=3),
    crlf=st.booleans(),
)
def test_fast_tokenizer_agrees_with_the_csv_module(
    body: list[list[str]], blank_after: set[int], crlf: bool
) -> None:
    text = csv_text([["Datum", "Område", "Kategori"], *body], blank_after, crlf)
    slow = _tolerant(text, ";")
    fast = _fast(text.encode(), ";")
    assert slow is not None
    if fast is None:  # the fast path may decline; then the tolerant one is used
        return
    assert (fast.headers, fast.header_line) == (slow.headers, slow.header_line)
    assert fast.lines.tolist() == slow.lines.tolist()
    assert fast.cells.astype(object).values.tolist() == slow.cells.astype(object).values.tolist()
    # the tolerant path counts only empty lines as blank; rows of empty cells come later
    assert fast.blank == slow.blank


def test_fast_path_reads_quoted_newlines_and_blank_lines() -> None:
    text = 'Datum;Område\n\n2021-03-01;"två\nrader"\n\n\n2021-03-02;Sunda\n'
    fast = _fast(text.encode(), ";")
    assert fast is not None
    assert fast.lines.tolist() == [3, 7]
    assert fast.blank == 3
    assert fast.cells[1].tolist() == ["två\nrader", "Sunda"]


def test_ragged_rows_take_the_tolerant_path() -> None:
    text = "Datum;Område;Kategori\n2021-03-01;Sunda\n2021-03-02;Sunda;Klotter;extra\n"
    assert _fast(text.encode(), ";") is None
    slow = _tolerant(text, ";")
    assert slow is not None
    assert slow.wide == {3: 4}
    assert slow.cells.astype(object).values.tolist() == [
        ["2021-03-01", "Sunda", ""],
        ["2021-03-02", "Sunda", "Klotter"],
    ]


@pytest.mark.parametrize("ragged", [False, True], ids=["fast", "tolerant"])
def test_a_bad_row_after_a_quoted_multiline_cell_names_its_own_line(
    make_workspace, ragged: bool
) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Datum;Område;Kategori;Beskrivning\n"  # 1
        '2021-03-01;Sunda;Klotter;"rad ett; med semikolon\n'  # 2
        "rad två\n"  # 3
        '""citat"" rad tre"\n'  # 4
        "2021-13-02;Sunda;Klotter;fel datum\n"  # 5
        + ("2021-03-03;Sunda\n" if ragged else "2021-03-03;Sunda;Klotter;\n")  # 6
        + "2021-03-04;Sundra;Klotter;fel område\n"  # 7
    )
    root = make_workspace({CSV: text})
    result = load_incidents(load_workspace(root), use_cache=False)
    expected = ["Datum", "Område"] if not ragged else ["Datum", "Kategori", "Område"]
    assert [(p.line, p.field) for p in result.problems] == list(
        zip([5, 6, 7] if ragged else [5, 7], expected, strict=True)
    )
    assert result.problems[-1].hint == "did you mean 'Sunda'?"
    assert [i.line for i in result.incidents] == [2] + ([] if ragged else [6])
    assert result.incidents[0].description == 'rad ett; med semikolon\nrad två\n"citat" rad tre'


# --- validation: whole columns give what row-by-row validation gives ------------------------


def row_by_row(ws: Workspace, text: str) -> tuple[list[tuple], list[tuple]]:
    """The reference: each row validated on its own and built into an `Incident`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    headers = next(reader)
    at = {h: i for i, h in enumerate(headers)}
    zone = ws.settings.timezone
    rows, problems = [], []
    prev = reader.line_num
    for values in reader:
        line, prev = prev + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue

        def cell(name: str, values: list[str] = values) -> str:
            return values[at[name]].strip()

        found: list[tuple] = []
        try:
            when, timed = parse_datetime(cell("Datum"), zone)
        except DateParseError as exc:
            text_ = cell("Datum")
            what = (
                f"{exc}; expected {EXPECTED}"
                if text_
                else f"the date is empty; expected {EXPECTED}"
            )
            found.append((line, "Datum", "bad-date", what))
            when, timed = None, False
        if when is not None and not timed:
            try:
                t = parse_time(cell("Tid"))
            except DateParseError as exc:
                found.append(
                    (line, "Tid", "bad-time", f"{exc}; expected {EXPECTED_TIME}, or leave it empty")
                )
            else:
                if t is not None:
                    when, timed = datetime.combine(when.date(), t), True
        ids = {}
        for name, registry in (("Område", ws.areas), ("Kategori", ws.categories)):
            ids[name] = registry.resolve(cell(name)) if cell(name) else None
            if ids[name] is None:
                found.append((line, name, f"unknown-{registry.kind}", None))
        severity = None
        if cell("Grad"):
            try:
                severity = int(cell("Grad"))
            except ValueError:
                found.append((line, "Grad", "bad-number", None))
        for name in ("Kategori", "Beskrivning"):
            if find_personnummer(values[at[name]]):
                found.append((line, name, "personnummer", None))
        problems += found
        if any(code not in ("personnummer", "bad-number") for _, _, code, _ in found):
            continue
        incident = Incident(
            id="",
            occurred_at=when,
            has_time=timed,
            area=ids["Område"],
            category=ids["Kategori"],
            severity=severity,
            source=CSV,
            line=line,
        )
        rows.append(
            (
                incident.line,
                incident.occurred_at,
                incident.has_time,
                incident.area,
                incident.category,
                incident.severity,
            )
        )
    return rows, problems


def as_reference(p: Problem) -> tuple:
    keep_message = p.code in ("bad-date", "bad-time")
    return (p.line, p.field, p.code, p.message if keep_message else None)


dates = st.sampled_from(
    ["2021-03-14", "2021-03-14 18:30", "2021-03-14T07:05:09", "14/3/2021", "14 mars 2021",
     "44269", "2021-13-01", "2021-02-30", "", "igår", "2021-03-14 25:00", "20210314"]
)  # fmt: skip
times = st.sampled_from(["", "18:30", "7.05", "1830", "kl 6", "25:00", "sent"])
areas = st.sampled_from(["Centrum", "centrala stan", " RAMDAL ", "Sunda", "Sundra", ""])
categories = st.sampled_from(["Klotter", "skadegörelse", "Stöld", "Inbrot", "", "850312-1231"])
grades = st.sampled_from(["", "1", "3", "x", "2.5"])
descriptions = st.sampled_from(["", "kort", "två\nrader; med semikolon", "pnr 19850312-1231"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(dates, times, areas, categories, grades, descriptions), max_size=12))
def test_columns_validate_as_rows_do(make_workspace, rows: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow(["Datum", "Tid", "Område", "Kategori", "Grad", "Beskrivning"])
    writer.writerows(rows)
    text = buf.getvalue()
    root = make_workspace({CSV: text.encode()}, est_yaml=BASIC_SETTINGS)
    ws = load_workspace(root)
    result = load_incidents(ws, use_cache=False)
    expected_rows, expected_problems = row_by_row(ws, text)
    got_rows = sorted(
        (i.line, i.occurred_at, i.has_time, i.area, i.category, i.severity)
        for i in result.incidents
    )
    assert got_rows == sorted(expected_rows)
    got = [as_reference(p) for p in result.problems if p.code not in ("duplicate-row",)]
    assert sorted(got, key=str) == sorted(expected_problems, key=str)
    assert len(result.frame) + len(result.excluded) == result.rows_read


def test_the_frame_holds_every_model_field_in_its_dtype(make_workspace) -> None:  # type: ignore[no-untyped-def]
    root = make_workspace({CSV: "Datum;Område;Kategori;Grad\n2021-03-01;Sunda;Klotter;2\n"})
    frame = load_incidents(load_workspace(root), use_cache=False).frame
    dtypes = frame_dtypes()
    assert list(frame.columns)[: len(dtypes)] == list(Incident.model_fields)
    assert {c: str(frame[c].dtype) for c in dtypes} == dtypes
    assert frame["severity"].tolist() == [2]
    assert isinstance(frame["area"].dtype, pd.CategoricalDtype)


# --- edge cases found in review ------------------------------------------------------------


def read_one(make_workspace, data: bytes):  # type: ignore[no-untyped-def]
    root = make_workspace({CSV: data})
    return load_incidents(load_workspace(root), use_cache=False)


def test_years_a_timestamp_cannot_hold_are_refused_not_wrapped(make_workspace) -> None:  # type: ignore[no-untyped-def]
    text = "Datum;Område;Kategori\n0201-03-01;Sunda;Klotter\n9999-12-31 10:00;Sunda;Klotter\n"
    text += "2021-03-01;Sunda;Klotter\n"
    result = read_one(make_workspace, text.encode())
    assert [(p.line, p.code) for p in result.problems] == [(2, "bad-date"), (3, "bad-date")]
    assert "'0201-03-01' is not a plausible date" in result.problems[0].message
    assert [i.occurred_at for i in result.incidents] == [datetime(2021, 3, 1)]


def test_a_wide_row_of_blank_cells_is_reported_and_the_next_row_kept(make_workspace) -> None:  # type: ignore[no-untyped-def]
    text = "Datum;Område;Kategori\n;;;x\n2021-03-01;Sunda;Klotter\n;;;y\n"
    result = read_one(make_workspace, text.encode())
    assert [(p.line, p.code) for p in result.problems][:2] == [(2, "column-count"), (2, "bad-date")]
    assert [i.line for i in result.incidents] == [3]
    assert (result.files[0].rows, result.files[0].excluded, result.files[0].blank) == (3, 2, 0)


def test_lines_ended_by_a_bare_cr_are_read(make_workspace) -> None:  # type: ignore[no-untyped-def]
    text = "Datum;Område;Kategori\r2021-03-01;Sunda;Klotter\r2021-03-02;Sundra;Klotter\r"
    result = read_one(make_workspace, text.encode())
    assert [i.line for i in result.incidents] == [2]
    assert [(p.line, p.field) for p in result.problems] == [(3, "Område")]


def test_a_huge_severity_is_a_warning(make_workspace) -> None:  # type: ignore[no-untyped-def]
    text = "Datum;Område;Kategori;Grad\n2021-03-01;Sunda;Klotter;" + "9" * 400 + "\n"
    result = read_one(make_workspace, text.encode())
    assert [(p.code, p.severity) for p in result.problems] == [("bad-number", "warning")]
    assert [i.severity for i in result.incidents] == [None]


def test_two_byte_order_marks_are_dropped(make_workspace) -> None:  # type: ignore[no-untyped-def]
    bom = b"\xef\xbb\xbf"
    result = read_one(
        make_workspace, bom + bom + "Datum;Område;Kategori\n2021-03-01;Sunda;Klotter\n".encode()
    )
    assert result.problems == []
    assert len(result.incidents) == 1
