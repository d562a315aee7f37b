"""Golden Markdown of every example workspace: the tertial follow-up and the pledge.

Regenerate after an intended change, then review the diff before committing:

    EST_UPDATE_GOLDEN=1 pytest tests/test_tertial_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO

from est_cli.check import check_workspace
from est_cli.cli.app import app

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = {
    "trosa-2021": "2021-T1",
    "strangnas-2019": "2019-T1",
    "strangnas-2021": "2021-T3",
}


def _compare(actual: str, golden: Path) -> None:
    if os.environ.get("EST_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden} missing; run EST_UPDATE_GOLDEN=1 pytest {__file__}"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_workspace_passes_check(name):
    report = check_workspace(REPO / "examples" / name)
    assert report.errors == [] and report.warnings == []


@pytest.mark.parametrize(("name", "tertial"), sorted(EXAMPLES.items()))
def test_tertial_golden(name, tertial, runner, tmp_path):
    args = ["tertial", "render", "-w", str(REPO / "examples" / name), "-t", tertial]
    result = runner.invoke(app, [*args, "--strict", "-o", str(tmp_path), "-f", "md,html,json"])
    assert result.exit_code == 0, result.output
    _compare(
        (tmp_path / f"{tertial}.md").read_text(encoding="utf-8"), GOLDEN / "tertial" / f"{name}.md"
    )
    # Rebuilding gives byte-identical files.
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert runner.invoke(app, [*args, "-o", str(tmp_path), "-f", "md,html,json"]).exit_code == 0
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == first


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_pledge_golden(name, runner, tmp_path):
    root = REPO / "examples" / name
    result = runner.invoke(app, ["pledge", "render", "-w", str(root), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (md,) = tmp_path.glob("*.md")
    _compare(md.read_text(encoding="utf-8"), GOLDEN / "pledge" / f"{name}.md")
