"""Scripting the simulated HCNetSDK's live streams and PTZ: a mixin of :class:`FakeSDKControl`.

Each ``NET_DVR_RealPlay_V40`` in the fake starts a C thread of its own that calls the data
callback: a 40-byte system header (``NET_DVR_SYSHEAD``, delivered before RealPlay_V40 returns),
then PS-framed pseudo-random ``NET_DVR_STREAMDATA`` packets at the configured bit rate
(:meth:`StreamControls.stream_config`). What a stream delivered can be read back
(:meth:`~StreamControls.stream_sent`) and compared with what the binding received. PTZ commands
are applied to a simulated camera per device and channel (:meth:`~StreamControls.ptz_state`,
:meth:`~StreamControls.ptz_log`). See ``stubs/README.md``, "Live stream and PTZ".
"""

from __future__ import annotations

import ctypes
from typing import NamedTuple

__all__ = ["HEADER_SIZE", "PtzCall", "PtzState", "StreamControls"]

HEADER_SIZE = 40
"""Bytes of the fake's system header (``NET_DVR_SYSHEAD``)."""
_NO_SUCH_KEY = -(2**63)
_STATE_FIELDS = 8


class PtzState(NamedTuple):
    """A simulated camera channel, as the PTZ commands left it."""

    moving: int
    """The ``dwPTZCommand`` of the movement in progress (0: still)."""
    speed: int
    """Its speed (0: still)."""
    last_command: int
    last_stop: int
    last_speed: int
    commands: int
    """Commands received (control and preset)."""
    preset: int
    """The last preset gone to (0: none)."""
    presets_set: int
    """How many presets are set."""


class PtzCall(NamedTuple):
    """One successful PTZ call, as the fake received it."""

    device: int
    channel: int
    kind: str
    """``"control"`` (PTZControlWithSpeed_Other) or ``"preset"`` (PTZPreset_Other)."""
    command: int
    argument: int
    """``dwStop`` of a control call, ``dwPresetIndex`` of a preset call."""
    speed: int
    user_id: int


class StreamControls:
    """The stream and PTZ control functions (``fake_stream_*``, ``fake_ptz_*``), typed.

    A mixin of :class:`~hcnetsdk._simcontrol.FakeSDKControl`, which calls
    :meth:`_declare_stream`.
    """

    lib: ctypes.CDLL

    def _declare_stream(self) -> None:
        ll, c_int, c_void_p = ctypes.c_longlong, ctypes.c_int, ctypes.c_void_p
        table: dict[str, tuple[object, list[object]]] = {
            "fake_stream_config": (c_int, [ll, c_int, ll, ll, c_int]),
            "fake_stream_get": (ll, [c_int, ctypes.c_char_p]),
            "fake_stream_sent": (ll, [c_int, c_void_p, ll]),
            "fake_stream_wait_done": (c_int, [c_int, c_int]),
            "fake_ptz_state": (c_int, [c_int, c_int, ctypes.POINTER(ll), c_int]),
            "fake_ptz_preset_is_set": (c_int, [c_int, c_int, c_int]),
            "fake_ptz_log_count": (ll, []),
            "fake_ptz_log": (c_int, [ll, ctypes.POINTER(ll), c_int]),
        }
        for name, (restype, argtypes) in table.items():
            function = getattr(self.lib, name)
            function.restype = restype
            function.argtypes = argtypes

    # -- streams -------------------------------------------------------------------------------
    def stream_config(
        self,
        *,
        bits_per_second: int = 2_000_000,
        packet_size: int = 8192,
        packets: int = 0,
        record_limit: int = 0,
        private_every: int = 0,
    ) -> None:
        """What streams started from now on send: ``packets`` data packets (0: no end) of
        ``packet_size`` bytes (64..65536) at ``bits_per_second`` (0: as fast as the callback
        returns), a ``NET_DVR_PRIVATE_DATA`` packet after every ``private_every`` data packets,
        and the first ``record_limit`` bytes kept for :meth:`stream_sent`. Reset restores the
        defaults shown."""
        rc = self.lib.fake_stream_config(
            bits_per_second, packet_size, packets, record_limit, private_every
        )
        if rc != 0:
            raise ValueError("stream_config: a value out of range")

    def stream_info(self, handle: int) -> dict[str, int]:
        """What the fake recorded of the stream with that RealPlay handle (kept after it
        stopped): open, running, done, packets, bytes, channel, stream_type, link_mode,
        play_wnd, blocked, user, callback, recorded. KeyError for an unknown handle."""
        keys = "open running done packets bytes channel stream_type link_mode play_wnd blocked"
        keys += " user callback recorded"
        get = self.lib.fake_stream_get
        info = {key: int(get(handle, key.encode("ascii"))) for key in keys.split()}
        if info["open"] == _NO_SUCH_KEY:
            raise KeyError(f"no stream with handle {handle}")
        return info

    def stream_sent(self, handle: int) -> bytes:
        """The bytes the stream delivered to its callback (up to ``record_limit``)."""
        size = int(self.lib.fake_stream_sent(handle, None, 0))
        if size < 0:
            raise KeyError(f"no stream with handle {handle}")
        buffer = ctypes.create_string_buffer(size)
        size = int(self.lib.fake_stream_sent(handle, buffer, size))
        return buffer.raw[:size]

    def stream_wait_done(self, handle: int, timeout: float = 10.0) -> None:
        """Wait until the stream's thread ended (every packet sent, or stopped)."""
        if self.lib.fake_stream_wait_done(handle, int(timeout * 1000)) != 0:
            raise TimeoutError(f"stream {handle} still running after {timeout} s (or unknown)")

    # -- PTZ -----------------------------------------------------------------------------------
    def ptz_state(self, device: int, channel: int) -> PtzState:
        """The simulated camera's state on ``channel`` of ``device`` (its handle)."""
        values = (ctypes.c_longlong * _STATE_FIELDS)()
        if self.lib.fake_ptz_state(device, channel, values, _STATE_FIELDS) < 0:
            return PtzState(0, 0, 0, 0, 0, 0, 0, 0)
        return PtzState(*(int(v) for v in values))

    def ptz_preset_is_set(self, device: int, channel: int, index: int) -> bool:
        """Whether preset ``index`` is set on that channel."""
        return bool(self.lib.fake_ptz_preset_is_set(device, channel, index))

    def ptz_log(self) -> list[PtzCall]:
        """The successful PTZ calls since the reset, oldest first (the last 1024)."""
        count = min(int(self.lib.fake_ptz_log_count()), 1024)
        calls = []
        values = (ctypes.c_longlong * 7)()
        for index in range(count):
            if self.lib.fake_ptz_log(index, values, 7) != 0:
                break
            device, channel, kind, command, argument, speed, user = (int(v) for v in values)
            calls.append(
                PtzCall(
                    device, channel, "preset" if kind else "control", command, argument, speed, user
                )
            )
        return calls
