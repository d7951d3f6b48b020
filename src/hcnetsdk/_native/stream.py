"""SDK area "stream": live view without a window (``NET_DVR_RealPlay_V40`` with a data callback).

The layout is that of the 6.1.9.x header on 64-bit Linux (checked below); ``hPlayWnd`` is an
``unsigned int`` there (``HWND``). The callback's buffer is a ``c_void_p``, so nothing is read
from C except by an explicit copy with its length (``ctypes.string_at(pBuffer, dwBufSize)``).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from ._types import BOOL, BOOL_FAILURE, BYTE, DWORD, FUNCTYPE, HWND, LONG, LONG_FAILURE, Prototype

__all__ = [
    "DATA_TYPES",
    "NET_DVR_PREVIEWINFO",
    "NET_DVR_STREAMDATA",
    "NET_DVR_SYSHEAD",
    "PROTOTYPES",
    "STREAM_ID_LEN",
    "StreamFunctions",
    "fRealDataCallBack",
]

STREAM_ID_LEN = 32

NET_DVR_SYSHEAD = 1
NET_DVR_STREAMDATA = 2
DATA_TYPES: dict[int, str] = {
    1: "NET_DVR_SYSHEAD",
    2: "NET_DVR_STREAMDATA",
    3: "NET_DVR_AUDIOSTREAMDATA",
    4: "NET_DVR_STD_VIDEODATA",
    5: "NET_DVR_STD_AUDIODATA",
    6: "NET_DVR_SDP",
    10: "NET_DVR_CHANGE_FORWARD",
    11: "NET_DVR_CHANGE_REVERSE",
    12: "NET_DVR_PLAYBACK_ALLFILEEND",
    13: "NET_DVR_VOD_DRAW_FRAME",
    14: "NET_DVR_VOD_DRAW_DATA",
    15: "NET_DVR_HLS_INDEX_DATA",
    16: "NET_DVR_PLAYBACK_NEW_POS",
    107: "NET_DVR_METADATA_DATA",
    112: "NET_DVR_PRIVATE_DATA",
}
"""``dwDataType`` of the preview and playback data callbacks (the header's names)."""


class NET_DVR_PREVIEWINFO(ctypes.Structure):
    """``NET_DVR_PREVIEWINFO`` (``NET_DVR_RealPlay_V40``): 280 bytes, alignment 4."""

    _fields_ = (
        ("lChannel", LONG),
        ("dwStreamType", DWORD),
        ("dwLinkMode", DWORD),
        ("hPlayWnd", HWND),
        ("bBlocked", DWORD),
        ("bPassbackRecord", DWORD),
        ("byPreviewMode", BYTE),
        ("byStreamID", BYTE * STREAM_ID_LEN),
        ("byProtoType", BYTE),
        ("byRes1", BYTE),
        ("byVideoCodingType", BYTE),
        ("dwDisplayBufNum", DWORD),
        ("byNPQMode", BYTE),
        ("byRecvMetaData", BYTE),
        ("byDataType", BYTE),
        ("byRes", BYTE * 213),
    )


if ctypes.sizeof(HWND) == 4:  # Linux: HWND is unsigned int (Windows: a pointer)
    assert ctypes.sizeof(NET_DVR_PREVIEWINFO) == 280
    assert NET_DVR_PREVIEWINFO.hPlayWnd.offset == 12
    assert NET_DVR_PREVIEWINFO.byStreamID.offset == 25
    assert NET_DVR_PREVIEWINFO.byProtoType.offset == 57
    assert NET_DVR_PREVIEWINFO.dwDisplayBufNum.offset == 60
    assert NET_DVR_PREVIEWINFO.byNPQMode.offset == 64
    assert NET_DVR_PREVIEWINFO.byRes.offset == 67

# typedef void (CALLBACK *REALDATACALLBACK) (LONG lPlayHandle, DWORD dwDataType,
#                                            BYTE *pBuffer, DWORD dwBufSize, void* pUser);
fRealDataCallBack = FUNCTYPE(None, LONG, DWORD, ctypes.c_void_p, DWORD, ctypes.c_void_p)


class StreamFunctions:
    """The typed attributes :class:`~hcnetsdk._native.NativeSDK` gets from this area."""

    NET_DVR_RealPlay_V40: Callable[[int, Any, Any, Any], int]
    NET_DVR_StopRealPlay: Callable[[int], int]


PROTOTYPES: tuple[Prototype, ...] = (
    # LONG NET_DVR_RealPlay_V40(LONG lUserID, LPNET_DVR_PREVIEWINFO lpPreviewInfo,
    #                           REALDATACALLBACK fRealDataCallBack_V30, void* pUser);
    Prototype(
        "NET_DVR_RealPlay_V40",
        LONG,
        (LONG, ctypes.POINTER(NET_DVR_PREVIEWINFO), fRealDataCallBack, ctypes.c_void_p),
        LONG_FAILURE,
        False,
    ),
    # BOOL NET_DVR_StopRealPlay(LONG lRealHandle);
    Prototype("NET_DVR_StopRealPlay", BOOL, (LONG,), BOOL_FAILURE, False),
)
