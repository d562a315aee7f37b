"""What an export's rows became, when not incidents: counts per file, rows that could not
be used (and why), rows est.yaml ignores (and by which rule)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass
class SourceFile:
    """What one export held: rows read, used, excluded, blank."""

    file: str
    rows: int = 0
    used: int = 0
    excluded: int = 0
    blank: int = 0
    encoding: str = ""
    delimiter: str = ""
    ignored: int = 0
    placed: int = 0  # rows without an area that their position placed


@dataclass(frozen=True)
class Excluded:
    """A row that could not be used, why, and its day when that could be read."""

    file: str
    line: int
    reason: str
    day: date | None = None


@dataclass(frozen=True)
class Ignored:
    """A row est.yaml's `ignore:` leaves out, the rule that did (its label), and its day."""

    file: str
    line: int
    rule: str
    day: date | None = None


def day_of(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
