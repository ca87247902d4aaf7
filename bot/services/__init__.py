"""Use cases without aiogram: interviews, the longlist, scoring against storage."""
