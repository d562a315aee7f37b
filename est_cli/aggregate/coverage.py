"""Which periods the incident data covers: 'no incidents' must never be confused with 'no data'.

Exports carry no explicit span, so the first and the last incident stand for it. A period
counts as covered only when it lies within that span: a partly covered period would
publish a count that looks complete and is not. The end is allowed END_GRACE_DAYS of
slack, so a quiet weekend at the end of an export does not hide the last week.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

END_GRACE_DAYS = 2


@dataclass(frozen=True)
class Coverage:
    first_day: date | None
    last_day: date | None

    @classmethod
    def of(cls, days: Iterable[date]) -> Coverage:
        found = list(days)
        return cls(min(found, default=None), max(found, default=None))

    def covers(self, first: date, last: date) -> bool:
        """The whole of [first, last] lies within the data."""
        if self.first_day is None or self.last_day is None:
            return False
        return self.first_day <= first and last <= self.last_day + timedelta(days=END_GRACE_DAYS)
