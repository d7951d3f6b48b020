"""The SDK object: loading, lifecycle, settings and login.

Usage::

    import hcnetsdk

    with hcnetsdk.HCNetSDK() as sdk:              # load, NET_DVR_Init
        sdk.set_connect_timeout(3)
        with sdk.login("192.0.2.10", 8000, username="admin", password="...") as device:
            print(device.info.serial_number, device.info.ip_channels)
    # every device still logged in is logged out, then NET_DVR_Cleanup

Where the library comes from (``HCNetSDK(library=...)``, then ``HCNETSDK_LIB``, then a search):
see :class:`HCNetSDK`.

Lifecycle
---------
``HCNetSDK(...)`` only opens the library and binds its functions. ``init()`` (or entering
``with``) initialises the SDK; ``cleanup()`` (or leaving ``with``) logs out every device of this
object still logged in and then cleans up. ``NET_DVR_Init``/``NET_DVR_Cleanup`` are process-wide,
so several ``HCNetSDK`` objects on the same library share one initialisation: the first
``init()`` calls ``NET_DVR_Init``, the last ``cleanup()`` calls ``NET_DVR_Cleanup`` (a reference
count per loaded library, under a lock). ``init()`` twice on one object counts once. Cleanup is
final for an object: any later use raises :class:`~hcnetsdk.SDKClosedError`, as does use before
``init()``; the SDK itself is never reached in either case. An object that is never cleaned up
keeps the SDK initialised until the process exits.

Threads
-------
* One ``HCNetSDK`` object may be shared by any number of threads; so may a ``Device``.
* The SDK keeps its last error per thread. Every failing call is checked on the thread that made
  it, right after the call, so each thread gets the exception of its own failure, even when many
  threads fail at once with different codes.
* ctypes releases the GIL during SDK calls, so logins from several threads run in parallel. No
  lock of this package is held during a login or logout call; locks only guard the reference
  count and the registry of logged-in devices.
* ``cleanup()`` waits for logins and logouts already running on other threads to return (each is
  bounded by the SDK's connect and receive timeouts), refuses new ones, then logs out every device
  still logged in (including those whose login finished during the wait) before the cleanup call.
* Do not call into the SDK from its own callback threads while ``cleanup()`` runs.

Passwords
---------
A password is never stored, logged, or put in a repr or exception. It is encoded into a
``bytearray`` that is copied into the login structure and zeroed, and the structure's password
field is zeroed right after ``NET_DVR_Login_V40`` returns, success or failure. The Python ``str``
the caller passed cannot be wiped (strings are immutable), nor can the short-lived ``bytes`` the
UTF-8 encoder makes.
"""

from __future__ import annotations

import ctypes
import ipaddress
import logging
import math
import numbers
import os
import socket
import threading
from enum import IntEnum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from . import _loader, _native
from ._loader import LibrarySpec
from .device import Device, DeviceInfo
from .errors import HCNetSDKError, SDKClosedError, SDKLoadError

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["HCNetSDK", "LogLevel", "LoginMode", "SDKVersion"]

logger = logging.getLogger("hcnetsdk")

_DWORD_MAX = 0xFFFFFFFF
_LOG_PATH_MAX = 255  # bytes, without the NUL
_PASSWORD_OFFSET = _native.NET_DVR_USER_LOGIN_INFO.sPassword.offset
_PASSWORD_SIZE = _native.NET_DVR_LOGIN_PASSWD_MAX_LEN


class LogLevel(IntEnum):
    """Level of ``NET_DVR_SetLogToFile``."""

    OFF = 0
    ERROR = 1
    INFO = 2
    DEBUG = 3


class LoginMode(IntEnum):
    """``byLoginMode`` of ``NET_DVR_USER_LOGIN_INFO``: the protocol used to log in."""

    PRIVATE = 0
    """Hikvision's private protocol (SDK port, 8000 by default)."""
    ISAPI = 1
    """ISAPI over HTTP(S) (port 80/443)."""
    ADAPTIVE = 2
    """Let the SDK choose."""


class SDKVersion(NamedTuple):
    """The SDK build version, e.g. ``6.1.9.48``. Compares as a tuple: ``v >= (6, 1)``."""

    major: int
    minor: int
    revision: int
    build: int

    @classmethod
    def from_build_version(cls, value: int) -> SDKVersion:
        """From ``NET_DVR_GetSDKBuildVersion`` (one byte per part: ``0x06010930``)."""
        return cls((value >> 24) & 0xFF, (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.revision}.{self.build}"


# --- Validation helpers ------------------------------------------------------------------
_MAX_SECONDS = _DWORD_MAX / 1000
_MAX_WHOLE_SECONDS = _DWORD_MAX // 1000


def _seconds_to_ms(name: str, seconds: object) -> int:
    """Seconds (int or float) -> whole milliseconds for a DWORD; positive and finite."""
    # Fast paths for a plain int or float in range, with the same result as the full check
    # below (settings are on the benchmarked call path; `type(True) is bool`, and NaN fails
    # both comparisons). Anything else takes the full check, which gives the precise error.
    if type(seconds) is int:
        if 0 < seconds <= _MAX_WHOLE_SECONDS:
            return seconds * 1000
    elif type(seconds) is float and 0.0015 <= seconds <= _MAX_SECONDS:
        return round(seconds * 1000)  # in 2.._DWORD_MAX by the bounds: no second check
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
    if scaled > 2 * _DWORD_MAX:  # far too large; round() would overflow on inf
        raise ValueError(
            f"{name} is too large: {seconds!r} s does not fit the SDK's 32-bit milliseconds "
            f"(at most {_DWORD_MAX / 1000:.0f} s)"
        )
    ms = round(scaled)
    if ms < 1:
        raise ValueError(f"{name} must be at least 0.001 s (one millisecond), not {value!r}")
    if ms > _DWORD_MAX:
        raise ValueError(
            f"{name} is too large: {value!r} s does not fit the SDK's 32-bit milliseconds "
            f"(at most {_DWORD_MAX / 1000:.0f} s)"
        )
    return ms


def _positive_int(name: str, value: object, maximum: int = _DWORD_MAX) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {value!r}")
    if not 1 <= value <= maximum:
        raise ValueError(f"{name} must be between 1 and {maximum}, not {value}")
    return value


def _credential(name: str, value: object) -> bytearray:
    """A username or password as UTF-8 in a bytearray; its value never appears in messages."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if not value:
        raise ValueError(
            f"{name} must not be empty (an empty {name} always fails and may count as a failed "
            "login attempt towards the device's lockout)"
        )
    if "\0" in value:
        raise ValueError(f"{name} must not contain a NUL character")
    encoded = bytearray(value, "utf-8")
    if len(encoded) > _native.NET_DVR_LOGIN_PASSWD_MAX_LEN:
        size = len(encoded)
        encoded[:] = bytes(size)
        raise ValueError(
            f"{name} is {size} bytes in UTF-8; the SDK's field holds at most "
            f"{_native.NET_DVR_LOGIN_PASSWD_MAX_LEN} bytes (it is never truncated)"
        )
    return encoded


def _resolve_host(host: object, port: int) -> str:
    """An IP literal the SDK accepts: ``host`` itself, or the address a hostname resolves to.

    The SDK does not resolve names (it fails with error 17). IPv4 and IPv6 literals are used as
    given ("[::1]" loses its brackets); any other name is resolved with ``socket.getaddrinfo``,
    preferring an IPv4 address.
    """
    if not isinstance(host, str):
        raise TypeError(f"host must be a str, not {type(host).__name__}")
    text = host.strip()
    if not text:
        raise ValueError("host must not be empty: give the device's IP address or host name")
    if "\0" in text:
        raise ValueError("host must not contain a NUL character")
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if _is_ip_literal(text):
        return text
    try:
        infos = socket.getaddrinfo(text, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise ValueError(
            f"cannot resolve host {host!r} ({exc}); the SDK connects to IP addresses only, so "
            "give the device's IP address or a resolvable host name"
        ) from exc
    addresses = [str(info[4][0]) for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)]
    if not addresses:
        raise ValueError(f"host {host!r} resolved to no IPv4 or IPv6 address")
    ipv4 = [a for a in addresses if ":" not in a]
    return (ipv4 or addresses)[0]


def _is_ip_literal(text: str) -> bool:
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            socket.inet_pton(family, text)
        except (OSError, ValueError):
            continue
        return True
    try:
        ipaddress.ip_address(text)  # forms inet_pton does not take, e.g. "fe80::1%eth0"
    except ValueError:
        return False
    return True


def _check_port(port: object) -> int:
    if isinstance(port, bool) or not isinstance(port, int):
        raise TypeError(f"port must be an int, not {type(port).__name__}")
    if not 1 <= port <= 65535:
        raise ValueError(f"port must be between 1 and 65535, not {port}")
    return port


# --- Process-wide state ------------------------------------------------------------------
_PROCESS_LOCK = threading.Lock()
_INIT_COUNTS: dict[int, int] = {}
"""Library key -> number of initialised HCNetSDK objects using that library."""


def init_count(lib: Any) -> int:
    """How many HCNetSDK objects currently hold the initialisation of ``lib`` (for tests)."""
    with _PROCESS_LOCK:
        return _INIT_COUNTS.get(_native.library_key(lib), 0)


_NOINIT = 3  # NET_DVR_NOINIT
_NEW, _READY, _CLOSING, _CLOSED = "not initialised", "initialised", "cleaning up", "cleaned up"


class HCNetSDK:
    """The Hikvision HCNetSDK, loaded and (after :meth:`init`) initialised.

    ``library`` says where the SDK's shared library is; the first of these that applies is used:

    1. ``library`` itself: the library file or the SDK folder (str or PathLike), the string
       ``"simulator"`` (a fake SDK compiled from the package's C stubs, for tests and demos), or
       an already opened ``ctypes.CDLL``. Only that place is tried.
    2. The ``HCNETSDK_LIB`` environment variable, with the same meaning. Only that place is
       tried.
    3. A search: ``libhcnetsdk.so`` (Windows: ``HCNetSDK.dll``) through the platform's loader
       (``LD_LIBRARY_PATH``, ld.so cache, system folders); on Windows each ``PATH`` folder
       holding ``HCNetSDK.dll``; then ``./lib`` of the current directory.

    Failures raise :class:`~hcnetsdk.SDKNotFoundError` (every place tried, with the loader's
    reason), :class:`~hcnetsdk.SDKArchitectureError` (a library for another CPU or word size) or
    :class:`~hcnetsdk.SDKFunctionMissingError` (a required function is not exported).

    When the SDK folder is known (all cases but a library found by bare name whose path cannot
    be read back), ``init()`` points the SDK at it with ``NET_DVR_SetSDKInitCfg`` (the folder
    holding ``HCNetSDKCom``, and the OpenSSL libraries found there) before ``NET_DVR_Init``, as
    older SDK builds need; failures of that step are logged, not raised. On Windows the folder is
    also added with ``os.add_dll_directory`` for the life of the object.

    The object is a context manager: ``with HCNetSDK() as sdk:`` calls :meth:`init` and, on exit,
    :meth:`cleanup`. Thread-safety and the shared, reference-counted initialisation are described
    in the module documentation of ``hcnetsdk.sdk``: in short, share one object between threads
    freely; each thread's failures raise the exception of their own error code.
    """

    def __init__(self, library: LibrarySpec = None) -> None:
        self._loaded = _loader.load_library(library)
        self._native = _native.bind(self._loaded.lib, self._loaded.path)
        self._key = _native.library_key(self._loaded.lib)
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)  # cleanup() waits on it for _busy == 0
        self._state = _NEW
        self._busy = 0
        self._devices: dict[int, Device] = {}

    # --- information ------------------------------------------------------------------
    @property
    def library_path(self) -> str | None:
        """Absolute path of the loaded library, when known."""
        return self._loaded.path

    @property
    def sdk_folder(self) -> str | None:
        """The SDK folder (holding ``HCNetSDKCom``), when known."""
        return self._loaded.folder

    @property
    def source(self) -> str:
        """How the library was found: "argument", "HCNETSDK_LIB", "simulator" or "search"."""
        return self._loaded.source

    @property
    def initialised(self) -> bool:
        """True between :meth:`init` and :meth:`cleanup`."""
        return self._state == _READY

    @property
    def devices(self) -> tuple[Device, ...]:
        """The devices of this object still logged in."""
        with self._lock:
            return tuple(self._devices.values())

    @property
    def version(self) -> SDKVersion:
        """The SDK build version (``NET_DVR_GetSDKBuildVersion``), e.g. 6.1.9.48."""
        if self._state is not _READY:
            raise self._closed_error()
        if self._native.has("NET_DVR_GetSDKBuildVersion"):
            return SDKVersion.from_build_version(int(self._native.NET_DVR_GetSDKBuildVersion()))
        value = int(self._native.NET_DVR_GetSDKVersion())
        return SDKVersion((value >> 16) & 0xFFFF, value & 0xFFFF, 0, 0)

    def __repr__(self) -> str:
        where = self._loaded.path or self._loaded.source
        return f"<HCNetSDK {where!r} {self._state}, {len(self._devices)} device(s) logged in>"

    # --- lifecycle --------------------------------------------------------------------
    def init(self) -> Self:
        """Initialise the SDK (``NET_DVR_Init`` if no other object has). Returns ``self``."""
        with self._lock:
            if self._state == _READY:
                return self
            if self._state != _NEW:
                raise SDKClosedError(
                    "this HCNetSDK object was cleaned up; create a new HCNetSDK to use the SDK "
                    "again"
                )
            with _PROCESS_LOCK:
                count = _INIT_COUNTS.get(self._key, 0)
                if count == 0:
                    self._configure_paths()
                    self._native.NET_DVR_Init()
                _INIT_COUNTS[self._key] = count + 1
            self._state = _READY
        return self

    def cleanup(self) -> None:
        """Log out every device still logged in, then release the SDK (``NET_DVR_Cleanup`` when
        no other object holds it). Idempotent; the object cannot be used afterwards."""
        with self._lock:
            if self._state == _NEW:
                self._state = _CLOSED
                return
            if self._state != _READY:
                return
            self._state = _CLOSING
            self._cond.wait_for(lambda: self._busy == 0)
            devices = list(self._devices.values())
            self._devices.clear()
            for device in devices:
                device._mark_logged_out("logged out by HCNetSDK.cleanup()")
        try:
            for device in devices:
                try:
                    self._native.NET_DVR_Logout(device._user_id)
                except HCNetSDKError as exc:
                    logger.warning("logout of %r during cleanup failed: %s", device, exc)
        finally:
            try:
                with _PROCESS_LOCK:
                    count = _INIT_COUNTS.get(self._key, 0) - 1
                    if count <= 0:
                        _INIT_COUNTS.pop(self._key, None)
                        self._native.NET_DVR_Cleanup()
                    else:
                        _INIT_COUNTS[self._key] = count
            finally:
                with self._lock:
                    self._state = _CLOSED

    def __enter__(self) -> Self:
        return self.init()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cleanup()

    def _enter_call(self) -> None:
        """Before a login or logout: check the state, and hold off cleanup() until
        :meth:`_exit_call` (cleanup logs out what the call may have logged in)."""
        with self._lock:
            if self._state is not _READY:
                raise self._closed_error()
            self._busy += 1

    def _exit_call(self) -> None:
        with self._lock:
            self._busy -= 1
            if self._busy == 0 and self._state is _CLOSING:
                self._cond.notify_all()

    def _setting_failed(self, exc: HCNetSDKError) -> HCNetSDKError | SDKClosedError:
        """A failed short call (a setting). Those check the state with a plain read and no
        lock, being on the hot path; one may then race a cleanup() on another thread, and the
        SDK fails it with NET_DVR_NOINIT (3): report that as the SDKClosedError it is."""
        if exc.code == _NOINIT and self._state is not _READY:
            closed = self._closed_error()
            closed.__cause__ = exc
            return closed
        return exc

    def _closed_error(self) -> SDKClosedError:
        if self._state == _NEW:
            return SDKClosedError(
                "the SDK is not initialised: call init() or use `with HCNetSDK(...) as sdk:` first"
            )
        return SDKClosedError(
            f"the SDK is {self._state}: this HCNetSDK object cannot be used after cleanup(); "
            "create a new HCNetSDK"
        )

    def _configure_paths(self) -> None:
        """``NET_DVR_SetSDKInitCfg`` types 2, 3, 4 for a known SDK folder (before Init)."""
        folder = self._loaded.folder
        if folder is None or not self._native.has("NET_DVR_SetSDKInitCfg"):
            return
        try:
            encoded = _loader.encode_path(folder)
        except ValueError as exc:
            raise SDKLoadError(f"cannot pass the SDK folder to the SDK: {exc}") from exc
        if len(encoded) >= _native.NET_SDK_MAX_FILE_PATH:
            raise SDKLoadError(
                f"the SDK folder path {folder!r} is {len(encoded)} bytes; NET_DVR_SetSDKInitCfg "
                f"takes at most {_native.NET_SDK_MAX_FILE_PATH - 1}. Move the SDK to a shorter "
                "path (it is never truncated)."
            )
        settings: list[tuple[int, Any, str]] = []
        sdk_path = _native.NET_DVR_LOCAL_SDK_PATH()
        sdk_path.sPath = encoded
        settings.append((_native.NET_SDK_INIT_CFG_SDK_PATH, ctypes.byref(sdk_path), folder))
        crypto, ssl = _loader.openssl_files(folder)
        for kind, file in (
            (_native.NET_SDK_INIT_CFG_LIBEAY_PATH, crypto),
            (_native.NET_SDK_INIT_CFG_SSLEAY_PATH, ssl),
        ):
            if file is not None:
                buffer = ctypes.create_string_buffer(_loader.encode_path(file))
                settings.append((kind, buffer, str(file)))
        for kind, value, text in settings:
            try:
                self._native.NET_DVR_SetSDKInitCfg(kind, value)
            except HCNetSDKError as exc:
                logger.warning("NET_DVR_SetSDKInitCfg(%d, %r) failed: %s", kind, text, exc)

    # --- settings ---------------------------------------------------------------------
    def set_connect_timeout(self, seconds: float, attempts: int = 3) -> None:
        """How long a connection to a device may take (``NET_DVR_SetConnectTime``).

        ``seconds`` is converted to whole milliseconds; ``attempts`` is the SDK's try count
        (measured to have no visible effect in 6.1.9.48).
        """
        ms = _seconds_to_ms("seconds", seconds)
        tries = _positive_int("attempts", attempts)
        if self._state is not _READY:  # no lock: see _setting_failed
            raise self._closed_error()
        try:
            self._native.NET_DVR_SetConnectTime(ms, tries)
        except HCNetSDKError as exc:
            raise self._setting_failed(exc) from None

    def set_recv_timeout(self, seconds: float) -> None:
        """How long to wait for a device's reply (``NET_DVR_SetRecvTimeOut``; SDK default 5 s)."""
        ms = _seconds_to_ms("seconds", seconds)
        if self._state is not _READY:  # no lock: see _setting_failed
            raise self._closed_error()
        try:
            self._native.NET_DVR_SetRecvTimeOut(ms)
        except HCNetSDKError as exc:
            raise self._setting_failed(exc) from None

    def set_reconnect(self, interval_seconds: float = 30, enabled: bool = True) -> None:
        """Automatic reconnection of previews and alarm channels (``NET_DVR_SetReconnect``)."""
        ms = _seconds_to_ms("interval_seconds", interval_seconds)
        if not isinstance(enabled, bool):
            raise TypeError(f"enabled must be a bool, not {type(enabled).__name__}")
        if self._state is not _READY:  # no lock: see _setting_failed
            raise self._closed_error()
        try:
            self._native.NET_DVR_SetReconnect(ms, int(enabled))
        except HCNetSDKError as exc:
            raise self._setting_failed(exc) from None

    def set_log_to_file(
        self,
        directory: str | os.PathLike[str] | None,
        level: LogLevel | int = LogLevel.ERROR,
        auto_delete: bool = True,
    ) -> None:
        """Write the SDK's log into ``directory`` (``NET_DVR_SetLogToFile``).

        The directory is created if missing. ``None`` lets the SDK use its default folder.
        ``level`` is a :class:`LogLevel` (``LogLevel.OFF`` stops logging). ``auto_delete`` lets the
        SDK delete old log files. The SDK also echoes its log lines to stderr.
        """
        if isinstance(level, bool) or not isinstance(level, int):
            raise TypeError(f"level must be a LogLevel, not {level!r}")
        if level not in LogLevel._value2member_map_:
            raise ValueError(f"level must be one of {[int(m) for m in LogLevel]}, not {level}")
        if not isinstance(auto_delete, bool):
            raise TypeError(f"auto_delete must be a bool, not {type(auto_delete).__name__}")
        encoded: bytes | None = None
        if directory is not None:
            if not isinstance(directory, (str, os.PathLike)):
                raise TypeError(f"directory must be a str or os.PathLike, not {directory!r}")
            path = Path(os.fspath(directory)).expanduser()
            if not os.fspath(path):
                raise ValueError("directory must not be empty")
            text = os.path.join(os.path.abspath(path), "")  # trailing separator
            encoded = _loader.encode_path(text)
            if len(encoded) > _LOG_PATH_MAX:
                raise ValueError(
                    f"log directory {text!r} is {len(encoded)} bytes encoded; the SDK takes at "
                    f"most {_LOG_PATH_MAX} (it is never truncated)"
                )
            path.mkdir(parents=True, exist_ok=True)
        if self._state is not _READY:  # no lock: see _setting_failed
            raise self._closed_error()
        try:
            self._native.NET_DVR_SetLogToFile(int(level), encoded, int(auto_delete))
        except HCNetSDKError as exc:
            raise self._setting_failed(exc) from None

    # --- login ------------------------------------------------------------------------
    def login(
        self,
        host: str,
        port: int = 8000,
        *,
        username: str,
        password: str,
        https: bool = False,
        login_mode: LoginMode | int = LoginMode.PRIVATE,
    ) -> Device:
        """Log into a device (``NET_DVR_Login_V40``, synchronous) and return the session.

        ``host`` is an IPv4 or IPv6 address; another name is resolved here with
        ``socket.getaddrinfo`` (IPv4 preferred), because the SDK resolves no names. ``username``
        and ``password`` are sent as UTF-8 and must fit the SDK's 64-byte fields (never
        truncated). ``https`` asks for TLS; ``login_mode`` picks the protocol (default: the
        private protocol). Everything is validated before the SDK is called: wrong types raise
        TypeError, bad values ValueError.

        A failed login raises the exception of the SDK's error code, e.g. ``PasswordError`` for a
        wrong password; when the device reports its lockout policy, the exception's
        ``attempts_left`` and ``lock_seconds`` carry the attempts left and the lock time.
        """
        checked_port = _check_port(port)
        if not isinstance(https, bool):
            raise TypeError(f"https must be a bool, not {type(https).__name__}")
        if isinstance(login_mode, bool) or not isinstance(login_mode, int):
            raise TypeError(f"login_mode must be a LoginMode, not {login_mode!r}")
        if login_mode not in LoginMode._value2member_map_:
            raise ValueError(f"login_mode must be one of {[int(m) for m in LoginMode]}")
        user_bytes = _credential("username", username)
        secret = _credential("password", password)
        del password  # keep it out of this frame's locals in tracebacks
        try:
            address = _resolve_host(host, checked_port)
            host_bytes = address.encode("ascii")
            if len(host_bytes) >= _native.NET_DVR_DEV_ADDRESS_MAX_LEN:
                raise ValueError(
                    f"host {address!r} is {len(host_bytes)} bytes; the SDK's field holds at most "
                    f"{_native.NET_DVR_DEV_ADDRESS_MAX_LEN - 1}"
                )
            self._enter_call()
        except BaseException:
            secret[:] = bytes(len(secret))
            raise
        closing = False
        try:
            login_info = _native.NET_DVR_USER_LOGIN_INFO()
            login_info.sDeviceAddress = host_bytes
            login_info.wPort = checked_port
            login_info.sUserName = bytes(user_bytes)
            login_info.bUseAsynLogin = 0
            login_info.byLoginMode = int(login_mode)
            login_info.byHttps = _native.HTTPS_ON if https else _native.HTTPS_OFF
            device_info = _native.NET_DVR_DEVICEINFO_V40()
            password_field = ctypes.addressof(login_info) + _PASSWORD_OFFSET
            try:
                size = len(secret)
                source = (ctypes.c_char * size).from_buffer(secret)
                ctypes.memmove(password_field, source, size)
                del source  # `secret` itself is zeroed in the finally below
                user_id = int(
                    self._native.NET_DVR_Login_V40(
                        ctypes.byref(login_info), ctypes.byref(device_info)
                    )
                )
            finally:
                ctypes.memset(password_field, 0, _PASSWORD_SIZE)
                secret[:] = bytes(len(secret))
            device = Device(
                self,
                user_id,
                host=host,
                address=address,
                port=checked_port,
                username=username,
                info=DeviceInfo.from_struct(device_info),
            )
            with self._lock:
                # Registered even if cleanup() started meanwhile: it waits for this call to
                # finish, then logs the device out with the others before NET_DVR_Cleanup.
                self._devices[user_id] = device
                closing = self._state != _READY
        finally:
            self._exit_call()
        if closing:
            raise SDKClosedError(
                f"HCNetSDK.cleanup() started while logging into {host}:{checked_port}; the "
                "session is logged out by the cleanup"
            )
        logger.debug(
            "logged into %s:%d as %r, user id %d", address, checked_port, username, user_id
        )
        return device

    def _logout_device(self, device: Device) -> None:
        """``Device.logout()``: only for an id this object handed out and still holds."""
        with self._lock:
            if self._devices.get(device._user_id) is not device:
                return
            if self._state not in (_READY, _CLOSING):
                return
            del self._devices[device._user_id]
            device._mark_logged_out("logged out")
            self._busy += 1
        try:
            self._native.NET_DVR_Logout(device._user_id)
        finally:
            self._exit_call()
