"""The monthly follow-up's figures on a small hand-made workspace; every expected number is
counted by hand in the comments of WORKSPACE."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import BASIC_SETTINGS, TODAY

from est_cli.aggregate.hotspots import poisson_upper_tail
from est_cli.aggregate.monthly import MEAN_MONTHS
from est_cli.load.workspace import load_workspace
from est_cli.periods import IsoWeek, Month
from est_cli.reports.monthly import build_monthly
from est_cli.reports.monthly_parts import weeks_of
from est_cli.reports.period import OutsideData

HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"
ROWS = [
    "2020-03-01;10:00;Centrum;Klotter;;",  # the data starts: March 2020 (last year), baseline
    "2020-03-15;10:00;Ramdal;Stöld;;",  # last year, baseline
    "2020-07-10;10:00;Centrum;Klotter;;",  # baseline
    "2021-02-05;10:00;Centrum;Klotter;;",  # previous month (Friday, förmiddag), baseline
    "2021-02-20;22:00;Sunda;Inbrott;;",  # previous month (Saturday, kväll), baseline
    "2021-03-01;02:00;Centrum;Stöld;;",  # March 2021: Monday natt
    "2021-03-01;03:00;Centrum;Stöld;;",  # Monday natt
    "2021-03-03;13:00;Centrum;Stöld;;",  # Wednesday eftermiddag
    "2021-03-03;14:00;Centrum;Stöld;;",  # Wednesday eftermiddag
    "2021-03-06;20:00;Centrum;Stöld;;",  # Saturday kväll
    "2021-03-07;;Centrum;Stöld;;",  # Sunday, no time
    "2021-03-10;09:00;Ramdal;Klotter;;",  # Wednesday förmiddag
    "2021-04-02;10:00;Sunda;Klotter;;",  # after the month: the data covers all of March
]
SURVEY = """\
survey:
  factors:
    - {id: skadegorelse, label: Skadegörelse}
    - {id: klotter, label: Klotter}
  respondents:
    - {organisation: Polisen, name: Kommunpolis, area: centrum}
    - {organisation: Polisen, name: Områdespolis, area: ramdal}
    - {organisation: Kommunen, name: Trygghetsvärd, area: centrum}
    - {organisation: Bostadsbolaget, name: Bovärd, area: sunda}
"""
SURVEY_CSV = (
    "Tidstämpel;Namn;Organisation;Område;Skadegörelse;Klotter;Kommentar\n"
    "2021-03-02 09:00;Kommunpolis;Polisen;Centrum;Många;Många;\n"  # W08: February's week
    "2021-03-09 09:00;Kommunpolis;Polisen;Centrum;Enstaka;Inget;\n"  # W09
    "2021-03-09 10:00;Områdespolis;Polisen;Ramdal;Flera;Vet ej;\n"  # W09
    "2021-03-16 09:00;Kommunpolis;Polisen;Centrum;Många;;\n"  # W10
    "2021-04-06 09:00;Kommunpolis;Polisen;Centrum;Många;Många;\n"  # W13: April's week
)
PLEDGE_INSATSER = """\
insatser:
  - title: Riktad insats mot stölder
    start: 2021-03-02
    end: 2021-03-05
    area: centrum
    categories: [stold]
    owner: polisen
  - title: Insats i april
    start: 2021-04-01
    area: sunda
"""
WEEK_NOTES = """\
week: 2021-W10
meeting_date: 2021-03-11
assessment: Lugnt.
insatser:
  - title: Trygghetsvandring i Ramdal
    start: 2021-03-10
    area: ramdal
    owner: gemensamt
"""


def csv(rows: list[str]) -> str:
    return HEADER + "".join(r + "\n" for r in rows)


@pytest.fixture
def root(make_workspace) -> Path:
    from conftest import BASIC_PLEDGE

    return make_workspace(
        {
            "data/incidents/a.csv": csv(ROWS),
            "data/survey/enkat.csv": SURVEY_CSV,
            "pledges/2021.yaml": BASIC_PLEDGE + PLEDGE_INSATSER,
            "weeks/2021-W10.yaml": WEEK_NOTES,
        },
        est_yaml=BASIC_SETTINGS + SURVEY,
    )


def build(root: Path, month: str | None = "2021-03", today: date = TODAY, **kw):
    return build_monthly(load_workspace(root), today=today, month=month, formats=["json"], **kw)


def by_id(rows):
    return {r.id: r for r in rows}


def test_the_month_against_the_previous_month_last_year_and_the_12_month_mean(root):
    f = build(root).figures
    t = f.total
    assert (t.this, t.previous, t.last_year) == (7, 2, 2)
    assert t.mean12 == pytest.approx(5 / 12)  # 5 incidents March 2020–February 2021
    cats = by_id(f.categories)
    assert [c.id for c in f.categories] == ["stold", "klotter", "inbrott"]
    assert (cats["stold"].this, cats["stold"].previous, cats["stold"].last_year) == (6, 0, 1)
    assert cats["stold"].mean12 == pytest.approx(1 / 12)
    assert (cats["klotter"].this, cats["klotter"].previous, cats["klotter"].last_year) == (1, 1, 1)
    assert cats["klotter"].mean12 == pytest.approx(3 / 12)
    inbrott, centrum = cats["inbrott"], by_id(f.areas)["centrum"]
    assert (inbrott.this, inbrott.previous, inbrott.vs_previous) == (0, 1, -1)
    areas = by_id(f.areas)
    assert (centrum.this, centrum.previous, centrum.last_year) == (6, 1, 1)
    assert areas["centrum"].mean12 == pytest.approx(3 / 12)
    assert (areas["ramdal"].this, areas["sunda"].this, areas["sunda"].previous) == (1, 0, 1)


def test_a_month_without_a_covered_past_is_not_compared(root):
    """March 2020 is the data's first month: nothing before it is covered, so '–' not 0."""
    f = build(root, "2020-03").figures
    t = f.total
    assert (t.this, t.previous, t.last_year, t.mean12) == (2, None, None, None)
    assert all(r.previous is None and r.mean12 is None for r in [*f.categories, *f.areas])
    assert not f.rule.evaluated and f.rises == []


def test_the_rise_rule_flags_the_category_and_the_area_far_above_their_level(root):
    f = build(root).figures
    assert f.rule.evaluated
    assert (f.rule.first_month, f.rule.last_month) == ("2020-03", "2021-02")
    assert [(r.kind, r.id) for r in f.rises] == [("category", "stold"), ("area", "centrum")]
    stold, centrum = f.rises
    assert stold.expected == pytest.approx(1 / MEAN_MONTHS)
    assert stold.p_value == pytest.approx(poisson_upper_tail(6, 1 / 12))
    assert centrum.p_value == pytest.approx(poisson_upper_tail(6, 3 / 12))
    # klotter in Ramdal has 1 incident (under the minimum of 5) and is not a rise
    assert "klotter" not in {r.id for r in f.rises}


def test_the_rise_rule_needs_the_minimum_count(make_workspace):
    """Four incidents never seen before are very unlikely, but under the minimum of 5."""
    rows = [ROWS[0], *(f"2021-03-0{d};10:00;Sunda;Rån;;" for d in range(1, 5)), ROWS[-1]]
    f = build(make_workspace({"data/incidents/a.csv": csv(rows)})).figures
    assert f.rule.evaluated and f.rises == []
    rows.insert(1, "2021-03-05;10:00;Sunda;Rån;;")
    f = build(make_workspace({"data/incidents/a.csv": csv(rows)})).figures
    assert [(r.id, r.count, r.floored) for r in f.rises] == [("ran", 5, True), ("sunda", 5, True)]


def test_weekday_and_time_of_day_over_the_last_three_months(root):
    f = build(root).figures
    assert f.pattern_first == "2021-01" and f.pattern_covered
    grid = {d.weekday: (d.bands, d.no_time) for d in f.weekday_time}
    assert grid[1] == ([2, 0, 0, 0], 0)  # Monday: two at night
    assert grid[3] == ([0, 1, 2, 0], 0)  # Wednesday
    assert grid[5] == ([0, 1, 0, 0], 0)  # Friday 5 February
    assert grid[6] == ([0, 0, 0, 2], 0)  # Saturday: 20 February and 6 March
    assert grid[7] == ([0, 0, 0, 0], 1)  # Sunday, no time
    assert (f.band_totals, f.no_time_total, f.pattern_total) == ([2, 2, 2, 2], 1, 9)


def test_the_13_month_trend(root):
    f = build(root).figures
    assert [p.month for p in f.trend][::6] == ["2020-03", "2020-09", "2021-03"]
    assert [p.total for p in f.trend] == [2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 7]
    assert [c for c, _name in f.trend_categories] == ["stold", "klotter", "inbrott"]
    assert f.trend[-1].categories == [6, 1, 0]
    assert f.trend[0].categories == [1, 1, 0]


def test_the_default_month_is_the_last_complete_one(root):
    assert build(root, None, today=date(2021, 4, 10)).month == Month(2021, 3)
    assert build(root, None, today=date(2021, 4, 1)).month == Month(2021, 3)


def test_a_month_the_data_does_not_reach_is_refused(root):
    with pytest.raises(OutsideData, match="latest month with data is 2021-04"):
        build(root, "2021-09")
    with pytest.raises(OutsideData, match="2026-11"):
        build(root, None)  # TODAY's default month lies long after the data
    with pytest.raises(OutsideData, match="starts on 2020-03-01"):
        build(root, "2019-12")
    assert not (root / "reports" / "monthly").exists()


def test_the_survey_picture_is_the_months_weeks(root):
    assert weeks_of(Month(2021, 3)) == [IsoWeek(2021, w) for w in (9, 10, 11, 12)]
    assert weeks_of(Month(2021, 4)) == [IsoWeek(2021, w) for w in (13, 14, 15, 16, 17)]
    result = build(root)
    assert result.survey_answers == 3  # W08's and W13's answers belong to other months
    import json

    survey = json.loads((root / "reports/monthly/2021-03.json").read_text())["survey"]
    weeks = {w["week"]: w for w in survey["weeks"]}
    assert [w["responses"] for w in survey["weeks"]] == [2, 1, 0, 0]
    assert weeks["2021-W09"]["cells"][0]["mean"] == pytest.approx(1.5)  # Enstaka, Flera
    assert (weeks["2021-W09"]["answered"], weeks["2021-W09"]["expected"]) == (2, 4)
    skadegorelse, klotter = survey["factors"]
    assert (skadegorelse["n"], skadegorelse["mean"]) == (3, pytest.approx(2.0))  # 1, 2, 3
    assert (klotter["n"], klotter["mean"]) == (1, 0.0)  # Inget; 'Vet ej' and empty not counted


def test_the_insatser_of_the_month_come_from_the_pledge_and_the_week_notes(root):
    import json

    assert build(root).insatser == 2
    insatser = json.loads((root / "reports/monthly/2021-03.json").read_text())["insatser"]
    assert [(i["title"], i["start"], i["end"], i["area_name"]) for i in insatser] == [
        ("Riktad insats mot stölder", "2021-03-02", "2021-03-05", "Centrum"),
        ("Trygghetsvandring i Ramdal", "2021-03-10", "2021-03-10", "Ramdal"),
    ]
    assert build(root, "2021-04").insatser == 1  # 'Insats i april'


def test_a_month_the_data_covers_only_in_part_is_built_and_says_so(make_workspace):
    rows = [ROWS[0], "2021-03-10;10:00;Centrum;Klotter;;", "2021-03-20;10:00;Sunda;Stöld;;"]
    root = make_workspace({"data/incidents/a.csv": csv(rows)})
    result = build_monthly(load_workspace(root), today=TODAY, month="2021-03", formats=["md"])
    assert result.figures.total.this == 2
    assert [w.msgid for w in result.warnings] == [
        "the incident data covers %(first)s to %(last)s, only part of month %(month)s: its "
        "counts are incomplete"
    ]
    md = (root / "reports/monthly/2021-03.md").read_text(encoding="utf-8")
    assert "Underlaget täcker inte hela mars 2021, så månadens siffror är ofullständiga." in md
    assert build(make_workspace({"data/incidents/a.csv": csv(ROWS)})).warnings == []
