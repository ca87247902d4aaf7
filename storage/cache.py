"""The one bounded memory used wherever something is kept for later: least recently used
entries go first once `limit` is reached; with `ttl`, an entry also lapses after that long.

Here for the FSM storage's states; the bot keeps rankings, picture file ids, roles and the
people seen in groups in it too.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Bounded(Generic[K, V]):
    def __init__(
        self,
        limit: int,
        *,
        ttl: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.ttl = ttl
        self.clock = clock
        self._items: OrderedDict[K, tuple[V, float]] = OrderedDict()

    def get(self, key: K) -> V | None:
        found = self._items.get(key)
        if found is None:
            return None
        if self.ttl is not None and self.clock() - found[1] >= self.ttl:
            del self._items[key]
            return None
        self._items.move_to_end(key)
        return found[0]

    def age(self, key: K) -> float | None:
        """Seconds since the entry was put; None without one."""
        found = self._items.get(key)
        return None if found is None else self.clock() - found[1]

    def put(self, key: K, value: V) -> None:
        self._items[key] = (value, self.clock())
        self._items.move_to_end(key)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)

    def pop(self, key: K) -> None:
        self._items.pop(key, None)

    def drop(self, where: Callable[[K], bool]) -> None:
        """Forget every entry whose key matches."""
        for key in [k for k in self._items if where(k)]:
            del self._items[key]

    def clear(self) -> None:
        self._items.clear()

    def __contains__(self, key: K) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return len(self._items)
