"""A longlist made up for the report's tests and the benchmark: partners assessed by up to four
people, some disagreements settled (one changed since), notes, decisions and two weights
changes; scored as the card scores them, ranked as the ranking ranks them."""

from __future__ import annotations

import random
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bot.services.model import Sheets
from bot.services.report import Assessed, ReportData, firm_places
from bot.services.scoring import default_weights
from questionnaire.model import Questionnaire
from questionnaire.ranking import rank
from questionnaire.robustness import Firmness
from questionnaire.scoring import score_partner
from questionnaire.team import combine, settle, state_of
from storage.models import (
    STATUS_KINDS,
    Assessment,
    Listed,
    Note,
    Partner,
    Settlement,
    Status,
    WeightChange,
    Workspace,
)

NAMES = ["Вектор", "Альфа-Трейд", "Globex", "Северный ветер", "Acme & Co", "Ромашка"]
PEOPLE = ["Анна", "Борис", "Вера", "Глеб"]
MOMENT = datetime(2026, 12, 3, 22, 30, tzinfo=UTC)
"""Late on the 3rd in UTC: already the 4th in Moscow."""
SETTLED_AT = datetime(2026, 12, 3, 9, 15, tzinfo=UTC)
"""12:15 in Moscow."""
NOTE = "Слышал от знакомых в X5 <b>про задержки</b>"


def history(questionnaire: Questionnaire) -> tuple[WeightChange, ...]:
    """Вера moved Право 5 → 1 (Стратегия 15 → 19) on the 1st, then Рынок 15 → 20 (Маркетинг
    8 → 3) on the 2nd: the latest first."""
    first = {**default_weights(questionnaire), 9: 1, 1: 19}
    second = {**first, 2: 20, 6: 3}
    return (
        WeightChange(second, "Вера", datetime(2026, 12, 2, 7, 0, tzinfo=UTC), "step", 2),
        WeightChange(first, "Вера", datetime(2026, 12, 1, 7, 0, tzinfo=UTC), "step", 1),
    )


def longlist(questionnaire: Questionnaire, count: int, seed: int = 7) -> ReportData:
    """`count` partners with random answers (some blocked, some with too little data)."""
    pick = random.Random(seed)
    changes = history(questionnaire)
    weights = changes[0].weights
    workspace = Workspace(1, -4001, "group", "Отдел продаж", lang="ru")
    assessed = {}
    for n in range(1, count + 1):
        technology = pick.random() < 0.4
        asked = questionnaire.applicable(technology)
        answered = pick.choice([1.0, 1.0, 0.9, 0.5])  # a share of the questions answered
        base = {
            q.id: pick.choice([1, 2, 3, 4, 4, 5, 5, None] if n % 7 else [2, 3, 4, 5, None])
            for q in asked
            if pick.random() < answered
        }
        people = [(n + i) % len(PEOPLE) for i in range(1 + n % 4)]
        opened = [
            Assessment(n * 10 + p, n, p + 1, PEOPLE[p], MOMENT, MOMENT, MOMENT) for p in people
        ]
        answers = {
            a.id: {q: _near(pick, r) if i else r for q, r in base.items()}
            for i, a in enumerate(opened)
        }
        team = combine(questionnaire, {a.assessor: answers[a.id] for a in opened if answers[a.id]})
        settled = {}
        if n % 3 == 0 and team.discuss:
            question = team.discuss[0].question_id
            state = "stale" if n % 9 == 0 else state_of(answers, question)
            settled[question] = Settlement(n, question, 4, "Вера", SETTLED_AT, state)
        team = settle(team, {q: s.value for q, s in settled.items()})
        sheets = Sheets([a for a in opened if answers[a.id]], answers, team, opened, settled)
        card = score_partner(questionnaire, team.ratings, technology=technology, weights=weights)
        partner = Partner(n, 1, f"{NAMES[n % len(NAMES)]} {n}", technology, MOMENT, card.summary())
        notes = (Note(n, opened[0].id, "1.1", "text", NOTE, None, MOMENT),) if n % 4 == 0 else ()
        kind = (*STATUS_KINDS, None)[n % 5]  # each decision, and none
        reason = "дорого" if kind == "rejected" else ""
        status = Status(n, kind, reason, "Вера", SETTLED_AT) if kind else None
        assessed[n] = Assessed(partner, card, sheets, notes, status)
    ranked = rank(
        ((Listed(p.partner.id, p.partner.name, p.card.summary()), p.card.summary())
         for p in assessed.values()),
        name=lambda listed: listed.name,
    )  # fmt: skip
    standings = {n: one.card.standing() for n, one in assessed.items()}
    firmness = Firmness(ranked, weights, lambda p: standings[p.id], lambda p: p.id)
    firm = firm_places(firmness, (r.item.id for r in ranked))
    return ReportData(workspace, weights, ranked, assessed, 0, changes, firm)


def _near(pick: random.Random, rating: int | None) -> int | None:
    """Another assessor's rating of the same: mostly close, now and then far apart."""
    if rating is None:
        return None
    return min(5, max(1, rating + pick.choice([0, 0, 0, 1, -1, 2, -3])))


def pdf_text(pdf: bytes, folder: Path) -> str | None:
    """The PDF's text as poppler's pdftotext reads it (laid out); None without pdftotext."""
    if shutil.which("pdftotext") is None:
        return None
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: bytes, folder: Path, dpi: int = 50) -> list[Path] | None:
    """Each page as a PNG (poppler's pdftoppm), to look at; None without pdftoppm."""
    if shutil.which("pdftoppm") is None:
        return None
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    command = ["pdftoppm", "-r", str(dpi), "-png", str(path), str(folder / "page")]
    subprocess.run(command, check=True)
    return sorted(folder.glob("page-*.png"))


NO_POPPLER = "poppler-utils is not installed (pdftotext, pdftoppm): .ci/run installs it"
