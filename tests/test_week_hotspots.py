"""The hotspot rule: exact Poisson tail, the floor for a quiet baseline, both thresholds."""

from __future__ import annotations

import math

import pytest
from conftest import TODAY

from est_cli.aggregate.hotspots import baseline_rate, evaluate, poisson_upper_tail
from est_cli.load.workspace import load_workspace
from est_cli.reports.weekly import build_weekly

HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"


def test_poisson_upper_tail_matches_hand_computed_values():
    assert poisson_upper_tail(0, 2.0) == 1.0
    assert poisson_upper_tail(1, 2.0) == pytest.approx(1 - math.exp(-2))
    # P(X >= 5 | mu = 1) = 1 - e^-1 (1 + 1 + 1/2 + 1/6 + 1/24)
    assert poisson_upper_tail(5, 1.0) == pytest.approx(1 - math.exp(-1) * (65 / 24), rel=1e-12)
    assert poisson_upper_tail(4, 1.0) == pytest.approx(1 - math.exp(-1) * (8 / 3), rel=1e-12)
    # a tiny tail keeps its precision: P(X >= 30 | mu = 0.5) ~ e^-0.5 0.5^30 / 30!
    tiny = math.exp(-0.5) * 0.5**30 / math.factorial(30)
    assert poisson_upper_tail(30, 0.5) == pytest.approx(tiny, rel=1e-3)
    assert poisson_upper_tail(3, 0.0) == 0.0


@pytest.mark.parametrize("mu", [0.0625, 0.5, 1.0, 3.7, 12.0])
def test_tail_and_lower_sum_add_up_to_one(mu):
    for k in range(0, 25):
        lower = sum(math.exp(-mu) * mu**i / math.factorial(i) for i in range(k))
        assert poisson_upper_tail(k, mu) + lower == pytest.approx(1.0, abs=1e-12)


def test_zero_baseline_uses_a_floor_of_half_an_incident():
    assert baseline_rate(0, 8) == pytest.approx(0.5 / 8)
    assert baseline_rate(4, 8) == pytest.approx(0.5)


def test_p_value_threshold_is_strict():
    p5 = poisson_upper_tail(5, 1.0)
    assert evaluate(5, 8, 8, min_count=3, p_value=p5)[0] is False  # exactly on: not below
    assert evaluate(5, 8, 8, min_count=3, p_value=p5 * 1.000001)[0] is True


def test_min_count_threshold():
    # With an empty baseline two incidents are already improbable (p ≈ 0.0019) ...
    flagged, expected, p = evaluate(2, 0, 8, min_count=3, p_value=0.01)
    assert p < 0.01 and expected == pytest.approx(0.0625) and not flagged
    # ... but the rule asks for at least three.
    assert evaluate(3, 0, 8, min_count=3, p_value=0.01)[0]


def _workspace(make_workspace, this_week_sunda_inbrott: int, extra: str = ""):
    """8 baseline weeks (W02–W09 2021) with one Sunda × inbrott each: mu = 1 per week.

    P(X >= 4 | 1) = 0.019 (not flagged), P(X >= 5 | 1) = 0.0037 (flagged).
    """
    rows = [f"2021-01-{11 + 7 * i:02d};12:00;Sunda;Inbrott;;" for i in range(3)]  # W02–W04
    rows += [f"2021-02-{1 + 7 * i:02d};12:00;Sunda;Inbrott;;" for i in range(4)]  # W05–W08
    rows += ["2021-03-01;12:00;Sunda;Inbrott;;"]  # W09
    rows += ["2021-03-09;20:00;Sunda;Inbrott;;"] * this_week_sunda_inbrott  # W10
    return make_workspace({"data/incidents/a.csv": HEADER + "\n".join(rows) + "\n" + extra})


def test_hotspot_just_on_the_threshold(make_workspace):
    root = _workspace(make_workspace, 5)
    f = build_weekly(load_workspace(root), today=TODAY, week="2021-W10", formats=["json"]).figures
    assert f.rule.evaluated and f.rule.weeks_used == 8
    assert f.rule.first_week == "2021-W02" and f.rule.last_week == "2021-W09"
    assert [(h.area, h.category, h.count, h.baseline_total) for h in f.hotspots] == [
        ("sunda", "inbrott", 5, 8)
    ]
    assert f.hotspots[0].expected == pytest.approx(1.0)
    assert f.hotspots[0].p_value == pytest.approx(1 - math.exp(-1) * 65 / 24)
    assert not f.hotspots[0].floored


def test_hotspot_just_off_the_threshold(make_workspace):
    root = _workspace(make_workspace, 4)
    f = build_weekly(load_workspace(root), today=TODAY, week="2021-W10", formats=["json"]).figures
    assert f.rule.evaluated and f.hotspots == []


def test_new_combination_flagged_from_three_with_floor(make_workspace):
    extra = "2021-03-10;01:00;Centrum;Klotter;;\n" * 3
    root = _workspace(make_workspace, 0, extra)
    f = build_weekly(load_workspace(root), today=TODAY, week="2021-W10", formats=["json"]).figures
    assert [(h.area, h.category, h.floored) for h in f.hotspots] == [("centrum", "klotter", True)]
    root = _workspace(make_workspace, 0, "2021-03-10;01:00;Centrum;Klotter;;\n" * 2)
    assert (
        build_weekly(
            load_workspace(root), today=TODAY, week="2021-W10", formats=["json"]
        ).figures.hotspots
        == []
    )


def test_settings_change_the_rule(make_workspace):
    from tests.conftest import BASIC_SETTINGS

    settings = BASIC_SETTINGS + "weekly:\n  hotspot_min_count: 5\n  hotspot_p_value: 0.001\n"
    root = _workspace(make_workspace, 5)
    (root / "est.yaml").write_text(settings, encoding="utf-8")
    f = build_weekly(load_workspace(root), today=TODAY, week="2021-W10", formats=["json"]).figures
    assert f.rule.min_count == 5 and f.rule.p_value == 0.001
    assert f.hotspots == []  # p = 0.0037 is not below 0.001
