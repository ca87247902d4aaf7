"""TELEGRAM_PROXY: the bot reaches the Bot API only through the proxy, of each kind, and the
proxy's password never shows in a log line (the redaction itself: tests/bot/test_redaction.py)."""

from __future__ import annotations

import logging
import ssl
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from pydantic import SecretStr
from yarl import URL

from bot.config import Settings
from tests.botapi import BotAPIEmulator
from tests.data import PROXY_PASSWORD
from tests.e2e.harness import start_with
from tests.e2e.proxy import Kind, Proxy

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
    async with Proxy(kind, hosts, username="anna", password=PROXY_PASSWORD, tls=tls) as proxy:
        assert quote(PROXY_PASSWORD, safe="") in proxy.url
        settings = Settings(
            bot_token=SecretStr(emu.token),
            database_path=tmp_path / "bot.db",
            telegram_api_url=api,
            telegram_proxy=SecretStr(proxy.url),
            log_level="DEBUG",
        )
        running = await start_with(emu, settings)
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
    assert PROXY_PASSWORD not in caplog.text
    assert quote(PROXY_PASSWORD, safe="") not in caplog.text
