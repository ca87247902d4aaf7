"""Reaching the Bot API through TELEGRAM_PROXY: aiogram's own session, with aiohttp-socks."""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiohttp_socks import ProxyConnectionError, ProxyError, ProxyTimeoutError

if TYPE_CHECKING:
    from aiogram import Bot

PROXY_FAILURES = (ProxyConnectionError, ProxyError, ProxyTimeoutError)


class ProxySession(AiohttpSession):
    """aiogram's `AiohttpSession(proxy=...)`, with two things it leaves out.

    - An https:// proxy (HTTP CONNECT over TLS): aiohttp-socks reads only http:// and socks5://
      URLs, and speaks TLS to the proxy when its connector gets `proxy_ssl`, which aiogram has
      no option for.
    - The proxy's own failures (refused, wrong password, timed out) come from aiohttp-socks as
      exceptions of its own, which aiogram lets through as they are. Raised as
      TelegramNetworkError, they are retried and reported like any other network fault.
    """

    def __init__(self, url: str, **kwargs: Any) -> None:
        parts = urlsplit(url)
        tls = parts.scheme == "https"
        super().__init__(proxy=urlunsplit(parts._replace(scheme="http")) if tls else url, **kwargs)
        if tls:
            # The system's certificates (and SSL_CERT_FILE), not certifi's as for Telegram: a
            # proxy on a company network is signed by the company's own authority.
            self._connector_init["proxy_ssl"] = ssl.create_default_context()

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature, overridden)
    ) -> TelegramType:
        try:
            return await super().make_request(bot, method, timeout)
        except PROXY_FAILURES as exc:
            message = f"{type(exc).__name__}: {exc}"
            raise TelegramNetworkError(method=method, message=message) from exc


def shown(url: str) -> str:
    """The proxy's URL as messages may show it: the password hidden."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def passwords(url: str) -> list[str]:
    """The proxy's password as the URL writes it and as the proxy receives it (%40 and @)."""
    password = urlsplit(url).password
    return [] if not password else sorted({password, unquote(password)})
