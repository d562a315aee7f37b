"""Maps drawn with matplotlib from the areas' polygons: no tiles, no network (issue 8 §3).

A choropleth of counts per area in a few classes of one colour-blind-safe sequential
palette (ColorBrewer's Blues: light to dark, so it reads in greyscale print too), with a
legend of the classes; every area is named on the map with its figure, so the map reads
without the colours. An area whose count is not published gets a hatched fill (and no
number); the areas that stand out get a thick outline. An optional second panel shows the
incidents' own points (internal documents only). Reproducible as `drawing`'s charts: the
same SVG settings, no date, text as paths.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.patheffects import withStroke

from est_cli.render.drawing import WIDTH, _style, _svg

Polygons = Sequence[Sequence[Sequence[Sequence[float]]]]  # polygons → rings → [lon, lat]
# ColorBrewer Blues for 1 to 5 classes: sequential, safe for colour-vision deficiencies,
# and each class darker than the last in greyscale.
PALETTES = {
    1: ["#6baed6"],
    2: ["#c6dbef", "#3182bd"],
    3: ["#deebf7", "#9ecae1", "#3182bd"],
    4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
}
ZERO = "#ffffff"
EDGE = "#4b5563"
OUTLINE = "#000000"
HATCH_EDGE = "#6b7280"
SUPPRESSED = -1  # class of an area whose count is not published: hatched, no number
HIDDEN = -2  # hidden to protect another count ("×"): cross-hatched
NO_DATA = -3
HALO = [withStroke(linewidth=3, foreground="#ffffff")]  # a label reads on every fill
LABEL_SIZE = 11
LEGEND_SIZE = 12
MAP_HEIGHT = 4.2  # inches
POINTS_HEIGHT = 4.2
LEGEND_ROW = 0.32  # inches: one row of the legend (two entries)


def _path(polygons: Polygons) -> MplPath:
    """One compound path of every ring (holes cut out by the even-odd rule)."""
    vertices: list[Sequence[float]] = []
    codes: list[np.uint8] = []
    for polygon in polygons:
        for ring in polygon:
            vertices += [(p[0], p[1]) for p in ring]
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
    return MplPath(np.array(vertices, dtype=float), np.array(codes, dtype=np.uint8))


def _label_point(polygons: Polygons) -> tuple[float, float]:
    """A point well inside the largest polygon: of a grid over its box, the one farthest
    from its outline (a concave area's centroid may lie outside it)."""
    outer = max((np.array(p[0], dtype=float) for p in polygons), key=_ring_size)
    path = _path(polygons)
    x0, y0 = outer.min(axis=0)
    x1, y1 = outer.max(axis=0)
    gx, gy = np.meshgrid(np.linspace(x0, x1, 21)[1:-1], np.linspace(y0, y1, 21)[1:-1])
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    inside = grid[path.contains_points(grid)]
    if not len(inside):
        return float(outer[:, 0].mean()), float(outer[:, 1].mean())
    starts = np.vstack([np.array(r[:-1], dtype=float) for p in polygons for r in p])
    ends = np.vstack([np.array(r[1:], dtype=float) for p in polygons for r in p])
    dist = _distance(inside, starts, ends)
    deep = inside[dist >= 0.8 * dist.max()]  # deep enough: of these, the most central
    centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
    best = deep[int(np.argmin(np.hypot(*(deep - centre).T)))]
    return float(best[0]), float(best[1])


def _distance(points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Each point's distance to the nearest of the segments (start → end)."""
    d = ends - starts  # segments × 2
    rel = points[:, None, :] - starts[None, :, :]  # points × segments × 2
    length = np.maximum((d * d).sum(axis=1), 1e-18)
    t = np.clip((rel * d[None, :, :]).sum(axis=2) / length[None, :], 0, 1)
    nearest = rel - t[:, :, None] * d[None, :, :]
    out: np.ndarray = np.sqrt((nearest * nearest).sum(axis=2)).min(axis=1)
    return out


def _ring_size(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))) / 2


def _frame(ax: Axes, areas: Sequence[Polygons]) -> None:
    """The areas' box, longitude scaled to latitude; no axes, ticks or frame."""
    points = np.vstack([np.array(r, dtype=float) for a in areas for p in a for r in p])
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    pad_x, pad_y = (x1 - x0) * 0.03, (y1 - y0) * 0.03
    ax.set_xlim(x0 - pad_x, x1 + pad_x)
    ax.set_ylim(y0 - pad_y, y1 + pad_y)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    ax.set_axis_off()


def _fill(klass: int, n: int) -> dict[str, object]:
    if klass == SUPPRESSED:
        return {"facecolor": "#ffffff", "hatch": "///", "edgecolor": HATCH_EDGE}
    if klass == HIDDEN:
        return {"facecolor": "#ffffff", "hatch": "xx", "edgecolor": HATCH_EDGE}
    if klass == NO_DATA:
        return {"facecolor": "#e5e7eb", "edgecolor": EDGE}
    colour = ZERO if klass == 0 else PALETTES[min(max(n, 1), 5)][min(klass, 5) - 1]
    return {"facecolor": colour, "edgecolor": EDGE}


def area_map(
    areas: Sequence[tuple[str, Polygons]],
    classes: Sequence[int],
    labels: Sequence[str],
    legend: Sequence[tuple[int, str]],
    *,
    title: str,
    outlined: Sequence[bool] | None = None,
    outline_label: str = "",
    points: Sequence[tuple[float, float]] | None = None,
    points_title: str = "",
) -> bytes:
    """The choropleth: each area filled by its class (0: none; 1…5: the palette's classes;
    SUPPRESSED, HIDDEN, NO_DATA), named by its label; `legend` lists (class, words) in
    order. `outlined` areas get a thick black outline. With `points` (lon, lat), a second
    panel shows them over the areas in grey."""
    polys = [p for _name, p in areas]
    n = sum(1 for klass, _words in legend if klass > 0)  # the palette's classes
    entries = len(legend) + (1 if outlined and any(outlined) else 0)
    key_height = 0.2 + LEGEND_ROW * math.ceil(entries / 2)
    with _style():
        panels = 2 if points else 1
        heights = [MAP_HEIGHT, key_height] + ([POINTS_HEIGHT] if points else [])
        fig = Figure(figsize=(WIDTH, sum(heights)))
        grid = fig.add_gridspec(panels + 1, 1, height_ratios=heights)
        ax = fig.add_subplot(grid[0])
        ax.set_title(title)
        for i, (polygons, klass) in enumerate(zip(polys, classes, strict=True)):
            ax.add_patch(PathPatch(_path(polygons), linewidth=0.8, zorder=1, **_fill(klass, n)))
            if outlined and outlined[i]:
                ax.add_patch(
                    PathPatch(
                        _path(polygons), facecolor="none", edgecolor=OUTLINE, linewidth=3, zorder=3
                    )
                )
        for polygons, label in zip(polys, labels, strict=True):
            x, y = _label_point(polygons)
            ax.annotate(
                label,
                (x, y),
                ha="center",
                va="center",
                fontsize=LABEL_SIZE,
                zorder=4,
                path_effects=HALO,
                annotation_clip=False,
            )
        _frame(ax, polys)

        key = fig.add_subplot(grid[1])
        key.set_axis_off()
        handles = [
            Patch(label=words, linewidth=0.8, **_fill(klass, n))  # type: ignore[arg-type]
            for klass, words in legend
        ]
        if outlined and any(outlined):
            handles.append(
                Patch(facecolor="none", edgecolor=OUTLINE, linewidth=3, label=outline_label)
            )
        key.legend(
            handles=handles,
            loc="upper left",
            ncols=2,
            frameon=False,
            fontsize=LEGEND_SIZE,
            handlelength=1.6,
            handleheight=1.1,
            borderaxespad=0,
        )

        if points:
            pax = fig.add_subplot(grid[2])
            pax.set_title(points_title)
            for polygons in polys:
                pax.add_patch(
                    PathPatch(_path(polygons), facecolor="#f3f4f6", edgecolor=EDGE, linewidth=0.8)
                )
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            pax.scatter(
                xs, ys, s=14, color="#000000", edgecolors="#ffffff", linewidths=0.5, zorder=3
            )
            _frame(pax, polys)
        fig.tight_layout(h_pad=0.4)
        return _svg(fig)
