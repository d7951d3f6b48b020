"""A fake HCNetSDK written in Python and called through real ctypes function pointers.

``PyFakeSDK`` implements the functions of the prototype table in Python; ``PyLib`` exposes them
like a ``ctypes.CDLL`` (``lib[name]`` gives a fresh foreign function pointer whose address is a
ctypes callback), so ``hcnetsdk._native.bind`` applies argtypes, restype and errcheck to them and
every call crosses the C boundary. It lets the API layer be tested without a C compiler; the C
fake in ``stubs/`` is used by the end-to-end tests.

A helper module, not a test module: ``tests/test_pyfake.py`` tests the fake itself.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from typing import Any

from hcnetsdk import _native

INVALID_ID = -1


class PyLib:
    """A stand-in for ``ctypes.CDLL``: ``lib[name]`` returns a new foreign function pointer."""

    def __init__(self, functions: dict[str, tuple[Any, tuple[Any, ...], Callable[..., Any]]]):
        self._callbacks: dict[str, Any] = {}
        self._addresses: dict[str, int] = {}
        for name, (restype, argtypes, function) in functions.items():
            callback = _native.FUNCTYPE(restype, *argtypes)(function)
            self._callbacks[name] = callback  # keep alive
            address = ctypes.cast(callback, ctypes.c_void_p).value
            assert address is not None
            self._addresses[name] = address

    def __getitem__(self, name: str) -> Any:
        address = self._addresses.get(name)
        if address is None:
            raise AttributeError(f"undefined symbol: {name}")
        return _native.FUNCTYPE(ctypes.c_int)(address)


# Callback-level C types: pointers arrive as integers, char* as c_void_p (read by address).
_SIGNATURES: dict[str, tuple[Any, tuple[Any, ...]]] = {
    "NET_DVR_Init": (ctypes.c_int, ()),
    "NET_DVR_Cleanup": (ctypes.c_int, ()),
    "NET_DVR_GetLastError": (ctypes.c_uint32, ()),
    "NET_DVR_GetErrorMsg": (ctypes.c_void_p, (ctypes.c_void_p,)),
    "NET_DVR_GetSDKVersion": (ctypes.c_uint32, ()),
    "NET_DVR_GetSDKBuildVersion": (ctypes.c_uint32, ()),
    "NET_DVR_SetConnectTime": (ctypes.c_int, (ctypes.c_uint32, ctypes.c_uint32)),
    "NET_DVR_SetRecvTimeOut": (ctypes.c_int, (ctypes.c_uint32,)),
    "NET_DVR_SetReconnect": (ctypes.c_int, (ctypes.c_uint32, ctypes.c_int)),
    "NET_DVR_SetLogToFile": (ctypes.c_int, (ctypes.c_uint32, ctypes.c_void_p, ctypes.c_int)),
    "NET_DVR_SetSDKInitCfg": (ctypes.c_int, (ctypes.c_int, ctypes.c_void_p)),
    "NET_DVR_Login_V40": (ctypes.c_int32, (ctypes.c_void_p, ctypes.c_void_p)),
    "NET_DVR_Login_V30": (
        ctypes.c_int32,
        (ctypes.c_void_p, ctypes.c_uint16, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p),
    ),
    "NET_DVR_Logout": (ctypes.c_int, (ctypes.c_int32,)),
}


class PyFakeSDK:
    """The SDK's observable behaviour (sdk-facts.md), in Python, for one process."""

    def __init__(self, *, omit: tuple[str, ...] = ()) -> None:
        self._tls = threading.local()
        self._lock = threading.Lock()
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.initialised = False
        self.init_calls = 0
        self.cleanup_calls = 0
        self.build_version = 0x06010930
        self.devices: dict[tuple[str, int], tuple[str, str]] = {
            ("127.0.0.1", 8000): ("admin", "12345")
        }
        self.serial = b"DS-7608NI-K2 0820230101CCRRJ12345678WCVU"
        self.support_lock = 1
        self.retries = 5
        self.lock_seconds = 1800
        self.failures: dict[str, int] = {}
        self.logged_in: set[int] = set()
        self.used: set[int] = set()
        self.next_id = 0
        self.passwords_seen: list[bytes] = []
        self.password_field_after: list[bytes] = []
        self.init_cfg: list[tuple[int, bytes]] = []
        self.login_delay = 0.0
        self.login_gate: threading.Event | None = None
        """When set, a login waits (up to 10 s) for this event before its delay."""
        self.violations: list[str] = []
        """Misuse of the SDK seen by the fake (e.g. a Logout with a foreign id); must stay []."""
        self._messages: dict[int, Any] = {}
        functions = {
            name: (restype, argtypes, getattr(self, name))
            for name, (restype, argtypes) in _SIGNATURES.items()
            if name not in omit
        }
        self.lib = PyLib(functions)

    # helpers
    def _fail(self, code: int) -> int:
        self._tls.error = code
        return 0

    def _ok(self) -> None:
        self._tls.error = 0

    def _record(self, name: str, *args: Any) -> int | None:
        with self._lock:
            self.calls.append((name, args))
        code = getattr(self._tls, "fail", None)
        if code is not None:
            self._tls.fail = None
            self._tls.error = code
            threading.Event().wait(0.002)  # let other threads fail in between
            return int(code)
        with self._lock:
            code = self.failures.pop(name, None)
        if code is not None:
            self._tls.error = code
            return code
        if not self.initialised and name not in ("NET_DVR_Init", "NET_DVR_SetSDKInitCfg"):
            self._tls.error = 3
            return 3
        return None

    def names_called(self) -> list[str]:
        with self._lock:
            return [name for name, _ in self.calls]

    # the SDK
    def NET_DVR_Init(self) -> int:
        if self._record("NET_DVR_Init") is not None:
            return 0
        self.init_calls += 1
        self.initialised = True
        self._ok()
        return 1

    def NET_DVR_Cleanup(self) -> int:
        if self._record("NET_DVR_Cleanup") is not None:
            return 0
        self.cleanup_calls += 1
        self.initialised = False
        self._ok()
        return 1

    def NET_DVR_GetLastError(self) -> int:
        return int(getattr(self._tls, "error", 0))

    def NET_DVR_GetErrorMsg(self, out: int | None) -> int | None:
        if not self.initialised:
            return None
        code = self.NET_DVR_GetLastError()
        if out:
            ctypes.c_int32.from_address(out).value = code
        buffer = self._messages.get(code)
        if buffer is None:
            buffer = ctypes.create_string_buffer(f"Fake message for error {code}.".encode())
            self._messages[code] = buffer
        return ctypes.addressof(buffer)

    def NET_DVR_GetSDKVersion(self) -> int:
        return 0x00060001 if self.initialised else 0

    def NET_DVR_GetSDKBuildVersion(self) -> int:
        return self.build_version if self.initialised else 0

    def _setter(self, name: str, *args: Any) -> int:
        if self._record(name, *args) is not None:
            return 0
        self._ok()
        return 1

    def NET_DVR_SetConnectTime(self, wait_ms: int, tries: int) -> int:
        return self._setter("NET_DVR_SetConnectTime", wait_ms, tries)

    def NET_DVR_SetRecvTimeOut(self, timeout_ms: int) -> int:
        return self._setter("NET_DVR_SetRecvTimeOut", timeout_ms)

    def NET_DVR_SetReconnect(self, interval_ms: int, enable: int) -> int:
        return self._setter("NET_DVR_SetReconnect", interval_ms, enable)

    def NET_DVR_SetLogToFile(self, level: int, directory: int | None, auto_delete: int) -> int:
        text = ctypes.string_at(directory) if directory else None
        return self._setter("NET_DVR_SetLogToFile", level, text, auto_delete)

    def NET_DVR_SetSDKInitCfg(self, kind: int, value: int | None) -> int:
        text = ctypes.string_at(value) if value else b""
        self.init_cfg.append((kind, text))
        return self._setter("NET_DVR_SetSDKInitCfg", kind, text)

    def NET_DVR_Login_V40(self, login_address: int, info_address: int) -> int:
        login = _native.NET_DVR_USER_LOGIN_INFO.from_address(login_address)
        info = _native.NET_DVR_DEVICEINFO_V40.from_address(info_address)
        host = login.sDeviceAddress.decode()
        user = bytes(login.sUserName).split(b"\0")[0]
        password = ctypes.string_at(
            login_address + _native.NET_DVR_USER_LOGIN_INFO.sPassword.offset, 64
        ).split(b"\0")[0]
        self.passwords_seen.append(password)
        if self._record("NET_DVR_Login_V40", host, login.wPort, user) is not None:
            return INVALID_ID
        if self.login_gate is not None:
            self.login_gate.wait(10)
        if self.login_delay:
            threading.Event().wait(self.login_delay)
        account = self.devices.get((host, login.wPort))
        if account is None:
            self._tls.error = 7
            return INVALID_ID
        if self.support_lock:
            info.bySupportLock = 1
        if (user.decode(), password.decode()) != account:
            if self.support_lock:
                self.retries = max(self.retries - 1, 0)
                info.byRetryLoginTime = self.retries
                if self.retries == 0:
                    info.dwSurplusLockTime = self.lock_seconds
                    self._tls.error = 153
                    return INVALID_ID
            self._tls.error = 1
            return INVALID_ID
        with self._lock:
            user_id = self.next_id
            self.next_id += 1
            self.logged_in.add(user_id)
            self.used.add(user_id)
        v30 = info.struDeviceV30
        ctypes.memmove(v30.sSerialNumber, self.serial, len(self.serial))
        v30.byChanNum, v30.byStartChan, v30.byIPChanNum, v30.byHighDChanNum = 0, 1, 8, 1
        v30.byStartDChan, v30.byDiskNum, v30.wDevType = 33, 2, 0x1234
        info.byCharEncodeType, info.byPasswordLevel = 6, 2
        info.byRetryLoginTime = self.retries
        self._ok()
        return user_id

    def NET_DVR_Login_V30(self, ip: int, port: int, user: int, password: int, info: int) -> int:
        self._tls.error = 23
        return INVALID_ID

    def NET_DVR_Logout(self, user_id: int) -> int:
        if self._record("NET_DVR_Logout", user_id) is not None:
            return 0
        if not 0 <= user_id < 2048:
            return self._fail(17)
        with self._lock:
            if user_id not in self.used:
                # Raising here would be swallowed by ctypes (this runs as a C callback): record
                # it for the tests' fixtures to fail on, and behave like the real SDK (which
                # blocks and leaves the previous error untouched) without the wait.
                self.violations.append(f"NET_DVR_Logout({user_id}): an id never handed out")
                return 0
            if user_id not in self.logged_in:
                return self._fail(47)
            self.logged_in.discard(user_id)
        self._ok()
        return 1


# --- tests of the fake itself -------------------------------------------------------------
