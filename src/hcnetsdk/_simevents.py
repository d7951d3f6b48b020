"""Scripting the simulated HCNetSDK's events: the event part of :class:`FakeSDKControl`.

The fake raises events from a thread of its own, as the real SDK does: each ``push_*`` method
queues one and returns at once; the fake's event thread then calls the message callback
(``NET_DVR_SetDVRMessageCallBack_V50`` index 0) once per open alarm channel
(``NET_DVR_SetupAlarmChan_V50``) of that user id, or the exception callback
(``NET_DVR_SetExceptionCallBack_V30``). :meth:`EventControls.events_wait_idle` waits until
everything queued was delivered. See ``stubs/README.md``, "Events", for the payloads.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable

__all__ = ["FILL_BYTE", "ISAPI_JSON", "ISAPI_XML", "EventControls"]

FILL_BYTE = 0xA5
"""What a payload and its ``NET_DVR_ALARMER`` read after their callback returned."""
ISAPI_XML = 1
ISAPI_JSON = 2

_UINT_MAX = 2**32 - 1
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def _uints(values: Iterable[int], what: str) -> ctypes.Array[ctypes.c_uint]:
    items = [int(v) for v in values]
    if any(not 0 <= v <= _UINT_MAX for v in items):
        raise ValueError(f"{what} must be 0..{_UINT_MAX}: {items}")
    return (ctypes.c_uint * len(items))(*items)


class EventControls:
    """The events control functions (``fake_push_*``, ``fake_event_rate`` ...), typed.

    A mixin of :class:`~hcnetsdk._simcontrol.FakeSDKControl`, which calls :meth:`_declare_events`.
    User ids are 0..2047; anything the fake refuses raises ValueError.
    """

    lib: ctypes.CDLL

    def _declare_events(self) -> None:
        c_int, c_uint, c_void_p = ctypes.c_int, ctypes.c_uint, ctypes.c_void_p
        table: dict[str, list[object]] = {
            "fake_push_alarm_v30": [c_int, c_uint, c_uint, c_void_p, c_int],
            "fake_push_alarm_v40": [c_int, c_uint, c_void_p, c_int],
            "fake_push_alarm_v40_io": [c_int, c_uint, c_void_p, c_int, c_void_p, c_int],
            "fake_push_isapi": [c_int, c_void_p, c_int, c_int, c_void_p, c_int, ctypes.c_char_p],
            "fake_push_raw": [c_int, c_int, c_void_p, c_int],
            "fake_push_exception": [c_int, c_uint],
            "fake_drop_connection": [c_int],
            "fake_restore_connection": [c_int],
            "fake_event_rate": [c_int, c_int, c_int],
            "fake_events_wait_idle": [c_int],
        }
        for name, argtypes in table.items():
            function = getattr(self.lib, name)
            function.restype = c_int
            function.argtypes = argtypes

    @staticmethod
    def _event_check(rc: int, what: str) -> None:
        if rc == 0:
            return
        if rc == -5:
            raise RuntimeError(f"{what}: the fake's event queue is full (100000 events)")
        if rc == -6:
            raise MemoryError(f"{what}: the fake is out of memory or cannot start its thread")
        raise ValueError(f"{what}: refused by the fake (user id 0..2047, lengths, values)")

    # -- alarms --------------------------------------------------------------------------------
    def push_alarm_v30(
        self,
        user_id: int,
        alarm_type: int,
        channels: Iterable[int] = (),
        *,
        alarm_input: int = 0,
    ) -> None:
        """A ``COMM_ALARM_V30`` alarm (``NET_DVR_ALARMINFO_V30``, 268 bytes).

        ``channels`` are 1-based numbers, set as flags at index n-1 of the array the header uses
        for ``alarm_type``: ``byChannel`` (1..64; e.g. 3 motion), ``byAlarmRelateChannel`` for
        type 0 (signal alarm; 1..64), ``byDiskNumber`` for types 1, 4, 5 (disks 1..33).
        """
        items = [int(c) for c in channels]
        if any(not 1 <= c <= 255 for c in items):
            raise ValueError(f"channel numbers must be 1..64 (disks 1..33): {items}")
        array = (ctypes.c_ubyte * len(items))(*items)
        rc: int = self.lib.fake_push_alarm_v30(user_id, alarm_type, alarm_input, array, len(items))
        self._event_check(rc, "push_alarm_v30")

    def push_alarm_v40(self, user_id: int, alarm_type: int, channels: Iterable[int] = ()) -> None:
        """A ``COMM_ALARM_V40`` alarm (``NET_DVR_ALARMINFO_V40``): the fixed header (type, local
        time now) and ``pAlarmData`` -> the DWORD list, counted in the union member the header
        uses for ``alarm_type``: ``struAlarmChannel`` (channels), ``struAlarmHardDisk`` for
        types 1, 4, 5 (disks), ``struIOAlarm`` for type 0 (recording channels; see
        :meth:`push_alarm_v40_io`)."""
        array = _uints(channels, "channels")
        rc: int = self.lib.fake_push_alarm_v40(user_id, alarm_type, array, len(array))
        self._event_check(rc, "push_alarm_v40")

    def push_alarm_v40_io(
        self,
        user_id: int,
        alarm_input: int,
        outputs: Iterable[int] = (),
        channels: Iterable[int] = (),
    ) -> None:
        """A ``COMM_ALARM_V40`` signal alarm (type 0): ``struIOAlarm`` with the alarm input and
        the counts; ``pAlarmData`` -> the alarm outputs, then the recording channels."""
        out, chans = _uints(outputs, "outputs"), _uints(channels, "channels")
        rc: int = self.lib.fake_push_alarm_v40_io(
            user_id, alarm_input, out, len(out), chans, len(chans)
        )
        self._event_check(rc, "push_alarm_v40_io")

    def push_isapi(
        self,
        user_id: int,
        body: bytes | str,
        *,
        data_type: int = ISAPI_XML,
        picture: bytes | None = None,
        picture_name: str = "",
    ) -> None:
        """A ``COMM_ISAPI_ALARM`` (``NET_DVR_ALARM_ISAPI_INFO``): the body by length (NUL bytes
        kept), ``data_type`` 1 XML or 2 JSON, and optionally one JPEG picture
        (``NET_DVR_ALARM_ISAPI_PICDATA``, file name at most 255 bytes)."""
        data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        name = picture_name.encode("utf-8")
        pic = None if picture is None else bytes(picture)
        rc: int = self.lib.fake_push_isapi(
            user_id, data, len(data), data_type, pic, 0 if pic is None else len(pic), name
        )
        self._event_check(rc, "push_isapi")

    def push_raw(self, user_id: int, command: int, payload: bytes = b"") -> None:
        """Any ``lCommand`` with an opaque payload (``dwBufLen`` = its length; b"": NULL, 0)."""
        if not _INT_MIN <= command <= _INT_MAX:
            raise ValueError(f"command must fit a LONG: {command}")
        data = bytes(payload)
        rc: int = self.lib.fake_push_raw(user_id, command, data, len(data))
        self._event_check(rc, "push_raw")

    # -- exceptions and connections --------------------------------------------------------------
    def push_exception(self, user_id: int, exception_type: int) -> None:
        """The exception callback gets (type, user id, the user's lowest open alarm handle or -1,
        its pUser)."""
        self._event_check(self.lib.fake_push_exception(user_id, exception_type), "push_exception")

    def drop_connection(self, user_id: int) -> None:
        """The device's connection drops: ``EXCEPTION_ALARM`` (0x8002), then its alarms are not
        delivered (counted in ``events_dropped_offline``) until :meth:`restore_connection`."""
        self._event_check(self.lib.fake_drop_connection(user_id), "drop_connection")

    def restore_connection(self, user_id: int) -> None:
        """The connection is back: ``ALARM_RECONNECTSUCCESS`` (0x8016); alarms flow again."""
        self._event_check(self.lib.fake_restore_connection(user_id), "restore_connection")

    # -- load and synchronisation --------------------------------------------------------------
    def event_rate(self, user_id: int, count: int, per_second: int = 0) -> None:
        """``count`` small ``COMM_ALARM_V30`` motion alarms (type 3, channel 1, the sequence
        number 0.. in ``dwAlarmInputNumber``) at ``per_second`` (0: as fast as possible), from
        the event thread."""
        self._event_check(self.lib.fake_event_rate(user_id, count, per_second), "event_rate")

    def events_wait_idle(self, timeout: float | None = 10.0) -> None:
        """Wait until every queued event was delivered and no callback runs (listeners too).

        Raises TimeoutError after ``timeout`` seconds (None: no limit), and at once when called
        from inside one of the fake's callbacks (it cannot become idle while that one runs).
        """
        ms = -1 if timeout is None else max(0, int(timeout * 1000))
        if self.lib.fake_events_wait_idle(ms) != 0:
            raise TimeoutError(f"the fake's events did not settle within {timeout} s")

    def listen_port(self, handle: int) -> int | None:
        """The port a running listener (``NET_DVR_StartListen_V30`` handle) is bound to; None
        if that handle does not listen. Port 0 binds an ephemeral port: this finds it."""
        value: int = self.lib.fake_get_int(f"listen_port:{int(handle)}".encode("ascii"))
        return None if value < 0 else value
