"""Finding Swedish personal identity numbers in free text, so they never spread further.

A personnummer is YYMMDD-NNNN or YYYYMMDD-NNNN ('+' for people over 100; samordnings-
nummer add 60 to the day). Written with a separator, a plausible date is enough to flag
it; ten or twelve bare digits must also pass the Luhn check, which keeps phone numbers
and order numbers from being flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CANDIDATE = re.compile(
    r"(?<![\d-])(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"(?P<sep>[-+ ]?)(?P<tail>\d{4})(?![\d-])"
)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _plausible_date(mm: str, dd: str) -> bool:
    month, day = int(mm), int(dd)
    if day > 60:  # samordningsnummer
        day -= 60
    return 1 <= month <= 12 and 1 <= day <= 31


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    masked: str
    samordning: bool = False  # a samordningsnummer: the day plus 60


def find_personnummer(text: str, *, luhn: bool = False) -> list[Finding]:
    """Personnummer in `text`; with `luhn`, every one must pass the check digit (prose,
    where a date-like case number with a hyphen is more likely than a mistyped number)."""
    out = []
    for m in _CANDIDATE.finditer(text):
        if m["century"] and m["century"] not in ("18", "19", "20"):
            continue
        if not _plausible_date(m["mm"], m["dd"]):
            continue
        ten = m["yy"] + m["mm"] + m["dd"] + m["tail"]
        if (luhn or m["sep"] not in ("-", "+")) and not luhn_ok(ten):
            continue
        out.append(Finding(m.start(), m.end(), mask(m.group(0)), int(m["dd"]) > 60))
    return out


def mask(number: str) -> str:
    """'19850312-1234' → 'XXXXXXXX-XXXX': keeps the shape, none of the digits."""
    return re.sub(r"\d", "X", number)


def redact(text: str) -> str:
    """The text with every personnummer replaced by its mask."""
    for f in reversed(find_personnummer(text)):
        text = text[: f.start] + f.masked + text[f.end :]
    return text
