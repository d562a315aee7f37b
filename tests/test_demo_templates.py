"""The demo workspace's template overrides (templates/) extend the built-ins and change only
what they say they change. The weekly one is tested with the weekly golden files
(test_week_golden.py), which render the demo with and without its overrides.
"""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, demo_without_overrides
from typer.testing import CliRunner

from est_cli.cli.app import app


def _tertial_html(root: Path, out: Path) -> str:
    args = ["tertial", "render", "-w", str(root), "-t", "2021-T1", "-o", str(out), "-f", "html"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return (out / "2021-T1.html").read_text(encoding="utf-8")


def test_the_demo_tertial_override_adds_its_colour_to_the_builtin_style(tmp_path: Path) -> None:
    """templates/tertial.html.j2 extends builtin:tertial.html.j2 and appends to its style."""
    html = _tertial_html(REPO, tmp_path / "demo")
    builtin = _tertial_html(demo_without_overrides(tmp_path / "ws"), tmp_path / "builtin")
    added = (
        ":root { --accent: #00594f; }\n"
        "h2 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; }\n"
    )
    assert added in html and added not in builtin
    assert html == builtin.replace("</style>", added + "</style>", 1)
