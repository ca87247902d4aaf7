"""A bare aiogram bot that makes the three Bot API calls an answer press needs and nothing
else: the ceiling for PartnerFit's answers per second in bench/bench.py.

PRODUCT.md §2 asks for all three: the press is answered, the answered question is edited to
show the choice without its buttons, and the next question follows as a message of its own.
The texts and buttons are the size of PartnerFit's; there is no storage and no logic.
"""

from __future__ import annotations

import asyncio
import os

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

QUESTION = (
    "Раздел 2/9 · Продукт и рынок · вопрос 5 из 24\n▰▰▰▱▱▱▱▱▱▱ 17%\n\n"
    "<b>Насколько продукт партнёра дополняет наш?</b>\n"
    "<i>Пересекаются ли клиенты, закрывает ли он пробелы в нашем предложении.</i>\n\n"
    "1 — конкурирует с нами\n3 — соседний продукт\n5 — прямо дополняет"
)


def keyboard(number: int) -> InlineKeyboardMarkup:
    def button(text: str, data: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=text, callback_data=f"a:1:{number}:{data}")

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(str(rating), str(rating)) for rating in range(1, 6)],
            [button("Не знаю", "0")],
            [button("◀ Назад", "b"), button("⏸ Пауза", "p")],
        ]
    )


async def start(message: Message) -> None:
    await message.answer(QUESTION, reply_markup=keyboard(1))


async def pressed(query: CallbackQuery) -> None:
    number = int((query.data or "a:1:1").split(":")[2])
    await query.answer("Сохранено: 4")
    if isinstance(query.message, Message):
        await query.message.edit_text(f"{QUESTION}\n\n✅ <b>4</b>", reply_markup=None)
        await query.message.answer(QUESTION, reply_markup=keyboard(number + 1))


async def main() -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    default = DefaultBotProperties(parse_mode=ParseMode.HTML)
    bot = Bot(os.environ["BOT_TOKEN"], session=session, default=default)
    dispatcher = Dispatcher()
    dispatcher.message.register(start)
    dispatcher.callback_query.register(pressed)
    await dispatcher.start_polling(bot)


if __name__ == "__main__":
    asyncio.run(main())
