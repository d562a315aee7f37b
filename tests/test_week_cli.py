"""`est week build` from the command line: summary, problems, exit codes."""

from __future__ import annotations

from datetime import date

import pytest

from est_cli.cli.app import app
from est_cli.load.workspace import load_workspace
from est_cli.periods import IsoWeek
from est_cli.reports.weekly import build_weekly

HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"
ROWS = "2021-03-01;10:00;Centrum;Klotter;;\n2021-03-09;22:15;Sunda;Inbrott;;\n"


def run(runner, root, *args):
    return runner.invoke(app, ["week", "build", "--workspace", str(root), *args])


def test_build_prints_a_summary_and_writes_files(runner, make_workspace):
    root = make_workspace({"data/incidents/a.csv": HEADER + ROWS})
    result = run(runner, root, "--week", "2021-W10", "--format", "md,json")
    assert result.exit_code == 0, result.output
    assert "Vecka 10, 8–14 mars 2021" in result.output
    assert f"Mötesanteckningar: inga ännu ({root / 'weeks/2021-W10.yaml'})" in result.output
    assert "2021-W10.json" in result.output and "2021-W10.md" in result.output
    assert (root / "reports/weekly/2021-W10.json").is_file()
    assert not (root / "reports/weekly/2021-W10.html").exists()


def test_row_errors_are_reported_but_do_not_fail(runner, make_workspace):
    root = make_workspace(
        {"data/incidents/a.csv": HEADER + ROWS + "2021-03-10;;Atlantis;Stöld;;\n"}
    )
    result = run(runner, root, "--week", "2021-W10")
    assert result.exit_code == 0
    assert "data/incidents/a.csv:4: fel: Område: 'Atlantis' is not a known area" in result.output
    assert "1 uteslutna" in result.output


def test_strict_fails_on_any_error_and_writes_nothing(runner, make_workspace):
    root = make_workspace(
        {"data/incidents/a.csv": HEADER + ROWS + "2021-03-10;;Atlantis;Stöld;;\n"}
    )
    result = run(runner, root, "--week", "2021-W10", "--strict")
    assert result.exit_code == 1
    assert "a.csv:4" in result.output and "nothing was written" in result.output
    assert not (root / "reports").exists()


def test_an_unreadable_export_fails(runner, make_workspace):
    root = make_workspace(
        {"data/incidents/a.csv": HEADER + ROWS, "data/incidents/b.csv": b"PK\x03\x04junk"}
    )
    result = run(runner, root, "--week", "2021-W10")
    assert result.exit_code == 1
    assert "data/incidents/b.csv: fel: this is an Excel workbook" in result.output
    assert not (root / "reports").exists()


def test_invalid_notes_fail_with_location(runner, make_workspace):
    notes = "week: 2021-W10\nmeeting_date: 2021-03-11\nassesment: x\n"
    root = make_workspace({"data/incidents/a.csv": HEADER + ROWS, "weeks/2021-W10.yaml": notes})
    result = run(runner, root, "--week", "2021-W10")
    assert result.exit_code == 1
    assert "weeks/2021-W10.yaml:3" in result.output


def test_week_after_the_data_exits_1_and_names_the_latest_week(runner, make_workspace):
    root = make_workspace({"data/incidents/a.csv": HEADER + ROWS})
    result = run(runner, root)  # the default week: the last complete one before today
    assert result.exit_code == 1
    default = IsoWeek.last_complete(date.today()).key
    assert default in result.output and "--week 2021-W10" in result.output


def test_short_week_number_means_this_year(runner, make_workspace):
    root = make_workspace({"data/incidents/a.csv": HEADER + ROWS})
    result = build_weekly(load_workspace(root), today=date(2021, 6, 1), week="10", formats=["json"])
    assert result.week.key == "2021-W10"
    assert (root / "reports/weekly/2021-W10.json").is_file()
    result = run(runner, root, "--week", "10")  # as the CLI is run: this year is today's
    assert f"{date.today().year}-W10" in result.output


def test_bad_options_exit_2(runner, make_workspace):
    root = make_workspace({"data/incidents/a.csv": HEADER + ROWS})
    assert run(runner, root, "--week", "2021-W60").exit_code == 2
    assert run(runner, root, "--week", "2021-W10", "--format", "docx").exit_code == 2
    assert run(runner, root, "--week", "2021-W10", "--language", "de").exit_code == 2


def test_week_build_help_documents_exit_codes(runner):
    result = runner.invoke(app, ["week", "build", "--help"])
    assert result.exit_code == 0
    assert "--include-descriptions" in result.output and "Exit codes" in result.output


def test_include_descriptions_writes_the_internal_files_apart(runner, make_workspace):
    root = make_workspace({"data/incidents/a.csv": HEADER + ROWS})
    assert run(runner, root, "--week", "2021-W10").exit_code == 0
    published = (root / "reports/weekly/2021-W10.md").read_bytes()
    result = run(runner, root, "--week", "2021-W10", "--include-descriptions")
    assert result.exit_code == 0, result.output
    assert "2021-W10-internt.md" in result.output and "2021-W10.md" not in result.output
    assert "INTERNT" in result.output and "publicera, skicka eller checka inte in" in result.output
    assert (root / "reports/weekly/2021-W10-internt.html").is_file()
    assert (root / "reports/weekly/2021-W10.md").read_bytes() == published


def test_help_names_the_internal_file(runner):
    result = runner.invoke(app, ["week", "build", "--help"])
    assert "internt" in result.output


def test_partly_covered_week_warns(runner, make_workspace):
    root = make_workspace({"data/incidents/a.csv": HEADER + "2021-03-01;10:00;Centrum;Klotter;;\n"
                           "2021-03-10;10:00;Sunda;Inbrott;;\n"})  # fmt: skip
    result = run(runner, root, "--week", "2021-W10", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "varning:" in result.output and "only part of week 2021-W10" in result.output


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")
