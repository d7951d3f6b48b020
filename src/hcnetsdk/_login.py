"""Logging in: ``NET_DVR_Login_V40`` with the password copied in and wiped, address by address.

The caller has validated everything and holds the password as a ``bytearray`` (which it zeroes
afterwards). For each address of the host in turn (a name may resolve to several), one
synchronous ``NET_DVR_Login_V40`` runs as a call of the lifecycle; when the SDK cannot connect
(error 7) the next address is tried, and the error of the last one says which were tried. The
password is copied into the structure's field with ``memmove`` right before the call and the
field is zeroed right after it, success or failure.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from . import _convert, _native
from ._lifecycle import Lifecycle
from ._session import Session
from .errors import HCNetSDKError

__all__ = ["LoginRequest", "add_note", "login_v40"]

logger = logging.getLogger("hcnetsdk")

T = TypeVar("T")

_PASSWORD_OFFSET = _native.NET_DVR_USER_LOGIN_INFO.sPassword.offset
_PASSWORD_SIZE = _native.NET_DVR_LOGIN_PASSWD_MAX_LEN
_NETWORK_FAIL_CONNECT = 7  # NET_DVR_NETWORK_FAIL_CONNECT: try the host's next address


class LoginRequest(NamedTuple):
    """One login, validated: everything but the address to try."""

    label: str
    """``user@host:port`` for messages and logs."""
    port: int
    user_bytes: bytes
    secret: bytearray
    """The password as UTF-8; the caller zeroes it afterwards."""
    https: bool
    login_mode: int


def login_v40(
    life: Lifecycle[T],
    native: _native.NativeSDK,
    addresses: list[str],
    request: LoginRequest,
    wrap: Callable[[Session, str, Any], T],
) -> T:
    """Log in at the first of ``addresses`` that connects; ``wrap(session, address,
    device_info)`` makes what is returned (and registered with ``life``)."""
    label, port = request.label, request.port
    tried: list[str] = []
    for address in addresses:
        tried.append(address)
        logger.debug("NET_DVR_Login_V40: %s at %s:%d", label, address, port)
        try:
            result = _login_at(life, native, address, request, wrap)
        except HCNetSDKError as exc:
            logger.info(
                "login to %s at %s:%d failed: %s (%d %s)",
                label,
                address,
                port,
                type(exc).__name__,
                exc.code,
                exc.name,
            )
            if exc.code != _NETWORK_FAIL_CONNECT or len(tried) == len(addresses):
                if len(tried) > 1:
                    add_note(exc, f"tried every address of {label}: {', '.join(tried)}")
                raise
            logger.info("trying the next address of %s", label)
            continue
        logger.info("logged into %s at %s:%d", label, address, port)
        return result
    raise ValueError("no address to log in to")  # host_addresses never returns an empty list


def _login_at(
    life: Lifecycle[T],
    native: _native.NativeSDK,
    address: str,
    request: LoginRequest,
    wrap: Callable[[Session, str, Any], T],
) -> T:
    label, port, user_bytes, secret, https, login_mode = request
    host_bytes = _convert.fixed_text("host", address, _native.NET_DVR_DEV_ADDRESS_MAX_LEN, "ascii")
    login_info = _native.NET_DVR_USER_LOGIN_INFO()
    login_info.sDeviceAddress = host_bytes
    login_info.wPort = port
    login_info.sUserName = user_bytes
    login_info.bUseAsynLogin = 0
    login_info.byLoginMode = login_mode
    login_info.byHttps = _native.HTTPS_ON if https else _native.HTTPS_OFF
    device_info = _native.NET_DVR_DEVICEINFO_V40()

    def call() -> int:
        password_field = ctypes.addressof(login_info) + _PASSWORD_OFFSET
        try:
            size = len(secret)
            source = (ctypes.c_char * size).from_buffer(secret)
            ctypes.memmove(password_field, source, size)
            del source  # the caller zeroes `secret` itself
            return int(
                native.NET_DVR_Login_V40(ctypes.byref(login_info), ctypes.byref(device_info))
            )
        finally:
            ctypes.memset(password_field, 0, _PASSWORD_SIZE)

    return life.open_session(call, label, lambda session: wrap(session, address, device_info))


def add_note(exc: BaseException, note: str) -> None:
    """``exc.add_note(note)``, also before Python 3.11 (``__notes__`` by hand)."""
    method = getattr(exc, "add_note", None)
    if method is not None:
        method(note)
    else:
        notes = getattr(exc, "__notes__", None)
        exc.__notes__ = [*(notes or []), note]  # type: ignore[attr-defined]
