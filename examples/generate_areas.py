"""Write geo/areas.geojson: MADE-UP polygons for the demo workspace's eight areas.

The shapes only resemble a small coastal town around Oxelösund (WGS84, about 17.05–17.16 E,
58.65–58.695 N); they are not the real districts. The areas tile a grid whose inner
points and edge midpoints are moved by fixed amounts, so neighbours share their borders
exactly (no overlap, no gap) and running this again writes the same bytes.

    python examples/generate_areas.py
"""

from __future__ import annotations

import json
from pathlib import Path

X = [17.050, 17.080, 17.105, 17.130, 17.160]
Y = [58.650, 58.665, 58.680, 58.695]
# (name, x from, x to, y from, y to) in grid indices
AREAS = [
    ("Femöre/Jogersö", 0, 2, 0, 1),
    ("Stenvik", 2, 4, 0, 1),
    ("Frösäng", 0, 1, 1, 2),
    ("Centrum", 1, 2, 1, 2),
    ("Ramdal", 2, 3, 1, 2),
    ("Sunda", 3, 4, 1, 2),
    ("Peterslund", 0, 2, 2, 3),
    ("Danvik", 2, 4, 2, 3),
]
NOTE = (
    "SYNTHETIC: made-up polygons for est's demo workspace (examples/generate_areas.py); "
    "not the real districts of Oxelösund"
)


def _wobble(i: int, j: int, k: int, size: float) -> float:
    """A fixed offset for grid point (i, j), or for an edge's midpoint: no randomness."""
    return ((i * 7 + j * 13 + k * 5) % 9 - 4) / 4 * size


def _point(i: int, j: int) -> tuple[float, float]:
    inner = 0 < i < len(X) - 1 and 0 < j < len(Y) - 1
    dx = _wobble(i, j, 1, 0.002) if inner else 0.0
    dy = _wobble(i, j, 2, 0.0012) if inner else 0.0
    return X[i] + dx, Y[j] + dy


def _mid(a: tuple[int, int], b: tuple[int, int]) -> tuple[float, float]:
    """The midpoint of a grid edge, moved the same way for both areas that share it."""
    (i1, j1), (i2, j2) = sorted([a, b])
    (x1, y1), (x2, y2) = _point(i1, j1), _point(i2, j2)
    coast = i1 == i2 in (0, len(X) - 1) or j1 == j2 in (0, len(Y) - 1)
    size = 0.0025 if coast else 0.0012
    if i1 == i2:  # a vertical edge: moved east or west
        return (x1 + x2) / 2 + _wobble(i1, j1 + j2, 3, size), (y1 + y2) / 2
    return (x1 + x2) / 2, (y1 + y2) / 2 + _wobble(i1 + i2, j1, 4, size / 2)


def _ring(x0: int, x1: int, y0: int, y1: int) -> list[list[float]]:
    """The area's outline counter-clockwise through every grid point on it."""
    grid = (
        [(i, y0) for i in range(x0, x1)]
        + [(x1, j) for j in range(y0, y1)]
        + [(i, y1) for i in range(x1, x0, -1)]
        + [(x0, j) for j in range(y1, y0, -1)]
    )
    ring: list[tuple[float, float]] = []
    for a, b in zip(grid, [*grid[1:], grid[0]], strict=True):
        ring += [_point(*a), _mid(a, b)]
    ring.append(ring[0])
    return [[round(x, 5), round(y, 5)] for x, y in ring]


def collection() -> dict[str, object]:
    return {
        "type": "FeatureCollection",
        "name": "Oxelösund demo areas (synthetic)",
        "description": NOTE,
        "features": [
            {
                "type": "Feature",
                "properties": {"namn": name, "syntetisk": True},
                "geometry": {"type": "Polygon", "coordinates": [_ring(*box)]},
            }
            for name, *box in AREAS
        ],
    }


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "geo" / "areas.geojson"
    data = collection()
    features = data.pop("features")
    assert isinstance(features, list)
    head = json.dumps(data, ensure_ascii=False)[:-1]
    lines = [json.dumps(f, ensure_ascii=False) for f in features]
    out.write_text(head + ', "features": [\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")
    print(f"wrote {out}")
