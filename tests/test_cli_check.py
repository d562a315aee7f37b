"""`est check` as a user and CI run it: output formats, exit codes, the summary line,
every problem in one run, and input files left untouched."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BASIC_PLEDGE, BASIC_SETTINGS, CSV_HEADER
from typer.testing import CliRunner

from est_cli.cli.app import app

# Every test here runs at each terminal width (conftest.WIDTHS).
pytestmark = pytest.mark.usefixtures("width", "english_problems")

GOOD_ROWS = (
    "2021-01-05;21:40;Centrum;Skadegörelse;Torget;Krossad ruta\n"
    "2021-01-06;;Ramdalsområdet;klotter;Skolan;Tags på väggen\n"
)

# One workspace, five broken files and one warning.
BROKEN: dict[str, str | bytes] = {
    "pledges/2021.yaml": BASIC_PLEDGE.replace("owner: gemensamt", "owner: polis"),
    "pledges/2022.yaml": BASIC_PLEDGE.replace("valid_from: 2021-01-01", "valid_from: 2022-01-01")
    .replace("valid_to: 2021-12-31", "valid_to: 2022-12-31")
    .replace(
        "target: {count: 4, unit: trygghetsvandringar}",
        "follow_ups: {2022-T1: {status: pågår, progress: 1}}",
    ),
    "weeks/2021-W05.yaml": "week: 2021-W06\nmeeting_date: 2021-02-11\nassessment: Lugnt.\n",
    "data/incidents/jan.csv": CSV_HEADER + GOOD_ROWS + "2021-01-32;;Sunda;Klotter;;\n",
    "data/incidents/feb.csv": CSV_HEADER + "2021-02-01;10:00;Sundaa;Klotter;;\n",
    "data/incidents/mar.csv": "",
}

EXPECTED_BROKEN = [
    "data/incidents/feb.csv:2: fel: Område: 'Sundaa' is not a known area (did you mean 'Sunda'?)",
    "data/incidents/jan.csv:4: fel: Datum: '2021-01-32' is not a real date; expected a date "
    "like 2026-03-14, 2026-03-14 18:30, 14/3/2026 or 14 mars 2026",
    "data/incidents/mar.csv: fel: the file is empty (export it again, or delete it)",
    "pledges/2021.yaml:18:16: fel: focus_areas[0].activities[0].owner: 'polis' is not one of "
    "polisen, kommunen, gemensamt (did you mean 'polisen'?)",
    "pledges/2022.yaml:19:57: varning: focus_areas[0].activities[0].follow_ups.2022-T1."
    "progress: progress is given but the activity has no target (add a target (count and "
    "unit) to the activity)",
    "weeks/2021-W05.yaml:1:7: fel: week: the file is named 2021-W05.yaml but says week "
    "2021-W06 (rename it to 2021-W06.yaml or correct 'week')",
]


def check(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["check", *args])


def file_hashes(root: Path) -> dict[str, str]:
    """Every file of the workspace but est's own parse cache (.est/), by content."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != ".est"
    }


@pytest.fixture
def broken(make_workspace) -> Path:  # type: ignore[no-untyped-def]
    return make_workspace(BROKEN)


@pytest.fixture
def clean(make_workspace) -> Path:  # type: ignore[no-untyped-def]
    return make_workspace(
        {"pledges/2021.yaml": BASIC_PLEDGE, "data/incidents/jan.csv": CSV_HEADER + GOOD_ROWS}
    )


def test_clean_workspace_exits_0_with_summary(clean: Path) -> None:
    result = check("-w", str(clean))
    assert result.output == "Kontrollerade 3 filer, 2 rader: 0 fel, 0 varningar.\n"
    assert result.exit_code == 0


def test_every_problem_in_one_run(broken: Path) -> None:
    result = check("-w", str(broken))
    lines = [line for line in result.output.splitlines() if not line.startswith("    ")]
    assert lines[:-1] == EXPECTED_BROKEN
    # est.yaml + 2 pledges + 1 week + 3 exports; 3 + 1 rows (the empty file has none)
    assert lines[-1] == "Kontrollerade 7 filer, 4 rader: 5 fel, 1 varning."
    assert result.exit_code == 1


def test_broken_settings_do_not_hide_pledge_and_week_problems(make_workspace) -> None:  # type: ignore[no-untyped-def]
    root = make_workspace(
        {
            "est.yaml": BASIC_SETTINGS.replace("municipality:", "kommun:"),
            "pledges/2021.yaml": BROKEN["pledges/2021.yaml"],
            "weeks/2021-W05.yaml": "week: 2021-W5\nmeeting_date: 2021-02-04\nassessment: x\n",
        }
    )
    result = check("-w", str(root))
    assert result.output.splitlines() == [
        "est.yaml:1:1: fel: municipality: missing required field 'municipality'",
        "est.yaml:1:1: fel: kommun: unknown key 'kommun' (allowed keys: municipality, "
        "municipality_code, parties, language, timezone, areas, default_categories, "
        "categories, sources, publication, weekly, survey, geometry, polisen, evaluation)",
        "pledges/2021.yaml:18:16: fel: focus_areas[0].activities[0].owner: 'polis' is not one "
        "of polisen, kommunen, gemensamt (did you mean 'polisen'?)",
        "weeks/2021-W05.yaml:1:7: fel: week: '2021-W5' is not an ISO week; expected YYYY-Www, "
        "e.g. 2026-W47",
        "Kontrollerade 3 filer, 0 rader: 4 fel, 0 varningar.",
    ]
    assert result.exit_code == 1


def test_warnings_pass_unless_strict(make_workspace) -> None:  # type: ignore[no-untyped-def]
    root = make_workspace({"pledges/2021.yaml": BASIC_PLEDGE})  # no incident files at all
    expected = (
        "est.yaml:1:1: varning: sources.incidents: no incident files match data/incidents/*.csv "
        "(put CSV exports there, or change sources.incidents.files in est.yaml)\n"
        "Kontrollerade 2 filer, 0 rader: 0 fel, 1 varning.\n"
    )
    relaxed = check("-w", str(root))
    assert (relaxed.output, relaxed.exit_code) == (expected, 0)
    strict = check("-w", str(root), "--strict")
    assert (strict.output, strict.exit_code) == (expected, 1)


def test_github_format_relative_to_current_folder(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken)
    result = check("--format", "github")
    lines = result.output.splitlines()
    assert lines[0] == (
        "::error file=data/incidents/feb.csv,line=2,title=est unknown-area::Område: 'Sundaa' "
        "is not a known area (did you mean 'Sunda'?)"
    )
    assert lines[2] == (
        "::error file=data/incidents/mar.csv,title=est empty-file::the file is empty "
        "(export it again, or delete it)"
    )
    assert lines[3] == (
        "::error file=pledges/2021.yaml,line=18,col=16,title=est bad-choice::"
        "focus_areas[0].activities[0].owner: 'polis' is not one of polisen, kommunen, "
        "gemensamt (did you mean 'polisen'?)"
    )
    assert lines[4].startswith("::warning file=pledges/2022.yaml,line=19,col=57,title=est ")
    assert len(lines) == len(EXPECTED_BROKEN) + 1
    assert lines[-1] == "Kontrollerade 7 filer, 4 rader: 5 fel, 1 varning."
    assert result.exit_code == 1


def test_github_paths_when_workspace_is_elsewhere(
    broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The repository root is the current folder, the workspace a subfolder of it …
    monkeypatch.chdir(broken.parent)
    lines = check("-w", broken.name, "--format", "github").output.splitlines()
    assert lines[0].startswith("::error file=ws/data/incidents/feb.csv,line=2,title=")
    assert lines[3].startswith("::error file=ws/pledges/2021.yaml,line=18,col=16,title=")
    # … or a sibling folder.
    other = tmp_path / "elsewhere"
    other.mkdir()
    monkeypatch.chdir(other)
    lines = check("-w", str(broken), "--format", "github").output.splitlines()
    assert lines[0].startswith("::error file=../ws/data/incidents/feb.csv,line=2,title=")


def test_github_escapes_newlines_and_property_separators(make_workspace) -> None:  # type: ignore[no-untyped-def]
    root = make_workspace({"data/incidents/a,b.csv": "%"})
    lines = check("-w", str(root), "--format", "github").output.splitlines()
    assert lines[0].startswith("::error file=")
    assert "a%2Cb.csv,line=1,title=est not-csv::the first line '%25' has no" in lines[0]


def test_json_format(broken: Path) -> None:
    result = check("-w", str(broken), "--format", "json")
    data = json.loads(result.output)
    assert data["summary"] == {
        "files": 7,
        "rows": 4,
        "errors": 5,
        "warnings": 1,
        "ignored": 0,
        "ignored_by": {},
    }
    assert len(data["problems"]) == 6
    first = data["problems"][0]
    assert first == {
        "file": "data/incidents/feb.csv",
        "line": 2,
        "col": None,
        "field": "Område",
        "severity": "error",
        "code": "unknown-area",
        "message": "'Sundaa' is not a known area",
        "hint": "did you mean 'Sunda'?",
        "fatal": False,  # the row is excluded and counted; the file is still used
        "fix": "# in est.yaml, add it to the aliases of area 'sunda':\nareas:\n  - id: sunda\n"
        '    aliases: ["Sundaa"]  # beside the aliases already there',
    }
    assert [p["severity"] for p in data["problems"]].count("warning") == 1
    assert result.exit_code == 1


def test_json_stays_parseable_with_forced_colours(broken: Path) -> None:
    """CI runners often force colours; JSON output must not carry colour codes."""
    env = {**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    proc = subprocess.run(
        [sys.executable, "-m", "est_cli", "check", "-w", str(broken), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "\x1b[" not in proc.stdout
    assert json.loads(proc.stdout)["summary"]["errors"] == 5
    assert proc.returncode == 1


def test_no_workspace_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = check()
    assert result.exit_code == 2
    assert "no est.yaml found in" in result.output
    assert "est init DIR" in result.output


def test_workspace_option_without_est_yaml(tmp_path: Path) -> None:
    result = check("-w", str(tmp_path))
    assert result.exit_code == 2
    assert "no est.yaml here; is this an est workspace?" in result.output


def test_unknown_format_is_a_usage_error(clean: Path) -> None:
    result = check("-w", str(clean), "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.output


def test_finds_workspace_from_a_subfolder(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(clean / "pledges")
    result = check()
    assert result.output == "Kontrollerade 3 filer, 2 rader: 0 fel, 0 varningar.\n"


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_input_files_are_never_modified(
    broken: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pn = CSV_HEADER + "2021-01-05;21:40;Centrum;Klotter;Torget;Anmälare 850312-1231\n"
    (broken / "data/incidents/pn.csv").write_text(pn, encoding="utf-8")
    (broken / "data/incidents/cp.csv").write_bytes((CSV_HEADER + GOOD_ROWS).encode("cp1252"))
    monkeypatch.chdir(broken)
    before = file_hashes(broken)
    result = check("--format", fmt)
    assert result.exit_code == 1
    assert file_hashes(broken) == before
    assert (broken / "data/incidents/pn.csv").read_text(encoding="utf-8") == pn
