"""Golden Markdown for the demo week (2021-W10 of the Oxelösund demo workspace at the repo root).

Regenerate after an intended change, then review the diff before committing:

    EST_UPDATE_GOLDEN=1 pytest tests/test_week_golden.py

That rewrites tests/golden/weekly/2021-W10.md and the committed demo reports
reports/weekly/2021-W10.{md,html,json,svg} (`est week build --week 2021-W10 --format md,html,json`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import TODAY

from est_cli.load.workspace import load_workspace
from est_cli.reports.weekly import build_weekly

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests/golden/weekly"
DEMO_WEEK = "2021-W10"
UPDATE = os.environ.get("EST_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("weekly")
    build_weekly(
        load_workspace(REPO), today=TODAY, week=DEMO_WEEK, formats=["md", "html", "json"], out=out
    )
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / f"{DEMO_WEEK}.md", GOLDEN / f"{DEMO_WEEK}.md")
        for ext in ("md", "html", "json", "svg"):
            target = REPO / "reports/weekly" / f"{DEMO_WEEK}.{ext}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / f"{DEMO_WEEK}.{ext}", target)
    return out


def test_demo_week_markdown_matches_golden(built):
    expected = (GOLDEN / f"{DEMO_WEEK}.md").read_text(encoding="utf-8")
    assert (built / f"{DEMO_WEEK}.md").read_text(encoding="utf-8") == expected


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
