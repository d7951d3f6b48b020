"""SDK area "events": alarm channels, the message and exception callbacks, the alarm listener.

Layouts are those of the 6.1.9.x header on 64-bit Linux (checked below); text fields are BYTE
arrays, never ``c_char`` (which would stop at the first NUL), and the callback payload pointers
are ``c_void_p``, so that nothing is read from C except by an explicit copy with a length.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from ._types import BOOL, BOOL_FAILURE, BYTE, DWORD, FUNCTYPE, LONG, LONG_FAILURE, WORD, Prototype

__all__ = [
    "COMM_ALARM_V30",
    "COMM_ALARM_V40",
    "COMM_ISAPI_ALARM",
    "MESSAGE_INDEX_MAX",
    "NET_DVR_ALARMER",
    "NET_DVR_ALARMINFO_V30",
    "NET_DVR_ALARMINFO_V40",
    "NET_DVR_ALARM_ISAPI_INFO",
    "NET_DVR_ALARM_ISAPI_PICDATA",
    "NET_DVR_ALRAM_FIXED_HEADER",
    "NET_DVR_SETUPALARM_PARAM_V50",
    "NET_DVR_TIME_EX",
    "PROTOTYPES",
    "EventFunctions",
    "fExceptionCallBack",
    "fMessageCallBack",
]

COMM_ALARM_V30 = 0x4000
COMM_ALARM_V40 = 0x4007
COMM_ISAPI_ALARM = 0x6009
MESSAGE_INDEX_MAX = 15
"""``NET_DVR_SetDVRMessageCallBack_V50`` takes indices 0..15 (16 and more: error 17)."""

MAX_ALARMOUT_V30 = 96
MAX_CHANNUM_V30 = 64
MAX_DISKNUM_V30 = 33


class NET_DVR_ALARMER(ctypes.Structure):
    """``NET_DVR_ALARMER``: who sent a message; 372 bytes, alignment 4."""

    _fields_ = (
        ("byUserIDValid", BYTE),
        ("bySerialValid", BYTE),
        ("byVersionValid", BYTE),
        ("byDeviceNameValid", BYTE),
        ("byMacAddrValid", BYTE),
        ("byLinkPortValid", BYTE),
        ("byDeviceIPValid", BYTE),
        ("bySocketIPValid", BYTE),
        ("lUserID", LONG),
        ("sSerialNumber", BYTE * 48),
        ("dwDeviceVersion", DWORD),
        ("sDeviceName", BYTE * 32),
        ("byMacAddr", BYTE * 6),
        ("wLinkPort", WORD),
        ("sDeviceIP", BYTE * 128),
        ("sSocketIP", BYTE * 128),
        ("byIpProtocol", BYTE),
        ("byRes1", BYTE * 2),
        ("bJSONBroken", BYTE),
        ("wSocketPort", WORD),
        ("byRes2", BYTE * 6),
    )


class NET_DVR_SETUPALARM_PARAM_V50(ctypes.Structure):
    """``NET_DVR_SETUPALARM_PARAM_V50`` (``SetupAlarmChan_V50``): 148 bytes, alignment 4."""

    _fields_ = (
        ("dwSize", DWORD),
        ("byLevel", BYTE),
        ("byAlarmInfoType", BYTE),
        ("byRetAlarmTypeV40", BYTE),
        ("byRetDevInfoVersion", BYTE),
        ("byRetVQDAlarmType", BYTE),
        ("byFaceAlarmDetection", BYTE),
        ("bySupport", BYTE),
        ("byBrokenNetHttp", BYTE),
        ("wTaskNo", WORD),
        ("byDeployType", BYTE),
        ("bySubScription", BYTE),
        ("byBrokenNetHttpV60", BYTE),
        ("byRes1", BYTE),
        ("byAlarmTypeURL", BYTE),
        ("byCustomCtrl", BYTE),
        ("byRes4", BYTE * 128),
    )


class NET_DVR_ALARMINFO_V30(ctypes.Structure):
    """``NET_DVR_ALARMINFO_V30`` (``COMM_ALARM_V30``): 268 bytes, alignment 4. Each flag array
    is indexed from 0 for number 1 (``byChannel[32]`` is channel 33, the first IP channel of
    most NVRs)."""

    _fields_ = (
        ("dwAlarmType", DWORD),
        ("dwAlarmInputNumber", DWORD),
        ("byAlarmOutputNumber", BYTE * MAX_ALARMOUT_V30),
        ("byAlarmRelateChannel", BYTE * MAX_CHANNUM_V30),
        ("byChannel", BYTE * MAX_CHANNUM_V30),
        ("byDiskNumber", BYTE * MAX_DISKNUM_V30),
    )


class NET_DVR_TIME_EX(ctypes.Structure):
    """``NET_DVR_TIME_EX``: 8 bytes, alignment 2."""

    _fields_ = (
        ("wYear", WORD),
        ("byMonth", BYTE),
        ("byDay", BYTE),
        ("byHour", BYTE),
        ("byMinute", BYTE),
        ("bySecond", BYTE),
        ("byRes", BYTE),
    )


class _IOAlarm(ctypes.Structure):
    _fields_ = (
        ("dwAlarmInputNo", DWORD),
        ("dwTrigerAlarmOutNum", DWORD),
        ("dwTrigerRecordChanNum", DWORD),
    )


class _AlarmChannel(ctypes.Structure):
    _fields_ = (
        ("dwAlarmChanNum", DWORD),
        ("dwPicLen", DWORD),
        ("byPicURL", BYTE),
        ("byRes", BYTE * 3),
        ("pDataBuff", ctypes.c_void_p),
    )


class _AlarmHardDisk(ctypes.Structure):
    _fields_ = (("dwAlarmHardDiskNum", DWORD),)


class _AlarmUnion(ctypes.Union):
    _fields_ = (
        ("byRes", BYTE * 120),
        ("struIOAlarm", _IOAlarm),
        ("struAlarmChannel", _AlarmChannel),
        ("struAlarmHardDisk", _AlarmHardDisk),
    )


class NET_DVR_ALRAM_FIXED_HEADER(ctypes.Structure):
    """``NET_DVR_ALRAM_FIXED_HEADER`` (the SDK's spelling): 152 bytes, alignment 8."""

    _fields_ = (
        ("dwAlarmType", DWORD),
        ("struAlarmTime", NET_DVR_TIME_EX),
        ("uStruAlarm", _AlarmUnion),
        ("pRes", ctypes.c_void_p),
        ("byTimeDiffFlag", BYTE),
        ("cTimeDifferenceH", ctypes.c_byte),
        ("cTimeDifferenceM", ctypes.c_byte),
        ("byRes", BYTE),
        ("wDevInfoIvmsChannel", WORD),
        ("byRes2", BYTE * 2),
    )


class NET_DVR_ALARMINFO_V40(ctypes.Structure):
    """``NET_DVR_ALARMINFO_V40`` (``COMM_ALARM_V40``): 160 bytes, alignment 8. ``pAlarmData``
    points to DWORDs whose count the fixed header's union gives for the alarm type."""

    _fields_ = (
        ("struAlarmFixedHeader", NET_DVR_ALRAM_FIXED_HEADER),
        ("pAlarmData", ctypes.c_void_p),
    )


class NET_DVR_ALARM_ISAPI_INFO(ctypes.Structure):
    """``NET_DVR_ALARM_ISAPI_INFO`` (``COMM_ISAPI_ALARM``): 56 bytes, alignment 8."""

    _fields_ = (
        ("pAlarmData", ctypes.c_void_p),
        ("dwAlarmDataLen", DWORD),
        ("byDataType", BYTE),
        ("byPicturesNumber", BYTE),
        ("byRes", BYTE * 2),
        ("pPicPackData", ctypes.c_void_p),
        ("byRes1", BYTE * 32),
    )


class NET_DVR_ALARM_ISAPI_PICDATA(ctypes.Structure):
    """``NET_DVR_ALARM_ISAPI_PICDATA``: one attached picture; 272 bytes, alignment 8."""

    _fields_ = (
        ("dwPicLen", DWORD),
        ("byPicType", BYTE),
        ("byRes", BYTE * 3),
        ("szFilename", BYTE * 256),
        ("pPicData", ctypes.c_void_p),
    )


assert ctypes.sizeof(NET_DVR_SETUPALARM_PARAM_V50) == 148
assert ctypes.sizeof(NET_DVR_ALARMER) == 372
assert NET_DVR_ALARMER.sDeviceIP.offset == 104
assert NET_DVR_ALARMER.wSocketPort.offset == 364
assert ctypes.sizeof(NET_DVR_ALARMINFO_V30) == 268
assert NET_DVR_ALARMINFO_V30.byDiskNumber.offset == 232
assert ctypes.sizeof(NET_DVR_TIME_EX) == 8
if ctypes.sizeof(ctypes.c_void_p) == 8:
    assert ctypes.sizeof(NET_DVR_ALRAM_FIXED_HEADER) == 152
    assert NET_DVR_ALRAM_FIXED_HEADER.uStruAlarm.offset == 16
    assert NET_DVR_ALRAM_FIXED_HEADER.pRes.offset == 136
    assert NET_DVR_ALRAM_FIXED_HEADER.wDevInfoIvmsChannel.offset == 148
    assert _AlarmChannel.pDataBuff.offset == 16
    assert ctypes.sizeof(NET_DVR_ALARMINFO_V40) == 160
    assert ctypes.sizeof(NET_DVR_ALARM_ISAPI_INFO) == 56
    assert NET_DVR_ALARM_ISAPI_INFO.pPicPackData.offset == 16
    assert ctypes.sizeof(NET_DVR_ALARM_ISAPI_PICDATA) == 272
    assert NET_DVR_ALARM_ISAPI_PICDATA.pPicData.offset == 264

# typedef void (CALLBACK *MSGCallBack)(LONG lCommand, NET_DVR_ALARMER *pAlarmer,
#                                      char *pAlarmInfo, DWORD dwBufLen, void* pUser);
fMessageCallBack = FUNCTYPE(None, LONG, ctypes.c_void_p, ctypes.c_void_p, DWORD, ctypes.c_void_p)
# void (CALLBACK* fExceptionCallBack)(DWORD dwType, LONG lUserID, LONG lHandle, void *pUser)
fExceptionCallBack = FUNCTYPE(None, DWORD, LONG, LONG, ctypes.c_void_p)


class EventFunctions:
    """The typed attributes :class:`~hcnetsdk._native.NativeSDK` gets from this area."""

    NET_DVR_SetDVRMessageCallBack_V50: Callable[[int, Any, Any], int]
    NET_DVR_SetupAlarmChan_V50: Callable[[int, Any, Any, int], int]
    NET_DVR_CloseAlarmChan_V30: Callable[[int], int]
    NET_DVR_SetExceptionCallBack_V30: Callable[[int, Any, Any, Any], int]
    NET_DVR_StartListen_V30: Callable[[bytes | None, int, Any, Any], int]
    NET_DVR_StopListen_V30: Callable[[int], int]


PROTOTYPES: tuple[Prototype, ...] = (
    # BOOL NET_DVR_SetDVRMessageCallBack_V50(int iIndex, MSGCallBack fMessageCallBack,
    #                                        void* pUser);
    Prototype(
        "NET_DVR_SetDVRMessageCallBack_V50",
        BOOL,
        (ctypes.c_int, fMessageCallBack, ctypes.c_void_p),
        BOOL_FAILURE,
        False,
    ),
    # LONG NET_DVR_SetupAlarmChan_V50(LONG iUserID, LPNET_DVR_SETUPALARM_PARAM_V50 lpSetupParam,
    #                                 char *pSub, DWORD dwSubSize);
    Prototype(
        "NET_DVR_SetupAlarmChan_V50",
        LONG,
        (LONG, ctypes.POINTER(NET_DVR_SETUPALARM_PARAM_V50), ctypes.c_void_p, DWORD),
        LONG_FAILURE,
        False,
    ),
    # BOOL NET_DVR_CloseAlarmChan_V30(LONG lAlarmHandle);
    Prototype("NET_DVR_CloseAlarmChan_V30", BOOL, (LONG,), BOOL_FAILURE, False),
    # BOOL NET_DVR_SetExceptionCallBack_V30(UINT reserved1, void* reserved2,
    #     void (CALLBACK* fExceptionCallBack)(DWORD, LONG, LONG, void*), void *pUser);
    Prototype(
        "NET_DVR_SetExceptionCallBack_V30",
        BOOL,
        (ctypes.c_uint, ctypes.c_void_p, fExceptionCallBack, ctypes.c_void_p),
        BOOL_FAILURE,
        False,
    ),
    # LONG NET_DVR_StartListen_V30(char *sLocalIP, WORD wLocalPort, MSGCallBack DataCallback,
    #                              void* pUserData);
    Prototype(
        "NET_DVR_StartListen_V30",
        LONG,
        (ctypes.c_char_p, WORD, fMessageCallBack, ctypes.c_void_p),
        LONG_FAILURE,
        False,
    ),
    # BOOL NET_DVR_StopListen_V30(LONG lListenHandle);
    Prototype("NET_DVR_StopListen_V30", BOOL, (LONG,), BOOL_FAILURE, False),
)
