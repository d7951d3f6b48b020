"""The raw C layer of HCNetSDK: ctypes types, structures and one table of prototypes.

Nothing Pythonic lives here and nothing is loaded at import: :func:`bind` applies the prototype
table to a library that :mod:`hcnetsdk._loader` has already opened. The C declaration sits as a
comment above each structure and prototype; the ABI facts (LONG is 32-bit on every platform,
natural alignment, ``__stdcall`` on Windows) are those measured against SDK 6.1.9.48.

Every BOOL- or LONG-returning function gets an ``errcheck`` made for it (a closure that knows the
function's name): on failure (BOOL 0, LONG -1) it reads ``NET_DVR_GetLastError`` at once, on the
failing thread (the SDK's last error is thread-local), reads the SDK's own message for that code
with ``NET_DVR_GetErrorMsg``, and raises ``error_class(code)`` naming the function. A failure whose
last error reads 0 still raises (the base :class:`~hcnetsdk.errors.HCNetSDKError`). A successful
call costs one Python-level comparison.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Callable
from typing import Any, NamedTuple

from .errors import HCNetSDKError, SDKFunctionMissingError, error_class

__all__ = [
    "BOOL",
    "BYTE",
    "DWORD",
    "LONG",
    "NET_DVR_DEVICEINFO_V30",
    "NET_DVR_DEVICEINFO_V40",
    "NET_DVR_LOCAL_SDK_PATH",
    "NET_DVR_USER_LOGIN_INFO",
    "PROTOTYPES",
    "WORD",
    "NativeSDK",
    "Prototype",
    "bind",
]

# --- C types -------------------------------------------------------------------------------
BOOL = ctypes.c_int  # int, not c_bool: TRUE is 1, FALSE is 0
LONG = ctypes.c_int32  # 32-bit on every platform (C `long` is 64-bit on Linux x86_64)
DWORD = ctypes.c_uint32
WORD = ctypes.c_uint16
BYTE = ctypes.c_ubyte
if sys.platform == "win32":
    HWND: Any = ctypes.c_void_p
    FUNCTYPE: Any = ctypes.WINFUNCTYPE  # the SDK is __stdcall on Windows
else:
    HWND = ctypes.c_uint32
    FUNCTYPE = ctypes.CFUNCTYPE

# --- Field sizes and constants -------------------------------------------------------------
SERIALNO_LEN = 48
NET_DVR_DEV_ADDRESS_MAX_LEN = 129
NET_DVR_LOGIN_USERNAME_MAX_LEN = 64
NET_DVR_LOGIN_PASSWD_MAX_LEN = 64
NET_SDK_MAX_FILE_PATH = 256

# NET_DVR_SetSDKInitCfg types (NET_SDK_INIT_CFG_TYPE)
NET_SDK_INIT_CFG_TYPE_CHECK_MODULE_COM = 0
NET_SDK_INIT_CFG_ABILITY = 1
NET_SDK_INIT_CFG_SDK_PATH = 2
NET_SDK_INIT_CFG_LIBEAY_PATH = 3  # libcrypto
NET_SDK_INIT_CFG_SSLEAY_PATH = 4  # libssl

# NET_DVR_USER_LOGIN_INFO.byLoginMode / byHttps
LOGIN_MODE_PRIVATE = 0
LOGIN_MODE_ISAPI = 1
LOGIN_MODE_ADAPTIVE = 2
HTTPS_OFF = 0
HTTPS_ON = 1
HTTPS_ADAPTIVE = 2

# Failure values of the two checked return types.
BOOL_FAILURE = 0
LONG_FAILURE = -1


# --- Structures ----------------------------------------------------------------------------
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


class NET_DVR_LOCAL_SDK_PATH(ctypes.Structure):
    """``NET_DVR_LOCAL_SDK_PATH`` (SetSDKInitCfg type 2): 384 bytes."""

    _fields_ = (
        ("sPath", ctypes.c_char * NET_SDK_MAX_FILE_PATH),
        ("byRes", BYTE * 128),
    )


assert ctypes.sizeof(NET_DVR_DEVICEINFO_V30) == 80
assert ctypes.sizeof(NET_DVR_DEVICEINFO_V40) == 344
assert ctypes.sizeof(NET_DVR_LOCAL_SDK_PATH) == 384
if ctypes.sizeof(ctypes.c_void_p) == 8:
    assert ctypes.sizeof(NET_DVR_USER_LOGIN_INFO) == 416
    assert NET_DVR_USER_LOGIN_INFO.sPassword.offset == 196
    assert NET_DVR_USER_LOGIN_INFO.bUseAsynLogin.offset == 280


# --- Prototypes ----------------------------------------------------------------------------
class Prototype(NamedTuple):
    """One C function: its return type, argument types and how a failure shows.

    ``failure`` is the return value that means failure (``BOOL_FAILURE`` or ``LONG_FAILURE``), or
    None for a function whose result is data. A function that is not ``required`` may be absent
    from the library; calling it then raises :class:`~hcnetsdk.SDKFunctionMissingError`.
    """

    name: str
    restype: Any
    argtypes: tuple[Any, ...]
    failure: int | None
    required: bool = True


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
    # LONG NET_DVR_Login_V40(LPNET_DVR_USER_LOGIN_INFO pLoginInfo,
    #                        LPNET_DVR_DEVICEINFO_V40 lpDeviceInfo);
    Prototype(
        "NET_DVR_Login_V40",
        LONG,
        (ctypes.POINTER(NET_DVR_USER_LOGIN_INFO), ctypes.POINTER(NET_DVR_DEVICEINFO_V40)),
        LONG_FAILURE,
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

PROTOTYPE_BY_NAME: dict[str, Prototype] = {p.name: p for p in PROTOTYPES}

NO_CODE_MESSAGE = (
    "the SDK reported a failure but gave no error code (NET_DVR_GetLastError() returned 0)"
)


# --- errcheck ------------------------------------------------------------------------------
def _struct_argument(argument: object) -> Any:
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
    return int(device_info.byRetryLoginTime), (lock if lock or code == 153 else None)


def make_errcheck(
    name: str,
    failure: int,
    get_last_error: Callable[[], int],
    read_message: Callable[[int], str | None],
) -> Callable[[Any, Any, tuple[Any, ...]], Any]:
    """The errcheck for one BOOL/LONG function named ``name``.

    ``get_last_error`` is the unchecked ``NET_DVR_GetLastError``; ``read_message(code)`` returns
    the SDK's text for the thread's last error if it is ``code`` (else None). Both run on the
    calling thread right after the failing call, before anything else can touch the last error.
    """

    def fail(args: tuple[Any, ...]) -> HCNetSDKError:
        code = int(get_last_error())
        if code == 0:
            return HCNetSDKError(0, name, sdk_message=NO_CODE_MESSAGE)
        message = read_message(code)
        if name == "NET_DVR_Login_V40" and len(args) >= 2:
            attempts, lock = lockout_details(_struct_argument(args[1]), code)
            return error_class(code)(
                code, name, sdk_message=message, attempts_left=attempts, lock_seconds=lock
            )
        return error_class(code)(code, name, sdk_message=message)

    if failure == BOOL_FAILURE:

        def check_bool(result: Any, func: Any, args: tuple[Any, ...]) -> Any:
            if result:
                return result
            raise fail(args)

        return check_bool

    def check_long(result: Any, func: Any, args: tuple[Any, ...]) -> Any:
        if result >= 0:
            return result
        raise fail(args)

    return check_long


def _message_reader(get_error_msg: Any) -> Callable[[int], str | None]:
    """``read_message(code)`` over the unchecked ``NET_DVR_GetErrorMsg`` (or None if absent)."""

    def read_message(code: int) -> str | None:
        if get_error_msg is None:
            return None
        out = LONG(-1)
        try:
            text = get_error_msg(ctypes.byref(out))
        except Exception:  # never let reading the message hide the real error
            return None
        if not text or out.value != code:
            return None
        return bytes(text).decode("utf-8", "replace").strip() or None

    return read_message


# --- Binding -------------------------------------------------------------------------------
def _missing(name: str, version: Callable[[], str | None], path: str | None) -> Callable[..., Any]:
    def missing(*args: Any) -> Any:
        raise missing_function_error(name, version(), path)

    missing.__name__ = name
    return missing


def missing_function_error(
    name: str, sdk_version: str | None, path: str | None
) -> SDKFunctionMissingError:
    """The error for a function the loaded library does not export."""
    where = f"the library {path!r}" if path else "the loaded library"
    version = f"SDK version {sdk_version}" if sdk_version else "SDK version unknown"
    return SDKFunctionMissingError(
        f"{where} does not export {name}() ({version}): it is too old an HCNetSDK, or not "
        "HCNetSDK at all. hcnetsdk is written against the Device Network SDK 6.x; see "
        "lib/README.md for how to obtain it.",
        name,
        sdk_version,
    )


def format_build_version(value: int) -> str | None:
    """``0x06010930`` -> ``"6.1.9.48"``; None for 0 (the SDK reads 0 before NET_DVR_Init)."""
    if not value:
        return None
    return ".".join(str((value >> shift) & 0xFF) for shift in (24, 16, 8, 0))


class NativeSDK:
    """The SDK's functions bound to one loaded library: argtypes, restype and errcheck applied.

    Each attribute is a ctypes function pointer of its own (``lib[name]``, so a library the caller
    opened keeps its own attributes untouched). Checked functions raise; the others return raw
    values. Get one with :func:`bind`, which makes one per library handle.
    """

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
    NET_DVR_Login_V40: Callable[[Any, Any], int]
    NET_DVR_Login_V30: Callable[[bytes, int, bytes, bytes, Any], int]
    NET_DVR_Logout: Callable[[int], int]

    def __init__(self, lib: Any, path: str | None = None) -> None:
        self.lib = lib
        self.path = path
        self.missing: frozenset[str] = frozenset()
        found: dict[str, Any] = {}
        missing: list[str] = []
        for proto in PROTOTYPES:
            try:
                function = lib[proto.name]
            except AttributeError:
                missing.append(proto.name)
                continue
            function.restype = proto.restype
            function.argtypes = proto.argtypes
            found[proto.name] = function
        self.missing = frozenset(missing)
        required = [name for name in missing if PROTOTYPE_BY_NAME[name].required]
        if required:
            raise missing_function_error(required[0], self._raw_build_version(found), path)

        get_last_error = found["NET_DVR_GetLastError"]
        read_message = _message_reader(found.get("NET_DVR_GetErrorMsg"))
        for proto in PROTOTYPES:
            function = found.get(proto.name)
            if function is None:
                setattr(self, proto.name, _missing(proto.name, self.build_version, path))
                continue
            if proto.failure is not None:
                function.errcheck = make_errcheck(
                    proto.name, proto.failure, get_last_error, read_message
                )
            setattr(self, proto.name, function)

    @staticmethod
    def _raw_build_version(found: dict[str, Any]) -> str | None:
        function = found.get("NET_DVR_GetSDKBuildVersion")
        if function is None:
            return None
        try:
            return format_build_version(int(function()))
        except Exception:
            return None

    def has(self, name: str) -> bool:
        """Whether the library exports ``name``."""
        return name not in self.missing

    def build_version(self) -> str | None:
        """The SDK build version as "6.1.9.48", or None when unknown (0 before init, absent)."""
        if not self.has("NET_DVR_GetSDKBuildVersion"):
            return None
        return format_build_version(int(self.NET_DVR_GetSDKBuildVersion()))


_BOUND: dict[int, NativeSDK] = {}
_BOUND_LOCK = threading.Lock()


def library_key(lib: Any) -> int:
    """The process-wide identity of a loaded library: its OS handle."""
    handle = getattr(lib, "_handle", None)
    return int(handle) if isinstance(handle, int) else id(lib)


def bind(lib: Any, path: str | None = None) -> NativeSDK:
    """The :class:`NativeSDK` for ``lib``, made once per library handle and then reused."""
    key = library_key(lib)
    with _BOUND_LOCK:
        native = _BOUND.get(key)
        if native is None:
            native = NativeSDK(lib, path)
            _BOUND[key] = native
        return native
