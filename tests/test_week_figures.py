"""Weekly figures on small hand-made workspaces; every expected number is counted by hand."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import TODAY

from est_cli.load.workspace import load_workspace
from est_cli.periods import choose_period
from est_cli.reports.weekly import WeekOutsideData, build_weekly

HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"


def csv(*rows: str) -> str:
    return HEADER + "".join(r + "\n" for r in rows)


def build(root, week, **kw):
    return build_weekly(
        load_workspace(root), today=TODAY, week=week, formats=["json"], **kw
    ).figures


def by_id(rows):
    return {r.id: r for r in rows}


def test_sunday_2359_and_monday_0000_fall_in_their_own_weeks(make_workspace):
    root = make_workspace(
        {
            "data/incidents/a.csv": csv(
                "2021-02-22;12:00;Ramdal;Stöld;;",  # week 8: the data covers all of week 9
                "2021-03-07;23:59;Centrum;Klotter;;",  # Sunday, week 9
                "2021-03-08;00:00;Centrum;Klotter;;",  # Monday, week 10
                "2021-03-14;23:59;Ramdal;Stöld;;",  # Sunday, week 10
                "2021-03-15;00:00;Sunda;Stöld;;",  # Monday, week 11
            )
        }
    )
    w10 = build(root, "2021-W10")
    assert (w10.headline.this, w10.headline.previous) == (2, 1)
    assert w10.weekday_time[0].bands == [1, 0, 0, 0]  # Monday 00:00 is night
    assert w10.weekday_time[6].bands == [0, 0, 0, 1]  # Sunday 23:59 is evening
    assert build(root, "2021-W11").headline.this == 1


def test_offsets_are_converted_to_stockholm_time_before_choosing_the_week(make_workspace):
    root = make_workspace(
        {
            "data/incidents/a.csv": "Tidpunkt;Område;Kategori\n"
            "2021-03-01T10:00:00+01:00;Centrum;Klotter\n"
            "2021-03-14T22:59:00Z;Centrum;Klotter\n"  # 23:59 in Stockholm: Sunday, week 10
            "2021-03-14T23:00:00Z;Centrum;Klotter\n"  # 00:00 Monday in Stockholm: week 11
        }
    )
    assert build(root, "2021-W10").headline.this == 1
    assert build(root, "2021-W11").headline.this == 1


def test_week_53_and_the_change_of_year(make_workspace):
    root = make_workspace(
        {
            "data/incidents/a.csv": csv(
                "2020-11-30;10:00;Centrum;Klotter;;",  # 2020-W49
                "2020-12-07;10:00;Centrum;Klotter;;",  # W50
                "2020-12-14;10:00;Centrum;Klotter;;",  # W51
                "2020-12-15;10:00;Centrum;Klotter;;",  # W51
                "2020-12-21;10:00;Centrum;Klotter;;",  # W52
                "2020-12-28;10:00;Centrum;Stöld;;",  # W53 (Monday)
                "2020-12-31;10:00;Ramdal;Stöld;;",  # W53
                "2021-01-03;23:00;Ramdal;Stöld;;",  # W53 (Sunday)
                "2021-01-04;01:00;Sunda;Inbrott;;",  # 2021-W01
            )
        }
    )
    w53 = build(root, "2020-W53")
    assert w53.week == "2020-W53"
    assert (w53.headline.this, w53.headline.previous) == (3, 1)
    assert w53.headline.mean4 == pytest.approx((1 + 1 + 2 + 1) / 4)
    assert w53.headline.last_year is None  # 2019 has no week 53
    assert w53.headline.last_year_week is None

    w01 = build(root, "2021-W01")
    assert (w01.headline.this, w01.headline.previous) == (1, 3)
    assert w01.headline.mean4 == pytest.approx((1 + 2 + 1 + 3) / 4)  # W50–W53
    assert [p.week for p in w01.trend][-2:] == ["2020-W53", "2021-W01"]
    assert w01.headline.last_year is None  # data starts in 2020-W49


def test_week_label_for_a_week_across_the_new_year(make_workspace):
    from est_cli.periods import IsoWeek
    from est_cli.render.fmt import Formatter

    label = Formatter("sv").week_label(IsoWeek(2020, 53))
    assert label == "Vecka 53, 28 december 2020–3 januari 2021"
    assert Formatter("sv").week_label(IsoWeek(2026, 47)) == "Vecka 47, 16–22 november 2026"


def test_empty_week_has_zero_counts_but_keeps_last_weeks_rows(make_workspace):
    root = make_workspace(
        {
            "data/incidents/a.csv": csv(
                "2021-03-01;10:00;Centrum;Klotter;;",  # W09
                "2021-03-02;11:00;Centrum;Klotter;;",  # W09
                "2021-03-16;12:00;Sunda;Stöld;;",  # W11
            )
        }
    )
    w10 = build(root, "2021-W10")
    assert w10.headline.this == 0
    assert w10.headline.previous == 2
    assert [(r.id, r.this, r.previous) for r in w10.categories] == [("klotter", 0, 2)]
    assert all(d.total == 0 for d in w10.weekday_time)
    assert w10.hotspots == []
    assert w10.places == []


def test_a_category_absent_last_week_shows_zero_and_its_change(make_workspace):
    root = make_workspace(
        {
            "data/incidents/a.csv": csv(
                "2021-03-01;10:00;Centrum;Stöld;;",  # W09: only stöld
                "2021-03-09;10:00;Centrum;Klotter;;",  # W10
                "2021-03-10;10:00;Ramdal;Klotter;;",  # W10
                "2021-03-11;10:00;Ramdal;Stöld;;",  # W10
            )
        }
    )
    f = build(root, "2021-W10")
    cats = by_id(f.categories)
    assert (cats["klotter"].this, cats["klotter"].previous, cats["klotter"].change) == (2, 0, 2)
    assert (cats["stold"].this, cats["stold"].previous, cats["stold"].change) == (1, 1, 0)
    assert [r.id for r in f.categories] == ["klotter", "stold"]  # largest first
    areas = by_id(f.areas)
    assert (areas["ramdal"].this, areas["ramdal"].previous) == (2, 0)
    # Data begins in W09: the 4-week mean would reach before it, so it is not given.
    assert f.headline.mean4 is None and cats["klotter"].mean4 is None


def test_weeks_before_the_data_are_not_compared(make_workspace):
    root = make_workspace({"data/incidents/a.csv": csv("2021-03-09;10:00;Centrum;Klotter;;")})
    f = build(root, "2021-W10")
    assert f.headline.previous is None and f.headline.mean4 is None
    assert f.categories[0].previous is None and f.categories[0].change is None
    assert not f.rule.evaluated and f.hotspots == []
    assert [p.total for p in f.trend] == [None] * 11 + [1]


def test_rows_without_time_are_counted_apart(make_workspace):
    root = make_workspace(
        {
            "data/incidents/a.csv": csv(
                "2021-03-10;;Centrum;Klotter;;",  # Wednesday, no time
                "2021-03-10;06:00;Centrum;Klotter;;",  # förmiddag starts at 06
                "2021-03-10;17:59;Centrum;Klotter;;",  # eftermiddag
                "2021-03-10;18:00;Centrum;Klotter;;",  # kväll starts at 18
            )
        }
    )
    f = build(root, "2021-W10")
    wednesday = f.weekday_time[2]
    assert (wednesday.bands, wednesday.no_time, wednesday.total) == ([0, 1, 1, 1], 1, 4)
    assert (f.band_totals, f.no_time_total) == ([0, 1, 1, 1], 1)


def test_same_week_last_year_and_the_four_week_mean(make_workspace):
    rows = ["2020-03-02;10:00;Centrum;Klotter;;"] * 1  # Monday of 2020-W10: data covers it all
    rows += ["2020-03-04;10:00;Centrum;Stöld;;"]  # 2020-W10: 2 in all
    rows += [f"2021-02-{d:02d};10:00;Centrum;Klotter;;" for d in (8, 15, 16, 22)]  # W06–W08
    rows += ["2021-03-01;10:00;Sunda;Stöld;;", "2021-03-02;10:00;Sunda;Stöld;;"]  # W09
    rows += ["2021-03-09;10:00;Sunda;Stöld;;"] * 1  # W10
    root = make_workspace({"data/incidents/a.csv": csv(*rows)})
    f = build(root, "2021-W10")
    h = f.headline
    assert (h.this, h.previous, h.last_year, h.last_year_week) == (1, 2, 2, "2020-W10")
    assert h.mean4 == pytest.approx((1 + 2 + 1 + 2) / 4)  # W06..W09
    assert (h.vs_previous, h.vs_last_year) == (-1, -1)
    assert h.vs_mean4 == pytest.approx(1 - 1.5)


def test_a_partly_covered_week_is_not_compared(make_workspace):
    """The data starts on a Tuesday: that week is not compared, not even in part."""
    rows = ["2020-03-03;10:00;Centrum;Klotter;;", "2020-03-04;10:00;Centrum;Stöld;;"]  # W10
    rows += [f"2020-03-{d:02d};10:00;Centrum;Klotter;;" for d in (10, 17, 18)]  # W11, W12
    rows += ["2021-03-09;10:00;Sunda;Stöld;;"]  # 2021-W10
    f = build(make_workspace({"data/incidents/a.csv": csv(*rows)}), "2021-W10")
    assert f.headline.last_year is None and f.headline.vs_last_year is None
    f = build(make_workspace({"data/incidents/a.csv": csv(*rows)}), "2020-W12")
    assert (f.headline.this, f.headline.previous) == (2, 1)
    assert f.headline.mean4 is None  # 2020-W10 is only partly covered
    assert [p.total for p in f.trend][-3:] == [None, 1, 2]
    assert [(r.id, r.previous, r.mean4) for r in f.categories] == [("klotter", 1, None)]


def test_a_partly_covered_chosen_week_is_built_with_a_warning(make_workspace):
    root = make_workspace(
        {
            "data/incidents/a.csv": csv(
                "2021-03-01;10:00;Centrum;Klotter;;", "2021-03-10;;Sunda;Stöld;;"
            )
        }
    )
    result = build_weekly(load_workspace(root), today=TODAY, week="2021-W10", formats=["json"])
    assert result.figures.headline.this == 1
    assert result.warnings and "only part of week 2021-W10" in result.warnings[0]
    assert (
        build_weekly(load_workspace(root), today=TODAY, week="2021-W09", formats=["json"]).warnings
        == []
    )


def test_data_ending_before_the_default_week_names_the_latest_week(make_workspace):
    root = make_workspace({"data/incidents/a.csv": csv("2021-03-09;10:00;Centrum;Klotter;;")})
    with pytest.raises(WeekOutsideData) as err:
        build_weekly(load_workspace(root), today=date(2026, 11, 25), formats=["json"])
    text = str(err.value)
    assert "2026-W47" in text and "2021-W10" in text and "ends on 2021-03-09" in text
    assert not (root / "reports").exists()


def test_default_week_is_the_last_complete_week():
    assert choose_period("week", None, date(2026, 11, 25)).key == "2026-W47"  # Wednesday of W48
    assert choose_period("week", None, date(2026, 11, 23)).key == "2026-W47"  # Monday of W48
    assert choose_period("week", None, date(2026, 11, 22)).key == "2026-W46"  # Sunday: W47 not over
    assert choose_period("week", "47", date(2026, 1, 5)).key == "2026-W47"
    assert choose_period("week", "2020-W53", date(2026, 1, 5)).key == "2020-W53"
