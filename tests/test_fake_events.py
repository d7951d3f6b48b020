"""The fake HCNetSDK's events area, through raw ctypes, against sdk-facts-features.md section 5.

Like ``test_fake_sdk.py``, independent of the binding's ``_native`` declarations: minimal
prototypes, payloads read as bytes at the documented offsets. Callbacks copy everything they are
given while they run (as the binding must) and record the thread they ran on.
"""

from __future__ import annotations

import ctypes
import socket
import struct
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simevents import FILL_BYTE, ISAPI_JSON

# ---- facts (sdk-facts-features.md 5.3-5.7) -------------------------------------------------
NOINIT, ORDER_ERROR, PARAMETER_ERROR, USERNOTEXIST = 3, 12, 17, 47
COMM_ALARM_V30, COMM_ALARM_V40, COMM_ISAPI_ALARM = 0x4000, 0x4007, 0x6009
EXCEPTION_ALARM, ALARM_RECONNECTSUCCESS = 0x8002, 0x8016
REPLY = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"

SIZES = {
    "NET_DVR_SETUPALARM_PARAM_V50": 148,
    "NET_DVR_ALARMER": 372,
    "NET_DVR_ALARMINFO_V30": 268,
    "NET_DVR_TIME_EX": 8,
    "NET_DVR_ALRAM_FIXED_HEADER": 152,
    "NET_DVR_ALARMINFO_V40": 160,
    "NET_DVR_ALARM_ISAPI_INFO": 56,
    "NET_DVR_ALARM_ISAPI_PICDATA": 272,
}
_SETUP_BYTES = [
    "byLevel",
    "byAlarmInfoType",
    "byRetAlarmTypeV40",
    "byRetDevInfoVersion",
    "byRetVQDAlarmType",
    "byFaceAlarmDetection",
    "bySupport",
    "byBrokenNetHttp",
]
OFFSETS: dict[str, dict[str, int]] = {
    "NET_DVR_SETUPALARM_PARAM_V50": {
        "dwSize": 0,
        **{name: 4 + i for i, name in enumerate(_SETUP_BYTES)},
        "wTaskNo": 12,
        "byDeployType": 14,
        "bySubScription": 15,
        "byBrokenNetHttpV60": 16,
        "byRes1": 17,
        "byAlarmTypeURL": 18,
        "byCustomCtrl": 19,
        "byRes4": 20,
    },
    "NET_DVR_ALARMER": {
        "byUserIDValid": 0,
        "bySerialValid": 1,
        "byVersionValid": 2,
        "byDeviceNameValid": 3,
        "byMacAddrValid": 4,
        "byLinkPortValid": 5,
        "byDeviceIPValid": 6,
        "bySocketIPValid": 7,
        "lUserID": 8,
        "sSerialNumber": 12,
        "dwDeviceVersion": 60,
        "sDeviceName": 64,
        "byMacAddr": 96,
        "wLinkPort": 102,
        "sDeviceIP": 104,
        "sSocketIP": 232,
        "byIpProtocol": 360,
        "byRes1": 361,
        "bJSONBroken": 363,
        "wSocketPort": 364,
        "byRes2": 366,
    },
    "NET_DVR_ALARMINFO_V30": {
        "dwAlarmType": 0,
        "dwAlarmInputNumber": 4,
        "byAlarmOutputNumber": 8,
        "byAlarmRelateChannel": 104,
        "byChannel": 168,
        "byDiskNumber": 232,
    },
    "NET_DVR_TIME_EX": {
        "wYear": 0,
        "byMonth": 2,
        "byDay": 3,
        "byHour": 4,
        "byMinute": 5,
        "bySecond": 6,
        "byRes": 7,
    },
    "NET_DVR_ALRAM_FIXED_HEADER": {
        "dwAlarmType": 0,
        "struAlarmTime": 4,
        "uStruAlarm": 16,
        "pRes": 136,
        "byTimeDiffFlag": 144,
        "cTimeDifferenceH": 145,
        "cTimeDifferenceM": 146,
        "byRes": 147,
        "wDevInfoIvmsChannel": 148,
        "byRes2": 150,
        "uStruAlarm.struIOAlarm": 16,
        "uStruAlarm.struAlarmChannel": 16,
        "uStruAlarm.struAlarmHardDisk": 16,
        "uStruAlarm.struRecordingHost": 16,
        "uStruAlarm.struVoltageInstable": 16,
        "uStruAlarm.struPTLocking": 16,
        "uStruAlarm.struLogException": 16,
        "uStruAlarm.struAbnormalReboot": 16,
        "uStruAlarm.struAlarmChannel.dwAlarmChanNum": 16,
        "uStruAlarm.struAlarmChannel.dwPicLen": 20,
        "uStruAlarm.struAlarmChannel.byPicURL": 24,
        "uStruAlarm.struAlarmChannel.pDataBuff": 32,
        "uStruAlarm.struIOAlarm.dwAlarmInputNo": 16,
        "uStruAlarm.struIOAlarm.dwTrigerAlarmOutNum": 20,
        "uStruAlarm.struIOAlarm.dwTrigerRecordChanNum": 24,
        "uStruAlarm.struAlarmHardDisk.dwAlarmHardDiskNum": 16,
    },
    "NET_DVR_ALARMINFO_V40": {"struAlarmFixedHeader": 0, "pAlarmData": 152},
    "NET_DVR_ALARM_ISAPI_INFO": {
        "pAlarmData": 0,
        "dwAlarmDataLen": 8,
        "byDataType": 12,
        "byPicturesNumber": 13,
        "byRes": 14,
        "pPicPackData": 16,
        "byRes1": 24,
    },
    "NET_DVR_ALARM_ISAPI_PICDATA": {
        "dwPicLen": 0,
        "byPicType": 4,
        "byRes": 5,
        "szFilename": 8,
        "pPicData": 264,
    },
}
A = OFFSETS["NET_DVR_ALARMER"]
NVR_SERIAL = b"DS-7608NI-K20820230410CCRRF00000001WCVU"

MSG = ctypes.CFUNCTYPE(
    None, ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p
)
EXC = ctypes.CFUNCTYPE(None, ctypes.c_uint32, ctypes.c_int32, ctypes.c_int32, ctypes.c_void_p)


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    c_int, c_int32, c_uint32, c_void_p = (
        ctypes.c_int,
        ctypes.c_int32,
        ctypes.c_uint32,
        ctypes.c_void_p,
    )
    table: dict[str, tuple[object, list[object]]] = {
        "NET_DVR_Init": (c_int, []),
        "NET_DVR_Cleanup": (c_int, []),
        "NET_DVR_GetLastError": (c_uint32, []),
        "NET_DVR_SetRecvTimeOut": (c_int, [c_uint32]),
        "NET_DVR_Login_V40": (c_int32, [c_void_p, c_void_p]),
        "NET_DVR_Logout": (c_int, [c_int32]),
        "NET_DVR_SetDVRMessageCallBack_V50": (c_int, [c_int, MSG, c_void_p]),
        "NET_DVR_SetupAlarmChan_V50": (c_int32, [c_int32, c_void_p, c_void_p, c_uint32]),
        "NET_DVR_CloseAlarmChan_V30": (c_int, [c_int32]),
        "NET_DVR_SetExceptionCallBack_V30": (c_int, [ctypes.c_uint, c_void_p, EXC, c_void_p]),
        "NET_DVR_StartListen_V30": (c_int32, [ctypes.c_char_p, ctypes.c_uint16, MSG, c_void_p]),
        "NET_DVR_StopListen_V30": (c_int, [c_int32]),
    }
    for name, (restype, argtypes) in table.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


# ---- recording callbacks ---------------------------------------------------------------------
def u32(raw: bytes, offset: int) -> int:
    value: int = struct.unpack_from("<I", raw, offset)[0]
    return value


def i32(raw: bytes, offset: int) -> int:
    value: int = struct.unpack_from("<i", raw, offset)[0]
    return value


def ptr(raw: bytes, offset: int) -> int:
    value: int = struct.unpack_from("<Q", raw, offset)[0]
    return value


def text(raw: bytes, offset: int, size: int) -> bytes:
    return raw[offset : offset + size].split(b"\0", 1)[0]


@dataclass
class Message:
    command: int
    alarmer: bytes
    payload: bytes
    length: int
    user: int | None
    thread: int
    info_address: int
    alarmer_address: int
    data: bytes = b""
    """What the payload points to: the ISAPI body, or a V40 alarm's DWORD list."""
    pictures: list[tuple[bytes, int, bytes]] = field(default_factory=list)
    """ISAPI pictures: (file name, picture type, bytes)."""


def _copy(address: int, length: int) -> bytes:
    return ctypes.string_at(address, length) if address and length > 0 else b""


def _decode(message: Message) -> None:
    """Follow the payload's pointers while the callback runs (afterwards they are garbage)."""
    p = message.payload
    if message.command == COMM_ISAPI_ALARM and len(p) == 56:
        message.data = _copy(ptr(p, 0), u32(p, 8))
        table = ptr(p, 16)
        for index in range(p[13] if table else 0):
            pic = ctypes.string_at(table + 272 * index, 272)
            message.pictures.append((text(pic, 8, 256), pic[4], _copy(ptr(pic, 264), u32(pic, 0))))
    elif message.command == COMM_ALARM_V40 and len(p) == 160:
        kind = u32(p, 0)
        if kind == 0:
            count = u32(p, 20) + u32(p, 24)
        elif kind in (1, 4, 5):
            count = u32(p, 16)
        else:
            count = u32(p, 16)
        message.data = _copy(ptr(p, 152), 4 * count)


class Recorder:
    """A message and an exception callback that record copies, with an optional hook."""

    def __init__(self, hook: Callable[[Message], None] | None = None) -> None:
        self.messages: list[Message] = []
        self.exceptions: list[tuple[int, int, int, int | None, int]] = []
        self.hook = hook
        self.errors: list[BaseException] = []
        self.message_callback = MSG(self._on_message)
        self.exception_callback = EXC(self._on_exception)

    def _on_message(
        self, command: int, alarmer: int | None, info: int | None, length: int, user: int | None
    ) -> None:
        try:
            message = Message(
                command,
                _copy(alarmer or 0, 372),
                _copy(info or 0, length),
                length,
                user,
                threading.get_ident(),
                info or 0,
                alarmer or 0,
            )
            _decode(message)
            self.messages.append(message)
            if self.hook is not None:
                self.hook(message)
        except BaseException as exc:  # pragma: no cover - reported by the test
            self.errors.append(exc)

    def _on_exception(self, kind: int, user_id: int, handle: int, user: int | None) -> None:
        self.exceptions.append((kind, user_id, handle, user, threading.get_ident()))


@dataclass
class Events:
    sdk: ctypes.CDLL
    control: FakeSDKControl
    keep: list[object] = field(default_factory=list)

    def recorder(
        self, hook: Callable[[Message], None] | None = None, *, user: int = 0x1234
    ) -> Recorder:
        """A recorder registered as the V50 index-0 and the exception callback."""
        recorder = Recorder(hook)
        self.keep.append(recorder)
        assert self.sdk.NET_DVR_SetDVRMessageCallBack_V50(0, recorder.message_callback, user) == 1
        assert (
            self.sdk.NET_DVR_SetExceptionCallBack_V30(0, None, recorder.exception_callback, user)
            == 1
        )
        return recorder

    def login(self, port: int = 8000) -> int:
        info = ctypes.create_string_buffer(416)
        ctypes.memmove(info, b"127.0.0.1", 9)
        struct.pack_into("<H", info, 130, port)
        ctypes.memmove(ctypes.addressof(info) + 132, b"admin", 5)
        ctypes.memmove(ctypes.addressof(info) + 196, b"12345", 5)
        user_id: int = self.sdk.NET_DVR_Login_V40(info, ctypes.create_string_buffer(344))
        assert user_id >= 0, self.sdk.NET_DVR_GetLastError()
        return user_id

    def arm(self, user_id: int, size: int = 148, **fields: int) -> int:
        handle: int = self.sdk.NET_DVR_SetupAlarmChan_V50(
            user_id, setup_param(size, **fields), None, 0
        )
        return handle

    def listen(self, port: int, recorder: Recorder | None, user: int | None = None) -> int:
        """StartListen_V30 on 127.0.0.1 with the recorder's callback (None: a NULL one)."""
        callback = MSG() if recorder is None else recorder.message_callback
        handle: int = self.sdk.NET_DVR_StartListen_V30(b"127.0.0.1", port, callback, user)
        return handle

    def set_error(self, code: int) -> None:
        """This thread's last error becomes ``code`` (a scripted SetRecvTimeOut failure)."""
        self.control.fail_next("NET_DVR_SetRecvTimeOut", code)
        assert self.sdk.NET_DVR_SetRecvTimeOut(1000) == (0 if code else 1)
        assert self.sdk.NET_DVR_GetLastError() == code


def setup_param(size: int = 148, **fields: int) -> ctypes.Array[ctypes.c_char]:
    param = ctypes.create_string_buffer(148)
    struct.pack_into("<I", param, 0, size)
    for name, value in fields.items():
        struct.pack_into("<B", param, OFFSETS["NET_DVR_SETUPALARM_PARAM_V50"][name], value)
    return param


@pytest.fixture
def events(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[Events]:
    """Initialised, default site; callbacks kept alive until the fake is reset."""
    helper = Events(_declare(ctypes.CDLL(str(fake_sdk_path))), fake_control)
    assert helper.sdk.NET_DVR_Init() == 1
    yield helper
    fake_control.reset()  # stops every delivery before the callbacks are released
    helper.keep.clear()


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> ctypes.CDLL:
    """Not initialised."""
    return _declare(ctypes.CDLL(str(fake_sdk_path)))


def free_port(family: int = socket.AF_INET, host: str = "127.0.0.1") -> int:
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def exchange(port: int, request: bytes, host: str = "127.0.0.1") -> bytes:
    """Send raw bytes, read until the peer closes; a reset reads as b"" with an error marker."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as client:
        client.settimeout(10)
        client.connect((host, port))
        client.sendall(request)
        received = b""
        try:
            while chunk := client.recv(65536):
                received += chunk
        except ConnectionResetError:
            return received + b"<RST>"
        return received


def post(body: bytes, content_type: str = "application/xml") -> bytes:
    return (
        f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body


XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\r\n<EventNotificationAlert version="2.0" '
    b'xmlns="http://www.isapi.org/ver20/XMLSchema">\r\n<ipAddress>127.0.0.1</ipAddress>\r\n'
    b"<portNo>80</portNo>\r\n<protocol>HTTP</protocol>\r\n<channelID>1</channelID>\r\n"
    b"<dateTime>2023-04-10T10:00:00+08:00</dateTime>\r\n<activePostCount>1</activePostCount>\r\n"
    b"<eventType>VMD</eventType>\r\n<eventState>active</eventState>\r\n"
    b"<eventDescription>Motion alarm</eventDescription>\r\n</EventNotificationAlert>\r\n"
)
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(200)) + b"\xff\xd9"


# ---- layouts ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "size"), SIZES.items())
def test_struct_sizes_match_the_facts(fake_control: FakeSDKControl, name: str, size: int) -> None:
    assert fake_control.sizeof(name) == size


@pytest.mark.parametrize(("name", "offsets"), OFFSETS.items())
def test_struct_offsets_match_the_facts(
    fake_control: FakeSDKControl, name: str, offsets: dict[str, int]
) -> None:
    assert {f: fake_control.offsetof(name, f) for f in offsets} == offsets


def test_only_sdk_and_control_functions_are_exported(fake_sdk_path: Path) -> None:
    lib = ctypes.CDLL(str(fake_sdk_path))
    for name in ("NET_DVR_StartListen_V30", "fake_push_isapi", "fake_events_wait_idle"):
        assert hasattr(lib, name), name
    for internal in (
        "ev",
        "ev_lock",
        "ev_enqueue",
        "ev_build_payload",
        "events_reset",
        "events_get_int",
        "events_user_gone_locked",
        "fail_stale_handle",
        "http_read_request",
        "listen_stop_all_locked",
        "t_fake_thread",
    ):
        assert not hasattr(lib, internal), internal


# ---- failure values (1.3, 1.4, 5.2, 5.3, 5.6, 5.7) -------------------------------------------
def test_every_events_function_fails_before_init(sdk: ctypes.CDLL) -> None:
    recorder = Recorder()
    calls: list[tuple[str, Callable[[], int], int]] = [
        (
            "V50",
            lambda: sdk.NET_DVR_SetDVRMessageCallBack_V50(0, recorder.message_callback, None),
            0,
        ),
        ("Setup", lambda: sdk.NET_DVR_SetupAlarmChan_V50(0, setup_param(), None, 0), -1),
        ("Close", lambda: sdk.NET_DVR_CloseAlarmChan_V30(0), 0),
        (
            "Exc",
            lambda: sdk.NET_DVR_SetExceptionCallBack_V30(
                0, None, recorder.exception_callback, None
            ),
            0,
        ),
        (
            "Listen",
            lambda: sdk.NET_DVR_StartListen_V30(
                b"127.0.0.1", free_port(), recorder.message_callback, None
            ),
            -1,
        ),
        ("Stop", lambda: sdk.NET_DVR_StopListen_V30(0), 0),
    ]
    for name, call, failed in calls:
        assert call() == failed, name
        assert sdk.NET_DVR_GetLastError() == NOINIT, name


def test_message_callback_indices(events: Events) -> None:
    recorder = Recorder()
    events.keep.append(recorder)
    sdk = events.sdk
    for index in (0, 1, 2, 15):
        assert sdk.NET_DVR_SetDVRMessageCallBack_V50(index, recorder.message_callback, 7) == 1
        assert sdk.NET_DVR_GetLastError() == 0
        assert events.control.get_int(f"message_callback_set:{index}") == 1
    for index in (16, 17, 100, -1):
        assert sdk.NET_DVR_SetDVRMessageCallBack_V50(index, recorder.message_callback, 7) == 0
        assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert sdk.NET_DVR_SetDVRMessageCallBack_V50(0, MSG(), None) == 1  # NULL accepted
    assert events.control.get_int("message_callback_set:0") == 0


def test_exception_callback_reserved_arguments_are_not_checked(events: Events) -> None:
    recorder = Recorder()
    events.keep.append(recorder)
    sdk = events.sdk
    assert sdk.NET_DVR_SetExceptionCallBack_V30(0x400, 0x55, recorder.exception_callback, 9) == 1
    assert sdk.NET_DVR_GetLastError() == 0
    assert events.control.get_int("exception_callback_set") == 1
    assert sdk.NET_DVR_SetExceptionCallBack_V30(0, None, EXC(), None) == 1
    assert events.control.get_int("exception_callback_set") == 0


def test_setup_alarm_chan_checks_the_user_id_first(events: Events) -> None:
    sdk = events.sdk
    for user_id, code in ((0, USERNOTEXIST), (5, USERNOTEXIST), (2047, USERNOTEXIST)):
        for param in (setup_param(), None, setup_param(0)):
            assert sdk.NET_DVR_SetupAlarmChan_V50(user_id, param, None, 0) == -1
            assert sdk.NET_DVR_GetLastError() == code
    for user_id in (-1, 2048, 99999):
        assert sdk.NET_DVR_SetupAlarmChan_V50(user_id, setup_param(), None, 0) == -1
        assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR


def test_setup_alarm_chan_on_a_session(events: Events) -> None:
    sdk, control = events.sdk, events.control
    user_id = events.login()
    for size in (0, 20, 147, 149):
        assert events.arm(user_id, size) == -1
        assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert sdk.NET_DVR_SetupAlarmChan_V50(user_id, None, None, 0) == -1
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    sub = b"<SubscribeEvent><eventMode>all</eventMode></SubscribeEvent>"
    param = setup_param(byLevel=1, byAlarmInfoType=1, byRetAlarmTypeV40=1, byDeployType=1)
    first = sdk.NET_DVR_SetupAlarmChan_V50(user_id, param, sub, len(sub))
    assert first == 0
    assert sdk.NET_DVR_GetLastError() == 0
    assert control.get_int("last_alarm_level") == 1
    assert control.get_int("last_alarm_info_type") == 1
    assert control.get_int("last_alarm_ret_v40") == 1
    assert control.get_int("last_alarm_deploy_type") == 1
    assert control.get_int("last_alarm_sub_len") == len(sub)
    assert control.get_str("last_alarm_sub") == sub.decode()
    assert events.arm(user_id) == 1  # a second channel gets the next handle
    assert control.get_int("alarm_channels_open") == 2
    assert control.get_int("last_alarm_sub_len") == -1  # pSub NULL
    assert sdk.NET_DVR_Logout(user_id) == 1  # closes its channels
    assert control.get_int("alarm_channels_open") == 0
    assert events.arm(user_id) == -1
    assert sdk.NET_DVR_GetLastError() == USERNOTEXIST


def test_close_alarm_chan_keeps_a_previous_error(events: Events) -> None:
    sdk = events.sdk
    events.set_error(0)
    for handle in (0, 5, 2047, -1, 2048, 99999):
        assert sdk.NET_DVR_CloseAlarmChan_V30(handle) == 0
        assert sdk.NET_DVR_GetLastError() == ORDER_ERROR
    for previous in (USERNOTEXIST, PARAMETER_ERROR):
        events.set_error(previous)
        assert sdk.NET_DVR_CloseAlarmChan_V30(3) == 0
        assert sdk.NET_DVR_GetLastError() == previous
    handle = events.arm(events.login())
    assert sdk.NET_DVR_CloseAlarmChan_V30(handle) == 1
    assert sdk.NET_DVR_GetLastError() == 0
    assert sdk.NET_DVR_CloseAlarmChan_V30(handle) == 0
    assert sdk.NET_DVR_GetLastError() == ORDER_ERROR
    assert events.control.get_int("alarm_channels_open") == 0


def test_stop_listen_keeps_a_previous_error(events: Events) -> None:
    sdk = events.sdk
    events.set_error(0)
    for handle in (0, -1, 5, 512, 99999):
        assert sdk.NET_DVR_StopListen_V30(handle) == 0
        assert sdk.NET_DVR_GetLastError() == ORDER_ERROR
    events.set_error(USERNOTEXIST)
    assert sdk.NET_DVR_StopListen_V30(0) == 0
    assert sdk.NET_DVR_GetLastError() == USERNOTEXIST


def test_fail_next_targets_the_events_functions(events: Events) -> None:
    events.control.fail_next("NET_DVR_StartListen_V30", 44)
    assert events.sdk.NET_DVR_StartListen_V30(b"127.0.0.1", free_port(), MSG(), None) == -1
    assert events.sdk.NET_DVR_GetLastError() == 44
    events.control.fail_next("NET_DVR_SetupAlarmChan_V50", 24)
    assert events.arm(events.login()) == -1
    assert events.sdk.NET_DVR_GetLastError() == 24
    assert events.control.get_int("calls:NET_DVR_SetupAlarmChan_V50") == 1


# ---- alarm channels --------------------------------------------------------------------------
def test_an_alarm_arrives_on_the_fakes_thread_with_its_sender(events: Events) -> None:
    recorder = events.recorder(user=0x5151)
    user_id = events.login()
    handle = events.arm(user_id)
    events.control.push_alarm_v30(user_id, 3, [1, 33, 64], alarm_input=2)
    events.control.events_wait_idle()
    assert recorder.errors == []
    [message] = recorder.messages
    assert message.thread != threading.get_ident()
    assert message.command == COMM_ALARM_V30
    assert message.length == len(message.payload) == 268
    assert message.user == 0x5151
    a = message.alarmer
    assert (a[A["byUserIDValid"]], a[A["bySerialValid"]], a[A["byDeviceIPValid"]]) == (1, 1, 1)
    assert i32(a, A["lUserID"]) == user_id
    assert text(a, A["sSerialNumber"], 48) == NVR_SERIAL
    assert text(a, A["sDeviceIP"], 128) == b"127.0.0.1"
    assert struct.unpack_from("<H", a, A["wLinkPort"])[0] == 8000
    p = message.payload
    assert (u32(p, 0), u32(p, 4)) == (3, 2)
    flags = p[168 : 168 + 64]
    assert [i + 1 for i, flag in enumerate(flags) if flag] == [1, 33, 64]
    assert not any(p[8:168])
    assert not any(p[232:265])
    assert events.control.get_int("events_delivered") == 1
    assert handle == 0


@pytest.mark.parametrize(
    ("alarm_type", "offset", "size"),
    [(0, 104, 64), (1, 232, 33), (4, 232, 33), (5, 232, 33), (2, 168, 64), (6, 168, 64)],
)
def test_v30_numbers_go_where_the_header_puts_them_for_the_type(
    events: Events, alarm_type: int, offset: int, size: int
) -> None:
    recorder = events.recorder()
    user_id = events.login()
    events.arm(user_id)
    events.control.push_alarm_v30(user_id, alarm_type, [1, size])
    events.control.events_wait_idle()
    p = recorder.messages[0].payload
    assert [i + 1 for i in range(size) if p[offset + i]] == [1, size]
    assert sum(p[8:265]) == 2
    with pytest.raises(ValueError, match=r"refused|must be"):
        events.control.push_alarm_v30(user_id, alarm_type, [size + 1])
    with pytest.raises(ValueError, match=r"refused|must be"):
        events.control.push_alarm_v30(user_id, alarm_type, [0])


def test_v40_alarms_carry_their_lists(events: Events) -> None:
    recorder = events.recorder()
    user_id = events.login()
    events.arm(user_id)
    before = time.localtime()
    events.control.push_alarm_v40(user_id, 3, [33, 34, 40])
    events.control.push_alarm_v40(user_id, 1, [2])
    events.control.push_alarm_v40_io(user_id, 4, outputs=[1, 2], channels=[33])
    events.control.push_alarm_v40(user_id, 3, [])
    events.control.events_wait_idle()
    channel, disk, io, empty = recorder.messages
    for message in recorder.messages:
        assert message.command == COMM_ALARM_V40
        assert message.length == len(message.payload) == 160
    p = channel.payload
    assert u32(p, 0) == 3
    year, month, day = struct.unpack_from("<HBB", p, 4)
    assert (year, month) in (
        (before.tm_year, before.tm_mon),
        (time.localtime().tm_year, time.localtime().tm_mon),
    )
    assert 1 <= day <= 31
    assert u32(p, 16) == 3
    assert channel.data == struct.pack("<3I", 33, 34, 40)
    assert (u32(disk.payload, 0), u32(disk.payload, 16), disk.data) == (1, 1, struct.pack("<I", 2))
    assert (u32(io.payload, 16), u32(io.payload, 20), u32(io.payload, 24)) == (4, 2, 1)
    assert io.data == struct.pack("<3I", 1, 2, 33)
    assert ptr(empty.payload, 152) == 0
    assert u32(empty.payload, 16) == 0


def test_isapi_body_is_length_delimited_with_a_picture(events: Events) -> None:
    recorder = events.recorder()
    user_id = events.login()
    events.arm(user_id)
    body = b'{"a":"x\x00y","b":1}'
    events.control.push_isapi(
        user_id, body, data_type=ISAPI_JSON, picture=JPEG, picture_name="1.jpg"
    )
    events.control.push_isapi(user_id, XML)
    events.control.events_wait_idle()
    with_picture, plain = recorder.messages
    p = with_picture.payload
    assert (with_picture.command, with_picture.length) == (COMM_ISAPI_ALARM, 56)
    assert (u32(p, 8), p[12], p[13]) == (len(body), 2, 1)
    assert with_picture.data == body
    assert with_picture.pictures == [(b"1.jpg", 1, JPEG)]
    assert (plain.data, plain.payload[12], plain.payload[13]) == (XML, 1, 0)
    assert ptr(plain.payload, 16) == 0
    with pytest.raises(ValueError, match=r"refused|must be"):
        events.control.push_isapi(user_id, b"x", data_type=3)
    with pytest.raises(ValueError, match=r"refused|must be"):
        events.control.push_isapi(user_id, b"x", picture=b"p", picture_name="n" * 256)


def test_raw_payloads_and_commands(events: Events) -> None:
    recorder = events.recorder()
    user_id = events.login()
    events.arm(user_id)
    events.control.push_raw(user_id, 0x1234, b"\x00\x01\x02")
    events.control.push_raw(user_id, -7)
    events.control.events_wait_idle()
    first, second = recorder.messages
    assert (first.command, first.length, first.payload) == (0x1234, 3, b"\x00\x01\x02")
    assert (second.command, second.length, second.info_address) == (-7, 0, 0)


def test_payload_and_alarmer_are_overwritten_after_the_callback(events: Events) -> None:
    recorder = events.recorder()
    user_id = events.login()
    events.arm(user_id)
    events.control.push_isapi(user_id, XML, picture=JPEG, picture_name="1.jpg")
    events.control.events_wait_idle()
    [message] = recorder.messages
    total = 56 + 272 + len(XML) + len(JPEG)
    assert ctypes.string_at(message.info_address, total) == bytes([FILL_BYTE]) * total
    assert ctypes.string_at(message.alarmer_address, 372) == bytes([FILL_BYTE]) * 372


def test_alarms_need_an_open_channel_and_a_callback(events: Events) -> None:
    control, sdk = events.control, events.sdk
    user_id = events.login()
    control.push_alarm_v30(user_id, 3, [1])  # no channel
    control.push_alarm_v30(2000, 3, [1])  # no such session
    control.events_wait_idle()
    assert control.get_int("events_dropped_no_channel") == 2
    handle = events.arm(user_id)
    control.push_alarm_v30(user_id, 3, [1])  # no callback registered
    control.events_wait_idle()
    assert control.get_int("events_dropped_no_callback") == 1
    recorder = events.recorder()
    second = events.arm(user_id)
    control.push_alarm_v30(user_id, 3, [1])  # once per channel
    control.events_wait_idle()
    assert len(recorder.messages) == 2
    assert sdk.NET_DVR_CloseAlarmChan_V30(handle) == 1
    assert sdk.NET_DVR_CloseAlarmChan_V30(second) == 1
    control.push_alarm_v30(user_id, 3, [1])
    control.events_wait_idle()
    assert len(recorder.messages) == 2
    assert control.get_int("events_dropped_no_channel") == 3
    assert control.get_int("events_delivered") == 2
    with pytest.raises(ValueError, match=r"refused|must be"):
        control.push_alarm_v30(2048, 3, [1])
    with pytest.raises(ValueError, match=r"refused|must be"):
        control.push_raw(-1, 1)


def test_other_message_indices_get_no_alarms(events: Events) -> None:
    recorder = Recorder()
    events.keep.append(recorder)
    assert events.sdk.NET_DVR_SetDVRMessageCallBack_V50(1, recorder.message_callback, None) == 1
    user_id = events.login()
    events.arm(user_id)
    events.control.push_alarm_v30(user_id, 3, [1])
    events.control.events_wait_idle()
    assert recorder.messages == []


# ---- exceptions and connections -------------------------------------------------------------
def test_exceptions_come_from_the_fakes_thread(events: Events) -> None:
    recorder = events.recorder(user=77)
    user_id = events.login()
    events.control.push_exception(user_id, 0x8000)
    events.control.events_wait_idle()  # the handle is the one open when it is delivered
    handle = events.arm(user_id)
    events.control.push_exception(user_id, 0x8000)
    events.control.events_wait_idle()
    assert [e[:4] for e in recorder.exceptions] == [
        (0x8000, user_id, -1, 77),
        (0x8000, user_id, handle, 77),
    ]
    assert all(e[4] != threading.get_ident() for e in recorder.exceptions)
    assert events.control.get_int("exceptions_delivered") == 2


def test_a_dropped_connection_delivers_nothing_until_restored(events: Events) -> None:
    recorder = events.recorder()
    control = events.control
    user_id = events.login()
    handle = events.arm(user_id)
    control.push_alarm_v30(user_id, 3, [1])
    control.drop_connection(user_id)
    control.push_alarm_v30(user_id, 3, [2])
    control.restore_connection(user_id)
    control.push_alarm_v30(user_id, 3, [3])
    control.events_wait_idle()
    assert [m.payload[168:171] for m in recorder.messages] == [b"\1\0\0", b"\0\0\1"]
    assert [e[:3] for e in recorder.exceptions] == [
        (EXCEPTION_ALARM, user_id, handle),
        (ALARM_RECONNECTSUCCESS, user_id, handle),
    ]
    assert control.get_int("events_dropped_offline") == 1


# ---- closing while callbacks run -----------------------------------------------------------
def test_close_waits_for_a_callback_in_progress(events: Events) -> None:
    entered, release = threading.Event(), threading.Event()

    def hold(message: Message) -> None:
        entered.set()
        release.wait(10)

    recorder = events.recorder(hold)
    user_id = events.login()
    handle = events.arm(user_id)
    events.control.push_alarm_v30(user_id, 3, [1])
    assert entered.wait(10)
    closed: list[int] = []
    closer = threading.Thread(
        target=lambda: closed.append(events.sdk.NET_DVR_CloseAlarmChan_V30(handle))
    )
    closer.start()
    closer.join(0.3)
    assert closer.is_alive(), "CloseAlarmChan_V30 returned while its callback ran"
    assert events.control.get_int("callbacks_in_progress") == 1
    with pytest.raises(TimeoutError):
        events.control.events_wait_idle(0.05)
    release.set()
    closer.join(10)
    assert closed == [1]
    events.control.push_alarm_v30(user_id, 3, [1])
    events.control.events_wait_idle()
    assert len(recorder.messages) == 1


def test_close_from_inside_its_callback_does_not_deadlock(events: Events) -> None:
    results: list[int] = []
    handles: list[int] = []

    def close_own(message: Message) -> None:
        results.append(events.sdk.NET_DVR_CloseAlarmChan_V30(handles[0]))
        results.append(events.control.lib.fake_events_wait_idle(1000))

    recorder = events.recorder(close_own)
    user_id = events.login()
    handles.append(events.arm(user_id))
    events.control.push_alarm_v30(user_id, 3, [1])
    events.control.push_alarm_v30(user_id, 3, [1])
    events.control.events_wait_idle(10)
    assert results == [1, -1]  # closed; wait_idle from a callback returns at once
    assert len(recorder.messages) == 1


def test_cleanup_closes_channels_and_listeners(events: Events) -> None:
    events.recorder()
    port = free_port()
    assert events.sdk.NET_DVR_StartListen_V30(b"127.0.0.1", port, MSG(), None) == 0
    events.arm(events.login())
    assert events.sdk.NET_DVR_Cleanup() == 1
    assert events.control.get_int("alarm_channels_open") == 0
    assert events.control.get_int("listeners_open") == 0
    assert events.control.get_int("exception_callback_set") == 0
    deadline = time.monotonic() + 5
    while True:  # the listener's thread closes the port soon after
        try:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", port))
            break
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.01)


def test_reset_stops_a_slow_burst(events: Events) -> None:
    recorder = events.recorder()
    user_id = events.login()
    events.arm(user_id)
    events.control.event_rate(user_id, 1000, 10)
    deadline = time.monotonic() + 10
    while not recorder.messages:  # the first one comes at once
        assert time.monotonic() < deadline
        time.sleep(0.01)
    started = time.monotonic()
    events.control.reset()  # wakes the burst's wait and ends it
    assert time.monotonic() - started < 2
    seen = len(recorder.messages)
    assert seen < 1000
    time.sleep(0.25)
    assert len(recorder.messages) == seen
    assert events.control.get_int("events_queued") == 0


# ---- load ------------------------------------------------------------------------------------
def test_a_burst_of_10000_events_is_delivered_in_order(events: Events) -> None:
    recorder = events.recorder()
    user_id = events.login()
    events.arm(user_id)
    events.control.event_rate(user_id, 10_000)
    events.control.events_wait_idle(60)
    assert recorder.errors == []
    assert [u32(m.payload, 4) for m in recorder.messages] == list(range(10_000))
    assert {m.thread for m in recorder.messages} != {threading.get_ident()}
    assert len({m.thread for m in recorder.messages}) == 1
    assert events.control.get_int("events_delivered") == 10_000


def test_a_rate_paces_the_events(events: Events) -> None:
    recorder = events.recorder()
    user_id = events.login()
    events.arm(user_id)
    started = time.monotonic()
    events.control.event_rate(user_id, 21, 200)
    events.control.events_wait_idle(10)
    assert time.monotonic() - started >= 0.09  # 20 intervals of 5 ms
    assert len(recorder.messages) == 21
    with pytest.raises(ValueError, match=r"refused|must be"):
        events.control.event_rate(user_id, -1)
    with pytest.raises(ValueError, match=r"refused|must be"):
        events.control.event_rate(user_id, 1, -1)


# ---- the listener (5.7) ----------------------------------------------------------------------
def test_listener_answers_a_post_and_calls_back(events: Events) -> None:
    recorder = Recorder()
    events.keep.append(recorder)
    sdk = events.sdk
    port = free_port()
    handle = sdk.NET_DVR_StartListen_V30(b"127.0.0.1", port, recorder.message_callback, 0x77)
    assert (handle, sdk.NET_DVR_GetLastError()) == (0, 0)
    assert events.control.listen_port(handle) == port
    assert events.control.get_int("listeners_open") == 1
    body = XML.replace(b"Motion alarm", b"Motion\0alarm")
    assert exchange(port, post(body)) == REPLY
    events.control.events_wait_idle()
    [message] = recorder.messages
    assert message.thread != threading.get_ident()
    assert (message.command, message.length, message.user) == (COMM_ISAPI_ALARM, 56, 0x77)
    a = message.alarmer
    assert a[A["byDeviceIPValid"]] == 1
    assert sum(a[:8]) == 1  # every other *Valid flag 0
    assert i32(a, A["lUserID"]) == 0
    assert text(a, A["sDeviceIP"], 128) == b"127.0.0.1"
    assert not any(a[A["sSerialNumber"] : A["sSerialNumber"] + 48])
    assert struct.unpack_from("<HH", a, A["wLinkPort"])[0] == 0
    assert (message.data, message.payload[12], message.payload[13]) == (body, 1, 0)
    # urllib as a device would post
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/",
        data=b'{"eventType":"VMD"}',
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert response.read() == b""
    events.control.events_wait_idle()
    assert (recorder.messages[1].data, recorder.messages[1].payload[12]) == (
        b'{"eventType":"VMD"}',
        2,
    )
    assert recorder.messages[1].thread == message.thread  # one thread per listener
    assert events.control.get_int("listener_requests") == 2
    assert sdk.NET_DVR_StopListen_V30(handle) == 1
    assert sdk.NET_DVR_GetLastError() == 0
    assert sdk.NET_DVR_StopListen_V30(handle) == 0
    assert events.control.listen_port(handle) is None
    with pytest.raises(ConnectionRefusedError):
        exchange(port, post(XML))  # the port is closed


def test_listener_multipart_with_a_picture(events: Events) -> None:
    recorder = Recorder()
    events.keep.append(recorder)
    port = free_port()
    assert events.listen(port, recorder) == 0
    xml = XML[: 477 - 0]
    body = (
        b'--boundary\r\nContent-Disposition: form-data; name="MoveDetection.xml"\r\n'
        b"Content-Type: application/xml\r\nContent-Length: "
        + str(len(xml)).encode()
        + b"\r\n\r\n"
        + xml
        + b'\r\n--boundary\r\nContent-Disposition: form-data; name="picture"; '
        b'filename="1.jpg"\r\nContent-Type: image/jpeg\r\n\r\n' + JPEG + b"\r\n--boundary--\r\n"
    )
    assert exchange(port, post(body, "multipart/form-data; boundary=boundary")) == REPLY
    events.control.events_wait_idle()
    [message] = recorder.messages
    p = message.payload
    assert (u32(p, 8), p[12], p[13]) == (len(xml) + 2, 1, 1)  # the part's CRLF counts (479)
    assert message.data == xml + b"\r\n"
    assert message.pictures == [(b"1.jpg", 1, JPEG + b"\r\n")]  # 208 for 206 bytes, as measured
    assert len(JPEG) == 206


def test_listener_with_a_null_callback_uses_v50_index_0(events: Events) -> None:
    fallback = events.recorder(user=0x50)
    own = Recorder()
    events.keep.append(own)
    sdk = events.sdk
    null_port, own_port = free_port(), free_port()
    assert sdk.NET_DVR_StartListen_V30(b"127.0.0.1", null_port, MSG(), 0x99) == 0
    assert sdk.NET_DVR_StartListen_V30(b"127.0.0.1", own_port, own.message_callback, 0x42) == 1
    assert exchange(null_port, post(XML)) == REPLY
    assert exchange(own_port, post(XML)) == REPLY
    events.control.events_wait_idle()
    assert [(m.command, m.user) for m in fallback.messages] == [(COMM_ISAPI_ALARM, 0x50)]
    assert [(m.command, m.user) for m in own.messages] == [(COMM_ISAPI_ALARM, 0x42)]
    assert fallback.messages[0].thread != own.messages[0].thread


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"",
        bytes(range(64)),
        struct.pack(">I", 32) + bytes(28),
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort",
        b"POST /\r\n\r\n",
    ],
    ids=["nothing", "random", "binary", "get", "chunked", "too-big", "short-body", "no-version"],
)
def test_listener_closes_garbage_without_reply_or_callback(
    events: Events, request_bytes: bytes
) -> None:
    recorder = events.recorder()
    port = free_port()
    assert events.listen(port, recorder) == 0
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
        client.settimeout(10)
        client.connect(("127.0.0.1", port))
        try:  # the fake may reset the connection while the client still writes
            client.sendall(request_bytes)
            client.shutdown(socket.SHUT_WR)
            received = client.recv(100)
        except (ConnectionResetError, BrokenPipeError, OSError):
            received = b""
    assert received == b""
    events.control.events_wait_idle()
    assert recorder.messages == []
    assert events.control.get_int("listener_rejected") == 1


def test_listen_addresses_and_ports(events: Events) -> None:
    sdk = events.sdk
    port = free_port()
    assert sdk.NET_DVR_StartListen_V30(b"127.0.0.1", port, MSG(), None) == 0
    assert sdk.NET_DVR_StartListen_V30(b"127.0.0.1", port, MSG(), None) == -1
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert sdk.NET_DVR_StartListen_V30(b"not-an-ip", free_port(), MSG(), None) == -1
    assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR
    any_port = free_port()
    assert sdk.NET_DVR_StartListen_V30(None, any_port, MSG(), None) == 1  # 0.0.0.0
    with pytest.raises(OSError, match="in use"), socket.socket() as probe:
        probe.bind(("0.0.0.0", any_port))
    assert exchange(any_port, post(XML)) == REPLY
    assert sdk.NET_DVR_StartListen_V30(b"127.0.0.1", 0, MSG(), None) == 2  # ephemeral
    ephemeral = events.control.listen_port(2)
    assert ephemeral is not None
    assert ephemeral > 0
    assert exchange(ephemeral, post(XML)) == REPLY
    assert sdk.NET_DVR_StopListen_V30(0) == 1
    assert sdk.NET_DVR_StartListen_V30(b"127.0.0.1", port, MSG(), None) == 0  # free again
    assert events.control.get_int("listeners_open") == 3


def test_listen_on_ipv6_loopback(events: Events) -> None:
    try:
        port = free_port(socket.AF_INET6, "::1")
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    recorder = Recorder()
    events.keep.append(recorder)
    assert events.sdk.NET_DVR_StartListen_V30(b"::1", port, recorder.message_callback, None) == 0
    assert exchange(port, post(XML), "::1") == REPLY
    events.control.events_wait_idle()
    a = recorder.messages[0].alarmer
    assert (text(a, A["sDeviceIP"], 128), a[A["byIpProtocol"]]) == (b"::1", 1)


def test_stop_listen_from_inside_its_callback_does_not_deadlock(events: Events) -> None:
    results: list[int] = []
    recorder = Recorder(lambda message: results.append(events.sdk.NET_DVR_StopListen_V30(0)))
    events.keep.append(recorder)
    port = free_port()
    assert events.listen(port, recorder) == 0
    assert exchange(port, post(XML)) == REPLY
    events.control.events_wait_idle(10)
    assert results == [1]
    assert events.control.get_int("listeners_open") == 0


def test_stop_listen_waits_for_its_callback(events: Events) -> None:
    entered, release = threading.Event(), threading.Event()

    def hold(message: Message) -> None:
        entered.set()
        release.wait(10)

    recorder = Recorder(hold)
    events.keep.append(recorder)
    port = free_port()
    assert events.listen(port, recorder) == 0
    assert exchange(port, post(XML)) == REPLY  # the reply comes before the callback
    assert entered.wait(10)
    stopped: list[int] = []
    stopper = threading.Thread(target=lambda: stopped.append(events.sdk.NET_DVR_StopListen_V30(0)))
    stopper.start()
    stopper.join(0.3)
    assert stopper.is_alive()
    release.set()
    stopper.join(10)
    assert stopped == [1]
