"""Nothing unfinished is published (issue 14.4), and no period without data is shown as if it
had none (issue 14.5).

A pledge that still holds `est init`'s placeholders stops `est tertial render` and `est
pledge render` with an error at each placeholder's line, with or without --strict; `est check`
warns there. A tertial the exports do not reach stops the render; `est stats` with no
options, past the data, names the latest week with data and the command for it, as
`est week build` does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BASIC_PLEDGE, CSV_HEADER

from est_cli.cli.app import app
from est_cli.load.placeholders import LAGESBILD_PLACEHOLDERS, PLACEHOLDERS

ROWS = "2021-03-09;13:00;Sunda;Inbrott;;\n2021-05-03;08:00;Ramdal;Klotter;;\n"


@pytest.fixture
def fresh(runner, tmp_path: Path) -> Path:
    """`est init`'s workspace, untouched."""
    root = tmp_path / "fresh"
    assert runner.invoke(app, ["init", str(root), "--year", "2021"]).exit_code == 0
    return root


def test_every_placeholder_is_in_the_skeleton(fresh: Path) -> None:
    text = (fresh / "pledges/2021.yaml").read_text(encoding="utf-8")
    for placeholder in PLACEHOLDERS:
        assert placeholder in text, placeholder


def test_check_says_the_pledge_is_still_the_skeleton(runner, fresh: Path) -> None:
    result = runner.invoke(app, ["check", "-w", str(fresh)])
    assert result.exit_code == 0  # a new workspace has no errors
    line = (
        "pledges/2021.yaml:12:11: varning: signatories[0].name: 'Förnamn Efternamn' is the "
        "placeholder est init wrote: the pledge is still the skeleton"
    )
    assert line in result.output
    assert "pledges/2021.yaml:19:10: varning: purpose:" in result.output
    assert runner.invoke(app, ["check", "-w", str(fresh), "--strict"]).exit_code == 1


@pytest.mark.parametrize(
    "command",
    [["tertial", "render", "--tertial", "2021-T1"], ["pledge", "render"]],
    ids=["tertial", "pledge"],
)
def test_a_render_refuses_the_skeleton_without_strict(runner, fresh: Path, command) -> None:
    result = runner.invoke(app, [*command, "-w", str(fresh)])
    assert result.exit_code == 1, result.output
    assert "pledges/2021.yaml:12:11: fel: signatories[0].name: 'Förnamn Efternamn'" in (
        result.output
    )
    assert "Stoppat: pledges/2021.yaml is still the skeleton est init wrote" in result.output
    assert not (fresh / "reports" / command[0]).exists()


def test_a_filled_in_pledge_renders(runner, fresh: Path) -> None:
    path = fresh / "pledges/2021.yaml"
    text = path.read_text(encoding="utf-8")
    for n, placeholder in enumerate(PLACEHOLDERS):
        text = text.replace(placeholder, f"Riktig text {n}")
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["pledge", "render", "-w", str(fresh), "--pledge", str(path)])
    assert result.exit_code == 0, result.output
    assert (fresh / "reports/pledge/2021.html").is_file()


@pytest.fixture
def ws(make_workspace) -> Path:
    return make_workspace(
        {"pledges/2021.yaml": BASIC_PLEDGE, "data/incidents/a.csv": CSV_HEADER + ROWS}
    )


def test_a_tertial_without_any_data_stops_the_render(runner, ws: Path) -> None:
    result = runner.invoke(app, ["tertial", "render", "-w", str(ws), "--tertial", "2021-T3"])
    assert result.exit_code == 1, result.output
    assert "the incident data ends on 2021-05-03, before tertial 2021-T3" in result.output
    assert "est tertial render --tertial 2021-T2" in result.output
    assert not (ws / "reports").exists()
    covered = runner.invoke(
        app, ["tertial", "render", "-w", str(ws), "--tertial", "2021-T1", "--draft"]
    )
    assert covered.exit_code == 0, covered.output


def test_stats_without_options_names_the_latest_week_with_data(runner, ws: Path) -> None:
    result = runner.invoke(app, ["stats", "-w", str(ws)])  # today's last week: after the data
    assert result.exit_code == 1, result.output
    assert "the latest week with data is 2021-W18" in result.output
    assert "est stats --week 2021-W18" in result.output
    assert "Per kategori" not in result.output  # no empty tables
    chosen = runner.invoke(app, ["stats", "-w", str(ws), "--week", "2021-W30"])
    assert chosen.exit_code == 0 and "ligger utanför" in chosen.output  # asked for: shown


def test_stats_without_any_export_says_so(runner, make_workspace) -> None:
    result = runner.invoke(app, ["stats", "-w", str(make_workspace({}))])
    assert result.exit_code == 1
    assert "there are no usable incidents in the exports" in result.output


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")


def test_every_lagesbild_placeholder_is_in_its_skeleton(fresh: Path) -> None:
    text = (fresh / "lagesbild/2021.yaml").read_text(encoding="utf-8")
    for placeholder in LAGESBILD_PLACEHOLDERS:
        assert placeholder in text, placeholder


def test_check_warns_and_the_build_refuses_the_lagesbild_skeleton(runner, fresh: Path) -> None:
    """`est init`'s lagesbild/2021.yaml still says "Sammanfatta årets lägesbild …": est check
    warns at each of its four placeholders, and the build never publishes them."""
    check = runner.invoke(app, ["check", "-w", str(fresh), "--format", "json"])
    found = [
        (p["file"], p["line"], p["field"])
        for p in json.loads(check.output)["problems"]
        if p["code"] == "placeholder" and p["file"].startswith("lagesbild/")
    ]
    assert found == [
        ("lagesbild/2021.yaml", 10, "summary"),
        ("lagesbild/2021.yaml", 17, "problems[0].description"),
        ("lagesbild/2021.yaml", 23, "problems[0].causes[0]"),
        ("lagesbild/2021.yaml", 25, "problems[0].measures[0].text"),
    ]
    result = runner.invoke(app, ["lagesbild", "build", "--year", "2021", "-w", str(fresh)])
    assert result.exit_code == 1, result.output
    assert "lagesbild/2021.yaml is still the skeleton est init wrote" in result.output
    assert not (fresh / "reports" / "lagesbild").exists()
