"""TELEGRAM_PROXY: the bot reaches the Bot API only through the proxy, of each kind, and the
proxy's password never shows in a log line."""

from __future__ import annotations

import asyncio
import logging
import ssl
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from pydantic import SecretStr
from yarl import URL

from bot.__main__ import build
from bot.config import Settings
from bot.telegram.startup import RedactSecrets, secrets
from tests.botapi import BotAPIEmulator
from tests.e2e.harness import Running
from tests.e2e.proxy import Kind, Proxy

PASSWORD = "p@ss-w0rd-4-proxy"  # "@" must be written %40 in the URL, and is
NOWHERE = "telegram.test"
"""A name only the test proxy resolves (.test is reserved): a direct connection cannot work."""


def tls_for_proxy(folder: Path, monkeypatch: pytest.MonkeyPatch) -> ssl.SSLContext:
    """A certificate for 127.0.0.1 that the bot trusts (SSL_CERT_FILE) and the proxy serves."""
    cert, key = folder / "proxy.pem", folder / "proxy.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
         "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def start_through(emu: BotAPIEmulator, settings: Settings) -> Running:
    """As conftest's start_bot, with these settings."""
    app = await build(settings)
    emu.attach(app.dispatcher)
    polling = asyncio.create_task(
        app.dispatcher.start_polling(app.bot, handle_signals=False, polling_timeout=1)
    )
    await emu.wait_idle()
    return Running(emu, app, settings, polling)


@pytest.mark.parametrize("kind", ["http", "https", "socks5"])
async def test_the_bot_reaches_telegram_only_through_its_proxy(
    kind: Kind,
    emu: BotAPIEmulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    tls = tls_for_proxy(tmp_path, monkeypatch) if kind == "https" else None
    api = f"http://{NOWHERE}:{URL(emu.base_url).port}"
    hosts = {NOWHERE: "127.0.0.1"}
    async with Proxy(kind, hosts, username="anna", password=PASSWORD, tls=tls) as proxy:
        assert quote(PASSWORD, safe="") in proxy.url
        settings = Settings(
            bot_token=SecretStr(emu.token),
            database_path=tmp_path / "bot.db",
            telegram_api_url=api,
            telegram_proxy=SecretStr(proxy.url),
            log_level="DEBUG",
        )
        running = await start_through(emu, settings)
        try:
            anna = emu.user(1001, "Anna", language_code="en")
            [greeting] = await anna.send("/start")
        finally:
            await running.stop()
    assert greeting.text.startswith("Hi, Anna! I'm PartnerFit")
    assert proxy.refusals == []
    assert proxy.tunnels, "nothing went through the proxy"
    assert set(proxy.tunnels) == {f"{NOWHERE}:{URL(emu.base_url).port}"}
    assert emu.rejections == []
    assert PASSWORD not in caplog.text
    assert quote(PASSWORD, safe="") not in caplog.text


def test_the_proxy_password_is_redacted_from_log_lines() -> None:
    url = f"socks5://anna:{quote(PASSWORD, safe='')}@127.0.0.1:1080"
    settings = Settings(bot_token=SecretStr("42:TOKEN"), telegram_proxy=SecretStr(url))
    redact = RedactSecrets(secrets(settings))
    plain = logging.LogRecord("aiohttp", logging.INFO, __file__, 1, "via %s", (url,), None)
    try:
        raise ConnectionError(f"proxy {url} said no to user anna, password {PASSWORD}")
    except ConnectionError:
        failure = logging.LogRecord("bot", logging.ERROR, __file__, 1, "oh", (), sys.exc_info())
    for record in (plain, failure):
        assert redact.filter(record)
        line = logging.Formatter().format(record)
        assert PASSWORD not in line
        assert quote(PASSWORD, safe="") not in line
        assert "anna" in line
    assert plain.getMessage() == "via socks5://anna:<TELEGRAM_PROXY password>@127.0.0.1:1080"
