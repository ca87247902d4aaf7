"""Pictures people share: a radar of a partner's sections, a bar chart of the top partners.

matplotlib with the Agg backend and its object API only (no pyplot state), rendered off the
event loop by the callers. DejaVu Sans, which matplotlib ships, has Cyrillic.
"""

from __future__ import annotations

import functools
import io
import math
import threading
import unicodedata
import warnings
from dataclasses import dataclass

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes
from PIL import Image

from bot.drawing import Bar, Radar

INK = "#1f2933"
GRID = "#c9d2dc"
PAPER = "#f7f9fb"
BAND = "#9ec5f8"
LINE = "#1c64d6"
TIERS = {"A": "#1f9d55", "B": "#d69e2e", "C": "#a0aec0", "X": "#c53030", "?": "#cbd5e0"}
DPI = 144

_lock = threading.Lock()  # Agg is safe per figure, but fonts, caches and backdrops are shared


def literal(text: str) -> str:
    """Text drawn as typed: matplotlib would read `$…$` as mathematics. Emoji, which the font
    does not have and would draw as empty boxes, are left out."""
    drawable = "".join(c for c in text if unicodedata.category(c) not in {"So", "Cs", "Co"})
    return " ".join(drawable.split()).replace("$", r"\$")


@dataclass(frozen=True)
class _Backdrop:
    """What every radar with these section names shares, drawn once: the polar grid, its
    scale and the names. A radar is its marks drawn over a copy of these pixels."""

    figure: Figure
    canvas: FigureCanvasAgg
    ax: PolarAxes
    angles: list[float]
    pixels: object


@functools.lru_cache(maxsize=4)  # each language, with or without the technology section
def _backdrop(labels: tuple[str, ...]) -> _Backdrop:
    figure = Figure(figsize=(6, 6.4), dpi=DPI, facecolor=PAPER)
    canvas = FigureCanvasAgg(figure)
    ax = figure.add_subplot(projection="polar", facecolor=PAPER)
    assert isinstance(ax, PolarAxes)
    ax.set_theta_offset(math.pi / 2)  # the first section at the top, then clockwise
    ax.set_theta_direction(-1)
    angles = [2 * math.pi * i / len(labels) for i in range(len(labels))]
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100])
    ax.set_yticklabels(["25", "50", "75", "100"], color="#7b8794", fontsize=8)
    ax.set_xticks(angles)
    ax.set_xticklabels([literal(label) for label in labels], color=INK, fontsize=10.5)
    ax.tick_params(axis="x", pad=14)
    ax.grid(color=GRID, linewidth=0.8)
    ax.spines["polar"].set_color(GRID)
    ax.set_title("·", color=INK, fontsize=15, fontweight="bold", pad=22)
    ax.title.set_alpha(0)  # placed above the names by this draw, but drawn by each radar
    figure.subplots_adjust(left=0.12, right=0.88, top=0.84, bottom=0.08)  # fixed: no relayout
    canvas.draw()
    ax.title.set_alpha(None)
    return _Backdrop(figure, canvas, ax, angles, canvas.copy_from_bbox(figure.bbox))


def prepare(labels: tuple[str, ...]) -> None:
    """Draw the backdrop for these section names now, so that the first radar is quick."""
    with _lock:
        _backdrop(labels)


def radar_png(radar: Radar) -> bytes:
    """The radar as PNG bytes: the title, the band the unknowns leave open, the scores."""
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph … missing from font"
        drawn = _backdrop(tuple(radar.labels))
        ax, angles = drawn.ax, drawn.angles
        closed = [*angles, angles[0]]
        # A section with no answers sits mid-band, as the headline score counts it; no dot.
        values = [
            v if v is not None else (lo + hi) / 2
            for v, lo, hi in zip(radar.values, radar.lows, radar.highs, strict=True)
        ]
        marks: list[Artist] = []
        try:
            band = ax.fill_between(
                closed,
                [*radar.lows, radar.lows[0]],
                [*radar.highs, radar.highs[0]],
                color=BAND,
                alpha=0.45,
                linewidth=0,
            )
            marks += [band, *ax.plot(closed, [*values, values[0]], color=LINE, linewidth=2.4)]
            dots = ax.scatter(
                [a for a, v in zip(angles, radar.values, strict=True) if v is not None],
                [v for v in radar.values if v is not None],
                color=LINE,
                s=28,
            )
            marks.append(dots)
            ax.title.set_text(literal(radar.title))
            drawn.canvas.restore_region(drawn.pixels)
            for mark in [*marks, ax.title]:
                ax.draw_artist(mark)
            return _encode(drawn.canvas)
        finally:  # the backdrop is left as it was, for the next radar
            for mark in marks:
                mark.remove()


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
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph … missing from font"
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        return _encode(canvas)


def _encode(canvas: FigureCanvasAgg) -> bytes:
    """Light compression: a third of the time of matplotlib's default, a tenth more bytes
    (Telegram recompresses photos anyway)."""
    buffer = io.BytesIO()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    image.convert("RGB").save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
