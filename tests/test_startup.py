"""Startup: `est --help`, `est --version` and every `est COMMAND --help` load no heavy library
(issue 7), and `est --help` lists every command DESIGN.md promises.

Nothing here is timed (a timed test fails on a busy machine); benchmarks/startup.py measures
the start-up time itself.
"""

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
    ("import", "polisen"),
    ("cache", "clear"),
    ("survey", "questions"),
    ("month", "build"),
    ("lagesbild", "build"),
    ("insats", "evaluate"),
]
# Commands est has beyond DESIGN.md's table (issue 14.6: the categories with their aliases).
EXTRA_COMMANDS = [("categories",)]
# Commands DESIGN.md promises that later issues build; each moves up when it lands.
PLANNED_COMMANDS: list[tuple[str, ...]] = []
DESIGN_MD = Path(__file__).resolve().parents[2] / "shared" / "DESIGN.md"

# Libraries that load only inside the commands that use them (top-level import names).
HEAVY = ("pandas", "pyarrow", "matplotlib", "pydantic", "yaml", "jinja2", "babel", "weasyprint")
# Not heavy, but not needed to show help either: nothing is printed through rich there.
AT_START = (*HEAVY, "rich")

PROBE = """
import sys
sys.argv = ["est", *{args!r}]
from est_cli.cli.app import main
try:
    main()
except SystemExit:
    pass
loaded = sorted({{m.split(".")[0] for m in sys.modules}} & {watch!r})
print("LOADED:", ",".join(loaded))
"""


def imported(*args: str, watch: tuple[str, ...] = AT_START, cwd: Path | None = None) -> list[str]:
    """Which of `watch` an `est ARGS` process has imported by the time it ends."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args), watch=set(watch))],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("LOADED:"), proc.stdout + proc.stderr
    return [m for m in last.removeprefix("LOADED:").strip().split(",") if m]


HELP_SCREENS = [
    ["--help"],
    ["--version"],
    [],  # no command: the help screen
    ["check", "--help"],
    ["week", "--help"],
    ["week", "build", "--help"],
    ["tertial", "--help"],
    ["tertial", "render", "--help"],
    ["pledge", "--help"],
    ["pledge", "render", "--help"],
    ["stats", "--help"],
    ["categories", "--help"],
    ["schema", "--help"],
    ["init", "--help"],
    ["import", "--help"],
    ["import", "polisen", "--help"],
    ["cache", "--help"],
    ["cache", "clear", "--help"],
    ["survey", "--help"],
    ["survey", "questions", "--help"],
    ["month", "--help"],
    ["month", "build", "--help"],
    ["lagesbild", "--help"],
    ["lagesbild", "build", "--help"],
    ["insats", "--help"],
    ["insats", "evaluate", "--help"],
]


@pytest.mark.parametrize("args", HELP_SCREENS, ids=lambda a: " ".join(a) or "no-args")
def test_help_and_version_load_no_heavy_library(args: list[str]) -> None:
    assert imported(*args) == []


def test_every_command_has_its_help_screen_probed() -> None:
    probed = {tuple(a[:-1]) for a in HELP_SCREENS if a[-1:] == ["--help"]}
    assert set(DESIGN_COMMANDS + EXTRA_COMMANDS) <= probed


@pytest.mark.parametrize("module", HEAVY)
def test_the_probe_would_notice(module: str) -> None:
    """Guard against a probe that can never fail: a heavy import shows up in the probe."""
    pytest.importorskip(module)
    proc = subprocess.run(
        [sys.executable, "-c", f"import sys, {module}; print({module!r} in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == "True"


def test_the_probe_sees_what_a_command_loads() -> None:
    """`est schema` builds its JSON Schema with pydantic; the probe of the same process sees it."""
    assert "pydantic" in imported("schema", "pledge")


def test_check_runs_without_matplotlib(tmp_path: Path) -> None:
    """`est check` (run on every pull request) validates with pydantic and PyYAML, and reads
    the exports columnar (pandas, pyarrow), but draws nothing."""
    from conftest import BASIC_PLEDGE, BASIC_SETTINGS

    (tmp_path / "est.yaml").write_text(BASIC_SETTINGS, encoding="utf-8")
    (tmp_path / "pledges").mkdir()
    (tmp_path / "pledges" / "2021.yaml").write_text(BASIC_PLEDGE, encoding="utf-8")
    assert imported("check", "-w", str(tmp_path), watch=("matplotlib",)) == []


def test_weasyprint_loads_only_for_a_pdf(tmp_path: Path) -> None:
    """Importing WeasyPrint takes seconds: a build of the other formats never pays for it,
    and the same probe sees it once a PDF is asked for."""
    from conftest import demo_without_overrides

    demo = str(demo_without_overrides(tmp_path / "demo"))
    args = ["pledge", "render", "-w", demo, "--pledge", f"{demo}/pledges/2021.yaml", "--out"]
    assert imported(*args, str(tmp_path / "a"), "-f", "md,html", watch=("weasyprint",)) == []
    pdf = imported(*args, str(tmp_path / "b"), "-f", "pdf", watch=("weasyprint",))
    assert pdf == ["weasyprint"]
    assert (tmp_path / "b" / "2021.pdf").read_bytes().startswith(b"%PDF-")


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
    assert {c[0] for c in DESIGN_COMMANDS + EXTRA_COMMANDS} <= top
    for command in DESIGN_COMMANDS + EXTRA_COMMANDS:
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
