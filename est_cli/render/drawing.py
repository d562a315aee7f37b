"""Charts drawn with matplotlib, reproducible byte for byte.

SVG output with a fixed hash salt (stable element ids), no date in the metadata, the
bundled DejaVu Sans font drawn as paths and fixed sizes: the same figures always give the
same file, so committed reports only change when their numbers do. No pyplot: figures are
built directly with the `Figure` API, so no global backend state is touched. Documents
take their charts through `est_cli.render.charts`, which draws only what is not cached.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

# Both at least 3:1 against white (WCAG's contrast for graphics); the blue is Okabe–Ito's,
# distinguishable with common colour-vision deficiencies and dark in greyscale print.
BAR_COLOUR = "#7b8591"
LINE_COLOUR = "#0072B2"
# A narrow chart, one panel per series: a phone shows it at about its own width (360 of
# the 366 px a 390 px screen leaves), so 16-point text stays the size of the body text.
WIDTH = 5.0  # inches, 360 pt
FONT = 16
BARS_HEIGHT = 1.9  # inches: the panel of the total
LINE_HEIGHT = 1.2  # inches: each series' panel
AXIS_HEIGHT = 0.75  # inches: the week labels under the last panel

_RC: dict[RcKeyType, str | int | float | bool] = {
    "svg.hashsalt": "est",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": FONT,
    "axes.titlesize": FONT,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": FONT,
    "ytick.labelsize": FONT,
    "path.simplify": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
}


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(_RC):
        yield


def _svg(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "est"})
    return buf.getvalue()


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def _last(ax: Axes, x: Sequence[int], values: Sequence[float | None], dy: float = 0) -> None:
    """This week's value written beside its point: read without the table."""
    if values and values[-1] is not None:
        ax.annotate(
            f"{values[-1]:.0f}",
            (x[-1], float(values[-1])),
            xytext=(7, dy),
            textcoords="offset points",
            va="center",
            fontweight="bold",
            annotation_clip=False,
        )


def _top(values: Sequence[float | None]) -> float:
    """The top of a panel's scale: room above the highest value for its label."""
    return max([float(v) for v in values if v is not None] + [1.0]) * 1.18


def trend_chart(
    x_labels: Sequence[str],
    lines: Sequence[tuple[str, Sequence[float | None]]],
    *,
    bars: tuple[str, Sequence[float | None]] | None = None,
) -> bytes:
    """Counts over periods: a panel of grey bars (e.g. the total), then one panel per series.

    Every panel is titled with its series' name, so no legend is needed and long names fit;
    the series' panels share one scale, so their heights compare. None values (periods
    without data) leave gaps. `x_labels` may hold a second line (the year where it changes).
    """
    panels = ([bars] if bars is not None else []) + list(lines)
    heights = [
        BARS_HEIGHT if bars is not None and i == 0 else LINE_HEIGHT for i in range(len(panels))
    ]
    with _style():
        fig = Figure(figsize=(WIDTH, sum(heights) + AXIS_HEIGHT))
        if not panels:
            return _svg(fig)
        grid = fig.add_gridspec(len(panels), 1, height_ratios=heights)
        x = list(range(len(x_labels)))
        axes: list[Axes] = []
        shared: Axes | None = None
        for i, (name, values) in enumerate(panels):
            is_bars = bars is not None and i == 0
            ax = fig.add_subplot(
                grid[i], sharex=axes[0] if axes else None, sharey=None if is_bars else shared
            )
            if is_bars:
                ax.bar(x, _nan(values), color=BAR_COLOUR, width=0.7, zorder=1)
            else:
                shared = shared or ax
                ax.plot(x, _nan(values), color=LINE_COLOUR, marker="o", linewidth=2, markersize=5)
            _last(ax, x, values, dy=6 if is_bars else 0)
            ax.set_title(name)
            ax.yaxis.set_major_locator(
                MaxNLocator(nbins=3 if is_bars else 2, integer=True, steps=[1, 2, 5, 10])
            )
            ax.grid(axis="y", color="#e5e7eb", linewidth=0.8, zorder=0)
            ax.set_axisbelow(True)
            ax.tick_params(labelbottom=False, length=3)
            axes.append(ax)
        top = _top([v for _name, values in lines for v in values])
        for i, ax in enumerate(axes):
            is_bars = bars is not None and i == 0
            ax.set_ylim(0, _top(bars[1]) if bars is not None and is_bars else top)
        axes[-1].set_xticks(x, list(x_labels))
        axes[-1].tick_params(labelbottom=True)
        axes[-1].set_xlim(-0.5, len(x) - 0.5)
        fig.tight_layout(h_pad=0.6)
        return _svg(fig)
