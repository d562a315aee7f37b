"""Small things a reader notices (issue 14.7): plural forms from the catalogue ("1 fil", not
"1 st. filer"), and every command names the files it wrote the same way: relative to the
folder the user stands in."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASIC_PLEDGE, CSV_HEADER

from est_cli.cli.app import app

ROWS = (
    "2021-01-01;00:00;Centrum;Klotter;;\n"
    "2021-02-10;21:00;Atlantis;Klotter;;\n"  # an unknown area: one row excluded
    "2021-04-30;23:00;Centrum;Klotter;;\n"
)
PLEDGE = BASIC_PLEDGE + (
    "    follow_ups:\n      2021-T1: {status: pågår, measures: [Rondering], effect: Bra.}\n"
)


@pytest.fixture
def ws(make_workspace) -> Path:
    return make_workspace({"pledges/2021.yaml": PLEDGE, "data/incidents/a.csv": CSV_HEADER + ROWS})


def test_the_tertial_note_uses_plural_forms(runner, ws: Path) -> None:
    result = runner.invoke(app, ["tertial", "render", "-w", str(ws), "--tertial", "2021-T1"])
    assert result.exit_code == 0, result.output
    md = (ws / "reports/tertial/2021-T1.md").read_text(encoding="utf-8")
    assert "Siffrorna bygger på 2 rapporter om händelser som parterna har lämnat" in md
    assert "Av rapporterna gick 1 inte att använda (till exempel för att området" in md
    assert "st." not in md
    english = runner.invoke(
        app, ["tertial", "render", "-w", str(ws), "--tertial", "2021-T1", "--language", "en"]
    )
    assert english.exit_code == 0, english.output
    md = (ws / "reports/tertial/2021-T1.md").read_text(encoding="utf-8")
    assert "The figures are based on 2 reports of incidents made by the parties" in md
    assert "1 report could not be used (for example because of an unknown area or date)" in md


@pytest.mark.parametrize(
    ("command", "written"),
    [
        (["week", "build", "--week", "2021-W06"], "reports/weekly/2021-W06.md"),
        (["tertial", "render", "--tertial", "2021-T1"], "reports/tertial/2021-T1.md"),
        (["pledge", "render"], "reports/pledge/2021.md"),
        (["schema", "--out", ".est"], ".est/pledge.schema.json"),
    ],
    ids=["week", "tertial", "pledge", "schema"],
)
def test_written_files_are_named_relative_to_the_current_folder(
    runner, ws: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], written: str
) -> None:
    monkeypatch.chdir(ws)
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert f"skrev {written}" in lines, result.output
    assert str(ws) not in result.output


def test_outside_the_current_folder_the_full_path_is_named(runner, ws: Path) -> None:
    result = runner.invoke(app, ["pledge", "render", "-w", str(ws)])
    assert result.exit_code == 0, result.output
    assert f"skrev {ws / 'reports/pledge/2021.md'}" in result.output.splitlines()
