"""ISAPI errors: the device's ``ResponseStatus`` on the exception of a failed ISAPI call.

A failing ``NET_DVR_STDXMLConfig`` raises, as every call does, the class of its SDK error code
(``except hcnetsdk.DVROperateFailedError`` keeps working). When the device also sent a
``ResponseStatus`` (its own error body: status code and string, sub-status, error code and
message), the exception is in addition an :class:`IsapiError`, of the subclass of its status code
(and, for the sub-statuses that say so, of a category: ``lowPrivilege`` is a
``PermissionDeniedError``, ``notSupport`` a ``NotSupportedError``, ``badAuthorization`` an
``AuthenticationError``; a busy device a ``DeviceBusyError``).

How one exception is both: :func:`combined_class` makes, once per pair and cached, a class that
derives from the ISAPI class first and the SDK code's class second,
``IsapiNotSupportedError[NoSupportError]``. Every ``except`` that names either side, or any of
their parents, catches it; ``exc.code`` is the SDK's code. A pair is at most 10 ISAPI classes x
the code classes: a bounded cache, never a class per call. Such exceptions pickle by naming the
two parts (:func:`rebuild`), not the made class.

Only data lives here (no XML parsing: :mod:`hcnetsdk.isapi` reads the status into a
:class:`ResponseStatus`), so that the errors layer imports nothing above it.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from ._base import (
    AuthenticationError,
    DeviceBusyError,
    DeviceError,
    HCNetSDKError,
    NotSupportedError,
    ParameterError,
    PermissionDeniedError,
)

__all__ = [
    "STATUS_CLASSES",
    "STATUS_STRINGS",
    "SUB_STATUS",
    "IsapiAuthorizationError",
    "IsapiDeviceBusyError",
    "IsapiDeviceError",
    "IsapiError",
    "IsapiInvalidOperationError",
    "IsapiInvalidXMLContentError",
    "IsapiInvalidXMLFormatError",
    "IsapiNotSupportedError",
    "IsapiPermissionError",
    "IsapiRebootRequiredError",
    "ResponseStatus",
    "combined_class",
    "isapi_error_class",
    "make_isapi_error",
    "rebuild",
]


@dataclasses.dataclass(frozen=True)
class ResponseStatus:
    """The device's ``ResponseStatus`` (XML or JSON, same field names), as it sent it.

    Fields the device left out are None. ``raw`` is the text it was read from.
    """

    request_url: str | None
    """``requestURL``: the path the device says it answered."""
    status_code: int | None
    """``statusCode``: 1 OK, 2 Device Busy, 3 Device Error, 4 Invalid Operation, 5 Invalid XML
    Format, 6 Invalid XML Content, 7 Reboot Required (0 is also OK on some firmware)."""
    status_string: str | None
    """``statusString``: the status in words (``"Invalid Operation"``)."""
    sub_status_code: str | None
    """``subStatusCode``: the reason (``"notSupport"``, ``"lowPrivilege"``, ...)."""
    error_code: int | None = None
    """``errorCode`` (newer firmware): the device's numeric error."""
    error_msg: str | None = None
    """``errorMsg`` (newer firmware): the device's message."""
    raw: str = dataclasses.field(default="", repr=False, compare=False)
    """The status text as received."""

    @property
    def ok(self) -> bool:
        """True for status code 1 (or 0, or none given): the device did what was asked."""
        return self.status_code in (None, 0, 1)

    def describe(self) -> str:
        """One line: ``statusCode 4 (Invalid Operation), subStatusCode notSupport, ...``."""
        parts = []
        if self.status_code is not None:
            words = self.status_string or STATUS_STRINGS.get(self.status_code, "")
            parts.append(f"statusCode {self.status_code}" + (f" ({words})" if words else ""))
        elif self.status_string:
            parts.append(f"statusString {self.status_string!r}")
        if self.sub_status_code:
            parts.append(f"subStatusCode {self.sub_status_code}")
        if self.error_code is not None:
            parts.append(f"errorCode {self.error_code} (0x{self.error_code & 0xFFFFFFFF:08x})")
        if self.error_msg:
            parts.append(f"errorMsg {self.error_msg!r}")
        if self.request_url:
            parts.append(f"requestURL {self.request_url}")
        return ", ".join(parts) or "an empty ResponseStatus"


STATUS_STRINGS: dict[int, str] = {
    0: "OK",
    1: "OK",
    2: "Device Busy",
    3: "Device Error",
    4: "Invalid Operation",
    5: "Invalid XML Format",
    6: "Invalid XML Content",
    7: "Reboot Required",
}
"""``statusCode`` -> its documented ``statusString`` (vendor's ISAPI guide)."""


# --- the classes ------------------------------------------------------------------------------
class IsapiError(HCNetSDKError):
    """An ISAPI call failed and the device said why: its ``ResponseStatus`` is on the exception.

    Raised combined with the class of the SDK's error code (see the module documentation), so
    ``exc.code`` and ``exc.name`` are the SDK's; ``exc.status`` is the device's
    :class:`ResponseStatus`, and ``status_code``, ``status_string``, ``sub_status_code``,
    ``error_code``, ``error_msg`` and ``request_url`` read its fields. ``method`` and ``path``
    are the request hcnetsdk sent.
    """

    status: ResponseStatus | None
    """The device's ResponseStatus (None only for an instance made by hand)."""
    method: str | None
    """The request's method (``"PUT"``)."""
    path: str | None
    """The request's path, query string included."""

    def __init__(
        self,
        code: int | None = None,
        function: str | None = None,
        *,
        status: ResponseStatus | None = None,
        method: str | None = None,
        path: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(code, function, **kwargs)
        self.status = status
        self.method = method
        self.path = path

    def _field(self, name: str) -> Any:
        return None if self.status is None else getattr(self.status, name)

    @property
    def request_url(self) -> str | None:
        """``requestURL`` of the device's ResponseStatus."""
        return self._field("request_url")  # type: ignore[no-any-return]

    @property
    def status_code(self) -> int | None:
        """``statusCode`` of the device's ResponseStatus (2..7 for a failure)."""
        return self._field("status_code")  # type: ignore[no-any-return]

    @property
    def status_string(self) -> str | None:
        """``statusString`` of the device's ResponseStatus."""
        return self._field("status_string")  # type: ignore[no-any-return]

    @property
    def sub_status_code(self) -> str | None:
        """``subStatusCode`` of the device's ResponseStatus (``"notSupport"``...)."""
        return self._field("sub_status_code")  # type: ignore[no-any-return]

    @property
    def error_code(self) -> int | None:
        """``errorCode`` of the device's ResponseStatus (newer firmware), else None."""
        return self._field("error_code")  # type: ignore[no-any-return]

    @property
    def error_msg(self) -> str | None:
        """``errorMsg`` of the device's ResponseStatus (newer firmware), else None."""
        return self._field("error_msg")  # type: ignore[no-any-return]

    def __str__(self) -> str:
        base = super().__str__()
        request = f"{self.method} {self.path}" if self.method and self.path else "the request"
        status = "no ResponseStatus" if self.status is None else self.status.describe()
        return f"{base}; the device answered {request}: {status}"

    def __reduce__(self) -> tuple[object, ...]:
        parts = getattr(type(self), "_isapi_parts", None)
        isapi_cls, sdk_cls = parts if parts is not None else (type(self), None)
        return (rebuild, (isapi_cls, sdk_cls, self.code, self.function), dict(self.__dict__))


class IsapiDeviceBusyError(IsapiError, DeviceBusyError):
    """statusCode 2, Device Busy (``deviceBusy``, ``upgrading``, ``noMemory``...): retry later."""


class IsapiDeviceError(IsapiError, DeviceError):
    """statusCode 3, Device Error: the device failed to do it (``deviceError``, ``badFlash``)."""


class IsapiInvalidOperationError(IsapiError):
    """statusCode 4, Invalid Operation: the device refuses the request as asked."""


class IsapiNotSupportedError(IsapiInvalidOperationError, NotSupportedError):
    """statusCode 4 with ``notSupport`` or ``methodNotAllowed``: not supported by this device."""


class IsapiPermissionError(IsapiInvalidOperationError, PermissionDeniedError):
    """statusCode 4 with ``lowPrivilege``: the user lacks the privilege (a PermissionError)."""


class IsapiAuthorizationError(IsapiInvalidOperationError, AuthenticationError):
    """statusCode 4 with ``badAuthorization``: the device refused the credentials."""


class IsapiInvalidXMLFormatError(IsapiError, ParameterError):
    """statusCode 5, Invalid XML Format: the body sent is not well-formed XML (or JSON)."""


class IsapiInvalidXMLContentError(IsapiError, ParameterError):
    """statusCode 6, Invalid XML Content: a value in the body is wrong (``badParameters``...)."""


class IsapiRebootRequiredError(IsapiError):
    """statusCode 7, Reboot Required: the change needs a reboot of the device to apply."""


STATUS_CLASSES: dict[int, type[IsapiError]] = {
    2: IsapiDeviceBusyError,
    3: IsapiDeviceError,
    4: IsapiInvalidOperationError,
    5: IsapiInvalidXMLFormatError,
    6: IsapiInvalidXMLContentError,
    7: IsapiRebootRequiredError,
}
"""``statusCode`` -> the class raised for it."""

_SUB_STATUS_CLASSES: dict[str, type[IsapiError]] = {
    "notSupport": IsapiNotSupportedError,
    "methodNotAllowed": IsapiNotSupportedError,
    "lowPrivilege": IsapiPermissionError,
    "badAuthorization": IsapiAuthorizationError,
}

SUB_STATUS: dict[str, tuple[int, str]] = {
    "ok": (1, "the request succeeded"),
    "deviceBusy": (2, "the device is busy with another operation; retry later"),
    "upgrading": (2, "the device is upgrading its firmware; retry after it restarted"),
    "noMemory": (2, "the device is out of memory; retry later, reboot if it persists"),
    "serviceUnavailable": (2, "the service is not available now; retry later"),
    "reConnectIpc": (2, "the NVR is reconnecting to the IP camera; retry later"),
    "deviceError": (3, "the device failed to carry out the request; check its log"),
    "badFlash": (3, "the device's flash memory failed"),
    "notSupport": (4, "the device or its firmware does not support this URL or value"),
    "lowPrivilege": (4, "the user lacks the privilege: log in as an administrator"),
    "badAuthorization": (4, "the device refused the credentials"),
    "methodNotAllowed": (4, "the URL exists but not with this method (GET/PUT/POST/DELETE)"),
    "notSetHdiskRedund": (4, "no redundant hard disk is set up"),
    "invalidOperation": (4, "the operation is not valid in the device's state"),
    "notActivated": (4, "the device is not activated yet: activate it first"),
    "hasActivated": (4, "the device is already activated"),
    "badXmlFormat": (5, "the body is not well-formed XML (or JSON)"),
    "badXmlContent": (6, "the body's content is wrong for this URL"),
    "badParameters": (6, "a parameter is missing or out of range"),
    "badIPv4Address": (6, "an IPv4 address is invalid"),
    "badIPv6Address": (6, "an IPv6 address is invalid"),
    "conflictIPv4Address": (6, "the IPv4 address conflicts with another device"),
    "badPort": (6, "a port number is invalid or in use"),
    "badNetMask": (6, "the subnet mask is invalid"),
    "badVersion": (6, "the version does not match (e.g. of an upgrade file)"),
    "riskPassword": (6, "the password is too weak: choose a stronger one"),
    "rebootRequired": (7, "the change applies after a reboot of the device"),
}
"""Documented ``subStatusCode`` values -> (their ``statusCode``, what they mean)."""


def isapi_error_class(status: ResponseStatus) -> type[IsapiError]:
    """The ISAPI class for a failure status: the sub-status's class where the sub-status is one
    of statusCode 4 that names a category (and the status is 4), else the status code's class,
    else :class:`IsapiError`."""
    cls = STATUS_CLASSES.get(status.status_code or 0, IsapiError)
    if cls is IsapiInvalidOperationError and status.sub_status_code:
        return _SUB_STATUS_CLASSES.get(status.sub_status_code, cls)
    return cls


_COMBINED: dict[tuple[type[IsapiError], type[HCNetSDKError]], type[IsapiError]] = {}
_COMBINED_LOCK = threading.Lock()


def combined_class(isapi_cls: type[IsapiError], sdk_cls: type[HCNetSDKError]) -> type[IsapiError]:
    """The class deriving from ``isapi_cls`` and ``sdk_cls`` (made once per pair, then cached;
    ``isapi_cls`` itself when ``sdk_cls`` adds nothing)."""
    if issubclass(isapi_cls, sdk_cls):
        return isapi_cls
    key = (isapi_cls, sdk_cls)
    cls = _COMBINED.get(key)
    if cls is None:
        with _COMBINED_LOCK:
            cls = _COMBINED.get(key)
            if cls is None:
                name = f"{isapi_cls.__name__}[{sdk_cls.__name__}]"
                namespace: dict[str, Any] = {
                    "__module__": "hcnetsdk",
                    "__qualname__": name,
                    "__doc__": f"{isapi_cls.__name__} with the SDK's {sdk_cls.__name__}.",
                    "_isapi_parts": (isapi_cls, sdk_cls),
                }
                cls = _COMBINED[key] = type(name, (isapi_cls, sdk_cls), namespace)
    return cls


def rebuild(
    isapi_cls: type[IsapiError],
    sdk_cls: type[HCNetSDKError] | None,
    code: int,
    function: str | None,
) -> IsapiError:
    """Unpickling: the instance of the combined class of the two parts (attributes follow)."""
    cls = isapi_cls if sdk_cls is None else combined_class(isapi_cls, sdk_cls)
    return cls(code, function)


def make_isapi_error(
    sdk_error: HCNetSDKError, status: ResponseStatus, method: str, path: str
) -> IsapiError:
    """The exception for a failed ISAPI call: ``sdk_error`` (the SDK code's exception, as the
    errcheck made it) combined with the class of the device's ``status``."""
    cls = combined_class(isapi_error_class(status), type(sdk_error))
    return cls(
        sdk_error.code,
        sdk_error.function,
        status=status,
        method=method,
        path=path,
        sdk_message=sdk_error.sdk_message,
    )
