"""SDK area "login": the login structures, ``NET_DVR_Login_V40``/``_V30`` and ``NET_DVR_Logout``.

A failed ``NET_DVR_Login_V40`` writes the device's lockout policy into its output structure; the
prototype's ``details`` hook puts it on the exception (``attempts_left``, ``lock_seconds``).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from ._types import BOOL, BOOL_FAILURE, BYTE, DWORD, FUNCTYPE, LONG, LONG_FAILURE, WORD, Prototype

__all__ = [
    "CHAR_ENCODINGS",
    "HTTPS_ADAPTIVE",
    "HTTPS_OFF",
    "HTTPS_ON",
    "LOGIN_MODE_ADAPTIVE",
    "LOGIN_MODE_ISAPI",
    "LOGIN_MODE_PRIVATE",
    "NET_DVR_DEVICEINFO_V30",
    "NET_DVR_DEVICEINFO_V40",
    "NET_DVR_DEV_ADDRESS_MAX_LEN",
    "NET_DVR_LOGIN_PASSWD_MAX_LEN",
    "NET_DVR_LOGIN_USERNAME_MAX_LEN",
    "NET_DVR_USER_LOGIN_INFO",
    "PROTOTYPES",
    "SERIALNO_LEN",
    "LoginFunctions",
    "fLoginResultCallBack",
    "lockout_details",
    "struct_argument",
]


def _char_encodings() -> dict[int, str]:
    table = {1: "gb2312", 2: "gbk", 3: "big5", 4: "shift_jis", 5: "euc_kr", 6: "utf-8"}
    for code in range(7, 22):  # 7..21: ISO-8859-1..15, one code each
        part = code - 6
        if part != 12:  # ISO-8859-12 was never published; Python has no codec for it
            table[code] = f"iso8859_{part}"
    table[22] = "cp1255"  # "Hebrew" (ISO-8859-8 is already code 14): Windows-1255
    return table


CHAR_ENCODINGS: dict[int, str] = _char_encodings()
"""``NET_DVR_DEVICEINFO_V40.byCharEncodeType`` -> Python codec name. Other values (0: not
reported) decode as UTF-8."""

SERIALNO_LEN = 48
NET_DVR_DEV_ADDRESS_MAX_LEN = 129
NET_DVR_LOGIN_USERNAME_MAX_LEN = 64
NET_DVR_LOGIN_PASSWD_MAX_LEN = 64

# NET_DVR_USER_LOGIN_INFO.byLoginMode / byHttps
LOGIN_MODE_PRIVATE = 0
LOGIN_MODE_ISAPI = 1
LOGIN_MODE_ADAPTIVE = 2
HTTPS_OFF = 0
HTTPS_ON = 1
HTTPS_ADAPTIVE = 2

_USER_LOCKED = 153  # NET_DVR_USER_LOCKED


class NET_DVR_DEVICEINFO_V30(ctypes.Structure):
    """``NET_DVR_DEVICEINFO_V30``: 80 bytes, alignment 2."""

    _fields_ = (
        ("sSerialNumber", BYTE * SERIALNO_LEN),
        ("byAlarmInPortNum", BYTE),
        ("byAlarmOutPortNum", BYTE),
        ("byDiskNum", BYTE),
        ("byDVRType", BYTE),
        ("byChanNum", BYTE),
        ("byStartChan", BYTE),
        ("byAudioChanNum", BYTE),
        ("byIPChanNum", BYTE),
        ("byZeroChanNum", BYTE),
        ("byMainProto", BYTE),
        ("bySubProto", BYTE),
        ("bySupport", BYTE),
        ("bySupport1", BYTE),
        ("bySupport2", BYTE),
        ("wDevType", WORD),
        ("bySupport3", BYTE),
        ("byMultiStreamProto", BYTE),
        ("byStartDChan", BYTE),
        ("byStartDTalkChan", BYTE),
        ("byHighDChanNum", BYTE),
        ("bySupport4", BYTE),
        ("byLanguageType", BYTE),
        ("byVoiceInChanNum", BYTE),
        ("byStartVoiceInChanNo", BYTE),
        ("bySupport5", BYTE),
        ("bySupport6", BYTE),
        ("byMirrorChanNum", BYTE),
        ("wStartMirrorChanNo", WORD),
        ("bySupport7", BYTE),
        ("byRes2", BYTE),
    )


class NET_DVR_DEVICEINFO_V40(ctypes.Structure):
    """``NET_DVR_DEVICEINFO_V40``: 344 bytes, alignment 4."""

    _fields_ = (
        ("struDeviceV30", NET_DVR_DEVICEINFO_V30),
        ("bySupportLock", BYTE),
        ("byRetryLoginTime", BYTE),
        ("byPasswordLevel", BYTE),
        ("byProxyType", BYTE),
        ("dwSurplusLockTime", DWORD),
        ("byCharEncodeType", BYTE),
        ("bySupportDev5", BYTE),
        ("bySupport", BYTE),
        ("byLoginMode", BYTE),
        ("dwOEMCode", DWORD),
        ("iResidualValidity", ctypes.c_int),
        ("byResidualValidity", BYTE),
        ("bySingleStartDTalkChan", BYTE),
        ("bySingleDTalkChanNums", BYTE),
        ("byPassWordResetLevel", BYTE),
        ("bySupportStreamEncrypt", BYTE),
        ("byMarketType", BYTE),
        ("byTLSCap", BYTE),
        ("byRes2", BYTE * 237),
    )


# typedef void (CALLBACK *fLoginResultCallBack)(LONG lUserID, DWORD dwResult,
#                                               LPNET_DVR_DEVICEINFO_V30 lpDeviceInfo, void *pUser);
fLoginResultCallBack = FUNCTYPE(
    None, LONG, DWORD, ctypes.POINTER(NET_DVR_DEVICEINFO_V30), ctypes.c_void_p
)


class NET_DVR_USER_LOGIN_INFO(ctypes.Structure):
    """``NET_DVR_USER_LOGIN_INFO``: 416 bytes on 64-bit, alignment of a pointer."""

    _fields_ = (
        ("sDeviceAddress", ctypes.c_char * NET_DVR_DEV_ADDRESS_MAX_LEN),
        ("byUseTransport", BYTE),
        ("wPort", WORD),
        ("sUserName", ctypes.c_char * NET_DVR_LOGIN_USERNAME_MAX_LEN),
        ("sPassword", ctypes.c_char * NET_DVR_LOGIN_PASSWD_MAX_LEN),
        ("cbLoginResult", fLoginResultCallBack),
        ("pUser", ctypes.c_void_p),
        ("bUseAsynLogin", BOOL),
        ("byProxyType", BYTE),
        ("byUseUTCTime", BYTE),
        ("byLoginMode", BYTE),
        ("byHttps", BYTE),
        ("iProxyID", LONG),
        ("byVerifyMode", BYTE),
        ("byRes3", BYTE * 119),
    )


assert ctypes.sizeof(NET_DVR_DEVICEINFO_V30) == 80
assert ctypes.sizeof(NET_DVR_DEVICEINFO_V40) == 344
if ctypes.sizeof(ctypes.c_void_p) == 8:
    assert ctypes.sizeof(NET_DVR_USER_LOGIN_INFO) == 416
    assert NET_DVR_USER_LOGIN_INFO.sPassword.offset == 196
    assert NET_DVR_USER_LOGIN_INFO.bUseAsynLogin.offset == 280


def struct_argument(argument: object) -> Any:
    """The Structure behind a pointer argument as the caller passed it (struct, byref, pointer)."""
    if isinstance(argument, ctypes.Structure):
        return argument
    obj = getattr(argument, "_obj", None)  # ctypes.byref(...)
    if isinstance(obj, ctypes.Structure):
        return obj
    if isinstance(argument, ctypes._Pointer) and argument:
        return argument.contents
    return None


def lockout_details(device_info: Any, code: int) -> tuple[int | None, int | None]:
    """(attempts_left, lock_seconds) from a DEVICEINFO_V40 after a failed login, if reported.

    Only when ``bySupportLock`` is 1 are the two fields valid. The lock time is given for a
    locked account (153) and whenever it is nonzero.
    """
    if not isinstance(device_info, NET_DVR_DEVICEINFO_V40) or device_info.bySupportLock != 1:
        return None, None
    lock = int(device_info.dwSurplusLockTime)
    return int(device_info.byRetryLoginTime), (lock if lock or code == _USER_LOCKED else None)


def _login_v40_details(args: tuple[Any, ...], code: int) -> dict[str, Any]:
    """The ``details`` hook of ``NET_DVR_Login_V40``: lockout fields of its output struct."""
    device_info = struct_argument(args[1]) if len(args) >= 2 else None
    attempts, lock = lockout_details(device_info, code)
    return {"attempts_left": attempts, "lock_seconds": lock}


class LoginFunctions:
    """The typed attributes :class:`~hcnetsdk._native.NativeSDK` gets from this area."""

    NET_DVR_Login_V40: Callable[[Any, Any], int]
    NET_DVR_Login_V30: Callable[[bytes, int, bytes, bytes, Any], int]
    NET_DVR_Logout: Callable[[int], int]


PROTOTYPES: tuple[Prototype, ...] = (
    # LONG NET_DVR_Login_V40(LPNET_DVR_USER_LOGIN_INFO pLoginInfo,
    #                        LPNET_DVR_DEVICEINFO_V40 lpDeviceInfo);
    Prototype(
        "NET_DVR_Login_V40",
        LONG,
        (ctypes.POINTER(NET_DVR_USER_LOGIN_INFO), ctypes.POINTER(NET_DVR_DEVICEINFO_V40)),
        LONG_FAILURE,
        details=_login_v40_details,
    ),
    # LONG NET_DVR_Login_V30(char *sDVRIP, WORD wDVRPort, char *sUserName, char *sPassword,
    #                        LPNET_DVR_DEVICEINFO_V30 lpDeviceInfo);
    Prototype(
        "NET_DVR_Login_V30",
        LONG,
        (
            ctypes.c_char_p,
            WORD,
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.POINTER(NET_DVR_DEVICEINFO_V30),
        ),
        LONG_FAILURE,
        False,
    ),
    # BOOL NET_DVR_Logout(LONG lUserID);
    Prototype("NET_DVR_Logout", BOOL, (LONG,), BOOL_FAILURE),
)
