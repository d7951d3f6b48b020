"""Scripting the simulated HCNetSDK's recordings and downloads: the playback part of
:class:`~hcnetsdk._simcontrol.FakeSDKControl`.

The fake's recording index is a rule, the same for every channel and day (device wall clock):
one file an hour, a gap from 03:00 to 05:00, the 08:00 file locked, 10:00 a motion and 20:00 an
alarm recording, the others timed. A device given its own index (:meth:`~PlaybackControls.
playback_add_file`, :meth:`~PlaybackControls.playback_own_index`) answers from its files
instead: the overlapping files of the channel searched, in order of start; a download writes the
seconds they cover. A search answers "still searching" ``search_polls`` times
first. A download writes ``record_bps`` bytes per recorded second, at ``rate`` bytes per second,
from a thread of the fake; with ``abort_at`` it ends abnormally (position 200) at that percent.
See ``stubs/README.md``, "Playback".
"""

from __future__ import annotations

import ctypes
import datetime as dt

__all__ = ["GAP_HOURS", "LOCKED_HOUR", "MAX_FILES", "MAX_FILE_SECONDS", "PlaybackControls"]

GAP_HOURS = (3, 4)
"""Hours of every day the fake has no recording for."""
LOCKED_HOUR = 8
"""The hour whose file is locked."""
MAX_FILES = 4096
"""Files of the devices' own indexes the fake holds, all devices together (``PB_MAX_FILES``)."""
MAX_FILE_SECONDS = 86400
"""The longest file of an own index (``PB_MAX_FILE_SECONDS``)."""

# fake_hcnetsdk.h's FAKE_ERR_ codes that fake_playback_add_file and _content return
_NO_DEVICE, _FULL, _EXISTS, _NO_CHANNEL = -1, -6, -7, -8

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
            ctypes.c_int,
            ctypes.POINTER(_Time),
            ctypes.POINTER(_Time),
            ctypes.c_void_p,
            ctypes.c_longlong,
        ]
        lib.fake_playback_add_file.restype = ctypes.c_int
        lib.fake_playback_add_file.argtypes = [
            ctypes.c_int,
            ctypes.c_int,
            ctypes.POINTER(_Time),
            ctypes.POINTER(_Time),
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_char_p,
        ]
        lib.fake_playback_own_index.restype = ctypes.c_int
        lib.fake_playback_own_index.argtypes = [ctypes.c_int, ctypes.c_int]
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

    def recording_bytes(
        self, channel: int, start: dt.datetime, end: dt.datetime, *, device: int | None = None
    ) -> bytes:
        """What a download of ``channel`` over [start, end) (naive device times) writes: on
        ``device`` (its own index, or the rule), or by the rule when None."""
        first, last = _time(start), _time(end)
        dev = -1 if device is None else device
        size = int(self.lib.fake_playback_content(dev, channel, first, last, None, 0))
        if size == _NO_DEVICE:
            raise ValueError(f"no device with handle {device}")
        if size < 0:
            raise ValueError(f"bad range {start} .. {end}")
        buffer = ctypes.create_string_buffer(max(size, 1))
        self.lib.fake_playback_content(dev, channel, first, last, buffer, size)
        return buffer.raw[:size]

    def playback_add_file(
        self,
        dev: int,
        channel: int,
        start: dt.datetime,
        end: dt.datetime,
        *,
        file_type: int,
        locked: bool,
        name: bytes,
    ) -> None:
        """Add a file to device ``dev``'s own index (which it answers from from now on):
        ``channel`` over [start, end) (naive device times, at most a day), ``file_type`` the
        ``byFileType`` (0..255), ``name`` 1..99 bytes, unique on the device. ValueError names
        what the fake refused."""
        rc = int(
            self.lib.fake_playback_add_file(
                dev, channel, _time(start), _time(end), file_type, int(locked), name
            )
        )
        if rc == 0:
            return
        reasons = {
            _NO_DEVICE: f"no device with handle {dev}",
            _NO_CHANNEL: f"the device has no channel {channel}",
            _EXISTS: f"the device has a file named {name!r} already",
            _FULL: f"the site holds {MAX_FILES} files already",
        }
        raise ValueError(
            reasons.get(
                rc,
                f"bad file {start} .. {end}: the range must be valid and at most a day long, the "
                "type 0..255 and the name 1..99 bytes",
            )
        )

    def playback_own_index(self, dev: int, own: bool) -> None:
        """Forget device ``dev``'s files; ``own``: it keeps an own index (empty: no recording),
        else it answers by the rule again."""
        if self.lib.fake_playback_own_index(dev, int(own)) != 0:
            raise ValueError(f"no device with handle {dev}")

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
