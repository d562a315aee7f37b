"""The documents' maps (issue 8 §3): what each one shows, in words as well as in colour.

The weekly report (internal) maps the week's incidents per area with the areas that stand
out outlined, and the incidents' own points when they carry any. The tertial follow-up
(public) maps the tertial's incidents per area as suppression lets them be published: an
area whose count is "färre än 3" (or hidden, "×") is hatched and never shows its number,
and the classes are made from the published counts only. Both come with a text
alternative that lists every figure, and the same figures stand in a table. A workspace
without polygons gets no map, and its documents are as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from est_cli.aggregate.suppress import HIDDEN, SUPPRESSED, Figure
from est_cli.errors import Problem
from est_cli.load.geometry import load_area_shapes
from est_cli.load.workspace import Workspace
from est_cli.render.charts import cached_area_map, svg_size
from est_cli.render.fmt import Formatter

MAP_SUFFIX = "karta.svg"  # the Markdown document's map beside it: 2021-W10.karta.svg
MAX_CLASSES = 5  # the palette's classes (est_cli.render.maps.PALETTE)
# est_cli.render.maps' classes of areas whose count is not a number to show
SUPPRESSED_CLASS, HIDDEN_CLASS, NO_DATA_CLASS = -1, -2, -3

Polygons = list[list[list[list[float]]]]


@dataclass
class MapView:
    """A drawn map and what the document says about it."""

    svg: bytes
    alt: str
    width: int
    height: int
    rows: list[dict[str, object]] = field(default_factory=list)  # the map's table
    missing: list[str] = field(default_factory=list)  # areas without a polygon


def geometry_problems(ws: Workspace) -> list[Problem]:
    """What is wrong with the polygons, for a build to stop on (a fatal one) or show: a map
    is never left out without a word."""
    shapes = load_area_shapes(ws, overlaps=False)
    return shapes.problems if shapes is not None else []


def area_polygons(ws: Workspace) -> list[tuple[str, Polygons]]:
    """(area id, polygons) of every area with a valid polygon, in est.yaml's order; empty
    without a geometry file (the map is then left out)."""
    shapes = load_area_shapes(ws, overlaps=False)
    if shapes is None:
        return []
    return [
        (area, [[[list(p) for p in ring] for ring in poly] for poly in shape.polygons])
        for area, shape in shapes.shapes.items()
    ]


def class_breaks(values: Sequence[int], start: int = 1) -> list[tuple[int, int]]:
    """At most MAX_CLASSES classes from `start` to the highest value, on round numbers:
    each class a multiple of one round step (the first from `start`)."""
    top = max(values, default=0)
    if top < start:
        return []
    step = next(s for s in _steps() if top // s - start // s + 1 <= MAX_CLASSES)
    out = [(start, min(top, (start // step + 1) * step - 1))]
    while out[-1][1] < top:
        low = out[-1][1] + 1
        out.append((low, low + step - 1))
    return out


def _steps() -> Iterator[int]:
    """1, 2, 3, 4, 5, 10, 20, 25, 30, 40, 50, 100, …"""
    yield from (1, 2, 3, 4, 5)
    scale = 10
    while True:
        yield from (scale, 2 * scale, 5 * scale // 2, 3 * scale, 4 * scale, 5 * scale)
        scale *= 10


def _klass(value: int, breaks: list[tuple[int, int]]) -> int:
    if value == 0:
        return 0
    return next(k for k, (low, high) in enumerate(breaks, start=1) if low <= value <= high)


def _range(fmt: Formatter, low: int, high: int) -> str:
    return fmt.number(low) if low == high else f"{fmt.number(low)}–{fmt.number(high)}"


def weekly_map(
    ws: Workspace,
    counts: dict[str, int],
    outlined: set[str],
    points: Sequence[tuple[float, float]],
    fmt: Formatter,
    week_words: str,
    cache: Path | None,
) -> MapView | None:
    """The week's incidents per area, the areas that stand out outlined; the points in a
    second panel when the week's incidents carry any."""
    areas = area_polygons(ws)
    if not areas:
        return None
    _ = fmt.words.gettext
    values = [counts.get(a, 0) for a, _p in areas]
    breaks = class_breaks(values)
    classes = [_klass(v, breaks) for v in values]
    names = [ws.area_name(a) for a, _p in areas]
    legend = [(0, "0")] if 0 in values else []
    legend += [(k, _range(fmt, *b)) for k, b in enumerate(breaks, start=1)]
    stand_out = [a in outlined for a, _p in areas]
    title = _("Incidents per area")
    svg = cached_area_map(
        cache,
        [(name, polys) for name, (_a, polys) in zip(names, areas, strict=True)],
        classes,
        [f"{n}\n{fmt.number(v)}" for n, v in zip(names, values, strict=True)],
        legend,
        title=title,
        outlined=stand_out,
        outline_label=_("Stands out this week"),
        points=[(lon, lat) for lon, lat in points] or None,
        points_title=_("Where the incidents happened (%(n)s with a position)", n=len(points)),
    )
    listed = fmt.join([f"{n} {fmt.number(v)}" for n, v in zip(names, values, strict=True)])
    alt = _("Map of incidents per area, %(period)s: %(list)s.", period=week_words, list=listed)
    out = [n for n, s in zip(names, stand_out, strict=True) if s]
    if out:
        alt += " " + _("The areas that stand out are outlined: %(areas)s.", areas=fmt.join(out))
    if points:
        alt += " " + _(
            "A second map shows the %(n)s incidents that have a position as points.",
            n=fmt.number(len(points)),
        )
    missing = _missing(ws, areas)
    alt += " " + _("The same figures are in the table of incidents by area.")
    width, height = svg_size(svg)
    return MapView(svg, alt, width, height, missing=missing)


def tertial_map(
    ws: Workspace,
    figures: dict[str, Figure | None],
    threshold: int,
    fmt: Formatter,
    period_words: str,
    cache: Path | None,
    polygons: list[tuple[str, Polygons]],
) -> MapView | None:
    """The tertial's incidents per area as published: suppressed areas hatched, never
    their number; classes from the published counts only. Never points."""
    areas = [(a, p) for a, p in polygons if figures.get(a) is not None]
    if not areas:
        return None
    _ = fmt.words.gettext
    shown = [f.value for a, _p in areas if (f := figures[a]) is not None and f.shown]
    breaks = class_breaks([v for v in shown if v is not None], start=threshold)
    fewer = _("fewer than %(n)s", n=threshold)
    classes, labels, rows = [], [], []
    for area, _polys in areas:
        figure = figures[area]
        assert figure is not None
        name = ws.area_name(area)
        if figure.state == SUPPRESSED:
            klass, words = SUPPRESSED_CLASS, fewer
        elif figure.state == HIDDEN:
            klass, words = HIDDEN_CLASS, "×"
        else:
            value = figure.value or 0
            klass, words = _klass(value, breaks), fmt.number(value)
        classes.append(klass)
        labels.append(f"{name}\n{words}")
        rows.append({"id": area, "name": name, "figure": figure, "text": words})
    legend = [(0, "0")] if 0 in classes else []
    legend += [(k, _range(fmt, *b)) for k, b in enumerate(breaks, start=1)]
    if SUPPRESSED_CLASS in classes:
        legend.append((SUPPRESSED_CLASS, fewer))
    if HIDDEN_CLASS in classes:
        legend.append((HIDDEN_CLASS, _("× hidden, to protect a small count")))
    title = _("Reported incidents per area")
    svg = cached_area_map(
        cache,
        [(ws.area_name(a), polys) for a, polys in areas],
        classes,
        labels,
        legend,
        title=title,
    )
    listed = fmt.join([f"{r['name']} {r['text']}" for r in rows])
    alt = _(
        "Map of reported incidents per area, %(period)s: %(list)s. The same figures are in "
        "the table below the map.",
        period=period_words,
        list=listed,
    )
    width, height = svg_size(svg)
    return MapView(svg, alt, width, height, rows=rows, missing=_missing(ws, areas))


def _missing(ws: Workspace, areas: Sequence[tuple[str, Polygons]]) -> list[str]:
    drawn = {a for a, _p in areas}
    return [a.name for a in ws.settings.areas if a.id not in drawn]
