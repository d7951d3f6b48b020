"""Live stream: the raw packets of a channel through the SDK's own connection, and RTSP addresses.

``device.live(channel)`` starts a live view without a window (``NET_DVR_RealPlay_V40`` with a
data callback) and returns a :class:`LiveStream`: a context manager and an iterator of
:class:`StreamPacket` (the data type by name, the bytes copied), fed by the bridge in
:mod:`hcnetsdk._streambridge` through a bounded queue of ``queue_size`` packets. Nothing is
decoded: the packets are the device's stream as the SDK hands it over (a system header, then
usually MPEG-PS), at full rate. When the consumer is slower, the *oldest* packets are dropped and
counted in :attr:`LiveStream.dropped`. :meth:`LiveStream.write_to` copies the stream into a file
(or stdout, for ``| ffplay -``).

``close()`` calls ``NET_DVR_StopRealPlay`` (holding no lock the callback takes), then removes the
route, then empties the queue: after it returns, no packet is delivered. Logout and cleanup close
open streams first.

:func:`rtsp_url` builds the standard RTSP address of a channel, for those who read the stream
with OpenCV or ffmpeg instead.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import queue as _queue
import threading
import time
from collections.abc import Collection, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO, Union

from .. import _convert
from .._interrupts import SigintDeferral
from .._native.stream import NET_DVR_PREVIEWINFO
from .._session import Session
from .._streambridge import STREAM_CALLBACK, PacketQueue, RawPacket, register, unregister
from ..errors import HCNetSDKError, SDKClosedError
from ._types import (
    DEFAULT_RTSP_PORT,
    STREAMS,
    StreamDataType,
    StreamPacket,
    rtsp_url,
    stream_number,
    to_packet,
)

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "DEFAULT_QUEUE_SIZE",
    "DEFAULT_RTSP_PORT",
    "STREAMS",
    "WRITTEN_TYPES",
    "LiveStream",
    "StreamDataType",
    "StreamPacket",
    "open_live",
    "rtsp_url",
]

DEFAULT_QUEUE_SIZE = 4096
"""Packets that may wait (about 4 s of an 8 Mbit/s stream in 8 KiB packets; 32 MiB at most)."""
WRITTEN_TYPES: frozenset[int] = frozenset(
    {StreamDataType.SYSTEM_HEADER, StreamDataType.STREAM_DATA}
)
"""What :meth:`LiveStream.write_to` writes by default: the header and the stream, the file a
player reads."""

GATHER_SECONDS = 0.002
"""Under sustained load, how long packets may gather before the consumer is woken (the most it
adds to a packet's latency; a packet after a quiet spell wakes the consumer at once)."""

_Target = Union[str, "os.PathLike[str]", BinaryIO]


class LiveStream:
    """The live stream of one channel; see the module documentation. Made by
    :meth:`hcnetsdk.Device.live`."""

    def __init__(
        self, session: Session, channel: int, stream: str, queue_size: int, device: Any = None
    ) -> None:
        self._session = session
        self._native = session.native
        self._queue: PacketQueue = PacketQueue(queue_size, drop_oldest=True, linger=GATHER_SECONDS)
        self._lock = threading.Lock()
        self._closed = False
        self._token: int | None = None
        self._handle: int | None = None
        self.channel = channel
        """The channel number (as the SDK numbers them)."""
        self.stream = stream
        """``"main"``, ``"sub"`` or ``"third"``."""
        self.device = device
        """The :class:`~hcnetsdk.Device` the stream comes from."""

    def _open(self, info: NET_DVR_PREVIEWINFO) -> None:
        """Route first (the SDK calls back before RealPlay_V40 returns), then start, then
        register with the session (closed at logout)."""
        token = register(self._queue)
        try:
            with self._session.call as user_id:  # SDKClosedError once logged out
                handle = self._native.NET_DVR_RealPlay_V40(
                    user_id, ctypes.byref(info), STREAM_CALLBACK, token
                )
        except BaseException:
            unregister(token)
            self._queue.close()
            self._closed = True
            raise
        self._token, self._handle = token, int(handle)
        try:
            self._session.add_resource(self)
        except BaseException:
            with contextlib.suppress(HCNetSDKError):  # logged out meanwhile: it stopped it
                self.close()
            raise

    # --- state -------------------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        """True once closed (by ``close()``, logout or cleanup)."""
        return self._closed

    @property
    def handle(self) -> int | None:
        """The SDK's RealPlay handle (None if the stream never started)."""
        return self._handle

    @property
    def dropped(self) -> int:
        """Packets dropped (the oldest first) because the consumer was slower."""
        return self._queue.dropped

    @property
    def received(self) -> int:
        """Packets the bridge put into this stream's queue."""
        return self._queue.received

    @property
    def pending(self) -> int:
        """Packets waiting in the queue."""
        return len(self._queue)

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        return (
            f"<LiveStream {self._session.label} channel {self.channel} {self.stream} {state}, "
            f"{self.dropped} dropped>"
        )

    # --- consuming -----------------------------------------------------------------------------
    def _closed_error(self) -> SDKClosedError:
        return SDKClosedError(
            f"the live stream of channel {self.channel} on {self._session.label} is closed"
        )

    def get(self, timeout: float | None = None) -> StreamPacket:
        """The next packet. Raises ``queue.Empty`` after ``timeout`` seconds, SDKClosedError once
        closed, and what the bridge raised."""
        if self._closed:
            raise self._closed_error()
        raw = self._next_raw(timeout)
        if raw is None:
            if self._queue.closed:
                raise self._closed_error()
            raise _queue.Empty
        return to_packet(raw)

    def _next_raw(self, timeout: float | None) -> RawPacket | None:
        """The next packet from the queue. Under load the queue lets packets gather for up to
        ``GATHER_SECONDS`` before waking this thread (``EventQueue.linger``), so that one wake
        takes many packets instead of one (a wake per packet halves the bridge's throughput)."""
        return self._queue.get(timeout)

    def __iter__(self) -> Iterator[StreamPacket]:
        return self

    def __next__(self) -> StreamPacket:
        try:
            return self.get()
        except SDKClosedError:
            raise StopIteration from None

    def write_to(
        self,
        target: _Target,
        *,
        seconds: float | None = None,
        max_bytes: int | None = None,
        types: Collection[int] | None = WRITTEN_TYPES,
    ) -> int:
        """Copy the stream into ``target`` (a path, opened for writing, or a binary file such as
        ``sys.stdout.buffer``) until the stream is closed, ``seconds`` have passed or
        ``max_bytes`` are written (whole packets: the last one may pass the limit); the bytes
        written. ``types`` are the packet types written (None: all); by default the system
        header and the stream data, which players read. The stream stays open."""
        if seconds is not None:
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
                raise TypeError(f"seconds must be a number, not {type(seconds).__name__}")
            if not 0 < seconds < float("inf"):
                raise ValueError(f"seconds must be positive, not {seconds}")
        limit = None if max_bytes is None else _convert.positive_int("max_bytes", max_bytes, 2**62)
        wanted = None if types is None else frozenset(int(t) for t in types)
        if self._closed:
            raise self._closed_error()
        deadline = None if seconds is None else time.monotonic() + seconds
        if isinstance(target, (str, os.PathLike)):
            with open(target, "wb") as file:
                return self._copy(file, deadline, limit, wanted)
        if not callable(getattr(target, "write", None)):
            raise TypeError(f"target must be a path or a binary file, not {type(target).__name__}")
        written = self._copy(target, deadline, limit, wanted)
        with contextlib.suppress(AttributeError):
            target.flush()
        return written

    def _copy(
        self,
        file: BinaryIO,
        deadline: float | None,
        limit: int | None,
        wanted: frozenset[int] | None,
    ) -> int:
        written = 0
        get = self._next_raw
        while limit is None or written < limit:
            timeout = None
            if deadline is not None:
                timeout = deadline - time.monotonic()
                if timeout <= 0:
                    break
            raw = get(timeout)
            if raw is None:
                if self._queue.closed:
                    break
                continue  # the deadline is checked above
            if wanted is None or raw[0] in wanted:
                file.write(raw[1])
                written += len(raw[1])
        return written

    # --- closing -------------------------------------------------------------------------------
    def close(self) -> None:
        """Stop the stream (``NET_DVR_StopRealPlay``; idempotent). After it returns, no packet
        is delivered; what was queued is dropped."""
        with self._lock:
            if self._closed and self._token is None:
                return
            self._closed = True
            token, self._token = self._token, None
        try:
            if self._handle is not None and token is not None:
                self._native.NET_DVR_StopRealPlay(self._handle)  # no lock of ours held
        finally:
            if token is not None:
                unregister(token)
            self._queue.close()
            self._session.remove_resource(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_live(
    session: Session,
    channel: int,
    *,
    stream: str = "main",
    queue_size: int = DEFAULT_QUEUE_SIZE,
    device: Any = None,
) -> LiveStream:
    """Start the live stream of ``channel`` (already checked against the device's channels):
    ``NET_DVR_RealPlay_V40`` without a window, over TCP, blocking until connected.

    A Ctrl-C that arrives while the SDK call runs is held until the stream is registered with
    the session; then the stream is closed again (the caller never receives it) and the
    ``KeyboardInterrupt`` is raised, so a RealPlay handle is never left open."""
    stream_type = stream_number(stream)
    size = _convert.positive_int("queue_size", queue_size, 1_000_000)
    info = NET_DVR_PREVIEWINFO()
    info.lChannel = channel
    info.dwStreamType = stream_type
    info.dwLinkMode = 0  # TCP
    info.hPlayWnd = 0  # no window: the data callback only
    info.bBlocked = 1  # RealPlay_V40 returns once connected, so failures come from it
    live = LiveStream(session, channel, stream, size, device)
    deferral = SigintDeferral()
    try:
        live._open(info)
    except BaseException:
        deferral.stop()
        deferral.deliver()
        raise
    deferral.stop()
    if deferral.pending:
        try:
            live.close()
        finally:
            deferral.deliver()
    return live
