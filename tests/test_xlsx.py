"""Excel workbooks (.xlsx) as exports (issue 9 §1): incident and survey exports read from the
first sheet, with every problem at the row number Excel shows."""

from __future__ import annotations

import io
from datetime import date, datetime, time

from conftest import BASIC_SETTINGS
from openpyxl import Workbook

from est_cli.cli.app import app
from est_cli.load.incidents import load_incidents
from est_cli.load.survey import load_survey
from est_cli.load.workspace import load_workspace
from est_cli.load.xlsx import cell_text

XLSX_SOURCES = 'sources:\n  incidents:\n    - files: ["data/incidents/*.xlsx"]\n'


def workbook(rows: list[list[object]], blank_first: int = 0) -> bytes:
    """An .xlsx whose first sheet holds `rows` (None: an empty cell), below `blank_first`
    empty rows."""
    book = Workbook()
    sheet = book.active
    for r, row in enumerate(rows, start=1 + blank_first):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_cells_read_as_a_csv_export_writes_them() -> None:
    assert cell_text(datetime(2021, 3, 9, 22, 15)) == "2021-03-09 22:15"
    assert cell_text(datetime(2021, 3, 9, 22, 15, 7)) == "2021-03-09 22:15:07"
    assert cell_text(datetime(2021, 3, 9)) == "2021-03-09"
    assert cell_text(date(2021, 3, 9)) == "2021-03-09"
    assert cell_text(time(18, 30)) == "18:30"
    assert cell_text(3.0) == "3" and cell_text(58.75) == "58.75" and cell_text(None) == ""


def test_an_incident_workbook_is_read_and_a_bad_row_named_as_excel_numbers_it(
    make_workspace, runner
) -> None:
    rows: list[list[object]] = [
        ["Datum", "Tid", "Område", "Kategori", "Lat"],
        [datetime(2021, 3, 9), time(22, 15), "Sunda", "Inbrott", 58.6712],
        [None, None, None, None, None],  # an empty row: Excel row 4
        ["2021-03-10", None, "Atlantis", "Stöld", None],  # Excel row 5
        [datetime(2021, 3, 11, 8, 5), None, "Centrala stan", "Klotter", None],
    ]
    raw = workbook(rows, blank_first=1)  # the header is on Excel row 2
    root = make_workspace({"data/incidents/mars.xlsx": raw}, est_yaml=BASIC_SETTINGS + XLSX_SOURCES)
    loaded = load_incidents(load_workspace(root), use_cache=False)
    assert [p.location for p in loaded.problems] == ["data/incidents/mars.xlsx:5"]
    assert "'Atlantis' is not a known area" in loaded.problems[0].message
    frame = loaded.frame.sort_values("line")
    assert frame["line"].tolist() == [3, 6]
    assert frame["area"].tolist() == ["sunda", "centrum"]
    assert str(frame["occurred_at"].iloc[0]) == "2021-03-09 22:15:00"
    assert frame["has_time"].tolist() == [True, True]
    assert float(frame["lat"].iloc[0]) == 58.6712
    [file] = loaded.files
    assert (file.rows, file.used, file.excluded, file.encoding) == (3, 2, 1, "xlsx")
    result = runner.invoke(app, ["check", "-w", str(root)])
    assert result.exit_code == 1
    assert "data/incidents/mars.xlsx:5: fel: Område: 'Atlantis' is not a known area" in " ".join(
        result.output.split()
    )


def test_a_file_named_xlsx_that_is_no_workbook_is_unusable(make_workspace) -> None:
    root = make_workspace(
        {"data/incidents/a.xlsx": "Datum;Område;Kategori\n"},
        est_yaml=BASIC_SETTINGS + XLSX_SOURCES,
    )
    [problem] = load_incidents(load_workspace(root), use_cache=False).problems
    assert problem.code == "not-xlsx" and problem.fatal
    assert "cannot be read as an Excel workbook" in problem.message


def test_a_survey_workbook_from_microsoft_forms(make_workspace) -> None:
    settings = BASIC_SETTINGS + (
        "survey:\n  factors:\n    - {id: skadegorelse, label: Skadegörelse}\n"
        "    - {id: klotter, label: Klotter}\n"
    )
    rows: list[list[object]] = [
        ["ID", "Starttid", "Slutförandetid", "Namn", "Område", "Skadegörelse", "Klotter"],
        [1, datetime(2021, 3, 16, 9, 0), datetime(2021, 3, 16, 9, 2), "A", "Sunda", "Flera", 1],
        [2, datetime(2021, 3, 16, 9, 5), datetime(2021, 3, 16, 9, 7), "B", "Sunda", "Mycket", 0],
    ]
    root = make_workspace({"data/survey/forms.xlsx": workbook(rows)}, est_yaml=settings)
    answers = load_survey(load_workspace(root))
    assert [(p.location, p.field) for p in answers.problems] == [
        ("data/survey/forms.xlsx:3", "Skadegörelse")
    ]
    assert "'Mycket' is not an answer" in answers.problems[0].message
    row = answers.frame.iloc[0]
    assert (row["week"], row["skadegorelse"], row["klotter"], row["line"]) == ("2021-W10", 2, 1, 2)
    assert str(row["submitted_at"]) == "2021-03-16 09:02:00"  # Slutförandetid, not Starttid
