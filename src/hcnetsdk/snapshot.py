"""Snapshots: one JPEG picture of a channel, in memory or written atomically to a file.

``device.snapshot(channel)`` calls ``NET_DVR_CaptureJPEGPicture_NEW`` with a buffer of
:data:`FIRST_BUFFER` bytes; when the SDK says it is too small (43, ``NET_DVR_NOENOUGH_BUF``; it
does not say how large the picture is) the buffer doubles, up to :data:`MAX_BUFFER`. What comes
back is checked to be a JPEG (it starts with the SOI marker ``FF D8`` and ends with the EOI
marker ``FF D9``): an empty answer or anything else (an HTML error page, say) raises
:class:`SnapshotError`, which keeps the bytes received.

Every argument is checked before the SDK is called: the channel against the channels the device
reported at login (:meth:`~hcnetsdk.DeviceInfo.check_channel`; ``None`` is the first one),
``size`` against the header's resolution codes (:class:`PictureSize`), ``quality`` against
:class:`PictureQuality`. ``device.snapshot_to(path)`` takes the picture first, then writes it to
a temporary file in the same folder and renames it over ``path`` (``os.replace``): ``path`` is
either untouched or the whole new picture, and nothing is left behind on failure.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
from enum import IntEnum
from pathlib import Path

from . import _native
from ._deviceinfo import DeviceInfo
from ._session import Session
from .errors import HCNetSDKError

__all__ = [
    "FIRST_BUFFER",
    "MAX_BUFFER",
    "PictureQuality",
    "PictureSize",
    "SnapshotError",
    "capture",
    "capture_to",
]

FIRST_BUFFER = 1024 * 1024
"""Bytes of the first buffer given to ``NET_DVR_CaptureJPEGPicture_NEW`` (most pictures fit)."""
MAX_BUFFER = 64 * 1024 * 1024
"""The largest buffer tried; a picture larger than this raises the SDK's error 43."""
_NOENOUGH_BUF = 43
_SOI, _EOI = b"\xff\xd8", b"\xff\xd9"


class PictureSize(IntEnum):
    """``NET_DVR_JPEGPARA.wPicSize``: the resolution asked for (the header's codes). The device
    may support only some of them (its ability set says which); ``CURRENT`` always works."""

    CURRENT = 0xFF
    """The current resolution of the channel's stream (the default)."""
    CIF = 0
    QCIF = 1
    D1 = 2
    UXGA = 3
    """1600x1200."""
    SVGA = 4
    """800x600."""
    HD720P = 5
    """1280x720."""
    VGA = 6
    XVGA = 7
    HD900P = 8
    HD1080 = 9
    """1920x1080."""
    R2560X1920 = 10
    R1600X304 = 11
    R2048X1536 = 12
    R2448X2048 = 13
    R2448X1200 = 14
    R2448X800 = 15
    XGA = 16
    """1024x768."""
    SXGA = 17
    """1280x1024."""
    WD1 = 18
    """960x576 or 960x480."""
    HD1080I = 19
    R576X576 = 20
    R1536X1536 = 21
    R1920X1920 = 22
    R320X240 = 23
    R720X720 = 24
    R1024X768 = 25
    R1280X1280 = 26
    R1600X600 = 27
    R2048X768 = 28
    R160X120 = 29
    R3072X2048 = 55
    R3840X2160 = 64
    """4K UHD."""
    R2560X1440 = 70
    R336X256 = 75
    R384X256 = 78
    R384X216 = 79
    R320X256 = 80
    R320X192 = 82
    R512X384 = 83
    R480X272 = 127
    R512X272 = 128
    R288X320 = 161
    R144X176 = 162
    R480X640 = 163
    R240X320 = 164
    R120X160 = 165
    R576X720 = 166
    R720X1280 = 167
    R576X960 = 168
    R180X240 = 180
    R360X480 = 181
    R540X720 = 182
    R720X960 = 183
    R960X1280 = 184
    R1080X1440 = 185
    R384X288 = 500


class PictureQuality(IntEnum):
    """``NET_DVR_JPEGPARA.wPicQuality``."""

    BEST = 0
    """The best quality, the largest file (the default)."""
    BETTER = 1
    """Better."""
    AVERAGE = 2
    """Average: the smallest file."""


class SnapshotError(RuntimeError):
    """``NET_DVR_CaptureJPEGPicture_NEW`` succeeded but did not return a JPEG picture: nothing at
    all, or other bytes (kept in :attr:`data`, e.g. an HTML error page of the device)."""

    def __init__(self, message: str, data: bytes = b"", channel: int | None = None) -> None:
        super().__init__(message)
        self.data = data
        """The bytes the SDK returned (empty for an empty answer)."""
        self.channel = channel
        """The channel asked for."""

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (str(self), self.data, self.channel))


def _enum_value(name: str, value: object, kind: type[IntEnum]) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a {kind.__name__} (or its int value), not {value!r}")
    try:
        return int(kind(value))
    except ValueError:
        known = ", ".join(f"{m.name} ({m.value})" for m in list(kind)[:6])
        raise ValueError(
            f"{name} {value!r} is not a {kind.__name__} code (the SDK's header knows "
            f"{len(kind)}: {known}, ...)"
        ) from None


def _check_jpeg(data: bytes, channel: int) -> bytes:
    if not data:
        raise SnapshotError(
            f"NET_DVR_CaptureJPEGPicture_NEW returned an empty picture (0 bytes) for channel "
            f"{channel}",
            data,
            channel,
        )
    if not (data.startswith(_SOI) and data.endswith(_EOI) and len(data) >= 4):
        head = data[:32]
        raise SnapshotError(
            f"NET_DVR_CaptureJPEGPicture_NEW returned {len(data)} bytes for channel {channel} "
            f"that are not a JPEG picture (no FF D8 ... FF D9 markers; they start with "
            f"{head!r}): the device answered with something else",
            data,
            channel,
        )
    return data


def capture(
    session: Session,
    info: DeviceInfo,
    channel: int | None = None,
    *,
    size: int = PictureSize.CURRENT,
    quality: int = PictureQuality.BEST,
) -> bytes:
    """One JPEG of ``channel`` (``NET_DVR_CaptureJPEGPicture_NEW``); see the module docstring."""
    number = info.check_channel(channel)
    para = _native.config.NET_DVR_JPEGPARA()
    para.wPicSize = _enum_value("size", size, PictureSize)
    para.wPicQuality = _enum_value("quality", quality, PictureQuality)
    capture_jpeg = session.native.NET_DVR_CaptureJPEGPicture_NEW
    length = FIRST_BUFFER
    with session.call as user_id:  # SDKClosedError once logged out; logout waits for it
        while True:
            buffer = ctypes.create_string_buffer(length)
            returned = _native.DWORD(0)
            try:
                capture_jpeg(
                    user_id, number, ctypes.byref(para), buffer, length, ctypes.byref(returned)
                )
            except HCNetSDKError as exc:
                if exc.code == _NOENOUGH_BUF and length < MAX_BUFFER:
                    length *= 2
                    continue
                raise
            break
    if returned.value > length:
        raise SnapshotError(
            f"NET_DVR_CaptureJPEGPicture_NEW reported {returned.value} bytes for channel "
            f"{number}, more than the {length}-byte buffer it was given",
            b"",
            number,
        )
    return _check_jpeg(ctypes.string_at(buffer, returned.value), number)  # only those bytes


def _target(path: object) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    target = Path(os.fspath(path))
    if not os.fspath(target) or target.name in ("", ".", ".."):
        raise ValueError(f"path {os.fspath(path)!r} does not name a file")
    if target.is_dir():
        raise IsADirectoryError(f"path {os.fspath(target)!r} is a folder: give a file name")
    if not target.parent.is_dir():
        raise FileNotFoundError(
            f"the folder of {os.fspath(target)!r} does not exist: create it first"
        )
    return target


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``target``, then rename it over ``target``; on any
    failure (or Ctrl-C) the temporary file is removed and ``target`` is left as it was."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # mode: the umask's
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def capture_to(
    session: Session,
    info: DeviceInfo,
    path: str | os.PathLike[str],
    channel: int | None = None,
    *,
    size: int = PictureSize.CURRENT,
    quality: int = PictureQuality.BEST,
) -> Path:
    """:func:`capture`, then write the picture to ``path`` atomically; returns the path."""
    target = _target(path)  # a folder that is not there fails before the SDK is called
    data = capture(session, info, channel, size=size, quality=quality)
    write_atomically(target, data)
    return target
