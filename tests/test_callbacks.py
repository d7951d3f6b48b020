"""The callback bridge through real ctypes: the process's C callback objects are called from
threads of this test as the SDK would call them, with buffers the test overwrites afterwards.

The C simulator's own event thread is exercised end to end in ``test_events_e2e.py``.
"""

from __future__ import annotations

import ctypes
import queue
import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from _scale import repeats
from hcnetsdk import _callbacks
from hcnetsdk._callbacks import EXCEPTION_CALLBACK, MESSAGE_CALLBACK, ROUTES, RawQueue
from hcnetsdk._native.events import (
    COMM_ALARM_V30,
    COMM_ALARM_V40,
    COMM_ISAPI_ALARM,
    NET_DVR_ALARM_ISAPI_INFO,
    NET_DVR_ALARM_ISAPI_PICDATA,
    NET_DVR_ALARMER,
    NET_DVR_ALARMINFO_V30,
    NET_DVR_ALARMINFO_V40,
)
from hcnetsdk.errors import SDKClosedError
from hcnetsdk.events import AlarmEvent, ConnectionEvent, Event, EventSubscription, IsapiEvent


@pytest.fixture
def library() -> Iterator[int]:
    """A library token of its own (as install() makes one per loaded library)."""
    key = id(object())
    token = ROUTES.library_token(key)
    yield token
    with ROUTES.lock:
        ROUTES.by_user.pop(token, None)
        ROUTES.library_tokens.pop(key, None)


def _alarmer(
    user_id: int, ip: bytes = b"192.0.2.7", serial: bytes = b"DS-2CD0001"
) -> NET_DVR_ALARMER:
    alarmer = NET_DVR_ALARMER()
    alarmer.byUserIDValid = 1
    alarmer.lUserID = user_id
    alarmer.bySerialValid = 1
    alarmer.sSerialNumber[: len(serial)] = serial
    alarmer.byDeviceIPValid = 1
    alarmer.sDeviceIP[: len(ip)] = ip
    return alarmer


def _call(command: int, alarmer: ctypes.Structure | None, payload: Any, token: int) -> None:
    """Call the process's message callback as an SDK thread would, then overwrite everything."""
    MESSAGE_CALLBACK(
        command,
        ctypes.addressof(alarmer) if alarmer is not None else None,
        ctypes.addressof(payload),
        ctypes.sizeof(payload),
        token,
    )
    ctypes.memset(ctypes.addressof(payload), 0xA5, ctypes.sizeof(payload))
    if alarmer is not None:
        ctypes.memset(ctypes.addressof(alarmer), 0xA5, ctypes.sizeof(alarmer))


def _subscription(
    raw: RawQueue, stop: object = lambda: None, **kwargs: object
) -> EventSubscription:
    return EventSubscription(raw, stop, label="test", **kwargs)  # type: ignore[arg-type]


def _v30(channels: tuple[int, ...] = (1,), kind: int = 3) -> NET_DVR_ALARMINFO_V30:
    info = NET_DVR_ALARMINFO_V30()
    info.dwAlarmType = kind
    for channel in channels:
        info.byChannel[channel - 1] = 1
    return info


def test_an_alarm_v30_is_copied_routed_and_decoded(library: int) -> None:
    raw = RawQueue(10)
    ROUTES.add_user_queue(library, 5, raw)
    try:
        thread = threading.Thread(
            target=_call, args=(COMM_ALARM_V30, _alarmer(5), _v30((1, 33)), library)
        )
        thread.start()
        thread.join()
        event = _subscription(raw).get(timeout=5)
    finally:
        ROUTES.remove_user_queue(library, 5, raw)
    assert isinstance(event, AlarmEvent)
    assert (event.command, event.name) == (COMM_ALARM_V30, "COMM_ALARM_V30")
    assert (event.alarm_type, event.alarm_type_name) == (3, "motion detection")
    assert event.channels == (1, 33)  # byChannel[32] is channel 33, an NVR's first IP channel
    assert (event.sender, event.serial_number) == ("192.0.2.7", "DS-2CD0001")
    assert len(event.payload) == ctypes.sizeof(NET_DVR_ALARMINFO_V30)
    assert event.payload[:4] == (3).to_bytes(4, "little")  # the copy, not the overwritten buffer


def test_an_alarm_v40_copies_the_channel_list_it_points_to(library: int) -> None:
    raw = RawQueue(10)
    ROUTES.add_user_queue(library, 6, raw)
    channels = (ctypes.c_uint32 * 3)(2, 35, 40)
    info = NET_DVR_ALARMINFO_V40()
    header = info.struAlarmFixedHeader
    header.dwAlarmType = 2  # video loss: a channel alarm
    header.struAlarmTime.wYear, header.struAlarmTime.byMonth, header.struAlarmTime.byDay = (
        2026,
        11,
        22,
    )
    header.struAlarmTime.byHour = 6
    header.uStruAlarm.struAlarmChannel.dwAlarmChanNum = 3
    info.pAlarmData = ctypes.addressof(channels)
    try:
        _call(COMM_ALARM_V40, _alarmer(6), info, library)
        ctypes.memset(ctypes.addressof(channels), 0, ctypes.sizeof(channels))
        event = _subscription(raw).get(timeout=5)
    finally:
        ROUTES.remove_user_queue(library, 6, raw)
    assert isinstance(event, AlarmEvent)
    assert (event.alarm_type_name, event.channels) == ("video loss", (2, 35, 40))
    assert event.device_time is not None
    assert (event.device_time.year, event.device_time.hour) == (2026, 6)


def test_an_isapi_body_with_nul_bytes_and_a_picture_arrive_whole(library: int) -> None:
    raw = RawQueue(10)
    ROUTES.add_user_queue(library, 7, raw)
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<EventNotificationAlert xmlns="http://www.hikvision.com/ver20/XMLSchema">'
        b"<channelID>2</channelID><dateTime>2026-11-22T06:00:00+08:00</dateTime>"
        b"<eventType>VMD</eventType></EventNotificationAlert>\r\n"
    )
    jpeg = b"\xff\xd8\xff\xe0" + bytes(range(256)) + b"\x00\x00\xff\xd9"
    body_buf = ctypes.create_string_buffer(body, len(body))
    jpeg_buf = ctypes.create_string_buffer(jpeg, len(jpeg))
    picture = NET_DVR_ALARM_ISAPI_PICDATA()
    picture.dwPicLen = len(jpeg)
    picture.byPicType = 1
    picture.szFilename[:5] = b"1.jpg"
    picture.pPicData = ctypes.addressof(jpeg_buf)
    info = NET_DVR_ALARM_ISAPI_INFO()
    info.pAlarmData = ctypes.addressof(body_buf)
    info.dwAlarmDataLen = len(body)
    info.byDataType = 1
    info.byPicturesNumber = 1
    info.pPicPackData = ctypes.addressof(picture)
    try:
        _call(COMM_ISAPI_ALARM, _alarmer(7), info, library)
        ctypes.memset(body_buf, 0, len(body))
        ctypes.memset(jpeg_buf, 0, len(jpeg))
        event = _subscription(raw).get(timeout=5)
    finally:
        ROUTES.remove_user_queue(library, 7, raw)
    assert isinstance(event, IsapiEvent)
    assert event.body == body
    assert (event.event_type, event.channel, event.content_type) == ("VMD", 2, "xml")
    assert event.date_time == "2026-11-22T06:00:00+08:00"
    assert event.pictures[0].name == "1.jpg"
    assert event.pictures[0].data == jpeg


def test_an_isapi_body_with_nul_bytes_inside_arrives_whole(library: int) -> None:
    raw = RawQueue(10)
    ROUTES.add_user_queue(library, 14, raw)
    body = b'{"eventType":"VMD",\x00"channelID":1}\x00tail'
    body_buf = ctypes.create_string_buffer(body, len(body))
    info = NET_DVR_ALARM_ISAPI_INFO()
    info.pAlarmData = ctypes.addressof(body_buf)
    info.dwAlarmDataLen = len(body)
    info.byDataType = 2
    try:
        _call(COMM_ISAPI_ALARM, _alarmer(14), info, library)
        event = _subscription(raw).get(timeout=5)
    finally:
        ROUTES.remove_user_queue(library, 14, raw)
    assert isinstance(event, IsapiEvent)
    assert event.body == body  # c_char_p would have stopped at the first NUL
    assert (event.content_type, event.data) == ("json", None)  # not JSON: kept raw, no error


def test_an_unknown_command_is_a_plain_event_with_its_bytes(library: int) -> None:
    raw = RawQueue(10)
    ROUTES.add_user_queue(library, 8, raw)
    payload = (ctypes.c_ubyte * 8)(*b"\x00raw\x00\xffok")
    try:
        _call(0x7123, _alarmer(8), payload, library)
        event = _subscription(raw).get(timeout=5)
    finally:
        ROUTES.remove_user_queue(library, 8, raw)
    assert type(event) is Event
    assert (event.name, event.payload) == ("0x7123", b"\x00raw\x00\xffok")


def test_connection_changes_come_from_the_exception_callback(library: int) -> None:
    raw = RawQueue(10)
    ROUTES.add_user_queue(library, 9, raw)
    try:
        EXCEPTION_CALLBACK(0x8002, 9, 4, library)
        EXCEPTION_CALLBACK(0x8016, 9, 4, library)
        EXCEPTION_CALLBACK(0x8002, 10, 4, library)  # another device: not routed here
        subscription = _subscription(raw)
        lost, restored = subscription.get(timeout=5), subscription.get(timeout=5)
        with pytest.raises(queue.Empty):
            subscription.get(timeout=0.05)
    finally:
        ROUTES.remove_user_queue(library, 9, raw)
    assert isinstance(lost, ConnectionEvent)
    assert (lost.name, lost.description, lost.handle) == (
        "EXCEPTION_ALARM",
        "the alarm channel was lost",
        4,
    )
    assert isinstance(restored, ConnectionEvent)
    assert restored.name == "ALARM_RECONNECTSUCCESS"


def test_twenty_devices_each_get_only_their_own_events(library: int) -> None:
    queues = {user: RawQueue(1000) for user in range(100, 120)}
    for user, raw in queues.items():
        ROUTES.add_user_queue(library, user, raw)

    def burst(user: int) -> None:
        for channel in range(1, 51):
            _call(COMM_ALARM_V30, _alarmer(user), _v30((channel,)), library)

    try:
        threads = [threading.Thread(target=burst, args=(user,)) for user in queues]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for user, raw in queues.items():
            ROUTES.remove_user_queue(library, user, raw)
    for user, raw in queues.items():
        sub = _subscription(raw)
        events = [sub.get(timeout=1) for _ in range(50)]
        assert all(isinstance(e, AlarmEvent) and e.channels for e in events)
        assert [e.channels[0] for e in events if isinstance(e, AlarmEvent)] == list(range(1, 51))
        assert len(raw) == 0, user


def test_a_full_queue_drops_and_counts(library: int) -> None:
    raw = RawQueue(3)
    ROUTES.add_user_queue(library, 11, raw)
    try:
        for _ in range(10):
            _call(COMM_ALARM_V30, _alarmer(11), _v30(), library)
    finally:
        ROUTES.remove_user_queue(library, 11, raw)
    sub = _subscription(raw)
    assert (sub.received, sub.dropped) == (3, 7)


def test_unrouted_messages_are_counted_not_delivered(library: int) -> None:
    before = _callbacks.STATS.unrouted
    _call(COMM_ALARM_V30, _alarmer(4242), _v30(), library)
    _call(COMM_ALARM_V30, None, _v30(), library)  # no alarmer at all
    assert _callbacks.STATS.unrouted == before + 2


def test_a_failure_inside_the_trampoline_reaches_the_consumer(library: int) -> None:
    raw = RawQueue(10)
    ROUTES.add_user_queue(library, 12, raw)
    info = NET_DVR_ALARM_ISAPI_INFO()
    info.pAlarmData = 1  # a length far beyond what is trusted: the copy is refused
    info.dwAlarmDataLen = 0xFFFFFFFF
    try:
        _call(COMM_ISAPI_ALARM, _alarmer(12), info, library)  # returns normally to "C"
    finally:
        ROUTES.remove_user_queue(library, 12, raw)
    with pytest.raises(ValueError, match="buffer of 4294967295 bytes"):
        _subscription(raw).get(timeout=5)


def test_on_event_runs_on_its_own_thread_and_its_exception_is_reraised(library: int) -> None:
    raw = RawQueue(10)
    seen: list[tuple[str, int]] = []
    stopped: list[bool] = []

    def on_event(event: Event) -> None:
        seen.append((threading.current_thread().name, event.command))
        if len(seen) == 2:
            raise KeyError("consumer bug")

    sub = _subscription(raw, stop=lambda: stopped.append(True), on_event=on_event)

    class Owner:
        def add_resource(self, r: object) -> None: ...
        def remove_resource(self, r: object) -> None: ...

    sub._start(Owner())
    ROUTES.add_user_queue(library, 13, raw)
    try:
        for _ in range(3):
            _call(COMM_ALARM_V30, _alarmer(13), _v30(), library)
        assert sub._thread is not None
        sub._thread.join(5)
    finally:
        ROUTES.remove_user_queue(library, 13, raw)
    assert [name for name, _ in seen] == ["hcnetsdk-events test"] * 2
    assert stopped == [True]  # the failure stopped the subscription (delivery off)
    assert sub.closed
    with pytest.raises(KeyError, match="consumer bug"):
        sub.close()
    sub.close()  # raised once


def test_close_during_a_burst_delivers_nothing_afterwards(library: int) -> None:
    for round_ in range(repeats(1000)):
        raw = RawQueue(100_000)
        user = 5000 + round_
        ROUTES.add_user_queue(library, user, raw)
        sub = _subscription(raw, stop=lambda u=user, r=raw: ROUTES.remove_user_queue(library, u, r))
        go = threading.Event()

        def burst(u: int = user, go: threading.Event = go) -> None:
            go.set()
            for _ in range(20):
                _call(COMM_ALARM_V30, _alarmer(u), _v30(), library)

        thread = threading.Thread(target=burst)
        thread.start()
        go.wait(5)
        sub.close()
        after = raw.received
        thread.join()
        assert raw.received == after  # nothing accepted after close returned
        assert len(raw) == 0
        with pytest.raises(SDKClosedError):
            sub.get(timeout=0)
        assert list(sub) == []


def test_a_busy_consumer_lets_a_batch_gather_instead_of_being_woken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a get that found an item, an empty queue makes the consumer sleep ``linger`` (the
    producer queues without waking anyone) before it blocks; a quiet queue blocks at once."""
    from hcnetsdk import _queues

    raw: RawQueue = _queues.EventQueue(10, linger=0.25)
    slept: list[float] = []

    def sleep(seconds: float) -> None:  # the producer's batch arrives while the consumer sleeps
        slept.append(seconds)
        raw.put("b")  # type: ignore[arg-type]
        raw.put("c")  # type: ignore[arg-type]

    monkeypatch.setattr(_queues, "time", SimpleNamespace(sleep=sleep, monotonic=time.monotonic))
    assert raw.get(timeout=1) is None  # quiet: no sleep, just the wait
    assert slept == []
    raw.put("a")  # type: ignore[arg-type]
    assert raw.get(timeout=1) == "a"  # type: ignore[comparison-overlap]
    assert raw.get(timeout=1) == "b"  # type: ignore[comparison-overlap]  # empty after an item: slept once, the batch was there
    assert slept == [0.25]
    assert raw.get(timeout=1) == "c"  # type: ignore[comparison-overlap]
    assert raw.get(timeout=0.1) is None  # a timeout shorter than linger is never overslept
    assert slept == [0.25]  # 0.1 s < linger: it waited instead of sleeping


def test_linger_never_delays_past_the_timeout_or_close() -> None:
    from hcnetsdk import _queues

    raw: RawQueue = _queues.EventQueue(10, linger=5.0)
    raw.put("a")  # type: ignore[arg-type]
    assert raw.get(timeout=1) == "a"  # type: ignore[comparison-overlap]
    closer = threading.Timer(0.05, raw.close)
    closer.start()
    assert raw.get(timeout=1) is None  # busy, but 1 s < linger: blocks and is woken by close
    closer.join()
    assert raw.closed
