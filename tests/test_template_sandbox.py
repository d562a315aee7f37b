"""Workspace templates are data: they render in Jinja's sandbox (issue 11, part 1)."""

from __future__ import annotations

import pytest
from conftest import WorkspaceFactory
from test_week_cli import HEADER, ROWS
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.errors import DataError
from est_cli.render.templates import environment, render

# The override from the issue: through a global of the template context to os.popen.
EXPLOIT = "Rad ett\n{{ cycler.__init__.__globals__.os.popen('echo PWNED-$((6*7))').read() }}\n"


def test_an_override_that_reaches_python_is_refused_at_its_line(
    make_workspace: WorkspaceFactory, runner: CliRunner
) -> None:
    root = make_workspace(
        {"data/incidents/a.csv": HEADER + ROWS, "templates/weekly.md.j2": EXPLOIT}
    )
    result = runner.invoke(app, ["week", "build", "-w", str(root), "--week", "2021-W10"])
    assert result.exit_code == 1, result.output
    assert "templates/weekly.md.j2:2" in result.output
    assert "unsafe" in result.output  # Jinja's words: "access to attribute '__init__' … is unsafe"
    assert "PWNED-42" not in result.output  # the command never ran
    written = [p for p in (root / "reports").rglob("*")] if (root / "reports").exists() else []
    assert not any("PWNED-42" in p.read_text(errors="ignore") for p in written if p.is_file())


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ items.append(4) }}",  # the values est passes in are not changed by a template
        "{{ lipsum.__globals__ }}",
    ],
)
def test_other_escapes_are_refused_too(make_workspace: WorkspaceFactory, source: str) -> None:
    root = make_workspace({"templates/note.md.j2": source + "\n"})
    with pytest.raises(DataError) as caught:
        render(environment(root), "note.md.j2", items=[1, 2, 3])
    problem = caught.value.problems[0]
    assert problem.file.endswith("templates/note.md.j2") and problem.line == 1
    assert "unsafe" in problem.message or "not safely callable" in problem.message


def test_ordinary_templates_still_render(make_workspace: WorkspaceFactory) -> None:
    root = make_workspace({"templates/note.md.j2": "{{ items | join(', ') }} {{ n + 1 }}\n"})
    assert render(environment(root), "note.md.j2", items=["a", "b"], n=1) == "a, b 2\n"
