"""What a reader can work out from a choice of figures to hide: bounds on every figure.

Narrowing (lowest, highest) bounds line by line until they settle; used by
est_cli.aggregate.suppress to test each choice it considers.
"""

from __future__ import annotations

from collections.abc import Callable

from est_cli.aggregate.suppress_keys import (
    PRIVATE,
    SHOWN,
    SUPPRESSED,
    FigureKey,
    Line,
    State,
    SuppressionError,
)

Bounds = Callable[[dict[FigureKey, State]], dict[FigureKey, tuple[int, int]]]


def reader(
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
        found = bounds_of(values, numbered, [trial[k] for k in keys], threshold, max_rounds, told)
        return dict(zip(keys, found, strict=True))

    return bounds


INF = 10**12


def bounds_of(
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
