"""The SDK object: loading, lifecycle, settings and login.

Usage::

    import hcnetsdk

    with hcnetsdk.HCNetSDK() as sdk:  # load, NET_DVR_Init
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

import logging
import os
import warnings
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from . import _callbacks, _convert, _initcfg, _loader, _login, _native, _process
from . import events as _events
from ._convert import seconds_to_ms
from ._lifecycle import INITIALISED, Lifecycle
from ._loader import LibrarySpec
from ._process import init_count
from ._sdktypes import LoginMode, LogLevel, SDKVersion
from ._session import Session
from .device import Device, DeviceInfo
from .errors import HCNetSDKError

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["HCNetSDK", "LogLevel", "LoginMode", "SDKVersion", "init_count"]

logger = logging.getLogger("hcnetsdk")
_debug_enabled = logger.isEnabledFor
_DEBUG = logging.DEBUG


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
        self._life: Lifecycle[Device] = Lifecycle(
            self._native, _native.library_key(self._loaded.lib)
        )
        self._connect_timeout = _convert.DEFAULT_RESOLVE_TIMEOUT
        """Seconds of the last set_connect_timeout(): also the bound of name resolution."""

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
        return self._life.ready

    @property
    def devices(self) -> tuple[Device, ...]:
        """The devices of this object still logged in."""
        return self._life.wrappers()

    @property
    def version(self) -> SDKVersion:
        """The SDK build version (``NET_DVR_GetSDKBuildVersion``), e.g. 6.1.9.48."""
        with self._life.calling():  # cleanup() waits for it: never a 0.0.0.0 read after it
            if self._native.has("NET_DVR_GetSDKBuildVersion"):
                value = int(self._native.NET_DVR_GetSDKBuildVersion())
                return SDKVersion.from_build_version(value)
            value = int(self._native.NET_DVR_GetSDKVersion())
        return SDKVersion((value >> 16) & 0xFFFF, value & 0xFFFF, 0, 0)

    def __del__(self) -> None:
        life = getattr(self, "_life", None)  # absent when the constructor failed
        if life is not None and life.ready:
            warnings.warn(
                f"{self!r} was never cleaned up: call cleanup() or use `with HCNetSDK(...) as "
                "sdk:`; it is cleaned up when the interpreter exits",
                ResourceWarning,
                source=self,
                stacklevel=2,
            )
            _process.orphan(life)

    def __repr__(self) -> str:
        where = self._loaded.path or self._loaded.source
        return f"<HCNetSDK {where!r} {self._life.state}, {len(self._life)} device(s) logged in>"

    # --- lifecycle --------------------------------------------------------------------
    def init(self) -> Self:
        """Initialise the SDK (``NET_DVR_Init`` if no other object has). Returns ``self``."""
        self._life.init(
            lambda: _initcfg.configure_paths(self._native, self._loaded.folder),
            after=lambda: _callbacks.install(self._native),
        )
        return self

    def cleanup(self) -> None:
        """Log out every device still logged in, then release the SDK (``NET_DVR_Cleanup`` when
        no other object holds it). Idempotent; the object cannot be used afterwards."""
        self._life.cleanup()

    def __enter__(self) -> Self:
        return self.init()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cleanup()

    # --- settings ---------------------------------------------------------------------
    # Settings check the state with a plain read and no lock (they are on the benchmarked hot
    # path); a race with cleanup() on another thread is reported by Lifecycle.setting_failed.
    def set_connect_timeout(self, seconds: float, attempts: int = 3) -> None:
        """How long a connection to a device may take (``NET_DVR_SetConnectTime``).

        ``seconds`` is converted to whole milliseconds; ``attempts`` is the SDK's try count
        (measured to have no visible effect in 6.1.9.48).
        """
        ms = seconds_to_ms("seconds", seconds)
        tries = _convert.positive_int("attempts", attempts)
        life = self._life
        if life.state is not INITIALISED:
            raise life.closed_error()
        try:
            self._native.NET_DVR_SetConnectTime(ms, tries)
        except HCNetSDKError as exc:
            raise life.setting_failed(exc) from None
        self._connect_timeout = ms / 1000
        if _debug_enabled(_DEBUG):  # the cheap test first: a hot path
            logger.debug("NET_DVR_SetConnectTime(%d ms, %d tries)", ms, tries)

    def set_recv_timeout(self, seconds: float) -> None:
        """How long to wait for a device's reply (``NET_DVR_SetRecvTimeOut``; SDK default 5 s)."""
        ms = seconds_to_ms("seconds", seconds)
        life = self._life
        if life.state is not INITIALISED:
            raise life.closed_error()
        try:
            self._native.NET_DVR_SetRecvTimeOut(ms)
        except HCNetSDKError as exc:
            raise life.setting_failed(exc) from None
        if _debug_enabled(_DEBUG):  # the cheap test first: a hot path
            logger.debug("NET_DVR_SetRecvTimeOut(%d ms)", ms)

    def set_reconnect(self, interval_seconds: float = 30, enabled: bool = True) -> None:
        """Automatic reconnection of previews and alarm channels (``NET_DVR_SetReconnect``)."""
        ms = seconds_to_ms("interval_seconds", interval_seconds)
        if not isinstance(enabled, bool):
            raise TypeError(f"enabled must be a bool, not {type(enabled).__name__}")
        life = self._life
        if life.state is not INITIALISED:
            raise life.closed_error()
        try:
            self._native.NET_DVR_SetReconnect(ms, int(enabled))
        except HCNetSDKError as exc:
            raise life.setting_failed(exc) from None
        logger.debug("NET_DVR_SetReconnect(%d ms, %s)", ms, "on" if enabled else "off")

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
        path = None
        if directory is not None:
            path, encoded = _convert.log_directory(directory)
        life = self._life
        if life.state is not INITIALISED:
            raise life.closed_error()
        if path is not None:  # only for a call that is made
            path.mkdir(parents=True, exist_ok=True)
        try:
            self._native.NET_DVR_SetLogToFile(int(level), encoded, int(auto_delete))
        except HCNetSDKError as exc:
            raise life.setting_failed(exc) from None
        logger.info(
            "the SDK's own log: level %s, folder %s", LogLevel(level).name, path or "default"
        )

    # --- events -----------------------------------------------------------------------
    def listen(
        self,
        port: int,
        *,
        address: str,
        queue_size: int = _events.DEFAULT_QUEUE_SIZE,
        on_event: Callable[[_events.Event], object] | None = None,
    ) -> _events.EventSubscription:
        """Receive alarms that devices push to this host (``NET_DVR_StartListen_V30``).

        Devices configured to send alarms to ``address:port`` (ISAPI HTTP notifications, or
        the private protocol) are received without logging in; each event's ``sender`` says
        which device sent it. ``address`` has no default: ``"127.0.0.1"`` for this machine
        only, a local interface's address, or ``"0.0.0.0"`` for every interface (a deliberate
        choice). A port in use is an ``OSError`` before the SDK is called. The subscription
        works as :meth:`Device.events`'s; closing it stops the listener (about a second in the
        real SDK), and cleanup stops it too.
        """
        life = self._life
        if life.state is not INITIALISED:
            raise life.closed_error()
        return _events.listen(
            life, self._native, port, address=address, queue_size=queue_size, on_event=on_event
        )

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

        ``host`` is an IPv4 address in canonical dotted-quad form, an IPv6 address without a
        scope id (brackets allowed), or a host name. The SDK reads other address forms as other
        addresses, so they are refused (ValueError); names are resolved here, because the SDK
        resolves none, within the connect timeout (:class:`~hcnetsdk.HostResolutionError`, a
        ``ConnectionError``, when that fails), and each address is tried in turn (IPv4 first)
        while the SDK cannot connect (error 7). ``username``
        and ``password`` are sent as UTF-8 and must fit the SDK's 64-byte fields (never
        truncated). ``https`` asks for TLS; ``login_mode`` picks the protocol (default: the
        private protocol). Everything is validated before the SDK is called: wrong types raise
        TypeError, bad values ValueError.

        A failed login raises the exception of the SDK's error code, e.g. ``PasswordError`` for a
        wrong password; when the device reports its lockout policy, the exception's
        ``attempts_left`` and ``lock_seconds`` carry the attempts left and the lock time.
        """
        try:  # first of all, so that no failure below leaves the password in this frame
            secret = _convert.credential("password", password)
        finally:
            del password
        try:
            checked_port = _convert.check_port(port)
            if not isinstance(https, bool):
                raise TypeError(f"https must be a bool, not {type(https).__name__}")
            if isinstance(login_mode, bool) or not isinstance(login_mode, int):
                raise TypeError(f"login_mode must be a LoginMode, not {login_mode!r}")
            if login_mode not in LoginMode._value2member_map_:
                raise ValueError(f"login_mode must be one of {[int(m) for m in LoginMode]}")
            user_bytes = bytes(_convert.credential("username", username))
            addresses = _convert.host_addresses(host, checked_port, self._connect_timeout)

            def wrap(session: Session, address: str, device_info: Any) -> Device:
                return Device(
                    self,
                    session,
                    host=host,
                    address=address,
                    port=checked_port,
                    username=username,
                    info=DeviceInfo.from_struct(device_info),
                )

            request = _login.LoginRequest(
                f"{username}@{host}:{checked_port}",
                checked_port,
                user_bytes,
                secret,
                https,
                int(login_mode),
            )
            device = _login.login_v40(self._life, self._native, addresses, request, wrap)
        finally:
            secret[:] = bytes(len(secret))
        return device
