"""Values in exports that est does not know, cannot read one way only, or is told to ignore
(issues 11 and 14): one message per problem with the est.yaml snippet that fixes it, no
guessing of ambiguous words, and an `ignore:` list that is counted, never silent."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import BASIC_SETTINGS, CSV_HEADER, TODAY, WorkspaceFactory
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.load.incidents import load_incidents
from est_cli.load.workspace import load_workspace
from est_cli.models.settings import Settings
from est_cli.models.taxonomy import AMBIGUOUS_CATEGORIES, DEFAULT_CATEGORIES
from est_cli.reports.weekly import build_weekly

CSV = "data/incidents/export.csv"
IGNORE = """\
sources:
  incidents:
    - files: ["data/incidents/*.csv"]
      ignore:
        categories: [Trafikolycka, sammanfattning  NATT]
        columns:
          "Plats": [Testplats]
"""


def rows(*lines: str) -> str:
    return CSV_HEADER + "".join(f"{line}\n" for line in lines)


def check(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["check", "-w", str(root), "--no-cache", *args])


def many_unknown(n: int = 74) -> str:
    good = [f"2021-03-0{1 + i % 7};10:00;Ramdal;Klotter;Skolan;" for i in range(5)]
    bad = [f"2021-03-0{1 + i % 7};11:00;Centrum;Rattfylleri;Torget;" for i in range(n)]
    return rows(*good, *bad)


def test_an_unknown_value_on_many_rows_is_one_message(make_workspace: WorkspaceFactory) -> None:
    root = make_workspace({CSV: many_unknown()})
    result = check(root)
    lines = result.output.splitlines()
    heads = [line for line in lines if not line.startswith("    ")]
    assert heads[0] == (
        f"{CSV}:7: fel: Kategori: 'Rattfylleri' is not a known category: 74 rader "
        "(7, 8, 9, …) (known: Anlagd brand, Arrangemang, Hot och våld, Inbrott, "
        "Incident mot personal, "
        "Klotter, Misstänkt droghantering, Nedskräpning, Olovlig trafik/buskörning, "
        "Olovligt boende, Ordningsstörning, Otrygg plats (belysning, insyn), … (17 in all); "
        "add it (or an alias) in est.yaml)"
    )
    assert heads[1] == "Kontrollerade 2 filer, 79 rader: 74 fel, 0 varningar."
    fix = "\n".join(line[4:] for line in lines if line.startswith("    "))
    assert fix.startswith("# in est.yaml, count it as a category (write its id):\ncategories:")
    body = yaml.safe_load(fix)  # the snippet is valid YAML, with the value and an ignore entry
    assert body["categories"] == [{"id": "…", "aliases": ["Rattfylleri"]}]
    assert body["sources"]["incidents"][0]["ignore"] == {"categories": ["Rattfylleri"]}


def test_json_and_github_keep_one_record_per_row(make_workspace: WorkspaceFactory) -> None:
    root = make_workspace({CSV: many_unknown(10)})
    data = json.loads(check(root, "--format", "json").output)
    assert [p["line"] for p in data["problems"]] == list(range(7, 17))
    assert all("categories:" in p["fix"] for p in data["problems"])
    github = check(root, "--format", "github").output.splitlines()
    assert sum(line.startswith("::error ") for line in github) == 10


def test_a_close_value_gets_an_alias_snippet_under_its_category(
    make_workspace: WorkspaceFactory,
) -> None:
    root = make_workspace({CSV: rows("2021-03-01;10:00;Ramdal;Skadegörlse;Skolan;")})
    lines = check(root).output.splitlines()
    assert lines[0].endswith("'Skadegörlse' is not a known category (did you mean 'Skadegörelse'?)")
    assert lines[1:5] == [
        "    # in est.yaml, count it as Skadegörelse:",
        "    categories:",
        "      - id: skadegorelse",
        '        aliases: ["Skadegörlse"]',
    ]
    assert not lines[5].startswith("    ")  # a misspelling is fixed, not ignored


def test_no_default_alias_is_an_ambiguous_word() -> None:
    aliases = {a for _, _, _, found in DEFAULT_CATEGORIES for a in found}
    assert "brand" not in aliases
    assert not aliases & set(AMBIGUOUS_CATEGORIES)
    ids = {c[0] for c in DEFAULT_CATEGORIES}
    assert {guess for guess, _ in AMBIGUOUS_CATEGORIES.values()} <= ids


def test_brand_is_not_counted_as_arson_but_asks_for_a_decision(
    make_workspace: WorkspaceFactory,
) -> None:
    """Issue 14.1: 'Brand' (any fire) was silently counted as Anlagd brand."""
    root = make_workspace({CSV: rows("2021-03-01;10:00;Ramdal;Brand;Skolan;Bilbrand")})
    incidents = load_incidents(load_workspace(root), use_cache=False)
    assert incidents.frame.empty
    (problem,) = incidents.problems
    assert problem.code == "ambiguous-category"
    assert problem.message == (
        "'Brand' is ambiguous (it may mean Anlagd brand, or any fire, also one not set on "
        "purpose (a car fire, a kitchen fire))"
    )
    assert problem.fix is not None
    decide = yaml.safe_load(problem.fix)
    assert decide["categories"] == [{"id": "anlagd_brand", "aliases": ["Brand"]}]
    assert decide["sources"]["incidents"][0]["ignore"] == {"categories": ["Brand"]}


def test_a_decision_in_est_yaml_settles_an_ambiguous_word(make_workspace: WorkspaceFactory) -> None:
    settings = BASIC_SETTINGS + "categories:\n  - id: anlagd_brand\n    aliases: [Brand]\n"
    root = make_workspace({CSV: rows("2021-03-01;10:00;Ramdal;brand;Skolan;")}, est_yaml=settings)
    incidents = load_incidents(load_workspace(root), use_cache=False)
    assert incidents.problems == []
    assert incidents.frame["category"].tolist() == ["anlagd_brand"]


def test_a_bare_id_that_is_ambiguous_is_not_taken_either(make_workspace: WorkspaceFactory) -> None:
    root = make_workspace({CSV: rows("2021-03-01;10:00;Ramdal;Trafik;Skolan;")})
    incidents = load_incidents(load_workspace(root), use_cache=False)
    assert [p.code for p in incidents.problems] == ["ambiguous-category"]


def ignoring(make_workspace: WorkspaceFactory) -> Path:
    return make_workspace(
        {
            CSV: rows(
                "2021-03-01;10:00;Ramdal;Klotter;Skolan;",
                "2021-03-02;10:00;Ramdal;Trafikolycka;E4;",
                "2021-03-03;10:00;;TRAFIKOLYCKA;E4;",
                "2021-03-04;23:00;Centrum;Sammanfattning natt;;",
                "2021-03-05;10:00;Centrum;Klotter;Testplats;",
                "2021-03-05;10:00;Centrum;Okänd;Torget;",
            )
        },
        est_yaml=BASIC_SETTINGS + IGNORE,
    )


def test_ignored_rows_are_counted_in_check_and_are_not_errors(
    make_workspace: WorkspaceFactory,
) -> None:
    """Issue 14.2: ignored rows (even one without an area) are no errors, and never silent."""
    root = ignoring(make_workspace)
    lines = check(root).output.splitlines()
    heads = [line for line in lines if not line.startswith("    ")]
    assert heads[-2:] == [
        "4 rader utelämnade enligt est.yaml: Trafikolycka 2, Plats = Testplats 1, "
        "sammanfattning  NATT 1",
        "Kontrollerade 2 filer, 6 rader: 1 fel, 0 varningar.",
    ]
    summary = json.loads(check(root, "--format", "json").output)["summary"]
    assert summary["ignored"] == 4
    assert summary["ignored_by"] == {
        "Trafikolycka": 2,
        "Plats = Testplats": 1,
        "sammanfattning  NATT": 1,
    }


def test_ignored_rows_are_not_in_figures_and_are_in_the_document(
    make_workspace: WorkspaceFactory,
) -> None:
    root = ignoring(make_workspace)
    ws = load_workspace(root)
    incidents = load_incidents(ws, use_cache=False)
    assert incidents.frame["category"].tolist() == ["klotter"]
    assert [(i.line, i.rule) for i in incidents.ignored] == [
        (3, "Trafikolycka"),
        (4, "Trafikolycka"),
        (5, "sammanfattning  NATT"),
        (6, "Plats = Testplats"),
    ]
    assert incidents.files[0].ignored == 4


def test_the_weekly_note_counts_ignored_rows_of_the_week_and_in_all(
    make_workspace: WorkspaceFactory,
) -> None:
    root = ignoring(make_workspace)
    ws = load_workspace(root)
    result = build_weekly(ws, today=TODAY, week="2021-W09", formats=["json", "md"])
    assert result.figures.headline.this == 1
    data = json.loads((root / "reports/weekly/2021-W09.json").read_text(encoding="utf-8"))
    note = data["data_note"]
    assert note["ignored"] == 4
    assert note["ignored_by"] == [
        {"rule": "Trafikolycka", "rows": 2},
        {"rule": "Plats = Testplats", "rows": 1},
        {"rule": "sammanfattning  NATT", "rows": 1},
    ]
    md = (root / "reports/weekly/2021-W09.md").read_text(encoding="utf-8")
    # the document says it in one sentence; the file and the rules are in the JSON
    assert "Enligt est.yaml utelämnas 4 rader." in md and CSV not in md
    [file] = note["files"]  # rows = used + excluded + ignored
    assert (file["file"], file["rows"], file["used"], file["excluded"], file["ignored"]) == (
        CSV,
        6,
        1,
        1,
        4,
    )
    assert note["week_ignored"] == 4
    assert note["week_ignored_by"][0] == {"rule": "Trafikolycka", "rows": 2}


def test_ignore_is_in_the_settings_model_the_schema_and_est_init() -> None:
    settings = Settings.model_validate(yaml.safe_load(BASIC_SETTINGS + IGNORE))
    assert settings.sources.incidents[0].ignore.categories == [
        "Trafikolycka",
        "sammanfattning  NATT",
    ]
    schema = json.dumps(Settings.model_json_schema())
    assert "Ignore" in schema and "columns" in schema
    scaffold = (Path(__file__).parents[1] / "est_cli/scaffold/est.yaml.j2").read_text()
    assert "      # ignore:\n      #   categories: [Trafikolycka" in scaffold


def test_the_weekly_note_speaks_of_this_weeks_excluded_rows_by_reason(
    make_workspace: WorkspaceFactory,
) -> None:
    """Issue 14.3: the note listed the whole workspace's excluded rows, from another year."""
    root = make_workspace(
        {
            CSV: rows(
                "2020-01-07;10:00;Atlantis;Klotter;;",  # another year: counted, not listed
                "2021-03-01;10:00;Ramdal;Klotter;Skolan;",
                "2021-03-02;10:00;Atlantis;Klotter;;",
                "2021-03-03;10:00;Atlantis;Stöld;;",
                "2021-03-04;10:00;Ramdal;Rattfylleri;;",
            )
        }
    )
    build_weekly(load_workspace(root), today=TODAY, week="2021-W09", formats=["json", "md"])
    note = json.loads((root / "reports/weekly/2021-W09.json").read_text(encoding="utf-8"))[
        "data_note"
    ]
    assert note["excluded"] == 4 and note["week_excluded"] == 3 and note["other_excluded"] == 1
    assert [(r["rows"], r["first_rows"]) for r in note["week_excluded_by_reason"]] == [
        (2, [f"{CSV}:4", f"{CSV}:5"]),
        (1, [f"{CSV}:6"]),
    ]
    md = (root / "reports/weekly/2021-W09.md").read_text(encoding="utf-8")
    assert f"{CSV}:2" not in md
    # one sentence in the document; the rows and reasons are in the JSON (above)
    assert "; 4 kunde inte användas, varav 3 daterade denna vecka (est check visar" in md
    assert f"{CSV}:4" not in md


def test_the_weekly_note_says_when_this_week_lost_no_row(make_workspace: WorkspaceFactory) -> None:
    root = make_workspace(
        {CSV: rows("2020-01-07;10:00;Atlantis;Klotter;;", "2021-03-01;10:00;Ramdal;Klotter;;")}
    )
    build_weekly(load_workspace(root), today=TODAY, week="2021-W09", formats=["md"])
    md = (root / "reports/weekly/2021-W09.md").read_text(encoding="utf-8")
    assert "; 1 kunde inte användas, ingen av dem daterad denna vecka (est check visar" in md
    assert "varav" not in md


def test_an_ignore_rule_for_a_column_the_file_lacks_is_a_warning(
    make_workspace: WorkspaceFactory,
) -> None:
    settings = BASIC_SETTINGS + IGNORE.replace('"Plats"', '"Rapportör"')
    root = make_workspace({CSV: rows("2021-03-01;10:00;Ramdal;Klotter;Skolan;")}, est_yaml=settings)
    incidents = load_incidents(load_workspace(root), use_cache=False)
    (warning,) = incidents.problems
    assert (warning.file, warning.line, warning.severity) == (CSV, 1, "warning")
    assert warning.message == (
        "est.yaml ignores rows by the column 'Rapportör', but this file has no such column"
    )
    assert len(incidents.frame) == 1


def test_ignored_and_excluded_rows_come_back_the_same_from_the_cache(
    make_workspace: WorkspaceFactory,
) -> None:
    root = ignoring(make_workspace)
    ws = load_workspace(root)
    fresh = load_incidents(ws)
    cached = load_incidents(ws)
    again = load_incidents(ws, rows=False)
    for other in (cached, again):
        assert other.ignored == fresh.ignored and other.excluded == fresh.excluded
        assert other.files == fresh.files
    assert [e.day for e in fresh.excluded] == [date(2021, 3, 5)]
    assert [i.day for i in fresh.ignored][:1] == [date(2021, 3, 2)]


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")
