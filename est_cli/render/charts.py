"""Charts as documents use them: drawn once, kept in the workspace cache, embedded in HTML.

A rebuild with unchanged figures takes every chart from the cache, so it never loads
matplotlib (about a second of start-up): `est_cli.render.drawing`, which imports it, is
imported only when a chart has to be drawn: on purpose, the one import this layer makes
inside a function.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from est_cli.cache import memo
from est_cli.periods import IsoWeek, Month

P = ParamSpec("P")

if TYPE_CHECKING:
    from est_cli.render.drawing import trend_chart as _draw_trend
    from est_cli.render.maps import area_map as _draw_map
else:

    def _draw_trend(*args, **kwargs):
        from est_cli.render.drawing import trend_chart  # loads matplotlib: see above

        return trend_chart(*args, **kwargs)

    def _draw_map(*args, **kwargs):
        from est_cli.render.maps import area_map  # loads matplotlib: see above

        return area_map(*args, **kwargs)


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
# est_cli.render.maps.area_map, likewise
cached_area_map = _kept("map", _draw_map)

MAX_SERIES = 5  # more panels than this is more than a reader follows: the rest are grouped

Series = tuple[str, Sequence[float | None]]


def at_most(series: Sequence[Series], others: str, limit: int = MAX_SERIES) -> list[Series]:
    """`series` as they are, or the first `limit - 1` and one called `others` summing the
    rest (a period where all of the rest are None stays None)."""
    if len(series) <= limit:
        return list(series)
    kept, rest = list(series[: limit - 1]), series[limit - 1 :]
    summed: list[float | None] = []
    for values in zip(*(values for _name, values in rest), strict=True):
        known = [v for v in values if v is not None]
        summed.append(sum(known) if known else None)
    return [*kept, (others, summed)]


def trend_chart(
    cache: Path | None,
    x_labels: Sequence[str],
    lines: Sequence[Series],
    *,
    bars: Series | None,
    others: str,
) -> bytes:
    """The weekly trend chart (from the cache when it can be): at most MAX_SERIES lines."""
    return cached_trend_chart(cache, list(x_labels), at_most(lines, others), bars=bars)


def week_ticks(weeks: Sequence[IsoWeek]) -> list[str]:
    """'52\n2020', '53', '1\n2021', '2', …: the week number, with the year under the first
    week and under each week where the year changes."""
    out = []
    for i, week in enumerate(weeks):
        new_year = i == 0 or week.year != weeks[i - 1].year
        out.append(f"{week.week}\n{week.year}" if new_year else str(week.week))
    return out


def month_ticks(months: Sequence[Month], name: Callable[[int], str]) -> list[str]:
    """'M\n2020', 'A', 'M', …, 'J\n2021': each month's initial (as statistics charts write
    13 months in a phone-wide chart; three letters would overlap), with the year under the
    first month and under each January. The table beside the chart names them in full."""
    out = []
    for i, month in enumerate(months):
        initial = name(month.month)[:1].upper()
        out.append(f"{initial}\n{month.year}" if i == 0 or month.month == 1 else initial)
    return out


def svg_size(svg: bytes) -> tuple[int, int]:
    """The chart's own width and height (its viewBox, in points) for the <img> that shows
    it, so the page reserves the right space and scales it to the screen."""
    found = re.search(rb'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg)
    if found is None:
        return (0, 0)
    return (round(float(found[1])), round(float(found[2])))


def data_uri(svg: bytes) -> str:
    """The chart as a data: URI, for a self-contained HTML <img>."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
