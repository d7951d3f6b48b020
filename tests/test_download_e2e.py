"""Downloads end to end: ``Device.download`` over the C simulator through real ctypes.

The fake's download thread writes the file named in the call (as the real SDK does) with
deterministic bytes (``FakeSDKControl.recording_bytes``), at a set rate, and can end abnormally
(position 200) at a set percent.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk._process import forget_init
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk.errors import HCNetSDKError, SDKClosedError

NVR = ("127.0.0.1", 8000)
DAY = dt.datetime(2024, 3, 10)


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[hcnetsdk.HCNetSDK]:
    fake_control.playback_set(record_bps=50, rate=2_000_000)
    with hcnetsdk.HCNetSDK(str(fake_sdk_path)) as instance:
        yield instance
    assert forget_init(ctypes.CDLL(str(fake_sdk_path))) == 0


@pytest.fixture
def device(sdk: hcnetsdk.HCNetSDK) -> hcnetsdk.Device:
    return sdk.login(*NVR, username="admin", password="12345")


def _slow(fake_control: FakeSDKControl) -> None:
    """About 100 s for two hours of video: a download that is still running when looked at."""
    fake_control.playback_set(rate=3_600)


def _wait_for(condition: object, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_download_by_time_writes_the_recorded_bytes(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    start, end = DAY.replace(hour=2, minute=30), DAY.replace(hour=6)  # across the gap
    seen: list[int] = []
    target = tmp_path / "clip.mp4"
    download = device.download(target, channel=34, start=start, end=end, progress=seen.append)
    assert download.state == "running"
    assert download.wait(timeout=30) == target
    expected = fake_control.recording_bytes(34, start, end)
    assert len(expected) == (30 + 60) * 60 * 50
    assert target.read_bytes() == expected
    assert len(set(expected)) > 200  # not a constant pattern
    assert (download.done, download.state, download.progress) == (True, "done", 100)
    assert seen[-1] == 100
    assert seen == sorted(set(seen))
    assert len(seen) > 2
    assert fake_control.get_int("calls:NET_DVR_StopGetFile") == 1
    assert fake_control.get_int("open_downloads") == 0
    assert fake_control.get_int("last_download_channel") == 34
    download.cancel()  # after the end: nothing, the file stays
    download.close()
    assert target.exists()
    assert fake_control.get_int("calls:NET_DVR_StopGetFile") == 1


def test_a_download_by_name_writes_that_file(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    recording = next(r for r in device.recordings(33, DAY, DAY.replace(hour=12)) if r.locked)
    target = tmp_path / "locked.mp4"
    with device.download(target, recording=recording) as download:
        download.wait(timeout=30)
    assert target.read_bytes() == fake_control.recording_bytes(33, recording.start, recording.end)
    assert target.stat().st_size == 3600 * 50
    assert fake_control.get_int("calls:NET_DVR_GetFileByName") == 1
    assert fake_control.get_int("calls:NET_DVR_StopGetFile") == 1
    by_name = tmp_path / "by-name.mp4"
    device.download(by_name, recording=recording.name).wait(timeout=30)
    assert by_name.read_bytes() == target.read_bytes()


def test_an_unknown_file_name_fails_with_the_sdk_code(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    target = tmp_path / "none.mp4"
    with pytest.raises(HCNetSDKError) as info:
        device.download(target, recording="ch0033_20240310030000")  # in the gap
    assert (info.value.code, info.value.function) == (33, "NET_DVR_GetFileByName")
    assert not target.exists()
    assert fake_control.get_int("open_downloads") == 0


def test_the_abnormal_end_raises_and_removes_the_file(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    fake_control.playback_set(abort_at=30)
    target = tmp_path / "broken.mp4"
    download = device.download(target, channel=33, start=DAY, end=DAY.replace(hour=2))
    with pytest.raises(hcnetsdk.DownloadAbortedError, match="ended abnormally") as info:
        download.wait(timeout=30)
    assert isinstance(info.value, ConnectionError)
    assert info.value.position == 200
    assert info.value.path == str(target)
    assert not target.exists()
    assert download.state == "failed"
    assert download.progress < 100  # the last position read before the end
    assert fake_control.get_int("calls:NET_DVR_StopGetFile") == 1
    with pytest.raises(hcnetsdk.DownloadAbortedError):
        download.wait()  # the same error again


def test_keep_partial_keeps_what_was_written(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    fake_control.playback_set(abort_at=50)
    target = tmp_path / "partial.mp4"
    download = device.download(
        target, channel=33, start=DAY, end=DAY.replace(hour=2), keep_partial=True
    )
    with pytest.raises(hcnetsdk.DownloadAbortedError):
        download.wait(timeout=30)
    data = target.read_bytes()
    expected = fake_control.recording_bytes(33, DAY, DAY.replace(hour=2))
    assert len(expected) // 2 <= len(data) < len(expected)
    assert expected.startswith(data)


def test_a_failing_position_read_raises_the_sdk_code(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    _slow(fake_control)
    target = tmp_path / "x.mp4"
    download = device.download(target, channel=33, start=DAY, end=DAY.replace(hour=2))
    fake_control.fail_next("NET_DVR_GetDownloadPos", 9)
    with pytest.raises(HCNetSDKError) as info:
        download.wait(timeout=30)
    assert (info.value.code, info.value.function) == (9, "NET_DVR_GetDownloadPos")
    assert not target.exists()
    assert fake_control.get_int("open_downloads") == 0


def test_cancel_from_another_thread(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    _slow(fake_control)
    target = tmp_path / "cancelled.mp4"
    download = device.download(target, channel=33, start=DAY, end=DAY.replace(hour=2))
    outcome: list[BaseException] = []

    def waiter() -> None:
        try:
            download.wait()
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=waiter)
    thread.start()
    _wait_for(lambda: target.exists() and target.stat().st_size > 0)
    download.cancel()
    thread.join(10)
    assert not thread.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], hcnetsdk.DownloadCancelledError)
    assert download.state == "cancelled"
    assert not target.exists()
    download.cancel()
    assert fake_control.get_int("calls:NET_DVR_StopGetFile") == 1
    assert fake_control.get_int("open_downloads") == 0


def test_leaving_with_before_the_end_cancels(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    _slow(fake_control)
    target = tmp_path / "left.mp4"
    with device.download(target, channel=33, start=DAY, end=DAY.replace(hour=2)) as download:
        with pytest.raises(TimeoutError, match="it goes on"):
            download.wait(timeout=0.2)
        assert download.state == "running"  # a timeout does not stop it
    assert download.state == "cancelled"
    assert not target.exists()
    assert fake_control.get_int("calls:NET_DVR_StopGetFile") == 1


def test_an_interrupt_while_waiting_cancels_and_removes(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    _slow(fake_control)
    target = tmp_path / "ctrl-c.mp4"

    def interrupt(percent: int) -> None:
        raise KeyboardInterrupt

    download = device.download(
        target, channel=33, start=DAY, end=DAY.replace(hour=2), progress=interrupt
    )
    with pytest.raises(KeyboardInterrupt):
        download.wait()
    assert download.state == "cancelled"
    assert not target.exists()
    assert fake_control.get_int("calls:NET_DVR_StopGetFile") == 1


@pytest.mark.parametrize("how", ["logout", "cleanup"])
def test_logout_and_cleanup_cancel_a_running_download(
    sdk: hcnetsdk.HCNetSDK,
    device: hcnetsdk.Device,
    fake_control: FakeSDKControl,
    tmp_path: Path,
    how: str,
) -> None:
    _slow(fake_control)
    target = tmp_path / "running.mp4"
    download = device.download(target, channel=33, start=DAY, end=DAY.replace(hour=2))
    other = device.download(tmp_path / "b.mp4", channel=34, start=DAY, end=DAY.replace(hour=1))
    assert fake_control.get_int("open_downloads") == 2
    if how == "logout":
        device.logout()
    else:
        sdk.cleanup()
    assert (download.state, other.state) == ("cancelled", "cancelled")
    assert not target.exists()
    assert not (tmp_path / "b.mp4").exists()
    assert fake_control.get_int("calls:NET_DVR_StopGetFile") == 2
    assert fake_control.get_int("open_downloads") == 0
    with pytest.raises(hcnetsdk.DownloadCancelledError, match="logout or cleanup"):
        download.wait()
    with pytest.raises(SDKClosedError):
        device.download(tmp_path / "c.mp4", channel=33, start=DAY, end=DAY.replace(hour=1))


def test_a_start_that_fails_stops_the_handle_and_removes_the_file(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    fake_control.fail_next("NET_DVR_PlayBackControl_V40", 41)
    target = tmp_path / "never.mp4"
    with pytest.raises(HCNetSDKError) as info:
        device.download(target, channel=33, start=DAY, end=DAY.replace(hour=1))
    assert info.value.function == "NET_DVR_PlayBackControl_V40"
    assert not target.exists()
    assert fake_control.get_int("calls:NET_DVR_StopGetFile") == 1
    assert fake_control.get_int("open_downloads") == 0
    assert device._session.resources == ()


@pytest.mark.parametrize(
    "case",
    [
        ({"channel": 2}, ValueError, "channel 2 does not exist"),
        ({"channel": True}, TypeError, "channel must be an int"),
        ({"start": DAY.replace(hour=1)}, ValueError, "must be before end"),
        ({"end": dt.datetime(2040, 1, 1)}, ValueError, "outside the range"),
        ({"start": "yesterday"}, TypeError, "start must be a datetime"),
        ({"channel": None}, TypeError, "needs recording=, or channel="),
        ({"recording": "ch0033_20240310000000"}, TypeError, "not both"),
        ({"progress": 5}, TypeError, "progress must be a callable"),
        ({"keep_partial": 1}, TypeError, "keep_partial must be"),
    ],
)
def test_bad_arguments_are_refused_before_the_sdk(
    device: hcnetsdk.Device,
    fake_control: FakeSDKControl,
    tmp_path: Path,
    case: tuple[dict[str, object], type[Exception], str],
) -> None:
    kwargs, error, match = case
    arguments: dict[str, object] = {"channel": 33, "start": DAY, "end": DAY.replace(hour=1)}
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        device.download(tmp_path / "x.mp4", **arguments)  # type: ignore[arg-type]
    assert fake_control.get_int("calls:NET_DVR_GetFileByTime_V40") == 0
    assert fake_control.get_int("calls:NET_DVR_GetFileByName") == 0
    assert not (tmp_path / "x.mp4").exists()


def test_bad_paths_are_refused_before_the_sdk(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    window = {"channel": 33, "start": DAY, "end": DAY.replace(hour=1)}
    existing = tmp_path / "old.mp4"
    existing.write_bytes(b"keep me")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        device.download(existing, **window)  # type: ignore[arg-type]
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(FileNotFoundError, match="does not exist"):
        device.download(tmp_path / "no" / "such.mp4", **window)  # type: ignore[arg-type]
    with pytest.raises(IsADirectoryError):
        device.download(tmp_path, **window)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at most 255"):
        device.download(tmp_path / ("x" * 250), **window)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path must be"):
        device.download(42, **window)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="holds at most 99"):
        device.download(tmp_path / "n.mp4", recording="x" * 100)
    assert fake_control.get_int("calls:NET_DVR_GetFileByTime_V40") == 0
    assert fake_control.get_int("calls:NET_DVR_GetFileByName") == 0
    device.download(existing, overwrite=True, **window).wait(timeout=30)  # type: ignore[arg-type]
    assert existing.stat().st_size == 3600 * 50


def test_aware_times_reach_the_sdk_converted(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    zone = dt.timezone(dt.timedelta(hours=-4))
    start = dt.datetime(2024, 3, 10, 5, tzinfo=dt.timezone.utc)  # 01:00 on the device
    device.download(
        tmp_path / "tz.mp4", channel=36, start=start, end=start + dt.timedelta(minutes=10), tz=zone
    ).wait(timeout=30)
    wall = int((DAY.replace(hour=1) - dt.datetime(1970, 1, 1)).total_seconds())
    assert fake_control.get_int("last_download_from") == wall
    assert fake_control.get_int("last_download_to") == wall + 600
