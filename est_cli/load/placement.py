"""Incidents placed by their position (issue 8 §2): a row with `Lat`/`Lon` and no area is
put in the area whose polygon holds its point; a row whose area's polygon does not hold its
point is counted in its area, with a warning (a common export mistake).

Positions are checked as whole columns first: WGS84 degrees, within range, both given.
Point in polygon is ray casting in numpy, one pass per edge over all the points inside a
polygon's box at once: no per-row loop, and no map library to load for `est check`. A row
that cannot be placed is never dropped silently: it is a warning at its row, left out of
the figures and counted with the rows that could not be used.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

import numpy as np
import numpy.typing as npt
import pandas as pd

from est_cli.errors import N_
from est_cli.load.confine import resolves_inside
from est_cli.load.found import Found
from est_cli.load.geometry import MAX_BYTES, AreaShapes, Ring, Shape, load_area_shapes
from est_cli.load.workspace import Workspace
from est_cli.models.settings import IncidentField

F = IncidentField
Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
UNPLACED = "unplaced"  # a warning whose row is left out (counted as not used)
_SWEREF = 1000  # a "latitude" above this is metres: SWEREF 99 TM, RT 90 …


def checked_positions(
    lat: Floats, lon: Floats, found: Found, both: bool = True
) -> tuple[Floats, Floats]:
    """The positions as WGS84 degrees: a value out of range, or half a position, is left
    out with a warning on its row (the row stays usable). `both`: the export has both
    columns (with only one, its values are kept as read, and place nothing)."""
    lat, lon = lat.copy(), lon.copy()
    half = (np.isnan(lat) != np.isnan(lon)) & both  # as the export gives them
    for values, fld, limit in ((lat, F.lat, 90.0), (lon, F.lon, 180.0)):
        wrong = np.flatnonzero(np.abs(np.nan_to_num(values)) > limit)
        if wrong.size:
            found.add(
                wrong,
                fld,
                partial(_out_of_range, values.copy(), fld, limit),
                "bad-position",
                severity="warning",
            )
            values[wrong] = np.nan
    if half.any():
        given = np.isnan(lon)

        def message(r: int) -> tuple[str, str | None]:
            has, lacks = (F.lat, F.lon) if given[r] else (F.lon, F.lat)
            return (
                N_(
                    "the position has %(given)s but no %(missing)s; it is left out",
                    given=found.header(has),
                    missing=found.header(lacks),
                ),
                N_("give both, in WGS84 decimal degrees (58.67, 17.10)"),
            )

        found.add(np.flatnonzero(half), F.lat, message, "bad-position", severity="warning")
    if both:
        gone = np.isnan(lat) | np.isnan(lon)  # half a position is no position
        lat[gone], lon[gone] = np.nan, np.nan
    return lat, lon


def _out_of_range(
    values: Floats, fld: IncidentField, limit: float, row: int
) -> tuple[str, str | None]:
    value = float(values[row])
    what = N_("latitude") if fld == F.lat else N_("longitude")
    shown = f"{value:g}"
    message = N_(
        "%(value)s is not a WGS84 %(what)s (%(low)s to %(high)s); the position is left out",
        value=shown,
        what=what,
        low=f"-{limit:g}",
        high=f"{limit:g}",
    )
    hint = (
        N_("a value in metres is probably SWEREF 99 TM: export positions in WGS84 degrees")
        if abs(value) > _SWEREF
        else N_("est reads WGS84 decimal degrees (Lat 58.67, Lon 17.10)")
    )
    return message, hint


class Shapes:
    """The areas' polygons, read only when a file has to be checked (a cached run never
    parses the GeoJSON); `digest` keys the cache, as the polygons decide where rows go."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        geometry = ws.settings.geometry
        self.placing = geometry is not None
        self._shapes: AreaShapes | None = None
        self._read = False
        digest = hashlib.sha256()
        if geometry is not None:
            digest.update(geometry.model_dump_json().encode())
            path = ws.root / geometry.file
            with contextlib.suppress(OSError):
                if resolves_inside(ws.root, path) and path.stat().st_size <= MAX_BYTES:
                    digest.update(path.read_bytes())
        self.digest = digest.hexdigest() if geometry is not None else ""

    def get(self) -> AreaShapes | None:
        if not self._read:
            self._shapes, self._read = load_area_shapes(self.ws, overlaps=False), True
        return self._shapes


@dataclass
class Placed:
    """The rows' area ids after placement, and the rows their point placed."""

    area: pd.Categorical[str]
    placed: Mask


def place(
    area: pd.Categorical[str],
    lat: Floats,
    lon: Floats,
    placeable: Mask,
    shapes: AreaShapes,
    found: Found,
    ws: Workspace,
) -> Placed:
    """Put the `placeable` rows (no area, a position) in the area whose polygon holds their
    point; warn where a point lies in no area, or outside the area its row names."""
    has_point = ~np.isnan(lat) & ~np.isnan(lon)
    x, y = np.nan_to_num(lon), np.nan_to_num(lat)
    inside = {a: has_point & _contains(s, x, y) for a, s in shapes.shapes.items()}
    where = np.full(len(lat), -1, dtype=np.int32)  # the first area (est.yaml's order)
    for k, mask in reversed(list(enumerate(inside.values()))):
        where[mask] = k
    names = list(inside)
    codes = np.asarray(area.codes).copy()
    categories = [str(c) for c in area.categories]

    todo = placeable & has_point
    hit = todo & (where >= 0)
    position = {c: i for i, c in enumerate(categories)}
    lookup = np.array([position[a] for a in names] + [-1], dtype=np.int32)
    codes[hit] = lookup[where[hit]]
    missed = np.flatnonzero(todo & (where < 0))
    if missed.size:
        swapped = _where(shapes, y[missed], x[missed])

        def unplaced(k: int) -> tuple[str, str | None]:
            other = swapped[int(np.searchsorted(missed, k))]
            hint = (
                N_(
                    "%(lat)s and %(lon)s look swapped: the other way round the point lies "
                    "in %(area)s",
                    lat=found.header(F.lat),
                    lon=found.header(F.lon),
                    area=ws.area_name(other),
                )
                if other is not None
                else N_(
                    "write the row's area in the export, or correct its position or the "
                    "polygons (%(file)s)",
                    file=_file(ws),
                )
            )
            return (
                N_(
                    "the row has no area and its position lies in no area's polygon; "
                    "the row is left out"
                ),
                hint,
            )

        found.add(missed, F.area, unplaced, UNPLACED, severity="warning")
        found.bad[missed] = True

    named = ~placeable & has_point & (np.asarray(area.codes) >= 0)
    _outside(np.asarray(area.codes), categories, named, inside, where, found, ws)
    return Placed(pd.Categorical.from_codes(codes, categories=area.categories), placed=hit)


def _outside(
    codes: npt.NDArray[np.int8 | np.int16 | np.int32],
    categories: list[str],
    named: Mask,
    inside: dict[str, Mask],
    where: npt.NDArray[np.int32],
    found: Found,
    ws: Workspace,
) -> None:
    """A warning on each row whose point lies outside the polygon of the area it names."""
    wrong = np.zeros(len(codes), dtype=bool)
    position = {c: i for i, c in enumerate(categories)}
    for ident, mask in inside.items():
        wrong |= named & (codes == position[ident]) & ~mask
    if not wrong.any():
        return
    names = list(inside)

    def message(r: int) -> tuple[str, str | None]:
        own = ws.area_name(categories[codes[r]])
        text = (
            N_(
                "the position lies in %(other)s, outside the polygon of %(area)s; the row is "
                "counted in %(area)s",
                other=ws.area_name(names[where[r]]),
                area=own,
            )
            if where[r] >= 0
            else N_(
                "the position lies outside the polygon of %(area)s (in no area's polygon); "
                "the row is counted in %(area)s",
                area=own,
            )
        )
        return text, N_("the area or the position is probably wrong in the export")

    found.add(
        np.flatnonzero(wrong),
        F.lat,
        message,
        "position-outside-area",
        severity="warning",
        column=f"{found.header(F.lat)}, {found.header(F.lon)}",
    )


def _file(ws: Workspace) -> str:
    return ws.settings.geometry.file if ws.settings.geometry else ""


def _where(shapes: AreaShapes, x: Floats, y: Floats) -> list[str | None]:
    """The first area holding each point, or None."""
    out: list[str | None] = [None] * len(x)
    for area, shape in reversed(list(shapes.shapes.items())):
        for k in np.flatnonzero(_contains(shape, x, y)).tolist():
            out[k] = area
    return out


def _contains(shape: Shape, x: Floats, y: Floats) -> Mask:
    """Which points (x: longitude, y: latitude) the area's polygons hold (holes excluded)."""
    out = np.zeros(len(x), dtype=bool)
    for polygon in shape.polygons:
        outer = polygon[0]
        xs, ys = [p[0] for p in outer], [p[1] for p in outer]
        near = np.flatnonzero(
            (x >= min(xs)) & (x <= max(xs)) & (y >= min(ys)) & (y <= max(ys)) & ~out
        )
        if not near.size:
            continue
        px, py = x[near], y[near]
        held = _in_ring(outer, px, py)
        for hole in polygon[1:]:
            held &= ~_in_ring(hole, px, py)
        out[near[held]] = True
    return out


def _in_ring(ring: Ring, x: Floats, y: Floats) -> Mask:
    """Ray casting over all points at once, one edge at a time (as geometry._inside)."""
    inside = np.zeros(len(x), dtype=bool)
    for (x1, y1), (x2, y2) in pairwise(ring):
        if y1 == y2:
            continue  # a horizontal edge crosses no horizontal ray
        crosses = (y1 > y) != (y2 > y)
        at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        inside ^= crosses & (x < at)
    return inside
