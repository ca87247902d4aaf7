"""The drawing worker's side: what it runs, and all it imports.

The worker process is spawned with nothing of the bot's main module (see `worker.py`), so it
imports this module, the plain data it is sent (`model`), and what drawing needs: matplotlib
when it gets ready, openpyxl and the PDF backend with the first report. Never aiogram, the
database or the handlers (a test checks it).
"""

from __future__ import annotations

import os
import sys
import threading
import time

from bot.charts.model import Bar, Radar, Report


def start(parent: int) -> None:
    """The worker's initializer: exit once the bot's process is gone, even killed with
    SIGKILL (which gives it no chance to stop the worker), rather than linger for ever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def load(radar_labels: list[tuple[str, ...]]) -> None:
    """Load matplotlib and draw the radars' backdrops for these sets of section names."""
    from bot.charts import render

    for labels in radar_labels:
        render.prepare(labels)


def radar_png(radar: Radar) -> bytes:
    from bot.charts import render

    return render.radar_png(radar)


def ranking_png(title: str, bars: list[Bar]) -> bytes:
    from bot.charts import render

    return render.png(render.ranking_figure(title, bars))


def report_files(report: Report) -> tuple[bytes, bytes]:
    """The report's PDF and XLSX."""
    from bot.charts import pdf, xlsx

    return pdf.report_pdf(report), xlsx.report_xlsx(report)


def inside() -> tuple[int, list[str]]:
    """The worker's process id and every module it has imported (for a test and the
    benchmark)."""
    return os.getpid(), sorted(sys.modules)
