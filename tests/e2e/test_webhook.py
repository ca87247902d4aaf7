"""Webhook mode refuses requests without Telegram's secret."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest
from pydantic import SecretStr
from yarl import URL

from bot import webhook
from bot.__main__ import build
from tests.botapi import BotAPIEmulator
from tests.e2e.harness import settings_for


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def update(update_id: int, user_id: int, text: str) -> dict[str, object]:
    person = {"id": user_id, "is_bot": False, "first_name": "Anna", "language_code": "ru"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_780_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "Anna"},
            "from": person,
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


@pytest.mark.parametrize(
    "written",
    [
        "https://bot.example.com/telegram",  # as the README writes it
        "https://bot.example.com/telegram/",
        "https://bot.example.com",
    ],
)
async def test_the_webhook_needs_the_secret(
    emu: BotAPIEmulator, tmp_path: Path, written: str
) -> None:
    port = free_port()
    settings = settings_for(emu, tmp_path / "bot.db").model_copy(
        update={
            "webhook_url": written,
            "webhook_secret": SecretStr("s3cret-token_123"),
            "webhook_port": port,
        }
    )
    emu.user(1001, "Anna", language_code="ru", started=True)
    app = await build(settings)
    runner = await webhook.start(app.dispatcher, app.bot, settings)
    try:
        [hook] = emu.calls_of("setWebhook")
        assert hook.params["url"] == "https://bot.example.com/telegram"
        assert hook.params["secret_token"] == "s3cret-token_123"
        # Telegram posts to the registered path, which the server must serve.
        url = f"http://127.0.0.1:{port}{URL(str(hook.params['url'])).path}"
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(url, json=update(1, 1001, "/help"), headers=headers) as r:
                    assert r.status == 401
            assert emu.calls_of("sendMessage") == []
            right = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token_123"}
            async with http.post(url, json=update(2, 1001, "/help"), headers=right) as r:
                assert r.status == 200
        [reply] = emu.calls_of("sendMessage")
        assert str(reply.params["chat_id"]) == "1001"
        assert "PartnerFit" in str(reply.params["text"])
    finally:
        await runner.cleanup()
        await app.bot.session.close()
        await app.db.close()
