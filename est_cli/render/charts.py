"""Charts as documents use them: drawn once, kept in the workspace cache, embedded in HTML.

A rebuild with unchanged figures takes every chart from the cache, so it never loads
matplotlib (about a second of start-up): `est_cli.render.drawing`, which imports it, is
imported only when a chart has to be drawn: on purpose, the one import this layer makes
inside a function.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from est_cli.cache import memo

P = ParamSpec("P")

if TYPE_CHECKING:
    from est_cli.render.drawing import trend_chart as _draw_trend
else:

    def _draw_trend(*args, **kwargs):
        from est_cli.render.drawing import trend_chart  # loads matplotlib: see above

        return trend_chart(*args, **kwargs)


def _kept(kind: str, draw: Callable[P, bytes]) -> Callable[Concatenate[Path | None, P], bytes]:
    """`draw`, with what it returns kept in the workspace cache (the first argument: the
    workspace root, or None for none): the same numbers draw the same bytes, so a rebuild
    with unchanged figures need not load matplotlib at all."""

    def kept(cache: Path | None, /, *args: P.args, **kwargs: P.kwargs) -> bytes:
        key = [kind, version("matplotlib"), args, kwargs]
        return memo(cache, "charts", key, lambda: draw(*args, **kwargs))

    return kept


# est_cli.render.drawing.trend_chart, from the cache when it can be
cached_trend_chart = _kept("trend", _draw_trend)


def data_uri(svg: bytes) -> str:
    """The chart as a data: URI, for a self-contained HTML <img>."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
