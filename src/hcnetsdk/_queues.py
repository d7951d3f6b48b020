"""The bounded queue between SDK threads and one consumer, with a count of what it dropped.

Built on ``queue.SimpleQueue`` (its put and get are implemented in C): an SDK thread pays one
size check and one put per item. The counters and the drop decision are made under a small lock
(several SDK threads may deliver to one queue); the consumer's wait is SimpleQueue's own.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from typing import Any, Generic, TypeVar

__all__ = ["EventQueue"]

T = TypeVar("T")

LINGER = 0.0005
"""Default :attr:`EventQueue.linger`: the most a batch waits under sustained load."""

_WAKE: Any = object()
"""Put by close() and fail() to wake a waiting consumer; never returned."""


class EventQueue(Generic[T]):
    """A bounded queue from SDK threads to one consumer: ``put`` never blocks and never raises.

    When full, the newest item is dropped (or, with ``drop_oldest``, the oldest queued one) and
    counted in :attr:`dropped`. After :meth:`close`, ``put`` refuses and ``get`` returns None:
    nothing is delivered after close.
    """

    __slots__ = (
        "_busy",
        "_error",
        "_lock",
        "_q",
        "closed",
        "drop_oldest",
        "dropped",
        "linger",
        "maxsize",
        "received",
    )

    def __init__(self, maxsize: int, *, drop_oldest: bool = False, linger: float = LINGER) -> None:
        self.maxsize = maxsize
        self.drop_oldest = drop_oldest
        self.linger = linger
        """Seconds the consumer lets items gather under sustained load (see :meth:`get`)."""
        self._busy = False
        self._q: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._error: BaseException | None = None
        self.closed = False
        self.dropped = 0
        """Items dropped because the queue was full."""
        self.received = 0
        """Items accepted."""

    def put(self, item: T) -> bool:
        with self._lock:
            if self.closed:
                return False
            if self._q.qsize() >= self.maxsize:
                self.dropped += 1
                if not self.drop_oldest:
                    return False
                with contextlib.suppress(queue.Empty):  # unless the consumer took it meanwhile
                    self._q.get_nowait()
            self.received += 1
            self._q.put(item)
        return True

    def fail(self, error: BaseException) -> None:
        """Store ``error`` (the first one wins) for the consumer's next :meth:`get`."""
        with self._lock:
            if self._error is None:
                self._error = error
        self._q.put(_WAKE)

    def get(self, timeout: float | None = None) -> T | None:
        """The next item; None when closed or after ``timeout`` seconds (``closed`` tells which).
        Raises a stored error (once).

        Adaptive batching: a consumer that keeps up would otherwise be woken by the SDK's thread
        for every item, and each wake hands the GIL back and forth between the two threads
        (most of the cost at high rates). So when the queue runs empty right after a wait that
        yielded items (sustained load), the consumer first sleeps :attr:`linger` seconds, letting
        the SDK's thread queue a batch without waking anyone, and only blocks when that sleep
        gathered nothing. Under load an item waits at most ``linger`` longer; an item arriving
        after a quiet spell wakes the consumer at once.
        """
        if self._error is None and not self.closed:  # fast path: an item is waiting
            try:
                item = self._q.get_nowait()
            except queue.Empty:
                pass
            else:
                closed = self._is_closed()  # read afresh: close() may have run meanwhile
                if item is not _WAKE and not closed:
                    self._busy = True
                    return item  # type: ignore[no-any-return]
                if item is _WAKE and closed:
                    self._q.put(_WAKE)  # for any other waiter
                    return None
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            self._raise_error()
            if self._is_closed():
                return None
            try:
                item = self._q.get_nowait()
            except queue.Empty:
                remaining = None if deadline is None else deadline - time.monotonic()
                if self._busy and (remaining is None or remaining > self.linger):
                    self._busy = False
                    time.sleep(self.linger)
                    try:
                        item = self._q.get_nowait()
                    except queue.Empty:
                        continue
                else:
                    try:
                        item = self._q.get(timeout=None if remaining is None else max(remaining, 0))
                    except queue.Empty:
                        return None
            if item is _WAKE:
                if self._is_closed():
                    self._q.put(_WAKE)  # for any other waiter
                continue
            if self._is_closed():  # closed while it waited: nothing after close
                return None
            self._busy = True
            return item  # type: ignore[no-any-return]

    def _is_closed(self) -> bool:
        return self.closed  # read afresh each time (another thread closes)

    def _raise_error(self) -> None:
        if self._error is not None:
            with self._lock:
                error, self._error = self._error, None
            if error is not None:
                raise error

    def __len__(self) -> int:
        return 0 if self.closed else self._q.qsize()

    def close(self) -> None:
        with self._lock:
            self.closed = True
            while True:  # drop what is queued
                try:
                    self._q.get_nowait()
                except queue.Empty:
                    break
        self._q.put(_WAKE)
