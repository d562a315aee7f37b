"""The insats evaluation (est_cli.aggregate.evaluation) on hand-made data.

Every case puts incidents on chosen days around one insats in Sunda (15–19 March 2026):
its windows are 15 Feb – 14 Mar (before) and 20 Mar – 16 Apr (after), 28 days each. The
expected figures are worked out by hand in each test's docstring, with
RRR = (b/a)/(d/c) and the interval exp(ln RRR ± 1.96·sqrt(1/a+1/b+1/c+1/d)).
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.evaluation import (
    Verdict,
    Windows,
    evaluate_insats,
    ratio_of_rate_ratios,
)
from est_cli.aggregate.frame import incident_frame
from est_cli.models.base import Insats
from est_cli.models.incident import Incident

AREAS = ["centrum", "ramdal", "sunda"]
INSATS = Insats(
    title="Riktad insats", start=date(2026, 3, 15), end=date(2026, 3, 19), area="sunda",
    categories=["inbrott"],
)  # fmt: skip
BEFORE_DAY = date(2026, 3, 1)  # inside the before window
AFTER_DAY = date(2026, 4, 1)  # inside the after window
COVERAGE = Coverage(date(2024, 1, 1), date(2026, 12, 31))


def frame(*groups: tuple[str, date, int, str]) -> pd.DataFrame:
    """(area, day, how many, category) groups as the incident frame."""
    rows = []
    for area, day, n, category in groups:
        for k in range(n):
            rows.append(
                Incident(
                    id=f"{area}-{day}-{category}-{k}",
                    occurred_at=datetime.combine(day, datetime.min.time()) + timedelta(hours=12),
                    has_time=True,
                    area=area,
                    category=category,
                    source="data/incidents/x.csv",
                    line=len(rows) + 2,
                )
            )
    return incident_frame(rows)


def around(a: int, b: int, c: int, d: int, back: int = 0) -> list[tuple[str, date, int, str]]:
    """a before and b after in Sunda; c before and d after split over Centrum and Ramdal;
    `back` years (52 weeks each) earlier."""
    shift = timedelta(weeks=52 * back)
    return [
        ("sunda", BEFORE_DAY - shift, a, "inbrott"),
        ("sunda", AFTER_DAY - shift, b, "inbrott"),
        ("centrum", BEFORE_DAY - shift, c // 2, "inbrott"),
        ("ramdal", BEFORE_DAY - shift, c - c // 2, "inbrott"),
        ("centrum", AFTER_DAY - shift, d // 2, "inbrott"),
        ("ramdal", AFTER_DAY - shift, d - d // 2, "inbrott"),
    ]


def test_clear_effect() -> None:
    """Sunda 40 → 10, the rest 100 → 100. RRR = (10/40)/(100/100) = 0.25;
    SE = sqrt(1/40 + 1/10 + 1/100 + 1/100) = sqrt(0.145) = 0.3808;
    interval exp(ln 0.25 ± 1.96·0.3808) = exp(-1.3863 ± 0.7463) = 0.1185 – 0.5273: below 1."""
    ev = evaluate_insats(frame(*around(40, 10, 100, 100)), INSATS, COVERAGE, AREAS)
    r = ev.result
    assert r.counts == (40, 10, 100, 100)
    assert r.rrr == pytest.approx(0.25)
    assert r.low == pytest.approx(0.1185, abs=5e-4)
    assert r.high == pytest.approx(0.5273, abs=5e-4)
    assert r.verdict == Verdict.below
    assert ev.comparison == ["centrum", "ramdal"] and not ev.named_comparison


def test_no_effect() -> None:
    """Sunda 20 → 20, the rest 100 → 100: RRR = 1; SE = sqrt(0.05+0.05+0.01+0.01) = 0.3464;
    interval exp(±0.679) = 0.507 – 1.972: covers 1."""
    r = evaluate_insats(frame(*around(20, 20, 100, 100)), INSATS, COVERAGE, AREAS).result
    assert r.rrr == pytest.approx(1.0)
    assert (r.low, r.high) == (pytest.approx(0.5071, abs=5e-4), pytest.approx(1.9718, abs=5e-4))
    assert r.verdict == Verdict.unclear


def test_shared_fall_is_not_an_effect() -> None:
    """Sunda halves, 40 → 20, but so does the rest, 200 → 100: RRR = (20/40)/(100/200) = 1;
    SE = sqrt(1/40+1/20+1/200+1/100) = sqrt(0.09) = 0.3; interval exp(±0.588) =
    0.555 – 1.800. The raw before/after (40 → 20) would look like a success; it is not."""
    r = evaluate_insats(frame(*around(40, 20, 200, 100)), INSATS, COVERAGE, AREAS).result
    assert r.rrr == pytest.approx(1.0)
    assert (r.low, r.high) == (pytest.approx(0.5554, abs=5e-4), pytest.approx(1.8004, abs=5e-4))
    assert r.verdict == Verdict.unclear


def test_too_few_events() -> None:
    """Sunda 3 → 0: ln 0 is undefined, so no ratio is made up (no 0.5 added)."""
    r = evaluate_insats(frame(*around(3, 0, 100, 100)), INSATS, COVERAGE, AREAS).result
    assert r.counts == (3, 0, 100, 100)
    assert (r.rrr, r.low, r.high) == (None, None, None)
    assert r.verdict == Verdict.too_few
    assert ratio_of_rate_ratios(0, 5, 5, 5) is None


def test_a_fall_within_chance() -> None:
    """Sunda 10 → 5, the rest 100 → 100: RRR = 0.5, but SE = sqrt(0.1+0.2+0.02) = 0.5657
    and the interval exp(ln 0.5 ± 1.1087) = 0.165 – 1.515 covers 1: unclear, not lower."""
    r = evaluate_insats(frame(*around(10, 5, 100, 100)), INSATS, COVERAGE, AREAS).result
    assert r.rrr == pytest.approx(0.5)
    assert r.high == pytest.approx(1.5152, abs=5e-4)
    assert r.verdict == Verdict.unclear


def test_interval_formula() -> None:
    """a=8, b=2, c=50, d=60: RRR = (2/8)/(60/50) = 0.208333; SE = sqrt(1/8+1/2+1/50+1/60)
    = sqrt(0.661667) = 0.813429; bounds exp(ln 0.208333 ∓ 1.959964·0.813429) =
    exp(-1.568616 ∓ 1.594291) = 0.04254 and 1.02601 (just covers 1)."""
    rrr, low, high = ratio_of_rate_ratios(8, 2, 50, 60) or (0, 0, 0)
    assert rrr == pytest.approx(0.208333, abs=1e-6)
    assert low == pytest.approx(math.exp(-1.568616 - 1.594291), rel=1e-5)
    assert high == pytest.approx(1.02601, abs=1e-4)


def test_seasonality_from_earlier_years() -> None:
    """The same 40 → 10 against 100 → 100 fell 52 weeks earlier too (no insats then): the
    earlier year is shown, with the same clear verdict, and flagged as seasonal. Two years
    back the data has no incidents: 0 → 0, too few. Three years back lies before the data."""
    df = frame(*around(40, 10, 100, 100), *around(40, 10, 100, 100, back=1))
    ev = evaluate_insats(df, INSATS, COVERAGE, AREAS)
    assert [e.years_back for e in ev.earlier] == [1, 2]  # 2023 is not covered
    assert ev.earlier[0].before_first == date(2025, 2, 16)  # 15 Feb 2026 less 364 days
    assert ev.earlier[0].rrr == pytest.approx(0.25)
    assert ev.earlier[1].verdict == Verdict.too_few
    assert ev.seasonal == [1]
    assert evaluate_insats(frame(*around(40, 10, 100, 100)), INSATS, COVERAGE, AREAS).seasonal == []


def test_named_comparison_categories_and_windows() -> None:
    """Compared with Ramdal only, the Centrum incidents do not count; other categories do not
    count; a 7-day before window leaves out the incidents of 1 March (14 days before)."""
    df = frame(
        *around(20, 10, 40, 40),
        ("sunda", date(2026, 3, 1), 50, "skadegorelse"),
        ("sunda", date(2026, 3, 10), 4, "inbrott"),
        ("sunda", date(2026, 3, 22), 2, "inbrott"),
        ("ramdal", date(2026, 3, 10), 6, "inbrott"),
        ("ramdal", date(2026, 3, 22), 3, "inbrott"),
    )
    named = INSATS.model_copy(update={"comparison": ["ramdal"]})
    ev = evaluate_insats(df, named, COVERAGE, AREAS)
    assert ev.named_comparison and ev.comparison == ["ramdal"]
    assert ev.result.counts == (24, 12, 26, 23)  # ramdal: 20 + 6 before, 20 + 3 after
    week = evaluate_insats(df, named, COVERAGE, AREAS, Windows(before_days=7, after_days=7))
    assert week.result.counts == (4, 2, 6, 3)
    assert (week.result.before_first, week.result.after_last) == (
        date(2026, 3, 8),
        date(2026, 3, 26),
    )


def test_no_data_and_no_comparison() -> None:
    """An after window past the data's end is 'no data', never 0; an insats for the whole
    municipality has nothing to compare with."""
    df = frame(*around(40, 10, 100, 100))
    short = Coverage(date(2024, 1, 1), date(2026, 3, 31))
    assert evaluate_insats(df, INSATS, short, AREAS).result.verdict == Verdict.no_data
    assert evaluate_insats(df, INSATS, short, AREAS).result.counts is None
    whole = INSATS.model_copy(update={"area": None})
    assert evaluate_insats(df, whole, COVERAGE, AREAS).result.verdict == Verdict.no_comparison
