"""SDK area "core": initialisation, the last error, versions, local settings, init paths."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from ._types import BOOL, BOOL_FAILURE, BYTE, DWORD, LONG, Prototype

__all__ = [
    "NET_DVR_LOCAL_SDK_PATH",
    "NET_DVR_TIME",
    "NET_SDK_INIT_CFG_ABILITY",
    "NET_SDK_INIT_CFG_LIBEAY_PATH",
    "NET_SDK_INIT_CFG_SDK_PATH",
    "NET_SDK_INIT_CFG_SSLEAY_PATH",
    "NET_SDK_INIT_CFG_TYPE_CHECK_MODULE_COM",
    "NET_SDK_MAX_FILE_PATH",
    "PROTOTYPES",
    "CoreFunctions",
]

NET_SDK_MAX_FILE_PATH = 256

# NET_DVR_SetSDKInitCfg types (NET_SDK_INIT_CFG_TYPE)
NET_SDK_INIT_CFG_TYPE_CHECK_MODULE_COM = 0
NET_SDK_INIT_CFG_ABILITY = 1
NET_SDK_INIT_CFG_SDK_PATH = 2
NET_SDK_INIT_CFG_LIBEAY_PATH = 3  # libcrypto
NET_SDK_INIT_CFG_SSLEAY_PATH = 4  # libssl


class NET_DVR_LOCAL_SDK_PATH(ctypes.Structure):
    """``NET_DVR_LOCAL_SDK_PATH`` (SetSDKInitCfg type 2): 384 bytes."""

    _fields_ = (
        ("sPath", ctypes.c_char * NET_SDK_MAX_FILE_PATH),
        ("byRes", BYTE * 128),
    )


class NET_DVR_TIME(ctypes.Structure):
    """``NET_DVR_TIME``: 24 bytes, alignment 4; the device's wall-clock time, one DWORD a part.

    Shared by the configuration, search and playback areas.
    """

    _fields_ = (
        ("dwYear", DWORD),
        ("dwMonth", DWORD),
        ("dwDay", DWORD),
        ("dwHour", DWORD),
        ("dwMinute", DWORD),
        ("dwSecond", DWORD),
    )


assert ctypes.sizeof(NET_DVR_LOCAL_SDK_PATH) == 384
assert ctypes.sizeof(NET_DVR_TIME) == 24
assert ctypes.alignment(NET_DVR_TIME) == 4


class CoreFunctions:
    """The typed attributes :class:`~hcnetsdk._native.NativeSDK` gets from this area."""

    NET_DVR_Init: Callable[[], int]
    NET_DVR_Cleanup: Callable[[], int]
    NET_DVR_GetLastError: Callable[[], int]
    NET_DVR_GetErrorMsg: Callable[[Any], bytes | None]
    NET_DVR_GetSDKVersion: Callable[[], int]
    NET_DVR_GetSDKBuildVersion: Callable[[], int]
    NET_DVR_SetConnectTime: Callable[[int, int], int]
    NET_DVR_SetRecvTimeOut: Callable[[int], int]
    NET_DVR_SetReconnect: Callable[[int, int], int]
    NET_DVR_SetLogToFile: Callable[[int, bytes | None, int], int]
    NET_DVR_SetSDKInitCfg: Callable[[int, Any], int]


PROTOTYPES: tuple[Prototype, ...] = (
    # BOOL NET_DVR_Init(void);
    Prototype("NET_DVR_Init", BOOL, (), BOOL_FAILURE),
    # BOOL NET_DVR_Cleanup(void);
    Prototype("NET_DVR_Cleanup", BOOL, (), BOOL_FAILURE),
    # DWORD NET_DVR_GetLastError(void);
    Prototype("NET_DVR_GetLastError", DWORD, (), None),
    # char* NET_DVR_GetErrorMsg(LONG *pErrorNo = NULL);
    Prototype("NET_DVR_GetErrorMsg", ctypes.c_char_p, (ctypes.POINTER(LONG),), None, False),
    # DWORD NET_DVR_GetSDKVersion(void);
    Prototype("NET_DVR_GetSDKVersion", DWORD, (), None, False),
    # DWORD NET_DVR_GetSDKBuildVersion(void);
    Prototype("NET_DVR_GetSDKBuildVersion", DWORD, (), None, False),
    # BOOL NET_DVR_SetConnectTime(DWORD dwWaitTime = 3000, DWORD dwTryTimes = 3);
    Prototype("NET_DVR_SetConnectTime", BOOL, (DWORD, DWORD), BOOL_FAILURE, False),
    # BOOL NET_DVR_SetRecvTimeOut(DWORD nRecvTimeOut = 5000);
    Prototype("NET_DVR_SetRecvTimeOut", BOOL, (DWORD,), BOOL_FAILURE, False),
    # BOOL NET_DVR_SetReconnect(DWORD dwInterval = 30000, BOOL bEnableRecon = TRUE);
    Prototype("NET_DVR_SetReconnect", BOOL, (DWORD, BOOL), BOOL_FAILURE, False),
    # BOOL NET_DVR_SetLogToFile(DWORD nLogLevel = 0, char *strLogDir = NULL,
    #                           BOOL bAutoDel = TRUE);
    Prototype("NET_DVR_SetLogToFile", BOOL, (DWORD, ctypes.c_char_p, BOOL), BOOL_FAILURE, False),
    # BOOL NET_DVR_SetSDKInitCfg(NET_SDK_INIT_CFG_TYPE enumType, void* const lpInBuff);
    Prototype("NET_DVR_SetSDKInitCfg", BOOL, (ctypes.c_int, ctypes.c_void_p), BOOL_FAILURE, False),
)
