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
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

# Okabe–Ito: distinguishable with common colour-vision deficiencies. The first five stand out
# from the white background at 3:1 or more (WCAG 1.4.11); its light orange and sky blue come
# last. In greyscale the lines differ by marker and dash, not by shade.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
LINESTYLES = ("-", "--", "-.", ":", "-", "--", "-.")
BAR_COLOUR = "#d0d5db"
TALL = (6.0, 4.4)  # narrower, with room for a legend below: legible when a phone scales it

_RC: dict[RcKeyType, str | int | bool] = {
    "svg.hashsalt": "est",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
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


def trend_chart(
    x_labels: Sequence[str],
    lines: Sequence[tuple[str, Sequence[float | None]]],
    *,
    bars: tuple[str, Sequence[float | None]] | None = None,
    y_label: str = "",
    title: str | None = None,
) -> bytes:
    """Counts over periods: optional grey bars (e.g. the total) and one line per series.

    Lines differ by colour, marker and dash so they stay apart in greyscale print. None
    values (periods without data) leave gaps.
    """
    with _style():
        fig = Figure(figsize=TALL)
        ax = fig.add_subplot()
        x = list(range(len(x_labels)))
        if bars is not None:
            ax.bar(x, _nan(bars[1]), color=BAR_COLOUR, label=bars[0], width=0.7, zorder=1)
        for i, (name, values) in enumerate(lines):
            ax.plot(
                x,
                _nan(values),
                label=name,
                color=PALETTE[i % len(PALETTE)],
                marker=MARKERS[i % len(MARKERS)],
                linestyle=LINESTYLES[i % len(LINESTYLES)],
                linewidth=1.6,
                markersize=4,
                zorder=2,
            )
        ax.set_xticks(x, list(x_labels))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", color="#e5e7eb", linewidth=0.8, zorder=0)
        ax.set_axisbelow(True)
        if y_label:
            ax.set_ylabel(y_label)
        if title:
            ax.set_title(title, loc="left")
        if lines or bars is not None:
            # Below the plot, so the chart keeps its width when scaled down on a phone.
            fig.legend(
                loc="lower center",
                ncol=2,
                frameon=False,
                fontsize=10,
                handlelength=2.8,
            )
        n_rows = (len(lines) + (bars is not None) + 1) // 2
        fig.tight_layout(rect=(0, 0.075 * n_rows, 1, 1))
        return _svg(fig)
