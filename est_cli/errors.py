"""Problems found in a workspace, and the one family of errors the core raises.

A `Problem` is one finding (file, position, field, message, suggestion). The core
collects every problem it can find in one run and raises a `DataError` holding all of
them, so the user fixes everything at once instead of one message per run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


class Text(str):
    """A text est says, in English, that also knows its message id and values, so that
    the CLI can say it in the run's language (est_cli.cli.words.Say.text).

    It is the English string itself: tests, `--format json` and every comparison see
    English, and the core holds no language state. The msgid is a message of the one
    catalogue (est_cli/locale), found by `pybabel extract` through the `N_` marker. A value
    is either a value from a file (quoted literally, never translated), a number, or
    another `Text` (said in the same language)."""

    msgid: str
    params: Mapping[str, object]

    def __new__(cls, msgid: str, /, **params: object) -> Text:
        self = super().__new__(cls, msgid % params if params else msgid)
        self.msgid, self.params = msgid, params
        return self

    def record(self) -> dict[str, object]:
        """What the cache keeps of it (JSON), read back by `Text.read`."""
        return {"id": self.msgid, "params": {k: _kept(v) for k, v in self.params.items()}}

    @classmethod
    def read(cls, record: object) -> str | None:
        if not isinstance(record, dict):
            return record if isinstance(record, str) or record is None else str(record)
        if "lines" in record:
            return Lines([cls.read(line) or "" for line in record["lines"]])
        params = {k: cls.read(v) if isinstance(v, dict) else v for k, v in record["params"].items()}
        return cls(record["id"], **params)


class Lines(Text):
    """Lines said one by one (an est.yaml snippet whose comments are texts of their own)."""

    lines: list[str]

    def __new__(cls, lines: Sequence[str]) -> Lines:
        self = str.__new__(cls, "\n".join(lines))
        self.msgid, self.params, self.lines = "", {}, list(lines)
        return self

    def record(self) -> dict[str, object]:
        return {"lines": [_kept(line) for line in self.lines]}


def _kept(value: object) -> object:
    if isinstance(value, Text):
        return value.record()
    return value if value is None or isinstance(value, str | int | float) else str(value)


N_ = Text  # the marker `pybabel extract` looks for (README, Development)


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


_TEXTS = ("field", "message", "hint", "fix")  # what a Problem may hold as a Text


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
    # The est.yaml snippet that would fix it, ready to copy (an alias, an ignore entry).
    fix: str | None = None

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
        shown = {k: printable(v) if isinstance(v, str) else v for k, v in self.to_dict().items()}
        if self.fix is not None:  # a snippet of several lines, each made printable
            shown["fix"] = "\n".join(printable(line) for line in self.fix.split("\n"))
        return shown

    def record(self) -> dict[str, object]:
        """`to_dict` and the message ids of its texts: what the cache keeps."""
        texts = {k: t.record() for k in _TEXTS if isinstance(t := getattr(self, k), Text)}
        return {**self.to_dict(), "texts": texts}

    @classmethod
    def read(cls, record: dict[str, object]) -> Problem:
        texts = record.pop("texts", None) or {}
        assert isinstance(texts, dict)
        words = {k: Text.read(v) for k, v in texts.items() if k in _TEXTS}
        return cls(**{**record, **words})  # type: ignore[arg-type]

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
            "fix": self.fix,
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


_FOLD = str.maketrans("åäàáâãæöòóôõøéèêëüúùûïíìîç", "aaaaaaaooooooeeeeuuuuiiiic")
_TOKEN = re.compile(r"[^\W_]+")


def _fold(text: str) -> str:
    """Case, width and Swedish letters folded: 'Frösäng' and 'FROSANG' compare equal."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions (optimal string alignment); `limit + 1` once above it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = current[j - 1] + 1
            cost = min(cost, row[j] + 1, row[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current[j] = cost
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def _allowed(word: str) -> int:
    """How many slips a word of this length may hold and still be called close: a short
    word with two changed letters is another word ('brand' is not 'bråk')."""
    n = len(word)
    return 0 if n < 4 else 1 if n < 6 else 2 if n < 10 else 3


def closeness(word: str, candidate: str) -> int | None:
    """How close a typed `word` is to `candidate` (lower is closer), or None when it is not
    close enough to suggest: a few slips of the keyboard (more in a long word), a word cut
    short ('polis' for 'polisen'), the word with letters left out ('cnt' for 'count'), or a
    candidate written inside a longer text ('Stöld ur bil'). Not close: words that merely
    share letters ('Rattfylleri' and 'Snatteri')."""
    a, b = _fold(word).strip(), _fold(candidate).strip()
    if not a or not b:
        return None
    if a == b:
        return 0
    d = _distance(a, b, _allowed(a))
    if d <= _allowed(a):
        return d
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and long.startswith(short) and len(short) >= 0.6 * len(long):
        return 10 + len(long) - len(short)
    if len(a) >= 3 and a[0] == b[0] and len(a) >= 0.6 * len(b) and _within(a, b):
        return 15  # letters left out: 'cnt' for 'count'
    tokens = f" {' '.join(_TOKEN.findall(a))} "
    wanted = " ".join(_TOKEN.findall(b))
    if len(wanted) >= 4 and f" {wanted} " in tokens:
        return 20
    return None


def _within(short: str, long: str) -> bool:
    """Whether `short` is `long` with some letters left out."""
    rest = iter(long)
    return all(c in rest for c in short)


def did_you_mean(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates close to `word` (see `closeness`), closest first, in original spelling."""
    ranked: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for k, c in enumerate(candidates):
        key = c.casefold()
        if key in seen:
            continue
        seen.add(key)
        score = closeness(word, c)
        if score is not None:
            ranked.append((score, k, c))
    return [c for _, _, c in sorted(ranked)[:n]]


def suggestion(word: str, candidates: Iterable[str]) -> str | None:
    """A ready "did you mean …?" hint, or None when nothing is close."""
    return meant(did_you_mean(word, candidates))


def meant(close: Sequence[str]) -> Text | None:
    """ "did you mean 'a', 'b' or 'c'?" naming the values as they are written, or None."""
    if not close:
        return None
    if len(close) == 1:
        return N_("did you mean '%(name)s'?", name=close[0])
    return N_(
        "did you mean %(names)s or '%(last)s'?",
        names=", ".join(f"'{c}'" for c in close[:-1]),
        last=close[-1],
    )
