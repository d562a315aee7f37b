"""Charts as documents use them: drawn once, kept in the workspace cache, embedded in HTML.

A rebuild with unchanged figures takes every chart from the cache, so it never loads
matplotlib (about a second of start-up): `est_cli.render.drawing`, which imports it, is
imported only when a chart has to be drawn: on purpose, the one import this layer makes
inside a function.
"""

from __future__ import annotations

import base64
from importlib.metadata import version
from pathlib import Path
from typing import Any

from est_cli.cache import memo


def cached_trend_chart(cache: Path | None, *args: Any, **kwargs: Any) -> bytes:
    """`trend_chart(*args, **kwargs)`, kept in the workspace cache (`cache`: the workspace
    root, or None for none): the same numbers draw the same bytes, so a rebuild with
    unchanged figures need not load matplotlib at all."""

    def draw() -> bytes:
        from est_cli.render.drawing import trend_chart  # loads matplotlib: see above

        return trend_chart(*args, **kwargs)

    key = ["trend", version("matplotlib"), args, kwargs]
    return memo(cache, "charts", key, draw)


def data_uri(svg: bytes) -> str:
    """The chart as a data: URI, for a self-contained HTML <img>."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
