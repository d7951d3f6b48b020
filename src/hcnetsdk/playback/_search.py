"""The recording search: ``NET_DVR_FindFile_V40`` / ``NET_DVR_FindNextFile_V40`` /
``NET_DVR_FindClose_V30``, as a generator of :class:`Recording`.

``NET_DVR_FindNextFile_V40`` returns a status: 1000 one file, 1001 nothing matched, 1002 still
searching (wait a little and ask again), 1003 no more files, 1004 the search failed; -1 is a
failed call (raised with the SDK's code by the errcheck). The search handle is a resource of the
session: closed exactly once, when the generator ends, is closed early (``break``, ``close()``,
garbage collection), raises, or at logout/cleanup, whichever comes first.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import logging
import threading
import time
from collections.abc import Generator
from dataclasses import dataclass

from .. import _convert
from .._interrupts import SigintDeferral
from .._native import playback as _pb
from .._playback_errors import RecordingSearchError
from .._session import Session
from ..errors import HCNetSDKError
from ._times import device_range

__all__ = ["ALL_KINDS", "KINDS", "SEARCH_TIMEOUT", "Recording", "kind_code", "search"]

logger = logging.getLogger("hcnetsdk")

ALL_KINDS = 0xFF
"""``dwFileType``/``dwIsLocked`` value for "any"."""

KINDS: dict[str, int] = _pb.FILE_TYPES
"""Recording kinds by name -> ``dwFileType`` / ``byFileType`` (the header's comment on
``NET_DVR_FILECOND_V40.dwFileType``; devices add more, reported as ``"type N"``)."""

_KIND_NAMES = {code: name for name, code in KINDS.items()}

SEARCH_TIMEOUT = 60.0
"""Seconds a search may stay "still searching" (1002) in a row before it is abandoned."""
_POLL_FIRST, _POLL_MAX = 0.01, 0.2  # waits between "still searching" answers (doubling)


@dataclass(frozen=True)
class Recording:
    """One recorded file on the device, as ``NET_DVR_FindNextFile_V40`` reported it."""

    name: str
    """The device's file name (give the Recording to ``device.download(recording=...)``)."""
    channel: int
    """The channel searched."""
    start: dt.datetime
    """Start of the file, on the device's clock: naive, or in the search's ``tz`` if one was
    given."""
    end: dt.datetime
    """End of the file, like :attr:`start`."""
    size: int
    """Size in bytes (``dwFileSize``)."""
    kind: str
    """What triggered the recording: a key of ``KINDS`` (``"timed"``, ``"motion"``...), or
    ``"type N"`` for a code hcnetsdk does not name."""
    locked: bool
    """Whether the file is locked (protected from being overwritten)."""

    @property
    def duration(self) -> dt.timedelta:
        """``end - start``."""
        return self.end - self.start


def kind_code(kind: object) -> int:
    """``"motion"`` -> 1; None or ``"all"`` -> 0xff. ValueError naming the kinds otherwise."""
    if kind is None or kind == "all":
        return ALL_KINDS
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a str (one of {', '.join(KINDS)}) or None, not {kind!r}")
    code = KINDS.get(kind)
    if code is None:
        raise ValueError(f"unknown recording kind {kind!r}: use one of all, {', '.join(KINDS)}")
    return code


class _SearchHandle:
    """A search handle registered with its session: ``NET_DVR_FindClose_V30`` exactly once."""

    def __init__(self, session: Session, handle: int) -> None:
        self._session = session
        self.handle = handle
        self._lock = threading.Lock()
        self.closed = False

    def close(self) -> None:
        with self._lock:
            if self.closed:
                return
            self.closed = True
        self._session.remove_resource(self)
        try:
            self._session.native.NET_DVR_FindClose_V30(self.handle)
        except HCNetSDKError as exc:  # the handle is gone either way
            logger.warning("NET_DVR_FindClose_V30(%d) failed: %s", self.handle, exc)


def _open(session: Session, cond: _pb.NET_DVR_FILECOND_V40) -> _SearchHandle:
    """``NET_DVR_FindFile_V40``; the handle registered before a Ctrl-C is let through."""
    deferral = SigintDeferral()
    try:
        with session.call as user_id:
            handle = int(session.native.NET_DVR_FindFile_V40(user_id, ctypes.byref(cond)))
        search_handle = _SearchHandle(session, handle)
        try:
            session.add_resource(search_handle)
        except BaseException:
            search_handle.close()
            raise
    except BaseException:
        deferral.stop()
        deferral.deliver()  # a Ctrl-C during a failed call: raised, chained to the failure
        raise
    deferral.stop()
    if deferral.pending:
        search_handle.close()
        deferral.deliver()
    return search_handle


def search(
    session: Session,
    channel: int,
    start: object,
    end: object,
    *,
    kind: object = None,
    locked: bool | None = None,
    tz: dt.tzinfo | None = None,
    encoding: int = 6,
    timeout: float = SEARCH_TIMEOUT,
) -> Generator[Recording, None, None]:
    """The recordings of ``channel`` (already checked against the device) between ``start`` and
    ``end``. Every argument is checked here, before the SDK is called; the search itself starts
    at the first ``next()``."""
    first, last = device_range(start, end, tz)
    cond = _pb.NET_DVR_FILECOND_V40()
    cond.lChannel = channel
    cond.dwFileType = kind_code(kind)
    if locked is not None and not isinstance(locked, bool):
        raise TypeError(f"locked must be True, False or None, not {locked!r}")
    cond.dwIsLocked = ALL_KINDS if locked is None else int(locked)
    cond.struStartTime = first
    cond.struStopTime = last
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
    session.user_id  # noqa: B018 - raises SDKClosedError now, not at the first next()
    return _results(session, cond, channel, tz=tz, encoding=encoding, timeout=float(timeout))


def _results(
    session: Session,
    cond: _pb.NET_DVR_FILECOND_V40,
    channel: int,
    *,
    tz: dt.tzinfo | None,
    encoding: int,
    timeout: float,
) -> Generator[Recording, None, None]:
    search_handle = _open(session, cond)
    try:
        data = _pb.NET_DVR_FINDDATA_V40()
        find_next = session.native.NET_DVR_FindNextFile_V40
        wait, deadline = _POLL_FIRST, time.monotonic() + timeout
        while True:
            if search_handle.closed:  # the logout or cleanup closed it
                raise session.closed_error()
            status = int(find_next(search_handle.handle, ctypes.byref(data)))
            if status == _pb.NET_DVR_FILE_SUCCESS:
                recording = _recording(data, channel, tz, encoding)
                wait, deadline = _POLL_FIRST, time.monotonic() + timeout
                yield recording
            elif status == _pb.NET_DVR_ISFINDING:
                if time.monotonic() >= deadline:
                    raise RecordingSearchError(
                        f"the recording search on channel {channel} was still searching after "
                        f"{timeout:g} s (NET_DVR_FindNextFile_V40 kept returning NET_DVR_ISFINDING)"
                    )
                time.sleep(wait)
                wait = min(wait * 2, _POLL_MAX)
            elif status in (_pb.NET_DVR_NOMOREFILE, _pb.NET_DVR_FILE_NOFIND):
                return
            elif status == _pb.NET_DVR_FILE_EXCEPTION:
                raise RecordingSearchError(
                    f"the device's recording search on channel {channel} failed "
                    "(NET_DVR_FindNextFile_V40 returned NET_DVR_FILE_EXCEPTION, 1004)",
                    status=status,
                )
            else:
                raise RecordingSearchError(
                    f"NET_DVR_FindNextFile_V40 returned an unknown status {status}", status=status
                )
    finally:
        search_handle.close()


def _recording(
    data: _pb.NET_DVR_FINDDATA_V40, channel: int, tz: dt.tzinfo | None, encoding: int
) -> Recording:
    code = int(data.byFileType)
    return Recording(
        name=_convert.decode_text(bytes(data.sFileName), encoding),
        channel=channel,
        start=_convert.from_net_time(data.struStartTime, tz),
        end=_convert.from_net_time(data.struStopTime, tz),
        size=int(data.dwFileSize),
        kind=_KIND_NAMES.get(code, f"type {code}"),
        locked=bool(data.byLocked),
    )
