"""Exceptions raised by hcnetsdk.

CONTRACT SKELETON: the public names and signatures below are the contract the rest of the
package is written against. The error-model work fills in the table, categories and per-code
classes behind them without changing these signatures.

Two families:

* ``HCNetSDKError`` and its subclasses: the SDK reported a failure with an error code.
* ``SDKLoadError`` and friends, ``SDKClosedError``: problems around the SDK (library not found,
  wrong architecture, missing function, use after cleanup). They carry no SDK code.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "HCNetSDKError",
    "SDKArchitectureError",
    "SDKClosedError",
    "SDKFunctionMissingError",
    "SDKLoadError",
    "SDKNotFoundError",
    "error_class",
]


class HCNetSDKError(Exception):
    """The SDK reported a failure. Base class of every SDK error code's exception.

    Attributes: ``code``, ``name``, ``description``, ``description_zh``, ``function``, ``hints``,
    ``sdk_message`` (the SDK's own NET_DVR_GetErrorMsg text, if read), ``attempts_left`` and
    ``lock_seconds`` (login lockout details when the device reported them, else None).
    """

    code: int
    function: str | None
    sdk_message: str | None
    attempts_left: int | None
    lock_seconds: int | None

    def __init__(
        self,
        code: int | None = None,
        function: str | None = None,
        *,
        sdk_message: str | None = None,
        attempts_left: int | None = None,
        lock_seconds: int | None = None,
    ) -> None:
        self.code = -1 if code is None else code
        self.function = function
        self.sdk_message = sdk_message
        self.attempts_left = attempts_left
        self.lock_seconds = lock_seconds
        super().__init__(self.code, function)


def error_class(code: int) -> type[HCNetSDKError]:
    """The exception class for ``code``: its own class, else its range's category, else the base."""
    return HCNetSDKError


class SDKLoadError(OSError):
    """The SDK's shared library could not be loaded or used."""


class SDKNotFoundError(SDKLoadError):
    """No usable SDK library was found. ``attempts`` lists (candidate, loader's reason) pairs."""

    def __init__(self, message: str, attempts: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.attempts: tuple[tuple[str, str], ...] = tuple(attempts)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.args[0], self.attempts))


class SDKArchitectureError(SDKLoadError):
    """The library exists but was built for another CPU architecture or word size."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.args[0], self.path))


class SDKFunctionMissingError(SDKLoadError):
    """The loaded library lacks a function the binding needs (too old an SDK, or not the SDK)."""

    def __init__(self, message: str, function: str, sdk_version: str | None = None) -> None:
        super().__init__(message)
        self.function = function
        self.sdk_version = sdk_version

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.args[0], self.function, self.sdk_version))


class SDKClosedError(RuntimeError):
    """The SDK object (or device) was used after cleanup (or logout)."""
