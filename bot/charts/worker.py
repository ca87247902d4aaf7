"""Pictures and reports are made in a process of their own, so that making them never holds up
the bot.

matplotlib holds Python's lock while it draws; in a thread it would still slow every other
update. One worker process draws the pictures while the bot's process goes on answering; a
report, seconds of work for a long list, is made in a second one, so that no card waits behind
it. What the workers run is in `bot.charts.draw`, which imports matplotlib (through
`bot.charts.render`) only inside its functions, so the bot's own process never loads it.

The workers are spawned without the bot's main module (`spawn.WithoutMain`).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from bot.charts import draw
from bot.charts.model import Bar, Radar, Report
from bot.charts.spawn import WithoutMain

log = logging.getLogger(__name__)

R = TypeVar("R")


class _Pool:
    """A worker process of ours, started when first needed, and again after a crash."""

    def __init__(self, tasks_per_process: int | None = None) -> None:
        self.tasks_per_process = tasks_per_process
        self.executor: ProcessPoolExecutor | None = None

    def get(self) -> ProcessPoolExecutor:
        if self.executor is None:  # one per bot process, shared by everything in it
            self.executor = ProcessPoolExecutor(
                max_workers=1,
                mp_context=WithoutMain(),
                initializer=draw.start,
                initargs=(os.getpid(),),
                max_tasks_per_child=self.tasks_per_process,
            )
        return self.executor

    async def run(self, make: Callable[..., R], *args: Any) -> R:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self.get(), make, *args)
        except BrokenProcessPool:  # the worker was killed (out of memory, say): start another
            log.warning("a drawing worker died; starting a new one")
            if self.executor is not None:
                self.executor.shutdown(wait=False)
                self.executor = None
            return await loop.run_in_executor(self.get(), make, *args)


_pictures = _Pool()
"""Radars and bar charts: a process kept ready, matplotlib loaded and backdrops drawn."""
_reports = _Pool(tasks_per_process=1)
"""Reports, seconds each for a long list: a process of their own, so that no card's picture
waits behind one, and a new one each time, so that what a report needed is not kept."""


def _workers() -> ProcessPoolExecutor:
    return _pictures.get()


def warm_up(radar_labels: Iterable[Sequence[str]]) -> Future[None]:
    """Start the worker, load matplotlib in it and draw the radars' backdrops for these sets
    of section names now, so that the first picture is quick. (A worker started again after
    a crash draws them when first needed.)"""
    loaded = _workers().submit(draw.load, [tuple(labels) for labels in radar_labels])
    loaded.add_done_callback(_log_failure)
    return loaded


def _log_failure(loaded: Future[None]) -> None:
    if not loaded.cancelled() and (error := loaded.exception()) is not None:
        log.warning("the drawing worker could not get ready: %r", error)


def inside() -> Future[tuple[int, list[str]]]:
    """The worker's process id and the modules it has imported (for a test and the benchmark)."""
    return _workers().submit(draw.inside)


async def radar_png(radar: Radar) -> bytes:
    return await _pictures.run(draw.radar_png, radar)


async def ranking_png(title: str, bars: list[Bar]) -> bytes:
    return await _pictures.run(draw.ranking_png, title, bars)


async def report_files(report: Report) -> tuple[bytes, bytes]:
    """The report's (PDF, XLSX)."""
    return await _reports.run(draw.report_files, report)
