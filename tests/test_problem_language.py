"""One language per output (issue 11 §2): the problems found in the files are said in the
run's language, whole sentences, not only the words around them.

The core words a problem in English as a `Text` that knows its message id (est_cli.errors);
the CLI says it in the workspace's language (Swedish by default, `--language en` or
`language: en` for English). Values found in the files are quoted as they are, in any
language. `--format json` keeps the English message and the code, stable for scripts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import BASIC_PLEDGE, BASIC_SETTINGS, CSV_HEADER
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.cli.words import Say
from est_cli.errors import N_, Problem, Text

ROWS = "".join(f"2021-01-{d:02d};10:00;Centrum;Rattfylleri;;\n" for d in range(5, 9))

# Several problems of the kinds a coordinator meets first, in one workspace.
TYPICAL: dict[str, str | bytes] = {
    "data/incidents/jan.csv": CSV_HEADER
    + ROWS  # an unknown category on four rows: one grouped message
    + "2021-01-32;;Sunda;Klotter;;\n"  # not a real date
    + "2021-01-10;25:99;Sunda;Klotter;;\n"  # not a time of day
    + "2021-01-11;;Sundaa;Klotter;;\n"  # an unknown area, with a suggestion
    + "2021-01-12;;Sunda;Brand;;\n",  # ambiguous
    "data/incidents/feb.csv": "Datum;Plats;Kategori\n2021-02-01;Torget;Klotter\n",  # no Område
    "pledges/2021.yaml": BASIC_PLEDGE.replace("owner: gemensamt", "owner: polis")
    .replace("purpose: Öka tryggheten.", "purpose: Ring 070-123 45 67.")
    .replace("method: Vi arbetar enligt EST.", "method: Vi arbetar enligt EST.\nextra: 1"),
    "weeks/2021-W05.yaml": "week: 2021-W06\nmeeting_date: 2021-02-11\nassessment: Lugnt.\n",
    "weeks/2021-W07.yaml": "week: 2021-W07\nweek: 2021-W07\n",
}

SWEDISH = [
    "data/incidents/feb.csv:1: fel: ingen kolumn för area (Område); kolumnerna är: Datum, "
    "Plats, Kategori (lägg till en kolumn Område, eller koppla din kolumn i est.yaml under "
    "sources.incidents[].columns)",
    "data/incidents/jan.csv:2: fel: Kategori: 'Rattfylleri' är ingen känd kategori: 4 rader "
    "(2, 3, 4, …) (kända:",
    "data/incidents/jan.csv:6: fel: Datum: '2021-01-32' är inte ett datum som finns; skriv ett "
    "datum som 2026-03-14, 2026-03-14 18:30, 14/3/2026 eller 14 mars 2026",
    "data/incidents/jan.csv:7: fel: Tid: 25:99 är inte en tid på dygnet; skriv en tid som "
    "18:30, 18.30 eller 1830, eller lämna tomt",
    "data/incidents/jan.csv:8: fel: Område: 'Sundaa' är inget känt område (menade du 'Sunda'?)",
    "data/incidents/jan.csv:9: fel: Kategori: 'Brand' är tvetydigt (det kan betyda Anlagd "
    "brand, eller vilken brand som helst, även en som inte är anlagd (en bilbrand, en "
    "köksbrand)) (est gissar inte: bestäm i est.yaml vad det är, eller utelämna sådana rader)",
    "pledges/2021.yaml:8:1: fel: extra: okänd nyckel 'extra'",
    "pledges/2021.yaml:19:16: fel: focus_areas[0].activities[0].owner: 'polis' är inte något "
    "av polisen, kommunen, gemensamt (menade du 'polisen'?)",
    "weeks/2021-W05.yaml:1:7: fel: week: filen heter 2021-W05.yaml men anger vecka 2021-W06 "
    "(byt namn på den till 2021-W06.yaml eller rätta 'week')",
    "weeks/2021-W07.yaml:2:1: fel: week: nyckeln 'week' finns två gånger (först på rad 1) "
    "(ta bort en av dem eller slå ihop innehållet)",
]
ENGLISH = [
    "data/incidents/feb.csv:1: error: no column for area (Område); the columns are: Datum, "
    "Plats, Kategori (add a column Område, or map your column in est.yaml under "
    "sources.incidents[].columns)",
    "data/incidents/jan.csv:2: error: Kategori: 'Rattfylleri' is not a known category: 4 rows "
    "(2, 3, 4, …) (known:",
    "data/incidents/jan.csv:6: error: Datum: '2021-01-32' is not a real date; expected a date "
    "like 2026-03-14, 2026-03-14 18:30, 14/3/2026 or 14 mars 2026",
    "data/incidents/jan.csv:7: error: Tid: 25:99 is not a time of day; expected a time like "
    "18:30, 18.30 or 1830, or leave it empty",
    "data/incidents/jan.csv:8: error: Område: 'Sundaa' is not a known area (did you mean 'Sunda'?)",
    "data/incidents/jan.csv:9: error: Kategori: 'Brand' is ambiguous (it may mean Anlagd "
    "brand, or any fire, also one not set on purpose (a car fire, a kitchen fire)) (est does "
    "not guess: decide in est.yaml what it is, or leave such rows out)",
    "pledges/2021.yaml:8:1: error: extra: unknown key 'extra'",
    "pledges/2021.yaml:19:16: error: focus_areas[0].activities[0].owner: 'polis' is not one "
    "of polisen, kommunen, gemensamt (did you mean 'polisen'?)",
    "weeks/2021-W05.yaml:1:7: error: week: the file is named 2021-W05.yaml but says week "
    "2021-W06 (rename it to 2021-W06.yaml or correct 'week')",
    "weeks/2021-W07.yaml:2:1: error: week: duplicate key 'week' (first defined on line 1) "
    "(remove one of them or merge their contents)",
]
# English sentences of the covered messages: none may be left in a Swedish output.
LEAKS = re.compile(
    r"(?<!\w)(is not|is ambiguous|did you mean|expected|known:|unknown key|the file is|"
    r"no column|duplicate key|rename it|leave it empty|rows?\b \(|est does not guess|"
    r"remove one|add a column|or map)(?!\w)"
)


def check(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["check", *args])


@pytest.fixture
def typical(make_workspace) -> Path:  # type: ignore[no-untyped-def]
    return make_workspace(TYPICAL)


def _problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"^\S+\.(csv|yaml):\d", line)]


def _matches(lines: list[str], expected: list[str]) -> None:
    """Each expected line starts one of the printed ones (a long list of names is cut)."""
    for want in expected:
        assert any(line.startswith(want) for line in lines), (want, lines)


def test_a_swedish_run_says_every_problem_in_swedish(typical: Path) -> None:
    result = check("-w", str(typical))
    lines = _problem_lines(result.output)
    _matches(lines, SWEDISH)
    leaks = [(line, m) for line in lines if (m := LEAKS.findall(line))]
    assert not leaks, leaks
    # the est.yaml snippet that fixes a value: its comments in Swedish, the YAML as it is
    assert "    # i est.yaml, räkna det som Anlagd brand:\n    categories:\n" in result.output
    assert "    # eller utelämna raderna ur alla siffror:\n" in result.output
    assert "# in est.yaml" not in result.output and "# or leave" not in result.output
    assert result.output.splitlines()[-1].startswith("Kontrollerade ")
    assert result.exit_code == 1


def test_an_english_run_says_every_problem_in_english(typical: Path) -> None:
    for args in (["--language", "en"], []):
        if not args:  # language: en in est.yaml
            (typical / "est.yaml").write_text(BASIC_SETTINGS + "language: en\n", "utf-8")
        result = check("-w", str(typical), *args)
        lines = _problem_lines(result.output)
        _matches(lines, ENGLISH)
        swedish = [line for line in lines if re.search(r"\b(är|inte|menade|kända|skriv)\b", line)]
        assert not swedish, swedish
        assert result.exit_code == 1


def test_the_json_output_stays_english_and_stable(typical: Path) -> None:
    """Scripts read `message` and `code`: the same in a Swedish and an English run."""
    sv = json.loads(check("-w", str(typical), "--format", "json").output)
    en = json.loads(check("-w", str(typical), "--format", "json", "--language", "en").output)
    assert sv == en
    by_code = {p["code"]: p for p in sv["problems"]}
    assert by_code["unknown-category"]["message"] == "'Rattfylleri' is not a known category"
    assert by_code["bad-date"]["message"] == (
        "'2021-01-32' is not a real date; expected a date like 2026-03-14, 2026-03-14 18:30, "
        "14/3/2026 or 14 mars 2026"
    )
    assert set(sv["problems"][0]) == {
        "file", "line", "col", "field", "severity", "code", "message", "hint", "fatal", "fix"
    }  # fmt: skip


def test_github_annotations_follow_the_language(typical: Path) -> None:
    out = check("-w", str(typical), "--format", "github").output
    assert "::error file=" in out
    assert "Område: 'Sundaa' är inget känt område (menade du 'Sunda'?)" in out
    out = check("-w", str(typical), "--format", "github", "--language", "en").output
    assert "Område: 'Sundaa' is not a known area (did you mean 'Sunda'?)" in out


def test_a_cached_run_says_the_problems_in_swedish_too(typical: Path) -> None:
    """The parse cache keeps each text's message id, so the second run is worded alike."""
    first = check("-w", str(typical)).output
    assert (typical / ".est" / "cache").is_dir()
    assert check("-w", str(typical)).output == first
    assert "är ingen känd kategori" in first


def test_values_from_the_files_are_never_translated() -> None:
    """A value that happens to be a msgid ('tab', 'a list') stays as the file writes it."""
    say = Say("sv")
    text = N_("'%(value)s' is not a known category", value="a list")
    assert say.text(text) == "'a list' är ingen känd kategori"
    assert say.text("is not a known category") == "is not a known category"  # plain text


def test_a_text_is_its_english_and_reads_back_from_the_cache() -> None:
    inner = N_("did you mean '%(name)s'?", name="Sunda")
    text = N_("%(problem)s (%(hint)s)", problem=N_("the area is empty"), hint=inner)
    assert text == "the area is empty (did you mean 'Sunda'?)"
    problem = Problem("a.csv", 2, None, N_("column %(number)s", number=3), text, hint=inner)
    back = Problem.read(json.loads(json.dumps(problem.record())))
    assert back == problem and isinstance(back.message, Text)
    assert Say("sv").text(back.message) == "området är tomt (menade du 'Sunda'?)"
    assert Say("sv").text(back.field) == "kolumn 3"
    assert Say("en").text(back.message) == str(text)


# --- the survey, the police import and the areas' polygons (issue 11 §2 for their modules) ---

# English sentences of these modules' messages: none may be left in a Swedish output.
MODULE_LEAKS = re.compile(
    r"(?<!\w)(is not|did you mean|expected|known:|the file|not valid|a comma|a value|"
    r"nothing was imported|input\(s\)|needs at least|is not closed|must repeat|the outer ring|"
    r"has no polygon|add a feature|found only by name|an event|events as|one event)(?!\w)"
)
SURVEY = (
    "survey:\n  factors:\n    - {id: klotter, label: Klotter}\n"
    "sources:\n  survey:\n    - files: [data/survey/*.csv]\n"
)


def _swedish_only(output: str) -> None:
    leaks = [(line, m) for line in output.splitlines() if (m := MODULE_LEAKS.findall(line))]
    assert not leaks, leaks


def test_a_swedish_run_says_the_survey_problems_in_swedish(make_workspace) -> None:  # type: ignore[no-untyped-def]
    export = "Tidstämpel;Område;Klotter\nigår;Sunda;Inget\n2021-03-16 09:00;Sundaa;Inget\n"
    root = make_workspace({"data/survey/a.csv": export}, est_yaml=BASIC_SETTINGS + SURVEY)
    result = check("-w", str(root))
    out = " ".join(result.output.split())
    assert (
        "data/survey/a.csv:2: fel: Tidstämpel: 'igår' är inte ett datum; skriv ett datum som "
        "2026-03-14"
    ) in out
    assert "a.csv:3: fel: Område: 'Sundaa' är inget känt område (menade du 'Sunda'?)" in out
    _swedish_only(result.output)
    english = check("-w", str(root), "--language", "en").output
    assert "a.csv:3: error: Område: 'Sundaa' is not a known area" in " ".join(english.split())
    assert result.exit_code == 1


def test_a_swedish_run_says_a_malformed_police_file_in_swedish(make_workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = make_workspace(est_yaml=BASIC_SETTINGS + "polisen:\n  area: centrum\n")
    bad = tmp_path / "bad.json"
    bad.write_text('[\n{"id": 1, "type": "Stöld"}\n{"id": 2}\n]', encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "polisen", "-w", str(root), str(bad)])
    out = " ".join(result.output.split())
    assert (
        "bad.json:3:1: fel: inte giltig JSON: ett kommatecken eller ']' saknas efter en "
        "händelse; filen ska vara en JSON-lista av händelser"
    ) in out
    assert "Stoppat: 1 av filerna är inte händelser från polisen.se; inget importerades" in out
    _swedish_only(result.output)
    assert result.exit_code == 1


def test_a_swedish_run_says_a_bad_polygon_file_in_swedish(make_workspace) -> None:  # type: ignore[no-untyped-def]
    ring = [[17.0, 59.0], [17.1, 59.0], [17.1, 59.1], [17.0, 59.1]]  # not closed
    feature = {
        "type": "Feature",
        "properties": {"namn": "Centrum"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    geojson = json.dumps({"type": "FeatureCollection", "features": [feature]})
    settings = BASIC_SETTINGS + "geometry:\n  file: areas.geojson\n  property: namn\n"
    root = make_workspace({"areas.geojson": geojson}, est_yaml=settings)
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["check", "-w", str(root)])
    out = " ".join(result.output.split())
    assert (
        "areas.geojson: fel: features[0]: området 'centrum': den yttre ringen är inte sluten: "
        "dess sista position måste upprepa den första"
    ) in out
    assert "varning: area sunda: området 'Sunda' har ingen polygon" in out  # field as is
    _swedish_only(result.output)
    assert result.exit_code == 1
