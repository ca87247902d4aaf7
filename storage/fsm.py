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

from storage.cache import Bounded
from storage.db import Database

KEPT = 10_000
"""Conversations whose state is also kept in memory (the most recently used)."""


class SQLiteStorage(BaseStorage):
    """Every change is committed before it counts; reads of a conversation seen lately come
    from memory (this process is the only one writing), as an update reads them several times.
    """

    def __init__(self, db: Database, key_builder: KeyBuilder | None = None) -> None:
        self._db = db
        self._keys = key_builder or DefaultKeyBuilder(with_destiny=True)
        self._kept: Bounded[str, tuple[str | None, str]] = Bounded(KEPT)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        name = self._keys.build(key)
        async with self._db.statement() as tx:
            await tx.fsm_set_state(name, _state(state))
        self._kept.pop(name)  # read again when needed

    async def get_state(self, key: StorageKey) -> str | None:
        state, _ = await self._get(self._keys.build(key))
        return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        name = self._keys.build(key)
        async with self._db.statement() as tx:
            await tx.fsm_set_data(name, json.dumps(dict(data)))
        self._kept.pop(name)

    async def set_step(self, key: StorageKey, state: StateType, data: Mapping[str, Any]) -> None:
        """State and data at once: one commit where aiogram's interface makes two."""
        name, value, raw = self._keys.build(key), _state(state), json.dumps(dict(data))
        async with self._db.statement() as tx:
            await tx.fsm_set(name, value, raw)
        self._kept.put(name, (value, raw))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, raw = await self._get(self._keys.build(key))
        data = json.loads(raw)
        return data if isinstance(data, dict) else {}

    async def _get(self, name: str) -> tuple[str | None, str]:
        if (kept := self._kept.get(name)) is not None:
            return kept
        async with self._db.read() as tx:
            state, raw = await tx.fsm(name)
        self._kept.put(name, (state, raw))
        return state, raw

    async def close(self) -> None:
        """The database belongs to the caller, who closes it."""


def _state(state: StateType) -> str | None:
    return state.state if isinstance(state, State) else state


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

    async def close(self) -> None:
        self._locks.clear()
