"""Areas as polygons (issue 8 §2): a GeoJSON file in the workspace, one feature per area.

The file is named in est.yaml (`geometry: {file: areas.geojson, property: namn}`); each
feature's `property` names its area by id, name or alias. Coordinates are WGS84 longitude
and latitude, as GeoJSON writes them. `est check` validates the file: polygons that are
closed, simple and on the globe, every feature an area and no area twice, areas without a
polygon, and areas that overlap by more than a sliver (a digitising slip at a shared
border is not worth reporting).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from est_cli.errors import N_, Problem, Text, printable
from est_cli.load.confine import outside_problem, resolves_inside
from est_cli.load.jsontext import json_reason
from est_cli.load.workspace import Workspace
from est_cli.models.settings import Polisen

MAX_BYTES = 20_000_000  # a municipality's areas are a few hundred KB
OVERLAP_SHARE = 0.01  # of the smaller area: more than this is reported
_GRID = 24  # sample points a side when measuring an overlap

Point = tuple[float, float]  # (lon, lat)
Ring = list[Point]


@dataclass
class Shape:
    """One area's polygons: each an outer ring and its holes."""

    area: str
    feature: int
    polygons: list[list[Ring]]

    @property
    def box(self) -> tuple[float, float, float, float]:
        xs = [x for poly in self.polygons for x, _ in poly[0]]
        ys = [y for poly in self.polygons for _, y in poly[0]]
        return min(xs), min(ys), max(xs), max(ys)

    def contains(self, point: Point) -> bool:
        return any(
            _inside(point, poly[0]) and not any(_inside(point, hole) for hole in poly[1:])
            for poly in self.polygons
        )

    @property
    def area_size(self) -> float:
        """Size in square degrees of longitude scaled to latitude (for comparing only)."""
        scale = math.cos(math.radians((self.box[1] + self.box[3]) / 2))
        return scale * sum(
            abs(_shoelace(poly[0])) - sum(abs(_shoelace(h)) for h in poly[1:])
            for poly in self.polygons
        )


@dataclass
class AreaShapes:
    shapes: dict[str, Shape] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # areas a feature names, valid or not

    def area_at(self, point: Point) -> str | None:
        """The area whose polygon holds the point (the first, in est.yaml's order)."""
        return next((a for a, s in self.shapes.items() if s.contains(point)), None)


def load_area_shapes(ws: Workspace, *, overlaps: bool = True) -> AreaShapes | None:
    """The areas' polygons and the file's problems; None when est.yaml names no file.
    `overlaps=False` skips measuring overlaps (a document only draws the polygons)."""
    geometry = ws.settings.geometry
    if geometry is None:
        return None
    rel = geometry.file
    path = ws.root / rel
    out = AreaShapes()
    if not resolves_inside(ws.root, path):
        out.problems.append(outside_problem(rel))
        return out
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError:  # the mistake is in est.yaml, which names the file
        line, col = ws.doc.locate(("geometry", "file"))
        out.problems.append(
            Problem(
                ws.doc.file,
                line,
                col,
                "geometry.file",
                N_("'%(file)s' is not a file in the workspace", file=printable(rel)),
                hint=N_("put the areas' GeoJSON file there, or correct the path"),
                code="no-files",
                fatal=True,
            )
        )
        return out
    if raw is None:
        big = N_("the file is larger than %(bytes)s bytes", bytes=f"{MAX_BYTES:,}")
        out.problems.append(_error(rel, None, big))
        return out
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        why = N_("the file is not UTF-8 (byte %(byte)s)", byte=exc.start + 1)
        line = raw[: exc.start].count(b"\n") + 1
        out.problems.append(Problem(rel, line, None, None, why, fatal=True))
        return out
    except json.JSONDecodeError as exc:
        why = N_("not valid GeoJSON: %(reason)s", reason=json_reason(exc))
        out.problems.append(Problem(rel, exc.lineno, exc.colno, None, why, fatal=True))
        return out
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        out.problems.append(_error(rel, None, N_("expected a GeoJSON FeatureCollection")))
        return out
    order = {a.id: i for i, a in enumerate(ws.settings.areas)}
    for i, feature in enumerate(features):
        shape = _feature(ws, rel, i, feature, geometry.property, out)
        if shape is None:
            continue
        if shape.area in out.shapes:
            first = out.shapes[shape.area].feature
            out.problems.append(
                _error(
                    rel,
                    i,
                    N_(
                        "area '%(area)s' already has a polygon (%(first)s)",
                        area=shape.area,
                        first=f"features[{first}]",
                    ),
                )
            )
            continue
        out.shapes[shape.area] = shape
    out.shapes = dict(sorted(out.shapes.items(), key=lambda kv: order[kv[0]]))
    # an area the police's events are put in (polisen.area) may be the whole municipality
    police_area = (ws.settings.polisen or Polisen()).area
    whole = ws.areas.resolve(police_area) if police_area else None
    for area in ws.settings.areas:
        if area.id not in out.named and area.id != whole:
            out.problems.append(
                Problem(
                    rel,
                    None,
                    None,
                    f"area {area.id}",
                    N_(
                        "area '%(area)s' has no polygon; its incidents are found only by name",
                        area=area.name,
                    ),
                    severity="warning",
                    hint=N_(
                        "add a feature with %(property)s",
                        property=f"{geometry.property}: {area.id!r}",
                    ),
                    code="area-without-polygon",
                )
            )
    if overlaps:
        out.problems += _overlaps(rel, list(out.shapes.values()), ws)
    return out


def _error(rel: str, feature: int | None, message: str) -> Problem:
    where = f"features[{feature}]" if feature is not None else None
    return Problem(rel, None, None, where, message, code="bad-geometry", fatal=True)


def _feature(
    ws: Workspace, rel: str, i: int, feature: object, prop: str, out: AreaShapes
) -> Shape | None:
    if not isinstance(feature, dict):
        out.problems.append(_error(rel, i, N_("expected a GeoJSON Feature")))
        return None
    props = feature.get("properties")
    value = props.get(prop) if isinstance(props, dict) else None
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        why = N_("the feature has no property '%(property)s' naming its area", property=prop)
        out.problems.append(_error(rel, i, why))
        return None
    area = ws.areas.resolve(str(value))
    if area is None:
        why = N_(
            "%(property)s '%(value)s' is not a known area (%(hint)s)",
            property=prop,
            value=printable(str(value)),
            hint=ws.areas.unknown_hint(str(value)),
        )
        out.problems.append(_error(rel, i, why))
        return None
    out.named.add(area)
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon" and isinstance(coords, list):
        polygons = coords
    else:
        out.problems.append(
            _error(
                rel,
                i,
                N_(
                    "area '%(area)s': expected a Polygon or MultiPolygon, found %(found)s",
                    area=area,
                    found=printable(str(kind)),
                ),
            )
        )
        return None
    rings: list[list[Ring]] = []
    for poly in polygons:
        found = _polygon(poly)
        if isinstance(found, str):
            out.problems.append(
                _error(rel, i, N_("area '%(area)s': %(problem)s", area=area, problem=found))
            )
            return None
        rings.append(found)
    return Shape(area, i, rings)


def _polygon(poly: object) -> list[Ring] | Text:
    """The rings of one polygon, or what is wrong with it."""
    if not isinstance(poly, list) or not poly:
        return N_("a polygon is a list of rings")
    rings: list[Ring] = []
    for k, ring in enumerate(poly):
        what = N_("the outer ring") if k == 0 else N_("hole %(number)s", number=k)
        if not isinstance(ring, list) or len(ring) < 4:
            return N_("%(ring)s needs at least 4 positions (a closed ring)", ring=what)
        points: Ring = []
        for position in ring:
            if (
                not isinstance(position, list)
                or len(position) < 2
                or not all(
                    isinstance(c, int | float) and not isinstance(c, bool) for c in position[:2]
                )
            ):
                return N_(
                    "%(ring)s: %(value)s is not a position [lon, lat]",
                    ring=what,
                    value=printable(json.dumps(position))[:40],
                )
            lon, lat = float(position[0]), float(position[1])
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                return N_(
                    "%(ring)s: %(value)s is not a WGS84 longitude and latitude",
                    ring=what,
                    value=f"[{lon}, {lat}]",
                )
            points.append((lon, lat))
        if points[0] != points[-1]:
            return N_("%(ring)s is not closed: its last position must repeat its first", ring=what)
        crossing = _self_crossing(points)
        if crossing is not None:
            near = f"[{crossing[0]:.5f}, {crossing[1]:.5f}]"
            return N_("%(ring)s crosses itself near %(position)s", ring=what, position=near)
        rings.append(points)
    return rings


def _position(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) >= 2
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in value[:2])
    )


def _segments(ring: Ring) -> Iterator[tuple[Point, Point]]:
    return pairwise(ring)


def _self_crossing(ring: Ring) -> Point | None:
    """Where two edges that are not neighbours cross, or None (a simple ring)."""
    edges = list(_segments(ring))
    n = len(edges)
    for a in range(n):
        for b in range(a + 2, n):
            if a == 0 and b == n - 1:
                continue  # the closing edge meets the first one at the start
            if _cross(*edges[a], *edges[b]):
                return edges[b][0]
    return None


def _orient(p: Point, q: Point, r: Point) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def _cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool:
    """The two segments cross or touch (collinear overlaps included)."""
    if max(p1[0], p2[0]) < min(q1[0], q2[0]) or max(q1[0], q2[0]) < min(p1[0], p2[0]):
        return False
    if max(p1[1], p2[1]) < min(q1[1], q2[1]) or max(q1[1], q2[1]) < min(p1[1], p2[1]):
        return False
    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and 0 not in (d1, d2, d3, d4):
        return True
    return 0 in (d1, d2, d3, d4) and _touches(p1, p2, q1, q2, (d1, d2, d3, d4))


def _touches(p1: Point, p2: Point, q1: Point, q2: Point, d: tuple[float, ...]) -> bool:
    def on(a: Point, b: Point, c: Point) -> bool:
        return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(
            a[1], b[1]
        )

    return (
        (d[0] == 0 and on(q1, q2, p1))
        or (d[1] == 0 and on(q1, q2, p2))
        or (d[2] == 0 and on(p1, p2, q1))
        or (d[3] == 0 and on(p1, p2, q2))
    )


def _inside(point: Point, ring: Ring) -> bool:
    """Ray casting: the point lies inside the closed ring."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in _segments(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _shoelace(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in _segments(ring)) / 2


def _overlaps(rel: str, shapes: list[Shape], ws: Workspace) -> list[Problem]:
    """A warning for each pair of areas sharing more than OVERLAP_SHARE of the smaller one,
    measured on a grid of sample points over the part where their boxes meet."""
    out = []
    for i, a in enumerate(shapes):
        for b in shapes[i + 1 :]:
            ax0, ay0, ax1, ay1 = a.box
            bx0, by0, bx1, by1 = b.box
            x0, y0, x1, y1 = max(ax0, bx0), max(ay0, by0), min(ax1, bx1), min(ay1, by1)
            if x0 >= x1 or y0 >= y1:
                continue
            dx, dy = (x1 - x0) / _GRID, (y1 - y0) / _GRID
            both = sum(
                1
                for gx in range(_GRID)
                for gy in range(_GRID)
                if a.contains(p := (x0 + (gx + 0.5) * dx, y0 + (gy + 0.5) * dy)) and b.contains(p)
            )
            scale = math.cos(math.radians((y0 + y1) / 2))
            shared = both * dx * dy * scale
            smaller = min(a.area_size, b.area_size)
            if smaller > 0 and shared / smaller > OVERLAP_SHARE:
                out.append(
                    Problem(
                        rel,
                        None,
                        None,
                        f"features[{a.feature}], features[{b.feature}]",
                        N_(
                            "areas '%(first)s' and '%(second)s' overlap (about %(share)s of the "
                            "smaller one); an incident there is placed in the first",
                            first=ws.area_name(a.area),
                            second=ws.area_name(b.area),
                            share=f"{shared / smaller:.0%}",
                        ),
                        severity="warning",
                        hint=N_("correct the shared border in the GeoJSON file"),
                        code="areas-overlap",
                    )
                )
    return out
