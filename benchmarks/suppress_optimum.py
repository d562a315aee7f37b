"""How often suppression hides the fewest figures a table allows: est against brute force.

Random tables (2–4 rows × 2–4 months, counts 0–8, with row, column and grand totals,
threshold 3) are protected by est_cli.aggregate.suppress.protect_linked; the brute force
tries every set of figures to show as "×", smallest first, under the same reader (bounds
narrowed line by line), and stops at the first set that pins no small count down.

    .venv/bin/python benchmarks/suppress_optimum.py            # 60 tables, seed 1
    .venv/bin/python benchmarks/suppress_optimum.py 200 7      # 200 tables, seed 7
"""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from est_cli.aggregate.suppress import (  # noqa: E402
    HIDDEN,
    SHOWN,
    SUPPRESSED,
    FigureKey,
    Kind,
    Line,
    State,
    is_small,
    protect_linked,
)
from est_cli.aggregate.suppress_bounds import reader  # noqa: E402

CELL = Kind("cell", leaf=True)
ROW = Kind("row")
COL = Kind("col")
GRAND = Kind("grand")
THRESHOLD = 3


def table(values: list[list[int]]) -> tuple[dict[FigureKey, int], list[Line]]:
    rows, cols = len(values), len(values[0])
    raw: dict[FigureKey, int] = {CELL(r, c): values[r][c] for r in range(rows) for c in range(cols)}
    lines: list[Line] = []
    for r in range(rows):
        raw[ROW(r)] = sum(values[r])
        lines.append((ROW(r), [CELL(r, c) for c in range(cols)]))
    for c in range(cols):
        raw[COL(c)] = sum(values[r][c] for r in range(rows))
        lines.append((COL(c), [CELL(r, c) for r in range(rows)]))
    raw[GRAND()] = sum(raw[ROW(r)] for r in range(rows))
    lines.append((GRAND(), [ROW(r) for r in range(rows)]))
    lines.append((GRAND(), [COL(c) for c in range(cols)]))
    return raw, lines


def fewest(raw: dict[FigureKey, int], lines: list[Line], limit: int) -> int | None:
    """The fewest "×" that pin nothing small down (None: more than `limit`)."""
    bounds = reader(raw, lines, THRESHOLD, 100, {})
    base: dict[FigureKey, State] = {
        k: SUPPRESSED if is_small(v, THRESHOLD) else SHOWN for k, v in raw.items()
    }
    candidates = [k for k, v in raw.items() if v > 0]

    def safe(state: dict[FigureKey, State]) -> bool:
        found = bounds(state)
        return not any(
            state[k] != SHOWN and is_small(raw[k], THRESHOLD) and found[k][0] == found[k][1]
            for k in raw
        )

    for n in range(limit + 1):
        for hide in itertools.combinations(candidates, n):
            if safe({**base, **dict.fromkeys(hide, HIDDEN)}):
                return n
    return None


def main(count: int, seed: int) -> None:
    rng = random.Random(seed)
    same = worse = 0
    extra = 0
    for _ in range(count):
        rows, cols = rng.randint(2, 4), rng.randint(2, 4)
        values = [
            [rng.choice([0, 1, 1, 2, 2, 3, 4, 5, 6, 8]) for _ in range(cols)] for _ in range(rows)
        ]
        raw, lines = table(values)
        figures = protect_linked(raw, lines, THRESHOLD)
        est = sum(1 for f in figures.values() if f.state == HIDDEN)
        best = fewest(raw, lines, est)
        assert best is not None and best <= est
        if best == est:
            same += 1
        else:
            worse += 1
            extra += est - best
            print(f"{values}: est {est} ×, fewest {best}")
    print(f"{same} of {count} tables at the fewest; {worse} with {extra} × more than needed")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(args[0]) if args else 60, int(args[1]) if len(args) > 1 else 1)
