"""Pictures people share: a radar of a partner's sections, a bar chart of the top partners.

matplotlib with the Agg backend and its object API only (no pyplot state), rendered off the
event loop by the callers. DejaVu Sans, which matplotlib ships, has Cyrillic.
"""

from __future__ import annotations

import io
import math
import threading
import unicodedata
import warnings

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes

from bot.drawing import Bar, Radar

INK = "#1f2933"
GRID = "#c9d2dc"
PAPER = "#f7f9fb"
BAND = "#9ec5f8"
LINE = "#1c64d6"
TIERS = {"A": "#1f9d55", "B": "#d69e2e", "C": "#a0aec0", "X": "#c53030", "?": "#cbd5e0"}
DPI = 144

_lock = threading.Lock()  # Agg is safe per figure, but fonts and caches are shared


def literal(text: str) -> str:
    """Text drawn as typed: matplotlib would read `$…$` as mathematics. Emoji, which the font
    does not have and would draw as empty boxes, are left out."""
    drawable = "".join(c for c in text if unicodedata.category(c) not in {"So", "Cs", "Co"})
    return " ".join(drawable.split()).replace("$", r"\$")


def radar_figure(radar: Radar) -> Figure:
    figure = Figure(figsize=(6, 6.4), dpi=DPI, facecolor=PAPER)
    ax = figure.add_subplot(projection="polar", facecolor=PAPER)
    assert isinstance(ax, PolarAxes)
    ax.set_theta_offset(math.pi / 2)  # the first section at the top, then clockwise
    ax.set_theta_direction(-1)
    n = len(radar.labels)
    angles = [2 * math.pi * i / n for i in range(n)]
    closed = [*angles, angles[0]]
    ax.fill_between(
        closed,
        [*radar.lows, radar.lows[0]],
        [*radar.highs, radar.highs[0]],
        color=BAND,
        alpha=0.45,
        linewidth=0,
    )
    # A section with no answers sits mid-band, as the headline score counts it; no dot.
    values = [
        v if v is not None else (lo + hi) / 2
        for v, lo, hi in zip(radar.values, radar.lows, radar.highs, strict=True)
    ]
    ax.plot(closed, [*values, values[0]], color=LINE, linewidth=2.4)
    ax.scatter(
        [a for a, v in zip(angles, radar.values, strict=True) if v is not None],
        [v for v in radar.values if v is not None],
        color=LINE,
        s=28,
        zorder=3,
    )
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100])
    ax.set_yticklabels(["25", "50", "75", "100"], color="#7b8794", fontsize=8)
    ax.set_xticks(angles)
    ax.set_xticklabels([literal(label) for label in radar.labels], color=INK, fontsize=10.5)
    ax.tick_params(axis="x", pad=14)
    ax.grid(color=GRID, linewidth=0.8)
    ax.spines["polar"].set_color(GRID)
    ax.set_title(literal(radar.title), color=INK, fontsize=15, fontweight="bold", pad=22)
    figure.subplots_adjust(left=0.12, right=0.88, top=0.84, bottom=0.08)  # fixed: no relayout
    return figure


def ranking_figure(title: str, bars: list[Bar]) -> Figure:
    height = 1.2 + 0.42 * max(len(bars), 1)
    figure = Figure(figsize=(7, height), dpi=DPI, facecolor=PAPER)
    ax = figure.add_subplot(facecolor=PAPER)
    rows = list(range(len(bars)))[::-1]
    ax.barh(
        rows,
        [b.score for b in bars],
        color=[TIERS.get(b.tier, TIERS["?"]) for b in bars],
        height=0.62,
    )
    ax.errorbar(
        [b.score for b in bars],
        rows,
        xerr=[[b.score - b.low for b in bars], [b.high - b.score for b in bars]],
        fmt="none",
        ecolor=INK,
        elinewidth=1,
        capsize=3,
        alpha=0.6,
    )
    for row, bar in zip(rows, bars, strict=True):
        label = f"{round(bar.score)}  {bar.tier}"
        ax.text(max(bar.score, bar.high) + 2, row, label, va="center", color=INK, fontsize=10)
    ax.set_yticks(rows)
    ax.set_yticklabels([literal(b.name) for b in bars], color=INK, fontsize=11)
    ax.set_xlim(0, 116)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.tick_params(colors=INK)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title(literal(title), color=INK, fontsize=14, fontweight="bold", loc="left")
    figure.set_layout_engine("tight")  # names differ in length: fit them
    return figure


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes; characters the font lacks (emoji) are left out quietly."""
    buffer = io.BytesIO()
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph … missing from font"
        FigureCanvasAgg(figure)
        figure.savefig(buffer, format="png", facecolor=figure.get_facecolor())
    return buffer.getvalue()
