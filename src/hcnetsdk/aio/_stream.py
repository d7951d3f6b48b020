"""An async iterator over any closable, blocking iterator (an event subscription, a stream).

How items travel: the synchronous resource (e.g. :class:`~hcnetsdk.EventSubscription`) already
receives from the SDK's threads into its own bounded queue (with its drop counter). One pump
thread per :class:`AsyncStream` iterates it and hands each item to the loop with
``loop.call_soon_threadsafe``; the pump first takes one of ``queue_size`` slots, which the
consumer gives back as it takes items, so at most ``queue_size`` items wait on the loop's side
and a slow consumer makes the synchronous queue fill (and count its drops) instead of memory
growing. The pump never calls a closed loop.

Closing (``aclose()``, leaving ``async with``, the end of a bare ``async for``, the device's
logout or the SDK's close): the resource is closed on a worker thread (never on the loop), which
ends the pump's blocking iteration, then the pump thread is joined, also off the loop. After
``aclose()`` returns, nothing more is delivered and no thread of the stream is left.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ..errors import SDKClosedError
from ._runner import Runner, off_loop

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["AsyncStream", "ClosableIterator"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

_END: Any = object()


class ClosableIterator(Protocol[T_co]):
    """What :class:`AsyncStream` adapts: a blocking iterator that ``close()`` ends (from any
    thread) and that stops iterating once closed."""

    def __iter__(self) -> Iterator[T_co]: ...

    def __next__(self) -> T_co: ...

    def close(self) -> None: ...


class AsyncStream(Generic[T]):
    """Items of a synchronous resource, as an async iterator and an async context manager.

    ``async with device.events() as events: async for event in events: ...`` keeps it open for
    the whole block (iterate it as often as you like), as does ``await stream.open()`` until
    ``aclose()``; a bare ``async for event in device.events():`` closes it when the loop ends
    (``break`` included).
    """

    def __init__(
        self,
        runner: Runner,
        opener: Callable[[], ClosableIterator[T]],
        *,
        label: str,
        queue_size: int,
        on_close: Callable[[AsyncStream[Any]], None] = lambda stream: None,
    ) -> None:
        self._runner = runner
        self._opener = opener
        self.label = label
        """What the stream is of (e.g. ``events admin@127.0.0.1:8000``)."""
        self._slots = threading.Semaphore(queue_size)
        self._items: deque[Any] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self._source: ClosableIterator[T] | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._opening: asyncio.Task[None] | None = None
        self._closed = False
        self._stopping = False
        self._managed = False
        self._closing: asyncio.Future[None] | None = None
        self._on_close = on_close

    # --- state -------------------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        """True once :meth:`aclose` ran (or the stream ended)."""
        return self._closed

    @property
    def source(self) -> ClosableIterator[T] | None:
        """The synchronous resource once opened (e.g. the EventSubscription, for ``dropped``)."""
        return self._source

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open" if self._source is not None else "not opened"
        return f"<AsyncStream {self.label} {state}>"

    # --- opening -------------------------------------------------------------------------------
    async def open(self) -> Self:
        """Open the resource on a worker (cancel-safe: one opened for a cancelled task is
        closed) and start the pump. Iterating or entering ``async with`` opens it too. Once
        opened this way (or by ``async with``), ending an ``async for`` leaves it open: close
        it with :meth:`aclose`."""
        await self._ensure_open()
        self._managed = True
        return self

    async def _ensure_open(self) -> None:
        if self._closed:
            raise SDKClosedError(f"the stream {self.label} is closed")
        if self._source is None:
            if self._opening is None:
                self._opening = asyncio.ensure_future(self._open())
            try:
                await asyncio.shield(self._opening)
            except asyncio.CancelledError:
                # The task that wanted it is gone: nobody would close it.
                await asyncio.shield(self._start_close())
                raise

    async def _open(self) -> None:
        source = await self._runner.run(self._opener, undo=lambda opened: opened.close())
        if self._closed:  # aclose() came while it opened
            await self._close_source(source)
            raise SDKClosedError(f"the stream {self.label} is closed")
        self._loop = asyncio.get_running_loop()
        self._source = source
        self._thread = threading.Thread(
            target=self._pump, args=(source, self._loop), name=f"hcnetsdk-aio {self.label}"
        )
        self._thread.daemon = True
        self._thread.start()

    # --- the pump (its own thread) --------------------------------------------------------------
    def _pump(self, source: ClosableIterator[T], loop: asyncio.AbstractEventLoop) -> None:
        item: Any = _END
        try:
            while True:
                self._slots.acquire()
                if self._stopping:
                    return
                try:
                    item = next(source)
                except StopIteration:
                    item = _END
                    return
                if not self._deliver(loop, item):
                    return
        except BaseException as exc:  # raised where the consumer is
            item = exc
        finally:
            if item is _END or isinstance(item, BaseException):
                self._deliver(loop, item)

    def _deliver(self, loop: asyncio.AbstractEventLoop, item: Any) -> bool:
        if self._stopping:
            return False
        try:
            loop.call_soon_threadsafe(self._put, item)
        except RuntimeError:  # the loop is closed: nothing arrives there
            self._stopping = True
            return False
        return True

    def _put(self, item: Any) -> None:
        """On the loop."""
        if self._closed:
            return
        self._items.append(item)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # --- consuming -------------------------------------------------------------------------------
    async def get(self) -> T:
        """The next item; ``StopAsyncIteration`` when the resource ended or was closed, and
        whatever the resource raised."""
        if self._source is None and not self._closed:
            await self._ensure_open()
        while not self._items:
            if self._closed:
                raise StopAsyncIteration
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        item = self._items.popleft()
        if item is _END:
            self._items.appendleft(item)  # stays ended
            raise StopAsyncIteration
        if isinstance(item, BaseException):
            self._items.appendleft(_END)
            raise item
        self._slots.release()
        return item  # type: ignore[no-any-return]

    def __aiter__(self) -> AsyncIterator[T]:
        if self._managed:
            return self._iterate_managed()
        return self._iterate_and_close()

    async def _iterate_managed(self) -> AsyncIterator[T]:
        while True:
            try:
                item = await self.get()
            except StopAsyncIteration:
                return
            yield item

    async def _iterate_and_close(self) -> AsyncIterator[T]:
        try:
            while True:
                try:
                    item = await self.get()
                except StopAsyncIteration:
                    return
                yield item
        finally:
            await self.aclose()

    async def __anext__(self) -> T:
        return await self.get()

    # --- closing ---------------------------------------------------------------------------------
    async def aclose(self) -> None:
        """Close the resource and join the pump, off the loop. Idempotent; runs to its end even
        when the awaiting task is cancelled."""
        await asyncio.shield(self._start_close())

    def _start_close(self) -> asyncio.Future[None]:
        if self._closing is None:
            self._closed = True
            self._stopping = True
            waiter = self._waiter
            if waiter is not None and not waiter.done():
                waiter.set_result(None)
            self._closing = asyncio.ensure_future(self._close())
        return self._closing

    async def _close(self) -> None:
        opening = self._opening
        if opening is not None and not opening.done():
            # Its own task opens and then closes the resource (it sees _closed).
            with contextlib.suppress(SDKClosedError, asyncio.CancelledError, Exception):
                await opening
        try:
            if self._source is not None:
                await self._close_source(self._source)
        finally:
            self._items.clear()
            self._on_close(self)

    async def _close_source(self, source: ClosableIterator[T]) -> None:
        thread = self._thread

        def close_and_join() -> None:
            try:
                source.close()
            finally:
                self._slots.release()  # wakes a pump waiting for a slot
                if thread is not None:
                    thread.join()

        name = f"hcnetsdk-aio closing {self.label}"
        if self._runner.closing:
            await off_loop(close_and_join, name)
            return
        try:
            await self._runner.run(close_and_join)
        except SDKClosedError:  # the runner began closing meanwhile, before it ran
            await off_loop(close_and_join, name)

    async def __aenter__(self) -> Self:
        return await self.open()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
