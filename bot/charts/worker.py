"""Pictures are drawn in a process of their own, so drawing never holds up the bot.

matplotlib holds Python's lock while it draws; in a thread it would still slow every other
update. One worker process draws while the bot's process goes on answering. The worker imports
matplotlib (through `bot.charts.render`) once, on the first picture: that import is inside the
functions the worker runs, so the bot's own process never loads matplotlib.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from bot.charts.model import Bar, Radar

log = logging.getLogger(__name__)

_pool: ProcessPoolExecutor | None = None


def _radar_png(radar: Radar) -> bytes:
    from bot.charts import render  # in the worker only (see the module's docstring)

    return render.radar_png(radar)


def _ranking_png(title: str, bars: list[Bar]) -> bytes:
    from bot.charts import render

    return render.png(render.ranking_figure(title, bars))


def _workers() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:  # one per bot process, shared by everything in it
        _pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_outlive_nobody,
            initargs=(os.getpid(),),
        )
    return _pool


def _outlive_nobody(parent: int) -> None:
    """In the worker: exit once the bot's process is gone, even killed with SIGKILL (which
    gives it no chance to stop the worker), rather than linger for ever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def warm_up(radar_labels: Iterable[Sequence[str]]) -> Future[None]:
    """Start the worker, load matplotlib in it and draw the radars' backdrops for these sets
    of section names now, so that the first picture is quick. (A worker started again after
    a crash draws them when first needed.)"""
    loaded = _workers().submit(_load, [tuple(labels) for labels in radar_labels])
    loaded.add_done_callback(_log_failure)
    return loaded


def _log_failure(loaded: Future[None]) -> None:
    if not loaded.cancelled() and (error := loaded.exception()) is not None:
        log.warning("the drawing worker could not get ready: %r", error)


def _load(radar_labels: list[tuple[str, ...]]) -> None:
    from bot.charts import render

    for labels in radar_labels:
        render.prepare(labels)


async def radar_png(radar: Radar) -> bytes:
    return await _draw(_radar_png, radar)


async def ranking_png(title: str, bars: list[Bar]) -> bytes:
    return await _draw(_ranking_png, title, bars)


async def _draw(draw: Callable[..., bytes], *args: Any) -> bytes:
    global _pool
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_workers(), draw, *args)
    except BrokenProcessPool:  # the worker was killed (out of memory, say): start another
        log.warning("the drawing worker died; starting a new one")
        if _pool is not None:
            _pool.shutdown(wait=False)
            _pool = None
        return await loop.run_in_executor(_workers(), draw, *args)
