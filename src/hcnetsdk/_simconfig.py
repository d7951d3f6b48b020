"""Scripting the simulated HCNetSDK's device configuration and snapshots: the config part of
:class:`~hcnetsdk._simcontrol.FakeSDKControl`.

Each device of the simulated site has a configuration (name, model, clock, channel names,
which IP channels are online) set up from what its login reports, and a snapshot answer: a real
JPEG per channel by default, or (to test the failure paths) an HTML page, nothing, or a JPEG
larger than a first buffer. See ``stubs/README.md``, "Configuration and snapshots".
"""

from __future__ import annotations

import ctypes

__all__ = [
    "SNAPSHOT_EMPTY",
    "SNAPSHOT_JPEG",
    "SNAPSHOT_LARGE",
    "SNAPSHOT_NOT_JPEG",
    "ConfigControls",
]

SNAPSHOT_JPEG = 0
"""A real baseline JPEG, different per channel (the default)."""
SNAPSHOT_NOT_JPEG = 1
"""Success, but an HTML error page instead of a picture."""
SNAPSHOT_EMPTY = 2
"""Success with 0 bytes."""
SNAPSHOT_LARGE = 3
"""A real JPEG padded with comment segments to at least ``size`` bytes."""

_ERRORS = {
    -1: "no device with handle {dev}",
    -2: "unknown field {what!r}",
    -3: "value refused: {what}",
}


class ConfigControls:
    """The configuration and snapshot control functions (``fake_config_*``,
    ``fake_snapshot_*``), typed. A mixin of :class:`~hcnetsdk._simcontrol.FakeSDKControl`,
    which calls :meth:`_declare_config`."""

    lib: ctypes.CDLL

    def _declare_config(self) -> None:
        c_int, c_void_p, c_char_p = ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p
        table: dict[str, list[object]] = {
            "fake_config_set_text": [c_int, c_char_p, c_void_p, c_int],
            "fake_config_set_channel": [c_int, c_int, c_void_p, c_int, c_int],
            "fake_config_set_time_offset": [c_int, ctypes.c_longlong],
            "fake_snapshot_set_mode": [c_int, c_int, c_int],
        }
        for name, argtypes in table.items():
            function = getattr(self.lib, name)
            function.restype = c_int
            function.argtypes = argtypes

    @staticmethod
    def _config_check(rc: int, dev: int, what: str) -> None:
        if rc == 0:
            return
        message = _ERRORS.get(rc, "error {rc}").format(dev=dev, what=what, rc=rc)
        if rc == -2:
            raise KeyError(message)
        raise ValueError(message)

    def set_config_text(self, dev: int, field: str, value: str | bytes) -> None:
        """Set ``sDVRName`` (the device name) or ``byDevTypeName`` (the model) of what
        ``NET_DVR_GET_DEVICECFG_V40`` returns: bytes as they are (e.g. GBK), str as UTF-8."""
        data = value.encode("utf-8") if isinstance(value, str) else bytes(value)
        rc = self.lib.fake_config_set_text(dev, field.encode("ascii"), data, len(data))
        self._config_check(rc, dev, field)

    def set_channel(
        self, dev: int, channel: int, *, name: str | bytes | None = None, online: bool | None = None
    ) -> None:
        """Set a channel's name (bytes as they are, str as UTF-8; at most 32 bytes) and, for an
        IP channel, whether it is online. ``channel`` is the device's own number."""
        data = None if name is None else name.encode("utf-8") if isinstance(name, str) else name
        rc = self.lib.fake_config_set_channel(
            dev,
            channel,
            data,
            -1 if data is None else len(data),
            -1 if online is None else int(online),
        )
        self._config_check(rc, dev, f"channel {channel} (name <= 32 bytes; online: IP only)")

    def set_time_offset(self, dev: int, seconds: int) -> None:
        """Make the device's clock run ``seconds`` ahead of this host's local time."""
        self._config_check(self.lib.fake_config_set_time_offset(dev, seconds), dev, "offset")

    def set_snapshot_mode(self, dev: int, mode: int, size: int = 0) -> None:
        """What ``NET_DVR_CaptureJPEGPicture_NEW`` answers for the device: one of the
        ``SNAPSHOT_*`` constants; ``size`` is the least size of a ``SNAPSHOT_LARGE`` picture."""
        rc = self.lib.fake_snapshot_set_mode(dev, mode, size)
        self._config_check(rc, dev, f"mode {mode}, size {size}")
