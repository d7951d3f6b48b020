"""Scripting the simulated HCNetSDK's recordings and downloads: the playback part of
:class:`~hcnetsdk._simcontrol.FakeSDKControl`.

The fake's recording index is a rule, the same for every channel and day (device wall clock):
one file an hour, a gap from 03:00 to 05:00, the 08:00 file locked, 10:00 a motion and 20:00 an
alarm recording, the others timed. A search answers "still searching" ``search_polls`` times
first. A download writes ``record_bps`` bytes per recorded second, at ``rate`` bytes per second,
from a thread of the fake; with ``abort_at`` it ends abnormally (position 200) at that percent.
See ``stubs/README.md``, "Playback".
"""

from __future__ import annotations

import ctypes
import datetime as dt

__all__ = ["GAP_HOURS", "LOCKED_HOUR", "PlaybackControls"]

GAP_HOURS = (3, 4)
"""Hours of every day the fake has no recording for."""
LOCKED_HOUR = 8
"""The hour whose file is locked."""

_SETTINGS = (
    "search_polls",
    "record_bps",
    "rate",
    "chunk_ms",
    "abort_at",
    "search_exception_after",
)


class _Time(ctypes.Structure):
    _fields_ = tuple((name, ctypes.c_uint32) for name in ("y", "mo", "d", "h", "mi", "s"))


def _time(value: dt.datetime) -> _Time:
    return _Time(value.year, value.month, value.day, value.hour, value.minute, value.second)


class PlaybackControls:
    """The playback control functions (``fake_playback_*``), typed.

    A mixin of :class:`~hcnetsdk._simcontrol.FakeSDKControl`, which calls
    :meth:`_declare_playback`.
    """

    lib: ctypes.CDLL

    def _declare_playback(self) -> None:
        lib = self.lib
        lib.fake_playback_set.restype = ctypes.c_int
        lib.fake_playback_set.argtypes = [ctypes.c_char_p, ctypes.c_longlong]
        lib.fake_playback_content.restype = ctypes.c_longlong
        lib.fake_playback_content.argtypes = [
            ctypes.c_int,
            ctypes.POINTER(_Time),
            ctypes.POINTER(_Time),
            ctypes.c_void_p,
            ctypes.c_longlong,
        ]
        lib.fake_playback_sizeof.restype = ctypes.c_int
        lib.fake_playback_sizeof.argtypes = [ctypes.c_char_p]
        lib.fake_playback_offsetof.restype = ctypes.c_int
        lib.fake_playback_offsetof.argtypes = [ctypes.c_char_p, ctypes.c_char_p]

    def playback_set(self, **settings: int) -> None:
        """Set playback behaviour: ``search_polls`` (0..), ``record_bps`` (1..1000000),
        ``rate`` (bytes/s, 1..1e9), ``chunk_ms`` (1..1000), ``abort_at`` (-1 off, 0..99),
        ``search_exception_after`` (-1 off, or files before NET_DVR_FILE_EXCEPTION)."""
        for key, value in settings.items():
            if key not in _SETTINGS:
                raise KeyError(f"unknown playback setting {key!r}: one of {', '.join(_SETTINGS)}")
            rc = self.lib.fake_playback_set(key.encode("ascii"), int(value))
            if rc != 0:
                raise ValueError(f"playback setting {key}={value!r} is out of range")

    def recording_bytes(self, channel: int, start: dt.datetime, end: dt.datetime) -> bytes:
        """What a download of ``channel`` over [start, end) (naive device times) writes."""
        first, last = _time(start), _time(end)
        size = int(self.lib.fake_playback_content(channel, first, last, None, 0))
        if size < 0:
            raise ValueError(f"bad range {start} .. {end}")
        buffer = ctypes.create_string_buffer(max(size, 1))
        self.lib.fake_playback_content(channel, first, last, buffer, size)
        return buffer.raw[:size]

    def playback_sizeof(self, struct_name: str) -> int:
        """``sizeof`` of a playback struct as the fake was compiled; KeyError if unknown."""
        size = int(self.lib.fake_playback_sizeof(struct_name.encode("ascii")))
        if size < 0:
            raise KeyError(struct_name)
        return size

    def playback_offsetof(self, struct_name: str, field: str) -> int:
        """``offsetof`` of a playback struct's field as compiled; KeyError if unknown."""
        offset = int(
            self.lib.fake_playback_offsetof(struct_name.encode("ascii"), field.encode("ascii"))
        )
        if offset < 0:
            raise KeyError(f"{struct_name}.{field}")
        return offset
