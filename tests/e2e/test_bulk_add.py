"""A team adds its whole longlist in one go: pasted lines or a file, one summary in reply."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tests.botapi import Group, ScriptedUser
from tests.botapi.media import make_png
from tests.e2e.harness import Running

NEW = [
    "Альфа Софт", "Бета Системс", "Гамма Интеграция", "Дельта Консалтинг", "Эпсилон Дата",
    "Зета Клауд", "Эта Безопасность", "Тета Логистик", "Йота Финанс", "Каппа Ритейл",
    "Лямбда Аналитикс", "Мю Телеком", "Ню Медиа", "Кси Девелопмент", "Омикрон Сервис",
    "Пи Лаборатория", "Ро Энерджи", "Сигма Партнёрс", "Тау Робототехника", "Ипсилон Трейд",
    "Фи Маркетинг", "Хи Образование", "Пси Здоровье", "Омега Групп", "Acme Corp",
    "Globex", 'ООО "Интегра Софт"',
]  # fmt: skip
LONG = "Очень длинное название компании, которое никак не помещается в шестьдесят четыре знака"


def workbook(*rows: tuple[object, ...]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
async def team(running: Running) -> tuple[Group, ScriptedUser, ScriptedUser]:
    """Anna leads the group (she created it), Boris is a member; "вектор" and "Бета Плюс" are
    on the team's list already."""
    emu = running.emu
    anna = emu.user(2001, "Anna", language_code="ru")
    boris = emu.user(2002, "Boris", language_code="ru")
    group = emu.group(-5001, "Партнёрства", members=[anna, boris], bot_status="left")
    await emu.add_bot_to_group(group, by=anna)
    await anna.send("/new вектор", chat=group)
    await boris.send("/new Бета Плюс", chat=group)
    return group, anna, boris


async def names_on_list(running: Running, chat_id: int) -> dict[str, bool | None]:
    """The list's partners and their technology, by name."""
    async with running.app.db.read() as tx:
        workspace = await tx.workspace(chat_id)
        assert workspace is not None
        return {p.name: p.technology for p in await tx.partners(workspace.id)}


async def test_a_lead_pastes_thirty_names_and_gets_one_summary(
    running: Running, team: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    group, anna, _ = team
    lines = [*NEW[:10], "«Вектор»", *NEW[10:20], "", "  бета   плюс ", *NEW[20:], LONG]
    assert len([line for line in lines if line.strip()]) == 30
    assert len(LONG) == 86
    before = len(group.messages)
    replies = await anna.send("/new\n" + "\n".join(lines), chat=group)
    assert len(replies) == 1
    assert len(group.messages) == before + 1  # one bot message, not thirty
    summary = replies[0]
    print("\n" + summary.text)
    assert summary.text == (
        "✅ Добавлено в лонг-лист: 27 партнёров.\n"
        "Уже были в лонг-листе (2): «вектор», «Бета Плюс».\n"
        "\n"
        "Не добавлено (1):\n"
        "• строка 31: «Очень длинное название компан…» — длиннее 64 символов\n"
        "\n"
        "Каждый оценивает партнёров в личном чате со мной: кнопка «✍️ Оценить в личном чате» — "
        "в карточке партнёра (/card Название или рейтинг по кнопке ниже)."
    )
    assert summary.button_texts == ["🏆 Рейтинг"]
    stored = await names_on_list(running, group.id)
    assert sorted(stored) == sorted([*NEW, "вектор", "Бета Плюс"])
    # The ranking button opens the list, from which each partner's card (and its link) is
    # one press away.
    await anna.press("🏆 Рейтинг", chat=group)
    assert "29 партнёров" in group.last.text


async def test_an_xlsx_with_technology_and_assessors(
    running: Running, team: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    group, _, boris = team
    rows: list[tuple[object, ...]] = [("Партнёр", "Технологический", "Оценщики")]
    rows += [
        (name, i % 2 == 0, "@anna_k, @boris_m" if i < 5 else None) for i, name in enumerate(NEW)
    ]
    rows += [("«ВЕКТОР»", "да", None), ("Бета Плюс", "нет", None), (LONG, "да", None)]
    rows += [("Сигма-2", "может быть", None)]
    data = workbook(*rows)
    replies = await boris.send_document("Лонг-лист.xlsx", data, caption="/new", chat=group)
    assert len(replies) == 1
    text = replies[0].text
    print("\n" + text)
    assert text.startswith(
        "✅ Добавлено в лонг-лист: 27 партнёров.\n"
        "Уже были в лонг-листе (2): «вектор», «Бета Плюс».\n"
    )
    assert "• строка 31: «Очень длинное название компан…» — длиннее 64 символов" in text
    assert (
        "• строка 32: «Сигма-2» — в столбце «Технологический» «может быть», а нужно «да» или «нет»"
    ) in text
    assert (
        "⏳ Назначу, как только появятся в группе (вступят в неё, отправят команду или нажмут "
        "кнопку): "
        "@anna_k — 5 партнёров, @boris_m — 5 партнёров."
    ) in text
    stored = await names_on_list(running, group.id)
    assert {name: stored[name] for name in NEW} == {n: i % 2 == 0 for i, n in enumerate(NEW)}
    assert stored["вектор"] is None  # on the list already: left as it was
    assert "Сигма-2" not in stored


def rows_csv(count: int) -> bytes:
    return "\n".join(f"Партнёр {i};да" for i in range(count)).encode()


BAD_FILES = [
    (
        "Лонг-лист.xlsx",
        b"PK\x03\x04" + bytes(range(256)) * 8,
        "«Лонг-лист.xlsx» не открывается как таблица: файл повреждён или это не .xlsx.",
    ),
    (
        "big.xlsx",
        workbook(("Название",), *((f"Партнёр {i}",) for i in range(5000))),
        "В файле «big.xlsx» больше 500 строк, а за раз я добавляю не больше 500 партнёров.",
    ),
    ("big.csv", rows_csv(5000), "В файле «big.csv» больше 500 строк"),
    ("list.csv", make_png(40, 30), "«list.csv» — не текст, хотя называется .csv."),
    (
        "empty.csv",
        "Название;Технологический;Оценщики\n;да;@boris_m\n;нет;\n".encode(),
        "В «empty.csv» нет ни одного названия: столбец «Название» (или первый столбец) пуст.",
    ),
    ("list.pdf", b"%PDF-1.4\n", "Такой файл я не прочитаю. Пришлите .csv, .xlsx или .txt"),
]


@pytest.mark.parametrize(("file_name", "data", "reply"), BAD_FILES)
async def test_a_bad_file_gets_a_clear_reply_and_adds_nothing(
    running: Running,
    team: tuple[Group, ScriptedUser, ScriptedUser],
    file_name: str,
    data: bytes,
    reply: str,
) -> None:
    group, anna, _ = team
    before = await names_on_list(running, group.id)
    replies = await anna.send_document(file_name, data, caption="/new", chat=group)
    assert len(replies) == 1
    assert replies[0].text.startswith(reply), replies[0].text
    assert replies[0].text.endswith("Ничего не добавил.")
    assert await names_on_list(running, group.id) == before


async def test_a_list_or_a_file_answers_the_groups_name_prompt(
    running: Running, team: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    group, anna, boris = team
    await anna.send("/new", chat=group)
    prompt = group.last
    replies = await anna.send("Acme\nGlobex\n«Вектор»", chat=group, reply_to=prompt)
    assert [r.text.split("\n")[0] for r in replies] == ["✅ Добавлено в лонг-лист: 2 партнёра."]
    await boris.send("/new", chat=group)
    data = "Name\nInitech\nHooli\n".encode("utf-8-sig")
    replies = await boris.send_document("list.csv", data, chat=group, reply_to=group.last)
    assert replies[-1].text.startswith("✅ Добавлено в лонг-лист: 2 партнёра.")
    stored = await names_on_list(running, group.id)
    assert {"Acme", "Globex", "Initech", "Hooli"} <= set(stored)
    # Answered, the prompt takes nothing more: a later reply to it is not a partner.
    await boris.send("Soylent", chat=group, reply_to=group.messages[-2])
    assert "Soylent" not in await names_on_list(running, group.id)


async def test_one_new_partner_of_several_lines_keeps_its_assess_button(
    running: Running, team: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    group, anna, _ = team
    [reply] = await anna.send("/new Acme\nвектор", chat=group)
    assert reply.text == (
        "✅ Добавлено в лонг-лист: 1 партнёр.\n"
        "Уже были в лонг-листе (1): «вектор».\n\n"
        "Каждый оценивает «Acme» в личном чате со мной: кнопка ниже."
    )
    assert reply.button("✍️ Оценить в личном чате")["url"].startswith(
        "https://t.me/PartnerFitBot?start="
    )


async def test_someone_outside_the_group_adds_nothing(
    running: Running, team: tuple[Group, ScriptedUser, ScriptedUser]
) -> None:
    group, _, _ = team
    oleg = running.emu.user(2666, "Oleg", language_code="ru")
    group.let_read(oleg)
    before = await names_on_list(running, group.id)
    await oleg.send_document("list.txt", b"Acme\nGlobex\n", caption="/new", chat=group)
    await oleg.send("/new Acme\nGlobex", chat=group)
    assert await names_on_list(running, group.id) == before


async def test_in_private_several_lines_fill_ones_own_list_without_questions(
    running: Running,
) -> None:
    vera = running.emu.user(2003, "Vera", language_code="ru")
    [reply] = await vera.send("/new Acme\n\nGlobex\n«Acme»")
    assert reply.text == (
        "✅ Добавлено в лонг-лист: 2 партнёра.\n"
        "Уже были в лонг-листе (1): «Acme».\n\n"
        "Чтобы оценить партнёра, отправьте /new Название — вопросы пойдут по одному."
    )
    assert await names_on_list(running, vera.id) == {"Acme": None, "Globex": None}
    # The name prompt takes a list, or a file, the same way.
    await vera.send("/new")
    await vera.send("Initech\nHooli")
    assert vera.last.text.startswith("✅ Добавлено в лонг-лист: 2 партнёра.")
    await vera.send("/new")
    await vera.send_document("list.txt", "Soylent\nStark\n".encode("cp1251"))
    assert vera.last.text.startswith("✅ Добавлено в лонг-лист: 2 партнёра.")
    assert len(await names_on_list(running, vera.id)) == 6
    # A single line still starts the interview, as before.
    await vera.send("/new Umbrella")
    assert vera.last.text.startswith("«Umbrella» — технологическое партнёрство")
