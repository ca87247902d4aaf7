"""aiogram FSM state kept in SQLite, so a conversation survives a restart; and event isolation."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseEventIsolation,
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)

from storage.db import Database


class SQLiteStorage(BaseStorage):
    def __init__(self, db: Database, key_builder: KeyBuilder | None = None) -> None:
        self._db = db
        self._keys = key_builder or DefaultKeyBuilder(with_destiny=True)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        async with self._db.transaction() as tx:
            await tx.fsm_set_state(self._keys.build(key), value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._db.read() as tx:
            return await tx.fsm_state(self._keys.build(key))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        async with self._db.transaction() as tx:
            await tx.fsm_set_data(self._keys.build(key), json.dumps(dict(data)))

    async def set_step(self, key: StorageKey, state: StateType, data: Mapping[str, Any]) -> None:
        """State and data at once: one commit where aiogram's interface makes two."""
        value = state.state if isinstance(state, State) else state
        async with self._db.transaction() as tx:
            await tx.fsm_set(self._keys.build(key), value, json.dumps(dict(data)))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._db.read() as tx:
            raw = await tx.fsm_data(self._keys.build(key))
        data = json.loads(raw) if raw else {}
        return data if isinstance(data, dict) else {}

    async def close(self) -> None:
        """The database belongs to the caller, who closes it."""


class LockingEventIsolation(BaseEventIsolation):
    """One update at a time per chat and person, so a double tap is handled once, in order.

    aiogram's SimpleEventIsolation keeps a lock per key forever; this one drops a lock when
    nobody holds or waits for it.
    """

    def __init__(self, key_builder: KeyBuilder | None = None) -> None:
        self._keys = key_builder or DefaultKeyBuilder(with_destiny=True)
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        name = self._keys.build(key)
        lock, users = self._locks.get(name, (asyncio.Lock(), 0))
        self._locks[name] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            _, users = self._locks.pop(name, (lock, 1))  # close() may have forgotten it
            if users > 1:
                self._locks[name] = (lock, users - 1)

    def queued(self, key: StorageKey) -> int:
        """How many updates of this chat and person wait behind the one being handled."""
        _, users = self._locks.get(self._keys.build(key), (None, 1))
        return users - 1

    async def close(self) -> None:
        self._locks.clear()
