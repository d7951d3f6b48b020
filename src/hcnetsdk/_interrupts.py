"""Holding Ctrl-C back across a critical section whose result must not be lost.

A ``KeyboardInterrupt`` cannot interrupt a blocking SDK call: Python raises it at the first
bytecode after the call returns, which may be before the call's result (a user id, a handle) is
owned by anyone. :class:`SigintDeferral` records the signal instead, so that the section can
finish and put the result where it is closed later; the caller then delivers the signal.
"""

from __future__ import annotations

import importlib
import signal
import threading

try:  # the C module: signal.signal() wraps it with enum conversions that cost microseconds
    _fast_signal: Any = importlib.import_module("_signal")
except ImportError:  # pragma: no cover - not CPython
    _fast_signal = signal
from typing import Any

__all__ = ["SigintDeferral"]


class SigintDeferral:
    """Holds a SIGINT back while a session is being opened (main thread only; elsewhere, and
    when SIGINT is ignored or has no Python handler, it does nothing).

    The Python-level handler is swapped for one that only records the signal; :meth:`stop`
    puts the original back and :meth:`deliver` calls it with what was recorded (the default
    handler raises ``KeyboardInterrupt``).
    """

    __slots__ = ("_previous", "pending")

    def __init__(self) -> None:
        self.pending: list[tuple[int, Any]] = []
        self._previous: Any = None
        if threading.current_thread() is not threading.main_thread():
            return
        try:  # one call swaps and tells what was there (getsignal would be a second one)
            previous = _fast_signal.signal(signal.SIGINT, self._record)
        except ValueError:  # not the main interpreter
            return
        if not callable(previous):  # SIG_IGN, SIG_DFL or not set from Python: put it back
            _fast_signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
            return
        self._previous = previous

    def _record(self, signum: int, frame: Any) -> None:
        self.pending.append((signum, frame))

    def stop(self) -> None:
        if self._previous is not None:
            _fast_signal.signal(signal.SIGINT, self._previous)

    def deliver(self) -> None:
        if self.pending and self._previous is not None:
            signum, frame = self.pending[0]
            self.pending.clear()
            self._previous(signum, frame)
