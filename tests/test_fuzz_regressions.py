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
    """Found in the fuzz campaign: an export cell holding a newline ('"Cen\\ntrum"', quoted) was
    quoted raw in the message, so the problem's line broke in two and the second half named
    no file; a carriage return or an escape sequence made the terminal show something else."""
    csv = CSV_HEADER + f'2021-01-05;12:00;"{raw}";Klotter;;\n'
    root = make_workspace({"data/incidents/a.csv": csv})
    expected = f"data/incidents/a.csv:2: fel: Område: '{shown}' is not a known area ("
    text = check(root)
    first, *snippet, summary = text.stdout.splitlines()
    assert (
        first.startswith(expected)
        and summary == "Kontrollerade 2 filer, 1 rad: 1 fel, 0 varningar."
    )
    assert all(line.startswith("    ") for line in snippet)  # the est.yaml that would fix it
    github = check(root, "--format", "github")
    assert f"::Område: '{shown}' is not a known area (" in github.stdout.splitlines()[0]
    problem = json.loads(check(root, "--format", "json").stdout)["problems"][0]
    assert problem["message"] == f"'{shown}' is not a known area"


def test_a_line_break_in_a_yaml_value_stays_on_its_problems_line(
    make_workspace: WorkspaceFactory,
) -> None:
    """The same for a YAML value: "polis\\nen" as an activity's owner."""
    pledge = BASIC_PLEDGE.replace("owner: gemensamt", 'owner: "polis\\nen"')
    root = make_workspace({"pledges/2021.yaml": pledge})
    lines = check(root).stdout.splitlines()[1:]  # after the warning: no exports
    assert lines[0].startswith("pledges/2021.yaml:18:16: fel: focus_areas[0].activities[0]")
    assert "'polis\\nen' is not one of polisen, kommunen, gemensamt" in lines[0]
    assert len(lines) == 2


def test_printable_keeps_plain_text_and_is_idempotent() -> None:
    """Only what would break the line is escaped; å, ä, ö, emoji and tabs-as-text stay."""
    assert printable("Skadegörelse i Ramdal 🙂 \\n") == "Skadegörelse i Ramdal 🙂 \\n"
    assert printable("a\tb\x00c\x85") == "a\\tb\\x00c\\x85"
    assert printable("\ufeffDatum\u200b") == "\\ufeffDatum\\u200b"  # invisible, so shown
    assert printable(printable("a\nb")) == "a\\nb"
    problem = Problem("a\nb.csv", 2, None, "Plats", "x\ny", hint="h\ri")
    assert str(problem) == "a\\nb.csv:2: Plats: x\\ny (h\\ri)"
    assert problem.to_dict()["message"] == "x\ny"  # the cache keeps the value as it was
    assert problem.shown()["message"] == "x\\ny"


def _run(root, *args: str):
    result = CliRunner().invoke(app, [*args, "--workspace", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize(
    ("line", "replacement", "where"),
    [
        ("valid_to: 2021-12-31", "valid_to: 9999-12-31", "pledges/2021.yaml:5:11: fel: valid_to"),
        ("valid_from: 2021-01-01", "valid_from: 0001-01-01", "pledges/2021.yaml:4:13: fel:"),
    ],
)
def test_a_pledge_valid_for_millennia_is_a_located_error_not_a_crash(
    make_workspace: WorkspaceFactory, line: str, replacement: str, where: str
) -> None:
    """Found in the fuzz campaign: a pledge valid to 9999-12-31 (or from year 1) made `est check`
    crash with a traceback (its tertials were counted out to year 9999, past the periods'
    range), and `est tertial render` stop with 'year 2201 is out of range' naming no file."""
    root = make_workspace({"pledges/2021.yaml": BASIC_PLEDGE.replace(line, replacement)})
    checked = _run(root, "check")
    assert checked.exit_code == 1
    (problem,) = [ln for ln in checked.stdout.splitlines() if ": fel: " in ln]
    assert problem.startswith(where)
    assert "is not a plausible date; expected a year from 1900 to 2200" in problem
    rendered = _run(root, "tertial", "render", "--tertial", "2021-T1")
    assert rendered.exit_code == 1
    assert where in rendered.stderr


def test_an_insats_ending_in_year_9999_is_a_located_error_not_a_crash(
    make_workspace: WorkspaceFactory,
) -> None:
    """Found in the fuzz campaign: an insats with `end: 9999-12-31` passed `est check` and made
    `est tertial render` crash (OverflowError) counting the days after it."""
    pledge = BASIC_PLEDGE + "insatser:\n  - title: Riktad insats\n    start: 2021-02-01\n"
    pledge += "    end: 9999-12-31\n"
    root = make_workspace({"pledges/2021.yaml": pledge})
    rendered = _run(root, "tertial", "render", "--tertial", "2021-T1")
    assert rendered.exit_code == 1
    assert "pledges/2021.yaml:23:10: fel: insatser[0].end: 9999-12-31 is not a plausible date" in (
        rendered.stderr
    )


def test_a_target_or_progress_of_thirty_digits_is_a_located_error_not_a_crash(
    make_workspace: WorkspaceFactory,
) -> None:
    """Found in the fuzz campaign: a progress of 10**30 passed `est check` and made `est tertial
    render` crash in Babel's number formatting (decimal.InvalidOperation)."""
    huge = "1" + "0" * 30
    pledge = BASIC_PLEDGE.replace(
        "target: {count: 4",
        f"follow_ups: {{2021-T1: {{status: pågår, progress: {huge}}}}}\n        target: {{count: 4",
    )
    root = make_workspace({"pledges/2021.yaml": pledge})
    checked = _run(root, "check")
    assert checked.exit_code == 1
    assert (
        "focus_areas[0].activities[0].follow_ups.2021-T1.progress: expected a number of at most "
        f"1000000, found {huge}" in checked.stdout
    )
    assert _run(root, "tertial", "render", "--tertial", "2021-T1").exit_code == 1


def test_a_follow_up_of_year_0000_is_a_located_error_not_a_usage_error(
    make_workspace: WorkspaceFactory,
) -> None:
    """Found in the fuzz campaign: a follow-up keyed '0000-T1' was only a warning ('outside the
    pledge's validity'), and `est tertial render` then stopped with 'year 0 is out of range'
    (exit 2, as if the command were wrong, naming no file)."""
    pledge = BASIC_PLEDGE.replace(
        "target: {count: 4", "follow_ups: {0000-T1: {status: pågår}}\n        target: {count: 4"
    )
    root = make_workspace({"pledges/2021.yaml": pledge})
    checked = _run(root, "check")
    assert checked.exit_code == 1
    assert (
        "pledges/2021.yaml:19:22: fel: focus_areas[0].activities[0].follow_ups.0000-T1: "
        "'0000-T1': the year is out of range; expected 1900–2200" in checked.stdout
    )
    rendered = _run(root, "tertial", "render", "--tertial", "2021-T1")
    assert rendered.exit_code == 1
    assert "pledges/2021.yaml:19:22: fel:" in rendered.stderr


SOURCE = "sources:\n  incidents:\n    - files: [data/incidents/*.csv, '{}']\n"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("/etc/*", "'/etc/*' is an absolute path: est reads only files inside the workspace"),
        ("/", "'/' is an absolute path: est reads only files inside the workspace"),
        (".", "'.' names no files; write a pattern such as data/incidents/*.csv"),
        ("./", "'./' names no files; write a pattern such as data/incidents/*.csv"),
    ],
)
def test_an_absolute_or_empty_files_pattern_is_a_located_error_not_a_crash(
    make_workspace: WorkspaceFactory, pattern: str, message: str
) -> None:
    """Found in the fuzz campaign: `files: ['/etc/*']` or `files: ['.']` in est.yaml made every
    command that reads exports crash in pathlib's glob (NotImplementedError, IndexError)."""
    from conftest import BASIC_SETTINGS

    root = make_workspace(est_yaml=BASIC_SETTINGS + SOURCE.format(pattern))
    checked = _run(root, "check")
    assert checked.exit_code == 1
    assert checked.stdout.startswith(
        f"est.yaml:16:37: fel: sources.incidents[0].files[1]: {message}"
    )
    assert _run(root, "stats").exit_code == 1


def test_an_empty_list_of_sources_is_a_located_error(make_workspace: WorkspaceFactory) -> None:
    """Found in the fuzz campaign: `sources: {incidents: []}` gave a coverage warning located at
    an empty file name (': varning: …')."""
    from conftest import BASIC_SETTINGS

    root = make_workspace(est_yaml=BASIC_SETTINGS + "sources:\n  incidents: []\n")
    checked = _run(root, "check")
    assert checked.exit_code == 1
    assert checked.stdout.startswith(
        "est.yaml:15:14: fel: sources.incidents: must not be empty; expected at least one item"
    )
    rendered = _run(root, "tertial", "render", "--tertial", "2021-T1")
    assert rendered.exit_code == 1
    assert all(not line.startswith(":") for line in rendered.stderr.splitlines())


def test_a_value_longer_than_pythons_csv_field_limit_is_read_not_a_crash(
    make_workspace: WorkspaceFactory,
) -> None:
    """Found in the fuzz campaign: a description of 200,000 characters in a file with a short row
    (which is read by Python's csv module, not Arrow) crashed every command with
    `_csv.Error: field larger than field limit (131072)`."""
    csv = CSV_HEADER + "2021-01-05;12:00;Centrum;Klotter;Torget;" + "x" * 200_000 + "\n"
    csv += "2021-01-06;12:00;Sunda;Klotter\n"
    root = make_workspace({"data/incidents/a.csv": csv})
    checked = _run(root, "check")
    assert checked.stdout.splitlines()[-1] == "Kontrollerade 2 filer, 2 rader: 0 fel, 0 varningar."
    assert checked.exit_code == 0


@pytest.mark.parametrize("value", ["1" + "0" * 400, "1e400", "-inf", "nan"])
def test_a_coordinate_no_float_can_hold_is_left_out_with_a_warning(
    make_workspace: WorkspaceFactory, value: str
) -> None:
    """Found in the fuzz campaign: a Lat of 400 digits crashed every command (OverflowError:
    int too large to convert to float); '1e400', '-inf' and 'nan' were taken silently as
    infinite or missing."""
    csv = f"Datum;Område;Kategori;Lat;Lon\n2021-01-05;Centrum;Klotter;{value};18,1\n"
    root = make_workspace({"data/incidents/a.csv": csv})
    checked = _run(root, "check")
    assert checked.stdout.splitlines()[0] == (
        f"data/incidents/a.csv:2: varning: Lat: '{value}' is not a decimal number; "
        "the value is left out"
    )
    assert checked.exit_code == 0


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2200-12-31T23:59:59-12:00", "is not a plausible date"),  # 2201-01-01 here
        ("1850-06-01", "is not a plausible date"),
        ("2250-06-01 12:00", "is not a plausible date"),
    ],
)
def test_an_incident_outside_the_years_of_the_periods_is_a_located_error(
    make_workspace: WorkspaceFactory, when: str, expected: str
) -> None:
    """Found in the fuzz campaign: exports accepted any date pandas can hold (1678–2262), periods
    only the years 1900–2200, so a row dated 2250 (or 2200-12-31 at -12:00, which is 2201
    in Stockholm) passed `est check` and then stopped `est week build` with 'year 2201 is
    out of range' (exit 2, naming no file)."""
    csv = f"Tidpunkt;Område;Kategori\n2021-01-05 12:00;Centrum;Klotter\n{when};Centrum;Klotter\n"
    root = make_workspace({"data/incidents/a.csv": csv})
    checked = _run(root, "check")
    assert checked.stdout.startswith(f"data/incidents/a.csv:3: fel: Tidpunkt: '{when}' {expected}")
    built = _run(root, "week", "build", "--week", "2021-W01", "--format", "md")
    assert built.exit_code == 0, built.stderr


def test_the_week_after_the_last_plausible_day_can_be_counted(
    make_workspace: WorkspaceFactory,
) -> None:
    """2200-12-31 is in ISO week 2201-W01, and the year before 1900-W05 is 1899: periods
    made from plausible dates (a row's week, a comparison) are not refused."""
    csv = CSV_HEADER + "1900-02-01;12:00;Centrum;Klotter;;\n2200-12-31;12:00;Centrum;Klotter;;\n"
    root = make_workspace({"data/incidents/a.csv": csv})
    assert _run(root, "check").exit_code == 0
    for week in ("1900-W05", "2200-W52"):
        built = _run(root, "week", "build", "--week", week, "--format", "md")
        assert built.exit_code == 0, built.stderr
    assert _run(root, "stats", "--tertial", "1900-T1").exit_code == 0


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")
