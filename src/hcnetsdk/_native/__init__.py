"""The raw C layer of HCNetSDK: ctypes types, structures and the joined table of prototypes.

Nothing Pythonic lives here and nothing is loaded at import: :func:`bind` applies the prototype
table to a library that :mod:`hcnetsdk._loader` has already opened. One module per SDK area
(:mod:`.core`, :mod:`.login`, then one per feature) holds that area's constants, structures with
their size/offset asserts, callback types, the C declaration as a comment above each prototype,
its own ``PROTOTYPES`` table and a class of typed attributes that :class:`NativeSDK` inherits.
This package joins the tables; :mod:`._errcheck` turns every failure into the exception of the
thread's last error.

Adding an area: write ``_native/<area>.py`` with ``PROTOTYPES`` and ``<Area>Functions``, add both
below, and re-export the names the upper layers use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from ..errors import SDKFunctionMissingError
from . import _errcheck, config, core, events, isapi, login, playback, ptz, stream
from ._errcheck import NO_CODE_MESSAGE, message_reader
from ._types import (
    BOOL,
    BOOL_FAILURE,
    BYTE,
    DWORD,
    FUNCTYPE,
    HWND,
    LONG,
    LONG_FAILURE,
    WORD,
    Prototype,
    unpack_build_version,
)
from .config import ConfigFunctions
from .core import (
    NET_DVR_LOCAL_SDK_PATH,
    NET_DVR_TIME,
    NET_SDK_INIT_CFG_ABILITY,
    NET_SDK_INIT_CFG_LIBEAY_PATH,
    NET_SDK_INIT_CFG_SDK_PATH,
    NET_SDK_INIT_CFG_SSLEAY_PATH,
    NET_SDK_INIT_CFG_TYPE_CHECK_MODULE_COM,
    NET_SDK_MAX_FILE_PATH,
    CoreFunctions,
)
from .events import EventFunctions
from .isapi import IsapiFunctions
from .login import (
    HTTPS_ADAPTIVE,
    HTTPS_OFF,
    HTTPS_ON,
    LOGIN_MODE_ADAPTIVE,
    LOGIN_MODE_ISAPI,
    LOGIN_MODE_PRIVATE,
    NET_DVR_DEV_ADDRESS_MAX_LEN,
    NET_DVR_DEVICEINFO_V30,
    NET_DVR_DEVICEINFO_V40,
    NET_DVR_LOGIN_PASSWD_MAX_LEN,
    NET_DVR_LOGIN_USERNAME_MAX_LEN,
    NET_DVR_USER_LOGIN_INFO,
    SERIALNO_LEN,
    LoginFunctions,
    fLoginResultCallBack,
    lockout_details,
)
from .playback import PlaybackFunctions
from .ptz import PtzFunctions
from .stream import StreamFunctions

__all__ = [
    "BOOL",
    "BOOL_FAILURE",
    "BYTE",
    "DWORD",
    "FUNCTYPE",
    "HTTPS_ADAPTIVE",
    "HTTPS_OFF",
    "HTTPS_ON",
    "HWND",
    "LOGIN_MODE_ADAPTIVE",
    "LOGIN_MODE_ISAPI",
    "LOGIN_MODE_PRIVATE",
    "LONG",
    "LONG_FAILURE",
    "NET_DVR_DEVICEINFO_V30",
    "NET_DVR_DEVICEINFO_V40",
    "NET_DVR_DEV_ADDRESS_MAX_LEN",
    "NET_DVR_LOCAL_SDK_PATH",
    "NET_DVR_LOGIN_PASSWD_MAX_LEN",
    "NET_DVR_LOGIN_USERNAME_MAX_LEN",
    "NET_DVR_TIME",
    "NET_DVR_USER_LOGIN_INFO",
    "NET_SDK_INIT_CFG_ABILITY",
    "NET_SDK_INIT_CFG_LIBEAY_PATH",
    "NET_SDK_INIT_CFG_SDK_PATH",
    "NET_SDK_INIT_CFG_SSLEAY_PATH",
    "NET_SDK_INIT_CFG_TYPE_CHECK_MODULE_COM",
    "NET_SDK_MAX_FILE_PATH",
    "NO_CODE_MESSAGE",
    "PROTOTYPES",
    "PROTOTYPE_BY_NAME",
    "SERIALNO_LEN",
    "WORD",
    "NativeSDK",
    "Prototype",
    "bind",
    "fLoginResultCallBack",
    "format_build_version",
    "library_key",
    "lockout_details",
    "make_errcheck",
    "missing_function_error",
    "unpack_build_version",
]

PROTOTYPES: tuple[Prototype, ...] = (
    *core.PROTOTYPES,
    *login.PROTOTYPES,
    *events.PROTOTYPES,
    *config.PROTOTYPES,
    *playback.PROTOTYPES,
    *stream.PROTOTYPES,
    *ptz.PROTOTYPES,
    *isapi.PROTOTYPES,
)
"""Every function the binding uses, area by area."""

PROTOTYPE_BY_NAME: dict[str, Prototype] = {p.name: p for p in PROTOTYPES}
assert len(PROTOTYPE_BY_NAME) == len(PROTOTYPES), "a function is declared by two areas"


def make_errcheck(
    name: str,
    failure: int,
    get_last_error: Callable[[], int],
    read_message: Callable[[int], str | None],
) -> Callable[[Any, Any, tuple[Any, ...]], Any]:
    """The errcheck for the function ``name``, with its prototype's ``details`` hook if any."""
    prototype = PROTOTYPE_BY_NAME.get(name)
    details = prototype.details if prototype is not None else None
    return _errcheck.make_errcheck(name, failure, get_last_error, read_message, details)


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
    return ".".join(str(part) for part in unpack_build_version(value))


class NativeSDK(
    CoreFunctions,
    LoginFunctions,
    EventFunctions,
    ConfigFunctions,
    PlaybackFunctions,
    StreamFunctions,
    PtzFunctions,
    IsapiFunctions,
):
    """The SDK's functions bound to one loaded library: argtypes, restype and errcheck applied.

    Each attribute is a ctypes function pointer of its own (``lib[name]``, so a library the caller
    opened keeps its own attributes untouched). Checked functions raise; the others return raw
    values. Get one with :func:`bind`, which makes one per library handle. The typed attributes
    come from each area's ``<Area>Functions`` class.
    """

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
        read_message = message_reader(found.get("NET_DVR_GetErrorMsg"))
        for proto in PROTOTYPES:
            function = found.get(proto.name)
            if function is None:
                setattr(self, proto.name, _missing(proto.name, self.build_version, path))
                continue
            if proto.failure is not None:
                function.errcheck = _errcheck.make_errcheck(
                    proto.name, proto.failure, get_last_error, read_message, proto.details
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
