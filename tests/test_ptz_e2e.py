"""PTZ end to end: the public API over the C simulator's cameras, through real ctypes."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk._native.ptz import MOVE_COMMANDS
from hcnetsdk._process import forget_init
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simstream import PtzCall
from hcnetsdk.errors import HCNetSDKError, SDKClosedError

NVR = ("127.0.0.1", 8000)
CAMERA = ("127.0.0.1", 8001)

# The header's names (sdk-facts-features.md 8) for each direction (pan, tilt, zoom).
HEADER = {
    "ZOOM_IN": 11,
    "ZOOM_OUT": 12,
    "TILT_UP": 21,
    "TILT_DOWN": 22,
    "PAN_LEFT": 23,
    "PAN_RIGHT": 24,
    "UP_LEFT": 25,
    "UP_RIGHT": 26,
    "DOWN_LEFT": 27,
    "DOWN_RIGHT": 28,
    "TILT_DOWN_ZOOM_IN": 58,
    "TILT_DOWN_ZOOM_OUT": 59,
    "PAN_LEFT_ZOOM_IN": 60,
    "PAN_LEFT_ZOOM_OUT": 61,
    "PAN_RIGHT_ZOOM_IN": 62,
    "PAN_RIGHT_ZOOM_OUT": 63,
    "UP_LEFT_ZOOM_IN": 64,
    "UP_LEFT_ZOOM_OUT": 65,
    "UP_RIGHT_ZOOM_IN": 66,
    "UP_RIGHT_ZOOM_OUT": 67,
    "DOWN_LEFT_ZOOM_IN": 68,
    "DOWN_LEFT_ZOOM_OUT": 69,
    "DOWN_RIGHT_ZOOM_IN": 70,
    "DOWN_RIGHT_ZOOM_OUT": 71,
    "TILT_UP_ZOOM_IN": 72,
    "TILT_UP_ZOOM_OUT": 73,
}


def _name(pan: int, tilt: int, zoom: int) -> str:
    vertical = {1: "UP", -1: "DOWN", 0: ""}[tilt]
    horizontal = {1: "RIGHT", -1: "LEFT", 0: ""}[pan]
    if vertical and horizontal:
        move = f"{vertical}_{horizontal}"
    elif vertical:
        move = f"TILT_{vertical}"
    elif horizontal:
        move = f"PAN_{horizontal}"
    else:
        move = ""
    zooming = {1: "ZOOM_IN", -1: "ZOOM_OUT", 0: ""}[zoom]
    return "_".join(part for part in (move, zooming) if part)


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[hcnetsdk.HCNetSDK]:
    with hcnetsdk.HCNetSDK(str(fake_sdk_path)) as instance:
        yield instance
    assert forget_init(ctypes.CDLL(str(fake_sdk_path))) == 0


@pytest.fixture
def camera(sdk: hcnetsdk.HCNetSDK) -> hcnetsdk.Device:
    return sdk.login(*CAMERA, username="admin", password="12345")


def _dev(control: FakeSDKControl, address: tuple[str, int]) -> int:
    handle = control.find_device(*address)
    assert handle is not None
    return handle


def test_every_direction_has_the_header_command() -> None:
    assert len(MOVE_COMMANDS) == 26
    for (pan, tilt, zoom), command in MOVE_COMMANDS.items():
        assert HEADER[_name(pan, tilt, zoom)] == command, (pan, tilt, zoom)


def test_move_and_stop_reach_the_camera_with_command_and_speed(
    camera: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    dev = _dev(fake_control, CAMERA)
    ptz = camera.ptz()
    assert ptz.channel == 1
    ptz.move(pan=1, speed=5)
    assert ptz.is_moving
    assert fake_control.ptz_state(dev, 1).moving == 24
    camera.ptz(1).stop()  # another Ptz of the same channel stops it
    assert not camera.ptz().is_moving
    state = fake_control.ptz_state(dev, 1)
    assert (state.moving, state.last_stop, state.last_speed) == (0, 1, 5)
    ptz.move(tilt=-1, zoom=1, speed=1)
    ptz.move(pan=-1, tilt=1)  # a new direction stops the old one first
    ptz.stop()
    ptz.stop()  # nothing moving: no call
    user = camera.user_id
    assert fake_control.ptz_log() == [
        PtzCall(dev, 1, "control", 24, 0, 5, user),
        PtzCall(dev, 1, "control", 24, 1, 5, user),
        PtzCall(dev, 1, "control", 58, 0, 1, user),
        PtzCall(dev, 1, "control", 58, 1, 1, user),
        PtzCall(dev, 1, "control", 25, 0, 4, user),
        PtzCall(dev, 1, "control", 25, 1, 4, user),
    ]


def test_a_moving_block_that_raises_still_stops(
    camera: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    dev = _dev(fake_control, CAMERA)
    ptz = camera.ptz()
    seen: list[int] = []

    def block(error: BaseException) -> None:
        with ptz.moving(zoom=-1, speed=7):
            seen.append(fake_control.ptz_state(dev, 1).moving)
            raise error

    with pytest.raises(RuntimeError, match="inside"):
        block(RuntimeError("inside"))
    assert seen == [12]
    state = fake_control.ptz_state(dev, 1)
    assert (state.moving, state.last_command, state.last_stop) == (0, 12, 1)
    with pytest.raises(KeyboardInterrupt):
        block(KeyboardInterrupt())
    assert fake_control.ptz_state(dev, 1).moving == 0
    assert not ptz.is_moving


def test_presets(camera: hcnetsdk.Device, fake_control: FakeSDKControl) -> None:
    dev = _dev(fake_control, CAMERA)
    ptz = camera.ptz(1)
    ptz.set_preset(3)
    assert fake_control.ptz_preset_is_set(dev, 1, 3)
    ptz.goto_preset(3)
    assert fake_control.ptz_state(dev, 1).preset == 3
    ptz.clear_preset(3)
    ptz.set_preset(300)
    assert not fake_control.ptz_preset_is_set(dev, 1, 3)
    user = camera.user_id
    assert fake_control.ptz_log() == [
        PtzCall(dev, 1, "preset", 8, 3, 0, user),
        PtzCall(dev, 1, "preset", 39, 3, 0, user),
        PtzCall(dev, 1, "preset", 9, 3, 0, user),
        PtzCall(dev, 1, "preset", 8, 300, 0, user),
    ]


def test_ranges_are_checked_before_the_sdk(
    camera: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    ptz = camera.ptz()
    for speed in (0, 8):
        with pytest.raises(ValueError, match="speed must be between 1 and 7"):
            ptz.move(pan=1, speed=speed)
    with pytest.raises(TypeError, match="speed must be an int"):
        ptz.move(pan=1, speed=2.5)  # type: ignore[arg-type]
    for preset in (0, 301):
        for call in (ptz.goto_preset, ptz.set_preset, ptz.clear_preset):
            with pytest.raises(ValueError, match="preset must be between 1 and 300"):
                call(preset)
    with pytest.raises(TypeError, match="preset must be an int"):
        ptz.goto_preset("3")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="pan must be -1, 0 or 1"):
        ptz.move(pan=2)
    with pytest.raises(TypeError, match="tilt must be -1, 0 or 1"):
        ptz.move(tilt=True)
    with pytest.raises(TypeError, match="zoom must be -1, 0 or 1"):
        ptz.move(zoom=0.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs a direction"):
        ptz.move()
    with pytest.raises(ValueError, match=r"channel 2 does not exist \(the device's channels: 1\)"):
        camera.ptz(2)
    assert fake_control.ptz_log() == []
    assert fake_control.get_int("calls:NET_DVR_PTZControlWithSpeed_Other") == 0
    assert fake_control.get_int("calls:NET_DVR_PTZPreset_Other") == 0


def test_a_failed_start_is_not_remembered(
    camera: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    ptz = camera.ptz()
    fake_control.fail_next("NET_DVR_PTZControlWithSpeed_Other", 23)
    with pytest.raises(HCNetSDKError) as failure:
        ptz.move(pan=1)
    assert failure.value.code == 23
    assert not ptz.is_moving
    assert camera._session.resources == ()
    ptz.stop()
    assert fake_control.get_int("calls:NET_DVR_PTZControlWithSpeed_Other") == 1


def test_logout_stops_a_moving_camera_and_ptz_refuses_after(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    nvr = sdk.login(*NVR, username="admin", password="12345")
    dev = _dev(fake_control, NVR)
    ptz = nvr.ptz(34)
    ptz.move(pan=-1, speed=2)
    assert fake_control.ptz_state(dev, 34).moving == 23
    nvr.logout()
    state = fake_control.ptz_state(dev, 34)
    assert (state.moving, state.last_command, state.last_stop, state.last_speed) == (0, 23, 1, 2)
    assert not ptz.is_moving
    with pytest.raises(SDKClosedError):
        ptz.move(pan=1)
    with pytest.raises(SDKClosedError):
        ptz.goto_preset(1)

    again = sdk.login(*NVR, username="admin", password="12345")
    again.ptz(33).move(zoom=1)
    sdk.cleanup()
    assert fake_control.ptz_state(dev, 33).moving == 0
