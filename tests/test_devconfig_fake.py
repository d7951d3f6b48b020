"""The fake HCNetSDK's configuration and snapshot areas through raw ctypes, against
sdk-facts-features.md sections 1.3, 1.4, 3 and 4: layouts, argument-check order, outputs left
untouched on failure, and the answers read as bytes at the documented offsets.

Independent of the binding's ``_native`` declarations (minimal prototypes here), except one test
that proves the binding's Structures match the fake's C layouts.
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from hcnetsdk import _native
from hcnetsdk._native import config as native_config
from hcnetsdk._simconfig import SNAPSHOT_EMPTY, SNAPSHOT_LARGE, SNAPSHOT_NOT_JPEG
from hcnetsdk._simcontrol import FakeSDKControl

NOINIT, CHANNEL_ERROR, PARAMETER_ERROR, NOSUPPORT, NOENOUGH_BUF, USERNOTEXIST = 3, 4, 17, 23, 43, 47
GET_TIMECFG, SET_TIMECFG, GET_IPPARACFG_V40 = 118, 119, 1062
GET_DEVICECFG_V40, SET_DEVICECFG_V40, GET_PICCFG_V40 = 1100, 1101, 6179
UNTOUCHED = 0xDEADBEEF

# sdk-facts-features.md 3 and 4.2 (PICCFG_V40: the 6.1.9.x header, see the module docstring of
# hcnetsdk._native.config)
SIZES = {
    "NET_DVR_JPEGPARA": 4,
    "NET_DVR_DEVICECFG_V40": 180,
    "NET_DVR_TIME": 24,
    "NET_DVR_IPADDR": 144,
    "NET_DVR_IPDEVINFO_V31": 296,
    "NET_DVR_STREAM_MODE": 496,
    "NET_DVR_IPPARACFG_V40": 50792,
    "NET_DVR_PICCFG_V40": 77140,
}
OFFSETS = {
    "NET_DVR_JPEGPARA": {"wPicSize": 0, "wPicQuality": 2},
    "NET_DVR_DEVICECFG_V40": {
        "sDVRName": 4,
        "dwDVRID": 36,
        "sSerialNumber": 44,
        "dwSoftwareVersion": 92,
        "dwSoftwareBuildDate": 96,
        "dwHardwareVersion": 112,
        "byAlarmInPortNum": 116,
        "byDiskNum": 122,
        "byDVRType": 123,
        "byChanNum": 124,
        "byStartChan": 125,
        "byIPChanNum": 131,
        "byZeroChanNum": 132,
        "wDevType": 138,
        "byDevTypeName": 140,
        "byHighIPChanNum": 170,
        "wDevClass": 172,
        "byRes2": 174,
    },
    "NET_DVR_TIME": {"dwYear": 0, "dwSecond": 20},
    "NET_DVR_IPADDR": {"sIpV4": 0, "byIPv6": 16},
    "NET_DVR_PICCFG_V40": {"sChanName": 4},
}


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    c_int, c_int32, c_uint32, c_void_p = (
        ctypes.c_int,
        ctypes.c_int32,
        ctypes.c_uint32,
        ctypes.c_void_p,
    )
    table: dict[str, tuple[object, list[object]]] = {
        "NET_DVR_Init": (c_int, []),
        "NET_DVR_GetLastError": (c_uint32, []),
        "NET_DVR_Login_V40": (c_int32, [c_void_p, c_void_p]),
        "NET_DVR_Logout": (c_int, [c_int32]),
        "NET_DVR_GetDVRConfig": (c_int, [c_int32, c_uint32, c_int32, c_void_p, c_uint32, c_void_p]),
        "NET_DVR_SetDVRConfig": (c_int, [c_int32, c_uint32, c_int32, c_void_p, c_uint32]),
        "NET_DVR_RebootDVR": (c_int, [c_int32]),
        "NET_DVR_CaptureJPEGPicture_NEW": (
            c_int,
            [c_int32, c_int32, c_void_p, c_void_p, c_uint32, c_void_p],
        ),
    }
    for name, (restype, argtypes) in table.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[ctypes.CDLL]:
    """Initialised (fake_control's reset undoes it)."""
    lib = _declare(ctypes.CDLL(str(fake_sdk_path)))
    assert lib.NET_DVR_Init() == 1
    return lib


def login(sdk: ctypes.CDLL, port: int = 8000) -> int:
    info = ctypes.create_string_buffer(416)
    ctypes.memmove(info, b"127.0.0.1", 9)
    struct.pack_into("<H", info, 130, port)
    ctypes.memmove(ctypes.addressof(info) + 132, b"admin", 5)
    ctypes.memmove(ctypes.addressof(info) + 196, b"12345", 5)
    user_id: int = sdk.NET_DVR_Login_V40(info, ctypes.create_string_buffer(344))
    assert user_id >= 0, sdk.NET_DVR_GetLastError()
    return user_id


def get(sdk: ctypes.CDLL, user: int, command: int, size: int, channel: int = 0) -> bytes:
    out = ctypes.create_string_buffer(size)
    returned = ctypes.c_uint32(UNTOUCHED)
    ok = sdk.NET_DVR_GetDVRConfig(user, command, channel, out, size, ctypes.byref(returned))
    assert ok == 1, sdk.NET_DVR_GetLastError()
    assert returned.value == size
    return out.raw


def jpeg_para(size: int = 0xFF, quality: int = 0) -> ctypes.Array[ctypes.c_char]:
    para = ctypes.create_string_buffer(4)
    struct.pack_into("<HH", para, 0, size, quality)
    return para


def text(raw: bytes, offset: int, size: int) -> bytes:
    return raw[offset : offset + size].split(b"\0", 1)[0]


# ---- layouts ---------------------------------------------------------------------------------
def binding_struct(name: str) -> type[ctypes.Structure]:
    """The binding's Structure of that name (NET_DVR_TIME is shared, in _native.core)."""
    found: type[ctypes.Structure] = getattr(native_config, name, None) or getattr(_native, name)
    return found


@pytest.mark.parametrize(("name", "size"), SIZES.items())
def test_struct_sizes_match_the_facts(fake_control: FakeSDKControl, name: str, size: int) -> None:
    assert fake_control.sizeof(name) == size
    assert ctypes.sizeof(binding_struct(name)) == size


@pytest.mark.parametrize("name", OFFSETS)
def test_struct_offsets_match_the_facts_and_the_binding(
    fake_control: FakeSDKControl, name: str
) -> None:
    binding = binding_struct(name)
    for field, offset in OFFSETS[name].items():
        assert fake_control.offsetof(name, field) == offset, field
        assert getattr(binding, field).offset == offset, field


# ---- argument checks (1.3, 1.4, 3, 4.3) --------------------------------------------------------
def test_before_init_every_function_fails_with_3(
    fake_control: FakeSDKControl, fake_sdk_path: Path
) -> None:
    lib = _declare(ctypes.CDLL(str(fake_sdk_path)))
    out, returned = ctypes.create_string_buffer(24), ctypes.c_uint32(0)
    assert lib.NET_DVR_GetDVRConfig(0, GET_TIMECFG, 0, out, 24, ctypes.byref(returned)) == 0
    assert lib.NET_DVR_GetLastError() == NOINIT
    assert lib.NET_DVR_RebootDVR(0) == 0
    assert lib.NET_DVR_GetLastError() == NOINIT


@pytest.mark.parametrize("user", [-1, 0, 5, 2048])
def test_get_dvr_config_checks_null_arguments_before_the_id(sdk: ctypes.CDLL, user: int) -> None:
    returned = ctypes.c_uint32(UNTOUCHED)
    assert sdk.NET_DVR_GetDVRConfig(user, GET_TIMECFG, 0, None, 0, ctypes.byref(returned)) == 0
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    out = ctypes.create_string_buffer(24)
    assert sdk.NET_DVR_GetDVRConfig(user, GET_TIMECFG, 0, out, 24, None) == 0
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert sdk.NET_DVR_SetDVRConfig(user, SET_TIMECFG, 0, None, 0) == 0
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert returned.value == UNTOUCHED


@pytest.mark.parametrize(
    ("user", "code"), [(-1, PARAMETER_ERROR), (2048, PARAMETER_ERROR), (5, USERNOTEXIST)]
)
def test_a_small_buffer_gets_the_id_check_first(sdk: ctypes.CDLL, user: int, code: int) -> None:
    out, returned = ctypes.create_string_buffer(4), ctypes.c_uint32(UNTOUCHED)
    assert sdk.NET_DVR_GetDVRConfig(user, GET_TIMECFG, 0, out, 4, ctypes.byref(returned)) == 0
    assert sdk.NET_DVR_GetLastError() == code
    assert returned.value == UNTOUCHED
    assert sdk.NET_DVR_SetDVRConfig(user, SET_TIMECFG, 0, out, 4) == 0
    assert sdk.NET_DVR_GetLastError() == code
    assert sdk.NET_DVR_RebootDVR(user) == 0
    assert sdk.NET_DVR_GetLastError() == code


def test_a_logged_out_id_gives_47_and_outputs_stay_untouched(sdk: ctypes.CDLL) -> None:
    user = login(sdk)
    assert sdk.NET_DVR_Logout(user) == 1
    out, returned = ctypes.create_string_buffer(180), ctypes.c_uint32(UNTOUCHED)
    assert (
        sdk.NET_DVR_GetDVRConfig(user, GET_DEVICECFG_V40, 0, out, 180, ctypes.byref(returned)) == 0
    )
    assert sdk.NET_DVR_GetLastError() == USERNOTEXIST
    assert returned.value == UNTOUCHED


def test_chosen_failures_of_a_valid_session(sdk: ctypes.CDLL) -> None:
    nvr, camera = login(sdk), login(sdk, 8001)
    out, returned = ctypes.create_string_buffer(80000), ctypes.c_uint32(UNTOUCHED)
    cases = [
        (nvr, 9999, 0, 1000, NOSUPPORT),  # an unknown command
        (nvr, GET_DEVICECFG_V40, 0, 179, PARAMETER_ERROR),  # smaller than the struct
        (camera, GET_IPPARACFG_V40, 0, 50792, NOSUPPORT),  # a camera has no IP channels
        (nvr, GET_PICCFG_V40, 1, 77140, CHANNEL_ERROR),  # the NVR has no channel 1
    ]
    for user, command, channel, size, code in cases:
        assert (
            sdk.NET_DVR_GetDVRConfig(user, command, channel, out, size, ctypes.byref(returned)) == 0
        )
        assert sdk.NET_DVR_GetLastError() == code, (command, channel)
    assert returned.value == UNTOUCHED


# ---- answers at the documented offsets ---------------------------------------------------------
def test_device_config_of_the_default_nvr(sdk: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    raw = get(sdk, login(sdk), GET_DEVICECFG_V40, 180)
    assert struct.unpack_from("<I", raw, 0)[0] == 180
    assert text(raw, 4, 32) == b"Network Video Recorder"
    assert text(raw, 44, 48) == b"DS-7608NI-K20820230410CCRRF00000001WCVU"
    assert struct.unpack_from("<I", raw, 92)[0] == (4 << 24) | (30 << 16) | 5
    assert struct.unpack_from("<I", raw, 96)[0] == 0x0017040A
    assert (raw[122], raw[124], raw[131], raw[170]) == (1, 0, 8, 0)  # disks, analog, IP, high
    assert struct.unpack_from("<H", raw, 138)[0] == 0x7608
    assert text(raw, 140, 24) == b"DS-7608NI-K208"
    assert struct.unpack_from("<H", raw, 172)[0] == 101
    fake_control.set_config_text(0, "sDVRName", "前门".encode("gbk"))
    assert text(get(sdk, login(sdk), GET_DEVICECFG_V40, 180), 4, 32) == "前门".encode("gbk")


def test_ip_channels_point_at_their_cameras(sdk: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    fake_control.set_channel(0, 35, online=False)
    raw = get(sdk, login(sdk), GET_IPPARACFG_V40, 50792)
    assert struct.unpack_from("<5I", raw, 0) == (50792, 1, 0, 8, 33)
    for index in range(8):
        mode = 19028 + 496 * index
        online, ip_id, channel, ip_id_high = raw[mode + 4 : mode + 8]
        assert raw[mode] == 0  # byGetStreamType: straight from the device
        assert (ip_id, channel, ip_id_high) == (index + 1, 1, 0)
        assert online == (index not in (2, 3))  # 35 set offline; 36 offline by default
        device = 84 + 296 * index
        assert raw[device] == 1
        assert text(raw, device + 116, 16) == f"192.168.1.{101 + index}".encode()
        assert struct.unpack_from("<H", raw, device + 260)[0] == 8000
    assert raw[19028 + 496 * 8 + 5] == 0  # no ninth channel


def test_channel_names_per_channel(sdk: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    fake_control.set_channel(0, 40, name="Gate ✓")
    user = login(sdk)
    assert text(get(sdk, user, GET_PICCFG_V40, 77140, 33), 4, 32) == b"IPCamera 01"
    assert text(get(sdk, user, GET_PICCFG_V40, 77140, 40), 4, 32) == "Gate ✓".encode()
    camera = login(sdk, 8001)
    assert text(get(sdk, camera, GET_PICCFG_V40, 77140, 1), 4, 32) == b"Camera 01"


def test_time_set_and_read_back(sdk: ctypes.CDLL) -> None:
    user = login(sdk)
    value = ctypes.create_string_buffer(struct.pack("<6I", 2031, 12, 24, 23, 59, 58), 24)
    assert sdk.NET_DVR_SetDVRConfig(user, SET_TIMECFG, 0, value, 24) == 1
    year, month, day, hour, minute, _second = struct.unpack("<6I", get(sdk, user, GET_TIMECFG, 24))
    assert (year, month, day, hour, minute) in ((2031, 12, 24, 23, 59), (2031, 12, 25, 0, 0))
    bad = ctypes.create_string_buffer(struct.pack("<6I", 2031, 2, 30, 0, 0, 0), 24)
    assert sdk.NET_DVR_SetDVRConfig(user, SET_TIMECFG, 0, bad, 24) == 0
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR


def test_reboot_is_recorded(sdk: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    user = login(sdk, 8002)
    assert sdk.NET_DVR_RebootDVR(user) == 1
    assert fake_control.get_int("reboots") == 1
    assert fake_control.get_int("last_reboot_user") == user
    assert fake_control.get_int("reboots:2") == 1
    assert fake_control.get_int("reboots:0") == 0


# ---- snapshots (3, 12) ------------------------------------------------------------------------
@pytest.mark.parametrize("user", [-1, 0, 5, 2048])
def test_capture_checks_the_parameters_before_the_id(sdk: ctypes.CDLL, user: int) -> None:
    buffer, returned = ctypes.create_string_buffer(64), ctypes.c_uint32(UNTOUCHED)
    capture = sdk.NET_DVR_CaptureJPEGPicture_NEW
    assert capture(user, 33, None, buffer, 64, ctypes.byref(returned)) == 0
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert capture(user, 33, jpeg_para(), buffer, 0, ctypes.byref(returned)) == 0
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert capture(user, 33, jpeg_para(), None, 0, None) == 0
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert returned.value == UNTOUCHED


@pytest.mark.parametrize(("user", "code"), [(-1, PARAMETER_ERROR), (5, USERNOTEXIST)])
def test_capture_without_size_returned_checks_the_id_first(
    sdk: ctypes.CDLL, user: int, code: int
) -> None:
    buffer = ctypes.create_string_buffer(64)
    assert sdk.NET_DVR_CaptureJPEGPicture_NEW(user, 33, jpeg_para(), buffer, 64, None) == 0
    assert sdk.NET_DVR_GetLastError() == code


def test_capture_answers_a_jpeg_per_channel(sdk: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    user = login(sdk)
    pictures = {}
    for channel in (33, 34):
        buffer, returned = ctypes.create_string_buffer(1 << 20), ctypes.c_uint32(0)
        assert (
            sdk.NET_DVR_CaptureJPEGPicture_NEW(
                user, channel, jpeg_para(0, 2), buffer, 1 << 20, ctypes.byref(returned)
            )
            == 1
        )
        pictures[channel] = buffer.raw[: returned.value]
    assert all(p.startswith(b"\xff\xd8") and p.endswith(b"\xff\xd9") for p in pictures.values())
    assert pictures[33] != pictures[34]
    assert fake_control.get_int("last_snapshot_channel") == 34
    assert fake_control.get_int("last_snapshot_size") == 0
    assert fake_control.get_int("last_snapshot_quality") == 2
    assert fake_control.get_int("snapshots") == 2


def test_capture_failures_leave_the_size_untouched(
    sdk: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    user = login(sdk)
    buffer, returned = ctypes.create_string_buffer(100), ctypes.c_uint32(UNTOUCHED)
    capture = sdk.NET_DVR_CaptureJPEGPicture_NEW
    assert capture(user, 33, jpeg_para(), buffer, 100, ctypes.byref(returned)) == 0
    assert sdk.NET_DVR_GetLastError() == NOENOUGH_BUF
    assert capture(user, 1, jpeg_para(), buffer, 100, ctypes.byref(returned)) == 0
    assert sdk.NET_DVR_GetLastError() == CHANNEL_ERROR
    assert capture(user, 33, jpeg_para(0xFF, 3), buffer, 100, ctypes.byref(returned)) == 0
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert capture(user, 36, jpeg_para(), buffer, 100, ctypes.byref(returned)) == 0
    assert sdk.NET_DVR_GetLastError() == 29  # the offline IP channel
    assert returned.value == UNTOUCHED


@pytest.mark.parametrize(
    ("mode", "expected"), [(SNAPSHOT_NOT_JPEG, b"<!DOCTYPE html>"), (SNAPSHOT_EMPTY, b"")]
)
def test_scripted_answers(
    sdk: ctypes.CDLL, fake_control: FakeSDKControl, mode: int, expected: bytes
) -> None:
    fake_control.set_snapshot_mode(0, mode)
    buffer, returned = ctypes.create_string_buffer(4096), ctypes.c_uint32(UNTOUCHED)
    assert (
        sdk.NET_DVR_CaptureJPEGPicture_NEW(
            login(sdk), 33, jpeg_para(), buffer, 4096, ctypes.byref(returned)
        )
        == 1
    )
    assert buffer.raw[: returned.value].startswith(expected)
    assert (returned.value == 0) == (mode == SNAPSHOT_EMPTY)


def test_a_large_picture_is_padded_with_comments(
    sdk: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    fake_control.set_snapshot_mode(0, SNAPSHOT_LARGE, 200_000)
    buffer, returned = ctypes.create_string_buffer(300_000), ctypes.c_uint32(0)
    assert (
        sdk.NET_DVR_CaptureJPEGPicture_NEW(
            login(sdk), 33, jpeg_para(), buffer, 300_000, ctypes.byref(returned)
        )
        == 1
    )
    assert 200_000 <= returned.value < 210_000
    data = buffer.raw[: returned.value]
    assert data.startswith(b"\xff\xd8")
    assert data.endswith(b"\xff\xd9")


def test_control_functions_refuse_bad_values(fake_control: FakeSDKControl) -> None:
    with pytest.raises(ValueError, match="no device"):
        fake_control.set_snapshot_mode(999, SNAPSHOT_EMPTY)
    with pytest.raises(ValueError, match="refused"):
        fake_control.set_snapshot_mode(0, 7)
    with pytest.raises(KeyError):
        fake_control.set_config_text(0, "sNoSuchField", b"x")
    with pytest.raises(ValueError, match="refused"):
        fake_control.set_config_text(0, "sDVRName", b"x" * 33)
    with pytest.raises(ValueError, match="channel 1"):
        fake_control.set_channel(0, 1, name="no such channel")
    with pytest.raises(ValueError, match="channel 1"):
        fake_control.set_channel(1, 1, online=False)  # analog channels have no online flag


def test_the_binding_declares_the_four_functions_as_the_facts_do() -> None:
    """sdk-facts-features.md 3 and 4: BOOL results (0 on failure), LONG ids and channels, DWORD
    commands and sizes, LPDWORD outputs; all optional (an old SDK may lack one)."""
    table = _native.PROTOTYPE_BY_NAME
    long_, dword = _native.LONG, _native.DWORD
    expected = {
        "NET_DVR_GetDVRConfig": (long_, dword, long_, ctypes.c_void_p, dword),
        "NET_DVR_SetDVRConfig": (long_, dword, long_, ctypes.c_void_p, dword),
        "NET_DVR_RebootDVR": (long_,),
        "NET_DVR_CaptureJPEGPicture_NEW": (long_, long_),
    }
    for name, head in expected.items():
        proto = table[name]
        assert (proto.restype, proto.failure, proto.required) == (_native.BOOL, 0, False)
        assert proto.argtypes[: len(head)] == head, name
    assert table["NET_DVR_GetDVRConfig"].argtypes[5]._type_ is dword
    capture = table["NET_DVR_CaptureJPEGPicture_NEW"].argtypes
    assert capture[2]._type_ is native_config.NET_DVR_JPEGPARA
    assert (capture[4], capture[5]._type_) == (dword, dword)


def test_the_areas_internals_stay_inside_the_library(fake_sdk_path: Path) -> None:
    lib = ctypes.CDLL(str(fake_sdk_path))
    for exported in (
        "NET_DVR_GetDVRConfig",
        "NET_DVR_CaptureJPEGPicture_NEW",
        "fake_config_set_text",
    ):
        assert hasattr(lib, exported), exported
    for internal in (
        "cfg_for_locked",
        "user_device_locked",
        "channel_slot",
        "g_snapshot",
        "config_reset_locked",
        "config_get_int",
        "config_struct_layout",
    ):
        assert not hasattr(lib, internal), internal


def test_reset_and_redefinition_restore_the_defaults(
    sdk: ctypes.CDLL, fake_control: FakeSDKControl, fake_sdk_path: Path
) -> None:
    fake_control.set_config_text(0, "sDVRName", b"renamed")
    fake_control.set_config_text(1, "sDVRName", b"renamed too")
    assert text(get(sdk, login(sdk), GET_DEVICECFG_V40, 180), 4, 32) == b"renamed"
    fake_control.add_device("127.0.0.1", 8001)  # redefined: a new device at that address
    assert text(get(sdk, login(sdk, 8001), GET_DEVICECFG_V40, 180), 4, 32) == b"IP CAMERA"
    fake_control.reset()
    lib = _declare(ctypes.CDLL(str(fake_sdk_path)))
    assert lib.NET_DVR_Init() == 1
    raw = get(lib, login(lib), GET_DEVICECFG_V40, 180)
    assert text(raw, 4, 32) == b"Network Video Recorder"
    assert fake_control.get_int("last_snapshot_channel") == -1
