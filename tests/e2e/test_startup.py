"""Start-up against a Telegram that cannot be reached or refuses the token: `main()` says what
to check and exits with its own code, never with a traceback."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.__main__ import build, main
from bot.telegram.startup import REFUSED, UNREACHABLE, Patience, RedactSecrets, check_telegram
from tests.botapi import BotAPIEmulator
from tests.e2e.harness import settings_for


class Waits:
    """A sleep that only records what it was asked to wait."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connections are refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[pytest.MonkeyPatch]:
    """`python -m bot` as started from an empty folder: only what the test sets."""
    monkeypatch.chdir(tmp_path)  # no .env
    for name in ("TELEGRAM_API_URL", "TELEGRAM_PROXY", "WEBHOOK_URL", "WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "data" / "bot.db"))
    monkeypatch.setenv("LOG_LEVEL", "INFO")
    yield monkeypatch
    for handler in logging.getLogger().handlers:  # main() installs it on pytest's handlers
        for kept in [f for f in handler.filters if isinstance(f, RedactSecrets)]:
            handler.removeFilter(kept)


def test_unreachable_telegram_names_the_address_retries_and_exits_69(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    address = f"http://127.0.0.1:{closed_port()}"
    environment.setenv("BOT_TOKEN", "123456789:NEVER-SENT-anywhere")
    environment.setenv("TELEGRAM_API_URL", address)
    waits = Waits()
    code = main([], Patience(first=1, longest=8, total=30, sleep=waits))
    errors = capsys.readouterr().err
    assert code == UNREACHABLE == 69
    assert waits.seconds == [1, 2, 4, 8, 8]  # doubling up to `longest`, until `total` is spent
    assert f"Could not reach the Bot API at {address} (6 attempts in 23 s)" in errors
    assert "Cannot connect to host 127.0.0.1" in errors
    for what in ("network", "TELEGRAM_PROXY", "TELEGRAM_API_URL", "Exit code 69"):
        assert what in errors
    assert "Traceback" not in errors
    assert "NEVER-SENT" not in errors


def test_an_unreachable_proxy_is_named_without_its_password(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port = closed_port()
    environment.setenv("BOT_TOKEN", "123456789:NEVER-SENT-anywhere")
    environment.setenv("TELEGRAM_PROXY", f"socks5://anna:hunter2@127.0.0.1:{port}")
    code = main([], Patience(first=1, longest=1, total=2, sleep=Waits()))
    errors = capsys.readouterr().err
    assert code == UNREACHABLE
    assert (
        "Could not reach the Bot API at https://api.telegram.org through the proxy "
        f"socks5://anna:***@127.0.0.1:{port} (3 attempts in 2 s)."
    ) in errors
    assert f"Couldn't connect to proxy 127.0.0.1:{port}" in errors
    assert "takes the user and password in\nTELEGRAM_PROXY" in errors
    assert "hunter2" not in errors
    assert "Traceback" not in errors


@pytest.mark.parametrize(
    ("proxy", "problem"),
    [
        ("ftp://anna:hunter2@127.0.0.1:21", "should start with http://, https:// or socks5://"),
        ("anna:hunter2@127.0.0.1:1080", "should start with http://, https:// or socks5://"),
        ("socks5://anna:hunter2@127.0.0.1", "should name a host and a port"),
        ("http://anna:hunter2@127.0.0.1:3128/hunter2", "should end with the port"),
    ],
)
def test_a_malformed_proxy_url_is_named_and_exits_2(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], proxy: str, problem: str
) -> None:
    environment.setenv("BOT_TOKEN", "123456789:NEVER-SENT-anywhere")
    environment.setenv("TELEGRAM_PROXY", proxy)
    code = main([], Patience(sleep=Waits()))
    errors = capsys.readouterr().err
    assert code == 2
    assert errors.startswith("Some settings are not valid (see .env.example):\n  TELEGRAM_PROXY: ")
    assert problem in errors
    assert "hunter2" not in errors
    assert "Traceback" not in errors


async def test_a_refused_token_says_so_and_exits_2(emu: BotAPIEmulator, tmp_path: Path) -> None:
    inherited = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))
    }
    env = {
        **inherited,
        "BOT_TOKEN": "42:a-token-Telegram-does-not-know",
        "TELEGRAM_API_URL": emu.base_url,
        "DATABASE_PATH": str(tmp_path / "bot.db"),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
    )
    _, errors = await asyncio.wait_for(process.communicate(), timeout=60)
    text = errors.decode()
    assert process.returncode == 2, text
    assert [call.response["error_code"] for call in emu.calls] == [401]  # asked once, no retry
    assert text == REFUSED.format(address=emu.base_url)
    assert "Traceback" not in text


async def test_start_up_waits_out_a_passing_fault(emu: BotAPIEmulator, tmp_path: Path) -> None:
    settings = settings_for(emu, tmp_path / "bot.db")
    emu.inject_error("getMe", 502, "Bad Gateway", times=2)
    waits = Waits()

    app = await build(settings)
    try:
        me = await check_telegram(app.bot, settings, Patience(sleep=waits))
    finally:
        await app.bot.session.close()
        await app.db.close()
    assert me.username == emu.bot_username
    assert waits.seconds == [1, 2]
