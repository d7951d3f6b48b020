"""The async wrappers of the feature sub-objects: :class:`AsyncIsapi` (``device.isapi``) and
:class:`AsyncPtz` (``device.ptz(channel)``), and the adapters that let a recording search and a
download run under :class:`~._stream.AsyncStream` and :func:`~._transfer.run_transfer`."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Generator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import SDKClosedError
from ..isapi import IsapiClient, IsapiResponse
from ..playback import Download
from ..ptz import DEFAULT_SPEED, Ptz
from ._wrapper import _Wrapper

if TYPE_CHECKING:
    from . import AsyncHCNetSDK

__all__ = ["AsyncIsapi", "AsyncPtz", "DownloadTransfer", "LockedGenerator"]

T = TypeVar("T")


class AsyncIsapi(_Wrapper):
    """``device.isapi`` for asyncio: each request is :class:`~hcnetsdk.IsapiClient`'s
    (``NET_DVR_STDXMLConfig``) on a worker. A cancelled request still reaches the device (a PUT
    stays made); its answer is dropped."""

    __slots__ = ("sync",)

    def __init__(self, aio: AsyncHCNetSDK, client: IsapiClient) -> None:
        super().__init__(aio)
        self.sync = client
        """The synchronous :class:`~hcnetsdk.IsapiClient` (``buffer_size``, ...)."""

    async def request(
        self, method: str, path: str, body: Any = None, *, timeout: float | None = None
    ) -> IsapiResponse:
        """:meth:`IsapiClient.request` (``NET_DVR_STDXMLConfig``) on a worker."""
        answer: IsapiResponse = await self._run(
            self.sync.request, method, path, body, timeout=timeout
        )
        return answer

    async def get(self, path: str, *, timeout: float | None = None) -> IsapiResponse:
        """``GET path`` (``NET_DVR_STDXMLConfig``) on a worker."""
        return await self.request("GET", path, timeout=timeout)

    async def put(
        self, path: str, body: Any = None, *, timeout: float | None = None
    ) -> IsapiResponse:
        """``PUT path`` (``NET_DVR_STDXMLConfig``) on a worker."""
        return await self.request("PUT", path, body, timeout=timeout)

    async def post(
        self, path: str, body: Any = None, *, timeout: float | None = None
    ) -> IsapiResponse:
        """``POST path`` (``NET_DVR_STDXMLConfig``) on a worker."""
        return await self.request("POST", path, body, timeout=timeout)

    async def delete(
        self, path: str, body: Any = None, *, timeout: float | None = None
    ) -> IsapiResponse:
        """``DELETE path`` (``NET_DVR_STDXMLConfig``) on a worker."""
        return await self.request("DELETE", path, body, timeout=timeout)

    def __repr__(self) -> str:
        return f"<AsyncIsapi {self.sync!r}>"


class AsyncPtz(_Wrapper):
    """``device.ptz(channel)`` for asyncio: each command is :class:`~hcnetsdk.Ptz`'s on a
    worker. A movement is a session resource: logout stops it."""

    __slots__ = ("sync",)

    def __init__(self, aio: AsyncHCNetSDK, ptz: Ptz) -> None:
        super().__init__(aio)
        self.sync = ptz
        """The synchronous :class:`~hcnetsdk.Ptz`."""

    @property
    def channel(self) -> int:
        """The channel number (as the SDK numbers them)."""
        return self.sync.channel

    @property
    def is_moving(self) -> bool:
        """Whether a movement is going on on this channel (no SDK call)."""
        return self.sync.is_moving

    async def move(
        self, pan: int = 0, tilt: int = 0, zoom: int = 0, *, speed: int = DEFAULT_SPEED
    ) -> None:
        """:meth:`Ptz.move` (``NET_DVR_PTZControlWithSpeed_Other``) on a worker. Cancelled
        after it was sent, the movement is stopped."""
        await self._run(
            self.sync.move, pan, tilt, zoom, speed=speed, undo=lambda _: self.sync.stop()
        )

    async def stop(self) -> None:
        """:meth:`Ptz.stop` on a worker; runs to its end even when the awaiting task is
        cancelled."""
        await asyncio.shield(asyncio.ensure_future(self._run(self.sync.stop)))

    @asynccontextmanager
    async def moving(
        self, pan: int = 0, tilt: int = 0, zoom: int = 0, *, speed: int = DEFAULT_SPEED
    ) -> AsyncIterator[AsyncPtz]:
        """``async with ptz.moving(pan=1): await asyncio.sleep(2)``: :meth:`move`, then
        :meth:`stop` when the block ends, however it ends (cancellation included)."""
        await self.move(pan, tilt, zoom, speed=speed)
        try:
            yield self
        finally:
            with contextlib.suppress(SDKClosedError):  # closed: the logout stopped it
                await self.stop()

    async def goto_preset(self, preset: int) -> None:
        """:meth:`Ptz.goto_preset` (``NET_DVR_PTZPreset_Other``) on a worker."""
        await self._run(self.sync.goto_preset, preset)

    async def set_preset(self, preset: int) -> None:
        """:meth:`Ptz.set_preset` (``NET_DVR_PTZPreset_Other``) on a worker."""
        await self._run(self.sync.set_preset, preset)

    async def clear_preset(self, preset: int) -> None:
        """:meth:`Ptz.clear_preset` (``NET_DVR_PTZPreset_Other``) on a worker."""
        await self._run(self.sync.clear_preset, preset)

    def __repr__(self) -> str:
        return f"<AsyncPtz {self.sync!r}>"


class LockedGenerator(Iterator[T]):
    """A generator made closable from another thread: ``close()`` waits for a ``next()`` in
    progress (a search step ends at its own poll or timeout), then closes the generator (its
    ``finally`` closes the search handle); ``next()`` after it ends the iteration."""

    def __init__(self, generator: Generator[T, None, None]) -> None:
        self._generator = generator
        self._lock = threading.Lock()
        self._closed = False

    def __iter__(self) -> Iterator[T]:
        return self

    def __next__(self) -> T:
        with self._lock:
            if self._closed:
                raise StopIteration
            return next(self._generator)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._generator.close()


class DownloadTransfer:
    """A :class:`~hcnetsdk.Download` as :func:`~._transfer.run_transfer` drives it: progress
    as a fraction read on the worker (never an SDK call on the loop), ``wait(interval)`` True
    at the end, ``close()`` cancelling (and removing the partial file unless
    ``keep_partial``)."""

    def __init__(self, download: Download) -> None:
        self.download = download
        self._progress = 0.0

    @property
    def progress(self) -> float:
        """Done so far, 0.0 to 1.0, as the last wait read it."""
        return self._progress

    def wait(self, timeout: float) -> bool:
        try:
            self.download.wait(timeout)
        except TimeoutError:
            self._progress = self.download.progress / 100
            return False
        self._progress = 1.0
        return True

    def close(self) -> None:
        self.download.cancel()

    @property
    def path(self) -> Path:
        """The downloaded file."""
        return self.download.path
