"""Settings from the environment or `.env` (see `.env.example`)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROXY_SCHEMES = ("http", "https", "socks5")
"""What TELEGRAM_PROXY may be; aiohttp-socks speaks each (https: HTTP CONNECT over TLS)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    database_path: Path = Path("data/partnerfit.db")
    telegram_api_url: str | None = None
    """Base URL of a Bot API server, such as http://127.0.0.1:8081; Telegram's own when unset."""
    telegram_proxy: SecretStr | None = None
    """A proxy to reach the Bot API through: http://, https:// or socks5://, with `user:pass@`
    if it asks for them. Secret, since the URL carries the proxy's password."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    webhook_url: str | None = None
    """Public HTTPS address Telegram posts updates to; set, the bot runs a webhook server."""
    webhook_secret: SecretStr | None = None
    """Required with a webhook: Telegram sends it in X-Telegram-Bot-Api-Secret-Token."""
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8080

    @field_validator(
        "bot_token",
        "telegram_api_url",
        "telegram_proxy",
        "webhook_url",
        "webhook_secret",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """`BOT_TOKEN=` as copied from .env.example means "not set"."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_proxy")
    @classmethod
    def _a_proxy_url(cls, value: SecretStr | None) -> SecretStr | None:
        """Refused here, in words, rather than as a traceback from the first request.

        The messages never quote the URL: it may hold the password.
        """
        if value is None:
            return None
        url = urlsplit(value.get_secret_value().strip())
        if url.scheme not in PROXY_SCHEMES or not url.netloc:
            raise ValueError(
                "should start with http://, https:// or socks5:// (such as "
                "socks5://user:password@127.0.0.1:1080), not with "
                + (f"{url.scheme}://" if url.netloc else "a host name")
            )
        try:
            port = url.port
        except ValueError:
            port = None
        if not url.hostname or port is None:
            raise ValueError("should name a host and a port (1–65535), as in http://10.0.0.1:3128")
        if url.path.strip("/") or url.query or url.fragment:
            raise ValueError("should end with the port: a proxy's address has no path")
        return SecretStr(urlunsplit(url._replace(path="")))


def invalid(error: ValidationError) -> str:
    """A line per wrong setting, by its variable's name; never its value, which may be secret."""
    lines = []
    for problem in error.errors(include_url=False, include_input=False):
        name = "_".join(str(part) for part in problem["loc"]).upper()
        lines.append(f"  {name}: {problem['msg'].removeprefix('Value error, ')}\n")
    return "".join(lines)
