"""The async wrappers of synchronous objects: :class:`AsyncDevice` (and the base that a
feature's sub-object wrapper, such as ``device.isapi``, extends: :mod:`._wrapper`)."""

from __future__ import annotations

import asyncio
import datetime as _dt
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .._convert import positive_int
from ..events import DEFAULT_QUEUE_SIZE, Event
from ..playback import Recording
from ..ptz import Ptz
from ..snapshot import PictureQuality, PictureSize
from ..stream import DEFAULT_QUEUE_SIZE as LIVE_QUEUE_SIZE
from ..stream import StreamPacket
from ..stream._types import stream_number
from ._features import AsyncIsapi, AsyncPtz, DownloadTransfer, LockedGenerator
from ._stream import AsyncStream
from ._wrapper import _Wrapper

if TYPE_CHECKING:
    from typing_extensions import Self

    from ..devconfig import ChannelInfo, DeviceDetails
    from ..device import Device, DeviceInfo
    from . import AsyncHCNetSDK

__all__ = ["DEFAULT_STREAM_QUEUE", "AsyncDevice"]

DEFAULT_STREAM_QUEUE = 1000
"""Items of a stream that may wait on the loop's side (the resource's own queue is before it)."""


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

    # --- ISAPI, recordings, live and PTZ ------------------------------------------------------
    @property
    def isapi(self) -> AsyncIsapi:
        """ISAPI requests (``NET_DVR_STDXMLConfig``) as coroutines: ``await
        device.isapi.get("/ISAPI/System/deviceInfo")``; see :class:`AsyncIsapi`."""
        return AsyncIsapi(self._aio, self.sync.isapi)

    def recordings(
        self,
        channel: int,
        start: _dt.datetime,
        end: _dt.datetime,
        *,
        kind: str | None = None,
        locked: bool | None = None,
        tz: _dt.tzinfo | None = None,
        stream_queue: int = DEFAULT_STREAM_QUEUE,
    ) -> AsyncStream[Recording]:
        """:meth:`Device.recordings` (``NET_DVR_FindFile_V40`` ...) as an async iterator.

        The arguments are checked now (no SDK call); the search starts on a worker at first
        use and runs ahead of the consumer by at most ``stream_queue`` recordings. Ending a
        bare ``async for`` (``break``, cancellation) closes the search handle
        (``NET_DVR_FindClose_V30``), after a search step in progress ends."""
        generator = self.sync.recordings(channel, start, end, kind=kind, locked=locked, tz=tz)
        return self._aio._stream(
            lambda: LockedGenerator(generator),
            label=f"recordings of channel {channel} on {self.sync.host}:{self.sync.port}",
            queue_size=stream_queue,
            owner=self.sync,
        )

    async def download(
        self,
        path: str | os.PathLike[str],
        *,
        channel: int | None = None,
        start: _dt.datetime | None = None,
        end: _dt.datetime | None = None,
        recording: Recording | str | None = None,
        tz: _dt.tzinfo | None = None,
        progress: Callable[[int], object] | None = None,
        keep_partial: bool = False,
        overwrite: bool = False,
    ) -> Path:
        """:meth:`Device.download` started on a worker and awaited to its end; returns the
        file's path. ``progress(percent)`` is called on the loop each time the percentage
        changed. Cancelled (or failing), the download is stopped (``NET_DVR_StopGetFile``) and
        its partial file removed unless ``keep_partial``; one whose start completes after its
        task was cancelled is stopped and removed the same way."""
        if progress is not None and not callable(progress):
            raise TypeError(f"progress must be a callable or None, not {type(progress).__name__}")
        sync = self.sync

        def start_download() -> DownloadTransfer:
            return DownloadTransfer(
                sync.download(
                    path,
                    channel=channel,
                    start=start,
                    end=end,
                    recording=recording,
                    tz=tz,
                    keep_partial=keep_partial,
                    overwrite=overwrite,
                )
            )

        reported = [-1]

        def report(fraction: float) -> None:
            percent = int(fraction * 100)
            if progress is not None and percent != reported[0]:
                reported[0] = percent
                progress(percent)

        transfer = await self._transfer(start_download, on_progress=report)
        return transfer.path

    def live(
        self,
        channel: int | None = None,
        *,
        stream: str = "main",
        queue_size: int = LIVE_QUEUE_SIZE,
        stream_queue: int = DEFAULT_STREAM_QUEUE,
    ) -> AsyncStream[StreamPacket]:
        """:meth:`Device.live` (``NET_DVR_RealPlay_V40``) as an async iterator of
        :class:`~hcnetsdk.StreamPacket`, opened on a worker at first use; closed
        (``NET_DVR_StopRealPlay``) by ``aclose()``, the end of a bare ``async for``, or logout.
        ``queue_size`` is the synchronous stream's (its drops: ``stream.source.dropped``)."""
        # Refused now, not at first use: a missing channel, a stream name, a queue size.
        self.sync.info.check_channel(channel)
        stream_number(stream)
        positive_int("queue_size", queue_size, 1_000_000)
        return self._aio._stream(
            lambda: self.sync.live(channel, stream=stream, queue_size=queue_size),
            label=f"live channel {channel} on {self.sync.host}:{self.sync.port}",
            queue_size=stream_queue,
            owner=self.sync,
        )

    async def rtsp_url(
        self,
        channel: int | None = None,
        stream: str = "main",
        *,
        port: int | None = None,
        password: str | None = None,
    ) -> str:
        """:meth:`Device.rtsp_url` on a worker (without ``port`` it may ask the device)."""
        url: str = await self._run(
            self.sync.rtsp_url, channel, stream, port=port, password=password
        )
        return url

    async def rtsp_port(self) -> int:
        """:meth:`Device.rtsp_port` (``GET /ISAPI/Security/adminAccesses``) on a worker."""
        port: int = await self._run(self.sync.rtsp_port)
        return port

    def ptz(self, channel: int | None = None) -> AsyncPtz:
        """Pan, tilt, zoom and presets of ``channel`` (None: the first), as coroutines; see
        :class:`AsyncPtz`."""
        ptz: Ptz = self.sync.ptz(channel)
        return AsyncPtz(self._aio, ptz)

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
