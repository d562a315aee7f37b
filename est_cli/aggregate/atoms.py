"""The disjoint parts ("atoms") that the published counts of one document are made of.

Figures of one document may count overlapping incidents (an indicator for the whole
municipality and one for a single area, two insatser whose windows overlap). Each published
count is tied, by lines (total = sum of parts) that est_cli.aggregate.suppress protects
jointly, to the atoms it is made of: category × stretch of days between window edges × the
set of figures whose area filter takes the incident's area. Atoms and their groups are
private figures: they take part in suppression and are never published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from est_cli.aggregate.suppress import FigureKey, Kind, Line

ATOM = Kind("atom", leaf=True, private=True)  # stretch, category, sources
GROUP = Kind("group", private=True)  # first edge, end edge, categories, sources
DIFF = Kind("diff", private=True)  # n: what one count has beyond another inside it (A∖B)


@dataclass(frozen=True)
class Count:
    """One published count: incidents of `categories` in `areas` (None: all) in [start, end)."""

    key: FigureKey
    source: int  # index of the indicator or insats it belongs to
    categories: frozenset[str] | None
    areas: frozenset[str] | None
    start: date
    end: date


class _Atom(NamedTuple):
    stretch: int  # index of the stretch of days between consecutive window edges
    category: str
    sources: tuple[int, ...]  # the figures whose area filter takes the incident's area

    @property
    def key(self) -> FigureKey:
        return ATOM(self.stretch, self.category, self.sources)


def link(
    df: pd.DataFrame, counts: Sequence[Count], lines: Sequence[Line]
) -> tuple[dict[FigureKey, int], list[Line]]:
    """The value of every count, atom and group, and `lines` with the lines that tie each
    count to its atoms; totals that only `lines` define are filled in as sums of their parts."""
    atoms, count_atoms = _atoms(df, counts)
    raw = {a.key: n for a, n in atoms.items()}
    out = list(lines)
    edges = _edges(counts)
    made: dict[frozenset[FigureKey], FigureKey] = {}
    for count in counts:
        groups = _groups(count, count_atoms[count.key], edges)
        for group, members in groups.items():
            if group not in raw:
                raw[group] = sum(atoms[a] for a in members)
                out.append((group, [a.key for a in members]))
        if count.key not in raw:
            raw[count.key] = sum(raw[g] for g in groups)
        out.append((count.key, sorted(groups)))
        # Two counts of the same groups are equal: say so, as narrowing bounds line by line
        # would not find it when the groups are several (per area, say).
        same = made.setdefault(frozenset(groups), count.key)
        if same != count.key and len(groups) > 1:
            out.append((same, [count.key]))
    _fill_totals(raw, out)
    out += _nested(raw, counts, count_atoms)
    return raw, out


def _nested(
    raw: dict[FigureKey, int], counts: Sequence[Count], count_atoms: dict[FigureKey, list[_Atom]]
) -> list[Line]:
    """Lines A = B + (A∖B) for every count B whose atoms lie inside another source's count A.

    Narrowing bounds line by line cannot subtract one line from another: two indicators of
    one category, over all areas (7) and over two of them (6), would give the third area's 1
    away unseen. Said as a line of its own, the difference is a figure suppression protects.
    Within one source the table's own lines already say how its counts relate. The
    difference is an existing figure when one has exactly its atoms, else a private one.
    """
    sets = {c.key: frozenset(a.key for a in count_atoms[c.key]) for c in counts}
    named: dict[frozenset[FigureKey], FigureKey] = {}
    for c in counts:
        named.setdefault(sets[c.key], c.key)
    out: list[Line] = []
    for a in counts:
        for b in counts:
            inner, outer = sets[b.key], sets[a.key]
            if a.source == b.source or not inner or not inner < outer:
                continue
            rest = outer - inner
            key = named.get(rest)
            if key is None:
                key = named[rest] = DIFF(len(raw))
                raw[key] = sum(raw[k] for k in rest)
                out.append((key, sorted(rest)))
            out.append((a.key, [b.key, key]))
    return out


def _edges(counts: Sequence[Count]) -> list[date]:
    return sorted({d for c in counts for d in (c.start, c.end)})


def _groups(count: Count, atoms: list[_Atom], edges: list[date]) -> dict[FigureKey, list[_Atom]]:
    """The atoms of one count, grouped by the set of figures whose areas they lie in.

    A group is what one figure has and an overlapping one lacks (A∖B) over the whole span and
    categories of the count; named by span, categories and that set, so two figures over the
    same span share it, and a difference of theirs that is small gets protected.
    """
    cats = tuple(sorted(count.categories)) if count.categories is not None else ("*",)
    first, end = edges.index(count.start), edges.index(count.end)
    found: dict[FigureKey, list[_Atom]] = {}
    for atom in atoms:
        found.setdefault(GROUP(first, end, cats, atom.sources), []).append(atom)
    return found


def _takes(areas: frozenset[str] | None, area: str | None) -> bool:
    """Whether an area filter (None: every area) takes an incident in `area`."""
    return areas is None or area in areas


def _atoms(
    df: pd.DataFrame, counts: Sequence[Count]
) -> tuple[dict[_Atom, int], dict[FigureKey, list[_Atom]]]:
    """The atoms the counts are made of, with their sizes, and each count's atoms.

    Atoms of size 0 are left out, which only makes the protection stricter (a reader would
    not know they are empty).
    """
    atoms: dict[_Atom, int] = {}
    parts: dict[FigureKey, list[_Atom]] = {c.key: [] for c in counts}
    if not counts or df.empty:
        return atoms, parts
    edges = _edges(counts)
    bounds = pd.DatetimeIndex([pd.Timestamp(d) for d in edges]).to_numpy(dtype="datetime64[ns]")
    day = df["occurred_at"].dt.normalize().to_numpy(dtype="datetime64[ns]")
    inside = (day >= bounds[0]) & (day < bounds[-1])
    if not inside.any():
        return atoms, parts
    sources = sorted({c.source for c in counts})
    filters = {c.source: c.areas for c in counts}
    # The stretches each source counts in: an atom is told apart only by the sources that
    # count its stretch (one whose windows lie elsewhere says nothing about it).
    spans: dict[int, set[int]] = {s: set() for s in sources}
    for fig in counts:
        spans[fig.source].update(range(edges.index(fig.start), edges.index(fig.end)))

    def sig(area: str | None, stretch: int) -> tuple[int, ...]:
        return tuple(s for s in sources if stretch in spans[s] and _takes(filters[s], area))

    # Each row's (stretch, category, sources) as codes, counted with numpy; the atoms are
    # listed in the order their first incident comes, as a loop over the rows would.
    seg = np.searchsorted(bounds, day[inside], side="right") - 1
    cat_codes, cat_names = pd.factorize(df["category"][inside].astype(str))
    area_codes, area_names = pd.factorize(df["area"][inside].astype(object))
    names: list[str | None] = [*(str(a) for a in area_names), None]  # code -1: no area
    area_codes = np.where(area_codes < 0, len(names) - 1, area_codes)
    width = np.array([len(cat_names), len(names)], dtype=np.int64)
    row_key = (seg * width[0] + cat_codes) * width[1] + area_codes
    keys, first_rows, sizes = np.unique(row_key, return_index=True, return_counts=True)
    for k in np.argsort(first_rows, kind="stable").tolist():
        rest, a = divmod(int(keys[k]), int(width[1]))
        s_i, c = divmod(rest, int(width[0]))
        atom = _Atom(s_i, str(cat_names[c]), sig(names[a], s_i))  # areas may share them
        atoms[atom] = atoms.get(atom, 0) + int(sizes[k])
    for count in counts:
        first, end = edges.index(count.start), edges.index(count.end)
        parts[count.key] = sorted(
            atom
            for atom in atoms
            if first <= atom.stretch < end
            and (count.categories is None or atom.category in count.categories)
            and count.source in atom.sources
        )
    return atoms, parts


def _fill_totals(raw: dict[FigureKey, int], lines: list[Line]) -> None:
    """Totals are sums of their parts; lines come in an order where parts precede totals."""
    pending = [(t, p) for t, p in lines if t not in raw]
    while pending:
        rest = []
        for total, line_parts in pending:
            if total in raw:
                continue
            if all(p in raw for p in line_parts):
                raw[total] = sum(raw[p] for p in line_parts)
            else:
                rest.append((total, line_parts))
        if len(rest) == len(pending):
            raise ValueError(f"totals without their parts: {[str(t) for t, _ in rest]}")
        pending = rest
