"""A small store of recent answers, for readers that can tell when one stops being true.

Keys carry what makes an answer true (a snapshot's id and stamp, a store's
:attr:`~custvalue.data.db.Database.generation`), so an answer is never served past it;
the oldest go first when the store is full. Thread-safe (a server's requests share it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

__all__ = ["Recent"]


class Recent:
    """Up to ``size`` answers by key, the least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
