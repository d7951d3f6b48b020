"""Recordings: search a recorder's archive and download by time or by file, with progress.

``device.recordings(channel, start, end)`` searches (:mod:`._search`): a generator of
:class:`Recording` that waits while the device is still searching and always closes the SDK's
search handle. ``device.download(path, channel=..., start=..., end=...)`` and
``device.download(path, recording=rec)`` start a transfer (:mod:`._download`) and return a
:class:`Download` to wait for, follow or cancel.

Times: a naive ``datetime`` is the device's local time, as it is. An aware one is converted to
``tz`` (the device's time zone) when given, else to this computer's local zone. Channels are the
device's own numbers (IP channels of NVRs usually from 33), checked against what it reported at
login. Every argument is checked before the SDK is called.
"""

from __future__ import annotations

import ctypes
import datetime as dt
from collections.abc import Generator

from .. import _convert
from .._deviceinfo import DeviceInfo
from .._native import playback as _pb
from .._session import Session
from ._download import POLL_INTERVAL, Download, ProgressCallback, start_download, target_path
from ._search import KINDS, SEARCH_TIMEOUT, Recording, search
from ._times import EARLIEST, LATEST, device_range

__all__ = [
    "EARLIEST",
    "KINDS",
    "LATEST",
    "POLL_INTERVAL",
    "SEARCH_TIMEOUT",
    "Download",
    "Recording",
    "download",
    "recordings",
]


def recordings(
    session: Session,
    info: DeviceInfo,
    channel: object,
    start: object,
    end: object,
    *,
    kind: object = None,
    locked: bool | None = None,
    tz: dt.tzinfo | None = None,
    timeout: float = SEARCH_TIMEOUT,
) -> Generator[Recording, None, None]:
    """:meth:`hcnetsdk.Device.recordings`."""
    if channel is None:
        raise TypeError("channel is required (the device's channels: see device.info)")
    number = info.check_channel(channel)
    return search(
        session,
        number,
        start,
        end,
        kind=kind,
        locked=locked,
        tz=tz,
        encoding=info.char_encoding,
        timeout=timeout,
    )


def download(
    session: Session,
    info: DeviceInfo,
    path: object,
    *,
    channel: object = None,
    start: object = None,
    end: object = None,
    recording: Recording | str | None = None,
    tz: dt.tzinfo | None = None,
    progress: ProgressCallback | None = None,
    keep_partial: bool = False,
    overwrite: bool = False,
) -> Download:
    """:meth:`hcnetsdk.Device.download`."""
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a callable or None, not {type(progress).__name__}")
    for name, flag in (("keep_partial", keep_partial), ("overwrite", overwrite)):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be True or False, not {flag!r}")
    if recording is not None:
        if channel is not None or start is not None or end is not None:
            raise TypeError("give either recording= or channel=, start= and end=, not both")
        return _by_name(
            session,
            info,
            path,
            recording,
            progress=progress,
            keep_partial=keep_partial,
            overwrite=overwrite,
        )
    if channel is None or start is None or end is None:
        raise TypeError("download() needs recording=, or channel=, start= and end=")
    number = info.check_channel(channel)
    first, last = device_range(start, end, tz)
    cond = _pb.NET_DVR_PLAYCOND()
    cond.dwChannel = number
    cond.struStartTime = first
    cond.struStopTime = last
    target, encoded = target_path(path, overwrite)
    existed = target.exists()
    label = f"{session.label} channel {number} {_text(start)} to {_text(end)}"
    handle = Download(session, target, label, keep_partial=keep_partial, progress=progress)
    get_file = session.native.NET_DVR_GetFileByTime_V40

    def get_by_time(saved: bytes) -> int:
        with session.call as user_id:  # logout waits for this call
            return int(get_file(user_id, saved, ctypes.byref(cond)))

    return start_download(session, handle, encoded, get_by_time, existed)


def _by_name(
    session: Session,
    info: DeviceInfo,
    path: object,
    recording: Recording | str,
    *,
    progress: ProgressCallback | None,
    keep_partial: bool,
    overwrite: bool,
) -> Download:
    if isinstance(recording, Recording):
        info.check_channel(recording.channel)
        name = recording.name
    elif isinstance(recording, str):
        name = recording
    else:
        raise TypeError(f"recording must be a Recording or a file name, not {recording!r}")
    if not name:
        raise ValueError("the recording's file name is empty")
    encoded_name = _convert.fixed_text(
        "recording name", name, _pb.FILE_NAME_SIZE, _convert.codec_for(info.char_encoding)
    )
    target, encoded = target_path(path, overwrite)
    existed = target.exists()
    handle = Download(
        session, target, f"{session.label} {name}", keep_partial=keep_partial, progress=progress
    )
    get_file = session.native.NET_DVR_GetFileByName

    def get_by_name(saved: bytes) -> int:
        with session.call as user_id:  # logout waits for this call
            return int(get_file(user_id, encoded_name, saved))

    return start_download(session, handle, encoded, get_by_name, existed)


def _text(value: object) -> str:
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else str(value)
