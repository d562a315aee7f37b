"""`est categories` (issue 14.6): the categories an export may name, with their aliases."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import BASIC_SETTINGS

from est_cli.cli.app import app
from est_cli.models.taxonomy import DEFAULT_CATEGORIES

OWN = BASIC_SETTINGS + (
    "categories:\n"
    "  - id: klotter\n"
    "    aliases: [Tags på vägg]\n"
    "  - id: trafikolycka\n"
    "    name: Trafikolycka\n"
    "    group: övrigt\n"
    "    aliases: [Trafik]\n"
)


def test_the_table_shows_defaults_and_est_yaml_own_aliases(runner, make_workspace) -> None:
    root = make_workspace({}, est_yaml=OWN)
    result = runner.invoke(app, ["categories", "-w", str(root)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    klotter = next(line for line in lines if " klotter " in line)
    assert "Klotter" in klotter and "graffiti" in klotter and "Tags på vägg" in klotter
    trafik = next(line for line in lines if " trafikolycka " in line)
    assert "Trafikolycka" in trafik and "övrigt" in trafik and "Trafik" in trafik
    assert "Alias" in result.output and "Grupp" in result.output  # the workspace is Swedish
    for cid, *_ in DEFAULT_CATEGORIES:
        assert f" {cid} " in result.output, cid


def test_json_lists_every_category_with_its_aliases(runner, make_workspace) -> None:
    root = make_workspace({}, est_yaml=OWN)
    result = runner.invoke(app, ["categories", "-w", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = {c["id"]: c for c in json.loads(result.output)["categories"]}
    assert found["klotter"]["aliases"] == ["graffiti", "klottring", "Tags på vägg"]
    assert found["klotter"]["default"] is True
    assert found["trafikolycka"] == {
        "id": "trafikolycka",
        "name": "Trafikolycka",
        "group": "övrigt",
        "aliases": ["Trafik"],
        "default": False,
    }


def test_outside_a_workspace_the_defaults_are_listed(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["categories", "--language", "en"])
    assert result.exit_code == 0, result.output
    assert "Aliases" in result.output and "no est.yaml here" in result.output
    missing = runner.invoke(app, ["categories", "-w", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2


def test_the_readme_points_to_est_categories() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "`est categories`" in readme
