"""What the fuzz campaign (tests/test_fuzz_*.py) found, each pinned by a test of its own."""

from __future__ import annotations

import json

import pytest
from conftest import BASIC_PLEDGE, CSV_HEADER, WorkspaceFactory
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.errors import Problem, printable


def check(root, *args: str):
    return CliRunner().invoke(app, ["check", "--workspace", str(root), *args])


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Cen\ntrum", "Cen\\ntrum"),  # a quoted newline
        ("Cen\rtrum", "Cen\\rtrum"),  # a carriage return would overwrite the line on screen
        ("Cen\x1b[2Jtrum", "Cen\\x1b[2Jtrum"),  # a terminal escape sequence (clear screen)
        ("Cen\u2028trum", "Cen\\u2028trum"),  # Unicode's line separator
        ("Cen\u202etrum", "Cen\\u202etrum"),  # a right-to-left override
    ],
)
def test_a_line_break_or_control_character_in_a_value_stays_on_its_problems_line(
    make_workspace: WorkspaceFactory, raw: str, shown: str
) -> None:
    """Found by the fuzzer: an export cell holding a newline ('"Cen\\ntrum"', quoted) was
    quoted raw in the message, so the problem's line broke in two and the second half named
    no file; a carriage return or an escape sequence made the terminal show something else."""
    csv = CSV_HEADER + f'2021-01-05;12:00;"{raw}";Klotter;;\n'
    root = make_workspace({"data/incidents/a.csv": csv})
    expected = (
        f"data/incidents/a.csv:2: error: Område: '{shown}' is not a known area "
        "(did you mean 'Centrum'?)"
    )
    text = check(root)
    assert text.stdout.splitlines() == [expected, "Checked 2 files, 1 row: 1 error, 0 warnings."]
    github = check(root, "--format", "github")
    assert github.stdout.splitlines()[0].endswith(
        f"::Område: '{shown}' is not a known area (did you mean 'Centrum'?)"
    )
    problem = json.loads(check(root, "--format", "json").stdout)["problems"][0]
    assert problem["message"] == f"'{shown}' is not a known area"


def test_a_line_break_in_a_yaml_value_stays_on_its_problems_line(
    make_workspace: WorkspaceFactory,
) -> None:
    """The same for a YAML value: "polis\\nen" as an activity's owner."""
    pledge = BASIC_PLEDGE.replace("owner: gemensamt", 'owner: "polis\\nen"')
    root = make_workspace({"pledges/2021.yaml": pledge})
    lines = check(root).stdout.splitlines()[1:]  # after the warning: no exports
    assert lines[0].startswith("pledges/2021.yaml:18:16: error: focus_areas[0].activities[0]")
    assert "'polis\\nen' is not one of polisen, kommunen, gemensamt" in lines[0]
    assert len(lines) == 2


def test_printable_keeps_plain_text_and_is_idempotent() -> None:
    """Only what would break the line is escaped; å, ä, ö, emoji and tabs-as-text stay."""
    assert printable("Skadegörelse i Ramdal 🙂 \\n") == "Skadegörelse i Ramdal 🙂 \\n"
    assert printable("a\tb\x00c\x85") == "a\\tb\\x00c\\x85"
    assert printable(printable("a\nb")) == "a\\nb"
    problem = Problem("a\nb.csv", 2, None, "Plats", "x\ny", hint="h\ri")
    assert str(problem) == "a\\nb.csv:2: Plats: x\\ny (h\\ri)"
    assert problem.to_dict()["message"] == "x\ny"  # the cache keeps the value as it was
    assert problem.shown()["message"] == "x\\ny"
