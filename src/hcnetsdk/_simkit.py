"""Scripting the simulated HCNetSDK per device for :mod:`hcnetsdk.testing`: the kit part of
:class:`~hcnetsdk._simcontrol.FakeSDKControl` (``fake_device_add_user``,
``fake_device_fail_next_login``, ``fake_device_get_int``; ``stubs/fake_kit.c``).
"""

from __future__ import annotations

import ctypes

__all__ = ["DEVICE_COUNTERS", "KitControls"]

_NO_SUCH_KEY = -(2**63)

DEVICE_COUNTERS = ("login_attempts", "logins_ok", "sessions", "failed_attempts", "users", "locked")
"""What :meth:`KitControls.device_int` reads."""


class KitControls:
    """Per-device accounts, the next login's failure and counters; a mixin of
    :class:`~hcnetsdk._simcontrol.FakeSDKControl`, which calls :meth:`_declare_kit`."""

    lib: ctypes.CDLL

    def _declare_kit(self) -> None:
        c_int, c_char_p = ctypes.c_int, ctypes.c_char_p
        for name, restype, argtypes in (
            ("fake_device_add_user", c_int, [c_int, c_char_p, c_char_p]),
            ("fake_device_fail_next_login", c_int, [c_int, c_int]),
            ("fake_device_get_int", ctypes.c_longlong, [c_int, c_char_p]),
            ("fake_device_session", c_int, [c_int, c_int]),
        ):
            function = getattr(self.lib, name)
            function.restype = restype
            function.argtypes = argtypes

    def add_user(self, dev: int, user: str, password: str) -> None:
        """Another account of the device (a known user name gets the new password); at most 8
        besides the first, 64 bytes each."""
        rc: int = self.lib.fake_device_add_user(dev, user.encode("utf-8"), password.encode("utf-8"))
        if rc == -1:
            raise ValueError(f"no device with handle {dev}")
        if rc != 0:
            raise ValueError("user and password must be at most 64 bytes; at most 9 accounts")

    def fail_next_login(self, dev: int, code: int) -> None:
        """The next login reaching the device fails with ``code`` (0 cancels)."""
        rc: int = self.lib.fake_device_fail_next_login(dev, code)
        if rc != 0:
            raise ValueError(f"no device with handle {dev}, or a negative code {code}")

    def device_int(self, dev: int, key: str) -> int:
        """A counter of one device (see :data:`DEVICE_COUNTERS`); KeyError if unknown."""
        value: int = self.lib.fake_device_get_int(dev, key.encode("ascii"))
        if value == _NO_SUCH_KEY:
            raise KeyError(f"{key} of device {dev}")
        return value

    def device_sessions(self, dev: int) -> list[int]:
        """The user ids logged into the device now, in id order."""
        found: list[int] = []
        while True:
            user_id: int = self.lib.fake_device_session(dev, len(found))
            if user_id < 0:
                return found
            found.append(user_id)
