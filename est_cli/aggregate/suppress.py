"""Small-count suppression for published documents.

A published count from 1 to `threshold - 1` is shown as "färre än N" (primary suppression).
Where totals are published too, a suppressed count could be backed out by subtraction
("total 23, the other cells add up to 21"); so in every table, each row and column whose
total is shown must either hide nothing, or hide at least two counts whose sum does not pin
them down (two hidden counts adding up to 2 are both 1). When that does not hold, the
smallest other count in that line is hidden too (secondary suppression, shown as "×");
a "färre än N" total that would pin its parts down is shown as "×" instead.
Changes are only published between two shown figures.

Figures of one document that count overlapping sets of incidents (an indicator for the whole
municipality and one for a single area, or two insatser whose windows overlap) are protected
jointly by `protect_linked`: the disjoint parts they are made of ("atoms", never published)
join the same system, so no small count can be found by subtracting one figure from another.

A `Figure` carries only what may be published: the raw value of a hidden count never
leaves this module, so no template or JSON output can print it by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

State = Literal["shown", "suppressed", "hidden", "private"]
SHOWN: State = "shown"
SUPPRESSED: State = "suppressed"  # 1 … threshold-1: "färre än N"
HIDDEN: State = "hidden"  # secondary suppression: "×"
PRIVATE: State = "private"  # a part of other figures, never published on its own


@dataclass(frozen=True)
class Figure:
    """A count as published: its value when shown, otherwise only why it is not shown."""

    value: int | None
    state: State = SHOWN

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


def is_small(value: int, threshold: int) -> bool:
    """True for counts that must not be published exactly: 1 … threshold-1."""
    return 1 <= value < threshold


def single(value: int, threshold: int) -> Figure:
    """One stand-alone count (no totals published alongside it)."""
    if is_small(value, threshold):
        return Figure(None, SUPPRESSED)
    return Figure(value)


def difference(current: Figure, previous: Figure) -> int | None:
    """current − previous, only when both are shown (else it could reveal a hidden count)."""
    if current.value is None or previous.value is None:
        return None
    return current.value - previous.value


Cell = tuple[str, int, int]  # ("cell", r, c) | ("row", r, 0) | ("col", c, 0) | ("grand", 0, 0)
Key = tuple  # any sortable tuple whose first item names its kind
Line = tuple[Key, list[Key]]  # total = sum of parts
LEAF_KINDS = ("cell", "ly", "before", "after")  # hidden in preference to totals
STANDALONE_KINDS = ("before", "after")  # figures published without totals (insats windows)


@dataclass(frozen=True)
class ProtectedTable:
    """A table of counts with its row totals, column totals and grand total, as published."""

    cells: list[list[Figure]]
    row_totals: list[Figure]
    col_totals: list[Figure]
    grand: Figure


def protect_table(values: list[list[int]], threshold: int) -> ProtectedTable:
    """Apply primary and secondary suppression to `values` (rows × columns) and its totals."""
    n_rows = len(values)
    n_cols = len(values[0]) if values else 0
    raw: dict[Cell, int] = {}
    for r, row in enumerate(values):
        if len(row) != n_cols:
            raise ValueError("every row needs the same number of columns")
        for c, v in enumerate(row):
            raw[("cell", r, c)] = v
        raw[("row", r, 0)] = sum(row)
    for c in range(n_cols):
        raw[("col", c, 0)] = sum(values[r][c] for r in range(n_rows))
    raw[("grand", 0, 0)] = sum(raw[("row", r, 0)] for r in range(n_rows))

    lines: list[tuple[Cell, list[Cell]]] = []
    for r in range(n_rows):
        lines.append((("row", r, 0), [("cell", r, c) for c in range(n_cols)]))
    for c in range(n_cols):
        lines.append((("col", c, 0), [("cell", r, c) for r in range(n_rows)]))
    lines.append((("grand", 0, 0), [("row", r, 0) for r in range(n_rows)]))
    lines.append((("grand", 0, 0), [("col", c, 0) for c in range(n_cols)]))

    state = _solve(raw, lines, threshold)

    def fig(key: Cell) -> Figure:
        return Figure(raw[key] if state[key] == SHOWN else None, state[key])

    return ProtectedTable(
        cells=[[fig(("cell", r, c)) for c in range(n_cols)] for r in range(n_rows)],
        row_totals=[fig(("row", r, 0)) for r in range(n_rows)],
        col_totals=[fig(("col", c, 0)) for c in range(n_cols)],
        grand=fig(("grand", 0, 0)),
    )


def protect_line(values: list[int], threshold: int) -> tuple[list[Figure], Figure]:
    """Counts published with their total only (one column, or one row, of a table)."""
    raw: dict[Cell, int] = {("cell", i, 0): v for i, v in enumerate(values)}
    raw[("grand", 0, 0)] = sum(values)
    state = _solve(raw, [(("grand", 0, 0), [k for k in raw if k[0] == "cell"])], threshold)
    figs = [Figure(v if state[k] == SHOWN else None, state[k]) for k, v in raw.items()]
    return figs[:-1], figs[-1]


def protect_linked(
    raw: dict[Key, int], lines: list[Line], threshold: int, private: set[Key]
) -> dict[Key, Figure]:
    """Protect every figure of `raw` jointly; `private` keys take part but are never published.

    A private key (a disjoint part several published figures share) is only known to a reader
    as a count of 0 or more; when the published figures pin a small one down, a published
    figure around it is hidden.
    """
    state = _solve(raw, lines, threshold, private)
    return {
        k: Figure(raw[k] if state[k] == SHOWN else None, state[k]) for k in raw if k not in private
    }


def _solve(
    raw: dict[Key, int],
    lines: list[Line],
    threshold: int,
    private: set[Key] | frozenset[Key] = frozenset(),
) -> dict[Key, State]:
    """Primary suppression, then secondary suppression until no small count is pinned down."""
    state: dict[Key, State] = {
        k: (SUPPRESSED if is_small(v, threshold) else SHOWN) for k, v in raw.items()
    }
    for k in private:
        state[k] = PRIVATE
    if threshold <= 1:
        return state
    if private:
        # First every table on its own, as if alone; then the links between them. A count
        # pinned down inside two tables needs protecting in both, which one step at a time
        # across the whole web would not find.
        public = {k: v for k, v in raw.items() if k not in private}
        own = [(t, parts) for t, parts in lines if t not in private and not private & set(parts)]
        state.update(_solve(public, own, threshold))
    while True:
        bounds = _bounds(raw, lines, state, threshold)
        pinned = sorted(
            (
                k
                for k, (low, high) in bounds.items()
                if state[k] != SHOWN and is_small(raw[k], threshold) and low == high
            ),
            # Tables first, then stand-alone figures, then the private parts: protecting the
            # published figures is often enough.
            key=lambda k: (k in private, k[0] in STANDALONE_KINDS, k),
        )
        if not pinned:
            return state
        key = pinned[0]
        if key in private:
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
                return state  # everything is hidden already
        # Prefer hiding a count next to it; a total only when no count is left. When the
        # figures are linked to others, the pin may come from further away: then prefer the
        # nearest figure whose hiding actually frees it.
        ordered = sorted(near, key=lambda p: (p[0] not in LEAF_KINDS, raw[p], p))
        pick = ordered[0]
        if private:
            pick = (
                _freeing(key, ordered, raw, lines, state, threshold)
                or (
                    _freeing(
                        key,
                        _shown_around(key, lines, state, raw, skip=set(ordered)),
                        raw,
                        lines,
                        state,
                        threshold,
                    )
                )
                or pick
            )
        state[pick] = HIDDEN


def _freeing(
    key: Key,
    candidates: list[Key],
    raw: dict[Key, int],
    lines: list[Line],
    state: dict[Key, State],
    threshold: int,
) -> Key | None:
    """The first candidate whose hiding leaves `key` no longer pinned down, if any."""
    for cand in candidates:
        if state[cand] == HIDDEN:
            continue
        trial = {**state, cand: HIDDEN}
        low, high = _bounds(raw, lines, trial, threshold)[key]
        if low != high:
            return cand
    return None


def _shown_around(
    key: Key,
    lines: list[Line],
    state: dict[Key, State],
    raw: dict[Key, int],
    skip: set[Key] | None = None,
) -> list[Key]:
    """Shown figures nearest to `key` in the web of lines (lines through it, then their
    neighbours), so hiding one of them breaks the chain of subtractions that pins it."""
    frontier = {key}
    seen: set[Key] = set()
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
            key=lambda p: (p[0] not in LEAF_KINDS, raw[p], p),
        )
        if found:
            return found
        frontier = members - seen
    return []


INF = 10**12


def _bounds(
    raw: dict[Key, int],
    lines: list[Line],
    state: dict[Key, State],
    threshold: int,
) -> dict[Key, tuple[int, int]]:
    """What a reader can work out about each figure: its (lowest, highest) possible value.

    Shown: exact. "färre än N": 1 … N-1. "×": at least N (a reader who knows this rule
    knows a hidden count was a shown one), or 1 for a hidden small total. Then every line
    (total = sum of parts) narrows the bounds of its members until nothing changes.
    """

    def own(k: Key) -> tuple[int, int]:
        if state[k] == SHOWN:
            return raw[k], raw[k]
        if state[k] == SUPPRESSED:
            return 1, threshold - 1
        if state[k] == PRIVATE:
            return 0, INF
        return (threshold if raw[k] >= threshold else 1), INF

    out = {k: own(k) for k in raw}
    for _ in range(100):
        changed = False
        for total, parts in lines:
            lo = sum(out[p][0] for p in parts)
            hi = min(INF, sum(out[p][1] for p in parts))
            t_lo, t_hi = out[total]
            new_total = (max(t_lo, lo), min(t_hi, hi))
            if new_total != out[total]:
                out[total], changed = new_total, True
            t_lo, t_hi = out[total]
            for p in parts:
                p_lo, p_hi = out[p]
                others_lo, others_hi = lo - p_lo, min(INF, hi - p_hi) if hi < INF else INF
                new = (max(p_lo, t_lo - others_hi), min(p_hi, t_hi - others_lo))
                if new != out[p]:
                    out[p], changed = new, True
                    lo = sum(out[q][0] for q in parts)
                    hi = min(INF, sum(out[q][1] for q in parts))
        if not changed:
            break
    return out
