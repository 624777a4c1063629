"""Charts as inline SVG, drawn by matplotlib, so that an HTML report needs no network.

Text is drawn as paths (no font files), the SVG metadata block is dropped and ids are salted
with a constant so the same figures give the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402

plt.rcParams.update(
    {
        "svg.fonttype": "path",
        "svg.hashsalt": "review_miner",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)

PALETTE = ("#3b6ea8", "#e0a63a", "#5a9e6f", "#b85450", "#7d6ca8")


def _svg(figure: plt.Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # the XML prologue and DOCTYPE are not valid inside HTML
    return re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)


def bar_chart(labels: Sequence[str], values: Sequence[float], xlabel: str) -> str:
    """A horizontal bar chart, largest at the top, as an SVG string."""
    pairs = sorted(zip(values, labels, strict=True))
    figure, axes = plt.subplots(figsize=(7, 0.28 * len(pairs) + 0.8))
    axes.barh([label for _, label in pairs], [value for value, _ in pairs], color=PALETTE[0])
    for y, (value, _) in enumerate(pairs):
        axes.text(value, y, f" {value:g}", va="center", fontsize=8)
    axes.set_xlabel(xlabel)
    axes.margins(x=0.12)
    return _svg(figure)


def stacked_bars(groups: Sequence[str], series: dict[str, Sequence[float]], ylabel: str) -> str:
    """Vertical stacked bars, one bar per group, one colour per series, as an SVG string."""
    figure, axes = plt.subplots(figsize=(max(4.0, 0.7 * len(groups) + 2), 3.2))
    bottom = [0.0] * len(groups)
    for colour, (name, values) in zip(PALETTE, series.items(), strict=False):
        axes.bar(groups, values, bottom=bottom, label=name, color=colour)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_ylabel(ylabel)
    axes.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    axes.tick_params(axis="x", labelrotation=45)
    return _svg(figure)
