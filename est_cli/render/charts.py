"""Charts as documents use them: drawn once, kept in the workspace cache, embedded in HTML.

A rebuild with unchanged figures takes every chart from the cache, so it never loads
matplotlib (about a second of start-up): `est_cli.render.drawing`, which imports it, is
imported only when a chart has to be drawn: on purpose, the one import this layer makes
inside a function.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from est_cli.cache import memo


def cached_trend_chart(
    cache: Path | None,
    x_labels: Sequence[str],
    lines: Sequence[tuple[str, Sequence[float | None]]],
    *,
    bars: tuple[str, Sequence[float | None]] | None = None,
    y_label: str = "",
    title: str | None = None,
) -> bytes:
    """`est_cli.render.drawing.trend_chart`, kept in the workspace cache (`cache`: the
    workspace root, or None for none): the same numbers draw the same bytes, so a rebuild
    with unchanged figures need not load matplotlib at all."""

    def draw() -> bytes:
        from est_cli.render.drawing import trend_chart  # loads matplotlib: see above

        return trend_chart(x_labels, lines, bars=bars, y_label=y_label, title=title)

    key = ["trend", version("matplotlib"), x_labels, lines, bars, y_label, title]
    return memo(cache, "charts", key, draw)


def data_uri(svg: bytes) -> str:
    """The chart as a data: URI, for a self-contained HTML <img>."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
