"""A page of the report's PDF, in points from its bottom left corner as print measures it;
its words drawn by one artist (matplotlib; in the drawing worker only)."""

from __future__ import annotations

import functools
import unicodedata
import warnings
from typing import cast

from matplotlib.artist import Artist
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle

WIDTH, HEIGHT = 595.28, 841.89
"""A4 in points."""
BODY = 7.5
INK = "#111111"


class Page:
    """A page in points from its bottom left corner, as print measures it. Its words are
    drawn by one artist (`Words`), not a matplotlib Text each: a long list has thousands of
    cells, and a Text's own layout costs more than drawing it."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.words = Words()
        figure.add_artist(self.words)

    def text(self, x: float, y: float, text: str, size: float = BODY, **style: str) -> None:
        self.words.add(x, y, drawable(text), size, style)

    def box(self, x: float, y: float, w: float, h: float, **style: object) -> None:
        box = Rectangle((x / WIDTH, y / HEIGHT), w / WIDTH, h / HEIGHT, **style)  # type: ignore[arg-type]
        box.set_zorder(0)  # under the words
        self.figure.add_artist(box)


class Words(Artist):
    """Text at points on the page: (x, y, text, size, style) with style's color, weight and ha
    ("right": x is where the text ends)."""

    def __init__(self) -> None:
        super().__init__()
        self.set_zorder(1)
        self.items: list[tuple[float, float, str, float, dict[str, str]]] = []

    def add(self, x: float, y: float, text: str, size: float, style: dict[str, str]) -> None:
        if text:
            self.items.append((x, y, text, size, style))

    def draw(self, renderer: RendererBase) -> None:
        scale = cast(float, renderer.points_to_pixels(1.0))  # 1 in a PDF; right for any renderer
        gc = renderer.new_gc()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a glyph the font lacks is left out
            for x, y, text, size, style in self.items:
                prop = _font(size, style.get("weight", "normal"))
                gc.set_foreground(style.get("color", INK))
                if style.get("ha") == "right":
                    x -= _width(renderer, text, prop) / scale
                renderer.draw_text(gc, x * scale, y * scale, text, prop, 0.0)
        gc.restore()


_widths_seen: dict[tuple[str, float, str], float] = {}


def _width(renderer: RendererBase, text: str, prop: FontProperties) -> float:
    """The text's width as the renderer lays it out; a list's numbers repeat, so each is
    measured once."""
    key = (text, prop.get_size_in_points(), str(prop.get_weight()))
    if (width := _widths_seen.get(key)) is None:
        if len(_widths_seen) > 10_000:
            _widths_seen.clear()
        width, _, _ = renderer.get_text_width_height_descent(text, prop, ismath=False)
        _widths_seen[key] = width
    return width


@functools.lru_cache(maxsize=64)
def _font(size: float, weight: str) -> FontProperties:
    return FontProperties(family="DejaVu Sans", size=size, weight=weight)


def drawable(text: str) -> str:
    """Text as typed, on one line, without the emoji the font does not have (drawn as
    nothing, not as empty boxes)."""
    kept = "".join(c for c in text if unicodedata.category(c) not in {"So", "Cs", "Co"})
    return " ".join(kept.split())
