"""Errors of recordings and downloads that carry no SDK error code.

Where the SDK gives a code (a failed call: ``GetLastError``), the usual
:class:`~hcnetsdk.HCNetSDKError` subclass is raised. These cover what the SDK reports as a value
instead: ``NET_DVR_GetDownloadPos`` returning its abnormal end (200) or a negative value without a
code, ``NET_DVR_FindNextFile_V40`` returning ``NET_DVR_FILE_EXCEPTION`` (1004: a status, which is
never raised as the ability-XML error with the same number), and a download cancelled while
someone waited for it.
"""

from __future__ import annotations

__all__ = ["DownloadAbortedError", "DownloadCancelledError", "RecordingSearchError"]


class DownloadAbortedError(ConnectionError):
    """A download ended before it was complete: ``NET_DVR_GetDownloadPos`` returned a value above
    100 (the SDK's abnormal end, 200 in practice: "the network or a busy DVR") or a negative value
    with no error code. The partial file was removed unless the download was asked to keep it.
    """

    def __init__(self, message: str, *, position: int, path: str | None = None) -> None:
        super().__init__(message)
        self.position = position
        """What ``NET_DVR_GetDownloadPos`` returned (200, or a negative value)."""
        self.path = path
        """The local file of the download."""


class DownloadCancelledError(Exception):
    """:meth:`~hcnetsdk.Download.wait` was waiting for a download that was cancelled (by
    ``cancel()`` on another thread, by the device's logout or by the SDK's cleanup)."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        """The local file of the download (removed unless it was asked to keep it)."""


class RecordingSearchError(RuntimeError):
    """The device's recording search failed: ``NET_DVR_FindNextFile_V40`` returned
    ``NET_DVR_FILE_EXCEPTION`` (1004), or it stayed in "still searching" past the timeout."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        """The status ``NET_DVR_FindNextFile_V40`` returned (1004), or None for a timeout."""
