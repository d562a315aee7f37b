"""Mistakes in template overrides and in --out are est errors with a place, not tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASIC_PLEDGE, WorkspaceFactory
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.errors import DataError, EstError
from est_cli.render.files import write_atomic
from est_cli.render.templates import environment, render


def test_undefined_variable_in_an_override_is_located(make_workspace: WorkspaceFactory) -> None:
    root = make_workspace({"templates/note.md.j2": "Rad ett\n{{ nosuch }}\n"})
    with pytest.raises(DataError) as caught:
        render(environment(root), "note.md.j2")
    problem = caught.value.problems[0]
    assert problem.file.endswith("templates/note.md.j2")
    assert problem.line == 2
    assert "'nosuch' is undefined" in problem.message


def test_syntax_error_in_an_override_is_located(make_workspace: WorkspaceFactory) -> None:
    root = make_workspace({"templates/note.md.j2": "a\nb\n{% if x %}\nno end\n"})
    with pytest.raises(DataError) as caught:
        render(environment(root), "note.md.j2", x=True)
    problem = caught.value.problems[0]
    assert problem.file.endswith("templates/note.md.j2")
    assert problem.line is not None and problem.line >= 3
    assert "closed" in (problem.hint or "")


def test_writing_below_a_file_is_an_est_error(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    with pytest.raises(EstError, match="cannot write"):
        write_atomic(blocker / "sub" / "report.md", "text")
    assert blocker.read_text() == "x"


def test_pledge_render_to_a_bad_out_folder_exits_1(
    make_workspace: WorkspaceFactory, runner: CliRunner
) -> None:
    root = make_workspace({"pledges/2021.yaml": BASIC_PLEDGE})
    blocker = root / "not-a-folder"
    blocker.write_text("x")
    result = runner.invoke(app, ["pledge", "render", "-w", str(root), "--out", str(blocker)])
    assert result.exit_code == 1
    assert "cannot write" in result.output
    assert "Traceback" not in result.output


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")
