"""`est stats`: counts for a week, month or tertial, filtered by area or category."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import TODAY

from est_cli.cli.app import app
from est_cli.errors import UsageError
from est_cli.load.workspace import load_workspace
from est_cli.reports.stats import compute_stats, stats_period

HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"
ROWS = (
    "2021-01-01;12:00;Ramdal;Skadegörelse;;\n"  # the data starts on the first day of T1
    "2021-02-28;23:59;Centrum;Klotter;;\n"  # Sunday of W08, February
    "2021-03-01;00:00;Centrum;Klotter;;\n"  # Monday of W09, March
    "2021-03-02;;Sunda;Inbrott;;\n"  # W09, no time
    "2021-03-09;13:00;Sunda;Inbrott;;\n"  # W10
    "2021-03-10;20:00;Ramdal;Stöld;;\n"  # W10
    "2021-05-03;08:00;Ramdal;Stöld;;\n"  # T2
)


@pytest.fixture
def ws(make_workspace):
    return make_workspace({"data/incidents/a.csv": HEADER + ROWS})


def test_week(ws):
    r = compute_stats(load_workspace(ws), today=TODAY, week="2021-W09")
    assert (r.total, r.previous_total, r.last_year_total) == (2, 1, None)
    assert {row.id: row.this for row in r.by_category} == {"klotter": 1, "inbrott": 1}
    assert r.weekday_time[0].bands == [1, 0, 0, 0] and r.weekday_time[1].no_time == 1


def test_month_and_tertial(ws):
    march = compute_stats(load_workspace(ws), today=TODAY, month="2021-03")
    assert (march.total, march.previous_total) == (4, 1)
    assert march.period.previous.key == "2021-02"
    assert march.vs_previous == 3 and march.coverage == "full"
    t1 = compute_stats(load_workspace(ws), today=TODAY, tertial="2021-T1")
    assert (t1.total, t1.period.previous.key) == (6, "2020-T3")
    assert t1.previous_total is None and t1.vs_previous is None  # before the data
    t2 = compute_stats(load_workspace(ws), today=TODAY, tertial="2021-T2")
    assert (t2.coverage, t2.total, t2.previous_total) == ("partial", 1, 6)
    assert t2.vs_previous is None  # the data ends in May: T2 is incomplete, not compared
    assert all(r.vs_previous is None for r in t2.by_category)


def test_periods_after_the_data_show_no_figure_not_zero(ws):
    """B12: a week after the data ends is not 0 incidents."""
    r = compute_stats(load_workspace(ws), today=TODAY, week="2021-W30")
    assert r.coverage == "outside"
    assert (r.total, r.previous_total, r.last_year_total) == (None, None, None)
    r = compute_stats(
        load_workspace(ws), today=TODAY, week="2022-W09"
    )  # last year is W09 2021, covered
    assert (r.total, r.last_year_total, r.vs_last_year) == (None, 2, None)
    assert {row.id: (row.this, row.last_year) for row in r.by_category} == {
        "klotter": (None, 1),
        "inbrott": (None, 1),
    }


def test_filters_by_area_and_category_names_or_ids(ws):
    r = compute_stats(load_workspace(ws), today=TODAY, month="2021-03", areas=["sunda", "Ramdal"])
    assert r.total == 3 and r.areas == ["Ramdal", "Sunda"]
    r = compute_stats(
        load_workspace(ws), today=TODAY, month="2021-03", categories=["inbrott"], areas=["Sunda"]
    )
    assert r.total == 2 and [row.id for row in r.by_area] == ["sunda"]


def test_unknown_filter_is_a_usage_error(ws):
    with pytest.raises(UsageError, match="'Sundo' is not a known area"):
        compute_stats(load_workspace(ws), today=TODAY, week="2021-W10", areas=["Sundo"])


def test_period_choice():
    today = date(2021, 3, 17)
    assert stats_period(None, None, None, today).key == "2021-W10"
    assert stats_period("9", None, None, today).key == "2021-W09"
    assert stats_period(None, "2021-12", None, today).previous.key == "2021-11"
    assert stats_period(None, "2021-01", None, today).previous.key == "2020-12"
    with pytest.raises(UsageError):
        stats_period("9", "2021-03", None, today)
    with pytest.raises(UsageError):
        stats_period(None, "2021-13", None, today)


def test_cli_prints_tables(runner, ws):
    result = runner.invoke(
        app, ["stats", "--workspace", str(ws), "--week", "2021-W10", "--area", "Sunda"]
    )
    assert result.exit_code == 0, result.output
    assert "vecka 2021-W10" in result.output and "områden: Sunda" in result.output
    assert "Per kategori" in result.output and "Inbrott" in result.output
    assert "Stöld" not in result.output  # filtered out
    bad = runner.invoke(app, ["stats", "--workspace", str(ws), "--category", "nope"])
    assert bad.exit_code == 2


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--week", "2020-W01"], "vecka 2020-W01"),  # previous and last year before the data
        (["--tertial", "2020-T1"], "tertial 2020-T1"),
    ],
)
def test_cli_periods_without_comparison_do_not_crash(runner, ws, args, shown):
    result = runner.invoke(app, ["stats", "--workspace", str(ws), *args])
    assert result.exit_code == 0, result.output
    assert shown in result.output and "ligger utanför" in result.output
    assert "Traceback" not in result.output


def test_cli_previous_period_not_covered_shows_a_dash(runner, ws):
    result = runner.invoke(app, ["stats", "--workspace", str(ws), "--tertial", "2021-T1"])
    assert result.exit_code == 0, result.output
    assert "Händelser: 6 · föregående tertial (2020-T3): – (–)" in result.output


def test_cli_without_any_export_does_not_crash(runner, make_workspace):
    root = make_workspace({})
    result = runner.invoke(app, ["stats", "--workspace", str(root), "--week", "2021-W10"])
    assert result.exit_code == 0, result.output
    assert "Inga användbara händelser i exporterna." in result.output
    assert "Händelser: – · föregående vecka (2021-W09): – (–)" in result.output
    # without options, see tests/test_placeholders.py: the default week must have data


def test_week_53_has_no_year_before_and_does_not_crash(ws):
    r = compute_stats(load_workspace(ws), today=TODAY, week="2020-W53")
    assert r.period.year_before is None and r.last_year_total is None
