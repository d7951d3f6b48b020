"""SDK area "config": device configuration (``NET_DVR_GetDVRConfig``/``SetDVRConfig``), reboot, and
snapshots (``NET_DVR_CaptureJPEGPicture_NEW``).

Layouts are those measured from the SDK 6.1.9.x header on 64-bit Linux, checked below. For the
IP-channel structs only size and alignment were measured; their fields are the header's, and the
asserts tie them to those sizes. ``NET_DVR_PICCFG_V40`` (the channel name) was not measured: its
size (77140) and the offset of ``sChanName`` (4) come from compiling the same header, and
everything after the name is kept as opaque bytes. Text
fields are BYTE arrays (never ``c_char``, which stops at the first NUL).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from ._types import BOOL, BOOL_FAILURE, BYTE, DWORD, LONG, WORD, Prototype

__all__ = [
    "NET_DVR_DEVICECFG_V40",
    "NET_DVR_GET_DEVICECFG_V40",
    "NET_DVR_GET_IPPARACFG_V40",
    "NET_DVR_GET_PICCFG_V40",
    "NET_DVR_GET_TIMECFG",
    "NET_DVR_IPADDR",
    "NET_DVR_IPCHANINFO",
    "NET_DVR_IPDEVINFO_V31",
    "NET_DVR_IPPARACFG_V40",
    "NET_DVR_JPEGPARA",
    "NET_DVR_PICCFG_V40",
    "NET_DVR_SET_DEVICECFG_V40",
    "NET_DVR_SET_TIMECFG",
    "NET_DVR_STREAM_MODE",
    "PROTOTYPES",
    "ConfigFunctions",
]

# GetDVRConfig / SetDVRConfig commands (the header's values)
NET_DVR_GET_TIMECFG = 118
NET_DVR_SET_TIMECFG = 119
NET_DVR_GET_IPPARACFG_V40 = 1062
NET_DVR_GET_DEVICECFG_V40 = 1100
NET_DVR_SET_DEVICECFG_V40 = 1101
NET_DVR_GET_PICCFG_V40 = 6179

NAME_LEN = 32
SERIALNO_LEN = 48
DEV_TYPE_NAME_LEN = 24
MAX_CHANNUM_V30 = 64
MAX_IP_DEVICE_V40 = 64


class NET_DVR_JPEGPARA(ctypes.Structure):
    """``NET_DVR_JPEGPARA``: 4 bytes, alignment 2. ``wPicSize`` 0xff is the stream's current
    resolution; ``wPicQuality`` 0 best, 1 better, 2 average."""

    _fields_ = (("wPicSize", WORD), ("wPicQuality", WORD))


class NET_DVR_DEVICECFG_V40(ctypes.Structure):
    """``NET_DVR_DEVICECFG_V40`` (``NET_DVR_GET_DEVICECFG_V40``): 180 bytes, alignment 4."""

    _fields_ = (
        ("dwSize", DWORD),
        ("sDVRName", BYTE * NAME_LEN),
        ("dwDVRID", DWORD),
        ("dwRecycleRecord", DWORD),
        ("sSerialNumber", BYTE * SERIALNO_LEN),
        ("dwSoftwareVersion", DWORD),
        ("dwSoftwareBuildDate", DWORD),
        ("dwDSPSoftwareVersion", DWORD),
        ("dwDSPSoftwareBuildDate", DWORD),
        ("dwPanelVersion", DWORD),
        ("dwHardwareVersion", DWORD),
        ("byAlarmInPortNum", BYTE),
        ("byAlarmOutPortNum", BYTE),
        ("byRS232Num", BYTE),
        ("byRS485Num", BYTE),
        ("byNetworkPortNum", BYTE),
        ("byDiskCtrlNum", BYTE),
        ("byDiskNum", BYTE),
        ("byDVRType", BYTE),
        ("byChanNum", BYTE),
        ("byStartChan", BYTE),
        ("byDecordChans", BYTE),
        ("byVGANum", BYTE),
        ("byUSBNum", BYTE),
        ("byAuxoutNum", BYTE),
        ("byAudioNum", BYTE),
        ("byIPChanNum", BYTE),
        ("byZeroChanNum", BYTE),
        ("bySupport", BYTE),
        ("byEsataUseage", BYTE),
        ("byIPCPlug", BYTE),
        ("byStorageMode", BYTE),
        ("bySupport1", BYTE),
        ("wDevType", WORD),
        ("byDevTypeName", BYTE * DEV_TYPE_NAME_LEN),
        ("bySupport2", BYTE),
        ("byAnalogAlarmInPortNum", BYTE),
        ("byStartAlarmInNo", BYTE),
        ("byStartAlarmOutNo", BYTE),
        ("byStartIPAlarmInNo", BYTE),
        ("byStartIPAlarmOutNo", BYTE),
        ("byHighIPChanNum", BYTE),
        ("byEnableRemotePowerOn", BYTE),
        ("wDevClass", WORD),
        ("byRes2", BYTE * 6),
    )


class NET_DVR_IPADDR(ctypes.Structure):
    """``NET_DVR_IPADDR``: 144 bytes, alignment 1."""

    _fields_ = (("sIpV4", BYTE * 16), ("byIPv6", BYTE * 128))


class NET_DVR_IPDEVINFO_V31(ctypes.Structure):
    """``NET_DVR_IPDEVINFO_V31``: one IP device of an NVR; 296 bytes, alignment 2. Holds the
    camera's password: hcnetsdk never reads it out."""

    _fields_ = (
        ("byEnable", BYTE),
        ("byProType", BYTE),
        ("byEnableQuickAdd", BYTE),
        ("byCameraType", BYTE),
        ("sUserName", BYTE * NAME_LEN),
        ("sPassword", BYTE * 16),
        ("byDomain", BYTE * 64),
        ("struIP", NET_DVR_IPADDR),
        ("wDVRPort", WORD),
        ("szDeviceID", BYTE * 32),
        ("byEnableTiming", BYTE),
        ("byCertificateValidation", BYTE),
    )


class NET_DVR_IPCHANINFO(ctypes.Structure):
    """``NET_DVR_IPCHANINFO``: 36 bytes. ``byEnable``: the channel is online; ``byIPID`` (+ 256 *
    ``byIPIDHigh``): its IP device, 1-based (0: none); ``byChannel``: the channel on it."""

    _fields_ = (
        ("byEnable", BYTE),
        ("byIPID", BYTE),
        ("byChannel", BYTE),
        ("byIPIDHigh", BYTE),
        ("byTransProtocol", BYTE),
        ("byGetStream", BYTE),
        ("byres", BYTE * 30),
    )


class _GetStreamUnion(ctypes.Union):
    """``NET_DVR_GET_STREAM_UNION``: 492 bytes, alignment 4; only the member of stream type 0
    is modelled."""

    _fields_ = (("struChanInfo", NET_DVR_IPCHANINFO), ("dwOther", DWORD * 123))


class NET_DVR_STREAM_MODE(ctypes.Structure):
    """``NET_DVR_STREAM_MODE``: 496 bytes, alignment 4."""

    _fields_ = (
        ("byGetStreamType", BYTE),
        ("byRes", BYTE * 3),
        ("uGetStream", _GetStreamUnion),
    )


class NET_DVR_IPPARACFG_V40(ctypes.Structure):
    """``NET_DVR_IPPARACFG_V40`` (``NET_DVR_GET_IPPARACFG_V40``): 50792 bytes, alignment 4.
    ``struStreamMode[i]`` is IP channel ``dwStartDChan + i``."""

    _fields_ = (
        ("dwSize", DWORD),
        ("dwGroupNum", DWORD),
        ("dwAChanNum", DWORD),
        ("dwDChanNum", DWORD),
        ("dwStartDChan", DWORD),
        ("byAnalogChanEnable", BYTE * MAX_CHANNUM_V30),
        ("struIPDevInfo", NET_DVR_IPDEVINFO_V31 * MAX_IP_DEVICE_V40),
        ("struStreamMode", NET_DVR_STREAM_MODE * MAX_CHANNUM_V30),
        ("byRes2", BYTE * 20),
    )


class NET_DVR_PICCFG_V40(ctypes.Structure):
    """``NET_DVR_PICCFG_V40`` (``NET_DVR_GET_PICCFG_V40``, per channel): 77140 bytes, alignment
    4; only ``sChanName`` is modelled."""

    _fields_ = (
        ("dwSize", DWORD),
        ("sChanName", BYTE * NAME_LEN),
        ("byOpaque", BYTE * (77140 - 36)),
    )


assert ctypes.sizeof(NET_DVR_JPEGPARA) == 4
assert ctypes.alignment(NET_DVR_JPEGPARA) == 2
assert ctypes.sizeof(NET_DVR_DEVICECFG_V40) == 180
assert NET_DVR_DEVICECFG_V40.sSerialNumber.offset == 44
assert NET_DVR_DEVICECFG_V40.dwSoftwareVersion.offset == 92
assert NET_DVR_DEVICECFG_V40.byDiskNum.offset == 122
assert NET_DVR_DEVICECFG_V40.wDevType.offset == 138
assert NET_DVR_DEVICECFG_V40.byDevTypeName.offset == 140
assert NET_DVR_DEVICECFG_V40.byHighIPChanNum.offset == 170
assert NET_DVR_DEVICECFG_V40.wDevClass.offset == 172
assert ctypes.sizeof(NET_DVR_IPADDR) == 144
assert ctypes.alignment(NET_DVR_IPADDR) == 1
assert ctypes.sizeof(NET_DVR_IPDEVINFO_V31) == 296
assert ctypes.alignment(NET_DVR_IPDEVINFO_V31) == 2
assert NET_DVR_IPDEVINFO_V31.wDVRPort.offset == 260
assert ctypes.sizeof(NET_DVR_IPCHANINFO) == 36
assert ctypes.sizeof(NET_DVR_STREAM_MODE) == 496
assert ctypes.alignment(NET_DVR_STREAM_MODE) == 4
assert ctypes.sizeof(NET_DVR_IPPARACFG_V40) == 50792
assert NET_DVR_IPPARACFG_V40.struIPDevInfo.offset == 84
assert NET_DVR_IPPARACFG_V40.struStreamMode.offset == 19028
assert ctypes.sizeof(NET_DVR_PICCFG_V40) == 77140


class ConfigFunctions:
    """The typed attributes :class:`~hcnetsdk._native.NativeSDK` gets from this area."""

    NET_DVR_GetDVRConfig: Callable[[int, int, int, Any, int, Any], int]
    NET_DVR_SetDVRConfig: Callable[[int, int, int, Any, int], int]
    NET_DVR_RebootDVR: Callable[[int], int]
    NET_DVR_CaptureJPEGPicture_NEW: Callable[[int, int, Any, Any, int, Any], int]


_LPDWORD = ctypes.POINTER(DWORD)

PROTOTYPES: tuple[Prototype, ...] = (
    # BOOL NET_DVR_GetDVRConfig(LONG lUserID, DWORD dwCommand, LONG lChannel,
    #     LPVOID lpOutBuffer, DWORD dwOutBufferSize, LPDWORD lpBytesReturned);
    Prototype(
        "NET_DVR_GetDVRConfig",
        BOOL,
        (LONG, DWORD, LONG, ctypes.c_void_p, DWORD, _LPDWORD),
        BOOL_FAILURE,
        False,
    ),
    # BOOL NET_DVR_SetDVRConfig(LONG lUserID, DWORD dwCommand, LONG lChannel,
    #     LPVOID lpInBuffer, DWORD dwInBufferSize);
    Prototype(
        "NET_DVR_SetDVRConfig",
        BOOL,
        (LONG, DWORD, LONG, ctypes.c_void_p, DWORD),
        BOOL_FAILURE,
        False,
    ),
    # BOOL NET_DVR_RebootDVR(LONG lUserID);
    Prototype("NET_DVR_RebootDVR", BOOL, (LONG,), BOOL_FAILURE, False),
    # BOOL NET_DVR_CaptureJPEGPicture_NEW(LONG lUserID, LONG lChannel,
    #     LPNET_DVR_JPEGPARA lpJpegPara, char *sJpegPicBuffer, DWORD dwPicSize,
    #     LPDWORD lpSizeReturned);
    Prototype(
        "NET_DVR_CaptureJPEGPicture_NEW",
        BOOL,
        (LONG, LONG, ctypes.POINTER(NET_DVR_JPEGPARA), ctypes.c_void_p, DWORD, _LPDWORD),
        BOOL_FAILURE,
        False,
    ),
)
