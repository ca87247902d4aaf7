"""A strict Telegram Bot API emulator and scripted users for end-to-end tests.

The bot under test runs its real aiogram Dispatcher (long polling) against
``BotAPIEmulator`` on 127.0.0.1::

    emu = BotAPIEmulator()
    await emu.start()
    session = AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))
    bot = Bot(emu.token, session=session)
    emu.attach(dp)                      # deterministic waiting for handled updates
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False))
    anna = emu.user(1001, "Anna", language_code="ru")
    replies = await anna.send("/start")  # the bot messages sent/edited in reply
    result = await anna.press("Yes")     # CallbackResult
    assert not emu.rejections and not emu.unanswered_callbacks()

The emulator answers like Telegram, errors included (HTTP status == error_code), so aiogram
raises its usual exceptions; everything it refused is in ``emu.rejections``.  Things to know:

* A user can't be messaged before writing to the bot (403 "bot can't initiate conversation
  with a user"), unless created with ``emu.user(..., started=True)``.
* Groups have the bot as a member (``bot_status="left"`` for one it is not in yet) and
  privacy mode is on: in groups the bot only gets commands, mentions and replies to it.
* Updates of types the bot did not ask for (aiogram derives ``allowed_updates`` from its
  handlers) are never created; acting with them returns at once.
* A handler that raises makes the scripted action fail with AssertionError
  (``BotAPIEmulator(fail_on_handler_error=False)`` to allow it; ``emu.handler_errors``).
* Messages returned by actions are snapshots; ``user.messages`` is the current state.
"""

from .client import Group, ScriptedUser
from .html import TelegramHTMLError, parse_html
from .models import BotMessage, Call, CallbackResult
from .server import BotAPIEmulator

__all__ = [
    "BotAPIEmulator",
    "BotMessage",
    "Call",
    "CallbackResult",
    "Group",
    "ScriptedUser",
    "TelegramHTMLError",
    "parse_html",
]
