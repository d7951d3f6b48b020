"""Snapshots end to end: ``device.snapshot`` / ``snapshot_to`` over the C simulator through real
ctypes. The simulator answers with real baseline JPEGs (parsed here segment by segment), and can
be scripted to answer with an HTML page, nothing, or a picture larger than the first buffer.
"""

from __future__ import annotations

import os
import pickle
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_mock import MockerFixture

import hcnetsdk
from hcnetsdk import snapshot as snapshot_module
from hcnetsdk._simconfig import SNAPSHOT_EMPTY, SNAPSHOT_LARGE, SNAPSHOT_NOT_JPEG
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk.errors import SDKClosedError

NVR, CAMERA = ("127.0.0.1", 8000), ("127.0.0.1", 8001)
CALLS = "calls:NET_DVR_CaptureJPEGPicture_NEW"


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[hcnetsdk.HCNetSDK]:
    with hcnetsdk.HCNetSDK(str(fake_sdk_path)) as instance:
        yield instance


@pytest.fixture
def nvr(sdk: hcnetsdk.HCNetSDK) -> hcnetsdk.Device:
    return sdk.login(*NVR, username="admin", password="12345")


def jpeg_segments(data: bytes) -> dict[int, list[bytes]]:
    """Walk a baseline JPEG: SOI, length-prefixed segments, the scan up to EOI. Returns the
    segments by marker; fails on anything malformed."""
    assert data[:2] == b"\xff\xd8", data[:16]
    segments: dict[int, list[bytes]] = {}
    at = 2
    while True:
        assert data[at] == 0xFF, at
        marker = data[at + 1]
        (length,) = struct.unpack_from(">H", data, at + 2)
        segments.setdefault(marker, []).append(data[at + 4 : at + 2 + length])
        at += 2 + length
        if marker == 0xDA:  # entropy-coded data: 0xFF only as FF 00 until the EOI
            end = data.index(b"\xff\xd9", at)
            scan = data[at:end]
            assert all(scan[i + 1] == 0 for i in range(len(scan) - 1) if scan[i] == 0xFF)
            assert end + 2 == len(data)
            return segments


def dimensions(data: bytes) -> tuple[int, int]:
    sof = jpeg_segments(data)[0xC0][0]
    height, width = struct.unpack_from(">HH", sof, 1)
    return width, height


# ---- success --------------------------------------------------------------------------------
def test_the_default_channel_is_the_devices_first(
    nvr: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    picture = nvr.snapshot()
    assert dimensions(picture) == (320, 240)  # the stream's current resolution in the simulator
    assert fake_control.get_int("last_snapshot_channel") == 33  # the NVR's IP channels: 33-40
    assert fake_control.get_int("last_snapshot_size") == 0xFF
    assert fake_control.get_int("last_snapshot_quality") == 0
    assert fake_control.get_int("last_snapshot_buffer") == snapshot_module.FIRST_BUFFER


def test_a_camera_snapshots_channel_1(sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl) -> None:
    with sdk.login(*CAMERA, username="admin", password="12345") as camera:
        jpeg_segments(camera.snapshot())
    assert fake_control.get_int("last_snapshot_channel") == 1


def test_channels_give_different_pictures(nvr: hcnetsdk.Device) -> None:
    first, second = nvr.snapshot(33), nvr.snapshot(40)
    assert first != second
    assert b"channel 40" in jpeg_segments(second)[0xFE][0]


def test_size_and_quality_reach_the_sdk(nvr: hcnetsdk.Device, fake_control: FakeSDKControl) -> None:
    picture = nvr.snapshot(
        34, size=hcnetsdk.PictureSize.CIF, quality=hcnetsdk.PictureQuality.AVERAGE
    )
    assert dimensions(picture) == (352, 288)
    assert fake_control.get_int("last_snapshot_size") == 0
    assert fake_control.get_int("last_snapshot_quality") == 2
    assert dimensions(nvr.snapshot(34, size=6, quality=1)) == (640, 480)  # plain ints: VGA


def test_a_picture_larger_than_the_first_buffer_grows_it(
    nvr: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    size = snapshot_module.FIRST_BUFFER + 1000
    fake_control.set_snapshot_mode(0, SNAPSHOT_LARGE, size)
    picture = nvr.snapshot()
    assert len(picture) >= size
    jpeg_segments(picture)
    assert fake_control.get_int(CALLS) == 2
    assert fake_control.get_int("last_snapshot_buffer") == 2 * snapshot_module.FIRST_BUFFER


def test_a_picture_larger_than_the_last_buffer_is_the_sdks_error(
    nvr: hcnetsdk.Device, fake_control: FakeSDKControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot_module, "MAX_BUFFER", 4 * snapshot_module.FIRST_BUFFER)
    fake_control.set_snapshot_mode(0, SNAPSHOT_LARGE, 5 * snapshot_module.FIRST_BUFFER)
    with pytest.raises(hcnetsdk.NoEnoughBufError):
        nvr.snapshot()
    assert fake_control.get_int(CALLS) == 3  # 1, 2, 4 MiB


# ---- what comes back is checked ---------------------------------------------------------------
def test_a_non_jpeg_answer_is_a_clear_error(
    nvr: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.set_snapshot_mode(0, SNAPSHOT_NOT_JPEG)
    with pytest.raises(hcnetsdk.SnapshotError, match="not a JPEG picture") as info:
        nvr.snapshot(35)
    assert info.value.data.startswith(b"<!DOCTYPE html>")
    assert info.value.channel == 35
    assert "<!DOCTYPE html>" in str(info.value)  # what came back, shown
    copy = pickle.loads(pickle.dumps(info.value))
    assert (str(copy), copy.data, copy.channel) == (str(info.value), info.value.data, 35)


def test_an_empty_answer_is_a_clear_error(
    nvr: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.set_snapshot_mode(0, SNAPSHOT_EMPTY)
    with pytest.raises(hcnetsdk.SnapshotError, match=r"empty picture \(0 bytes\) for channel 33"):
        nvr.snapshot()


def test_the_sdks_failure_is_raised_typed(
    nvr: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    with pytest.raises(hcnetsdk.DVROperateFailedError) as info:
        nvr.snapshot(36)  # the simulator's offline IP channel
    assert info.value.function == "NET_DVR_CaptureJPEGPicture_NEW"
    fake_control.fail_next("NET_DVR_CaptureJPEGPicture_NEW", 10)
    with pytest.raises(hcnetsdk.NetworkRecvTimeoutError):
        nvr.snapshot()


# ---- bad arguments never reach the SDK --------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {"channel": 1},
            (ValueError, r"channel 1 does not exist \(the device's channels: 33-40\)"),
        ),
        ({"channel": 41}, (ValueError, "33-40")),
        ({"channel": 0}, (ValueError, "33-40")),
        ({"channel": -1}, (ValueError, "33-40")),
        ({"channel": "33"}, (TypeError, "channel must be an int")),
        ({"channel": 33.0}, (TypeError, "channel must be an int")),
        ({"channel": True}, (TypeError, "channel must be an int")),
        ({"size": 3000}, (ValueError, "not a PictureSize code")),
        ({"size": -1}, (ValueError, "not a PictureSize code")),
        ({"size": "HD1080"}, (TypeError, "size must be a PictureSize")),
        ({"size": True}, (TypeError, "size must be a PictureSize")),
        ({"quality": 3}, (ValueError, "not a PictureQuality code")),
        ({"quality": 1.0}, (TypeError, "quality must be a PictureQuality")),
    ],
)
def test_bad_arguments_never_reach_the_sdk(
    nvr: hcnetsdk.Device,
    fake_control: FakeSDKControl,
    tmp_path: Path,
    kwargs: dict[str, Any],
    expected: tuple[type[Exception], str],
) -> None:
    error, message = expected
    with pytest.raises(error, match=message):
        nvr.snapshot(**kwargs)
    with pytest.raises(error, match=message):
        nvr.snapshot_to(tmp_path / "x.jpg", **kwargs)
    assert fake_control.get_int(CALLS) == 0
    assert list(tmp_path.iterdir()) == []


def test_after_logout_nothing_reaches_the_sdk(
    nvr: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    nvr.logout()
    with pytest.raises(SDKClosedError):
        nvr.snapshot()
    assert fake_control.get_int(CALLS) == 0


# ---- snapshot_to: atomic ---------------------------------------------------------------------
def test_snapshot_to_writes_the_picture(nvr: hcnetsdk.Device, tmp_path: Path) -> None:
    target = tmp_path / "gate.jpg"
    assert nvr.snapshot_to(target, 34) == target
    assert target.read_bytes() == nvr.snapshot(34)
    assert [p.name for p in tmp_path.iterdir()] == ["gate.jpg"]
    assert nvr.snapshot_to(str(target), 35) == target  # replaces it
    assert target.read_bytes() == nvr.snapshot(35)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_failed_snapshot_leaves_the_old_file_and_nothing_else(
    nvr: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    target = tmp_path / "gate.jpg"
    target.write_bytes(b"old picture")
    fake_control.set_snapshot_mode(0, SNAPSHOT_NOT_JPEG)
    with pytest.raises(hcnetsdk.SnapshotError):
        nvr.snapshot_to(target)
    assert target.read_bytes() == b"old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["gate.jpg"]


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, OSError])
def test_an_interrupted_write_leaves_the_old_file_and_nothing_else(
    nvr: hcnetsdk.Device, tmp_path: Path, mocker: MockerFixture, interruption: type[BaseException]
) -> None:
    target = tmp_path / "gate.jpg"
    target.write_bytes(b"old picture")
    mocker.patch("os.replace", side_effect=interruption)
    with pytest.raises(interruption):
        nvr.snapshot_to(target)
    assert target.read_bytes() == b"old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["gate.jpg"]


def test_bad_paths_are_refused_before_the_sdk(
    nvr: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        nvr.snapshot_to(tmp_path / "missing" / "x.jpg")
    with pytest.raises(IsADirectoryError, match="is a folder"):
        nvr.snapshot_to(tmp_path)
    with pytest.raises(TypeError, match="path must be"):
        nvr.snapshot_to(b"x.jpg")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="does not name a file"):
        nvr.snapshot_to("")
    assert fake_control.get_int(CALLS) == 0
