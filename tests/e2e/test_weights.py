"""A team's own weights reorder the ranking; cards come with a radar picture."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from questionnaire.scoring import score_partner
from questionnaire.weights import rank_order_centroid
from tests.data import NON_TECH_IDS
from tests.e2e.driver import answer_all, start
from tests.e2e.harness import Running

# Strong on strategy (section 1), or strong on growth (section 10); otherwise the same.
STRATEGIST = {**dict.fromkeys(NON_TECH_IDS, 3), "2.2": 4, "1.1": 5, "1.2": 5}
GROWER = {**dict.fromkeys(NON_TECH_IDS, 3), "2.2": 4, "10.1": 5, "10.2": 5}


def order_shown(text: str) -> list[str]:
    return re.findall(r"^=?\d+ (\w+)", text, flags=re.MULTILINE)


async def test_weights_reorder_the_ranking(running: Running, questionnaire: Questionnaire) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    for name, ratings in (("Strategist", STRATEGIST), ("Grower", GROWER)):
        await start(anna, name, technology=False)
        await answer_all(anna, questionnaire, ratings)
    await anna.send("/ranking")
    assert order_shown(anna.last.text) == ["Strategist", "Grower"]  # strategy weighs 15, growth 7

    await anna.send("/weights")
    panel = anna.last
    assert panel.text.startswith("⚖️ Веса разделов — сумма 100\n")
    assert "Сейчас веса по умолчанию." in panel.text
    assert panel.buttons[0] == [
        {"text": "−", "callback_data": "v:1:-5:15"},
        {"text": "Стратегия 15", "callback_data": "v:1:0:15"},
        {"text": "+", "callback_data": "v:1:5:15"},
    ]
    label = await anna.press("Стратегия 15")
    assert label.text == "Стратегия: 15"
    for _ in range(3):  # strategy down to 0, growth up
        await anna.press("−", message=anna.last)
    stale = await anna.press_data(anna.last, "v:1:-5:15")  # an old panel's button
    assert stale.text == "Стратегия: 0"
    for _ in range(4):
        growth = next(row for row in anna.last.buttons if row[1]["text"].startswith("Рост"))
        await anna.press_data(anna.last, growth[2]["callback_data"])
    shown = [int(n) for n in re.findall(r"^\S+\s+(\d+)", anna.last.text, flags=re.MULTILINE)]
    assert sum(shown) == 100
    assert "Последнее изменение: Anna, " in anna.last.text

    await anna.send("/ranking")
    assert order_shown(anna.last.text) == ["Grower", "Strategist"]
    await anna.send("/card Grower")
    assert "Поменяется местами с «Strategist», если вес «" in anna.last.text

    # Ordering by importance: strategy first this time.
    await anna.send("/weights")
    await anna.press("🔢 По важности")
    assert anna.last.text.startswith("🔢 Нажимайте разделы от самого важного")
    for section in ("Стратегия", "Рынок", "Финансы", "Репутация", "Маркетинг", "Условия",
                    "Команда", "Право", "Технологии"):  # fmt: skip
        await anna.press(section)
    assert anna.last.text.startswith("Готово: веса по важности сохранены.")
    assert "Стратегия  29" in anna.last.text  # rank-order centroid: 29.29 → 29
    await anna.send("/ranking")
    assert order_shown(anna.last.text) == ["Strategist", "Grower"]

    await anna.send("/weights")
    await anna.press("↺ По умолчанию")
    assert anna.last.text.startswith("Готово: веса по умолчанию.")


async def test_what_if_previews_without_saving_then_saves(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    for name, ratings in (("Strategist", STRATEGIST), ("Grower", GROWER)):
        await start(anna, name, technology=False)
        await answer_all(anna, questionnaire, ratings)
    await anna.send("/ranking")
    await anna.press("🔮 Что если…")
    await anna.press("Рост 7")
    assert anna.last.text.startswith("🔮 Что если «Рост» весит 7 вместо 7:")
    assert "Порядок не меняется." in anna.last.text
    for _ in range(3):
        await anna.press("+5")
    trying = anna.last
    preview = trying.text
    assert preview.startswith("🔮 Что если «Рост» весит 22 вместо 7:")
    assert order_shown(preview) == ["Grower", "Strategist"]
    assert "↑1" in preview
    await anna.send("/ranking")
    assert order_shown(anna.last.text) == ["Strategist", "Grower"]  # nothing saved yet
    await anna.press("+5", message=trying)
    await anna.press("💾 Сохранить веса", message=trying)
    saved = next(m for m in anna.messages if m.message_id == trying.message_id)
    assert saved.text == "Веса сохранены: «Рост» — 27."
    await anna.send("/ranking")
    assert order_shown(anna.last.text) == ["Grower", "Strategist"]
    forged = await anna.press_data(anna.last, "f:save:10:100.100.0.0.0.0.0.0.0.0")
    assert forged.text == "Эта кнопка больше не действует."


async def test_the_card_comes_with_a_radar_picture(
    running: Running, questionnaire: Questionnaire
) -> None:
    name = "Рога & Копыта $"
    anna = running.emu.user(1001, "Anna", language_code="ru")
    await start(anna, name, technology=True)
    await answer_all(anna, questionnaire, {**dict.fromkeys(NON_TECH_IDS, 4), "5.1": None})
    picture = anna.messages[-2]
    assert picture.photo is not None
    assert picture.text.startswith(f"🤝 {name} · ")
    image = Image.open(io.BytesIO(picture.photo))
    assert image.format == "PNG"
    assert 600 <= image.width <= 1600
    assert 600 <= image.height <= 1600
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None
    assert len(colours) > 50  # a drawing, not a blank
    # Asked again, the same picture is re-sent by its file id, not drawn and uploaded again.
    uploads = len(running.emu.calls_of("sendPhoto"))
    await anna.send(f"/card {name}")
    again = running.emu.calls_of("sendPhoto")[uploads:]
    assert [type(c.params["photo"]) for c in again] == [str]

    await anna.send("/ranking")
    await anna.press("📊 График")
    chart = anna.last
    assert chart.photo is not None
    assert chart.text == "📊 Топ-1: балл, диапазон и категория."


async def test_no_chart_of_the_top_while_nobody_has_a_place(
    running: Running, questionnaire: Questionnaire
) -> None:
    bob = running.emu.user(1002, "Bob", language_code="en")
    await start(bob, "Delta", technology=False, lang="en")
    await answer_all(bob, questionnaire, {}, lang="en")  # "Don't know" throughout: no tier
    await bob.send("/ranking")
    ranking = bob.last
    assert ranking.button_texts[-1] == "🔮 What if…"
    assert "📊 Chart" not in ranking.button_texts
    pressed = await bob.press_data(ranking, cb.RankingChart().pack())  # a button from before
    assert (
        pressed.text
        == "No partner has a place in the ranking yet: too few answers, or a deal-breaker."
    )
    assert not any(m.photo for m in bob.messages if m.message_id > ranking.message_id)

    await start(bob, "Echo", technology=False, lang="en")
    await answer_all(bob, questionnaire, {**dict.fromkeys(NON_TECH_IDS, 4), "2.2": 4}, lang="en")
    await bob.send("/ranking")
    await bob.press("📊 Chart")
    assert bob.last.photo is not None
    assert bob.last.text == "📊 The top 1: score, band and tier."


async def test_new_weights_rescore_every_partner_as_one_at_a_time_would(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    plain = {**dict.fromkeys(NON_TECH_IDS, 3), "2.2": 2}
    sheets = {"Strategist": STRATEGIST, "Grower": GROWER, "Plain": plain}
    for name, ratings in sheets.items():
        await start(anna, name, technology=False)
        await answer_all(anna, questionnaire, ratings)
    longlist = running.app.dispatcher["longlist"]
    async with running.app.db.read() as tx:
        workspace = await tx.workspace(anna.id)
        user = await tx.user(anna.id)
    assert workspace is not None
    assert user is not None
    weights = rank_order_centroid([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    await longlist.set_weights(workspace, user, weights, "order")
    for partner in await longlist.all_partners(workspace):
        expected = score_partner(
            questionnaire, sheets[partner.name], technology=False, weights=weights
        )
        assert partner.summary is not None
        assert partner.summary.score == pytest.approx(expected.score)
        assert partner.summary.tier == expected.tier


async def test_a_deleted_partner_is_nobodys_neighbour(
    running: Running, questionnaire: Questionnaire
) -> None:
    anna = running.emu.user(1001, "Anna", language_code="ru")
    for name, ratings in (("Strategist", STRATEGIST), ("Grower", GROWER)):
        await start(anna, name, technology=False)
        await answer_all(anna, questionnaire, ratings)
    await anna.send("/card Strategist")
    assert "«Grower»" in anna.last.text
    await anna.send("/partners")
    await anna.press("Grower · 55")
    await anna.press("🗑 Удалить")
    await anna.press("Да, удалить")
    await anna.send("/card Strategist")
    assert "«Grower»" not in anna.last.text
