"""The fake HCNetSDK's stream and PTZ areas through raw ctypes, against sdk-facts-features.md 1, 6
and 8: independent of the binding's ``_native`` declarations (minimal prototypes, structs as
bytes at the documented offsets)."""

from __future__ import annotations

import ctypes
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hcnetsdk._simcontrol import FakeSDKControl

NOINIT, CHANNEL_ERROR, ORDER_ERROR, PARAMETER_ERROR, USERNOTEXIST = 3, 4, 12, 17, 47
CALLBACK = ctypes.CFUNCTYPE(
    None, ctypes.c_int32, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p
)


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    i32, u32, vp = ctypes.c_int32, ctypes.c_uint32, ctypes.c_void_p
    table: dict[str, tuple[object, list[object]]] = {
        "NET_DVR_Init": (ctypes.c_int, []),
        "NET_DVR_GetLastError": (u32, []),
        "NET_DVR_Login_V40": (i32, [vp, vp]),
        "NET_DVR_Logout": (ctypes.c_int, [i32]),
        "NET_DVR_RealPlay_V40": (i32, [i32, vp, CALLBACK, vp]),
        "NET_DVR_StopRealPlay": (ctypes.c_int, [i32]),
        "NET_DVR_PTZControlWithSpeed_Other": (ctypes.c_int, [i32, i32, u32, u32, u32]),
        "NET_DVR_PTZPreset_Other": (ctypes.c_int, [i32, i32, u32, u32]),
    }
    for name, (restype, argtypes) in table.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


def preview(channel: int, stream_type: int = 0) -> ctypes.Array[ctypes.c_char]:
    info = ctypes.create_string_buffer(280)  # NET_DVR_PREVIEWINFO
    struct.pack_into("<iIIII", info, 0, channel, stream_type, 0, 0, 1)
    return info


class Recorder:
    """Copies every packet while the callback runs; keeps the pointer to read it afterwards."""

    def __init__(self) -> None:
        self.packets: list[tuple[int, int, bytes, int]] = []
        self.threads: set[int] = set()
        self.callback = CALLBACK(self._on_data)

    def _on_data(self, handle: int, kind: int, buffer: int | None, size: int, user: int) -> None:
        self.threads.add(threading.get_ident())
        self.packets.append((handle, kind, ctypes.string_at(buffer or 0, size), buffer or 0))


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[ctypes.CDLL]:
    lib = _declare(ctypes.CDLL(str(fake_sdk_path)))
    assert lib.NET_DVR_Init() == 1
    yield lib
    fake_control.reset()  # stops every stream before the callbacks are released


def login(sdk: ctypes.CDLL, port: int = 8000) -> int:
    info = ctypes.create_string_buffer(416)
    ctypes.memmove(info, b"127.0.0.1", 9)
    struct.pack_into("<H", info, 130, port)
    ctypes.memmove(ctypes.addressof(info) + 132, b"admin", 5)
    ctypes.memmove(ctypes.addressof(info) + 196, b"12345", 5)
    user_id: int = sdk.NET_DVR_Login_V40(info, ctypes.create_string_buffer(344))
    assert user_id >= 0
    return user_id


def test_realplay_checks_in_the_measured_order(
    sdk: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    recorder = Recorder()
    for user in (0, 5, -1, 2048):  # NULL info: 17 before the id is looked at
        assert sdk.NET_DVR_RealPlay_V40(user, None, recorder.callback, None) == -1
        assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert sdk.NET_DVR_RealPlay_V40(5, preview(33), recorder.callback, None) == -1
    assert sdk.NET_DVR_GetLastError() == USERNOTEXIST
    assert sdk.NET_DVR_RealPlay_V40(-1, preview(33), recorder.callback, None) == -1
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    user = login(sdk)
    assert sdk.NET_DVR_RealPlay_V40(user, preview(1), recorder.callback, None) == -1
    assert sdk.NET_DVR_GetLastError() == CHANNEL_ERROR  # the NVR's channels are 33..40
    assert sdk.NET_DVR_RealPlay_V40(user, preview(33, 4), recorder.callback, None) == -1
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    # StopRealPlay with a bad handle: the previous error stays, 12 only after a success
    assert sdk.NET_DVR_StopRealPlay(7) == 0
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert sdk.NET_DVR_Logout(user) == 1
    fake_control.reset()
    assert sdk.NET_DVR_Init() == 1
    assert sdk.NET_DVR_StopRealPlay(7) == 0
    assert sdk.NET_DVR_GetLastError() == ORDER_ERROR
    assert recorder.packets == []


def test_the_header_comes_before_realplay_returns_then_ps_packets(
    sdk: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    fake_control.stream_config(bits_per_second=0, packets=3, packet_size=1000)
    recorder = Recorder()
    user = login(sdk)
    handle = sdk.NET_DVR_RealPlay_V40(user, preview(34, 1), recorder.callback, 0x77)
    assert handle >= 0
    assert len(recorder.packets) >= 1  # delivered before the handle was returned
    fake_control.stream_wait_done(handle)
    assert [(h, kind) for h, kind, _, _ in recorder.packets] == [(handle, 1)] + [(handle, 2)] * 3
    assert threading.get_ident() not in recorder.threads  # a thread of the fake's own
    header = recorder.packets[0][2]
    assert (len(header), header[:4], header[12], header[13]) == (40, b"IMKH", 34, 1)
    data = [packet for _, _, packet, _ in recorder.packets[1:]]
    for packet in data:
        assert len(packet) == 1000
        assert packet[:4] == b"\x00\x00\x01\xba"  # PS pack header
        assert packet[14:18] == b"\x00\x00\x01\xe0"  # video PES
        assert struct.unpack_from(">H", packet, 18)[0] == 1000 - 20
    assert len({packet[23:] for packet in data}) == 3  # no constant pattern
    assert len(set(data[0][23:])) > 200
    info = fake_control.stream_info(handle)
    assert (info["packets"], info["bytes"], info["running"], info["open"]) == (4, 3040, 0, 1)
    assert sdk.NET_DVR_StopRealPlay(handle) == 1
    assert sdk.NET_DVR_StopRealPlay(handle) == 0  # once

    fake_control.stream_config(bits_per_second=8)  # the header, then a wait of hours
    waiting = Recorder()
    handle = sdk.NET_DVR_RealPlay_V40(user, preview(33), waiting.callback, None)
    kept = waiting.packets[0][3]  # the thread and its buffer are alive
    assert ctypes.string_at(kept, 40) == b"\xa5" * 40  # overwritten once the callback returned
    assert sdk.NET_DVR_StopRealPlay(handle) == 1


def test_stop_logout_and_the_pace(sdk: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    fake_control.stream_config(bits_per_second=8 * 8192 * 1000)  # 1000 packets/s, no end
    recorder = Recorder()
    user = login(sdk)
    first = sdk.NET_DVR_RealPlay_V40(user, preview(33), recorder.callback, None)
    second = sdk.NET_DVR_RealPlay_V40(user, preview(33), recorder.callback, None)
    assert (first, second) == (0, 1)  # the lowest free handles
    assert sdk.NET_DVR_StopRealPlay(first) == 1
    after = fake_control.stream_info(first)["packets"]
    assert fake_control.stream_info(first)["running"] == 0  # StopRealPlay waited for the thread
    assert fake_control.get_int("streams_open") == 1
    assert sdk.NET_DVR_Logout(user) == 1  # the user's streams stop with it
    fake_control.stream_wait_done(second)
    assert fake_control.get_int("streams_open") == 0
    assert sdk.NET_DVR_StopRealPlay(second) == 0
    assert fake_control.stream_info(first)["packets"] == after
    with pytest.raises(ValueError, match="out of range"):
        fake_control.stream_config(packet_size=63)
    with pytest.raises(KeyError):
        fake_control.stream_info(4095)


def test_ptz_checks_the_id_before_the_values(
    sdk: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    control, preset = sdk.NET_DVR_PTZControlWithSpeed_Other, sdk.NET_DVR_PTZPreset_Other
    for user, code in ((5, USERNOTEXIST), (-1, PARAMETER_ERROR), (2048, PARAMETER_ERROR)):
        assert control(user, 1, 9999, 2, 0) == 0
        assert sdk.NET_DVR_GetLastError() == code
        assert preset(user, 1, 9999, 0) == 0
        assert sdk.NET_DVR_GetLastError() == code
    user = login(sdk, 8001)  # a camera: channel 1
    for args in ((1, 9999, 0, 4), (1, 24, 2, 4), (1, 24, 0, 0), (1, 24, 0, 8)):
        assert control(user, *args) == 0
        assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert control(user, 2, 24, 0, 4) == 0
    assert sdk.NET_DVR_GetLastError() == CHANNEL_ERROR
    for preset_args in ((1, 10, 1), (1, 8, 0), (1, 8, 301)):
        assert preset(user, *preset_args) == 0
        assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert control(user, 1, 24, 0, 7) == 1
    dev = fake_control.find_device("127.0.0.1", 8001)
    assert dev is not None
    assert fake_control.ptz_state(dev, 1).moving == 24
    assert preset(user, 1, 39, 300) == 1
    state = fake_control.ptz_state(dev, 1)
    assert (state.moving, state.preset, state.commands) == (0, 300, 2)
    sdk.NET_DVR_Logout(user)
    assert sdk.NET_DVR_Logout(user) == 0
    assert control(user, 1, 24, 0, 7) == 0
    assert sdk.NET_DVR_GetLastError() == USERNOTEXIST
    fake_control.reset()
    assert control(0, 1, 24, 0, 7) == 0
    assert sdk.NET_DVR_GetLastError() == NOINIT
    assert fake_control.ptz_log() == []


def test_the_bindings_declarations_match_the_facts() -> None:
    from hcnetsdk import _native
    from hcnetsdk._native import ptz, stream

    table = _native.PROTOTYPE_BY_NAME
    realplay = table["NET_DVR_RealPlay_V40"]
    assert (realplay.restype, realplay.failure) == (_native.LONG, -1)
    assert realplay.argtypes[0] is _native.LONG
    assert realplay.argtypes[2] is stream.fRealDataCallBack
    assert table["NET_DVR_StopRealPlay"].argtypes == (_native.LONG,)
    args = (_native.LONG, _native.DWORD, ctypes.c_void_p, _native.DWORD, ctypes.c_void_p)
    assert stream.fRealDataCallBack._argtypes_ == args  # pBuffer never a c_char_p
    long, dword = _native.LONG, _native.DWORD
    assert table["NET_DVR_PTZControlWithSpeed_Other"].argtypes == (long, long, dword, dword, dword)
    assert table["NET_DVR_PTZPreset_Other"].argtypes == (long, long, dword, dword)
    assert (ptz.SET_PRESET, ptz.CLE_PRESET, ptz.GOTO_PRESET) == (8, 9, 39)
    info = stream.NET_DVR_PREVIEWINFO
    assert ctypes.sizeof(info) == 280
    offsets = {name: getattr(info, name).offset for name, _ in info._fields_}
    assert offsets["byStreamID"] == 25
    assert offsets["dwDisplayBufNum"] == 60
    assert offsets["byDataType"] == 66
