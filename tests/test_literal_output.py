"""What est prints shows text from the files as written (issue 11): rich markup ('[bold]',
'[red]'), emoji codes (':x:' was printed as an emoji) and control characters (an ESC sequence
could clear or recolour the terminal or a CI log) in names, values and file names are printed
literally, in plain and in coloured output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import WorkspaceFactory
from typer.testing import CliRunner, Result

from est_cli.cli import progress
from est_cli.cli.app import app
from est_cli.cli.output import console
from est_cli.cli.words import Say

AREA = "Sunda [bold]x[/bold] :x: [red]"
CATEGORY = "Egen :x: [bold]y[/bold] [red]"
FILE = "data/incidents/[red]f :x:.csv"
BAD = "Atlantis :x: [bold]z[/bold]"
SETTINGS = f"""\
municipality: Testkommun
parties: [Polisen, Testkommun]
areas:
  - id: centrum
    name: Centrum
  - id: sunda
    name: "{AREA}"
    aliases: [Sunda]
categories:
  - id: egen
    name: "{CATEGORY}"
    aliases: [Egen]
"""
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def workspace(make_workspace: WorkspaceFactory) -> Path:
    """Eight quiet weeks of Sunda × Egen, then five in 2021-W10 (a hotspot), and one bad row
    whose area holds markup, an emoji code and an ESC sequence."""
    rows = [f"2021-01-{11 + 7 * i:02d};12:00;Sunda;Egen" for i in range(3)]
    rows += [f"2021-02-{1 + 7 * i:02d};12:00;Sunda;Egen" for i in range(4)]
    rows += ["2021-03-01;12:00;Sunda;Egen"] + ["2021-03-09;20:00;Sunda;Egen"] * 5
    rows += [f"2021-03-10;20:00;{BAD}\x1b[2J;Egen"]
    text = "Datum;Tid;Område;Kategori\n" + "\n".join(rows) + "\n"
    return make_workspace({FILE: text.encode()}, est_yaml=SETTINGS)


def invoke(colour: bool, *args: str) -> Result:
    env = {"FORCE_COLOR": "1"} if colour else {"NO_COLOR": "1"}
    return CliRunner(env=env).invoke(app, list(args))


def shown(result: Result) -> str:
    """The output without est's own colours; the file's text must be in it as written."""
    assert "\x1b[2J" not in result.output  # the file's ESC sequence never reaches the terminal
    assert "❌" not in result.output
    return ANSI.sub("", result.output)


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "coloured"])
def test_check_prints_file_names_and_values_as_written(
    make_workspace: WorkspaceFactory, colour: bool
) -> None:
    root = workspace(make_workspace)
    result = invoke(colour, "check", "--workspace", str(root))
    assert result.exit_code == 1
    out = shown(result)
    assert f"{FILE}:15: fel: Område: '{BAD}\\x1b[2J' is not a known area" in out
    assert f"known: Centrum, {AREA}" in out
    github = invoke(colour, "check", "--workspace", str(root), "--format", "github")
    assert "[red]f %3Ax%3A.csv,line=15" in shown(github) and "\\x1b[2J" in github.output


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "coloured"])
def test_stats_tables_print_names_as_written(
    make_workspace: WorkspaceFactory, colour: bool
) -> None:
    root = workspace(make_workspace)
    result = invoke(colour, "stats", "--workspace", str(root), "--week", "2021-W10")
    assert result.exit_code == 0, result.output
    out = shown(result)
    assert re.search(rf"│ {re.escape(CATEGORY)} +│ +5 │", out), out
    assert re.search(rf"│ {re.escape(AREA)} +│ +5 │", out), out


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "coloured"])
def test_week_build_prints_hotspots_and_problems_as_written(
    make_workspace: WorkspaceFactory, colour: bool
) -> None:
    root = workspace(make_workspace)
    result = invoke(colour, "week", "build", "--workspace", str(root), "--week", "2021-W10")
    assert result.exit_code == 0, result.output
    out = shown(result)
    assert f"  {AREA} × {CATEGORY}: 5 (normalt 1,00/vecka" in out
    assert f"{FILE}:15: fel: Område: '{BAD}\\x1b[2J'" in out


def test_the_reading_spinner_shows_file_names_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    shown_texts: list[str] = []

    class Status:
        def start(self) -> None: ...
        def stop(self) -> None: ...
        def update(self, text: str) -> None:
            shown_texts.append(text)

    class Console:
        def status(self, text: str) -> Status:
            shown_texts.append(text)
            return Status()

    monkeypatch.setattr(progress, "err_console", Console)
    with progress.reading_progress(Say()) as update:
        update(2, 3, FILE)
        update(3, 3, "[bold]b.csv")
    plain = [console().render_str(text).plain for text in shown_texts]
    assert plain == [
        f"Läser händelseexporter (2/3): {FILE}",
        "Läser händelseexporter (3/3): [bold]b.csv",
    ]


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")
