"""How fast rows are placed by their position (issue 8 §2): point in polygon, vectorised.

Places N random points (default 1,000,000) over the demo's eight polygons
(geo/areas.geojson) the way `est check` does for rows without an area, and prints the time.
The cache means this is paid once per changed export, not on every run.

    .venv/bin/python benchmarks/placement.py [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from est_cli.load.geometry import load_area_shapes
from est_cli.load.placement import _contains
from est_cli.load.workspace import load_workspace

ROOT = Path(__file__).resolve().parents[1]


def main(n: int) -> None:
    shapes = load_area_shapes(load_workspace(ROOT), overlaps=False)
    assert shapes is not None and shapes.shapes, "the demo's est.yaml names its polygons"
    rng = np.random.default_rng(1)
    x = rng.uniform(17.05, 17.16, n)
    y = rng.uniform(58.648, 58.697, n)
    start = time.perf_counter()
    inside = sum(int(_contains(s, x, y).sum()) for s in shapes.shapes.values())
    took = time.perf_counter() - start
    vertices = sum(len(r) for s in shapes.shapes.values() for p in s.polygons for r in p)
    print(
        f"{n:,} points, {len(shapes.shapes)} areas ({vertices} vertices): {took:.2f} s, "
        f"{inside:,} inside an area"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
