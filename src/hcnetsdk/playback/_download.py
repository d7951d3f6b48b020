"""Downloads: ``NET_DVR_GetFileByTime_V40`` / ``NET_DVR_GetFileByName``, started with
``NET_DVR_PlayBackControl_V40(NET_DVR_PLAYSTART)``, followed with ``NET_DVR_GetDownloadPos`` and
ended with ``NET_DVR_StopGetFile``.

The SDK writes the file itself, from its own threads; hcnetsdk only polls the position (every
:data:`POLL_INTERVAL` s, from the thread that waits: no callback, no thread of its own). The
position is the percentage written: 100 is the end; above 100 (200 in practice) is the SDK's
abnormal end and a negative value a failure, both raised, never taken for success (peers that
call ``>= 100`` "done" report an aborted download as complete).

Invariants: ``NET_DVR_StopGetFile`` runs exactly once per handle (after completion, on failure,
on cancel, at logout/cleanup: whichever comes first); a download that fails or is cancelled
removes its partial file unless ``keep_partial``; SDK calls on one handle are serialised by the
download's lock, so a ``cancel()`` from another thread never races a position read onto a handle
the SDK already reused.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .. import _loader
from .._interrupts import SigintDeferral
from .._native import NET_SDK_MAX_FILE_PATH
from .._native import playback as _pb
from .._playback_errors import DownloadAbortedError, DownloadCancelledError
from .._session import Session
from ..errors import HCNetSDKError

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["POLL_INTERVAL", "Download", "start_download", "target_path"]

logger = logging.getLogger("hcnetsdk")

POLL_INTERVAL = 0.05
"""Seconds between two position reads while waiting."""

RUNNING, DONE, FAILED, CANCELLED = "running", "done", "failed", "cancelled"

ProgressCallback = Callable[[int], object]


def target_path(path: object, overwrite: bool) -> tuple[Path, bytes]:
    """The local file for the SDK to write: absolute, in an existing folder, encodable in at
    most 255 bytes (never cut), and not an existing file unless ``overwrite``."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    text = os.fspath(path)
    if not isinstance(text, str) or not text:
        raise ValueError("path must be a non-empty file name")
    target = Path(os.path.abspath(os.path.expanduser(text)))
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; give the file to write")
    if not target.parent.is_dir():
        raise FileNotFoundError(f"the folder {target.parent} does not exist")
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
    encoded = _loader.encode_path(str(target))
    if len(encoded) >= NET_SDK_MAX_FILE_PATH:
        raise ValueError(
            f"the path {str(target)!r} is {len(encoded)} bytes; the SDK takes at most "
            f"{NET_SDK_MAX_FILE_PATH - 1} (it is never truncated)"
        )
    return target, encoded


class Download:
    """A running download to a local file; see the module documentation.

    Made by :meth:`hcnetsdk.Device.download`. ``wait()`` follows it to the end; ``cancel()``
    stops it (from any thread); leaving ``with`` before it is complete cancels it. Logout and
    cleanup cancel it too.
    """

    def __init__(
        self,
        session: Session,
        path: Path,
        label: str,
        *,
        keep_partial: bool = False,
        progress: ProgressCallback | None = None,
    ) -> None:
        self._session = session
        self.path = path
        """The local file the SDK writes."""
        self.label = label
        """What is downloaded (device, channel and times, or the file's name)."""
        self.keep_partial = keep_partial
        """Whether a failed or cancelled download leaves its partial file."""
        self._on_progress = progress
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._handle = -1
        self._stopped = True  # until a handle exists
        self._state = RUNNING
        self._progress = 0
        self._reported = -1
        self._error: BaseException | None = None
        self._cancel_reason = "cancelled"

    # --- state ---------------------------------------------------------------------------
    @property
    def state(self) -> str:
        """``"running"``, ``"done"``, ``"failed"`` or ``"cancelled"``."""
        return self._state

    @property
    def done(self) -> bool:
        """True once the whole file was written (position 100)."""
        return self._state == DONE

    @property
    def progress(self) -> int:
        """Percent written, 0-100 (read from the SDK with ``NET_DVR_GetDownloadPos`` while the
        download runs; a failure it finds is raised by the next :meth:`wait`)."""
        if self._state == RUNNING:
            with contextlib.suppress(Exception):  # kept in self._error for wait()
                self._poll()
        return self._progress

    # --- SDK calls (under self._lock) ------------------------------------------------------
    def _started(self, handle: int) -> None:
        self._handle = handle
        self._stopped = False

    def _stop_locked(self) -> None:
        """``NET_DVR_StopGetFile`` once, then unregister."""
        if not self._stopped:
            self._stopped = True
            try:
                self._session.native.NET_DVR_StopGetFile(self._handle)
            except HCNetSDKError as exc:
                logger.warning("NET_DVR_StopGetFile(%d) failed: %s", self._handle, exc)
        self._session.remove_resource(self)

    def _remove_file(self) -> None:
        if self.keep_partial:
            return
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            logger.warning("could not remove the partial download %s: %s", self.path, exc)

    def _end_locked(self, state: str, error: BaseException | None) -> None:
        self._stop_locked()
        self._state = state
        self._error = error
        if state != DONE:
            self._remove_file()
        self._finished.set()

    def _poll(self) -> int:
        """Read the position once; end the download at 100 or on failure (then raise)."""
        with self._lock:
            if self._state != RUNNING:
                return self._progress
            try:
                position = int(self._session.native.NET_DVR_GetDownloadPos(self._handle))
                error: BaseException | None = None
            except HCNetSDKError as exc:
                position = -1
                error = exc if exc.code else None
            if 0 <= position < _pb.DOWNLOAD_DONE:
                self._progress = position
                return position
            if position == _pb.DOWNLOAD_DONE:
                self._progress = position
                self._end_locked(DONE, None)
                return position
            if error is None:
                what = (
                    "ended abnormally (the network, or a busy recorder)"
                    if position > _pb.DOWNLOAD_DONE
                    else "failed with no error code"
                )
                error = DownloadAbortedError(
                    f"the download of {self.label} {what}: NET_DVR_GetDownloadPos returned "
                    f"{position} at {self._progress}%"
                    + ("" if self.keep_partial else "; the partial file was removed"),
                    position=position,
                    path=str(self.path),
                )
            self._end_locked(FAILED, error)
        raise error

    # --- public API ------------------------------------------------------------------------
    def wait(self, timeout: float | None = None) -> Path:
        """Wait for the end of the download and return :attr:`path`.

        Reads the position every :data:`POLL_INTERVAL` s and calls ``progress(percent)`` (from
        this thread) each time it changed. Raises :class:`~hcnetsdk.DownloadAbortedError` (or
        the SDK's error) when it failed, :class:`~hcnetsdk.DownloadCancelledError` when it was
        cancelled, and ``TimeoutError`` after ``timeout`` seconds (the download goes on). Any
        other exception while waiting, a ``KeyboardInterrupt`` (Ctrl-C) or one raised by
        ``progress``, cancels the download (removing the partial file unless ``keep_partial``)
        before it propagates.
        """
        if timeout is not None and (
            isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout < 0
        ):
            raise ValueError(f"timeout must be a number of seconds >= 0 or None, not {timeout!r}")
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            while True:
                position = self._poll()
                if position != self._reported:
                    self._reported = position
                    if self._on_progress is not None:
                        self._on_progress(position)
                state = self._state
                if state == DONE:
                    return self.path
                if state != RUNNING:
                    raise self._final_error()
                pause = POLL_INTERVAL
                if deadline is not None:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError(
                            f"the download of {self.label} was not complete after {timeout} s "
                            f"({self._progress}%); it goes on"
                        )
                    pause = min(pause, remaining)
                self._finished.wait(pause)
        except (TimeoutError, DownloadAbortedError, DownloadCancelledError, HCNetSDKError):
            raise
        except BaseException:
            self.cancel()
            raise

    def _final_error(self) -> BaseException:
        if self._state == FAILED and self._error is not None:
            return self._error
        return DownloadCancelledError(
            f"the download of {self.label} was {self._cancel_reason}"
            + ("" if self.keep_partial else "; the partial file was removed"),
            path=str(self.path),
        )

    def cancel(self) -> None:
        """Stop the download (``NET_DVR_StopGetFile``) and remove the partial file unless
        ``keep_partial``. Does nothing once it ended (a complete file is kept)."""
        self._cancel("cancelled")

    def _cancel(self, reason: str) -> None:
        with self._lock:
            if self._state != RUNNING:
                return
            self._cancel_reason = reason
            self._end_locked(CANCELLED, None)

    def close(self) -> None:
        """Cancel the download if it is still running (what logout and cleanup call)."""
        self._cancel("cancelled by the logout or cleanup of its device")

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cancel()

    def __repr__(self) -> str:
        return f"<Download {self.label} -> {str(self.path)!r} {self._state} {self._progress}%>"


def start_download(
    session: Session,
    download: Download,
    encoded_path: bytes,
    open_call: Callable[[bytes], int],
    existed: bool,
) -> Download:
    """Run ``open_call(path)`` (``GetFileByTime_V40``/``GetFileByName``: the handle), register the
    download with the session, and start it (``PlayBackControl_V40(NET_DVR_PLAYSTART)``). A
    Ctrl-C during these calls is held until the handle is owned, then the download is cancelled
    and the ``KeyboardInterrupt`` raised."""
    deferral = SigintDeferral()
    try:
        try:
            handle = int(open_call(encoded_path))
        except BaseException:
            if not existed:  # the SDK may have created the file before it failed
                download._remove_file()
            raise
        download._started(handle)
        try:
            session.add_resource(download)
            session.native.NET_DVR_PlayBackControl_V40(
                handle, _pb.NET_DVR_PLAYSTART, None, 0, None, None
            )
        except BaseException:
            download._cancel("not started")
            raise
    except BaseException:
        deferral.stop()
        deferral.deliver()
        raise
    deferral.stop()
    if deferral.pending:
        download._cancel("interrupted (Ctrl-C) while starting")
        deferral.deliver()
    return download
