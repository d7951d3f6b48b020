"""Recording search end to end: ``Device.recordings`` over the C simulator through real ctypes.

The fake's index (hcnetsdk._simplayback): one file an hour, none from 03:00 to 05:00, 08:00
locked, 10:00 motion, 20:00 alarm; "still searching" ``search_polls`` times before each search's
first answer.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk import playback
from hcnetsdk._native import playback as pb
from hcnetsdk._process import forget_init
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk.errors import HCNetSDKError, SDKClosedError

NVR = ("127.0.0.1", 8000)
DAY = dt.datetime(2024, 3, 10)
EPOCH = dt.datetime(1970, 1, 1)


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[hcnetsdk.HCNetSDK]:
    with hcnetsdk.HCNetSDK(str(fake_sdk_path)) as instance:
        yield instance
    assert forget_init(ctypes.CDLL(str(fake_sdk_path))) == 0


@pytest.fixture
def device(sdk: hcnetsdk.HCNetSDK) -> hcnetsdk.Device:
    return sdk.login(*NVR, username="admin", password="12345")


def _wall(value: dt.datetime) -> int:
    return int((value - EPOCH).total_seconds())


def test_a_day_of_recordings_across_the_still_searching_state(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.playback_set(search_polls=4, record_bps=10)
    found = list(device.recordings(33, DAY, DAY + dt.timedelta(days=1)))
    assert [r.start.hour for r in found] == [h for h in range(24) if h not in (3, 4)]
    first = found[0]
    assert first == hcnetsdk.Recording(
        name="ch0033_20240310000000",
        channel=33,
        start=DAY,
        end=DAY + dt.timedelta(hours=1),
        size=36000,
        kind="timed",
        locked=False,
    )
    assert first.duration == dt.timedelta(hours=1)
    assert [r.start.hour for r in found if r.locked] == [8]
    assert {r.start.hour: r.kind for r in found if r.kind != "timed"} == {10: "motion", 20: "alarm"}
    # 4 x "still searching", 22 files, then "no more files": 27 calls, the handle closed once
    assert fake_control.get_int("calls:NET_DVR_FindNextFile_V40") == 27
    assert fake_control.get_int("calls:NET_DVR_FindClose_V30") == 1
    assert fake_control.get_int("open_searches") == 0
    assert fake_control.get_int("last_find_channel") == 33
    assert fake_control.get_int("last_find_type") == 0xFF
    assert fake_control.get_int("last_find_locked") == 0xFF


def test_nothing_recorded_is_an_empty_search(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    gap = DAY.replace(hour=3)
    assert list(device.recordings(34, gap, gap + dt.timedelta(hours=2))) == []
    assert fake_control.get_int("open_searches") == 0


def test_kind_and_locked_filters_reach_the_sdk(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    week = DAY + dt.timedelta(days=7)
    motion = list(device.recordings(33, DAY, week, kind="motion"))
    assert [(r.start.day, r.start.hour, r.kind) for r in motion] == [
        (day, 10, "motion") for day in range(10, 17)
    ]
    assert fake_control.get_int("last_find_type") == 1
    locked = list(device.recordings(33, DAY, week, locked=True))
    assert {r.start.hour for r in locked} == {8}
    assert len(locked) == 7
    assert fake_control.get_int("last_find_locked") == 1
    assert len(list(device.recordings(33, DAY, DAY.replace(hour=12), locked=False))) == 9


def test_stopping_early_closes_the_search_handle(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    for index, _recording in enumerate(device.recordings(33, DAY, DAY + dt.timedelta(days=30))):
        assert fake_control.get_int("open_searches") == 1
        if index == 1:
            break
    gc.collect()  # a plain `break` leaves the generator to the garbage collector
    assert fake_control.get_int("open_searches") == 0
    assert fake_control.get_int("calls:NET_DVR_FindClose_V30") == 1

    results = device.recordings(33, DAY, DAY + dt.timedelta(days=30))
    next(results)
    results.close()  # explicitly
    assert fake_control.get_int("open_searches") == 0

    def consume() -> None:
        for _recording in device.recordings(33, DAY, DAY + dt.timedelta(days=30)):
            raise ZeroDivisionError  # the caller's own exception

    with pytest.raises(ZeroDivisionError):
        consume()
    gc.collect()
    assert fake_control.get_int("open_searches") == 0
    assert fake_control.get_int("calls:NET_DVR_FindClose_V30") == 3


def test_the_search_starts_at_the_first_next(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    results = device.recordings(33, DAY, DAY + dt.timedelta(days=1))
    assert fake_control.get_int("calls:NET_DVR_FindFile_V40") == 0
    results.close()
    assert fake_control.get_int("calls:NET_DVR_FindFile_V40") == 0


def test_the_exception_status_raises_and_closes(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.playback_set(search_exception_after=3)
    seen: list[hcnetsdk.Recording] = []
    with pytest.raises(hcnetsdk.RecordingSearchError, match="NET_DVR_FILE_EXCEPTION") as info:
        seen.extend(device.recordings(33, DAY, DAY + dt.timedelta(days=1)))
    assert info.value.status == pb.NET_DVR_FILE_EXCEPTION
    assert not isinstance(info.value, HCNetSDKError)  # 1004 is a status, not an ability error
    assert len(seen) == 3
    assert fake_control.get_int("open_searches") == 0


def test_a_failing_find_raises_the_sdk_code(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.fail_next("NET_DVR_FindFile_V40", 10)
    with pytest.raises(HCNetSDKError) as info:
        list(device.recordings(33, DAY, DAY + dt.timedelta(days=1)))
    assert (info.value.code, info.value.function) == (10, "NET_DVR_FindFile_V40")
    fake_control.fail_next("NET_DVR_FindNextFile_V40", 9)
    with pytest.raises(HCNetSDKError) as info:
        list(device.recordings(33, DAY, DAY + dt.timedelta(days=1)))
    assert info.value.code == 9
    assert fake_control.get_int("open_searches") == 0


def test_still_searching_past_the_timeout(
    sdk: hcnetsdk.HCNetSDK, device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.playback_set(search_polls=1000)
    started = time.monotonic()
    with pytest.raises(hcnetsdk.RecordingSearchError, match="still searching") as info:
        list(
            playback.recordings(
                device._session, device.info, 33, DAY, DAY.replace(hour=2), timeout=0.3
            )
        )
    assert info.value.status is None
    assert 0.25 < time.monotonic() - started < 5
    assert fake_control.get_int("open_searches") == 0


def test_naive_times_are_the_devices_clock(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    start, end = DAY.replace(hour=6), DAY.replace(hour=9, minute=30)
    found = list(device.recordings(35, start, end))
    assert (fake_control.get_int("last_find_from"), fake_control.get_int("last_find_to")) == (
        _wall(start),
        _wall(end),
    )
    assert [r.start.hour for r in found] == [6, 7, 8, 9]
    assert all(r.start.tzinfo is None for r in found)


def test_aware_times_are_converted_to_tz(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    device_zone = dt.timezone(dt.timedelta(hours=5, minutes=30))
    start = dt.datetime(2024, 3, 10, 0, 30, tzinfo=dt.timezone.utc)  # 06:00 on the device
    found = list(device.recordings(33, start, start + dt.timedelta(hours=2), tz=device_zone))
    assert fake_control.get_int("last_find_from") == _wall(DAY.replace(hour=6))
    assert found[0].start == dt.datetime(2024, 3, 10, 6, tzinfo=device_zone)
    assert found[0].start.tzinfo is device_zone
    assert found[0].start == dt.datetime(2024, 3, 10, 0, 30, tzinfo=dt.timezone.utc)


def test_aware_times_without_tz_use_the_local_zone(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC-09:00")  # POSIX: nine hours east of UTC
    time.tzset()
    try:
        start = dt.datetime(2024, 3, 9, 21, tzinfo=dt.timezone.utc)
        list(device.recordings(33, start, start + dt.timedelta(hours=1)))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert fake_control.get_int("last_find_from") == _wall(DAY.replace(hour=6))


@pytest.mark.parametrize(
    ("channel", "error", "match"),
    [
        (3, ValueError, r"channel 3 does not exist \(the device's channels: 33-40\)"),
        (41, ValueError, "channel 41 does not exist"),
        ("33", TypeError, "channel must be an int"),
        (None, TypeError, "channel is required"),
    ],
)
def test_bad_channels_are_refused_before_the_sdk(
    device: hcnetsdk.Device,
    fake_control: FakeSDKControl,
    channel: object,
    error: type[Exception],
    match: str,
) -> None:
    with pytest.raises(error, match=match):
        device.recordings(channel, DAY, DAY + dt.timedelta(days=1))  # type: ignore[arg-type]
    assert fake_control.get_int("calls:NET_DVR_FindFile_V40") == 0


@pytest.mark.parametrize(
    "case",
    [
        (DAY, DAY, {}, ValueError, "must be before end"),
        (DAY, DAY - dt.timedelta(seconds=1), {}, ValueError, "must be before end"),
        (DAY.replace(microsecond=5), DAY.replace(hour=1), {}, ValueError, "microseconds"),
        (dt.datetime(1969, 12, 31), DAY, {}, ValueError, "outside the range"),
        (DAY, dt.datetime(2038, 1, 1), {}, ValueError, "outside the range"),
        ("2024-03-10", DAY, {}, TypeError, "start must be a datetime"),
        (DAY, dt.date(2024, 3, 11), {}, TypeError, "end must be a datetime"),
        (DAY, DAY.replace(hour=1), {"kind": "sneaky"}, ValueError, "unknown recording kind"),
        (DAY, DAY.replace(hour=1), {"kind": 1}, TypeError, "kind must be a str"),
        (DAY, DAY.replace(hour=1), {"locked": 1}, TypeError, "locked must be"),
        (DAY, DAY.replace(hour=1), {"tz": "UTC"}, TypeError, "tz must be a datetime.tzinfo"),
    ],
)
def test_bad_ranges_are_refused_before_the_sdk(
    device: hcnetsdk.Device,
    fake_control: FakeSDKControl,
    case: tuple[object, object, dict[str, object], type[Exception], str],
) -> None:
    start, end, kwargs, error, match = case
    with pytest.raises(error, match=match):
        device.recordings(33, start, end, **kwargs)  # type: ignore[arg-type]
    assert fake_control.get_int("calls:NET_DVR_FindFile_V40") == 0


def test_logout_closes_a_search_in_progress(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    results = device.recordings(33, DAY, DAY + dt.timedelta(days=2))
    next(results)
    assert fake_control.get_int("open_searches") == 1
    device.logout()
    assert fake_control.get_int("open_searches") == 0
    with pytest.raises(SDKClosedError):
        next(results)
    results.close()
    assert fake_control.get_int("calls:NET_DVR_FindClose_V30") == 1
    with pytest.raises(SDKClosedError):
        device.recordings(33, DAY, DAY + dt.timedelta(days=1))


def test_the_structs_match_the_fakes_compiled_layout(fake_control: FakeSDKControl) -> None:
    for struct in (pb.NET_DVR_FILECOND_V40, pb.NET_DVR_FINDDATA_V40, pb.NET_DVR_PLAYCOND):
        name = struct.__name__
        assert fake_control.playback_sizeof(name) == ctypes.sizeof(struct), name
        for field, *_ in struct._fields_:
            offset = getattr(struct, field).offset
            assert fake_control.playback_offsetof(name, field) == offset, f"{name}.{field}"
    assert fake_control.playback_sizeof("NET_DVR_TIME") == 24
    with pytest.raises(KeyError):
        fake_control.playback_sizeof("NET_DVR_NOPE")
