"""Device basics end to end: ``details()``, ``channels()``, ``get_time``/``set_time``,
``set_name`` and ``reboot`` over the C simulator through real ctypes, with device text in GBK and
UTF-8.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_mock import MockerFixture

import hcnetsdk
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk.errors import SDKClosedError

NVR, CAMERA = ("127.0.0.1", 8000), ("127.0.0.1", 8001)
GBK, UTF8 = 2, 6  # byCharEncodeType


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[hcnetsdk.HCNetSDK]:
    with hcnetsdk.HCNetSDK(str(fake_sdk_path)) as instance:
        yield instance


def login(sdk: hcnetsdk.HCNetSDK, where: tuple[str, int] = NVR) -> hcnetsdk.Device:
    return sdk.login(*where, username="admin", password="12345")


def calls(control: FakeSDKControl, function: str) -> int:
    return control.get_int(f"calls:NET_DVR_{function}")


# ---- details --------------------------------------------------------------------------------
def test_details_of_the_nvr(sdk: hcnetsdk.HCNetSDK) -> None:
    details = login(sdk).details()
    assert isinstance(details, hcnetsdk.DeviceDetails)
    assert details.name == "Network Video Recorder"
    assert details.model == "DS-7608NI-K208"
    assert details.serial_number == "DS-7608NI-K20820230410CCRRF00000001WCVU"
    assert (details.firmware_version, details.firmware_build) == ("V4.30.5", "230410")
    assert details.firmware_build_date == dt.date(2023, 4, 10)
    assert details.dsp_version == "V7.3.0"
    assert (details.analog_channels, details.ip_channels, details.disks) == (0, 8, 1)
    assert (details.alarm_inputs, details.alarm_outputs, details.zero_channels) == (4, 1, 1)
    assert (details.device_type, details.device_class) == (0x7608, 101)
    assert details.as_dict()["firmware_build_date"] == "2023-04-10"


def test_details_of_a_camera(sdk: hcnetsdk.HCNetSDK) -> None:
    details = login(sdk, CAMERA).details()
    assert (details.name, details.model, details.device_class) == (
        "IP CAMERA",
        "DS-2CD2143G2-I",
        151,
    )
    assert (details.analog_channels, details.start_channel, details.ip_channels) == (1, 1, 0)


@pytest.mark.parametrize(
    ("encoding", "raw", "expected"),
    [
        (GBK, "前门录像机".encode("gbk"), "前门录像机"),
        (UTF8, "前门录像机".encode(), "前门录像机"),
        (UTF8, "Caméra Süd".encode(), "Caméra Süd"),
    ],
)
def test_device_text_is_decoded_with_the_devices_character_set(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl, encoding: int, raw: bytes, expected: str
) -> None:
    fake_control.set_field(0, "byCharEncodeType", encoding)
    fake_control.set_config_text(0, "sDVRName", raw)
    fake_control.set_config_text(0, "byDevTypeName", raw)
    fake_control.set_channel(0, 34, name=raw)
    device = login(sdk)
    assert device.info.encoding == ("gbk" if encoding == GBK else "utf-8")
    details = device.details()
    assert (details.name, details.model) == (expected, expected)
    assert device.channels()[1].name == expected


def test_a_gbk_name_is_not_read_as_utf8(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    fake_control.set_config_text(0, "sDVRName", "前门".encode("gbk"))  # the device says UTF-8
    assert login(sdk).details().name != "前门"  # proves the encoding above is what decodes


# ---- channels -------------------------------------------------------------------------------
def test_nvr_channels_with_one_offline(sdk: hcnetsdk.HCNetSDK) -> None:
    channels = login(sdk).channels()
    assert [c.number for c in channels] == list(range(33, 41))
    assert {c.kind for c in channels} == {"ip"}
    assert [c.number for c in channels if not c.online] == [36]
    first = channels[0]
    assert first == hcnetsdk.ChannelInfo(
        33, "ip", "IPCamera 01", True, True, "192.168.1.101", 8000, 1
    )
    assert "password" not in str(first.as_dict()).lower()


def test_channel_state_follows_the_device(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    device = login(sdk)
    fake_control.set_channel(0, 36, online=True, name="Back door")
    fake_control.set_channel(0, 40, online=False)
    channels = {c.number: c for c in device.channels()}
    assert (channels[36].online, channels[36].name, channels[40].online) == (
        True,
        "Back door",
        False,
    )


def _failing_name(device: hcnetsdk.Device, mocker: MockerFixture, channel: int) -> None:
    """The device fails ``NET_DVR_GET_PICCFG_V40`` for ``channel`` (29); other calls are real."""
    native = device._session.native
    real = native.NET_DVR_GetDVRConfig

    def get(user: int, command: int, number: int, *rest: Any) -> int:
        if command == 6179 and number == channel:
            raise hcnetsdk.DVROperateFailedError(29, "NET_DVR_GetDVRConfig")
        result: int = real(user, command, number, *rest)
        return result

    mocker.patch.object(native, "NET_DVR_GetDVRConfig", side_effect=get)


def test_an_offline_channel_without_a_name_is_still_listed(
    sdk: hcnetsdk.HCNetSDK, mocker: MockerFixture
) -> None:
    device = login(sdk)
    _failing_name(device, mocker, 36)  # 36 is offline
    channels = {c.number: c for c in device.channels()}
    assert (channels[36].name, channels[36].online, channels[36].address) == (
        "",
        False,
        "192.168.1.104",
    )
    assert channels[35].name == "IPCamera 03"


def test_a_name_failure_of_an_online_channel_is_raised(
    sdk: hcnetsdk.HCNetSDK, mocker: MockerFixture
) -> None:
    device = login(sdk)
    _failing_name(device, mocker, 35)  # 35 is online: the failure is real
    with pytest.raises(hcnetsdk.DVROperateFailedError):
        device.channels()


def test_camera_channels_are_analog(sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl) -> None:
    (channel,) = login(sdk, CAMERA).channels()
    assert channel == hcnetsdk.ChannelInfo(1, "analog", "Camera 01", True, None, None, None, None)
    assert calls(fake_control, "GetDVRConfig") == 1  # the name only: no IP configuration asked


def test_a_hybrid_dvr_lists_analog_then_ip_channels(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    dev = fake_control.add_device("127.0.0.1", 8010)
    for field, value in (
        ("byChanNum", 4),
        ("byStartChan", 1),
        ("byIPChanNum", 2),
        ("byStartDChan", 33),
    ):
        fake_control.set_field(dev, field, value)
    channels = login(sdk, ("127.0.0.1", 8010)).channels()
    assert [(c.number, c.kind) for c in channels] == [
        (1, "analog"),
        (2, "analog"),
        (3, "analog"),
        (4, "analog"),
        (33, "ip"),
        (34, "ip"),
    ]
    assert all(c.enabled for c in channels)
    assert [c.name for c in channels][3:5] == ["Camera 04", "IPCamera 01"]


# ---- time -----------------------------------------------------------------------------------
def test_get_time_reads_the_device_clock(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    fake_control.set_time_offset(0, 3600)
    device_time = login(sdk).get_time()
    expected = dt.datetime.now().replace(microsecond=0) + dt.timedelta(hours=1)
    assert device_time.tzinfo is None
    assert abs(device_time - expected) <= dt.timedelta(seconds=2)


def test_set_time_then_get_it_back(sdk: hcnetsdk.HCNetSDK) -> None:
    device = login(sdk)
    device.set_time(dt.datetime(2031, 5, 17, 8, 30, 0))
    assert abs(device.get_time() - dt.datetime(2031, 5, 17, 8, 30, 0)) <= dt.timedelta(seconds=2)


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (dt.datetime(2031, 5, 17, 8, 30, tzinfo=dt.timezone.utc), ValueError, "timezone-aware"),
        (dt.datetime(2031, 5, 17, 8, 30, 0, 500), ValueError, "microseconds"),
        (dt.datetime(2038, 1, 1), ValueError, "1970..2037"),
        (dt.datetime(1969, 12, 31), ValueError, "1970..2037"),
        (dt.date(2031, 5, 17), TypeError, "must be a datetime"),
        ("2031-05-17 08:30:00", TypeError, "must be a datetime"),
    ],
)
def test_bad_times_never_reach_the_sdk(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl, value: object, error: type, message: str
) -> None:
    device = login(sdk)
    with pytest.raises(error, match=message):
        device.set_time(value)  # type: ignore[arg-type]
    assert calls(fake_control, "SetDVRConfig") == 0


# ---- name -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("encoding", "name"), [(GBK, "后门录像机"), (UTF8, "后门录像机"), (UTF8, "Lobby")]
)
def test_set_name_is_encoded_for_the_device(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl, encoding: int, name: str
) -> None:
    fake_control.set_field(0, "byCharEncodeType", encoding)
    device = login(sdk)
    device.set_name(name)
    assert device.details().name == name
    fake_control.set_field(0, "byCharEncodeType", UTF8)  # read as the wrong set: bytes differ
    if encoding == GBK:
        assert login(sdk).details().name != name


@pytest.mark.parametrize(
    ("encoding", "name", "expected"),
    [
        (UTF8, "x" * 32, (ValueError, "at most 31")),
        (GBK, "门" * 16, (ValueError, "at most 31")),  # 32 bytes in GBK
        (GBK, "camera 😀", (ValueError, "cannot be encoded as gbk")),
        (UTF8, "", (ValueError, "must not be empty")),
        (UTF8, "a\0b", (ValueError, "NUL")),
        (UTF8, b"Lobby", (TypeError, "must be a str")),
    ],
)
def test_bad_names_never_reach_the_sdk(
    sdk: hcnetsdk.HCNetSDK,
    fake_control: FakeSDKControl,
    encoding: int,
    name: object,
    expected: tuple[type, str],
) -> None:
    error, message = expected
    fake_control.set_field(0, "byCharEncodeType", encoding)
    device = login(sdk)
    with pytest.raises(error, match=message):
        device.set_name(name)  # type: ignore[arg-type]
    assert calls(fake_control, "GetDVRConfig") + calls(fake_control, "SetDVRConfig") == 0


def test_a_31_byte_name_fits(sdk: hcnetsdk.HCNetSDK) -> None:
    device = login(sdk)
    device.set_name("n" * 31)
    assert device.details().name == "n" * 31


# ---- reboot, errors, logout -------------------------------------------------------------------
def test_reboot_calls_the_sdk_with_the_session(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    device = login(sdk, CAMERA)
    device.reboot()
    assert fake_control.get_int("reboots") == 1
    assert fake_control.get_int("last_reboot_user") == device.user_id


def test_sdk_failures_are_raised_typed(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    device = login(sdk)
    fake_control.fail_next("NET_DVR_GetDVRConfig", 23)
    with pytest.raises(hcnetsdk.NoSupportError) as info:
        device.details()
    assert info.value.function == "NET_DVR_GetDVRConfig"
    fake_control.fail_next("NET_DVR_RebootDVR", 29)
    with pytest.raises(hcnetsdk.DVROperateFailedError):
        device.reboot()
    fake_control.fail_next("NET_DVR_SetDVRConfig", 11)
    with pytest.raises(hcnetsdk.NetworkDataError):
        device.set_time(dt.datetime(2030, 1, 1))


def test_after_logout_nothing_reaches_the_sdk(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    device = login(sdk)
    device.logout()
    for call in (device.details, device.channels, device.get_time, device.reboot):
        with pytest.raises(SDKClosedError):
            call()
    with pytest.raises(SDKClosedError):
        device.set_time(dt.datetime(2030, 1, 1))
    with pytest.raises(SDKClosedError):
        device.set_name("x")
    total = sum(calls(fake_control, f) for f in ("GetDVRConfig", "SetDVRConfig", "RebootDVR"))
    assert total == 0
