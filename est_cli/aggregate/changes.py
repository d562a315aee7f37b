"""Which changes against earlier years are statistically clear: one stated rule, not every wiggle.

The rule is a Poisson rate-ratio test of this year's count against the previous years'
(the years the data covers in full, up to four). If the rate were the same every year, this
year's count given the total of all years would be binomial with n = the total and p =
1 / (number of years). The two-sided p-value is twice the smaller tail of that binomial
(at most 1). A change is clear when p < P_VALUE; only such changes are named in the
document, and the exact figures are in its method note and JSON.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

P_VALUE = 0.01  # with some 25 categories and areas tested, 0.05 would flag one by chance


@dataclass(frozen=True)
class ChangeTest:
    """This year's count against the mean of `years` previous years."""

    count: int
    previous_total: int
    years: int
    p_value: float

    @property
    def mean(self) -> float:
        return self.previous_total / self.years

    @property
    def ratio(self) -> float | None:
        """This year's count over the previous years' mean (None when that mean is 0)."""
        return self.count / self.mean if self.previous_total else None

    @property
    def clear(self) -> bool:
        return self.p_value < P_VALUE

    @property
    def direction(self) -> str:
        return "up" if self.count > self.mean else "down" if self.count < self.mean else "same"


def _log_pmf(k: int, n: int, p: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )


def binomial_tails(k: int, n: int, p: float) -> tuple[float, float]:
    """(P(X ≤ k), P(X ≥ k)) for X ~ Binomial(n, p), 0 < p < 1, summed in a fixed order."""
    terms = [math.exp(_log_pmf(i, n, p)) for i in range(n + 1)]
    return min(1.0, math.fsum(terms[: k + 1])), min(1.0, math.fsum(terms[k:]))


def rate_ratio_test(count: int, previous: list[int]) -> ChangeTest | None:
    """The test of `count` against the counts of the previous years (None: no such year)."""
    if not previous:
        return None
    years = len(previous)
    total = sum(previous)
    n = count + total
    if n == 0:
        return ChangeTest(count, total, years, 1.0)
    low, high = binomial_tails(count, n, 1 / (years + 1))
    return ChangeTest(count, total, years, min(1.0, 2 * min(low, high)))
