"""Exceptions raised by hcnetsdk, and the HCNetSDK error-code table.

Two families:

* ``HCNetSDKError`` and its subclasses: the SDK reported a failure with an error code.
* ``SDKLoadError`` and friends, ``SDKClosedError``, ``HostResolutionError``: problems around the
  SDK (library not found, wrong architecture, missing function, use before ``init()`` or after
  cleanup, a host name that does not resolve). They carry no SDK code.

The ``HCNetSDKError`` hierarchy has three levels:

1. ``HCNetSDKError``, the base. Every instance has ``code``, ``name`` (the SDK constant),
   ``description`` (English), ``description_zh`` (the documented error table's Chinese text),
   ``function`` (the SDK function that failed, or None), ``hints``, ``sdk_message``,
   ``attempts_left`` and ``lock_seconds``; ``str()`` reads like
   ``NET_DVR_PASSWORD_ERROR (1) in NET_DVR_Login_V40: user name or password is wrong``.
2. Category classes, to catch by kind:

   * one per section of the documented error table: ``NetworkLibraryError``, ``RaidError``,
     ``NPlusOneError``, ``AbilityXMLError``, ``VQDError``, ``RTSPError``, ``PlayM4Error`` (soft
     decoding), ``AudioIntercomError``;
   * semantic groups: ``NetworkError`` with ``ConnectionFailedError`` (also ``ConnectionError``)
     and ``NetworkTimeoutError`` (also ``TimeoutError``); ``AuthenticationError``;
     ``PermissionDeniedError`` (also ``PermissionError``); ``DeviceError`` with
     ``DeviceBusyError`` and ``DeviceTimeoutError`` (also ``TimeoutError``); ``ResourceError``;
     ``NotSupportedError``; ``StorageError``; ``FileError``; ``UpgradeError``; ``SDKUsageError``;
     ``ParameterError``; ``ComponentLoadError``; ``MediaError``.

3. One class per code of the table (and for a few codes users meet at login: 102, 107-115, 148,
   149, 152-159, 161, 162, 250-252), named after the constant (``PasswordError`` for 1,
   ``NetworkFailConnectError`` for 7, ``UserLockedError`` for 153; the rule is in
   ``tools/gen_errors.py`` and ``docs/errors.md``). Each derives from its section class and its
   semantic categories: ``NetworkFailConnectError(NetworkLibraryError, ConnectionFailedError)``.

``error_class(code)`` maps any int to a class: the code's own class, else its range's section class
(200-249 RAID, 400-499 RTSP, 500-599 PlayM4, 600-619 audio intercom, 803-814 N+1, 1000-1049
ability XML, 1500-1549 VQD, 0-199 and any other code the 6.1.9.x header names: network library),
else ``HCNetSDKError``. ``HCNetSDKError.from_code(code, function, sdk_message=...)`` builds the
exception; ``lookup(code_or_name)`` returns an ``ErrorInfo`` record; ``hcnetsdk.ErrorCode`` is an
``IntEnum`` of every named code (imported on first use).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

from . import _error_classes
from ._base import (
    CATEGORY_CLASSES,
    CODE_TO_CLASS,
    ROWS,
    SECTION_CLASSES,
    TABLE_CODES,
    AbilityXMLError,
    AudioIntercomError,
    AuthenticationError,
    ComponentLoadError,
    ConnectionFailedError,
    DeviceBusyError,
    DeviceError,
    DeviceTimeoutError,
    FileError,
    HCNetSDKError,
    MediaError,
    NetworkError,
    NetworkLibraryError,
    NetworkTimeoutError,
    NotSupportedError,
    NPlusOneError,
    ParameterError,
    PermissionDeniedError,
    PlayM4Error,
    RaidError,
    ResourceError,
    RTSPError,
    SDKUsageError,
    StorageError,
    UpgradeError,
    VQDError,
    error_class,
    header_names,
    section_of,
)
from ._codes import HEADER_SPELLING, HINTS, SECTIONS, Hints
from ._error_classes import *  # noqa: F403  (one class per code, generated)

__all__ = [
    "AbilityXMLError",
    "AudioIntercomError",
    "AuthenticationError",
    "ComponentLoadError",
    "ConnectionFailedError",
    "DeviceBusyError",
    "DeviceError",
    "DeviceTimeoutError",
    "ErrorInfo",
    "FileError",
    "HCNetSDKError",
    "Hints",
    "HostResolutionError",
    "HostResolutionTimeoutError",
    "MediaError",
    "NPlusOneError",
    "NetworkError",
    "NetworkLibraryError",
    "NetworkTimeoutError",
    "NotSupportedError",
    "ParameterError",
    "PermissionDeniedError",
    "PlayM4Error",
    "RTSPError",
    "RaidError",
    "ResourceError",
    "SDKArchitectureError",
    "SDKClosedError",
    "SDKFunctionMissingError",
    "SDKLoadError",
    "SDKNotFoundError",
    "SDKNotInitialisedError",
    "SDKPathError",
    "SDKUsageError",
    "StorageError",
    "UpgradeError",
    "VQDError",
    "category_classes",
    "error_class",
    "lookup",
    "section_classes",
]
__all__ += _error_classes.__all__


def section_classes() -> dict[str, type[HCNetSDKError]]:
    """Section key -> the section's category class, in the order of the documented error table."""
    return dict(SECTION_CLASSES)


def category_classes() -> dict[str, type[HCNetSDKError]]:
    """Semantic category key -> category class."""
    return dict(CATEGORY_CLASSES)


class ErrorInfo(NamedTuple):
    """What hcnetsdk knows about one error code (an immutable record; see ``lookup``)."""

    #: The error code.
    code: int
    #: SDK constant name; the documented error table's spelling where it has the code.
    name: str
    #: Other names of the same code (the 6.1.9.x header's spelling, range-base names).
    aliases: tuple[str, ...]
    #: English description ("" for header codes we have no text for).
    description: str
    #: The documented error table's Chinese description ("" where it has none).
    description_zh: str
    #: Section key (``"network_library"``, ``"raid"``, ...) or None.
    section: str | None
    #: English section title, or "".
    section_title: str
    #: Names of the semantic category classes (``"AuthenticationError"``, ...), MRO order.
    categories: tuple[str, ...]
    #: The class ``error_class(code)`` returns.
    exception_class: type[HCNetSDKError]
    #: Troubleshooting hints (causes and solutions), or None.
    hints: Hints | None
    #: True for the 255 codes of the documented error table.
    in_table: bool

    @property
    def class_path(self) -> str:
        """Dotted path of the exception class as users import it: ``hcnetsdk.PasswordError``."""
        return f"hcnetsdk.{self.exception_class.__name__}"


@functools.cache
def _name_index() -> dict[str, int]:
    """Upper-cased constant names, aliases and class names -> code (built on first use)."""
    from ._header_codes import HEADER_CODES

    index: dict[str, int] = {name.upper(): value for name, value in HEADER_CODES}
    for code, row in ROWS.items():
        index[row[1].upper()] = code
    for code, cls in CODE_TO_CLASS.items():
        index.setdefault(cls.__name__.upper(), code)
    return index


def _aliases(code: int, name: str) -> tuple[str, ...]:
    from ._header_codes import HEADER_CODES

    names = [header for header, value in HEADER_CODES if value == code and header != name]
    spelled = HEADER_SPELLING.get(name)
    if spelled is not None and spelled not in names:
        names.insert(0, spelled)
    return tuple(names)


def lookup(code_or_name: int | str) -> ErrorInfo:
    """The record of an error code, by code (int, or a decimal string) or by name.

    Names are matched case-insensitively: SDK constants (the table's and the 6.1.9.x header's
    spellings, e.g. both NET_SDK_ERR_REMOTE_DISCONNEC and NET_SDK_ERR_REMOTE_DISCONNECT give 803)
    and class names (``"PasswordError"``). Raises ``KeyError`` for a code or name hcnetsdk does
    not know, ``TypeError`` for other types.
    """
    if isinstance(code_or_name, str):
        text = code_or_name.strip()
        if text.lstrip("+-").isdigit():
            code = int(text)
        else:
            found = _name_index().get(text.upper())
            if found is None:
                raise KeyError(f"unknown HCNetSDK error name: {code_or_name!r}")
            code = found
    elif isinstance(code_or_name, int):
        code = int(code_or_name)
    else:
        raise TypeError(f"expected an int code or a str name, not {type(code_or_name).__name__}")
    row = ROWS.get(code)
    if row is not None:
        _section, name, _cats, description, description_zh = row
    else:
        header = header_names().get(code)
        if header is None:
            raise KeyError(f"unknown HCNetSDK error code: {code}")
        name, description, description_zh = header, "", ""
    cls = error_class(code)
    section = section_of(code)
    categories = tuple(base.__name__ for base in cls.__mro__ if base in _CATEGORY_SET)
    return ErrorInfo(
        code=code,
        name=name,
        aliases=_aliases(code, name),
        description=description,
        description_zh=description_zh,
        section=section,
        section_title=SECTIONS[section][0] if section else "",
        categories=categories,
        exception_class=cls,
        hints=HINTS.get(code),
        in_table=code in TABLE_CODES,
    )


_CATEGORY_SET = frozenset(CATEGORY_CLASSES.values())


class SDKLoadError(OSError):
    """The SDK's shared library could not be loaded or used."""

    def __reduce__(self) -> tuple[object, ...]:
        # OSError's own reduce rebuilds from args only: keep the attributes and notes too.
        return (type(self), tuple(self.args), dict(self.__dict__))


class SDKNotFoundError(SDKLoadError):
    """No usable SDK library was found. ``attempts`` lists (candidate, loader's reason) pairs."""

    def __init__(self, message: str, attempts: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.attempts: tuple[tuple[str, str], ...] = tuple(attempts)
        """(place tried, why it could not be used), in the order tried."""

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.args[0], self.attempts), dict(self.__dict__))


class SDKArchitectureError(SDKLoadError):
    """The library exists but was built for another CPU architecture or word size."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path
        """The library file."""

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.args[0], self.path), dict(self.__dict__))


class SDKFunctionMissingError(SDKLoadError):
    """The loaded library lacks a function the binding needs (too old an SDK, or not the SDK)."""

    def __init__(self, message: str, function: str, sdk_version: str | None = None) -> None:
        super().__init__(message)
        self.function = function
        """The missing function (``"NET_DVR_Login_V40"``)."""
        self.sdk_version = sdk_version
        """The library's SDK version, when it could be read."""

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.args[0], self.function, self.sdk_version), dict(self.__dict__))


class SDKPathError(SDKLoadError):
    """The SDK's folder cannot be used from where it is (a path the SDK crashes on, or one it
    cannot be given); ``path`` is the folder. Raised before ``NET_DVR_Init``."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path
        """The SDK folder."""

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.args[0], self.path), dict(self.__dict__))


class SDKClosedError(RuntimeError):
    """An ``HCNetSDK`` was used before ``init()``, after ``cleanup()`` or in a forked child; or a
    ``Device`` after its logout. The SDK is not called."""


class SDKNotInitialisedError(SDKClosedError):
    """The SDK object was used before :meth:`~hcnetsdk.HCNetSDK.init` (or its ``with`` block).
    A :class:`SDKClosedError` too, so one ``except`` covers both: the object is not usable."""


class HostResolutionError(ConnectionError):
    """A host name could not be resolved to an address the SDK can connect to.

    Raised by ``HCNetSDK.login`` before the SDK is called: the SDK connects to IP addresses only.
    It carries no SDK error code. ``host`` is the name as given; ``reason`` what the resolver
    said. Caught by ``except ConnectionError`` (and ``OSError``).
    """

    def __init__(self, message: str, host: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.host = host
        """The host name as given to ``login()``."""
        self.reason = reason
        """What the resolver said."""

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.args[0], self.host, self.reason), dict(self.__dict__))


class HostResolutionTimeoutError(HostResolutionError, TimeoutError):
    """Resolving a host name took longer than the connect timeout (also a ``TimeoutError``)."""
