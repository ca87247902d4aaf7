"""Worker processes spawned without the bot's main module.

multiprocessing's spawn runs `__main__` again in each new process so that what it defines can
be unpickled there: a script such as bench/bench.py or pytest's, with aiogram and everything else
they import, before the worker does anything. (`python -m bot` is spared only because spawn skips
a package's `__main__`.) A drawing worker needs none of it: it starts from `bot.charts.draw`.
This module is what the new process unpickles to start, so it imports nothing more.
"""

from __future__ import annotations

import contextlib
import sys
import types
from collections.abc import Iterator
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import Any


@contextlib.contextmanager
def _no_main() -> Iterator[None]:
    """While a process is spawned: a main module with no file and no name, which spawn does not
    run again. (Only the few lines that start a process run in between.)"""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


class _Process(SpawnProcess):
    @staticmethod
    def _Popen(process_obj: Any) -> Any:
        with _no_main():
            return SpawnProcess._Popen(process_obj)


class WithoutMain(SpawnContext):
    """The spawn context, but the new process does not run the parent's main module."""

    Process = _Process
