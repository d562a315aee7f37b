"""Insatser evaluated against a comparison: a difference-in-differences on the log scale.

A fall after an insats is often regression to the mean (insatser start when counts are high)
or a trend shared by the whole municipality. So the insats area is compared with other areas
over the same windows, and the same weeks of earlier years are shown beside it (season).

The method, as the documents state it. With a, b the incidents of the insats' categories in
its area in the window before and after it, and c, d the same in the comparison areas:

    rate ratio in the area        b / a
    rate ratio in the comparison  d / c
    ratio of rate ratios   RRR = (b / a) / (d / c)
    95 % interval          exp(ln RRR ± 1.96 · sqrt(1/a + 1/b + 1/c + 1/d))

(the Wald interval of the log of a ratio of Poisson counts; the windows' lengths cancel, as
both areas share them). RRR < 1: the area went better than the comparison. A count of 0
leaves the logarithm undefined: no number is made up then ("too few events"), nor is a 0.5
added to the cells. Incidents are placed in an area by the export's area column; the
comparison is every other area unless the insats names its own (`comparison:`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from est_cli.aggregate.counts import count_in
from est_cli.aggregate.coverage import Coverage
from est_cli.models.base import Insats

if TYPE_CHECKING:
    import pandas as pd

Z95 = 1.959963984540054  # the standard normal's 97.5 % quantile
YEAR_WEEKS = 52  # an earlier year's windows: 52 weeks back, so the weekdays match


class Verdict(StrEnum):
    """What one comparison can say, and no more."""

    below = "below"  # the whole interval below 1: the area went clearly better
    above = "above"  # the whole interval above 1: the area went clearly worse
    unclear = "unclear"  # the interval covers 1: within what chance gives
    too_few = "too_few"  # a count is 0: no ratio can be computed
    no_data = "no_data"  # the data does not cover a window (yet)
    no_comparison = "no_comparison"  # nothing to compare with (no area, or no other area)


@dataclass(frozen=True)
class Windows:
    """The days compared: `before_days` before the insats' first day, `after_days` after
    its last day (its own days are in neither), and `earlier_years` years back."""

    before_days: int = 28
    after_days: int = 28
    earlier_years: int = 3


@dataclass(frozen=True)
class Comparison:
    """One before/after comparison, of the insats' own windows or of the same weeks
    `years_back` years (52 weeks each) earlier. Counts are None where not counted."""

    years_back: int
    before_first: date
    before_last: date
    after_first: date
    after_last: date
    area_before: int | None  # a
    area_after: int | None  # b
    comparison_before: int | None  # c
    comparison_after: int | None  # d
    rrr: float | None
    low: float | None
    high: float | None
    verdict: Verdict

    @property
    def counts(self) -> tuple[int, int, int, int] | None:
        """(a, b, c, d) when all four were counted."""
        cells = (self.area_before, self.area_after, self.comparison_before, self.comparison_after)
        if any(c is None for c in cells):
            return None
        a, b, c, d = (int(x or 0) for x in cells)
        return a, b, c, d


@dataclass(frozen=True)
class InsatsEvaluation:
    """An insats and what its comparison says: `result` for its own windows, `earlier` for
    the same weeks of earlier years that the data covers (most recent first), and
    `seasonal`: the earlier years whose verdict was the same clear one (below or above),
    when the result is clear: then the change may belong to the season, not the insats."""

    insats: Insats
    area: str | None
    comparison: list[str]  # area ids
    named_comparison: bool  # the insats names its comparison areas (else: all the others)
    categories: list[str]  # category ids; empty: all
    windows: Windows
    result: Comparison
    earlier: list[Comparison] = field(default_factory=list)
    seasonal: list[int] = field(default_factory=list)  # years_back


def ratio_of_rate_ratios(a: int, b: int, c: int, d: int) -> tuple[float, float, float] | None:
    """(RRR, lower, upper) of the 95 % interval, or None when a count is 0 (see the module)."""
    if min(a, b, c, d) <= 0:
        return None
    rrr = (b * c) / (a * d)  # exact for integers: a shared fall of the same size gives 1.0
    log_rrr = math.log(rrr)
    se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    return rrr, math.exp(log_rrr - Z95 * se), math.exp(log_rrr + Z95 * se)


def verdict_of(interval: tuple[float, float, float] | None) -> Verdict:
    """Clear only when the whole 95 % interval lies on one side of 1."""
    if interval is None:
        return Verdict.too_few
    _, low, high = interval
    if high < 1:
        return Verdict.below
    if low > 1:
        return Verdict.above
    return Verdict.unclear


def evaluate_insats(
    df: pd.DataFrame,
    insats: Insats,
    coverage: Coverage,
    areas: Sequence[str],
    windows: Windows | None = None,
) -> InsatsEvaluation:
    """Evaluate one insats on the incident frame (`IncidentSet.frame`: occurred_at, area,
    category): its area against `insats.comparison`, or against every other id in `areas`
    (the workspace's areas), over `windows` (default: 28 days each side, 3 earlier years).

    Raw counts are returned: the caller suppresses what it publishes. A window the data
    does not cover in full gives `Verdict.no_data`, never a count of 0.
    """
    windows = windows or Windows()
    named = bool(insats.comparison)
    comparison = (
        list(dict.fromkeys(insats.comparison)) if named else [a for a in areas if a != insats.area]
    )
    cats = list(dict.fromkeys(insats.categories))
    part = df[df["category"].isin(cats)] if cats else df
    end = insats.end or insats.start
    before = (insats.start - timedelta(days=windows.before_days), insats.start - timedelta(days=1))
    after = (end + timedelta(days=1), end + timedelta(days=windows.after_days))
    compare = insats.area is not None and bool(comparison)

    def one(back: int) -> Comparison:
        shift = timedelta(weeks=YEAR_WEEKS * back)
        b0, b1 = before[0] - shift, before[1] - shift
        a0, a1 = after[0] - shift, after[1] - shift
        covered = coverage.covers(b0, b1) and coverage.covers(a0, a1)
        counts: list[int | None] = [None] * 4
        if covered and insats.area is not None:
            in_before = _by_area(part, b0, b1)
            in_after = _by_area(part, a0, a1)
            counts[0], counts[1] = in_before.get(insats.area, 0), in_after.get(insats.area, 0)
            if compare:
                counts[2] = sum(in_before.get(x, 0) for x in comparison)
                counts[3] = sum(in_after.get(x, 0) for x in comparison)
        interval = None
        if not compare:
            verdict = Verdict.no_comparison
        elif not covered:
            verdict = Verdict.no_data
        else:
            a, b, c, d = (int(x or 0) for x in counts)
            interval = ratio_of_rate_ratios(a, b, c, d)
            verdict = verdict_of(interval)
        rrr, low, high = interval if interval else (None, None, None)
        a_, b_, c_, d_ = counts
        return Comparison(back, b0, b1, a0, a1, a_, b_, c_, d_, rrr, low, high, verdict)

    result = one(0)
    earlier = [one(k) for k in range(1, windows.earlier_years + 1)]
    earlier = [e for e in earlier if e.verdict != Verdict.no_data]
    clear = (Verdict.below, Verdict.above)
    seasonal = [
        e.years_back for e in earlier if result.verdict in clear and e.verdict == result.verdict
    ]
    return InsatsEvaluation(
        insats=insats,
        area=insats.area,
        comparison=comparison,
        named_comparison=named,
        categories=cats,
        windows=windows,
        result=result,
        earlier=earlier,
        seasonal=seasonal,
    )


def published(c: Comparison, threshold: int, shown: bool = True) -> Comparison:
    """The comparison as a published document may show it (small-count suppression).

    The comparison areas' counts are never published; the ratio and its interval only when
    each of the four counts is at least the threshold (`publication.suppress_below`) and the
    area's own before/after counts are `shown` (not hidden by secondary suppression):
    otherwise they could give a small count away, and the verdict is "too few". The area's
    counts are kept only with the ratio (they are then published beside it anyway)."""
    if c.counts is None or c.rrr is None:
        return replace(c, comparison_before=None, comparison_after=None)
    if shown and min(c.counts) >= max(threshold, 1):
        return replace(c, comparison_before=None, comparison_after=None)
    return replace(
        c,
        area_before=None,
        area_after=None,
        comparison_before=None,
        comparison_after=None,
        rrr=None,
        low=None,
        high=None,
        verdict=Verdict.too_few,
    )


def published_evaluation(ev: InsatsEvaluation, threshold: int, shown: bool) -> InsatsEvaluation:
    """`ev` with every comparison `published`; the seasonal years re-derived from those."""
    result = published(ev.result, threshold, shown)
    earlier = [published(c, threshold) for c in ev.earlier]
    clear = (Verdict.below, Verdict.above)
    seasonal = [
        e.years_back for e in earlier if result.verdict in clear and e.verdict == result.verdict
    ]
    return replace(ev, result=result, earlier=earlier, seasonal=seasonal)


def _by_area(df: pd.DataFrame, first: date, last: date) -> dict[str, int]:
    """Incidents per area id in the days [first, last]."""
    start = datetime.combine(first, datetime.min.time())
    stop = datetime.combine(last + timedelta(days=1), datetime.min.time())
    return {str(k): int(v) for k, v in count_in(df, start, stop, "area").items()}
