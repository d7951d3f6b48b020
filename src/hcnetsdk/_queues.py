"""The bounded queue between SDK threads and one consumer, with a count of what it dropped."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Generic, TypeVar

__all__ = ["EventQueue"]

T = TypeVar("T")


class EventQueue(Generic[T]):
    """A bounded queue from SDK threads to one consumer: ``put`` never blocks and never raises.

    When full, the newest item is dropped (or, with ``drop_oldest``, the oldest queued one) and
    counted in :attr:`dropped`. After :meth:`close`, everything queued is discarded and ``put``
    refuses (so nothing is delivered after close).
    """

    __slots__ = (
        "_cond",
        "_error",
        "_items",
        "closed",
        "drop_oldest",
        "dropped",
        "maxsize",
        "received",
    )

    def __init__(self, maxsize: int, *, drop_oldest: bool = False) -> None:
        self.maxsize = maxsize
        self.drop_oldest = drop_oldest
        self._items: deque[T] = deque()
        self._cond = threading.Condition(threading.Lock())
        self._error: BaseException | None = None
        self.closed = False
        self.dropped = 0
        """Items refused because the queue was full."""
        self.received = 0
        """Items accepted."""

    def put(self, item: T) -> bool:
        with self._cond:
            if self.closed:
                return False
            if len(self._items) >= self.maxsize:
                self.dropped += 1
                if not self.drop_oldest:
                    return False
                self._items.popleft()
            self._items.append(item)
            self.received += 1
            self._cond.notify()
        return True

    def fail(self, error: BaseException) -> None:
        """Store ``error`` (the first one wins) for the consumer's next :meth:`get`."""
        with self._cond:
            if self._error is None:
                self._error = error
            self._cond.notify_all()

    def get(self, timeout: float | None = None) -> T | None:
        """The next item; None when closed or after ``timeout`` seconds (``closed`` tells which).
        Raises a stored error (once)."""
        with self._cond:
            deadline = None if timeout is None else time.monotonic() + timeout
            while not self._items and not self.closed and self._error is None:
                if deadline is None:
                    self._cond.wait()
                else:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    self._cond.wait(left)
            if self._error is not None:
                error, self._error = self._error, None
                raise error
            if self._items:
                return self._items.popleft()
            return None

    def __len__(self) -> int:
        return len(self._items)

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._items.clear()
            self._cond.notify_all()
