"""The base exception, the category classes and the code registry (private; see ``errors``).

The per-code classes in ``_error_classes`` register themselves here through the ``code=`` class
keyword (``__init_subclass__``), so that ``error_class`` is one dictionary lookup and this module
needs no import of the generated one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import ClassVar

from ._codes import EXTRA, HEADER_SPELLING, HINTS, NO_ERROR_CODES, SECTIONS, TABLE, Hints

# code -> the class made for exactly that code (filled by ``HCNetSDKError.__init_subclass__``).
CODE_TO_CLASS: dict[int, type[HCNetSDKError]] = {}

# code -> (section key, name, categories, description, description_zh) for table and extra codes.
ROWS: dict[int, tuple[str, str, str, str, str]] = {}
for _section, _rows in TABLE.items():
    for _code, _name, _cats, _en, _zh in _rows:
        ROWS[_code] = (_section, _name, _cats, _en, _zh)
TABLE_CODES = frozenset(ROWS)
for _code, _name, _cats, _en, _zh in EXTRA:
    ROWS[_code] = ("network_library", _name, _cats, _en, _zh)
del _section, _rows, _code, _name, _cats, _en, _zh


def primary_names(rows: Iterable[tuple[str, int]]) -> dict[int, str]:
    """code -> primary name; of two names for one value, the one that is not a range base."""
    names: dict[int, str] = {}
    for name, value in rows:
        if value not in names or names[value].endswith("_INDEX"):
            names[value] = name
    return names


@functools.cache
def header_names() -> dict[int, str]:
    """code -> primary name for every code of the 6.1.9.x header (loaded on first use)."""
    from ._header_codes import HEADER_CODES

    return primary_names(HEADER_CODES)


def code_name(code: int) -> str | None:
    """The SDK constant name for ``code`` (the table's spelling first), or None if unknown."""
    row = ROWS.get(code)
    if row is not None:
        return row[1]
    return header_names().get(code)


UNKNOWN_NAME = "UNKNOWN"


class HCNetSDKError(Exception):
    """The SDK reported a failure. Base class of every SDK error code's exception.

    Attributes: ``code``, ``name``, ``description``, ``description_zh``, ``function``, ``hints``,
    ``sdk_message`` (the SDK's own NET_DVR_GetErrorMsg text, if read), ``attempts_left`` and
    ``lock_seconds`` (login lockout details when the device reported them, else None).

    ``code`` defaults to the class's own code (``PasswordError().code == 1``); for the base and the
    category classes it defaults to 0, "the SDK reported a failure without an error code".
    """

    #: The code this class stands for (0 for the base and the category classes).
    default_code: ClassVar[int] = 0

    code: int
    """The SDK's error code (``NET_DVR_GetLastError``)."""
    function: str | None
    """The SDK function that failed (``"NET_DVR_Login_V40"``), or None."""
    sdk_message: str | None
    """The SDK's own text for the code (``NET_DVR_GetErrorMsg``), when it was read."""
    attempts_left: int | None
    """Login attempts left before the device locks the account, when it reported them."""
    lock_seconds: int | None
    """Seconds the account stays locked, when the device reported them."""

    def __init_subclass__(cls, code: int | None = None, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if code is not None:
            cls.default_code = code
            CODE_TO_CLASS[code] = cls

    def __init__(
        self,
        code: int | None = None,
        function: str | None = None,
        *,
        sdk_message: str | None = None,
        attempts_left: int | None = None,
        lock_seconds: int | None = None,
    ) -> None:
        self.code = self.default_code if code is None else int(code)
        self.function = function
        self.sdk_message = sdk_message
        self.attempts_left = attempts_left
        self.lock_seconds = lock_seconds
        # Not super().__init__: some subclasses also derive from OSError (TimeoutError, ...),
        # whose __init__ would read (code, function) as (errno, strerror).
        Exception.__init__(self, self.code, function)

    @classmethod
    def from_code(
        cls,
        code: int,
        function: str | None = None,
        *,
        sdk_message: str | None = None,
        attempts_left: int | None = None,
        lock_seconds: int | None = None,
    ) -> HCNetSDKError:
        """An instance of ``error_class(code)``; ``sdk_message`` is the SDK's NET_DVR_GetErrorMsg
        text, used as the description of codes outside hcnetsdk's tables."""
        return error_class(code)(
            code,
            function,
            sdk_message=sdk_message,
            attempts_left=attempts_left,
            lock_seconds=lock_seconds,
        )

    @property
    def name(self) -> str:
        """The SDK constant name (the documented error table's spelling), or ``"UNKNOWN"``."""
        return code_name(self.code) or UNKNOWN_NAME

    @property
    def description(self) -> str:
        """English description; for codes outside the tables, the SDK's own message if given."""
        row = ROWS.get(self.code)
        if row is not None:
            return row[3]
        if self.sdk_message:
            return self.sdk_message
        if self.code in header_names():
            return "no description in hcnetsdk's table (NET_DVR_GetErrorMsg gives the SDK's text)"
        return "unknown error code"

    @property
    def description_zh(self) -> str:
        """The Chinese description of the documented error table ("" where it has none)."""
        row = ROWS.get(self.code)
        return "" if row is None else row[4]

    @property
    def hints(self) -> Hints | None:
        """Troubleshooting hints (causes and solutions) for this code, if any."""
        return HINTS.get(self.code)

    def _lockout(self) -> str:
        parts = []
        if self.attempts_left is not None:
            plural = "" if self.attempts_left == 1 else "s"
            parts.append(f"{self.attempts_left} login attempt{plural} left")
        if self.lock_seconds is not None:
            parts.append(f"account locked for {self.lock_seconds} s")
        return f" ({'; '.join(parts)})" if parts else ""

    def __str__(self) -> str:
        where = f" in {self.function}" if self.function else ""
        if self.code in NO_ERROR_CODES:
            text = "the call failed but the SDK reported no error code"
        else:
            text = self.description
        return f"{self.name} ({self.code}){where}: {text}{self._lockout()}"

    def __repr__(self) -> str:
        extra = "".join(
            f", {key}={value!r}"
            for key, value in (
                ("sdk_message", self.sdk_message),
                ("attempts_left", self.attempts_left),
                ("lock_seconds", self.lock_seconds),
            )
            if value is not None
        )
        return f"{type(self).__name__}({self.code!r}, {self.function!r}{extra})"

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuild with (code, function), then restore every attribute (keyword-only ones, notes).
        return (type(self), (self.code, self.function), dict(self.__dict__))


# --- sections of the documented error table ------------------------------------------------


class NetworkLibraryError(HCNetSDKError):
    """Section 6.1: codes of the network communication library (HCNetSDK itself)."""


class RaidError(HCNetSDKError):
    """Section 6.2: RAID array codes (200-249)."""


class NPlusOneError(HCNetSDKError):
    """Section 6.3: N+1 (hot standby) codes (803-814)."""


class AbilityXMLError(HCNetSDKError):
    """Section 6.4: ability (capability) XML codes (1000-1049)."""


class VQDError(HCNetSDKError):
    """Section 6.5: VQD (video quality diagnostics) codes (1500-1549)."""


class RTSPError(HCNetSDKError):
    """Section 6.6: RTSP communication library codes (400-499)."""


class PlayM4Error(HCNetSDKError):
    """Section 6.7: soft decoding library (PlayM4 / PlayCtrl) codes (500-599)."""


class AudioIntercomError(HCNetSDKError):
    """Section 6.8: audio intercom library codes (600-619)."""


# --- semantic categories ------------------------------------------------------------------


class NetworkError(HCNetSDKError):
    """Network I/O with the device (or RTSP server) failed."""


class ConnectionFailedError(NetworkError, ConnectionError):
    """No connection to the device, or it broke. Also a ``ConnectionError``."""


class NetworkTimeoutError(NetworkError, TimeoutError):
    """The network peer did not answer in time. Also a ``TimeoutError``."""


class AuthenticationError(HCNetSDKError):
    """Login failed because of the credentials or the account's state (locked, not activated)."""


class PermissionDeniedError(HCNetSDKError, PermissionError):
    """The logged-in user lacks the privilege for the operation. Also a ``PermissionError``."""


class DeviceError(HCNetSDKError):
    """The device failed, or is in a state that prevents the operation."""


class DeviceBusyError(DeviceError):
    """The device (or the resource asked for) is busy with something else; retry later."""


class DeviceTimeoutError(DeviceError, TimeoutError):
    """The device did not finish a command in time. Also a ``TimeoutError``."""


class ResourceError(HCNetSDKError):
    """A limit was reached, or the SDK or device ran out of resources."""


class NotSupportedError(HCNetSDKError):
    """The device, channel, SDK or file version does not support this."""


class StorageError(HCNetSDKError):
    """Hard disks, RAID arrays, backup devices, cloud storage."""


class FileError(HCNetSDKError):
    """Local or remote files and paths."""


class UpgradeError(HCNetSDKError):
    """Firmware upgrade failed."""


class SDKUsageError(HCNetSDKError):
    """The SDK was called in the wrong order or state (not initialised, stale user ID, ...)."""


class ParameterError(HCNetSDKError):
    """An argument or configuration value is invalid."""


class ComponentLoadError(HCNetSDKError):
    """A library or SDK component (player, intercom, HCNetSDKCom module, OpenSSL) did not load."""


class MediaError(HCNetSDKError):
    """Playback, decoding, encoding, audio or video devices."""


SECTION_CLASSES: dict[str, type[HCNetSDKError]] = {
    "network_library": NetworkLibraryError,
    "raid": RaidError,
    "n_plus_one": NPlusOneError,
    "ability_xml": AbilityXMLError,
    "vqd": VQDError,
    "rtsp": RTSPError,
    "playm4": PlayM4Error,
    "audio_intercom": AudioIntercomError,
}

CATEGORY_CLASSES: dict[str, type[HCNetSDKError]] = {
    "network": NetworkError,
    "connection": ConnectionFailedError,
    "timeout": NetworkTimeoutError,
    "auth": AuthenticationError,
    "permission": PermissionDeniedError,
    "device": DeviceError,
    "busy": DeviceBusyError,
    "device_timeout": DeviceTimeoutError,
    "resource": ResourceError,
    "unsupported": NotSupportedError,
    "storage": StorageError,
    "file": FileError,
    "upgrade": UpgradeError,
    "usage": SDKUsageError,
    "parameter": ParameterError,
    "component": ComponentLoadError,
    "media": MediaError,
}

assert set(SECTION_CLASSES) == set(SECTIONS)

# Ranges for codes without their own class, checked in order: (first, last, class). Derived
# from the header's layout: RAID codes are 200-242 (250-252 are activation codes), RTSP 401-446,
# PlayM4 500-581, audio intercom 600-619 (the NET_QOS_* codes start at 678), N+1 803-814
# (815-820 are other NET_SDK_ERR_* codes), ability XML 1000-1008 (1051+ are video wall codes),
# VQD 1500-1504. Everything else the header names, and all of 0-199, is the network library's.
RANGES: tuple[tuple[int, int, type[HCNetSDKError]], ...] = (
    (0, 199, NetworkLibraryError),
    (200, 249, RaidError),
    (400, 499, RTSPError),
    (500, 599, PlayM4Error),
    (600, 619, AudioIntercomError),
    (803, 814, NPlusOneError),
    (1000, 1049, AbilityXMLError),
    (1500, 1549, VQDError),
)


def fallback_class(code: int) -> type[HCNetSDKError]:
    """The class for a code without its own class: its range's section, else the base."""
    for first, last, cls in RANGES:
        if first <= code <= last:
            return cls
    if code in header_names():
        return NetworkLibraryError
    return HCNetSDKError


def error_class(code: int) -> type[HCNetSDKError]:
    """The exception class for ``code``: its own class, else its range's category, else the base.

    Never fails for an int; one dictionary lookup for the codes that have a class.
    """
    cls = CODE_TO_CLASS.get(code)
    if cls is not None:
        return cls
    return fallback_class(code)


def section_of(code: int) -> str | None:
    """The section key of ``code``: its table row's, else its range's, else None."""
    row = ROWS.get(code)
    if row is not None:
        return row[0]
    cls = fallback_class(code)
    for key, section_cls in SECTION_CLASSES.items():
        if section_cls is cls:
            return key
    return None


def header_spelling(name: str) -> str | None:
    """The 6.1.9.x header's name for a table name spelled differently there, else None."""
    return HEADER_SPELLING.get(name)
