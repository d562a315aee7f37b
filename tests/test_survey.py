"""The weekly survey (issue 9 §1): its settings, its exports, and its part of the weekly report.

The small workspace below is counted by hand: three factors, four expected respondents, the
answers of 2021-W09 (submitted Tuesday 9 March) and 2021-W10 (submitted Tuesday 16 March).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from conftest import BASIC_SETTINGS, TODAY

from est_cli.aggregate.survey import Cell, _change, survey_figures
from est_cli.cli.app import app
from est_cli.load.survey import described_week, load_survey
from est_cli.load.workspace import load_workspace
from est_cli.models.survey import Survey
from est_cli.periods import IsoWeek
from est_cli.reports.weekly import build_weekly

SURVEY = """\
survey:
  factors:
    - {id: skadegorelse, label: Skadegörelse}
    - {id: klotter, label: Klotter, aliases: [Graffiti]}
    - {id: narkotika, label: Narkotika}
  respondents:
    - {organisation: Polisen, name: Kommunpolis, area: centrum}
    - {organisation: Polisen, name: Områdespolis, area: ramdal}
    - {organisation: Kommunen, name: Trygghetsvärd, area: centrum}
    - {organisation: Bostadsbolaget, name: Bovärd, area: sunda}
"""
SETTINGS = BASIC_SETTINGS + SURVEY
HEADER = "Tidstämpel;Namn;Organisation;Område;Skadegörelse;Klotter;Narkotika;Kommentar\n"
W09 = (
    "2021-03-09 09:00;Kommunpolis;Polisen;Centrum;Inget;Enstaka;Inget;\n"
    "2021-03-09 10:00;Trygghetsvärd;Kommunen;Centrum;Enstaka;Enstaka;Inget;\n"
    "2021-03-09 11:00;Områdespolis;Polisen;Ramdal;Inget;Inget;Inget;\n"
)
W10 = (
    "2021-03-15 18:00;Kommunpolis;Polisen;Centrum;Inget;Inget;Inget;skickat för tidigt\n"
    "2021-03-16 09:00;Kommunpolis;Polisen;Centrum;Flera;Enstaka;Inget;Glas på torget\n"
    "2021-03-16 09:30;Trygghetsvärd;;Centrum;Många;Flera;Vet ej;\n"
    "2021-03-16 10:00;Områdespolis;Polisen;;Enstaka;;1 Enstaka;\n"
    "2021-03-16 12:00;Väktare;Vaktbolaget;Centrala stan;2;2;0;\n"
)
INCIDENTS = (
    "Datum;Tid;Område;Kategori\n2021-03-02;10:00;Centrum;Klotter\n2021-03-10;22:00;Sunda;Inbrott\n"
)


@pytest.fixture
def root(make_workspace) -> Path:
    return make_workspace(
        {
            "data/incidents/a.csv": INCIDENTS,
            "data/survey/w09.csv": HEADER + W09,
            "data/survey/w10.csv": HEADER + W10,
        },
        est_yaml=SETTINGS,
    )


def _figures(root: Path, internal: bool = False):
    ws = load_workspace(root)
    assert ws.settings.survey is not None
    answers = load_survey(ws)
    week = IsoWeek(2021, 10)
    return survey_figures(
        answers.frame, week, ws.settings.survey, ws.areas.names, internal=internal
    )


def test_a_tuesday_answer_describes_the_week_before_or_its_own() -> None:
    tuesday = datetime(2021, 3, 16, 9, 0)  # ISO week 2021-W11
    assert described_week(tuesday, Survey()).key == "2021-W10"
    assert described_week(tuesday, Survey(answers_describe="same_week")).key == "2021-W11"
    # Sunday evening still belongs to its ISO week, Monday morning to the next
    assert described_week(datetime(2021, 3, 14, 23, 59), Survey()).key == "2021-W09"
    assert described_week(datetime(2021, 3, 15, 0, 1), Survey()).key == "2021-W10"


def test_the_area_by_factor_table_matches_a_hand_count(root: Path) -> None:
    f = _figures(root)
    assert f.responses == 4  # the early answer of Kommunpolis is replaced by the later one
    rows = {r.name or "all": r.cells for r in f.rows}
    assert list(rows) == ["Centrum", "Ramdal", "all"]
    # Centrum: Kommunpolis 2 1 0, Trygghetsvärd 3 2 Vet ej, Väktare (Centrala stan) 2 2 0
    skad, klotter, nark = rows["Centrum"]
    assert (skad.n, round(skad.mean, 4), skad.mode, skad.mode_label) == (3, 2.3333, 2, "Flera")
    assert (klotter.n, round(klotter.mean, 4), klotter.mode) == (3, 1.6667, 2)
    assert (nark.n, nark.mean, nark.dont_know) == (2, 0.0, 1)
    # Ramdal: Områdespolis 1, (empty), '1 Enstaka'; the area comes from est.yaml
    skad, klotter, nark = rows["Ramdal"]
    assert (skad.n, skad.mean, klotter.n, klotter.mean, nark.mean) == (1, 1.0, 0, None, 1.0)
    skad, klotter, nark = rows["all"]
    assert (skad.n, skad.mean, klotter.n, round(klotter.mean, 4)) == (4, 2.0, 3, 1.6667)
    assert (nark.n, round(nark.mean, 4)) == (3, 0.3333)


def test_a_mode_tie_is_the_higher_level(make_workspace) -> None:
    two = (
        "2021-03-16 09:00;A;Polisen;Centrum;Inget;;;\n2021-03-16 09:05;B;Polisen;Centrum;Många;;;\n"
    )
    root = make_workspace({"data/survey/a.csv": HEADER + two}, est_yaml=SETTINGS)
    cell = _figures(root).rows[0].cells[0]
    assert (cell.n, cell.mode_label, cell.mean) == (2, "Många", 1.5)


def test_the_change_and_the_rise_rule(root: Path) -> None:
    f = _figures(root)
    changes = {c.id: c for c in f.changes}
    # all areas: skadegörelse 0,1,0 → 2,3,1,2 ; klotter 1,1,0 → 1,2,2 ; narkotika 0,0,0 → 0,1,0
    # the change of the means as shown (2,0 and 0,3), not of the unrounded means
    assert changes["skadegorelse"].change == pytest.approx(1.7)
    assert [c.id for c in f.changes if c.rose] == ["skadegorelse", "klotter"]
    assert not changes["narkotika"].rose  # +0,33 is below the threshold 0,5
    # Centrum rose too, but has only 2 answers the week before (the rule wants 3)
    assert [(r.area_name, r.factor) for r in f.rises] == [(None, "skadegorelse"), (None, "klotter")]


def test_the_change_is_that_of_the_means_the_reader_sees() -> None:
    """0,24 → 0,35 is shown 0,2 → 0,4 (Babel rounds 0,35 half to even on its decimal digits):
    the change must read +0,2, not the +0,1 of the unrounded means."""
    survey = Survey(rise_threshold=0.2, rise_min_answers=1)
    change, rose = _change(
        Cell(n=20, mean=0.35, mode=None, mode_label=None),
        Cell(n=25, mean=0.24, mode=None, mode_label=None),
        survey,
    )
    assert change == pytest.approx(0.2)
    assert rose


def test_the_response_rate_by_organisation(root: Path) -> None:
    f = _figures(root)
    rates = [(r.organisation, r.answered, r.expected, r.rate) for r in f.rates]
    assert rates == [
        ("Polisen", 2, 2, 1.0),
        ("Kommunen", 1, 1, 1.0),  # no organisation in the export: est.yaml's for Trygghetsvärd
        ("Bostadsbolaget", 0, 1, 0.0),
        ("Vaktbolaget", 1, 0, None),  # not expected: listed, not in the total
    ]
    assert (f.total.answered, f.total.expected, f.total.rate) == (3, 4, 0.75)


def test_an_answer_sent_twice_counts_once_with_a_warning(root: Path) -> None:
    answers = load_survey(load_workspace(root))
    repeated = [p for p in answers.problems if p.code == "repeated-answer"]
    assert [(p.file, p.line, p.severity) for p in repeated] == [
        ("data/survey/w10.csv", 2, "warning")
    ]
    assert "data/survey/w10.csv:3" in repeated[0].message


def test_the_weekly_report_shows_the_survey_but_not_its_comments(root: Path, runner) -> None:
    result = runner.invoke(
        app, ["week", "build", "-w", str(root), "--week", "2021-W10", "-f", "md,html,json"]
    )
    assert result.exit_code == 0, result.output
    assert "Enkät: 4 svar om veckan; 3 av 4 förväntade svarande har svarat." in result.output
    md = (root / "reports/weekly/2021-W10.md").read_text(encoding="utf-8")
    assert "| Centrum | 2,3 (3) | 1,7 (3) | 0,0 (2) |" in md
    assert "| **Alla områden** | 2,0 (4) | 1,7 (3) | 0,3 (3) |" in md
    assert "| Polisen | 2 | 2 | 100\u00a0% |" in md
    assert "| **Totalt** | **3** | **4** | **75\u00a0%** |" in md
    assert "Regel: en faktor har ökat" in md
    # the earlier of Kommunpolis's two answers
    assert "1 rad i enkätexporterna kunde inte användas; est check visar den." in md
    published = [md] + [
        (root / f"reports/weekly/2021-W10.{e}").read_text(encoding="utf-8")
        for e in ("html", "json")
    ]
    for text in published:
        assert "Glas på torget" not in text
        assert "Kommunpolis" not in text  # who answered what is internal too
    internal = runner.invoke(
        app, ["week", "build", "-w", str(root), "--week", "2021-W10", "--include-descriptions"]
    )
    assert internal.exit_code == 0, internal.output
    md = (root / "reports/weekly/2021-W10-internt.md").read_text(encoding="utf-8")
    assert "Glas på torget" in md and "| Kommunpolis | Polisen | Centrum | 2 Flera |" in md
    html = (root / "reports/weekly/2021-W10-internt.html").read_text(encoding="utf-8")
    assert "Glas på torget" in html


def test_a_workspace_without_a_survey_has_no_survey_part(make_workspace) -> None:
    root = make_workspace({"data/incidents/a.csv": INCIDENTS, "data/survey/w.csv": HEADER + W10})
    ws = load_workspace(root)
    result = build_weekly(ws, today=TODAY, week="2021-W10", formats=("md", "json"))
    assert result.survey is None
    data = json.loads((root / "reports/weekly/2021-W10.json").read_text(encoding="utf-8"))
    assert "survey" not in data
    assert "enkät" not in (root / "reports/weekly/2021-W10.md").read_text(encoding="utf-8")


def test_check_names_each_bad_row_and_an_unknown_factor_header(make_workspace, runner) -> None:
    header = "Tidstämpel;Namn;Område;Skadegörelser;Klotter;Narkotika\n"
    rows = (
        "2021-03-16 09:00;Kommunpolis;;Flera;kanske;Inget\n"
        "igår;Bovärd;Sunda;Inget;Inget;Inget\n"
        "2021-03-16 10:00;Okänd;Atlantis;Inget;Graffiti;Inget\n"
    )
    root = make_workspace({"data/survey/a.csv": header + rows}, est_yaml=SETTINGS)
    result = runner.invoke(app, ["check", "-w", str(root)])
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert (
        "data/survey/a.csv:1:4: fel: Skadegörelser: kolumnen 'Skadegörelser' är ingen av "
        "enkätens faktorer; menade du 'Skadegörelse' (skadegorelse)?"
    ) in out
    assert "a.csv:2: fel: Klotter: 'kanske' är inget svar på enkätens skala" in out
    assert "a.csv:3: fel: Tidstämpel: 'igår' är inte ett datum" in out
    assert "a.csv:4: fel: Område: 'Atlantis' är inget känt område" in out
    assert "a.csv:4: fel: Klotter: 'Graffiti' är inget svar" in out  # a header, not an answer


def test_a_survey_export_without_a_timestamp_is_unusable(make_workspace) -> None:
    root = make_workspace(
        {"data/survey/a.csv": "Namn;Skadegörelse\nKommunpolis;Inget\n"}, est_yaml=SETTINGS
    )
    answers = load_survey(load_workspace(root))
    [problem] = [p for p in answers.problems if p.code == "missing-column"]
    assert problem.fatal and problem.line == 1 and "submitted_at (Tidstämpel)" in problem.message


def test_survey_settings_are_cross_checked(make_workspace) -> None:
    broken = SETTINGS.replace("area: sunda}", "area: atlantis}") + (
        "sources:\n  survey:\n    - files: [data/survey/*.csv]\n"
        "      columns: {Vad: skadegorelsen}\n"
    )
    root = make_workspace({}, est_yaml=broken)
    problems = load_survey(load_workspace(root)).problems
    lines = broken.splitlines()
    found = {(p.code, lines[(p.line or 0) - 1].strip()[:20]) for p in problems}
    assert ("unknown-area", "- {organisation: Bos") in found
    assert ("unknown-field", "columns: {Vad: skade") in found
    assert any("did you mean 'skadegorelse'" in (p.hint or "") for p in problems)


def test_survey_questions_prints_the_questionnaire(root: Path, runner) -> None:
    md = runner.invoke(app, ["survey", "questions", "-w", str(root)])
    assert md.exit_code == 0, md.output
    assert "# Veckoenkäten: Testkommun" in md.output
    assert "| 4 | Skadegörelse | ett svar | Inget, Enstaka, Flera, Många, Vet ej |" in md.output
    csv = runner.invoke(app, ["survey", "questions", "-w", str(root), "--format", "csv"])
    lines = csv.output.splitlines()
    assert lines[0] == "Nr;Fråga;Svarstyp;Svarsalternativ;Obligatorisk"
    assert "2;Organisation;ett svar;Polisen|Kommunen|Bostadsbolaget;ja" in lines
    assert "6;Narkotika;ett svar;Inget|Enstaka|Flera|Många|Vet ej;ja" in lines
    bad = runner.invoke(app, ["survey", "questions", "-w", str(root), "--format", "pdf"])
    assert bad.exit_code == 2


def test_the_questionnaire_headers_are_what_the_import_reads(root: Path, runner) -> None:
    """An export whose headers are the printed questions is read without any mapping."""
    csv = runner.invoke(app, ["survey", "questions", "-w", str(root), "--format", "csv"])
    questions = [line.split(";")[1] for line in csv.output.splitlines()[1:]]
    export = ";".join(["Tidstämpel", *questions]) + "\n"
    export += "2021-03-16 09:00;Bovärd;Bostadsbolaget;Sunda;Flera;Inget;Vet ej;Bra vecka\n"
    (root / "data/survey/form.csv").write_text(export, encoding="utf-8")
    answers = load_survey(load_workspace(root))
    assert not [p for p in answers.problems if "form.csv" in p.file]
    row = answers.frame[answers.frame["source"] == "data/survey/form.csv"].iloc[0]
    assert (row["area"], row["skadegorelse"], row["klotter"], row["comment"]) == (
        "sunda",
        2,
        0,
        "Bra vecka",
    )


def test_init_writes_the_default_survey_commented_and_it_validates(tmp_path: Path, runner) -> None:
    root = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(root), "--municipality", "Testkommun"]).exit_code == 0
    text = (root / "est.yaml").read_text(encoding="utf-8")
    assert "\n# survey:\n" in text and text.count("  # asked in the EST routine's survey") == 4
    lines = text.split("\n")
    start = lines.index("# survey:")
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("#"))
    lines[start:end] = [line.removeprefix("# ") for line in lines[start:end]]
    (root / "est.yaml").write_text("\n".join(lines), encoding="utf-8")
    ws = load_workspace(root)
    assert ws.settings.survey is not None
    assert [f.id for f in ws.settings.survey.factors] == [f.id for f in Survey().factors]
    assert len(ws.settings.survey.factors) == 12


def test_the_demo_survey_exports_regenerate_byte_identical(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import REPO

    out = tmp_path / "survey"
    generator = REPO / "examples" / "generate_survey.py"
    subprocess.run([sys.executable, str(generator), "--out", str(out)], check=True)
    committed = {p.name: p.read_bytes() for p in (REPO / "data" / "survey").glob("*.csv")}
    fresh = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    assert sorted(committed) == [f"enkat-2021-W{w:02d}.csv" for w in range(5, 12)]
    assert fresh == committed, "run `python examples/generate_survey.py` and commit the result"


def test_the_demo_week_shows_its_survey_story() -> None:
    """The demo's answers follow the incidents' story: Ramdal's disturbances of 9-11 March."""
    from conftest import REPO

    ws = load_workspace(REPO)
    assert ws.settings.survey is not None
    answers = load_survey(ws)
    assert [p for p in answers.problems if p.severity == "error"] == []
    f = survey_figures(answers.frame, IsoWeek(2021, 10), ws.settings.survey, ws.areas.names)
    assert [(r.area_name, r.factor) for r in f.rises] == [("Ramdal", "ordningsstorning")]
    assert f.total.expected == 16 and 0 < f.total.answered < 16


def test_two_factors_with_one_id_stop_the_build_cleanly(make_workspace, runner) -> None:
    """Two factors of one id would make two answer columns of one name (the build crashed
    with a TypeError summing them up): the settings error stops it, with exit code 1."""
    twice = SETTINGS.replace(
        "    - {id: klotter, label: Klotter, aliases: [Graffiti]}\n",
        "    - {id: klotter, label: Klotter, aliases: [Graffiti]}\n"
        "    - {id: klotter, label: Nedskräpning}\n",
    )
    header = "Tidstämpel;Namn;Område;Skadegörelse;Klotter;Nedskräpning;Narkotika\n"
    root = make_workspace(
        {"data/survey/a.csv": header + "2021-03-16 09:00;Kommunpolis;Centrum;Inget;2;1;0\n"},
        est_yaml=twice,
    )
    for command in (["week", "build", "--week", "2021-W10"], ["check"]):
        result = runner.invoke(app, [*command, "-w", str(root)])
        assert result.exit_code == 1, (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        out = " ".join(result.output.split())
        assert "faktor-id 'klotter' används redan av survey.factors[1]" in out
