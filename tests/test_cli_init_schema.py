"""`est init` (a workspace that passes `est check` at once, never overwriting anything) and
`est schema` (JSON Schema of the YAML formats)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.load.yamldoc import parse_yaml
from est_cli.scaffold import place_name

# Every test here runs at each terminal width (conftest.WIDTHS).
pytestmark = pytest.mark.usefixtures("width", "english_problems")

INIT_FILES = [
    ".github/workflows/est.yml",
    ".gitignore",
    "README.md",
    "data/incidents/exempel-2021.csv",
    "est.yaml",
    "lagesbild/2021.yaml",
    "pledges/2021.yaml",
    "reports/.gitkeep",
    "templates/.gitkeep",
    "weeks/.gitkeep",
]


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_init_then_check_has_no_errors_only_the_skeleton_warnings(tmp_path: Path) -> None:
    """A new workspace passes `est check`; its pledge's and lägesbild's placeholders are
    warnings (issue 14.4), so `--strict` (and publishing) waits for the real texts."""
    target = tmp_path / "trygghet"
    result = run("init", str(target), "--municipality", "Oxelösunds kommun", "--year", "2021")
    assert result.exit_code == 0, result.output
    assert tree(target) == INIT_FILES
    for rel in INIT_FILES:
        assert f"skapade {target / rel}" in result.output
    check = run("check", "-w", str(target))
    assert check.output.endswith("Kontrollerade 4 filer, 3 rader: 0 fel, 8 varningar.\n")
    # four in the pledge's skeleton, four in the lägesbild's
    assert check.output.count("is the placeholder est init wrote: the pledge") == 4
    assert check.output.count("is the placeholder est init wrote: the lägesbild") == 4
    assert check.exit_code == 0
    strict = run("check", "-w", str(target), "--strict")
    assert strict.exit_code == 1
    settings = yaml.safe_load((target / "est.yaml").read_text(encoding="utf-8"))
    assert settings["municipality"] == "Oxelösunds kommun"
    pledge = yaml.safe_load((target / "pledges/2021.yaml").read_text(encoding="utf-8"))
    assert pledge["place"] == "Oxelösund"
    assert pledge["parties"] == ["Polisen", "Oxelösunds kommun"]


def test_init_defaults_to_the_current_folder_and_this_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    assert (tmp_path / f"pledges/{date.today().year}.yaml").is_file()
    assert run("check").exit_code == 0


@pytest.mark.parametrize(
    "municipality",
    ["Stad: Syd", "Kommun, Norr", "yes", "#1 kommun", "Kommun [test]", "'Citat' kommun", "2021"],
)
def test_init_quotes_names_yaml_would_misread(tmp_path: Path, municipality: str) -> None:
    target = tmp_path / "ws"
    assert run("init", str(target), "-m", municipality, "--year", "2021").exit_code == 0
    check = run("check", "-w", str(target))
    assert check.exit_code == 0, check.output
    settings = yaml.safe_load((target / "est.yaml").read_text(encoding="utf-8"))
    pledge = yaml.safe_load((target / "pledges/2021.yaml").read_text(encoding="utf-8"))
    assert settings["municipality"] == municipality
    assert settings["parties"] == ["Polisen", municipality]
    assert pledge["parties"] == ["Polisen", municipality]
    assert pledge["signatories"][0]["party"] == municipality


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    (target / "pledges").mkdir(parents=True)
    (target / "est.yaml").write_text("municipality: Min kommun\n", encoding="utf-8")
    (target / "pledges/2021.yaml").write_text("title: mitt löfte\n", encoding="utf-8")
    result = run("init", str(target), "--year", "2021")
    assert result.exit_code == 2
    text = " ".join(result.output.split())  # undo line wrapping
    assert "not overwriting existing files:" in text
    assert str(target / "est.yaml") in text
    assert str(target / "pledges/2021.yaml") in text
    assert tree(target) == ["est.yaml", "pledges/2021.yaml"]  # nothing else written either
    assert (target / "est.yaml").read_text(encoding="utf-8") == "municipality: Min kommun\n"
    assert (target / "pledges/2021.yaml").read_text(encoding="utf-8") == "title: mitt löfte\n"


def test_init_twice_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    run("init", str(target), "--year", "2021")
    before = {p: (target / p).read_bytes() for p in tree(target)}
    assert run("init", str(target), "--year", "2021").exit_code == 2
    assert {p: (target / p).read_bytes() for p in tree(target)} == before


def test_ci_workflow_runs_check_on_pull_requests(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    run("init", str(target), "--year", "2021")
    workflow = yaml.safe_load((target / ".github/workflows/est.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    assert "est check --format github" in runs
    install = runs.index(next(r for r in runs if r.startswith("pip install")))
    assert install < runs.index("est check --format github")
    assert any(step.get("uses", "").startswith("actions/checkout") for step in steps)


def test_ci_workflow_fetches_the_police_events_daily_and_commits_them(tmp_path: Path) -> None:
    """The feed keeps only its latest 500 events: a scheduled job fetches them every day."""
    target = tmp_path / "ws"
    run("init", str(target), "--year", "2021")
    workflow = yaml.safe_load((target / ".github/workflows/est.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    (schedule,) = triggers["schedule"]
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*")  # every day
    job = workflow["jobs"]["polisen"]
    assert job["if"] == "github.event_name == 'schedule'"
    assert job["permissions"] == {"contents": "write"}
    runs = [step.get("run", "") for step in job["steps"]]
    fetch = runs.index("est import polisen --fetch")
    assert "git add data/polisen" in runs[fetch + 1] and "git push" in runs[fetch + 1]
    assert workflow["jobs"]["check"]["if"] == "github.event_name != 'schedule'"


def test_init_keeps_internal_reports_out_of_git(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    run("init", str(target), "--year", "2021")
    ignored = (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "*-internt.*" in ignored


def test_init_pins_the_given_install_spec(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    run("init", str(target), "--install", "est-cli @ git+https://example.org/est@abc123")
    text = (target / ".github/workflows/est.yml").read_text(encoding="utf-8")
    assert 'pip install "est-cli @ git+https://example.org/est@abc123"' in text


def test_init_example_export_is_read(tmp_path: Path) -> None:
    from est_cli.load.incidents import load_incidents
    from est_cli.load.workspace import load_workspace

    target = tmp_path / "ws"
    run("init", str(target), "--year", "2021")
    incidents = load_incidents(load_workspace(target))
    assert incidents.problems == []
    assert [(i.area, i.category) for i in incidents.incidents] == [
        ("centrum", "skadegorelse"),
        ("norr", "klotter"),
        ("soder", "nedskrapning"),
    ]


# --- est schema ---------------------------------------------------------------------------

KINDS = {
    "settings": ("est.schema.json", {"municipality", "parties", "areas"}),
    "pledge": ("pledge.schema.json", {"title", "valid_from", "valid_to", "focus_areas"}),
    "week": ("week.schema.json", {"week", "meeting_date", "assessment"}),
    "lagesbild": ("lagesbild.schema.json", {"year", "problems"}),
}
JSON_TYPES = {"object", "array", "string", "integer", "number", "boolean", "null"}


def walk(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found += walk(value)
    elif isinstance(node, list):
        for value in node:
            found += walk(value)
    return found


def assert_well_formed(schema: dict[str, Any]) -> None:
    """The checks a JSON Schema meta-validation would make on what pydantic emits."""
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    defs = schema.get("$defs", {})
    for node in walk(schema):
        if "$ref" in node:
            assert node["$ref"].startswith("#/$defs/")
            assert node["$ref"].removeprefix("#/$defs/") in defs
        if isinstance(node.get("type"), str) and node is not schema.get("properties"):
            assert node["type"] in JSON_TYPES
        if node.get("type") == "object" and "properties" in node:
            assert set(node.get("required", [])) <= set(node["properties"])


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_prints_json_schema(kind: str) -> None:
    result = run("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert_well_formed(schema)
    filename, required = KINDS[kind]
    assert schema["$id"] == filename
    assert required <= set(schema["required"])
    assert schema["additionalProperties"] is False  # unknown keys are errors in editors too
    assert run("schema", kind).output == result.output  # deterministic


def test_schema_describes_enums_and_patterns() -> None:
    pledge = json.loads(run("schema", "pledge").output)
    owner = pledge["$defs"]["Owner"]
    assert owner["enum"] == ["polisen", "kommunen", "gemensamt"]
    status = pledge["$defs"]["Status"]
    assert status["enum"] == ["ej påbörjad", "pågår", "genomförd", "inställd"]
    assert "pågår" in run("schema", "pledge").output  # written as UTF-8, not \\u escapes


def test_schema_default_kind_is_pledge() -> None:
    assert run("schema").output == run("schema", "pledge").output


def test_schema_out_writes_every_schema(tmp_path: Path) -> None:
    out = tmp_path / ".est"
    result = run("schema", "--out", str(out))
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f for f, _ in KINDS.values())
    for kind, (filename, _) in KINDS.items():
        assert (out / filename).read_text(encoding="utf-8") == run("schema", kind).output
        assert f"skrev {out / filename}" in " ".join(result.output.split())


def test_schema_unknown_kind_is_a_usage_error(tmp_path: Path) -> None:
    result = run("schema", "plege", "--out", str(tmp_path / "s"))
    assert result.exit_code == 2
    assert "unknown kind 'plege'; choose settings, pledge, week or lagesbild" in " ".join(
        result.output.split()
    )
    assert not (tmp_path / "s").exists()


def test_init_files_match_the_schema(tmp_path: Path) -> None:
    """Editors validate with the schema: the scaffolded files must pass it too."""
    jsonschema = pytest.importorskip("jsonschema")
    target = tmp_path / "ws"
    run("init", str(target), "--year", "2021")
    for kind, rel in (("settings", "est.yaml"), ("pledge", "pledges/2021.yaml")):
        schema = json.loads(run("schema", kind).output)
        jsonschema.Draft202012Validator.check_schema(schema)
        doc, problems = parse_yaml((target / rel).read_text(encoding="utf-8"), rel)
        assert doc is not None and problems == []
        jsonschema.validate(doc.data, schema)


@pytest.mark.parametrize(
    ("municipality", "place"),
    [
        ("Oxelösunds kommun", "Oxelösund"),
        ("Nyköpings kommun", "Nyköping"),
        ("Stockholms stad", "Stockholm"),
        ("Borås stad", "Borås"),
        ("Bollnäs kommun", "Bollnäs"),
        ("Hofors kommun", "Hofors"),
        ("Piteå kommun", "Piteå"),
        ("Grums kommun", "Grums"),  # the police's rule now: no longer 'Grum'
        ("Falu kommun", "Falun"),
        ("Exempelkommun", "Exempelkommun"),
    ],
)
def test_place_of_signing_from_the_municipality(municipality: str, place: str) -> None:
    assert place_name(municipality) == place


def test_place_option_wins(tmp_path: Path) -> None:
    target = tmp_path / "ws"
    run("init", str(target), "-m", "Grums kommun", "--place", "Grums", "--year", "2021")
    pledge = yaml.safe_load((target / "pledges/2021.yaml").read_text(encoding="utf-8"))
    assert pledge["place"] == "Grums"
