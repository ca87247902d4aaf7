"""From ranking to decision (PRODUCT.md §9): settled disagreements, evidence that opens,
decision statuses and the public card.

Sales team: Vera (the group's creator, a lead), Anna and Boris (members); Oleg reads the
group but was never in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.telegram import callbacks as cb
from questionnaire.model import Questionnaire
from questionnaire.scoring import points, score_partner
from tests.botapi import BotMessage, Group, ScriptedUser
from tests.botapi.media import make_png
from tests.data import BASE
from tests.e2e.driver import answer_all, card_figures, payload_of
from tests.e2e.harness import Running

LEAD_ONLY = "Это доступно только администраторам группы «Sales team»."
NOT_MEMBER = "Лонг-лист группы «Sales team» — только для её участников."
NOTE = "Слышал от знакомых в X5, что они на грани"
ANNA = {**BASE, "2.1": 5, "6.1": 5, "9.1": 5}
BORIS = {**BASE, "2.1": 2, "6.1": 3, "9.1": 1}
"""Three disagreements: 9.1 (spread 4, Boris's 1 blocks), 2.1 (3), 6.1 (2)."""


@dataclass
class Team:
    group: Group
    vera: ScriptedUser
    anna: ScriptedUser
    boris: ScriptedUser
    oleg: ScriptedUser


@pytest.fixture
async def team(running: Running) -> Team:
    emu = running.emu
    vera = emu.user(1003, "Vera", language_code="ru")
    anna = emu.user(1001, "Anna", language_code="ru")
    boris = emu.user(1002, "Boris", language_code="ru")
    oleg = emu.user(1666, "Oleg", language_code="ru")
    group = emu.group(-4001, "Sales team", members=[vera, anna, boris], type="supergroup")
    group.let_read(oleg)
    return Team(group, vera, anna, boris, oleg)


def today() -> str:
    return f"{datetime.now(ZoneInfo('Europe/Moscow')):%d.%m}"


async def add(user: ScriptedUser, group: Group, name: str) -> str:
    added = await user.send(f"/new {name}", chat=group)
    return payload_of(added[-1].buttons[0][0]["url"])


async def assess(
    user: ScriptedUser, payload: str, sheet: Mapping[str, int | None], q: Questionnaire
) -> None:
    await user.send(f"/start {payload}")
    if "технологическое" in user.last.text:
        await user.press("Нет")
    await answer_all(user, q, sheet)


async def card(user: ScriptedUser, group: Group, name: str = "Acme") -> BotMessage:
    await user.send(f"/card {name}", chat=group)
    return group.last


async def disagreeing(team: Team, q: Questionnaire) -> None:
    payload = await add(team.anna, team.group, "Acme")
    await assess(team.anna, payload, ANNA, q)
    await assess(team.boris, payload, BORIS, q)


def listed(ranking: str) -> set[str]:
    """The partners a ranking lists, of the three the test adds."""
    return {name for name in ("Acme", "Beta", "Gamma") if name in ranking}


def lines_with(text: str, *marks: str) -> list[str]:
    return [line for line in text.splitlines() if any(m in line for m in marks)]


async def test_a_lead_settles_two_disagreements_and_card_and_ranking_agree(
    running: Running, team: Team, questionnaire: Questionnaire
) -> None:
    group, vera = team.group, team.vera
    await disagreeing(team, questionnaire)
    before = await card(vera, group)
    assert "Категория <b>X</b>" in before.html
    await vera.press("🗣 Обсудить (3)", chat=group)
    discuss = group.last
    listed = discuss.text
    assert lines_with(listed, "9.1 ", "2.1 ", "6.1 ")[:3] == [
        "9.1 Соответствие закону: Anna 5 · Boris 1 → 1 ⛔ стоп-фактор",
        "2.1 Целевой сегмент: Anna 5 · Boris 2 → 3,5",
        "6.1 Ресурсы на маркетинг: Anna 5 · Boris 3 → 4",
    ]  # the largest spread first
    assert "1–3 из 3" in listed

    await vera.press("🤝 9.1", chat=group)
    assert "Какое значение команда согласовала?" in group.last.text
    assert (await vera.press("5", chat=group)).text == "Согласовано: 5"
    # The quiet group's tier line tells the move, from the same numbers.
    assert group.last.text == "✏️ «Acme»: категория X → A (Vera)."
    await vera.press("🤝 2.1", chat=group)
    assert (await vera.press("4", chat=group)).text == "Согласовано: 4"
    now = next(m for m in group.messages if m.message_id == discuss.message_id)
    print("settled «To discuss»:\n" + now.text)
    assert f"   🤝 согласовано: 5 · Vera · {today()}" in now.text
    assert "🤝 9.1 ✓" in now.button_texts

    # The team's answer is now the agreed value: every question 4, but 9.1 agreed at 5.
    expected = score_partner(questionnaire, {**BASE, "9.1": 5}, technology=False)
    shown = await card(vera, group)
    assert card_figures(shown) == (
        points(expected.score),
        points(expected.low),
        points(expected.high),
    )
    assert f"Категория <b>{expected.tier}</b>" in shown.html
    assert f"🤝 согласовано: 4 · Vera · {today()}" in shown.text
    await vera.send("/ranking", chat=group)
    [row] = lines_with(group.last.text, "Acme")
    assert row.split()[:4] == ["1", "Acme", str(points(expected.score)), str(expected.tier)]


async def test_a_member_cannot_settle(
    running: Running, team: Team, questionnaire: Questionnaire
) -> None:
    group, anna = team.group, team.anna
    await disagreeing(team, questionnaire)
    await card(anna, group)
    await anna.press("🗣 Обсудить (3)", chat=group)  # members read the list
    assert (await anna.press("🤝 2.1", chat=group)).text == LEAD_ONLY
    forged = cb.Settle(partner=1, question="2.1", value=5).pack()
    assert (await anna.press_data(group.last, forged)).text == LEAD_ONLY
    async with running.app.db.read() as tx:
        assert await tx.settlements(1) == {}
    assert "Категория <b>X</b>" in (await card(anna, group)).html


async def test_a_changed_settled_answer_is_flagged_on_the_card(
    running: Running, team: Team, questionnaire: Questionnaire
) -> None:
    group, vera, boris = team.group, team.vera, team.boris
    await disagreeing(team, questionnaire)
    await card(vera, group)
    await vera.press("🗣 Обсудить (3)", chat=group)
    await vera.press("🤝 2.1", chat=group)
    await vera.press("Оставить медиану (3,5)", chat=group)
    flag = "⚠️ ответ изменили после согласования — посмотрите ещё раз"
    assert f"🤝 согласовано: оставили медиану 3,5 · Vera · {today()}" in group.last.text
    assert flag not in (await card(vera, group)).text

    await boris.send("/card Acme")  # his own answers, in private
    edit = cb.Edit(partner=1, question="2.1").pack()
    await boris.press_data(boris.last, edit)
    await boris.press("3")
    flagged = (await card(vera, group)).text
    assert lines_with(flagged, "2.1 ", flag)[-2:] == [
        "🗣 2.1 Целевой сегмент: Anna 5 · Boris 3 → 4",
        f"   {flag}",
    ]


async def test_evidence_is_sent_again_to_members_only(
    running: Running, team: Team, questionnaire: Questionnaire
) -> None:
    group, anna = team.group, team.anna
    running.emu.forgive("wrong file identifier")
    payload = await add(anna, group, "Acme")
    await anna.send(f"/start {payload}")
    await anna.press("Нет")  # 1.1 is open: what she sends now is kept on it
    await anna.send_photo("Скрин условий")
    await anna.send_photo("Скрин прайса")
    await anna.send_document("terms.pdf", caption="Условия")
    await anna.send_voice()
    await anna.send(NOTE)
    await anna.press("4")  # 1.1, still open under the notes
    await answer_all(anna, questionnaire, BASE)
    await card(anna, group)
    posts = len(group.messages)
    count = len(anna.messages)
    done = await anna.press("📎 Вложения (4)", chat=group)
    assert done.text == "Отправил в личный чат с ботом."
    assert len(group.messages) == posts  # nothing new in the group
    sent = anna.messages[count:]
    head = f"1.1 · Anna · {today()}"
    assert [(m.kind, m.text) for m in sent] == [
        ("photo", f"{head} · Скрин условий"),
        ("photo", f"{head} · Скрин прайса"),
        ("document", f"{head} · terms.pdf · Условия"),
        ("voice", head),
    ]
    assert sent[0].media["media_group_id"] == sent[1].media["media_group_id"]  # an album

    refused = await team.oleg.press_data(group.last, cb.Evidence(partner=1).pack())
    assert refused.text == NOT_MEMBER

    document = sent[2].media["document"]["file_id"]
    del running.emu.world.files.files[document]  # Telegram no longer has it
    count = len(anna.messages)
    await anna.press("📎 Вложения (4)", chat=group)
    again = anna.messages[count:]
    assert [m.kind for m in again] == ["photo", "photo", "voice", "text"]
    assert again[-1].text == (
        "📎 Не удалось отправить 1 файл — у Telegram их больше нет: 1.1 (документ)"
    )


async def test_statuses_show_on_card_and_ranking_and_focus_only_filters(
    running: Running, team: Team, questionnaire: Questionnaire
) -> None:
    group, vera, anna = team.group, team.vera, team.anna
    await disagreeing(team, questionnaire)
    await add(vera, group, "Beta")
    await add(vera, group, "Gamma")
    acme = await card(vera, group)
    assert (await anna.press("🎯 Решение", message=acme, chat=group)).text == LEAD_ONLY
    posts = len(group.messages)
    await vera.press("🎯 Решение", message=acme, chat=group)
    assert (await vera.press("🎯 Фокус", message=acme, chat=group)).text == "🎯 Фокус"
    assert len(group.messages) == posts  # the card was edited in place
    shown = next(m for m in group.messages if m.message_id == acme.message_id)
    assert f"🎯 Фокус · Vera · {today()}" in shown.text
    assert "🎯 Решение" in shown.button_texts

    beta = await card(vera, group, "Beta")
    await vera.press("🎯 Решение", message=beta, chat=group)
    await vera.press("✖️ Отказ", message=beta, chat=group)
    prompt = group.last
    assert (
        prompt.text == "Vera, почему отказываем «Beta»? Ответьте на это сообщение одной строкой; "
        "/cancel — без причины."
    )
    before = [m.message_id for m in group.messages if m.message_id != prompt.message_id]
    await vera.send("Не работают с МСБ", chat=group, reply_to=prompt)
    new = [m for m in group.messages if m.message_id not in before]
    assert [m.text for m in new] == ["✖️ «Beta»: отказ — Не работают с МСБ"]  # one line
    assert prompt.message_id not in [m.message_id for m in group.messages]  # taken away
    edited = next(m for m in group.messages if m.message_id == beta.message_id)
    assert f"✖️ Отказ · Vera · {today()} — Не работают с МСБ" in edited.text  # in place

    await vera.send("/ranking", chat=group)
    ranking = group.last.text
    assert lines_with(ranking, "Acme")[0].endswith("🎯")
    assert lines_with(ranking, "Beta")[0].endswith("✖️")
    assert lines_with(ranking, "Gamma")[0].endswith("·")
    await anna.press("🎯 Только фокус", chat=group)  # members may filter
    assert listed(group.last.text) == {"Acme"}
    assert group.last.text.startswith("🏆 Рейтинг: 1 партнёр · 🎯 Только фокус")
    await anna.press("Скрыть отказы", chat=group)
    assert listed(group.last.text) == {"Acme", "Gamma"}
    await anna.press("Без решения", chat=group)
    assert listed(group.last.text) == {"Gamma"}
    await anna.press("Все", chat=group)
    assert listed(group.last.text) == {"Acme", "Beta", "Gamma"}


async def test_the_inline_card_carries_no_note_and_no_assessor_name(
    running: Running, team: Team, questionnaire: Questionnaire
) -> None:
    group, vera, anna = team.group, team.vera, team.anna
    payload = await add(anna, group, "Acme")
    await anna.send(f"/start {payload}")
    await anna.press("Нет")
    await anna.send(NOTE)
    await anna.press("4")  # 1.1, still open under the note
    await answer_all(anna, questionnaire, ANNA)
    await assess(team.boris, payload, BORIS, questionnaire)
    acme = await card(vera, group)
    await vera.press("🎯 Решение", message=acme, chat=group)
    await vera.press("🧪 Пилот", message=acme, chat=group)
    full = (await card(vera, group)).text
    for inside in (NOTE, "Anna", "Boris", "Vera", "🗣 9.1"):
        assert inside in full  # the team's own card has them all

    [shared] = await anna.inline_query("Acme")
    public = shared["input_message_content"]["message_text"]
    print("public card:\n" + public)
    for inside in (NOTE, "X5", "Anna", "Boris", "Vera", "🗣", "Обсудить", "Заметки"):
        assert inside not in public
    assert "🧪 <b>Пилот</b>" in public
    assert "Категория <b>X</b>" in public
    assert "⛔ 9.1 Соответствие закону — ответ 1: партнёр заблокирован" in public


async def test_many_files_go_a_batch_at_a_time_to_the_private_chat(
    running: Running, team: Team, questionnaire: Questionnaire
) -> None:
    """A partner with 65 kept photos: a press sends 30 of them in albums of ten to the
    presser's private chat, with a button for the next 30; the group gets nothing new."""
    group, boris = team.group, team.boris
    payload = await add(boris, group, "Acme")
    await assess(boris, payload, BASE, questionnaire)
    files = running.emu.world.files
    async with running.app.db.transaction() as tx:
        for n in range(65):
            photo = files.add("photo", make_png(64, 48), width=64, height=48)
            await tx.add_note(1, "5.1", "photo", f"Фото {n + 1}", photo.file_id)
    await card(boris, group)
    posts, count = len(group.messages), len(boris.messages)
    await boris.press("📎 Вложения (65)", chat=group)
    assert len(group.messages) == posts
    sent = boris.messages[count:]
    assert [m.kind for m in sent] == ["photo"] * 30 + ["text"]
    assert len({m.media["media_group_id"] for m in sent[:30]}) == 3
    assert sent[-1].text == "📎 Отправлено 30 из 65. Остальные — кнопкой ниже."
    await boris.press("📎 Ещё вложения (35)")
    await boris.press("📎 Ещё вложения (5)")
    captions = [m.text for m in boris.messages[count:] if m.kind == "photo"]
    assert captions == [f"5.1 · Boris · {today()} · Фото {n + 1}" for n in range(65)]
    assert len(running.emu.calls_of("sendMediaGroup")) == 7
