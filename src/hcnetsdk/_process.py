"""Process-wide SDK state: the initialisation count per library, ``os.fork()`` and exit.

``NET_DVR_Init``/``NET_DVR_Cleanup`` are process-wide: the first owner to initialise a library
calls Init, the last to clean up calls Cleanup (:func:`acquire_init`, :func:`release_init`,
under one lock).

Fork (measured on 6.1.9.48): in a child, versions, settings and a login work, but
``NET_DVR_Cleanup`` crashes the child. So after ``os.fork()`` every owner made in the parent
is told (``_forked()``) and refuses all use without calling the SDK, and a library the parent
had initialised is never cleaned up in the child: a child that needs the SDK makes its own
``HCNetSDK``, whose cleanup logs out its sessions and leaves ``NET_DVR_Cleanup`` to the parent.

Exit: an owner still initialised when the interpreter exits (never cleaned up) is cleaned up by
an ``atexit`` hook, before the interpreter finalises.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import weakref
from collections.abc import Callable
from typing import Any, Protocol

from . import _native

__all__ = [
    "Owner",
    "acquire_init",
    "forget_init",
    "init_count",
    "orphan",
    "register",
    "release_init",
]

logger = logging.getLogger("hcnetsdk")
logger.addHandler(logging.NullHandler())  # a library: silent until the app configures logging


class Owner(Protocol):
    """What this module manages: an SDK object's lifecycle."""

    def cleanup(self) -> None: ...

    def _forked(self) -> None: ...


_lock = threading.Lock()
_counts: dict[int, int] = {}
"""Library key -> number of initialised owners using that library."""
_inherited: set[int] = set()
"""Libraries initialised before a fork in an ancestor: never cleaned up in this process."""
_owners: weakref.WeakSet[Owner] = weakref.WeakSet()
_orphans: list[Owner] = []
"""Owners whose SDK object was collected while still initialised: cleaned up at exit."""


def acquire_init(key: int, init: Callable[[], None]) -> None:
    """Count one more owner of ``key``; the first one runs ``init()`` (under the lock)."""
    with _lock:
        count = _counts.get(key, 0)
        if count == 0:
            init()
        _counts[key] = count + 1


def release_init(key: int, cleanup: Callable[[], object]) -> None:
    """Count one owner less; the last one runs ``cleanup()``, unless the library was
    initialised before a fork (the SDK crashes in ``NET_DVR_Cleanup`` in a forked child)."""
    with _lock:
        count = _counts.get(key, 0) - 1
        if count > 0:
            _counts[key] = count
            return
        _counts.pop(key, None)
        logger.info("NET_DVR_Cleanup: the last SDK object of this library is cleaned up")
        if key in _inherited:
            logger.warning(
                "NET_DVR_Cleanup skipped in this process: the SDK was initialised before "
                "os.fork(), and the SDK crashes when a forked child cleans it up"
            )
            return
        cleanup()


def init_count(lib: Any) -> int:
    """How many SDK objects currently hold the initialisation of ``lib`` (for tests)."""
    with _lock:
        return _counts.get(_native.library_key(lib), 0)


def forget_init(lib: Any) -> int:
    """Drop the initialisation count of ``lib`` and return it (for tests that leak one)."""
    with _lock:
        return _counts.pop(_native.library_key(lib), 0)


def register(owner: Owner) -> None:
    """Follow ``owner`` for fork and exit (weakly)."""
    _owners.add(owner)


def orphan(owner: Owner) -> None:
    """Keep ``owner`` alive until exit, when it is cleaned up (its SDK object was collected)."""
    _orphans.append(owner)


def _after_fork_in_child() -> None:
    global _lock  # noqa: PLW0603  (the one lock, replaced in the child)
    _lock = threading.Lock()  # another thread may have held it at the fork
    _inherited.update(key for key, count in _counts.items() if count > 0)
    _counts.clear()
    for owner in [*_owners, *_orphans]:
        owner._forked()
    _orphans.clear()


def _at_exit() -> None:
    """Clean up what is left (closing subscriptions and listeners first), then tell the
    callback bridge that the interpreter is going away."""
    for owner in [*_owners, *_orphans]:
        if getattr(owner, "state", None) == "initialised":
            logger.warning("an HCNetSDK object was never cleaned up: cleaning it up at exit")
        try:
            owner.cleanup()
        except Exception as exc:  # exit goes on; say what failed
            logger.warning("cleanup at exit failed: %s", exc)
    _orphans.clear()
    for hook in _exit_hooks:
        hook()


_exit_hooks: list[Callable[[], None]] = []
"""Run after the exit cleanup (the callback bridge's "exiting" flag)."""


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_at_exit)
