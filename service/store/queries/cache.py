"""A small cache for answers that are expensive to compute and asked for repeatedly: gap reports
(TF-IDF matching of every upstream item against a jurisdiction's documents, ~50 ms on the corpus).

Entries live `seconds` at most; every write made through this process (a job stored, a correction)
clears the cache at once, so people using the service never see a stale report. Writes from outside
(`vanban ingest` on the same database, another server process on PostgreSQL) show within `seconds`.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class ReportCache:
    def __init__(self, seconds: float, size: int = 128) -> None:
        self.seconds = seconds
        self.size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[float, int, Any]] = OrderedDict()
        self._generation = 0

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
            generation = self._generation
            if hit is not None and hit[0] > now and hit[1] == generation:
                self._entries.move_to_end(key)
                return hit[2]
        value = make()  # outside the lock: two callers may both compute; the answers are the same
        with self._lock:
            if generation == self._generation and self.seconds > 0:
                self._entries[key] = (now + self.seconds, generation, value)
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._generation += 1  # a computation under way when the store changed is not kept
            self._entries.clear()
