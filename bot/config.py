"""Settings from the environment or `.env` (see `.env.example`)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    database_path: Path = Path("data/partnerfit.db")
    telegram_api_url: str | None = None
    """Base URL of a Bot API server, such as http://127.0.0.1:8081; Telegram's own when unset."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    webhook_url: str | None = None
    """Public HTTPS address Telegram posts updates to; set, the bot runs a webhook server."""
    webhook_secret: SecretStr | None = None
    """Required with a webhook: Telegram sends it in X-Telegram-Bot-Api-Secret-Token."""
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8080

    @field_validator(
        "bot_token", "telegram_api_url", "webhook_url", "webhook_secret", mode="before"
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """`BOT_TOKEN=` as copied from .env.example means "not set"."""
        return None if isinstance(value, str) and not value.strip() else value
