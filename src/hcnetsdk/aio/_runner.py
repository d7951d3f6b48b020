"""The worker pool of :class:`~hcnetsdk.aio.AsyncHCNetSDK`: blocking calls off the event loop.

Walkthrough of one call (``await runner.run(fn, *args, undo=...)``):

1. On the loop: the call is refused once the runner is closing (``SDKClosedError``); else
   ``fn`` is submitted to the runner's own bounded ``ThreadPoolExecutor``.
2. On a worker thread: ``fn(*args)`` runs whole, the SDK call and the reading of its last error
   together (the error is per thread; the synchronous layer's errcheck reads it right after the
   call). Then, under a small lock, the worker either hands the result over or, when the
   awaiting task was cancelled meanwhile, gives it back itself with ``undo(result)`` (a login
   is logged out, a subscription closed): nothing opened for a task that is gone is left open.
3. Back to the loop with ``loop.call_soon_threadsafe`` (a closed loop is never called: the
   ``RuntimeError`` of a closed loop is swallowed there, as nobody awaits any more).

Cancellation: a call still queued is cancelled for real (it never runs). A call already
running cannot be interrupted (the SDK call runs to its own timeout); its result is abandoned
and undone as above, after the task's ``CancelledError`` (a login is not awaited to its
timeout) or, with ``wait_undo=True``, before it (a download's start: once the cancelled task
ends, its file is gone; a second cancel stops that wait). ``close()`` refuses new calls,
cancels queued ones and waits, on a thread of its own (never blocking the loop), for the running
ones and their undos.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from ..errors import SDKClosedError

__all__ = ["DEFAULT_WORKERS", "Runner", "off_loop"]

logger = logging.getLogger("hcnetsdk")

T = TypeVar("T")

DEFAULT_WORKERS = 256
"""Worker threads of an AsyncHCNetSDK at most: enough for a fleet of logins in parallel (threads
are started only when calls wait for one, and idle ones are reused)."""


class _Handoff(Generic[T]):
    """Who owns the result of a running call: the awaiting task, or (cancelled) the undo."""

    __slots__ = ("abandoned", "delivered", "lock", "undo")

    def __init__(self, undo: Callable[[T], object] | None) -> None:
        self.lock = threading.Lock()
        self.abandoned = False
        self.delivered = False
        self.undo = undo

    def finish(self, result: T) -> T:
        """On the worker, right after the call returned."""
        with self.lock:
            give_back = self.abandoned
            self.delivered = not give_back
        if give_back:
            run_undo(self.undo, result)
        return result

    def abandon(self) -> bool:
        """On the loop, when the awaiting task was cancelled: True if the worker had already
        handed the result over (then the caller undoes it)."""
        with self.lock:
            self.abandoned = True
            return self.delivered


def run_undo(undo: Callable[[T], object] | None, result: T) -> None:
    """Give back what a cancelled call opened; failures are logged (nobody awaits them)."""
    if undo is None:
        return
    try:
        undo(result)
    except Exception as exc:
        logger.warning("undoing the result of a cancelled call failed: %s", exc)


def _copy_state(target: asyncio.Future[Any], source: concurrent.futures.Future[Any]) -> None:
    """On the loop: the worker's outcome into the awaited future (unless it was cancelled)."""
    if target.done():
        return
    if source.cancelled():
        target.set_exception(SDKClosedError("the AsyncHCNetSDK was closed before the call ran"))
        return
    error = source.exception()
    if error is not None:
        target.set_exception(error)
    else:
        target.set_result(source.result())


def bridge(
    loop: asyncio.AbstractEventLoop, source: concurrent.futures.Future[T]
) -> asyncio.Future[T]:
    """An asyncio future completed from ``source`` through ``call_soon_threadsafe``."""
    target: asyncio.Future[T] = loop.create_future()

    def done(finished: concurrent.futures.Future[T]) -> None:
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody awaits any more
            loop.call_soon_threadsafe(_copy_state, target, finished)

    source.add_done_callback(done)
    return target


async def off_loop(fn: Callable[[], T], name: str) -> T:
    """Run ``fn`` on a one-off thread (for closing, when no worker may be used) and await it.
    The thread runs to its end even when the awaiting task is cancelled."""
    loop = asyncio.get_running_loop()
    source: concurrent.futures.Future[T] = concurrent.futures.Future()

    def target() -> None:
        if not source.set_running_or_notify_cancel():
            return
        try:
            result = fn()
        except BaseException as exc:
            source.set_exception(exc)
        else:
            source.set_result(result)

    thread = threading.Thread(target=target, name=name, daemon=True)
    future = bridge(loop, source)
    thread.start()
    result = await future
    thread.join()  # it has set the result: only its return is left (no thread stays behind)
    return result


class Runner:
    """The bounded worker pool, the calls in flight and the closing of both."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="hcnetsdk-aio"
        )
        self._in_flight: set[concurrent.futures.Future[Any]] = set()
        self._lock = threading.Lock()
        self.closing = False
        self.closed = False

    @property
    def in_flight(self) -> int:
        """Calls submitted and not finished (queued or running)."""
        with self._lock:
            return len(self._in_flight)

    def _forget(self, future: concurrent.futures.Future[Any]) -> None:
        with self._lock:
            self._in_flight.discard(future)

    def submit(self, work: Callable[[], T]) -> concurrent.futures.Future[T]:
        """Queue ``work`` on a worker; SDKClosedError once closing."""
        with self._lock:
            if self.closing:
                raise SDKClosedError("this AsyncHCNetSDK is closed; create a new one")
            future = self._executor.submit(work)
            self._in_flight.add(future)
        future.add_done_callback(self._forget)
        return future

    async def run(
        self,
        fn: Callable[..., T],
        *args: Any,
        undo: Callable[[T], object] | None = None,
        wait_undo: bool = False,
        **kwargs: Any,
    ) -> T:
        """``fn(*args, **kwargs)`` on a worker; see the module documentation for cancellation."""
        loop = asyncio.get_running_loop()
        handoff: _Handoff[T] = _Handoff(undo)
        source = self.submit(lambda: handoff.finish(fn(*args, **kwargs)))
        try:
            return await bridge(loop, source)
        except asyncio.CancelledError:
            if source.cancel():
                raise  # it never ran
            # Handed over just before the cancel: the result is (or is about to be) in `source`;
            # give it back on a worker, never on the loop. Else the worker undoes it itself.
            undone: concurrent.futures.Future[Any] | None = (
                self._undo_later(source, undo) if handoff.abandon() else source
            )
            if wait_undo and undone is not None:
                with contextlib.suppress(Exception):  # a failed call opened nothing
                    await asyncio.shield(bridge(loop, undone))
            raise

    def _undo_later(
        self, source: concurrent.futures.Future[T], undo: Callable[[T], object] | None
    ) -> concurrent.futures.Future[None] | None:
        if undo is None:
            return None
        with contextlib.suppress(SDKClosedError):  # closing: the SDK's cleanup closes the rest
            return self.submit(lambda: run_undo(undo, source.result()))
        return None

    def shutdown(self) -> None:
        """Blocking (call it off the loop): refuse new work, cancel queued work, wait for the
        running calls and their undos."""
        with self._lock:
            self.closing = True
        self._executor.shutdown(wait=True, cancel_futures=True)
        self.closed = True
