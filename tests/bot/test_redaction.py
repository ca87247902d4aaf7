"""The proxy's password is taken out of every log line, wherever in the line it shows."""

from __future__ import annotations

import logging
import sys
from urllib.parse import quote

from pydantic import SecretStr

from bot.config import Settings
from bot.telegram.startup import RedactSecrets, secrets
from tests.data import PROXY_PASSWORD


def test_the_proxy_password_is_redacted_from_log_lines() -> None:
    url = f"socks5://anna:{quote(PROXY_PASSWORD, safe='')}@127.0.0.1:1080"
    settings = Settings(bot_token=SecretStr("42:TOKEN"), telegram_proxy=SecretStr(url))
    redact = RedactSecrets(secrets(settings))
    plain = logging.LogRecord("aiohttp", logging.INFO, __file__, 1, "via %s", (url,), None)
    try:
        raise ConnectionError(f"proxy {url} said no to user anna, password {PROXY_PASSWORD}")
    except ConnectionError:
        failure = logging.LogRecord("bot", logging.ERROR, __file__, 1, "oh", (), sys.exc_info())
    for record in (plain, failure):
        assert redact.filter(record)
        line = logging.Formatter().format(record)
        assert PROXY_PASSWORD not in line
        assert quote(PROXY_PASSWORD, safe="") not in line
        assert "anna" in line
    assert plain.getMessage() == "via socks5://anna:<TELEGRAM_PROXY password>@127.0.0.1:1080"
