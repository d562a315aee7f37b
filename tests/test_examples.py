"""The example workspaces' synthetic exports are what their scripts write (deterministic)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

EXAMPLES = sorted(p.parent.name for p in (REPO / "examples").glob("*/make_incidents.py"))


def test_there_are_example_workspaces() -> None:
    assert EXAMPLES == ["strangnas-2019", "strangnas-2021", "trosa-2021"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_committed_exports_match_a_fresh_run(name: str, tmp_path: Path) -> None:
    shutil.copy(REPO / "examples" / "synthetic_exports.py", tmp_path)
    (tmp_path / name).mkdir()
    shutil.copy(REPO / "examples" / name / "make_incidents.py", tmp_path / name)
    subprocess.run([sys.executable, str(tmp_path / name / "make_incidents.py")], check=True)
    fresh = sorted((tmp_path / name / "data" / "incidents").glob("*.csv"))
    committed = sorted((REPO / "examples" / name / "data" / "incidents").glob("*.csv"))
    assert [p.name for p in fresh] == [p.name for p in committed]
    for new, old in zip(fresh, committed, strict=True):
        assert new.read_bytes() == old.read_bytes(), old
