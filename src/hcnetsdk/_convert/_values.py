"""Numbers, credentials, text fields, paths and times on their way into C and out of it."""

from __future__ import annotations

import ctypes
import datetime as _dt
import math
import numbers
import os
import re
from pathlib import Path

from .. import _loader, _native
from .._native.login import CHAR_ENCODINGS

DWORD_MAX = 0xFFFFFFFF
_LOG_PATH_MAX = 255  # bytes, without the NUL
_MAX_SECONDS = DWORD_MAX / 1000
_MAX_WHOLE_SECONDS = DWORD_MAX // 1000


# --- numbers -----------------------------------------------------------------------------
def seconds_to_ms(name: str, seconds: object) -> int:
    """Seconds (int or float) -> whole milliseconds for a DWORD; positive and finite."""
    # Fast paths for a plain int or float in range, with the same result as the full check
    # below (settings are on the benchmarked call path; `type(True) is bool`, and NaN fails
    # both comparisons). Anything else takes the full check, which gives the precise error.
    if type(seconds) is int:
        if 0 < seconds <= _MAX_WHOLE_SECONDS:
            return seconds * 1000
    elif type(seconds) is float and 0.0015 <= seconds <= _MAX_SECONDS:
        return round(seconds * 1000)  # in 2..DWORD_MAX by the bounds: no second check
    if isinstance(seconds, bool) or not isinstance(seconds, numbers.Real):
        raise TypeError(f"{name} must be a number of seconds (int or float), not {seconds!r}")
    try:
        value = float(seconds)
        overflow = False
    except OverflowError:  # an int (or Fraction) beyond the range of a float
        value, overflow = (-math.inf if seconds < 0 else math.inf), True
    if math.isnan(value) or (math.isinf(value) and not overflow):
        raise ValueError(f"{name} must be a finite number of seconds, not {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, not {seconds!r}")
    scaled = value * 1000
    if scaled > 2 * DWORD_MAX:  # far too large; round() would overflow on inf
        raise ValueError(
            f"{name} is too large: {seconds!r} s does not fit the SDK's 32-bit milliseconds "
            f"(at most {DWORD_MAX / 1000:.0f} s)"
        )
    ms = round(scaled)
    if ms < 1:
        raise ValueError(f"{name} must be at least 0.001 s (one millisecond), not {value!r}")
    if ms > DWORD_MAX:
        raise ValueError(
            f"{name} is too large: {value!r} s does not fit the SDK's 32-bit milliseconds "
            f"(at most {DWORD_MAX / 1000:.0f} s)"
        )
    return ms


def positive_int(name: str, value: object, maximum: int = DWORD_MAX) -> int:
    """An int (not a bool) in ``1..maximum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {value!r}")
    if not 1 <= value <= maximum:
        raise ValueError(f"{name} must be between 1 and {maximum}, not {value}")
    return value


def check_port(port: object) -> int:
    """A TCP port, 1..65535."""
    if isinstance(port, bool) or not isinstance(port, int):
        raise TypeError(f"port must be an int, not {type(port).__name__}")
    if not 1 <= port <= 65535:
        raise ValueError(f"port must be between 1 and 65535, not {port}")
    return port


def channel(value: object, *, first: int = 1, count: int | None = None) -> int:
    """A channel number as the SDK numbers them (``LONG lChannel``): an int from ``first``; with
    ``count``, below ``first + count`` (NVR IP channels usually start at 33)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"channel must be an int, not {type(value).__name__}")
    last = first + count - 1 if count is not None else 0x7FFFFFFF
    if count is not None and count < 1:
        raise ValueError(f"channel {value} does not exist: the device reports no such channels")
    if not first <= value <= last:
        raise ValueError(f"channel must be between {first} and {last}, not {value}")
    return value


# --- credentials and text ------------------------------------------------------------------
_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")


def credential(name: str, value: object) -> bytearray:
    """A username or password as UTF-8 in a bytearray (which the caller zeroes after use).

    Its value never appears in a message, and for the password neither does any character,
    position or length of it. No exception raised here chains another (a ``UnicodeEncodeError``
    would carry the whole text), and the value is no longer a local of this frame when one is
    raised.
    """
    error: Exception | None = None
    encoded = bytearray()
    secret = name == "password"
    if not isinstance(value, str):
        error = TypeError(f"{name} must be a str, not {type(value).__name__}")
    elif not value:
        error = ValueError(
            f"{name} must not be empty (an empty {name} always fails and may count as a failed "
            "login attempt towards the device's lockout)"
        )
    elif "\0" in value:
        error = ValueError(f"{name} must not contain a NUL character")
    elif _CONTROL_CHARACTERS.search(value):
        error = ValueError(
            f"{name} must not contain control characters (they would be sent to the device as "
            "they are, and each failed try counts towards its lockout)"
        )
    else:
        try:
            encoded = bytearray(value, "utf-8")
        except UnicodeEncodeError:
            error = ValueError(
                f"{name} is not valid Unicode text (it holds a lone surrogate) and cannot be "
                "sent as UTF-8"
            )
        limit = _native.NET_DVR_LOGIN_PASSWD_MAX_LEN
        if error is None and len(encoded) > limit:
            size = len(encoded)
            encoded[:] = bytes(size)
            length = "longer than that" if secret else f"{size} bytes in UTF-8"
            error = ValueError(
                f"{name} is {length}; the SDK's field holds at most {limit} bytes in UTF-8 "
                "(it is never truncated)"
            )
    del value
    if error is not None:
        raise error  # outside any except block: no __context__ to carry the value
    return encoded


def fixed_text(name: str, value: str, size: int, encoding: str = "utf-8") -> bytes:
    """Text for a C ``char[size]`` field that must keep its terminating NUL: encoded, and at
    most ``size - 1`` bytes (never truncated)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if "\0" in value:
        raise ValueError(f"{name} must not contain a NUL character")
    try:
        encoded = value.encode(encoding)
    except UnicodeEncodeError as exc:
        raise ValueError(f"{name} cannot be encoded as {encoding} ({exc.reason})") from None
    if len(encoded) >= size:
        raise ValueError(
            f"{name} {value!r} is {len(encoded)} bytes; the SDK's field holds at most {size - 1}"
        )
    return encoded


def byte_buffer(name: str, data: object, maximum: int) -> bytes:
    """Bytes for an SDK input buffer: bytes-like, at most ``maximum`` bytes (never cut)."""
    if isinstance(data, str) or not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} must be bytes, bytearray or memoryview, not {type(data).__name__}")
    raw = bytes(data)
    if len(raw) > maximum:
        raise ValueError(f"{name} is {len(raw)} bytes; the SDK takes at most {maximum}")
    return raw


def codec_for(char_encode_type: int) -> str:
    """The Python codec for a device's ``byCharEncodeType`` (UTF-8 when unknown)."""
    return CHAR_ENCODINGS.get(char_encode_type, "utf-8")


def decode_text(raw: bytes, char_encode_type: int = 6) -> str:
    """Decode a fixed-size char field: stop at the first NUL, never raise on odd bytes."""
    return raw.split(b"\0", 1)[0].decode(codec_for(char_encode_type), "replace")


# --- paths ---------------------------------------------------------------------------------
SDK_FOLDER_MAX = 246
"""Longest SDK folder path, in bytes, the SDK survives: with a folder of 247 to 255 bytes
``NET_DVR_Init`` crashes the process (SIGSEGV, SIGILL), measured on 6.1.9.48, with or without
``NET_DVR_SetSDKInitCfg``; 225 to 246 bytes work."""


def sdk_folder_path(folder: str) -> bytes:
    """The SDK folder for ``NET_DVR_SetSDKInitCfg`` (``NET_DVR_LOCAL_SDK_PATH.sPath``), encoded
    for the SDK: at most :data:`SDK_FOLDER_MAX` bytes (never truncated). Raises ValueError."""
    encoded = _loader.encode_path(folder)
    if len(encoded) > SDK_FOLDER_MAX:
        raise ValueError(
            f"the SDK folder path {folder!r} is {len(encoded)} bytes; the SDK crashes in "
            f"NET_DVR_Init when its folder path has more than {SDK_FOLDER_MAX}. Move the SDK to "
            "a shorter path (it is never truncated)."
        )
    return encoded


def log_directory(directory: object) -> tuple[Path, bytes]:
    """(folder, encoded path with a trailing separator) for ``NET_DVR_SetLogToFile``."""
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"directory must be a str or os.PathLike, not {directory!r}")
    if not os.fspath(directory):  # Path("") would be "." (the current folder)
        raise ValueError("directory must not be empty: give a folder, or None for the default")
    path = Path(os.fspath(directory)).expanduser()
    text = os.path.join(os.path.abspath(path), "")  # trailing separator
    encoded = _loader.encode_path(text)
    if len(encoded) > _LOG_PATH_MAX:
        raise ValueError(
            f"log directory {text!r} is {len(encoded)} bytes encoded; the SDK takes at "
            f"most {_LOG_PATH_MAX} (it is never truncated)"
        )
    return path, encoded


# --- time ----------------------------------------------------------------------------------
def to_net_time(name: str, value: object, device_tz: _dt.tzinfo | None = None) -> ctypes.Structure:
    """A ``datetime`` as ``NET_DVR_TIME`` (the device's wall clock, whole seconds).

    A naive ``datetime`` is taken as the device's local time as it is. An aware one is converted
    to ``device_tz`` first; without ``device_tz`` (the device's zone unknown) it is refused, since
    its wall-clock time on the device cannot be known. Microseconds must be zero (never dropped
    silently).
    """
    if not isinstance(value, _dt.datetime):
        raise TypeError(f"{name} must be a datetime.datetime, not {type(value).__name__}")
    if value.tzinfo is not None and value.utcoffset() is not None:
        if device_tz is None:
            raise ValueError(
                f"{name} is timezone-aware but the device's time zone is unknown: pass a naive "
                "datetime in the device's local time"
            )
        value = value.astimezone(device_tz).replace(tzinfo=None)
    if value.microsecond:
        raise ValueError(
            f"{name} has microseconds ({value.microsecond}); the SDK takes whole seconds"
        )
    result = _native.NET_DVR_TIME()
    result.dwYear, result.dwMonth, result.dwDay = value.year, value.month, value.day
    result.dwHour, result.dwMinute, result.dwSecond = value.hour, value.minute, value.second
    return result


def from_net_time(raw: ctypes.Structure, tz: _dt.tzinfo | None = None) -> _dt.datetime:
    """A ``NET_DVR_TIME`` (device wall clock) as a ``datetime``, naive unless ``tz`` is given.
    Raises ValueError for a time the device reported that is not a valid date and time."""
    parts = [
        int(getattr(raw, field))
        for field in ("dwYear", "dwMonth", "dwDay", "dwHour", "dwMinute", "dwSecond")
    ]
    try:
        return _dt.datetime(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], tzinfo=tz)
    except ValueError as exc:
        raise ValueError(f"the device reported an invalid time {tuple(parts)}: {exc}") from None
