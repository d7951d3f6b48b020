"""The errcheck of every checked function: the last error read on the failing thread.

Every BOOL- or LONG-returning function gets an ``errcheck`` made for it (a closure that knows the
function's name): on failure (BOOL 0, LONG -1) it reads ``NET_DVR_GetLastError`` at once, on the
failing thread (the SDK's last error is thread-local), reads the SDK's own message for that code
with ``NET_DVR_GetErrorMsg``, and raises ``error_class(code)`` naming the function, with any
fields the prototype's ``details`` hook reads from the call's arguments. A failure whose last
error reads 0 still raises (the base :class:`~hcnetsdk.errors.HCNetSDKError`). A successful call
costs one Python-level comparison.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from ..errors import HCNetSDKError, error_class
from ._types import BOOL_FAILURE, LONG, FailureDetails

__all__ = ["NO_CODE_MESSAGE", "make_errcheck", "message_reader"]

NO_CODE_MESSAGE = (
    "the SDK reported a failure but gave no error code (NET_DVR_GetLastError() returned 0)"
)


def make_errcheck(
    name: str,
    failure: int,
    get_last_error: Callable[[], int],
    read_message: Callable[[int], str | None],
    details: FailureDetails | None = None,
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
        extra = details(args, code) if details is not None else {}
        return error_class(code)(code, name, sdk_message=message, **extra)

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


def message_reader(get_error_msg: Any) -> Callable[[int], str | None]:
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
