"""A longlist made up for the report's tests and the benchmark: partners scored as the card
scores them, ranked as the ranking ranks them."""

from __future__ import annotations

import random
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bot.services.report import Assessed, ReportData
from bot.services.scoring import default_weights
from questionnaire.model import Questionnaire
from questionnaire.ranking import rank
from questionnaire.scoring import score_partner
from storage.models import STATUS_KINDS, Listed, Partner, Workspace

NAMES = ["Вектор", "Альфа-Трейд", "Globex", "Северный ветер", "Acme & Co", "Ромашка"]
MOMENT = datetime(2026, 12, 3, 22, 30, tzinfo=UTC)
"""Late on the 3rd in UTC: already the 4th in Moscow."""


def longlist(questionnaire: Questionnaire, count: int, seed: int = 7) -> ReportData:
    """`count` partners with random answers (some blocked, some with too little data)."""
    pick = random.Random(seed)
    weights = default_weights(questionnaire)
    workspace = Workspace(1, -4001, "group", "Отдел продаж", lang="ru")
    assessed = {}
    for n in range(1, count + 1):
        technology = pick.random() < 0.4
        asked = questionnaire.applicable(technology)
        answered = pick.choice([1.0, 1.0, 0.9, 0.5])  # a share of the questions answered
        ratings = {
            q.id: pick.choice([1, 2, 3, 4, 4, 5, 5, None] if n % 7 else [2, 3, 4, 5, None])
            for q in asked
            if pick.random() < answered
        }
        card = score_partner(questionnaire, ratings, technology=technology, weights=weights)
        name = f"{NAMES[n % len(NAMES)]} {n}"
        partner = Partner(n, 1, name, technology, MOMENT, card.summary())
        status = (*STATUS_KINDS, None)[n % 5]  # each decision, and none
        assessed[n] = Assessed(partner, card, 1 + n % 4, status)
    ranked = rank(
        ((Listed(p.partner.id, p.partner.name, p.card.summary()), p.card.summary())
         for p in assessed.values()),
        name=lambda listed: listed.name,
    )  # fmt: skip
    return ReportData(workspace, weights, ranked, assessed, 0)


def pdf_text(pdf: bytes, folder: Path) -> str | None:
    """The PDF's text as poppler's pdftotext reads it (laid out); None without pdftotext."""
    if shutil.which("pdftotext") is None:
        return None
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: bytes, folder: Path) -> list[Path] | None:
    """Each page as a PNG (poppler's pdftoppm, 50 dpi), to look at; None without pdftoppm."""
    if shutil.which("pdftoppm") is None:
        return None
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


NO_POPPLER = "poppler-utils is not installed (pdftotext, pdftoppm): .ci/run installs it"
