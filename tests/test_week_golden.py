"""Golden Markdown for the demo week (2021-W10 of the Oxelösund demo workspace at the repo root).

The golden file is what the built-in templates make of the demo: it is rendered from a copy
of the demo without its templates/ overrides. The committed reports are rendered from the
demo itself, overrides and all. Regenerate after an intended change, then review the diff
before committing:

    EST_UPDATE_GOLDEN=1 pytest tests/test_week_golden.py

That rewrites tests/golden/weekly/2021-W10.md and the committed demo reports
reports/weekly/2021-W10.{md,html,json,svg} (`est week build --week 2021-W10 --format md,html,json`).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, TODAY, demo_without_overrides
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.load.workspace import load_workspace
from est_cli.reports.weekly import build_weekly

GOLDEN = REPO / "tests/golden/weekly"
DEMO_WEEK = "2021-W10"
UPDATE = os.environ.get("EST_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def built_by_builtins(tmp_path_factory) -> Path:
    """The demo week as the built-in templates alone render it."""
    root = demo_without_overrides(tmp_path_factory.mktemp("demo"))
    out = tmp_path_factory.mktemp("weekly-builtin")
    args = ["week", "build", "-w", str(root), "--week", DEMO_WEEK, "-f", "md,html,json"]
    result = CliRunner().invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / f"{DEMO_WEEK}.md", GOLDEN / f"{DEMO_WEEK}.md")
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory, demo_ws) -> Path:
    """The demo week as the demo workspace renders it, with its template overrides."""
    out = tmp_path_factory.mktemp("weekly")
    build_weekly(
        load_workspace(demo_ws),
        today=TODAY,
        week=DEMO_WEEK,
        formats=["md", "html", "json"],
        out=out,
    )
    if UPDATE:
        for ext in ("md", "html", "json", "svg"):
            target = REPO / "reports/weekly" / f"{DEMO_WEEK}.{ext}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / f"{DEMO_WEEK}.{ext}", target)
    return out


def test_demo_week_markdown_matches_golden(built_by_builtins):
    expected = (GOLDEN / f"{DEMO_WEEK}.md").read_text(encoding="utf-8")
    assert (built_by_builtins / f"{DEMO_WEEK}.md").read_text(encoding="utf-8") == expected


def test_the_demo_override_adds_only_its_footer_line(built, built_by_builtins):
    """templates/weekly.html.j2 extends builtin:weekly.html.j2 and adds a line to the footer."""
    html = (built / f"{DEMO_WEEK}.html").read_text(encoding="utf-8")
    builtin = (built_by_builtins / f"{DEMO_WEEK}.html").read_text(encoding="utf-8")
    added = re.search(r"<p>Rapportera veckans händelser .*?</p>\n", html, re.DOTALL)
    assert added and "Frågor om rapporten: trygghetssamordnaren, Oxelösunds kommun." in added[0]
    assert "Rapportera veckans händelser" not in builtin
    # Everything else comes from the built-in, footer included.
    assert html.replace(added[0], "") == builtin
    for ext in ("md", "json", "svg"):  # only the HTML template is overridden
        assert (built / f"{DEMO_WEEK}.{ext}").read_bytes() == (
            built_by_builtins / f"{DEMO_WEEK}.{ext}"
        ).read_bytes()


@pytest.mark.parametrize("ext", ["md", "html", "json", "svg"])
def test_committed_demo_reports_are_current(built, ext):
    committed = REPO / "reports/weekly" / f"{DEMO_WEEK}.{ext}"
    assert committed.read_bytes() == (built / f"{DEMO_WEEK}.{ext}").read_bytes(), (
        f"{committed} is out of date; rebuild with EST_UPDATE_GOLDEN=1 pytest {__file__}"
    )


def test_demo_week_shows_its_hotspots_and_notes(built):
    """The demo week was made to show a Sunda × inbrott hotspot and meeting notes."""
    md = (built / f"{DEMO_WEEK}.md").read_text(encoding="utf-8")
    assert "| Sunda | Inbrott | 5 |" in md
    assert "## Mötets bedömning" in md and "Inga mötesanteckningar" not in md
