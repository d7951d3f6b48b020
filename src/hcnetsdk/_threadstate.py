"""SDK threads keep their Python thread state between callbacks (the biggest cost of a callback).

A ctypes callback entered on a thread Python did not start (every SDK thread) takes the GIL with
``PyGILState_Ensure``: the thread has no Python thread state, so one is created for the call and
destroyed when the callback returns. That pair is most of what a callback costs: measured on the
simulator, an empty callback took about 17 us, and 1.6 us once its thread kept its state.

:func:`pin`, called first in every trampoline, makes the thread keep it: one extra
``PyGILState_Ensure`` (never released) on the thread's first callback raises the thread's
gilstate count, so the ``PyGILState_Release`` at the end of each callback no longer deletes it.

What it costs and why it is safe:

* one thread state (a few KB) per pinned thread for the life of the process. At most
  :data:`MAX_PINNED` threads are pinned (a pinned thread that ends leaves its state behind);
  further threads (an SDK that starts a thread per connection) simply pay the usual price.
* nothing changes for Python code: the GIL is taken and released exactly as before; the state
  only outlives the call. At interpreter exit the SDK is cleaned up (its threads stopped, see
  :mod:`hcnetsdk._process`) before the interpreter finalises, as without pinning.
* where ``ctypes.pythonapi`` is not available, pinning is off and callbacks work as before.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable

__all__ = ["MAX_PINNED", "pin", "pinned_count"]

MAX_PINNED = 64
"""The most SDK threads that keep a thread state."""


def _gilstate_ensure() -> Callable[[], int] | None:
    try:
        function = ctypes.pythonapi.PyGILState_Ensure
    except (AttributeError, OSError):  # pragma: no cover - not CPython
        return None
    function.restype = ctypes.c_int
    function.argtypes = ()
    return function


_ensure = _gilstate_ensure()
_local = threading.local()
"""Holds ``pinned`` in every thread state pin() has seen: a fresh thread state (a new thread, or
one whose state was not kept) lacks it. Thread ids would not do: they are reused."""
_count = 0
_get_ident = threading.get_ident
_python_threads: dict[int, object] = getattr(threading, "_active", {})
"""The threads Python started, by id (``threading``'s own table)."""


def pin() -> None:
    """Called with the GIL held, from a callback: keep this thread's Python thread state."""
    global _count  # noqa: PLW0603  (a counter, changed with the GIL held)
    try:
        _local.pinned  # noqa: B018  (present: this thread state is already kept)
        return
    except AttributeError:
        pass
    _local.pinned = True
    if _ensure is None or _count >= MAX_PINNED or _get_ident() in _python_threads:
        return  # a thread Python started keeps its state anyway
    _count += 1
    _ensure()


def pinned_count() -> int:
    """How many thread states were pinned (for tests and diagnostics)."""
    return _count
