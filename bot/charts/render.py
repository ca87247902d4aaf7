"""Pictures people share: a radar of a partner's sections, a bar chart of the top partners.

matplotlib with the Agg backend and its object API only (no pyplot state), rendered off the
event loop by the callers. DejaVu Sans, which matplotlib ships, has Cyrillic.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import threading
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text
from PIL import Image

from bot.charts.model import Bar, Radar

INK = "#1f2933"
GRID = "#c9d2dc"
PAPER = "#f7f9fb"
BAND = "#9ec5f8"
LINE = "#1c64d6"
TIERS = {"A": "#1f9d55", "B": "#d69e2e", "C": "#a0aec0", "X": "#c53030", "?": "#cbd5e0"}
HATCHES = {"A": "", "B": "////", "C": "..", "X": "xxx", "?": ""}
"""Each tier's hatching, where a print in black and white must tell them apart."""
DPI = 144

_lock = threading.Lock()


def literal(text: str) -> str:
    """Text drawn as typed: matplotlib would read `$…$` as mathematics. Emoji, which the font
    does not have and would draw as empty boxes, are left out."""
    drawable = "".join(c for c in text if unicodedata.category(c) not in {"So", "Cs", "Co"})
    return " ".join(drawable.split()).replace("$", r"\$")


@dataclass(frozen=True)
class _Backdrop:
    """What every radar with these section names shares, drawn once: the paper and the
    section names. A radar is its marks and the grid drawn over a copy of these pixels, in the
    order the whole figure would be drawn in, in a third of the time."""

    canvas: FigureCanvasAgg
    ax: PolarAxes
    angles: list[float]
    grid: list[Artist]
    """The rings, spokes and scale, which go over the band and under the line."""
    outline: Artist
    """The outer ring, over the line."""
    title: Text
    pixels: object


@functools.lru_cache(maxsize=8)  # each language, with or without the technology section
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
    title = figure.text(0.5, 0.93, "", color=INK, fontsize=15, fontweight="bold", ha="center")
    figure.subplots_adjust(left=0.12, right=0.88, top=0.84, bottom=0.08)  # fixed: no relayout
    grid: list[Artist] = [tick.gridline for tick in ax.xaxis.get_major_ticks()]
    for tick in ax.yaxis.get_major_ticks():
        grid += [tick.gridline, tick.label1]
    outline = ax.spines["polar"]
    for artist in [*grid, outline]:
        artist.set_visible(False)
    canvas.draw()
    for artist in [*grid, outline]:
        artist.set_visible(True)
    pixels = canvas.copy_from_bbox(figure.bbox)
    return _Backdrop(canvas, ax, angles, grid, outline, title, pixels)


def _marks(drawn: _Backdrop, radar: Radar, marks: list[Artist]) -> None:
    """Add the radar's band, line and dots to the axes, and to `marks` as each is made; title
    it."""
    ax, angles = drawn.ax, drawn.angles
    closed = [*angles, angles[0]]
    marks.append(
        ax.fill_between(
            closed,
            [*radar.lows, radar.lows[0]],
            [*radar.highs, radar.highs[0]],
            color=BAND,
            alpha=0.45,
            linewidth=0,
        )
    )
    # A section with no answers sits mid-band, as the headline score counts it; no dot.
    values = [
        v if v is not None else (lo + hi) / 2
        for v, lo, hi in zip(radar.values, radar.lows, radar.highs, strict=True)
    ]
    marks += ax.plot(closed, [*values, values[0]], color=LINE, linewidth=2.4)
    known = [(a, v) for a, v in zip(angles, radar.values, strict=True) if v is not None]
    dots = ax.scatter([a for a, _ in known], [v for _, v in known], color=LINE, s=28, zorder=3)
    marks.append(dots)
    drawn.title.set_text(literal(radar.title))


@contextlib.contextmanager
def _drawing() -> Iterator[None]:
    """One picture at a time: Agg is safe per figure, but fonts, caches and the backdrops are
    shared. Characters the font lacks (emoji) are left out quietly."""
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph … missing from font"
        yield


def prepare(labels: tuple[str, ...]) -> None:
    """Draw the backdrop for these section names now, so that the first radar is quick."""
    with _drawing():
        _backdrop(labels)


def radar_png(radar: Radar) -> bytes:
    """The radar as PNG bytes: the title, the band the unknowns leave open, the scores."""
    with _drawing():
        drawn = _backdrop(tuple(radar.labels))
        marks: list[Artist] = []
        try:
            _marks(drawn, radar, marks)
            band, line, dots = marks
            drawn.canvas.restore_region(drawn.pixels)
            # In the order of their layers (zorder), as drawing the whole figure would.
            for artist in [band, *drawn.grid, line, drawn.outline, dots, drawn.title]:
                drawn.ax.draw_artist(artist)
            return _encode(drawn.canvas)
        finally:  # the backdrop is left as it was, for the next radar
            for mark in marks:
                mark.remove()


def ranking_figure(title: str, bars: list[Bar]) -> Figure:
    height = 1.2 + 0.42 * max(len(bars), 1)
    figure = Figure(figsize=(7, height), dpi=DPI, facecolor=PAPER)
    ax = figure.add_subplot(facecolor=PAPER)
    draw_bars(ax, bars)
    ax.set_title(literal(title), color=INK, fontsize=14, fontweight="bold", loc="left")
    figure.set_layout_engine("tight")  # names differ in length: fit them
    return figure


def draw_bars(
    ax: Axes, bars: list[Bar], *, hatched: bool = False, size: float = 11, name_limit: int = 0
) -> None:
    """The top partners as bars of their score, in their tier's colour, with the band the
    unknowns leave open and "63  B" after each; `hatched`: each tier's hatching too, so that a
    black-and-white print tells them apart (the report's PDF). Names are cut to `name_limit`
    characters (0: never)."""
    rows = list(range(len(bars)))[::-1]
    drawn = ax.barh(
        rows,
        [b.score for b in bars],
        color=[TIERS.get(b.tier, TIERS["?"]) for b in bars],
        height=0.62,
        edgecolor=INK if hatched else "none",
        linewidth=0.5 if hatched else 0,
    )
    if hatched:
        for patch, bar in zip(drawn.patches, bars, strict=True):
            patch.set_hatch(HATCHES.get(bar.tier, ""))
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
        ax.text(
            max(bar.score, bar.high) + 2, row, label, va="center", color=INK, fontsize=size - 1
        )
    names = [literal(b.name) for b in bars]
    if name_limit:
        names = [n if len(n) <= name_limit else n[: name_limit - 1].rstrip() + "…" for n in names]
    ax.set_yticks(rows)
    ax.set_yticklabels(names, color=INK, fontsize=size)
    ax.set_xlim(0, 116)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.tick_params(colors=INK, labelsize=size - 1)
    ax.tick_params(axis="y", labelsize=size)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes."""
    with _drawing():
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
