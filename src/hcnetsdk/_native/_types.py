"""C types, calling convention and the prototype record shared by every SDK area.

The ABI facts (LONG is 32-bit on every platform, natural alignment, ``__stdcall`` on Windows) are
those measured against SDK 6.1.9.48. Nothing here is loaded or bound.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

__all__ = [
    "BOOL",
    "BOOL_FAILURE",
    "BYTE",
    "DWORD",
    "FUNCTYPE",
    "HWND",
    "LONG",
    "LONG_FAILURE",
    "WORD",
    "FailureDetails",
    "Prototype",
    "unpack_build_version",
]

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

# Failure values of the two checked return types.
BOOL_FAILURE = 0
LONG_FAILURE = -1

FailureDetails = Callable[[tuple[Any, ...], int], dict[str, Any]]
"""``details(args, code)``: extra keyword arguments for the exception of a failed call, read from
the call's own arguments (e.g. the lockout fields a failed login writes into its output struct)."""


class Prototype(NamedTuple):
    """One C function: its return type, argument types and how a failure shows.

    ``failure`` is the return value that means failure (``BOOL_FAILURE`` or ``LONG_FAILURE``), or
    None for a function whose result is data. A function that is not ``required`` may be absent
    from the library; calling it then raises :class:`~hcnetsdk.SDKFunctionMissingError`.
    ``details`` adds function-specific fields to the exception of a failed call.
    """

    name: str
    restype: Any
    argtypes: tuple[Any, ...]
    failure: int | None
    required: bool = True
    details: FailureDetails | None = None


def unpack_build_version(value: int) -> tuple[int, int, int, int]:
    """``NET_DVR_GetSDKBuildVersion``'s DWORD, one byte per part: ``0x06010930`` ->
    ``(6, 1, 9, 48)``. The one decoder of the packed version."""
    return (value >> 24) & 0xFF, (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF
