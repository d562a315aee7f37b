"""A source described as data: its fields, the headers that name them, which are required.

Every source est reads (incident exports, the survey tool's exports, the police's
statistics) is one `Description`. The one header mapper (`map_columns`) and the one check for
missing columns (`missing_columns`) take it, so a new source is a new description, not a
new reader: the value checks of its columns are the shared ones of `est_cli.load.checks`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from est_cli.errors import N_, Problem, Text, suggestion
from est_cli.load.aliases import normalize

IGNORE = "ignore"  # a mapping target: the column is read by no field


@dataclass(frozen=True)
class Column:
    """One field of a source: its id (what est.yaml's `columns:` maps a header to), the
    label est names it by, the headers recognised without configuration (preferred first),
    and what its values are (`kind`: how `est_cli.load.checks` reads them)."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"
    required: bool = False
    # another field that, when mapped, stands in for this one (a timestamp for a date)
    unless: str | None = None
    # the hint when the column is missing, instead of "did you mean … / add a column …"
    missing_hint: Text | None = None
    # two headers of this field: the first column wins, not the preferred spelling
    first_wins: bool = False


@dataclass(frozen=True)
class Description:
    """A source: its section in est.yaml (`sources.<section>`) and its fields in order."""

    section: str
    fields: tuple[Column, ...]

    @cached_property
    def by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.fields}

    @cached_property
    def labels(self) -> dict[str, str]:
        return {c.name: c.label for c in self.fields}

    @cached_property
    def lookup(self) -> dict[str, tuple[str, int]]:
        """Normalised header → (field, rank): earlier fields and spellings win a clash."""
        out: dict[str, tuple[str, int]] = {}
        for c in self.fields:
            for rank, spelling in enumerate(c.aliases):
                out.setdefault(normalize(spelling), (c.name, 0 if c.first_wins else rank))
        return out

    def extended(self, columns: Iterable[Column], first: bool = False) -> Description:
        """The same source with more fields (a survey's factors), before or after its own."""
        more = tuple(columns)
        return Description(self.section, (*more, *self.fields) if first else (*self.fields, *more))


@dataclass
class Mapped:
    """Which column holds each field, and the headers no field claims."""

    columns: dict[str, int] = field(default_factory=dict)
    unmapped: list[int] = field(default_factory=list)


def map_columns(headers: list[str], description: Description, custom: Mapping[str, str]) -> Mapped:
    """The column of each field: est.yaml's `columns:` (header → field) first, then the
    headers the description knows. A header mapped to a field the description has not is
    est.yaml's problem (reported with its settings), not a column's."""
    mine = {normalize(k): str(v) for k, v in custom.items()}
    out = Mapped()
    ranks: dict[str, int] = {}
    for i, header in enumerate(headers):
        key = normalize(header)
        if key in mine:
            name, rank = mine[key], -1
            if name not in description.by_name:
                continue
        elif key in description.lookup:
            name, rank = description.lookup[key]
        else:
            if header:
                out.unmapped.append(i)
            continue
        if name not in out.columns or rank < ranks[name]:
            out.columns[name], ranks[name] = i, rank
    return out


def missing_columns(
    rel: str,
    header_line: int,
    headers: list[str],
    description: Description,
    mapped: Mapped,
    *,
    optional: frozenset[str] = frozenset(),
) -> list[Problem]:
    """A fatal problem for each required field no column maps to, suggesting the closest
    header that nothing claims. `optional`: required fields this file may do without (an
    incident's area, when the areas have polygons and the file has positions to place by)."""
    problems: list[Problem] = []
    section = description.section
    for c in description.fields:
        if not c.required or c.name in mapped.columns or c.name in optional:
            continue
        if c.unless is not None and c.unless in mapped.columns:
            continue
        close = [
            headers[i]
            for i in mapped.unmapped
            if suggestion(normalize(headers[i]), [normalize(c.label)])
        ]
        snippet = (
            "{" + json.dumps(close[0], ensure_ascii=False) + ": " + c.name + "}" if close else ""
        )
        hint = c.missing_hint or (
            N_(
                "did you mean '%(header)s'? Rename that column to %(label)s, or map it in "
                "est.yaml: sources.%(section)s[].columns: %(snippet)s",
                header=close[0],
                label=c.label,
                section=section,
                snippet=snippet,
            )
            if close
            else N_(
                "add a column %(label)s, or map your column in est.yaml under "
                "sources.%(section)s[].columns",
                label=c.label,
                section=section,
            )
        )
        problems.append(
            Problem(
                rel,
                header_line,
                None,
                None,
                N_(
                    "no column for %(field)s (%(label)s); the columns are: %(columns)s",
                    field=c.name,
                    label=c.label,
                    columns=", ".join(h for h in headers if h),
                ),
                hint=hint,
                code="missing-column",
                fatal=True,
            )
        )
    return problems
