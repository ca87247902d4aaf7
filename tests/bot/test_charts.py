"""Radar pictures: drawn as the whole figure would be, names as typed, by a worker that is
replaced if it dies."""

from __future__ import annotations

import io
from unittest.mock import Mock

import pytest
from matplotlib.artist import Artist
from PIL import Image

from bot.charts import model, render, worker

LABELS = ["Стратегия", "Рынок", "Финансы", "Команда"]
BOLD = model.Radar("Bold", LABELS, [90, 100, 85, 100], [80, 90, 80, 95], [95, 100, 90, 100])
FAINT = model.Radar("Faint", LABELS, [None, 10, None, 5], [0, 10, 0, 5], [100, 10, 60, 5])


def pixels(png: bytes) -> bytes:
    return Image.open(io.BytesIO(png)).convert("RGB").tobytes()


def test_chart_titles_show_names_as_typed() -> None:
    radar = model.Radar(
        title="Рога & Копыta $5 🤝 · 63",
        labels=["Стратегия", "Рынок", "Финансы"],
        values=[80, None, 40],
        lows=[80, 0, 40],
        highs=[80, 100, 40],
    )
    assert render.radar_png(radar).startswith(b"\x89PNG")
    title = render._backdrop(tuple(radar.labels)).title.get_text()
    assert title == r"Рога & Копыta \$5 · 63"


def test_a_radar_is_drawn_as_the_whole_figure_would_be() -> None:
    render._backdrop.cache_clear()
    drawn = render.radar_png(FAINT)
    backdrop = render._backdrop(tuple(LABELS))
    marks: list[Artist] = []
    render._marks(backdrop, FAINT, marks)
    canvas = backdrop.canvas
    canvas.draw()  # the whole figure, in matplotlib's own order
    whole = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    assert pixels(drawn) == whole.convert("RGB").tobytes()
    for mark in marks:
        mark.remove()


def test_a_radar_leaves_nothing_behind_for_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    render._backdrop.cache_clear()
    alone = render.radar_png(FAINT)
    ax = render._backdrop(tuple(LABELS)).ax
    kept = ax.get_children()
    render.radar_png(BOLD)
    with monkeypatch.context() as broken:
        broken.setattr(render, "_encode", Mock(side_effect=OSError("disk full")))
        with pytest.raises(OSError, match="disk full"):
            render.radar_png(BOLD)
    assert render.radar_png(FAINT) == alone
    assert render.radar_png(BOLD) != alone
    assert ax.get_children() == kept  # each radar's marks are gone once it is drawn


async def test_a_killed_drawing_worker_is_replaced_and_the_picture_still_drawn() -> None:
    radar = model.Radar("Acme · 50", ["A", "B", "C"], [50, 60, 70], [50, 60, 70], [50, 60, 70])
    assert (await worker.radar_png(radar)).startswith(b"\x89PNG")
    pool = worker._workers()
    for process in list(pool._processes.values()):  # as the kernel would, out of memory
        process.kill()
        process.join()
    assert (await worker.radar_png(radar)).startswith(b"\x89PNG")
    assert worker._workers() is not pool
