"""Small-count suppression for published documents.

A published count from 1 to `threshold - 1` is shown as "färre än N" (primary suppression).
Where totals are published too, a suppressed count could be backed out by subtraction
("total 23, the other cells add up to 21"); so in every table, each row and column whose
total is shown must either hide nothing, or hide at least two counts whose sum does not pin
them down (two hidden counts adding up to 2 are both 1). When that does not hold, the
smallest other count in that line is hidden too (secondary suppression, shown as "×");
a "färre än N" total that would pin its parts down is shown as "×" instead. Then every "×"
whose hiding protects nothing (a reader can work it out, or the others protect without it)
is shown again: a hidden number costs the reader. Changes are only published between two
shown figures.

Figures of one document that count overlapping sets of incidents (an indicator for the whole
municipality and one for a single area, or two insatser whose windows overlap) are protected
jointly by `protect_linked`: the disjoint parts they are made of ("atoms", never published)
join the same system, so no small count can be found by subtracting one figure from another.

Each figure is named by a `FigureKey`, whose `Kind` tells suppression what it needs to rank
the figure: a leaf or a total, stand-alone or in a table, published or private. What a reader
can work out is found by narrowing bounds until they settle; if they have not settled within
the cap, suppression stops with a SuppressionError instead of publishing figures whose
protection it has not proven.

A `Figure` carries only what may be published: the raw value of a hidden count never
leaves this module, so no template or JSON output can print it by mistake.
"""

from __future__ import annotations

import itertools

from est_cli.aggregate.suppress_bounds import INF, Bounds, reader
from est_cli.aggregate.suppress_keys import (
    HIDDEN,
    PRIVATE,
    SHOWN,
    SUPPRESSED,
    Coord,
    Figure,
    FigureKey,
    Kind,
    Line,
    State,
    SuppressionError,
    Unprotectable,
    difference,
    is_small,
)

__all__ = [
    "HIDDEN",
    "INF",
    "PRIVATE",
    "SHOWN",
    "SUPPRESSED",
    "Coord",
    "Figure",
    "FigureKey",
    "Kind",
    "Line",
    "State",
    "SuppressionError",
    "Unprotectable",
    "difference",
    "is_small",
    "protect_linked",
]

MAX_ROUNDS = 100  # rounds of narrowing bounds; every document in the tests settles within 5


def protect_linked(
    raw: dict[FigureKey, int],
    lines: list[Line],
    threshold: int,
    *,
    max_rounds: int = MAX_ROUNDS,
    known: dict[FigureKey, tuple[int, int]] | None = None,
    fewest: bool = True,
) -> dict[FigureKey, Figure]:
    """Protect every figure of `raw` jointly; private keys take part but are never published.

    A private key (a disjoint part several published figures share) is only known to a reader
    as a count of 0 or more, or within its bounds in `known` when the document tells more
    about it (an area named under "Mest i" has at least N incidents; one left out, fewer);
    when the published figures pin a small one down, a published figure around it is hidden.
    `fewest` then looks for two "×" that one other figure can stand in for (`_swap`); a
    caller comparing many trials may leave that to the one it keeps.
    Raises SuppressionError when what a reader can work out was
    not settled within `max_rounds` rounds of narrowing (see `suppress_bounds.bounds_of`).
    """
    state = _solve(raw, lines, threshold, max_rounds, known or {})
    if threshold > 1:
        bounds = reader(raw, lines, threshold, max_rounds, known or {})
        state = _prune(raw, state, bounds, threshold)
        while fewest and (swapped := _swap(raw, lines, state, bounds, threshold)) is not None:
            state = _prune(raw, swapped, bounds, threshold)
    return {
        k: Figure(raw[k] if state[k] == SHOWN else None, state[k]) for k in raw if not k.private
    }


def _solve(
    raw: dict[FigureKey, int],
    lines: list[Line],
    threshold: int,
    max_rounds: int,
    known: dict[FigureKey, tuple[int, int]],
) -> dict[FigureKey, State]:
    """Primary suppression, then secondary suppression until no small count is pinned down."""
    state: dict[FigureKey, State] = {
        k: PRIVATE if k.private else SUPPRESSED if is_small(v, threshold) else SHOWN
        for k, v in raw.items()
    }
    if threshold <= 1:
        return state
    linked = any(k.private for k in raw)
    if linked:
        # First every table on its own, as if alone; then the links between them. A count
        # pinned down inside two tables needs protecting in both, which one step at a time
        # across the whole web would not find.
        public = {k: v for k, v in raw.items() if not k.private}
        own = [
            (t, parts) for t, parts in lines if not t.private and not any(p.private for p in parts)
        ]
        state.update(_solve(public, own, threshold, max_rounds, {}))

    bounds = reader(raw, lines, threshold, max_rounds, known)
    while True:
        pinned = _pinned(raw, state, bounds(state), threshold)
        if not pinned:
            return state
        key = pinned[0]
        if key.private:
            near = _shown_around(key, lines, state, raw)
        else:
            near = [
                p
                for total, parts in lines
                if key == total or key in parts
                for p in (*parts, total)
                if state[p] == SHOWN and raw[p] > 0
            ]
        if not near:  # a "färre än N" total around it bounds it: show that total as "×"
            near = [total for total, parts in lines if key in parts and state[total] == SUPPRESSED]
        if not near and state[key] == SUPPRESSED:
            near = [key]
        if not near:
            near = _shown_around(key, lines, state, raw)
        if not near:
            near = [p for p in raw if state[p] not in (HIDDEN, PRIVATE) and raw[p] > 0]
            if not near:
                # Everything is hidden already: only bounds a reader is told (`known`) can
                # still pin a small count down (a shown 0 pins nothing but a 0).
                raise Unprotectable(key)
        # Prefer hiding a count next to it; a total only when no count is left. When the
        # figures are linked to others, the pin may come from further away: then prefer the
        # nearest figure whose hiding actually frees it.
        ordered = sorted(near, key=lambda p: _hiding_order(p, raw))
        pick = ordered[0]
        if linked:
            pick = (
                _freeing(key, ordered, state, bounds)
                or _freeing(
                    key, _shown_around(key, lines, state, raw, skip=set(ordered)), state, bounds
                )
                or pick
            )
        state[pick] = HIDDEN


def _pinned(
    raw: dict[FigureKey, int],
    state: dict[FigureKey, State],
    found: dict[FigureKey, tuple[int, int]],
    threshold: int,
) -> list[FigureKey]:
    """Small counts not shown that a reader can work out: tables first, then stand-alone
    figures, then the private parts (protecting the published figures is often enough)."""
    return sorted(
        (
            k
            for k, (low, high) in found.items()
            if state[k] != SHOWN and is_small(raw[k], threshold) and low == high
        ),
        key=lambda k: (k.private, k.standalone, k),
    )


def _prune(
    raw: dict[FigureKey, int],
    state: dict[FigureKey, State],
    bounds: Bounds,
    threshold: int,
) -> dict[FigureKey, State]:
    """Show again every "×" whose hiding protects nothing. Totals are tried first (a hidden
    total takes most from a reader), then the largest counts; each stays shown (or "färre än
    N") when no small count is pinned down with it."""
    for key in sorted((k for k in raw if state[k] == HIDDEN), key=lambda k: (k.leaf, -raw[k], k)):
        trial = {**state, key: SUPPRESSED if is_small(raw[key], threshold) else SHOWN}
        if not _pinned(raw, trial, bounds(trial), threshold):
            state = trial
    return state


def _swap(
    raw: dict[FigureKey, int],
    lines: list[Line],
    state: dict[FigureKey, State],
    bounds: Bounds,
    threshold: int,
) -> dict[FigureKey, State] | None:
    """Two "×" of one table shown again and one other figure of theirs hidden instead, when
    that pins nothing small down (None: no such swap). Hiding a count as needed one at a
    time can take two where one would have done: the first was chosen before the second
    was known to be needed.

    A trial is first read with the table's own lines only (a reader who knows less pins
    less down, so what fails there fails in the whole document too), which is quick; only
    what passes is read with every line of the document.
    """
    own = [(t, p) for t, p in lines if not t.private and not any(q.private for q in p)]
    near: dict[FigureKey, set[FigureKey]] = {}
    for total, parts in own:
        members = {total, *parts}
        for k in members:
            near.setdefault(k, set()).update(members)
    table = _tables(own)
    local: dict[int, tuple[dict[FigureKey, int], Bounds]] = {}
    hidden = sorted(k for k in raw if state[k] == HIDDEN and k in table)
    for a, b in itertools.combinations(hidden, 2):
        if table[a] != table[b]:
            continue  # not of one table: hiding one figure for both would not serve
        if table[a] not in local:
            keys = {k for k, n in table.items() if n == table[a]}
            sub_raw = {k: raw[k] for k in raw if k in keys}
            sub_lines = [(t, p) for t, p in own if t in keys]
            local[table[a]] = (
                sub_raw,
                reader(sub_raw, sub_lines, threshold, MAX_ROUNDS, {}),
            )
        sub_raw, sub_bounds = local[table[a]]
        around = near.get(a, set()) | near.get(b, set())
        shown_again = {k: SUPPRESSED if is_small(raw[k], threshold) else SHOWN for k in (a, b)}
        base = {**state, **shown_again}
        for c in sorted(around - {a, b}, key=lambda p: _hiding_order(p, raw)):
            if state[c] not in (SHOWN, SUPPRESSED) or raw[c] == 0:
                continue
            trial = {**base, c: HIDDEN}
            sub = {k: trial[k] for k in sub_raw}
            if _pinned(sub_raw, sub, sub_bounds(sub), threshold):
                continue
            if not _pinned(raw, trial, bounds(trial), threshold):
                return trial
    return None


def _tables(lines: list[Line]) -> dict[FigureKey, int]:
    """Which table (set of figures joined by lines) each figure of `lines` is in."""
    parent: dict[FigureKey, FigureKey] = {}

    def root(k: FigureKey) -> FigureKey:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    for total, parts in lines:
        for p in parts:
            parent[root(p)] = root(total)
    roots = sorted({root(k) for k in parent})
    number = {r: n for n, r in enumerate(roots)}
    return {k: number[root(k)] for k in parent}


def _hiding_order(key: FigureKey, raw: dict[FigureKey, int]) -> tuple[bool, int, FigureKey]:
    """Which shown figure to hide first: a leaf before a total, then the smallest."""
    return (not key.leaf, raw[key], key)


def _freeing(
    key: FigureKey,
    candidates: list[FigureKey],
    state: dict[FigureKey, State],
    bounds: Bounds,
) -> FigureKey | None:
    """The first candidate whose hiding leaves `key` no longer pinned down, if any."""
    for cand in candidates:
        if state[cand] == HIDDEN:
            continue
        low, high = bounds({**state, cand: HIDDEN})[key]
        if low != high:
            return cand
    return None


def _shown_around(
    key: FigureKey,
    lines: list[Line],
    state: dict[FigureKey, State],
    raw: dict[FigureKey, int],
    skip: set[FigureKey] | None = None,
) -> list[FigureKey]:
    """Shown figures nearest to `key` in the web of lines (lines through it, then their
    neighbours), so hiding one of them breaks the chain of subtractions that pins it."""
    frontier = {key}
    seen: set[FigureKey] = set()
    while frontier:
        seen |= frontier
        members = {
            p
            for total, parts in lines
            if total in frontier or frontier.intersection(parts)
            for p in (*parts, total)
        }
        found = sorted(
            (p for p in members if state[p] == SHOWN and raw[p] > 0 and p not in (skip or ())),
            key=lambda p: _hiding_order(p, raw),
        )
        if found:
            return found
        frontier = members - seen
    return []
