"""The drawing worker starts from bot.charts.draw alone: whatever the main module imported
(aiogram, the database, the handlers), the worker imports none of it, pictures and reports
made."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAIN = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
import asyncio, multiprocessing
from concurrent.futures import ProcessPoolExecutor

import aiogram  # as `python -m bot`, bench/bench.py and pytest's main module hold it
from bot.charts import draw, model, report, worker
from bot.render.texts import Texts
from questionnaire.loader import load_questionnaire
from tests.bot.reports import MOMENT, longlist

if __name__ == "__main__":
    questionnaire = load_questionnaire()
    made = report.report(Texts()("ru"), longlist(questionnaire, 5), questionnaire, MOMENT)
    worker.warm_up([["Раз", "Два", "Три"]]).result()
    names = ["Раз", "Два", "Три"]
    radar = model.Radar("Вектор", names, [50.0, None, 75.0], [40.0] * 3, [90.0] * 3)
    asyncio.run(worker.radar_png(radar))
    pdf, xlsx = asyncio.run(worker.report_files(made))  # in the reports' own worker
    _, reports = worker._reports.get().submit(draw.inside).result()
    worker._workers().submit(draw.report_files, made).result()  # what a report imports
    _, ours = worker.inside().result()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as plain:
        _, plain_spawn = plain.submit(draw.inside).result()
    found = {{"ours": ours, "reports": reports, "plain": plain_spawn}}
    print(json.dumps({{**found, "pdf": len(pdf), "xlsx": len(xlsx)}}))
"""
NOT_IN_THE_WORKER = (
    "aiogram", "aiosqlite", "aiohttp", "jinja2", "bot.handlers", "bot.telegram", "bot.services",
    "bot.render", "storage", "questionnaire", "tests",
)  # fmt: skip
"""What the main module imported and the worker must not: the main module was not run again."""


def test_the_worker_imports_no_aiogram_whatever_the_main_module_holds(tmp_path: Path) -> None:
    script = tmp_path / "main_with_aiogram.py"
    script.write_text(MAIN)
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=240, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.splitlines()[-1])
    assert found["pdf"] > 0
    assert found["xlsx"] > 0
    ours = set(found["ours"])
    assert {"bot.charts.draw", "matplotlib", "openpyxl", "bot.charts.pdf"} <= ours
    assert not {m for m in ours if m.startswith(NOT_IN_THE_WORKER)}
    assert "bot.charts.draw" in found["reports"]
    assert not {m for m in found["reports"] if m.startswith(NOT_IN_THE_WORKER)}
    # multiprocessing's own spawn runs the main module again in the worker, aiogram and all:
    # what this test would see if the worker were started that way.
    assert "aiogram" in found["plain"]
