"""Problems found in a workspace, and the one family of errors the core raises.

A `Problem` is one finding (file, position, field, message, suggestion). The core
collects every problem it can find in one run and raises a `DataError` holding all of
them, so the user fixes everything at once instead of one message per run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Characters that would break a problem's one line, or make a terminal or a CI log show
# something else than the file holds: control characters (a newline in a quoted CSV value,
# a carriage return, an escape sequence, NUL), Unicode's line and paragraph separators, the
# bidirectional overrides, and the characters that show as nothing (a byte order mark glued
# to a header, a zero-width space).
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with every such character written as an escape (\\n, \\x00, \\u2028): a value
    quoted from a file then stays on its problem's line, and shows what the file holds."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: _ESCAPES.get(m[0]) or _code(m[0]), text)


def _code(ch: str) -> str:
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located as precisely as the input allows."""

    file: str
    line: int | None = None
    col: int | None = None
    field: str | None = None
    message: str = ""
    severity: Severity = "error"
    hint: str | None = None
    code: str = "invalid"
    # The input it belongs to cannot be used at all (an unreadable export, an invalid YAML
    # file): no document may be rendered from a period that needs it. Set where the problem
    # is made; est_cli.reports.period.require_complete is the one place that acts on it.
    fatal: bool = False

    # Messages quote values from the files as they are (and the cache keeps them so, in
    # `to_dict`); what is shown of a problem is made printable: its location and text here,
    # its JSON in `shown`.

    @property
    def location(self) -> str:
        parts = [printable(self.file)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    @property
    def text(self) -> str:
        """The message without its location, as shown after `file:line:col: `."""
        body = f"{self.field}: {self.message}" if self.field else self.message
        return printable(f"{body} ({self.hint})" if self.hint else body)

    def __str__(self) -> str:
        return f"{self.location}: {self.text}"

    def shown(self) -> dict[str, object]:
        """`to_dict` as printed (`est check --format json`): every text printable."""
        return {k: printable(v) if isinstance(v, str) else v for k, v in self.to_dict().items()}

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "field": self.field,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "fatal": self.fatal,
        }


class EstError(Exception):
    """Base of every error the core raises; the CLI maps it to an exit code."""

    exit_code = 1


class DataError(EstError):
    """The user's files are wrong; carries every problem found."""

    exit_code = 1

    def __init__(self, problems: Sequence[Problem] | Problem, summary: str | None = None):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.summary = summary
        text = summary or "\n".join(str(p) for p in self.problems)
        super().__init__(text)


class UsageError(EstError):
    """The command was called wrongly (bad option, no workspace found)."""

    exit_code = 2


def did_you_mean(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Closest candidates to `word`, compared case-insensitively, in original spelling."""
    by_key: dict[str, str] = {}
    for c in candidates:
        by_key.setdefault(c.casefold(), c)
    matches = difflib.get_close_matches(word.casefold(), list(by_key), n=n, cutoff=0.6)
    return [by_key[m] for m in matches]


def suggestion(word: str, candidates: Iterable[str]) -> str | None:
    """A ready "did you mean …?" hint, or None when nothing is close."""
    close = did_you_mean(word, candidates)
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
