"""A document is never rendered from a period with an input that could not be used (issue 16)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.errors import DataError, Problem
from est_cli.reports.period import require_complete

# The first bytes of an .xlsx file (a zip archive), as Excel saves one.
XLSX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(200)


@pytest.fixture
def strangnas(tmp_path: Path) -> Path:
    root = tmp_path / "strangnas-2021"
    shutil.copytree(REPO / "examples" / "strangnas-2021", root)
    return root


def test_a_month_saved_as_xlsx_stops_the_tertial_follow_up(
    strangnas: Path, runner: CliRunner
) -> None:
    (strangnas / "data" / "incidents" / "2021-02.csv").write_bytes(XLSX)
    out = strangnas / "out"
    result = runner.invoke(
        app,
        [
            "tertial",
            "render",
            "-w",
            str(strangnas),
            "--tertial",
            "2021-T1",
            "--draft",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "data/incidents/2021-02.csv" in result.output
    assert "not a CSV file" in result.output
    assert "could not be used" in result.output
    assert not out.exists()


def test_the_same_workspace_renders_with_the_month_intact(
    strangnas: Path, runner: CliRunner
) -> None:
    out = strangnas / "out"
    result = runner.invoke(
        app,
        [
            "tertial",
            "render",
            "-w",
            str(strangnas),
            "--tertial",
            "2021-T1",
            "--draft",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (out / "2021-T1.md").is_file()


def test_a_month_saved_as_xlsx_stops_the_weekly_report_too(
    strangnas: Path, runner: CliRunner
) -> None:
    (strangnas / "data" / "incidents" / "2021-02.csv").write_bytes(XLSX)
    result = runner.invoke(
        app, ["week", "build", "-w", str(strangnas), "--week", "2021-W10", "-o", str(strangnas)]
    )
    assert result.exit_code == 1, result.output
    assert "data/incidents/2021-02.csv could not be used" in result.output


def test_a_broken_week_file_in_the_tertial_stops_it_one_outside_does_not(
    strangnas: Path, runner: CliRunner
) -> None:
    weeks = strangnas / "weeks"
    weeks.mkdir()
    (weeks / "2021-W40.yaml").write_text("week: 2021-W40\nmeeting: [\n", encoding="utf-8")
    args = ["tertial", "render", "-w", str(strangnas), "--draft", "-o", str(strangnas / "out")]
    result = runner.invoke(app, [*args, "--tertial", "2021-T1"])
    assert result.exit_code == 0, result.output
    assert "weeks/2021-W40.yaml" in result.output  # skipped, with a warning
    result = runner.invoke(app, [*args, "--tertial", "2021-T3"])
    assert result.exit_code == 1, result.output
    assert "weeks/2021-W40.yaml could not be used" in result.output


def test_fatal_is_what_stops_not_the_code() -> None:
    row = Problem("a.csv", 3, None, "Område", "unknown area", code="not-csv")
    require_complete([row], document="test")  # a code alone decides nothing
    with pytest.raises(DataError) as caught:
        require_complete([row, Problem("b.csv", message="unreadable", fatal=True)], document="x")
    assert caught.value.problems[0] is row  # every problem is reported, not only the fatal
    assert "b.csv could not be used" in str(caught.value)


@pytest.mark.parametrize(
    ("stop_on", "stops"),
    [("fatal", []), ("error", ["error"]), ("warning", ["error", "warning"])],
)
def test_strict_widens_what_stops(stop_on: str, stops: list[str]) -> None:
    for severity in ("error", "warning"):
        problem = Problem("a.csv", 2, message="m", severity=severity)  # type: ignore[arg-type]
        if severity in stops:
            with pytest.raises(DataError):
                require_complete([problem], document="x", stop_on=stop_on)  # type: ignore[arg-type]
        else:
            require_complete([problem], document="x", stop_on=stop_on)  # type: ignore[arg-type]


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")
