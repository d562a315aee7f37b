"""Startup: `est --help` stays light (no pandas, no matplotlib), and lists every command
DESIGN.md promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from est_cli.cli.app import app

# The command table of DESIGN.md ("Commands").
DESIGN_COMMANDS = [
    ("init",),
    ("check",),
    ("week", "build"),
    ("tertial", "render"),
    ("pledge", "render"),
    ("stats",),
    ("schema",),
]
# Commands DESIGN.md promises that later issues build; each moves up when it lands.
PLANNED_COMMANDS = [
    ("import", "polisen"),
    ("month", "build"),
    ("survey", "questions"),
    ("lagesbild", "build"),
    ("insats", "evaluate"),
    ("cache", "clear"),
]
DESIGN_MD = Path(__file__).resolve().parents[2] / "shared" / "DESIGN.md"

HEAVY = ("pandas", "matplotlib")

PROBE = """
import sys
sys.argv = ["est", *{args!r}]
from est_cli.cli.app import main
try:
    main()
except SystemExit:
    pass
loaded = sorted({{m.split(".")[0] for m in sys.modules}} & {heavy!r})
print("HEAVY:", ",".join(loaded))
"""


def imported_heavy(*args: str, cwd: Path | None = None) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args), heavy=set(HEAVY))],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("HEAVY:"), proc.stdout + proc.stderr
    return [m for m in last.removeprefix("HEAVY:").strip().split(",") if m]


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["check", "--help"],
        ["week", "--help"],
        ["week", "build", "--help"],
        ["tertial", "render", "--help"],
        ["pledge", "render", "--help"],
        ["stats", "--help"],
        ["schema", "--help"],
        ["init", "--help"],
    ],
    ids=" ".join,
)
def test_help_does_not_import_pandas_or_matplotlib(args: list[str]) -> None:
    assert imported_heavy(*args) == []


def test_the_probe_would_notice_pandas() -> None:
    """Guard against a probe that can never fail: importing pandas shows up."""
    proc = subprocess.run(
        [sys.executable, "-c", "import sys, pandas; print('pandas' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == "True"


def test_check_runs_without_pandas(tmp_path: Path) -> None:
    """`est check` (run on every pull request) needs no data frames either."""
    from conftest import BASIC_PLEDGE, BASIC_SETTINGS

    (tmp_path / "est.yaml").write_text(BASIC_SETTINGS, encoding="utf-8")
    (tmp_path / "pledges").mkdir()
    (tmp_path / "pledges" / "2021.yaml").write_text(BASIC_PLEDGE, encoding="utf-8")
    assert imported_heavy("check", "-w", str(tmp_path)) == []


def help_text(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    return result.output


def listed_commands(text: str) -> set[str]:
    """Command names from the 'Commands' panel of a help screen."""
    panel = text.split("Commands", 1)[1]
    return set(re.findall(r"^\W*\s([a-z][a-z-]*)\s{2,}", panel, flags=re.M))


def test_every_design_command_is_in_help() -> None:
    top = listed_commands(help_text())
    assert {c[0] for c in DESIGN_COMMANDS} <= top
    for command in DESIGN_COMMANDS:
        if len(command) == 2:
            assert command[1] in listed_commands(help_text(command[0])), command


def test_design_md_table_matches_the_list_above() -> None:
    if not DESIGN_MD.is_file():
        pytest.skip("DESIGN.md is kept beside the repository, not in it")
    rows = re.findall(r"^\| `est ([a-z ]+?)(?: \[| [A-Z]|`)", DESIGN_MD.read_text(), flags=re.M)
    assert sorted(tuple(r.split()) for r in rows) == sorted(DESIGN_COMMANDS + PLANNED_COMMANDS)


def test_planned_commands_are_not_built_yet() -> None:
    """A command that lands moves from PLANNED_COMMANDS to DESIGN_COMMANDS (and its test)."""
    top = listed_commands(help_text())
    for command in PLANNED_COMMANDS:
        built = command[0] in top and command[1] in listed_commands(help_text(command[0]))
        assert not built, command


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert re.fullmatch(r"est \d+\.\d+\.\d+\S*\n", result.output)
    assert result.exit_code == 0
