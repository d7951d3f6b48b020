"""The async wrappers of synchronous objects: :class:`AsyncDevice` (and the base that a
feature's sub-object wrapper, such as ``device.isapi``, extends)."""

from __future__ import annotations

import asyncio
import datetime as _dt
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..events import DEFAULT_QUEUE_SIZE, Event
from ..snapshot import PictureQuality, PictureSize
from ._stream import AsyncStream
from ._transfer import TransferT, run_transfer

if TYPE_CHECKING:
    from typing_extensions import Self

    from ..devconfig import ChannelInfo, DeviceDetails
    from ..device import Device, DeviceInfo
    from . import AsyncHCNetSDK

__all__ = ["DEFAULT_STREAM_QUEUE", "AsyncDevice"]

DEFAULT_STREAM_QUEUE = 1000
"""Items of a stream that may wait on the loop's side (the resource's own queue is before it)."""


class _Wrapper:
    """Base of the async wrappers of a synchronous object (a device, a feature sub-object):
    ``_run(fn, ...)`` runs a blocking method on the SDK's workers."""

    __slots__ = ("_aio",)

    def __init__(self, aio: AsyncHCNetSDK) -> None:
        self._aio = aio

    async def _run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        return await self._aio._runner_or_raise().run(fn, *args, **kwargs)

    async def _transfer(
        self,
        start: Callable[[], TransferT],
        *,
        on_progress: Callable[[float], object] | None = None,
        discard: Callable[[TransferT], object] | None = None,
    ) -> TransferT:
        """A download and the like: see :func:`._transfer.run_transfer`."""
        runner = self._aio._runner_or_raise()
        return await run_transfer(runner, start, on_progress=on_progress, discard=discard)


class AsyncDevice(_Wrapper):
    """A logged-in device, made by :meth:`AsyncHCNetSDK.login`; wraps a
    :class:`~hcnetsdk.Device` (``device.sync``)."""

    __slots__ = ("sync",)

    def __init__(self, aio: AsyncHCNetSDK, device: Device) -> None:
        super().__init__(aio)
        self.sync = device
        """The synchronous :class:`~hcnetsdk.Device` (for its data and blocking methods)."""

    @property
    def host(self) -> str:
        """The host as given to ``login()``."""
        return self.sync.host

    @property
    def port(self) -> int:
        """The SDK port logged into."""
        return self.sync.port

    @property
    def username(self) -> str:
        """The user name logged in with."""
        return self.sync.username

    @property
    def info(self) -> DeviceInfo:
        """What the device reported at login."""
        return self.sync.info

    @property
    def logged_in(self) -> bool:
        """Whether the session is still open."""
        return self.sync.logged_in

    @property
    def user_id(self) -> int:
        """The SDK's user id of this session; raises SDKClosedError once logged out."""
        return self.sync.user_id

    async def logout(self) -> None:
        """End the session (``NET_DVR_Logout``, on a worker) after closing its streams and what
        was opened on it. Calling it again does nothing. It runs to its end even when the
        awaiting task is cancelled (a session is never left half closed)."""
        await asyncio.shield(asyncio.ensure_future(self._logout()))

    async def _logout(self) -> None:
        await self._aio._close_streams(self.sync)  # streams of any wrapper of it
        if self.sync.logged_in:
            await self._run(self.sync.logout)

    def events(
        self, *, queue_size: int = DEFAULT_QUEUE_SIZE, stream_queue: int = DEFAULT_STREAM_QUEUE
    ) -> AsyncStream[Event]:
        """The device's events (``NET_DVR_SetupAlarmChan_V50``) as an async iterator.

        Opened on first use (``async with``, ``async for``, or ``await stream.open()``), on a
        worker. ``queue_size`` is the synchronous subscription's queue (its drops are counted in
        ``stream.source.dropped``); ``stream_queue`` how many events may wait on the loop.
        """
        return self._aio._stream(
            lambda: self.sync.events(queue_size=queue_size),
            label=f"events {self.sync.username}@{self.sync.host}:{self.sync.port}",
            queue_size=stream_queue,
            owner=self.sync,
        )

    # --- snapshots and device basics: each the synchronous method on a worker ----------------
    async def snapshot(
        self,
        channel: int | None = None,
        *,
        size: int = PictureSize.CURRENT,
        quality: int = PictureQuality.BEST,
    ) -> bytes:
        """:meth:`Device.snapshot` (``NET_DVR_CaptureJPEGPicture_NEW``) on a worker."""
        picture: bytes = await self._run(self.sync.snapshot, channel, size=size, quality=quality)
        return picture

    async def snapshot_to(
        self,
        path: str | os.PathLike[str],
        channel: int | None = None,
        *,
        size: int = PictureSize.CURRENT,
        quality: int = PictureQuality.BEST,
    ) -> Path:
        """:meth:`Device.snapshot_to` on a worker. Cancelled while the picture is taken, the
        file may still be written (atomically: the old file or the whole new picture)."""
        written: Path = await self._run(
            self.sync.snapshot_to, path, channel, size=size, quality=quality
        )
        return written

    async def details(self) -> DeviceDetails:
        """:meth:`Device.details` (``NET_DVR_GET_DEVICECFG_V40``) on a worker."""
        found: DeviceDetails = await self._run(self.sync.details)
        return found

    async def channels(self) -> tuple[ChannelInfo, ...]:
        """:meth:`Device.channels` (``NET_DVR_GET_IPPARACFG_V40``, ...) on a worker."""
        found: tuple[ChannelInfo, ...] = await self._run(self.sync.channels)
        return found

    async def get_time(self) -> _dt.datetime:
        """:meth:`Device.get_time` (``NET_DVR_GET_TIMECFG``) on a worker."""
        now: _dt.datetime = await self._run(self.sync.get_time)
        return now

    async def set_time(self, value: _dt.datetime) -> None:
        """:meth:`Device.set_time` (``NET_DVR_SET_TIMECFG``) on a worker."""
        await self._run(self.sync.set_time, value)

    async def set_name(self, name: str) -> None:
        """:meth:`Device.set_name` (``NET_DVR_SET_DEVICECFG_V40``) on a worker."""
        await self._run(self.sync.set_name, name)

    async def reboot(self) -> None:
        """:meth:`Device.reboot` (``NET_DVR_RebootDVR``) on a worker."""
        await self._run(self.sync.reboot)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.logout()

    def __repr__(self) -> str:
        return f"<AsyncDevice {self.sync!r}>"
