"""The Bot API emulator behaves like Telegram where it matters, and is strict about it."""

from __future__ import annotations

import asyncio
import html
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
)
from aiogram.filters import Command, CommandStart
from aiogram.methods import SendMessage
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from tests.botapi import BotAPIEmulator, TelegramHTMLError, parse_html
from tests.botapi.media import make_png


@pytest.fixture
async def emu() -> AsyncIterator[BotAPIEmulator]:
    emulator = BotAPIEmulator()
    await emulator.start()
    yield emulator
    await emulator.stop()


def make_bot(emu: BotAPIEmulator) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))
    return Bot(emu.token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


@pytest.fixture
async def bot(emu: BotAPIEmulator) -> AsyncIterator[Bot]:
    client = make_bot(emu)
    yield client
    await client.session.close()


@asynccontextmanager
async def polling(
    emu: BotAPIEmulator, dp: Dispatcher, *, attach: bool = True
) -> AsyncIterator[None]:
    """Run the real aiogram long polling against the emulator."""
    if attach:
        emu.attach(dp)
    task = asyncio.create_task(dp.start_polling(make_bot(emu), handle_signals=False))
    await asyncio.sleep(0)  # start_polling takes its running lock
    try:
        yield
    finally:
        await dp.stop_polling()
        await task


def keyboard(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[list(buttons)])


def onboarding_dispatcher() -> Dispatcher:
    dp = Dispatcher()

    @dp.message(CommandStart())
    async def start(message: Message) -> None:
        name = html.escape(message.from_user.first_name if message.from_user else "there")
        button = InlineKeyboardButton(text="Yes ✅", callback_data="ready:yes")
        await message.answer(f"Hello, <b>{name}</b>! Ready?", reply_markup=keyboard(button))

    @dp.callback_query(F.data == "ready:yes")
    async def ready(callback: CallbackQuery) -> None:
        assert isinstance(callback.message, Message)
        await callback.message.edit_text("Great, <i>let's start</i>.")
        await callback.answer("Saved")

    return dp


# --- HTML parse mode -----------------------------------------------------------------------------


def test_parse_html_turns_nested_tags_into_entities_with_utf16_offsets() -> None:
    text, entities = parse_html("🏟 <b>bold <i>both</i></b> <u>😀x</u>")
    assert text == "🏟 bold both 😀x"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 9},
        {"type": "italic", "offset": 8, "length": 4},
        {"type": "underline", "offset": 13, "length": 3},
    ]


def test_parse_html_reads_tg_time_as_a_date_time_entity() -> None:
    text, entities = parse_html('<tg-time unix="1647531900" format="wDT">Friday</tg-time>')
    assert text == "Friday"
    assert entities == [
        {
            "type": "date_time",
            "offset": 0,
            "length": 6,
            "unix_time": 1647531900,
            "date_time_format": "wDT",
        }
    ]


def test_parse_html_decodes_only_telegrams_entities() -> None:
    assert parse_html("&lt;&gt;&amp;&quot;&#65;&#x42;&#128512;") == ('<>&"AB😀', [])


def test_parse_html_knows_every_telegram_entity_type() -> None:
    source = (
        "<strong>a</strong><em>b</em><ins>c</ins><s>d</s><strike>e</strike><del>f</del>"
        '<span class="tg-spoiler">g</span><tg-spoiler>h</tg-spoiler>'
        "<a href='https://example.com/x'>i</a><a href=\"tg://user?id=42\">j</a>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><code>k</code>'
        '<pre><code class="language-python">l</code></pre><pre>m</pre>'
        "<blockquote>n</blockquote><blockquote expandable>o</blockquote>"
    )
    text, entities = parse_html(source)
    assert text == "abcdefghij👍klmno"
    by_type = [(e["type"], e["offset"]) for e in entities]
    assert by_type == [
        ("bold", 0), ("italic", 1), ("underline", 2), ("strikethrough", 3),
        ("strikethrough", 4), ("strikethrough", 5), ("spoiler", 6), ("spoiler", 7),
        ("text_link", 8), ("text_mention", 9), ("custom_emoji", 10), ("code", 12),
        ("pre", 13), ("pre", 14), ("blockquote", 15), ("expandable_blockquote", 16),
    ]  # fmt: skip
    assert entities[8]["url"] == "https://example.com/x"
    assert entities[9]["user"] == {"id": 42}
    assert entities[10]["custom_emoji_id"] == "5368324170671202286"
    assert entities[12]["language"] == "python"
    assert "language" not in entities[13]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("<br/>", 'Unsupported start tag "br/" at byte offset 0'),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a>link</a>", 'Tag "a" must have a non-empty attribute "href" at byte offset 0'),
        ("😀<b", "Unclosed start tag at byte offset 4"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("a > b", 'Character ">" at byte offset 2 must be escaped as "&gt;"'),
        ("Tom & Jerry", 'Character "&" at byte offset 4 does not begin a supported HTML entity'),
        ("&nbsp;", 'Character "&" at byte offset 0 does not begin'),
        ("&lt", 'Character "&" at byte offset 0 does not begin'),
        ("&#0;", 'Character "&" at byte offset 0 does not begin'),
        ("&#xD800;", "Text contains invalid Unicode characters after decoding HTML entities"),
        ("<i>a</i   ", "Unclosed end tag at byte offset 4"),
        ('<tg-emoji emoji-id="x">😀</tg-emoji>', "Invalid custom emoji identifier specified"),
    ],
)
def test_parse_html_rejects_what_telegram_rejects(source: str, message: str) -> None:
    with pytest.raises(TelegramHTMLError) as error:
        parse_html(source)
    assert str(error.value).startswith(message)


# --- sending messages ----------------------------------------------------------------------------


async def test_message_length_limit_is_4096_utf16_units_counted_after_parsing(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    user = emu.user(1001, "Anna", started=True)
    sent = await bot.send_message(user.id, "<b>" + "a" * 4096 + "</b>")
    assert len(sent.text or "") == 4096
    await bot.send_message(user.id, "😀" * 2048)  # 4096 UTF-16 code units
    for too_long in ("a" * 4097, "😀" * 2048 + "a"):
        with pytest.raises(TelegramBadRequest, match="message is too long"):
            await bot.send_message(user.id, too_long)
    assert [m.text[:1] for m in user.messages] == ["a", "😀"]
    assert len(emu.rejections) == 2


async def test_invalid_html_and_empty_text_are_rejected_like_telegram(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    user = emu.user(1001, "Anna", started=True)
    with pytest.raises(TelegramBadRequest, match="can't parse entities: Can't find end tag"):
        await bot.send_message(user.id, "<b>unclosed")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(user.id, "<b> </b>\n")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(999, "hi")
    sent = await bot.send_message(user.id, "  <b> trimmed</b>\n\n")
    assert sent.text == "trimmed"
    assert user.last.entities == [{"type": "bold", "offset": 0, "length": 7}]


async def test_callback_data_is_limited_to_64_utf8_bytes(emu: BotAPIEmulator, bot: Bot) -> None:
    user = emu.user(1001, "Anna", started=True)
    fits = InlineKeyboardButton(text="ok", callback_data="д" * 32)  # 64 bytes
    await bot.send_message(user.id, "fits", reply_markup=keyboard(fits))
    too_long = InlineKeyboardButton(text="no", callback_data="д" * 33)  # 33 chars, 66 bytes
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(user.id, "too long", reply_markup=keyboard(too_long))
    assert user.last.button("ok")["callback_data"] == "д" * 32


async def test_inline_keyboards_need_one_action_a_valid_url_and_at_most_100_buttons(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    user = emu.user(1001, "Anna", started=True)
    bad_markups: list[tuple[dict[str, Any], str]] = [
        ({"inline_keyboard": [[{"text": "only text"}]]}, "Text buttons are unallowed"),
        ({"inline_keyboard": [[{"text": "x", "url": "ftp://a.b"}]]}, "BUTTON_URL_INVALID"),
        ({"inline_keyboard": [[{"text": "", "callback_data": "x"}]]}, "BUTTON_TEXT_INVALID"),
        ({"inline_keyboard": [{"text": "x", "callback_data": "x"}]}, "Array of Arrays"),
        (
            {"inline_keyboard": [[{"text": "x", "callback_data": "x", "url": "https://a.b"}]]},
            "exactly one of the fields",
        ),
        (
            {"inline_keyboard": [[{"text": str(i), "callback_data": str(i)}] for i in range(101)]},
            "reply markup is too long",
        ),
    ]
    async with aiohttp.ClientSession() as http:
        for markup, error in bad_markups:
            url = f"{emu.base_url}/bot{emu.token}/sendMessage"
            body = {"chat_id": user.id, "text": "x", "reply_markup": markup}
            async with http.post(url, json=body) as response:
                answer = await response.json()
            assert response.status == 400
            assert error in answer["description"]
    assert user.messages == []


async def test_editing_to_identical_content_is_rejected_as_not_modified(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    user = emu.user(1001, "Anna", started=True)
    markup = keyboard(InlineKeyboardButton(text="Next", callback_data="next"))
    sent = await bot.send_message(user.id, "<b>Question 1</b>", reply_markup=markup)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            "<b>Question 1</b>", chat_id=user.id, message_id=sent.message_id, reply_markup=markup
        )
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=user.id, message_id=sent.message_id, reply_markup=markup
        )
    # Same text without reply_markup is a change: Telegram drops the keyboard.
    await bot.edit_message_text("<b>Question 1</b>", chat_id=user.id, message_id=sent.message_id)
    assert user.last.buttons == []
    await bot.edit_message_text("Question 2", chat_id=user.id, message_id=sent.message_id)
    assert user.last.text == "Question 2"
    assert user.last.edits == ["Question 1"]
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=user.id, message_id=999)
    await bot.delete_message(user.id, sent.message_id)
    assert user.messages == []
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(user.id, sent.message_id)


async def test_answering_a_callback_query_twice_is_rejected(emu: BotAPIEmulator) -> None:
    dp = Dispatcher()

    @dp.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer(
            "Pick", reply_markup=keyboard(InlineKeyboardButton(text="A", callback_data="a"))
        )

    @dp.callback_query()
    async def picked(callback: CallbackQuery) -> None:
        await callback.answer("first")
        with pytest.raises(TelegramBadRequest, match="query is too old"):
            await callback.answer("second")

    async with polling(emu, dp):
        user = emu.user(1001, "Anna")
        await user.send("/start")
        result = await user.press("A")
    assert result.answered
    assert result.text == "first"
    assert [c.method for c in emu.rejections] == ["answerCallbackQuery"]
    assert emu.unanswered_callbacks() == []


# --- getUpdates ----------------------------------------------------------------------------------


async def test_get_updates_offset_confirms_and_drops_earlier_updates(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    user = emu.user(1001, "Anna")
    sends = [asyncio.create_task(user.send(text)) for text in ("one", "two", "three")]
    await asyncio.sleep(0)
    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first if u.message] == ["one", "two", "three"]
    again = await bot.get_updates(timeout=0)  # not confirmed yet: delivered again
    assert [u.update_id for u in again] == [u.update_id for u in first]
    rest = await bot.get_updates(offset=first[1].update_id, timeout=0)
    assert [u.update_id for u in rest] == [first[1].update_id, first[2].update_id]
    last = await bot.get_updates(offset=-1, timeout=0)
    assert [u.update_id for u in last] == [first[2].update_id]
    assert await bot.get_updates(offset=first[2].update_id + 1, timeout=0) == []
    assert await asyncio.gather(*sends) == [[], [], []]


async def test_get_updates_long_polls_until_an_update_arrives(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    user = emu.user(1001, "Anna")
    poll = asyncio.create_task(bot.get_updates(timeout=5, allowed_updates=["message"]))
    await asyncio.sleep(0.1)
    assert not poll.done()
    send = asyncio.create_task(user.send("/start"))
    updates = await asyncio.wait_for(poll, 2)
    assert updates[0].message is not None
    assert updates[0].message.text == "/start"
    assert updates[0].message.entities is not None
    assert updates[0].message.entities[0].type == "bot_command"
    await send
    # allowed_updates is remembered: an edited_message update is not even created now.
    assert await user.edit_message(updates[0].message.message_id, "/help") == []
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == []


async def test_a_second_get_updates_ends_the_first_with_409_conflict(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    second = make_bot(emu)
    try:
        await second.get_updates(timeout=0)
    finally:
        await second.session.close()
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await first


# --- transport -----------------------------------------------------------------------------------


async def test_wrong_token_is_401_and_unknown_method_is_404(emu: BotAPIEmulator) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{emu.base_url}/bot1:wrong/getMe") as response:
            assert response.status == 401
            assert await response.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        async with http.post(f"{emu.base_url}/bot{emu.token}/sendTelepathy") as response:
            assert response.status == 404
            assert (await response.json())["description"] == "Not Found"
        async with http.get(f"{emu.base_url}/bot{emu.token}/GETME") as response:
            assert (await response.json())["result"]["username"] == "PartnerFitBot"


async def test_multipart_uploads_are_stored_with_png_dimensions(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    user = emu.user(1001, "Anna", started=True)
    png = make_png(300, 120)
    sent = await bot.send_photo(user.id, BufferedInputFile(png, "chart.png"), caption="<b>Top</b>")
    assert sent.photo is not None
    assert (sent.photo[-1].width, sent.photo[-1].height) == (300, 120)
    assert sent.caption == "Top"
    pdf = b"%PDF-1.4 terms"
    await bot.send_document(user.id, BufferedInputFile(pdf, "terms.pdf"))
    photo, document = user.messages
    assert photo.photo == png
    assert (document.document, document.document_name) == (pdf, "terms.pdf")
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(user.id, BufferedInputFile(b"not an image", "x.png"))
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_photo(user.id, "no-such-file-id")
    again = await bot.send_photo(user.id, sent.photo[-1].file_id)
    assert again.photo is not None


async def test_blocked_and_never_started_users_get_403(emu: BotAPIEmulator, bot: Bot) -> None:
    stranger = emu.user(1002, "Boris")
    with pytest.raises(TelegramForbiddenError, match="bot can't initiate conversation"):
        await bot.send_message(stranger.id, "hi")
    user = emu.user(1001, "Anna", started=True)
    await bot.send_message(user.id, "hi")
    blocked = asyncio.create_task(user.block_bot())
    await asyncio.sleep(0)
    await bot.get_updates(timeout=0)
    await blocked
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(user.id, "still there?")


async def test_injected_errors_look_like_telegram_and_are_not_rejections(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    user = emu.user(1001, "Anna", started=True)
    emu.inject_error("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(user.id, "hi")
    assert error.value.retry_after == 3
    await bot.send_message(user.id, "hi")
    assert [c.ok for c in emu.calls_of("sendMessage")] == [False, True]
    assert emu.rejections == []


async def test_migrated_group_answers_with_migrate_to_chat_id(emu: BotAPIEmulator) -> None:
    seen: list[int] = []
    dp = Dispatcher()

    @dp.message(F.migrate_to_chat_id)
    async def migrated(message: Message) -> None:
        seen.append(message.migrate_to_chat_id or 0)

    async with polling(emu, dp):
        anna = emu.user(1001, "Anna")
        group = emu.group(-1234, "Sales team", members=[anna])
        await emu.migrate_group(group, -1001234)
    assert seen == [-1001234]
    assert (group.id, group.type) == (-1001234, "supergroup")
    late = make_bot(emu)
    try:
        with pytest.raises(TelegramMigrateToChat) as error:
            await late.send_message(-1234, "hello?")
        assert error.value.migrate_to_chat_id == -1001234
        await late.send_message(group.id, "hello")
    finally:
        await late.session.close()
    assert group.last.text == "hello"


# --- end to end ----------------------------------------------------------------------------------


async def test_round_trip_through_the_real_dispatcher(emu: BotAPIEmulator) -> None:
    async with polling(emu, onboarding_dispatcher()):
        anna = emu.user(1001, "Anna & Co", language_code="ru", username="anna")
        replies = await anna.send("/start")
        assert [m.text for m in replies] == ["Hello, Anna & Co! Ready?"]
        assert replies[0].button_texts == ["Yes ✅"]
        assert replies[0].entities == [{"type": "bold", "offset": 7, "length": 9}]
        result = await anna.press("Yes ✅")
    assert result.answered
    assert result.text == "Saved"
    assert not result.show_alert
    assert [(m.message_id, m.text, m.buttons) for m in result.messages] == [
        (replies[0].message_id, "Great, let's start.", [])
    ]
    assert anna.last.edits == ["Hello, Anna & Co! Ready?"]
    assert anna.last.message_id == 2  # the user's /start was message 1 of the private chat
    assert emu.rejections == []
    assert emu.unanswered_callbacks() == []


async def test_hundreds_of_users_act_concurrently(emu: BotAPIEmulator) -> None:
    async with polling(emu, onboarding_dispatcher()):
        users = [emu.user(2000 + i, f"User {i}") for i in range(300)]
        replies = await asyncio.gather(*(user.send("/start") for user in users))
        results = await asyncio.gather(*(user.press("Yes ✅") for user in users))
    assert all(len(r) == 1 and r[0].chat_id == u.id for r, u in zip(replies, users, strict=True))
    assert all(r.answered and r.messages[0].text == "Great, let's start." for r in results)
    assert emu.rejections == []


async def test_group_privacy_mode_delivers_only_commands_mentions_and_replies(
    emu: BotAPIEmulator,
) -> None:
    seen: list[str] = []
    dp = Dispatcher()

    @dp.message()
    async def any_message(message: Message) -> None:
        seen.append(message.text or "")
        if (message.text or "").startswith("/new"):
            await message.answer("Created")

    async with polling(emu, dp):
        anna, boris = emu.user(1001, "Anna"), emu.user(1002, "Boris")
        group = emu.group(-1001234, "Sales team", members=[anna, boris], type="supergroup")
        assert await anna.send("hello everyone", chat=group) == []
        replies = await anna.send("/new@PartnerFitBot Acme", chat=group)
        assert await boris.send("/new@OtherBot x", chat=group) == []
        await boris.send("thanks", chat=group, reply_to=replies[0])
        await boris.send("@PartnerFitBot hi", chat=group)
    assert seen == ["/new@PartnerFitBot Acme", "thanks", "@PartnerFitBot hi"]
    assert [m.text for m in replies] == ["Created"]
    assert group.last.text == "Created"


async def test_a_handler_returning_a_method_is_waited_for(emu: BotAPIEmulator) -> None:
    dp = Dispatcher()

    @dp.message(CommandStart())
    async def start(message: Message) -> SendMessage:
        return message.answer("sent by aiogram after the handler returned")

    async with polling(emu, dp):
        replies = await emu.user(1001, "Anna").send("/start")
    assert [m.text for m in replies] == ["sent by aiogram after the handler returned"]


async def test_without_attach_waiting_falls_back_to_a_quiet_period(emu: BotAPIEmulator) -> None:
    async with polling(emu, onboarding_dispatcher(), attach=False):
        anna = emu.user(1001, "Anna")
        replies = await anna.send("/start")
    assert [m.text for m in replies] == ["Hello, Anna! Ready?"]


async def test_a_crashing_handler_fails_the_scripted_action(emu: BotAPIEmulator) -> None:
    dp = Dispatcher()

    @dp.message(Command("echo"))
    async def echo(message: Message) -> None:
        await message.answer((message.text or "").removeprefix("/echo "))  # not escaped

    async with polling(emu, dp):
        anna = emu.user(1001, "Anna")
        await anna.send("/echo fine")
        with pytest.raises(AssertionError, match="raised TelegramBadRequest"):
            await anna.send("/echo a<b")
    assert len(emu.handler_errors) == 1
    assert "Unclosed start tag" in (emu.rejections[0].description or "")
