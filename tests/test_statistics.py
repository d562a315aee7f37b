"""The police's statistics of reported crimes (issue 9 §2): the source, `est check`, the
figures of a period, and the tertial annex's table "Polisens anmälda brott"."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import BASIC_SETTINGS, REPO
from test_tertial_render import outputs, pledge, render, rows, span

from est_cli.aggregate.statistics import police_figures
from est_cli.cli.app import app
from est_cli.load.statistics import load_statistics
from est_cli.load.workspace import load_workspace
from est_cli.periods import Month, Tertial

SETTINGS = BASIC_SETTINGS + 'sources:\n  statistics:\n    - files: ["data/statistik/*.csv"]\n'


def stats(*lines: str, header: str = "Månad;Brottskategori;Antal;Område") -> str:
    return header + "\n" + "".join(line + "\n" for line in lines)


def loaded(make_workspace, text: str, settings: str = SETTINGS):
    root = make_workspace({"data/statistik/a.csv": text}, est_yaml=settings)
    return load_statistics(load_workspace(root))


def problem_lines(problems) -> list[tuple[int | None, str | None, str]]:
    return [(p.line, p.field, p.code) for p in problems]


# --- the source ---------------------------------------------------------------------------


def test_every_bad_value_is_an_error_at_its_row_and_column(make_workspace, english_problems):
    frame, problems = loaded(
        make_workspace,
        stats(
            "2021-03;Skadegörelse;14;",
            "2021-3;Skadegörelse;2;Ramdal",  # 3: not YYYY-MM
            "2021-03;Misshandel;-1;",  # 4: negative
            "2021-03;Misshandel;två;",  # 5: not a number
            "2021-04;Bedrägeri;3;Sundaa",  # 6: unknown area
            "2021-03; skadegörelse ;5;",  # 7: the same month, category and area as row 2
            "2021-03;;5;",  # 8: no category
        ),
    )
    assert problem_lines(problems) == [
        (3, "Månad", "bad-month"),
        (4, "Antal", "bad-count"),
        (5, "Antal", "bad-count"),
        (6, "Område", "unknown-area"),
        (8, "Brottskategori", "empty-category"),
        (7, None, "duplicate-row"),
    ]
    assert all(p.file == "data/statistik/a.csv" and p.severity == "error" for p in problems)
    by_line = {p.line: p for p in problems}
    assert "'2021-3' is not a month; expected YYYY-MM" in by_line[3].message
    assert "'-1' is not a count" in by_line[4].message
    assert "did you mean 'Sunda'?" in by_line[6].hint
    assert "already counted at data/statistik/a.csv:2" in by_line[7].message
    assert frame["line"].tolist() == [2]  # only the good row is used; none is dropped silently
    assert frame["count"].tolist() == [14]


def test_swedish_header_aliases_and_a_mapped_column(make_workspace):
    frame, problems = loaded(
        make_workspace,
        stats("2021-01;Stöld och snatteri;1 204;centrum", header="Period;Kategori;Antal;Omrade"),
    )
    assert problems == []
    assert frame[["month", "category_label", "area", "count"]].values.tolist() == [
        ["2021-01", "Stöld och snatteri", "centrum", 1204]
    ]
    mapped = SETTINGS + '      columns: {"Typ av brott": category, "Summa": count}\n'
    frame, problems = loaded(
        make_workspace, stats("2021-01;Misshandel;4", header="Månad;Typ av brott;Summa"), mapped
    )
    assert problems == [] and frame["count"].tolist() == [4]


def test_a_missing_column_is_fatal_and_names_the_closest_header(make_workspace, english_problems):
    frame, problems = loaded(
        make_workspace, stats("2021-01;Misshandel;4", header="Månad;Brott;Antl")
    )
    assert frame.empty
    [missing] = problems
    assert missing.line == 1 and missing.fatal and missing.code == "missing-column"
    assert "no column for count (Antal)" in missing.message
    assert "sources.statistics[].columns" in missing.hint and "Antl" in missing.hint


def test_est_check_reports_statistics_problems_and_counts_the_rows(make_workspace, runner):
    root = make_workspace(
        {"data/statistik/a.csv": stats("2021-03;Skadegörelse;14;", "2021-13;Rån;1;")},
        est_yaml=SETTINGS,
    )
    result = runner.invoke(app, ["check", "-w", str(root), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = json.loads(result.output)
    [problem] = [p for p in found["problems"] if p["file"] == "data/statistik/a.csv"]
    assert (problem["line"], problem["field"], problem["code"]) == (3, "Månad", "bad-month")


def test_without_sources_statistics_nothing_is_read(make_workspace):
    frame, problems = loaded(make_workspace, stats("2021-03;Skadegörelse;x;"), BASIC_SETTINGS)
    assert frame.empty and problems == []


# --- the figures of a period --------------------------------------------------------------


def months(first: str, last: str, category: str, count: int, area: str = "") -> list[str]:
    start, end = Month.parse(first), Month.parse(last)
    out = []
    while start <= end:
        out.append(f"{start.key};{category};{count};{area}")
        start = start.shift(1)
    return out


def test_a_tertial_beside_the_one_before_and_last_year_by_hand(make_workspace):
    frame, _ = loaded(
        make_workspace,
        stats(
            *months("2020-01", "2021-04", "Skadegörelse", 2),
            "2021-02;Bostadsinbrott;5;",
            "2021-03;Bostadsinbrott;1;",
        ),
    )
    figures = police_figures(frame, Tertial(2021, 1))
    assert figures.previous == Tertial(2020, 3) and figures.last_year == Tertial(2020, 1)
    by = {r.label: (r.current, r.previous, r.last_year) for r in figures.rows}
    # 4 months × 2; burglaries 5 + 1, and 0 in the covered months before
    assert by == {"Skadegörelse": (8, 8, 8), "Bostadsinbrott": (6, 0, 0)}
    march = police_figures(frame, Month(2021, 3))
    assert {r.label: (r.current, r.previous, r.last_year) for r in march.rows} == {
        "Skadegörelse": (2, 2, 2),
        "Bostadsinbrott": (1, 5, 0),
    }


def test_a_period_the_statistics_do_not_cover_has_no_count_not_zero(make_workspace):
    frame, _ = loaded(make_workspace, stats(*months("2021-01", "2021-03", "Misshandel", 3)))
    [row] = police_figures(frame, Tertial(2021, 1)).rows  # April is missing
    assert (row.current, row.previous, row.last_year) == (None, None, None)
    [row] = police_figures(frame, Month(2021, 2)).rows
    assert (row.current, row.previous, row.last_year) == (3, 3, None)


def test_the_municipality_is_its_own_row_else_the_sum_of_its_areas(make_workspace):
    frame, _ = loaded(
        make_workspace,
        stats(
            "2021-03;Skadegörelse;10;",  # the whole municipality, given
            "2021-03;Skadegörelse;4;Centrum",
            "2021-03;Skadegörelse;3;Ramdal",
            "2021-03;Misshandel;2;Centrum",  # no municipality row: the areas' sum
            "2021-03;Misshandel;5;Sunda",
        ),
    )
    whole = {r.label: r.current for r in police_figures(frame, Month(2021, 3)).rows}
    assert whole == {"Skadegörelse": 10, "Misshandel": 7}
    centrum = {r.label: r.current for r in police_figures(frame, Month(2021, 3), "centrum").rows}
    assert centrum == {"Skadegörelse": 4, "Misshandel": 2}


# --- the tertial annex --------------------------------------------------------------------


def tertial_workspace(make_workspace, statistics: str | None):
    incidents = [("2021-02-10", "21:00", "Centrum", "Skadegörelse")] * 5
    data = rows(*incidents, *span("2020-01-01", "2021-04-30"))
    files = {"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data}
    if statistics is not None:
        files["data/statistik/a.csv"] = statistics
    return make_workspace(files, est_yaml=SETTINGS if statistics is not None else BASIC_SETTINGS)


def test_the_annex_table_suppresses_small_counts_like_the_others(make_workspace, runner):
    text = stats(
        *months("2020-01", "2021-04", "Skadegörelse", 40),
        *months("2020-01", "2021-04", "Stöld och snatteri", 10),
        "2021-02;Bostadsinbrott;2;",  # 2 in the tertial: fewer than 3
    )
    root = tertial_workspace(make_workspace, text)
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    md = outputs(root)["md"]
    table = md.split("### Polisens anmälda brott")[1].split("\n\n## ")[0]
    assert "| Brottskategori | Jan–apr 2021 | Sep–dec 2020 | Jan–apr 2020 |" in table
    assert "| Skadegörelse | 160 | 160 | 160 |" in table
    # the sum row would give the small count away: one more count in its column is hidden
    assert "| Bostadsinbrott | färre än 3 | 0 | 0 |" in table
    assert "| Stöld och snatteri | × | 40 | 40 |" in table
    assert "| **Summa** | **202** | **200** | **200** |" in table
    assert "ett annat mått än händelserapporterna" in table
    police = json.loads(outputs(root)["json"])["police_statistics"]
    assert police["rows"][2]["counts"][0] == {"state": "suppressed", "value": None}


def test_no_statistics_no_table_and_the_document_is_unchanged(make_workspace, runner, tmp_path):
    without = tertial_workspace(make_workspace, None)
    assert render(runner, without, "-t", "2021-T1").exit_code == 0
    before = outputs(without)
    assert "Polisens anmälda brott" not in before["md"]
    assert "police_statistics" not in json.loads(before["json"])
    # statistics that do not reach the tertial: no table either
    (without / "est.yaml").write_text(SETTINGS, encoding="utf-8")
    (without / "data/statistik").mkdir()
    (without / "data/statistik/a.csv").write_text(stats("2019-01;Rån;3;"), encoding="utf-8")
    assert render(runner, without, "-t", "2021-T1").exit_code == 0
    assert outputs(without)["md"] == before["md"]


def test_statistics_are_never_added_to_incident_counts(make_workspace, runner):
    """A police category with an incident category's very name ('Skadegörelse') stays the
    police's: every incident figure and the data note are what they are without it."""
    without = tertial_workspace(make_workspace, None)
    assert render(runner, without, "-t", "2021-T1").exit_code == 0
    alone = json.loads(outputs(without)["json"])
    (without / "est.yaml").write_text(SETTINGS, encoding="utf-8")
    (without / "data/statistik").mkdir()
    text = stats(*months("2020-01", "2021-04", "Skadegörelse", 100))
    (without / "data/statistik/a.csv").write_text(text, encoding="utf-8")
    assert render(runner, without, "-t", "2021-T1").exit_code == 0
    both = json.loads(outputs(without)["json"])
    assert both.pop("police_statistics")["totals"][0] == {"state": "shown", "value": 400}
    assert both == alone  # focus areas, indicators (5 incidents), insatser, data: the same
    assert alone["focus_areas"][0]["indicators"][0]["total"] == {"state": "shown", "value": 5}


def test_the_demo_statistics_come_from_its_generator(tmp_path):
    """The committed demo file is what examples/generate_statistics.py writes, 2020–2021."""
    script = REPO / "examples/generate_statistics.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True)
    name = "anmalda-brott-2020-2021.csv"
    committed = (REPO / "data/statistik" / name).read_bytes()
    assert (tmp_path / name).read_bytes() == committed
    assert b"\r\n2020-01;Bostadsinbrott;" in committed
    assert b"\r\n2021-12;Bostadsinbrott;" in committed
