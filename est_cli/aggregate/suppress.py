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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from est_cli.errors import EstError

MAX_ROUNDS = 100  # rounds of narrowing bounds; every document in the tests settles within 5

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


def difference(current: Figure, previous: Figure) -> int | None:
    """current − previous, only when both are shown (else it could reveal a hidden count)."""
    if current.value is None or previous.value is None:
        return None
    return current.value - previous.value


Coord = int | str | tuple[int, ...] | tuple[str, ...]


@dataclass(frozen=True, order=True)
class Kind:
    """What sort of figure a key names, as far as suppression needs to know.

    leaf: not a sum of other figures (a cell of a table, an insats window): hidden in
        preference to a total, which would take more figures with it.
    standalone: published on its own, without totals beside it (an insats window): protected
        after the figures of tables, since protecting those is often enough.
    private: a part other figures are made of ("atom"), never published on its own.

    A document declares its kinds once and makes its keys with them: `CELL(0, 2, 1)`.
    """

    name: str
    leaf: bool = False
    standalone: bool = False
    private: bool = False

    def __call__(self, *at: Coord) -> FigureKey:
        return FigureKey(self, at)


@dataclass(frozen=True, order=True)
class FigureKey:
    """Names one count in a system of linked figures: its kind and where it is.

    Keys sort by kind name, then position, so every choice between figures is reproducible.
    """

    kind: Kind
    at: tuple[Coord, ...] = ()

    @property
    def leaf(self) -> bool:
        return self.kind.leaf

    @property
    def standalone(self) -> bool:
        return self.kind.standalone

    @property
    def private(self) -> bool:
        return self.kind.private

    def __str__(self) -> str:
        return f"{self.kind.name}({', '.join(map(str, self.at))})"


Line = tuple[FigureKey, list[FigureKey]]  # total = sum of parts


class SuppressionError(EstError):
    """Suppression could not prove a document's small counts safe: it is not published."""


class Unprotectable(SuppressionError):
    """What `known` tells a reader pins a small count down whatever else is hidden: the
    document must not tell it (`key` is the count pinned down)."""

    def __init__(self, key: FigureKey):
        super().__init__(
            f"{key} can be worked out from what the document tells of it, whatever is hidden"
        )
        self.key = key


def protect_linked(
    raw: dict[FigureKey, int],
    lines: list[Line],
    threshold: int,
    *,
    max_rounds: int = MAX_ROUNDS,
    known: dict[FigureKey, tuple[int, int]] | None = None,
) -> dict[FigureKey, Figure]:
    """Protect every figure of `raw` jointly; private keys take part but are never published.

    A private key (a disjoint part several published figures share) is only known to a reader
    as a count of 0 or more, or within its bounds in `known` when the document tells more
    about it (an area named under "Mest i" has at least N incidents; one left out, fewer);
    when the published figures pin a small one down, a published figure around it is hidden.
    Raises SuppressionError when what a reader can work out was
    not settled within `max_rounds` rounds of narrowing (see `_bounds`).
    """
    state = _solve(raw, lines, threshold, max_rounds, known or {})
    if threshold > 1:
        state = _prune(
            raw, state, _reader(raw, lines, threshold, max_rounds, known or {}), threshold
        )
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

    bounds = _reader(raw, lines, threshold, max_rounds, known)
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


Bounds = Callable[[dict[FigureKey, State]], dict[FigureKey, tuple[int, int]]]


def _reader(
    raw: dict[FigureKey, int],
    lines: list[Line],
    threshold: int,
    max_rounds: int,
    known: dict[FigureKey, tuple[int, int]],
) -> Bounds:
    """What a reader can work out from a trial of states: bounds of every figure."""
    keys = list(raw)
    values = list(raw.values())
    number = {k: n for n, k in enumerate(keys)}
    told = {number[k]: bounds for k, bounds in known.items() if k in number}
    numbered = [(number[t], [number[p] for p in parts]) for t, parts in lines]

    def bounds(trial: dict[FigureKey, State]) -> dict[FigureKey, tuple[int, int]]:
        found = _bounds(values, numbered, [trial[k] for k in keys], threshold, max_rounds, told)
        return dict(zip(keys, found, strict=True))

    return bounds


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


INF = 10**12


def _bounds(
    values: list[int],
    lines: list[tuple[int, list[int]]],
    state: list[State],
    threshold: int,
    max_rounds: int,
    known: dict[int, tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """What a reader can work out about each figure: its (lowest, highest) possible value.

    Figures are numbered (`values[n]`, `state[n]`; a line is total n = sum of parts). Shown:
    exact. "färre än N": 1 … N-1. "×": at least N (a reader who knows this rule knows a
    hidden count was a shown one), or 1 for a hidden small total. Then every line narrows
    the bounds of its members until nothing changes. Bounds still narrowing after
    `max_rounds` rounds would claim a reader knows less than they can: that raises
    SuppressionError rather than publish a protection that is not proven.
    """

    def own(n: int) -> tuple[int, int]:
        if state[n] == SHOWN:
            return values[n], values[n]
        if state[n] == SUPPRESSED:
            return 1, threshold - 1
        if state[n] == PRIVATE:
            return (known or {}).get(n, (0, INF))
        return (threshold if values[n] >= threshold else 1), INF

    out = [own(n) for n in range(len(values))]
    for _ in range(max_rounds):
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
            return out
    raise SuppressionError(
        f"publication suppression stopped at its cap of {max_rounds} rounds before it had "
        f"settled what a reader can work out from the {len(values)} figures of this document, "
        f"so it cannot prove that no count below {threshold} can be worked out from them; "
        "nothing was published. This is a bug in est: please report it."
    )
