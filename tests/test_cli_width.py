"""What est prints does not depend on the terminal's width (issue 13).

Paths, commands and problem lines are meant to be copied, and read by scripts: a long path
printed in a narrow terminal must come out whole on one line, never broken where rich would
wrap it. Every command is run in a workspace whose path is longer than a narrow terminal.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import typer
from conftest import BASIC_PLEDGE, BASIC_SETTINGS, CSV_HEADER, WIDTHS
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.cli.output import console

# Longer than the narrowest width tested, so any wrapping would have to break it.
LONG = "a-folder-whose-name-is-longer-than-a-narrow-terminal-is-wide"
ROWS = (
    "2021-01-04;10:00;Centrum;Klotter;Torget;\n"
    "2021-03-01;10:00;Centrum;Klotter;Torget;\n"
    "2021-03-09;22:15;Sunda;Inbrott;;Fönster krossat\n"
    "2021-03-10;;Atlantis;Stöld;;\n"
    "2021-05-03;09:00;Ramdal;Skadegörelse;;\n"
)

# (id, arguments; {ws} is the workspace, {new} a folder that does not exist yet)
COMMANDS: list[tuple[str, list[str]]] = [
    ("check", ["check", "-w", "{ws}"]),
    ("check-github", ["check", "-w", "{ws}", "--format", "github"]),
    ("check-no-workspace", ["check", "-w", "{new}"]),
    ("check-bad-option", ["check", "-w", "{ws}", "--format", "pdf"]),
    ("week", ["week", "build", "-w", "{ws}", "--week", "2021-W10"]),
    (
        "week-internal",
        ["week", "build", "-w", "{ws}", "--week", "2021-W10", "--include-descriptions"],
    ),
    ("week-strict", ["week", "build", "-w", "{ws}", "--week", "2021-W10", "--strict"]),
    ("week-bad-option", ["week", "build", "-w", "{ws}", "--week", "2021-W10", "-f", "docx"]),
    ("tertial", ["tertial", "render", "-w", "{ws}", "--tertial", "2021-T1", "--draft"]),
    ("pledge", ["pledge", "render", "-w", "{ws}"]),
    ("pledge-missing", ["pledge", "render", "-w", "{ws}", "--pledge", "{new}/2021.yaml"]),
    ("stats", ["stats", "-w", "{ws}", "--week", "2021-W10"]),
    ("categories", ["categories", "-w", "{ws}"]),
    ("schema-out", ["schema", "--out", "{ws}/.est"]),
    ("init", ["init", "{new}", "--year", "2021"]),
]
# Commands whose output names a file or folder by its full path.
PRINTS_PATHS = {
    "check-github",
    "check-no-workspace",
    "week",
    "week-internal",
    "tertial",
    "pledge",
    "pledge-missing",
    "schema-out",
    "init",
}


@pytest.fixture
def long_ws(tmp_path: Path) -> Path:
    root = tmp_path / LONG / "ws"
    files = {
        "est.yaml": BASIC_SETTINGS,
        "pledges/2021.yaml": BASIC_PLEDGE,
        "data/incidents/2021.csv": CSV_HEADER + ROWS,
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def invoke(runner: CliRunner, args: list[str], ws: Path) -> str:
    new = ws.parent / "new-workspace"
    result = runner.invoke(app, [a.format(ws=ws, new=new) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if new.exists():  # `est init` made it: the next run must find it missing again
        shutil.rmtree(new)
    return result.output


@pytest.mark.parametrize(("name", "args"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_no_path_is_broken_across_lines(
    runner: CliRunner, long_ws: Path, name: str, args: list[str]
) -> None:
    output = invoke(runner, args, long_ws)
    if name in PRINTS_PATHS:
        assert LONG in output, output
    # a path broken by a line break no longer contains the whole folder name
    assert output.count(LONG) == output.replace("\n", "").count(LONG), output


@pytest.mark.parametrize(("name", "args"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_output_is_the_same_at_every_width(long_ws: Path, name: str, args: list[str]) -> None:
    outputs = {w: invoke(CliRunner(env={"COLUMNS": str(w)}), args, long_ws) for w in WIDTHS}
    assert outputs[40] == outputs[80] == outputs[200], outputs


def test_written_paths_are_whole_lines_at_40_columns(long_ws: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "40"})
    output = invoke(runner, dict(COMMANDS)["week"], long_ws)
    for ext in ("md", "html"):
        path = long_ws / "reports" / "weekly" / f"2021-W10.{ext}"
        assert f"  skrev {path}" in output.splitlines()


def test_the_width_reaches_rich(tmp_path: Path) -> None:
    """Guard against tests that cannot fail: at COLUMNS=40 rich does wrap a plain print of a
    long path, and est's console does not."""
    path = tmp_path / LONG / "reports" / "2021-W10.md"
    probe = typer.Typer()

    @probe.command()
    def show(est: bool = False) -> None:
        from rich.console import Console

        (console() if est else Console()).print(f"wrote {path}")

    runner = CliRunner(env={"COLUMNS": "40"})
    assert f"wrote {path}" not in runner.invoke(probe, []).output
    assert runner.invoke(probe, ["--est"]).output == f"wrote {path}\n"
