"""Scripting the simulated HCNetSDK: :class:`FakeSDKControl` over the fake's control API.

The fake library (built by :func:`hcnetsdk._simulator.build_fake_sdk`) exports functions
prefixed ``fake_`` beside the SDK's own; this class wraps them to add devices, script failures
and read back recorded state, and (from :class:`hcnetsdk._simevents.EventControls`) to raise
events. See ``stubs/README.md`` for the behaviour it controls.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path
from typing import Union

from ._simconfig import ConfigControls
from ._simevents import EventControls
from ._simisapi import IsapiControls
from ._simkit import KitControls
from ._simplayback import PlaybackControls
from ._simstream import StreamControls
from ._simulator import DEFAULT_PASSWORD, DEFAULT_USER, build_fake_sdk

__all__ = ["FakeSDKControl"]

_NO_SUCH_KEY = -(2**63)
_DEVICE_ERRORS = {
    -1: "no device with handle {dev}",
    -2: "unknown field {field!r}",
    -3: "value out of range, too long, or of the wrong kind for {field!r}",
    -4: "{field!r} is derived from the lock policy: use set_lock_policy()",
}

_Value = Union[str, bytes]


def _encode(value: _Value) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


class FakeSDKControl(
    EventControls, ConfigControls, PlaybackControls, StreamControls, IsapiControls, KitControls
):
    """Typed access to the fake SDK's control API (the ``fake_*`` C functions).

    ``library`` is the built library's path or an already opened :class:`ctypes.CDLL`. Opening
    the same path as the loader shares one copy of the library, hence one simulated site.
    State is per process: call :meth:`reset` to start from the default site.
    """

    def __init__(self, library: str | os.PathLike[str] | ctypes.CDLL) -> None:
        lib = library if isinstance(library, ctypes.CDLL) else ctypes.CDLL(os.fspath(library))
        self.lib = lib
        c_char_p, c_int = ctypes.c_char_p, ctypes.c_int

        def declare(name: str, restype: object, *argtypes: object) -> None:
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = list(argtypes)

        declare("fake_reset", None)
        declare("fake_clear_devices", None)
        declare("fake_add_device", c_int, c_char_p, c_int, c_char_p, c_char_p)
        declare("fake_find_device", c_int, c_char_p, c_int)
        declare("fake_device_set", c_int, c_int, c_char_p, ctypes.c_longlong)
        declare("fake_device_set_bytes", c_int, c_int, c_char_p, ctypes.c_void_p, c_int)
        declare("fake_device_set_lock_policy", c_int, c_int, c_int, c_int)
        declare("fake_device_fail_login", c_int, c_int, c_int)
        declare("fake_device_set_latency_ms", c_int, c_int, c_int)
        declare("fake_fail_next", c_int, c_char_p, c_int)
        declare("fake_set_latency_ms", None, c_int)
        declare("fake_set_logout_block_ms", None, c_int)
        declare("fake_set_build_version", None, ctypes.c_uint32)
        declare("fake_set_sdk_version", None, ctypes.c_uint32)
        declare("fake_get_int", ctypes.c_longlong, c_char_p)
        declare("fake_get_str", c_char_p, c_char_p)
        declare("fake_sizeof", c_int, c_char_p)
        declare("fake_offsetof", c_int, c_char_p, c_char_p)
        self._declare_events()
        self._declare_config()
        self._declare_isapi()
        self._declare_playback()
        self._declare_stream()
        self._declare_kit()

    @classmethod
    def open(cls, cache_dir: Path | None = None) -> FakeSDKControl:
        """Build (or reuse) the fake SDK with :func:`build_fake_sdk` and load it."""
        return cls(build_fake_sdk(cache_dir))

    # -- site ------------------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the state after loading: not initialised, counters at 0, default site."""
        self.lib.fake_reset()

    def clear_devices(self) -> None:
        """Remove every device (an empty site: every login fails with 7)."""
        self.lib.fake_clear_devices()

    def add_device(
        self,
        ip: str,
        port: int,
        user: _Value = DEFAULT_USER,
        password: _Value = DEFAULT_PASSWORD,
    ) -> int:
        """Add a camera-like device (or redefine the one at that address); return its handle.

        ``ip`` must be an IPv4 or IPv6 literal; user and password are at most 64 bytes.
        """
        handle: int = self.lib.fake_add_device(_encode(ip), port, _encode(user), _encode(password))
        if handle < 0:
            raise ValueError(
                f"cannot add device {ip!r}:{port}: the address must be an IP literal, the port "
                "0..65535, user and password at most 64 bytes each, and at most 1024 devices"
            )
        return handle

    def find_device(self, ip: str, port: int) -> int | None:
        """The handle of the device at ``ip:port``, or None."""
        handle: int = self.lib.fake_find_device(_encode(ip), port)
        return None if handle < 0 else handle

    def _check(self, rc: int, dev: int, field: str = "") -> None:
        if rc == 0:
            return
        message = _DEVICE_ERRORS.get(rc, "error {rc}").format(dev=dev, field=field, rc=rc)
        if rc == -2:
            raise KeyError(message)
        raise ValueError(message)

    def set_field(self, dev: int, field: str, value: int | bytes) -> None:
        """Set a NET_DVR_DEVICEINFO_V40/V30 field of what a login returns, by its C name.

        An int sets an integer field (range-checked); bytes set an array field (e.g.
        ``sSerialNumber``), zero-padded. V30 fields may be named bare or as
        ``struDeviceV30.<name>``. Unknown names raise KeyError; bad values ValueError.
        """
        name = field.encode("ascii")
        if isinstance(value, int):
            rc: int = self.lib.fake_device_set(dev, name, value)
        else:
            data = bytes(value)
            rc = self.lib.fake_device_set_bytes(dev, name, data, len(data))
        self._check(rc, dev, field)

    def set_lock_policy(self, dev: int, max_attempts: int, lock_seconds: int) -> None:
        """Lock the account after ``max_attempts`` wrong passwords (0: never) for a while."""
        self._check(self.lib.fake_device_set_lock_policy(dev, max_attempts, lock_seconds), dev)

    def fail_login(self, dev: int, code: int) -> None:
        """Make every login to the device fail with ``code`` (any value; 0 stops it)."""
        self._check(self.lib.fake_device_fail_login(dev, code), dev)

    def set_device_latency_ms(self, dev: int, ms: int | None) -> None:
        """Login latency of one device; None: the global :meth:`set_latency_ms` value."""
        self._check(self.lib.fake_device_set_latency_ms(dev, -1 if ms is None else ms), dev)

    # -- SDK behaviour -----------------------------------------------------------------------
    def fail_next(self, function: str, code: int) -> None:
        """Make the next call of ``function`` (e.g. ``"NET_DVR_Init"``), on any thread, fail
        with ``code``; 0 cancels. Only functions returning BOOL or LONG can be targeted."""
        if self.lib.fake_fail_next(function.encode("ascii"), code) != 0:
            raise ValueError(f"{function!r} is not a fallible NET_DVR_ function of the fake")

    def set_latency_ms(self, ms: int) -> None:
        """Time every login to an existing device takes (slept outside the fake's lock)."""
        self.lib.fake_set_latency_ms(ms)

    def set_logout_block_ms(self, ms: int) -> None:
        """How long Logout of a never-used id blocks (real SDK: about 5000 ms, the default)."""
        self.lib.fake_set_logout_block_ms(ms)

    def set_build_version(self, version: int) -> None:
        """What NET_DVR_GetSDKBuildVersion returns once initialised (default 0x06010930)."""
        self.lib.fake_set_build_version(version)

    def set_sdk_version(self, version: int) -> None:
        """What NET_DVR_GetSDKVersion returns once initialised (default 0x00060001)."""
        self.lib.fake_set_sdk_version(version)

    # -- recorded state ----------------------------------------------------------------------
    def get_int(self, key: str) -> int:
        """A recorded integer (see stubs/README.md for keys); KeyError for an unknown key."""
        value: int = self.lib.fake_get_int(key.encode("ascii"))
        if value == _NO_SUCH_KEY:
            raise KeyError(key)
        return value

    def get_str(self, key: str) -> str:
        """A recorded string (see stubs/README.md for keys); KeyError for an unknown key."""
        value: bytes | None = self.lib.fake_get_str(key.encode("ascii"))
        if value is None:
            raise KeyError(key)
        return value.decode("utf-8", "replace")

    def sizeof(self, struct_name: str) -> int:
        """``sizeof`` of a struct as the fake was compiled; KeyError if unknown."""
        size: int = self.lib.fake_sizeof(struct_name.encode("ascii"))
        if size < 0:
            raise KeyError(struct_name)
        return size

    def offsetof(self, struct_name: str, field: str) -> int:
        """``offsetof`` of a field as the fake was compiled; KeyError if unknown."""
        offset: int = self.lib.fake_offsetof(struct_name.encode("ascii"), field.encode("ascii"))
        if offset < 0:
            raise KeyError(f"{struct_name}.{field}")
        return offset
