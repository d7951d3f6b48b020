"""SDK area "playback": the recording search and downloads.

Layouts are those of the 6.1.9.x header on 64-bit Linux (checked below); text fields are BYTE
arrays, never ``c_char``. ``NET_DVR_FindNextFile_V40`` returns a status (1000..1004), not a BOOL:
only -1 is a failure (its errcheck raises the last error); 1000..1004 are return values, never
errors (the same numbers are ability-XML error codes elsewhere). ``NET_DVR_GetDownloadPos``
returns 0..100 (percent written) or 200 (the abnormal end); a negative value is a failure.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from ._types import BOOL, BOOL_FAILURE, BYTE, DWORD, LONG, LONG_FAILURE, Prototype
from .core import NET_DVR_TIME

__all__ = [
    "DOWNLOAD_ABNORMAL_END",
    "DOWNLOAD_DONE",
    "FILE_NAME_SIZE",
    "FILE_TYPES",
    "NET_DVR_FILECOND_V40",
    "NET_DVR_FILE_EXCEPTION",
    "NET_DVR_FILE_NOFIND",
    "NET_DVR_FILE_SUCCESS",
    "NET_DVR_FINDDATA_V40",
    "NET_DVR_ISFINDING",
    "NET_DVR_NOMOREFILE",
    "NET_DVR_PLAYCOND",
    "NET_DVR_PLAYGETPOS",
    "NET_DVR_PLAYSTART",
    "PROTOTYPES",
    "PlaybackFunctions",
]

FILE_TYPES: dict[str, int] = {
    "timed": 0,
    "motion": 1,
    "alarm": 2,
    "motion_or_alarm": 3,
    "motion_and_alarm": 4,
    "command": 5,
    "manual": 6,
    "smart": 7,
}
"""``dwFileType`` / ``byFileType`` values by name (the header's comment on
``NET_DVR_FILECOND_V40.dwFileType``; devices add more)."""

# NET_DVR_FindNextFile_V40 statuses (the header's, and the vendor's samples)
NET_DVR_FILE_SUCCESS = 1000
"""The FINDDATA_V40 was filled: one file."""
NET_DVR_FILE_NOFIND = 1001
"""No file matched."""
NET_DVR_ISFINDING = 1002
"""Still searching: call again a little later."""
NET_DVR_NOMOREFILE = 1003
"""The end of the results."""
NET_DVR_FILE_EXCEPTION = 1004
"""The search failed."""

# NET_DVR_PlayBackControl_V40 control codes (7.2)
NET_DVR_PLAYSTART = 1
NET_DVR_PLAYGETPOS = 13

DOWNLOAD_DONE = 100
"""``NET_DVR_GetDownloadPos``: the whole file was written."""
DOWNLOAD_ABNORMAL_END = 200
"""``NET_DVR_GetDownloadPos``: the vendor samples' abnormal end (network, busy DVR); every value
above 100 is treated so."""

FILE_NAME_SIZE = 100
"""``NET_DVR_FINDDATA_V40.sFileName``: char[100], NUL-terminated."""


class NET_DVR_ATMFINDINFO(ctypes.Structure):
    """``NET_DVR_ATMFINDINFO``: 8 bytes, alignment 4."""

    _fields_ = (
        ("byTransactionType", BYTE),
        ("byRes", BYTE * 3),
        ("dwTransationAmount", DWORD),
    )


class NET_DVR_SPECIAL_FINDINFO_UNION(ctypes.Union):
    """``NET_DVR_SPECIAL_FINDINFO_UNION``: 8 bytes, alignment 4."""

    _fields_ = (
        ("byLenth", BYTE * 8),
        ("struATMFindInfo", NET_DVR_ATMFINDINFO),
    )


class NET_DVR_FILECOND_V40(ctypes.Structure):
    """``NET_DVR_FILECOND_V40`` (``NET_DVR_FindFile_V40``): 160 bytes, alignment 4."""

    _fields_ = (
        ("lChannel", LONG),
        ("dwFileType", DWORD),
        ("dwIsLocked", DWORD),
        ("dwUseCardNo", DWORD),
        ("sCardNumber", BYTE * 32),
        ("struStartTime", NET_DVR_TIME),
        ("struStopTime", NET_DVR_TIME),
        ("byDrawFrame", BYTE),
        ("byFindType", BYTE),
        ("byQuickSearch", BYTE),
        ("bySpecialFindInfoType", BYTE),
        ("dwVolumeNum", DWORD),
        ("byWorkingDeviceGUID", BYTE * 16),
        ("uSpecialFindInfo", NET_DVR_SPECIAL_FINDINFO_UNION),
        ("byStreamType", BYTE),
        ("byAudioFile", BYTE),
        ("byRes2", BYTE * 30),
    )


class NET_DVR_FINDDATA_V40(ctypes.Structure):
    """``NET_DVR_FINDDATA_V40`` (one file of ``NET_DVR_FindNextFile_V40``): 320 bytes, align 4."""

    _fields_ = (
        ("sFileName", BYTE * FILE_NAME_SIZE),
        ("struStartTime", NET_DVR_TIME),
        ("struStopTime", NET_DVR_TIME),
        ("dwFileSize", DWORD),
        ("sCardNum", BYTE * 32),
        ("byLocked", BYTE),
        ("byFileType", BYTE),
        ("byQuickSearch", BYTE),
        ("byRes", BYTE),
        ("dwFileIndex", DWORD),
        ("byStreamType", BYTE),
        ("byRes1", BYTE * 127),
    )


class NET_DVR_PLAYCOND(ctypes.Structure):
    """``NET_DVR_PLAYCOND`` (``NET_DVR_GetFileByTime_V40``): 116 bytes, alignment 4."""

    _fields_ = (
        ("dwChannel", DWORD),
        ("struStartTime", NET_DVR_TIME),
        ("struStopTime", NET_DVR_TIME),
        ("byDrawFrame", BYTE),
        ("byStreamType", BYTE),
        ("byStreamID", BYTE * 32),
        ("byCourseFile", BYTE),
        ("byDownload", BYTE),
        ("byOptimalStreamType", BYTE),
        ("byVODFileType", BYTE),
        ("byRes", BYTE * 26),
    )


assert ctypes.sizeof(NET_DVR_SPECIAL_FINDINFO_UNION) == 8
assert ctypes.sizeof(NET_DVR_FILECOND_V40) == 160
assert NET_DVR_FILECOND_V40.struStartTime.offset == 48
assert NET_DVR_FILECOND_V40.struStopTime.offset == 72
assert NET_DVR_FILECOND_V40.dwVolumeNum.offset == 100
assert NET_DVR_FILECOND_V40.uSpecialFindInfo.offset == 120
assert NET_DVR_FILECOND_V40.byStreamType.offset == 128
assert ctypes.sizeof(NET_DVR_FINDDATA_V40) == 320
assert NET_DVR_FINDDATA_V40.struStartTime.offset == 100
assert NET_DVR_FINDDATA_V40.dwFileSize.offset == 148
assert NET_DVR_FINDDATA_V40.byLocked.offset == 184
assert NET_DVR_FINDDATA_V40.dwFileIndex.offset == 188
assert NET_DVR_FINDDATA_V40.byRes1.offset == 193
assert ctypes.sizeof(NET_DVR_PLAYCOND) == 116
assert NET_DVR_PLAYCOND.struStopTime.offset == 28
assert NET_DVR_PLAYCOND.byStreamID.offset == 54
assert NET_DVR_PLAYCOND.byDownload.offset == 87
assert NET_DVR_PLAYCOND.byRes.offset == 90


class PlaybackFunctions:
    """The typed attributes :class:`~hcnetsdk._native.NativeSDK` gets from this area."""

    NET_DVR_FindFile_V40: Callable[[int, Any], int]
    NET_DVR_FindNextFile_V40: Callable[[int, Any], int]
    NET_DVR_FindClose_V30: Callable[[int], int]
    NET_DVR_GetFileByTime_V40: Callable[[int, bytes, Any], int]
    NET_DVR_GetFileByName: Callable[[int, bytes, bytes], int]
    NET_DVR_PlayBackControl_V40: Callable[[int, int, Any, int, Any, Any], int]
    NET_DVR_GetDownloadPos: Callable[[int], int]
    NET_DVR_StopGetFile: Callable[[int], int]


PROTOTYPES: tuple[Prototype, ...] = (
    # LONG NET_DVR_FindFile_V40(LONG lUserID, LPNET_DVR_FILECOND_V40 pFindCond);
    Prototype(
        "NET_DVR_FindFile_V40",
        LONG,
        (LONG, ctypes.POINTER(NET_DVR_FILECOND_V40)),
        LONG_FAILURE,
        False,
    ),
    # LONG NET_DVR_FindNextFile_V40(LONG lFindHandle, LPNET_DVR_FINDDATA_V40 lpFindData);
    Prototype(
        "NET_DVR_FindNextFile_V40",
        LONG,
        (LONG, ctypes.POINTER(NET_DVR_FINDDATA_V40)),
        LONG_FAILURE,
        False,
    ),
    # BOOL NET_DVR_FindClose_V30(LONG lFindHandle);
    Prototype("NET_DVR_FindClose_V30", BOOL, (LONG,), BOOL_FAILURE, False),
    # LONG NET_DVR_GetFileByTime_V40(LONG lUserID, char *sSavedFileName,
    #                                LPNET_DVR_PLAYCOND pDownloadCond);
    Prototype(
        "NET_DVR_GetFileByTime_V40",
        LONG,
        (LONG, ctypes.c_char_p, ctypes.POINTER(NET_DVR_PLAYCOND)),
        LONG_FAILURE,
        False,
    ),
    # LONG NET_DVR_GetFileByName(LONG lUserID, char *sDVRFileName, char *sSavedFileName);
    Prototype(
        "NET_DVR_GetFileByName",
        LONG,
        (LONG, ctypes.c_char_p, ctypes.c_char_p),
        LONG_FAILURE,
        False,
    ),
    # BOOL NET_DVR_PlayBackControl_V40(LONG lPlayHandle, DWORD dwControlCode,
    #     LPVOID lpInBuffer, DWORD dwInLen, LPVOID lpOutBuffer, DWORD *lpOutLen);
    Prototype(
        "NET_DVR_PlayBackControl_V40",
        BOOL,
        (LONG, DWORD, ctypes.c_void_p, DWORD, ctypes.c_void_p, ctypes.POINTER(DWORD)),
        BOOL_FAILURE,
        False,
    ),
    # LONG NET_DVR_GetDownloadPos(LONG lFileHandle);
    Prototype("NET_DVR_GetDownloadPos", LONG, (LONG,), LONG_FAILURE, False),
    # BOOL NET_DVR_StopGetFile(LONG lFileHandle);
    Prototype("NET_DVR_StopGetFile", BOOL, (LONG,), BOOL_FAILURE, False),
)
