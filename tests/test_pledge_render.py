"""`est pledge render`: the medborgarlöfte document itself (structure of seed 004)."""

from __future__ import annotations

import shutil

from conftest import BASIC_PLEDGE, REPO

from est_cli.cli.app import app


def test_strangnas_2019_pledge_has_every_part(runner, tmp_path):
    root = tmp_path.parent / f"{tmp_path.name}-ws"  # a copy: test_tertial_golden renders
    shutil.copytree(REPO / "examples" / "strangnas-2019", root)  # the same pledge in parallel
    result = runner.invoke(app, ["pledge", "render", "-w", str(root), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "2019.md").read_text(encoding="utf-8")
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Inledning",
        "## Situationen idag",
        "## Det här ska vi åstadkomma tillsammans",
        "## Polisen och Strängnäs kommun lovar",
        "## Så här gör vi",
        "## Förväntad effekt",
        "## Följ med i hur det går",
        "## Underskrifter",
    ]
    assert "Mål: minst 8 nya grannsamverkansområden." in md
    assert "Mål: minst 4 trygghetsvandringar." in md
    assert "- januari–april 2019: i början av maj 2019" in md
    assert "- september–december 2019: i början av januari 2020" in md
    assert "Strängnäs den 8 februari 2019" in md
    assert "**Karin Exempel**" in md
    html = (tmp_path / "2019.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html


def test_pledge_text_is_escaped_and_english_works(make_workspace, runner):
    text = BASIC_PLEDGE.replace(
        "problem: Mycket skadegörelse i centrum.",
        "problem: 'Skadegörelse <script>alert(1)</script> & klotter'",
    )
    root = make_workspace({"pledges/2021.yaml": text})
    result = runner.invoke(app, ["pledge", "render", "-w", str(root), "--language", "en"])
    assert result.exit_code == 0, result.output
    html = (root / "reports/pledge/2021.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "Skadegörelse &lt;script&gt;alert(1)&lt;/script&gt; &amp; klotter" in html
    md = (root / "reports/pledge/2021.md").read_text(encoding="utf-8")
    assert "<script>" not in md
    assert "## What we will achieve together" in md
    assert "Target: at least 4 trygghetsvandringar." in md


def test_several_pledges_without_one_valid_today_is_a_usage_error(make_workspace, runner):
    root = make_workspace(
        {
            "pledges/2020.yaml": BASIC_PLEDGE.replace("2021-", "2020-"),
            "pledges/2021.yaml": BASIC_PLEDGE,
        }
    )
    result = runner.invoke(app, ["pledge", "render", "-w", str(root)])
    assert result.exit_code == 2
    assert "pledges/2020.yaml (2020-01-01 – 2020-12-31)" in " ".join(result.output.split())
    ok = runner.invoke(app, ["pledge", "render", "-w", str(root), "--pledge", "pledges/2020.yaml"])
    assert ok.exit_code == 0, ok.output
    assert (root / "reports/pledge/2020.md").is_file()
