"""Hotspots: area × category combinations clearly above their own recent baseline.

The rule, stated in every weekly document: a combination is a hotspot when this week's count
is at least `min_count` and, if incidents arrived at the rate of its own baseline (the mean of
the previous `baseline_weeks` weeks), a count at least this large would happen with probability
below `p_value` (Poisson upper tail). A combination with no incidents in the baseline gets a
floor rate of 0.5 incidents over the whole baseline, so one quiet history does not make every
new incident a hotspot. The tail is computed exactly with `math`; no statistics package needed.
"""

from __future__ import annotations

import math

FLOOR_EVENTS = 0.5  # a never-seen combination is treated as half an incident over the baseline


def poisson_upper_tail(k: int, mu: float) -> float:
    """P(X >= k) for X ~ Poisson(mu), summed from k upwards (accurate for tiny tails)."""
    if k <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    if k <= mu:
        # The tail is large here; the complement is small and sums precisely.
        lower, term = 0.0, math.exp(-mu)
        for i in range(k):
            lower += term
            term *= mu / (i + 1)
        return max(0.0, 1.0 - lower)
    term = math.exp(-mu + k * math.log(mu) - math.lgamma(k + 1))
    total, i = 0.0, k
    while term > total * 1e-17 and i < k + 10_000:
        total += term
        i += 1
        term *= mu / i
    return min(1.0, total)


def baseline_rate(baseline_total: int, baseline_weeks: int) -> float:
    """Mean incidents per week in the baseline, never below FLOOR_EVENTS / baseline_weeks."""
    return max(baseline_total, FLOOR_EVENTS) / baseline_weeks


def evaluate(
    count: int, baseline_total: int, baseline_weeks: int, *, min_count: int, p_value: float
) -> tuple[bool, float, float]:
    """(flagged, expected weekly rate, P(X >= count)) for one combination."""
    expected = baseline_rate(baseline_total, baseline_weeks)
    p = poisson_upper_tail(count, expected)
    return count >= min_count and p < p_value, expected, p
