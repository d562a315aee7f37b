"""Personal data in text that est publishes: personnummer, samordningsnummer, phone numbers
and e-mail addresses written into a pledge or an insats.

The documents est renders are published by a public authority, so a number or an address
that points at a person must not reach them by accident. Finders are strict, to keep dates
("2021-03-12", "01-04-2021"), year spans ("2021–2022"), diarienummer ("KS 2021/123"), ISO
weeks and counts out: a personnummer must pass the Luhn check, a phone number must have a
Swedish prefix (0 or +46) and 8 to 10 digits, and an e-mail address a dotted domain.
Contact details written in est.yaml are the public officials' own and allowed in text too.
Findings are shown masked: never the whole number or address.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from est_cli.errors import N_, Problem, Severity
from est_cli.load.personnummer import find_personnummer
from est_cli.load.yamldoc import Path_, YamlData, YamlDoc, format_path

PERSONAL_DATA = "personal-data"  # the problem code

# A Swedish number: 0 and an area code (08, 070, 0155 …) or +46/0046 without the 0, then
# groups of digits apart by spaces or hyphens. Not inside a word, a date or a case number.
_PHONE = re.compile(
    r"(?<![\w+/.,:–-])"
    r"(?P<prefix>(?:\+46|0046)[ -]?(?:\(0\)[ -]?)?|0)"
    r"(?P<area>[1-9]\d{0,3})"
    r"(?P<rest>(?:[ -]?\d{2,4}){1,4})"
    r"(?![\w–-]|[/.,:]\d)"
)
_DATE_LIKE = re.compile(r"^(0?[1-9]|[12]\d|3[01])[-./ ](0?[1-9]|1[0-2])[-./ ](\d{2}|\d{4})$")
_FIRST_GROUP = re.compile(r"^(?:\+46|0046)?[ -]?\d{1,4}[ -]")
_EMAIL = re.compile(
    r"(?<![\w.+-])(?P<user>[\w.+-]+)@(?P<domain>[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,})(?![\w-])"
)


@dataclass(frozen=True)
class PersonalData:
    """One finding in a text: what it is, where, and how it may be shown."""

    what: str  # "a personnummer", "a phone number" …
    start: int
    end: int
    shown: str  # masked: enough to find it in the text, never the whole of it
    normal: str  # comparable form (digits, lower case): only to match est.yaml's contacts


def find_personal_data(text: str) -> list[PersonalData]:
    """Every personnummer, samordningsnummer, phone number and e-mail address in `text`."""
    found: list[PersonalData] = []
    for f in find_personnummer(text, luhn=True):
        digits = re.sub(r"\D", "", text[f.start : f.end])
        sep = "-" if "-" in text[f.start : f.end] else ""
        what = N_("a samordningsnummer") if f.samordning else N_("a personnummer")
        found.append(
            PersonalData(what, f.start, f.end, f"{digits[:2]}…{sep}…{digits[-2:]}", digits)
        )
    taken = [(f.start, f.end) for f in found]
    for m in _PHONE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        number = m.group(0)
        national = "0" + re.sub(r"\D", "", m["area"] + m["rest"])
        if not 8 <= len(national) <= 10 or (m["prefix"] == "0" and _DATE_LIKE.match(number)):
            continue
        first_group = _FIRST_GROUP.match(number)  # "070-", "+46 70 ": the area code at most
        head = first_group.group(0) if first_group else number[:3]
        found.append(
            PersonalData(
                N_("a phone number"), m.start(), m.end(), f"{head}…{national[-2:]}", national
            )
        )
    for m in _EMAIL.finditer(text):
        address = m.group(0)
        found.append(
            PersonalData(
                N_("an e-mail address"),
                m.start(),
                m.end(),
                f"{address[0]}…@{m['domain']}",
                address.casefold(),
            )
        )
    return sorted(found, key=lambda f: f.start)


def _texts(data: YamlData, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*path, i))


def contacts(settings: YamlDoc) -> frozenset[str]:
    """The phone numbers and e-mail addresses written in est.yaml: public officials'
    contact details, which may appear in published text too."""
    texts = (text for _, text in _texts(settings.data))
    return frozenset(f.normal for text in texts for f in find_personal_data(text))


def personal_data_problems(
    doc: YamlDoc,
    *,
    include: Callable[[Path_], bool] = lambda path: True,
    allowed: frozenset[str] = frozenset(),
    severity: Severity = "warning",
) -> list[Problem]:
    """A problem for every piece of personal data in the texts of `doc` that `include`
    takes (the ones that reach a published document), except `allowed` contacts."""
    out = []
    for path, text in _texts(doc.data):
        if not include(path):
            continue
        for f in find_personal_data(text):
            if f.normal in allowed:
                continue
            line, col = doc.locate_text(path, text[f.start : f.end])
            out.append(
                Problem(
                    doc.file,
                    line,
                    col,
                    format_path(path) or None,
                    N_(
                        "%(what)s (%(shown)s) in text that is published", what=f.what, shown=f.shown
                    ),
                    severity=severity,
                    hint=N_(
                        "remove it: published documents must not hold personal data. Name a "
                        "role instead, or list a public contact under publication.contacts in "
                        "est.yaml; to publish it anyway, render with --allow-personal-data"
                    ),
                    code=PERSONAL_DATA,
                )
            )
    return out


def in_tertial_document(key: str) -> Callable[[Path_], bool]:
    """Pledge texts the follow-up of tertial `key` can show: all but later follow-ups
    (an activity shows its latest follow-up up to that tertial)."""

    def include(path: Path_) -> bool:
        for i, part in enumerate(path[:-1]):
            if part == "follow_ups" and str(path[i + 1]) > key:
                return False
        return True

    return include


def in_pledge_document(path: Path_) -> bool:
    """Pledge texts the pledge document can show: all but the follow-ups and the year's
    closing words."""
    return "follow_ups" not in path and path[:1] != ("year_summary",)


def in_insatser(indices: set[int] | None = None) -> Callable[[Path_], bool]:
    """Week-note texts that reach a published document: their insatser (all, or those of
    `indices`); the assessment and priorities stay in the internal weekly report."""

    def include(path: Path_) -> bool:
        if path[:1] != ("insatser",):
            return False
        return indices is None or (len(path) > 1 and path[1] in indices)

    return include
