"""The fake HCNetSDK itself, through raw ctypes, against the measured facts (sdk-facts.md).

Deliberately independent of the binding's own ``_native`` declarations: the prototypes below
are minimal and the structs are plain byte buffers read and written at the documented offsets,
so a wrong layout in the fake cannot hide behind the same mistake in the Python layer.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simulator import (
    DEFAULT_CAMERA_PORTS,
    LIBRARY_NAME,
    SimulatorBuildError,
    _cache_key,
    _sources,
    build_fake_sdk,
    default_cache_dir,
    source_dir,
)
from hcnetsdk.errors import SDKNotFoundError

# ---- facts (sdk-facts.md) --------------------------------------------------------------------
LOGIN_INFO_SIZE = 416
V30_SIZE = 80
V40_SIZE = 344

LOGIN_INFO_OFFSETS = {
    "sDeviceAddress": 0,
    "byUseTransport": 129,
    "wPort": 130,
    "sUserName": 132,
    "sPassword": 196,
    "cbLoginResult": 264,
    "pUser": 272,
    "bUseAsynLogin": 280,
    "byProxyType": 284,
    "byUseUTCTime": 285,
    "byLoginMode": 286,
    "byHttps": 287,
    "iProxyID": 288,
    "byVerifyMode": 292,
    "byRes3": 293,
}
V30_BYTE_FIELDS_48 = [
    "byAlarmInPortNum",
    "byAlarmOutPortNum",
    "byDiskNum",
    "byDVRType",
    "byChanNum",
    "byStartChan",
    "byAudioChanNum",
    "byIPChanNum",
    "byZeroChanNum",
    "byMainProto",
    "bySubProto",
    "bySupport",
    "bySupport1",
    "bySupport2",
]
V30_BYTE_FIELDS_64 = [
    "bySupport3",
    "byMultiStreamProto",
    "byStartDChan",
    "byStartDTalkChan",
    "byHighDChanNum",
    "bySupport4",
    "byLanguageType",
    "byVoiceInChanNum",
    "byStartVoiceInChanNo",
    "bySupport5",
    "bySupport6",
    "byMirrorChanNum",
]
V30_OFFSETS = {
    "sSerialNumber": 0,
    **{name: 48 + i for i, name in enumerate(V30_BYTE_FIELDS_48)},
    "wDevType": 62,
    **{name: 64 + i for i, name in enumerate(V30_BYTE_FIELDS_64)},
    "wStartMirrorChanNo": 76,
    "bySupport7": 78,
    "byRes2": 79,
}
V40_OFFSETS = {
    "struDeviceV30": 0,
    "bySupportLock": 80,
    "byRetryLoginTime": 81,
    "byPasswordLevel": 82,
    "byProxyType": 83,
    "dwSurplusLockTime": 84,
    "byCharEncodeType": 88,
    "bySupportDev5": 89,
    "bySupport": 90,
    "byLoginMode": 91,
    "dwOEMCode": 92,
    "iResidualValidity": 96,
    "byResidualValidity": 100,
    "bySingleStartDTalkChan": 101,
    "bySingleDTalkChanNums": 102,
    "byPassWordResetLevel": 103,
    "bySupportStreamEncrypt": 104,
    "byMarketType": 105,
    "byTLSCap": 106,
    "byRes2": 107,
}

NOINIT, PASSWORD_ERROR, FAIL_CONNECT, PARAMETER_ERROR = 3, 1, 7, 17
MAX_NUM, USERNOTEXIST, USER_LOCKED = 46, 47, 153


# ---- raw ctypes access -----------------------------------------------------------------------
def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    c_int, c_int32, c_uint32, c_char_p, c_void_p = (
        ctypes.c_int,
        ctypes.c_int32,
        ctypes.c_uint32,
        ctypes.c_char_p,
        ctypes.c_void_p,
    )
    table: dict[str, tuple[object, list[object]]] = {
        "NET_DVR_Init": (c_int, []),
        "NET_DVR_Cleanup": (c_int, []),
        "NET_DVR_GetLastError": (c_uint32, []),
        "NET_DVR_GetErrorMsg": (c_char_p, [ctypes.POINTER(c_int32)]),
        "NET_DVR_GetSDKVersion": (c_uint32, []),
        "NET_DVR_GetSDKBuildVersion": (c_uint32, []),
        "NET_DVR_SetConnectTime": (c_int, [c_uint32, c_uint32]),
        "NET_DVR_SetRecvTimeOut": (c_int, [c_uint32]),
        "NET_DVR_SetReconnect": (c_int, [c_uint32, c_int]),
        "NET_DVR_SetLogToFile": (c_int, [c_uint32, c_char_p, c_int]),
        "NET_DVR_SetSDKInitCfg": (c_int, [c_int, c_void_p]),
        "NET_DVR_Login_V40": (c_int32, [c_void_p, c_void_p]),
        "NET_DVR_Login_V30": (c_int32, [c_char_p, ctypes.c_uint16, c_char_p, c_char_p, c_void_p]),
        "NET_DVR_Logout": (c_int, [c_int32]),
    }
    for name, (restype, argtypes) in table.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> ctypes.CDLL:
    """The fake's NET_DVR_* functions, not initialised, default site (fake_control reset it)."""
    return _declare(ctypes.CDLL(str(fake_sdk_path)))


@pytest.fixture
def inited(sdk: ctypes.CDLL) -> ctypes.CDLL:
    """The same, initialised (fake_control's reset undoes it afterwards)."""
    assert sdk.NET_DVR_Init() == 1
    return sdk


def login_info(
    host: bytes,
    port: int,
    user: bytes,
    password: bytes,
    *,
    asynchronous: int = 0,
    https: int = 0,
) -> ctypes.Array[ctypes.c_char]:
    """A NET_DVR_USER_LOGIN_INFO as bytes at the documented offsets (fields fill to the end)."""
    buf = ctypes.create_string_buffer(LOGIN_INFO_SIZE)
    for field, value, size in (
        ("sDeviceAddress", host, 129),
        ("sUserName", user, 64),
        ("sPassword", password, 64),
    ):
        assert len(value) <= size
        ctypes.memmove(ctypes.addressof(buf) + LOGIN_INFO_OFFSETS[field], value, len(value))
    struct.pack_into("<H", buf, LOGIN_INFO_OFFSETS["wPort"], port)
    struct.pack_into("<i", buf, LOGIN_INFO_OFFSETS["bUseAsynLogin"], asynchronous)
    struct.pack_into("<B", buf, LOGIN_INFO_OFFSETS["byHttps"], https)
    return buf


def login_v40(
    sdk: ctypes.CDLL, host: bytes, port: int, user: bytes = b"admin", password: bytes = b"12345"
) -> tuple[int, int, bytes]:
    """(user id, last error, the 344 bytes of NET_DVR_DEVICEINFO_V40)."""
    info = login_info(host, port, user, password)
    out = ctypes.create_string_buffer(V40_SIZE)
    user_id = sdk.NET_DVR_Login_V40(info, out)
    return user_id, sdk.NET_DVR_GetLastError(), out.raw


def u8(raw: bytes, offset: int) -> int:
    return raw[offset]


def u16(raw: bytes, offset: int) -> int:
    value: int = struct.unpack_from("<H", raw, offset)[0]
    return value


def u32(raw: bytes, offset: int) -> int:
    value: int = struct.unpack_from("<I", raw, offset)[0]
    return value


def set_error(sdk: ctypes.CDLL, fake_control: FakeSDKControl, code: int) -> None:
    """Make this thread's last error ``code`` (a scripted failure of SetRecvTimeOut)."""
    fake_control.fail_next("NET_DVR_SetRecvTimeOut", code)  # code 0: no failure, no error
    assert sdk.NET_DVR_SetRecvTimeOut(1000) == (0 if code else 1)
    assert sdk.NET_DVR_GetLastError() == code


# ---- layouts ---------------------------------------------------------------------------------
def test_struct_sizes_match_the_facts(fake_control: FakeSDKControl) -> None:
    assert fake_control.sizeof("NET_DVR_USER_LOGIN_INFO") == LOGIN_INFO_SIZE
    assert fake_control.sizeof("NET_DVR_DEVICEINFO_V30") == V30_SIZE
    assert fake_control.sizeof("NET_DVR_DEVICEINFO_V40") == V40_SIZE
    assert fake_control.sizeof("NET_DVR_LOCAL_SDK_PATH") == 384


@pytest.mark.parametrize(
    ("struct_name", "offsets"),
    [
        ("NET_DVR_USER_LOGIN_INFO", LOGIN_INFO_OFFSETS),
        ("NET_DVR_DEVICEINFO_V30", V30_OFFSETS),
        ("NET_DVR_DEVICEINFO_V40", V40_OFFSETS),
    ],
)
def test_struct_offsets_match_the_facts(
    fake_control: FakeSDKControl, struct_name: str, offsets: dict[str, int]
) -> None:
    actual = {field: fake_control.offsetof(struct_name, field) for field in offsets}
    assert actual == offsets


def test_v30_fields_are_reachable_inside_v40(fake_control: FakeSDKControl) -> None:
    for field, offset in V30_OFFSETS.items():
        assert fake_control.offsetof("NET_DVR_DEVICEINFO_V40", f"struDeviceV30.{field}") == offset
        if field not in V40_OFFSETS:  # bySupport and byRes2 exist at both levels
            assert fake_control.offsetof("NET_DVR_DEVICEINFO_V40", field) == offset
    assert fake_control.offsetof("NET_DVR_DEVICEINFO_V40", "bySupport") == 90


def test_unknown_struct_and_field_names_raise(fake_control: FakeSDKControl) -> None:
    with pytest.raises(KeyError):
        fake_control.sizeof("NET_DVR_NO_SUCH_STRUCT")
    with pytest.raises(KeyError):
        fake_control.offsetof("NET_DVR_DEVICEINFO_V40", "byNoSuchField")
    with pytest.raises(KeyError):
        fake_control.offsetof("NET_DVR_NO_SUCH_STRUCT", "byChanNum")


# ---- init / cleanup / versions ---------------------------------------------------------------
def test_every_call_before_init_fails_with_noinit(
    sdk: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    calls: list[tuple[str, Callable[[], int], int]] = [
        ("Cleanup", sdk.NET_DVR_Cleanup, 0),
        ("SetConnectTime", lambda: sdk.NET_DVR_SetConnectTime(2000, 1), 0),
        ("SetRecvTimeOut", lambda: sdk.NET_DVR_SetRecvTimeOut(2000), 0),
        ("SetReconnect", lambda: sdk.NET_DVR_SetReconnect(10000, 1), 0),
        ("SetLogToFile", lambda: sdk.NET_DVR_SetLogToFile(3, b"/tmp", 1), 0),
        ("Login_V40", lambda: login_v40(sdk, b"127.0.0.1", 8000)[0], -1),
        (
            "Login_V30",
            lambda: sdk.NET_DVR_Login_V30(
                b"127.0.0.1", 8000, b"admin", b"12345", ctypes.create_string_buffer(V30_SIZE)
            ),
            -1,
        ),
        ("Logout", lambda: sdk.NET_DVR_Logout(0), 0),
        ("GetSDKVersion", sdk.NET_DVR_GetSDKVersion, 0),
        ("GetSDKBuildVersion", sdk.NET_DVR_GetSDKBuildVersion, 0),
    ]
    for name, call, failed in calls:
        assert call() == failed, name
        assert sdk.NET_DVR_GetLastError() == NOINIT, name
    assert fake_control.get_int("logged_in_users") == 0


def test_get_error_msg_before_init_is_null_and_leaves_code(sdk: ctypes.CDLL) -> None:
    code = ctypes.c_int32(12345)
    assert sdk.NET_DVR_GetErrorMsg(ctypes.byref(code)) is None
    assert code.value == 12345


def test_init_cleanup_cycle(sdk: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    assert fake_control.get_int("initialized") == 0
    assert sdk.NET_DVR_Init() == 1
    assert sdk.NET_DVR_GetLastError() == 0
    assert fake_control.get_int("initialized") == 1
    assert sdk.NET_DVR_Cleanup() == 1
    assert sdk.NET_DVR_GetLastError() == NOINIT  # measured: 3 right after a successful Cleanup
    assert sdk.NET_DVR_GetErrorMsg(None) is None
    assert sdk.NET_DVR_Cleanup() == 0
    assert sdk.NET_DVR_GetLastError() == NOINIT
    assert sdk.NET_DVR_Init() == 1  # Init after Cleanup works
    assert sdk.NET_DVR_GetLastError() == 0
    assert fake_control.get_int("init_calls") == 2
    assert fake_control.get_int("cleanup_calls") == 2
    assert fake_control.get_int("calls:NET_DVR_Cleanup") == 2


def test_versions_encode_like_the_real_sdk(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    assert inited.NET_DVR_GetSDKBuildVersion() == 0x06010930  # 6.1.9.48
    assert inited.NET_DVR_GetSDKVersion() == 0x00060001  # 6.1
    fake_control.set_build_version(0x05070B2A)
    fake_control.set_sdk_version(0x00050007)
    assert inited.NET_DVR_GetSDKBuildVersion() == 0x05070B2A
    assert inited.NET_DVR_GetSDKVersion() == 0x00050007


def test_fail_next_fails_once_from_any_thread(
    sdk: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    fake_control.fail_next("NET_DVR_Init", 41)
    results: list[tuple[int, int]] = []

    def init() -> None:
        results.append((sdk.NET_DVR_Init(), sdk.NET_DVR_GetLastError()))

    thread = threading.Thread(target=init)
    thread.start()
    thread.join(5)
    assert results == [(0, 41)]
    assert fake_control.get_int("initialized") == 0
    assert sdk.NET_DVR_Init() == 1
    with pytest.raises(ValueError, match="NET_DVR_GetLastError"):
        fake_control.fail_next("NET_DVR_GetLastError", 1)
    with pytest.raises(ValueError, match="NET_DVR_Nope"):
        fake_control.fail_next("NET_DVR_Nope", 1)


# ---- last error ------------------------------------------------------------------------------
def test_success_resets_the_last_error(inited: ctypes.CDLL) -> None:
    assert inited.NET_DVR_Logout(-1) == 0
    assert inited.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert inited.NET_DVR_SetRecvTimeOut(3000) == 1
    assert inited.NET_DVR_GetLastError() == 0


def test_last_error_is_thread_local(inited: ctypes.CDLL) -> None:
    barrier = threading.Barrier(2, timeout=5)
    seen: dict[str, int] = {}

    def fail_logout() -> None:
        assert inited.NET_DVR_Logout(5000) == 0  # out of range: 17
        barrier.wait()  # both threads have failed before either reads
        seen["logout"] = inited.NET_DVR_GetLastError()

    def fail_login() -> None:
        assert login_v40(inited, b"127.0.0.1", 9)[0] == -1  # no device: 7
        barrier.wait()
        seen["login"] = inited.NET_DVR_GetLastError()

    threads = [threading.Thread(target=fail_logout), threading.Thread(target=fail_login)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert seen == {"logout": PARAMETER_ERROR, "login": FAIL_CONNECT}
    assert inited.NET_DVR_GetLastError() == 0  # this thread's Init succeeded


COMMON_CODES = [*range(18), 23, 24, 28, 29, 41, 43, 44, 46, 47, 52, 107, 153, 159]


def test_get_error_msg_has_english_text_for_common_codes(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    texts = {}
    for code in COMMON_CODES:
        set_error(inited, fake_control, code)
        out = ctypes.c_int32(-99)
        text = inited.NET_DVR_GetErrorMsg(ctypes.byref(out))
        assert out.value == code
        assert isinstance(text, bytes)
        assert text.isascii()
        assert text != b"Unknown error.", code
        texts[code] = text
        assert inited.NET_DVR_GetLastError() == code  # reading the message keeps the error
    assert len(set(texts.values())) == len(texts)
    assert b"password" in texts[1].lower()
    assert b"lock" in texts[153].lower()


def test_get_error_msg_unknown_code_and_null_out(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    set_error(inited, fake_control, 8528)
    assert inited.NET_DVR_GetErrorMsg(None) == b"Unknown error."


# ---- logout ----------------------------------------------------------------------------------
def test_logout_rules(inited: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    for bad in (-1, 2048, 99999):
        assert inited.NET_DVR_Logout(bad) == 0
        assert inited.NET_DVR_GetLastError() == PARAMETER_ERROR
    user_id, error, _ = login_v40(inited, b"127.0.0.1", 8000)
    assert (user_id, error) == (0, 0)
    assert fake_control.get_int("logged_in_users") == 1
    assert inited.NET_DVR_Logout(user_id) == 1
    assert inited.NET_DVR_GetLastError() == 0
    assert fake_control.get_int("logged_in_users") == 0
    assert inited.NET_DVR_Logout(user_id) == 0  # used before, now free
    assert inited.NET_DVR_GetLastError() == USERNOTEXIST


def test_successful_logout_leaves_the_previous_error(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    """sdk-facts-features.md 1.3: 46 and 7 stayed after a Logout that returned 1."""
    first = login_v40(inited, b"127.0.0.1", 8000)[0]
    second = login_v40(inited, b"127.0.0.1", 8001)[0]
    assert login_v40(inited, b"127.0.0.1", 9)[1] == FAIL_CONNECT
    assert inited.NET_DVR_Logout(first) == 1
    assert inited.NET_DVR_GetLastError() == FAIL_CONNECT
    assert inited.NET_DVR_Logout(99999) == 0
    assert inited.NET_DVR_Logout(second) == 1
    assert inited.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert fake_control.get_int("logged_in_users") == 0


def test_logout_of_the_slot_a_failed_login_used_gives_47(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    """sdk-facts-features.md 1.4 and 9.4: a failed synchronous login leaves nothing allocated,
    and its slot answers 47, where a never-used id would block for about 5 s."""
    fake_control.set_logout_block_ms(3000)
    assert login_v40(inited, b"127.0.0.1", 9)[:2] == (-1, FAIL_CONNECT)  # closed port: slot 0
    assert login_v40(inited, b"127.0.0.1", 8000, password=b"wrong")[1] == PASSWORD_ERROR  # 0 again
    user_id = login_v40(inited, b"127.0.0.1", 8001)[0]
    assert user_id == 0  # the lowest free id, as before
    assert login_v40(inited, b"10.9.9.9", 8000)[1] == FAIL_CONNECT  # slot 1
    start = time.monotonic()
    assert inited.NET_DVR_Logout(1) == 0
    assert inited.NET_DVR_GetLastError() == USERNOTEXIST
    assert time.monotonic() - start < 1
    assert fake_control.get_int("logout_unused_calls") == 0
    assert fake_control.get_int("logged_in_users") == 1
    # A login refused before connecting (17) uses no slot: 2 was never used.
    assert login_v40(inited, b"localhost", 8000)[1] == PARAMETER_ERROR
    fake_control.set_logout_block_ms(100)
    assert inited.NET_DVR_Logout(2) == 0
    assert fake_control.get_int("logout_unused_calls") == 1


def test_logout_of_a_never_used_id_blocks_and_keeps_the_error(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    assert fake_control.get_int("logout_block_ms") == 5000  # the real SDK's ~5 s
    fake_control.set_logout_block_ms(150)
    assert login_v40(inited, b"127.0.0.1", 9)[1] == FAIL_CONNECT
    start = time.monotonic()
    assert inited.NET_DVR_Logout(7) == 0
    elapsed = time.monotonic() - start
    assert elapsed >= 0.14
    assert inited.NET_DVR_GetLastError() == FAIL_CONNECT  # untouched
    assert fake_control.get_int("logout_unused_calls") == 1


# ---- login -----------------------------------------------------------------------------------
def test_login_v40_to_the_default_nvr_fills_device_info(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    user_id, error, raw = login_v40(inited, b"127.0.0.1", 8000)
    assert (user_id, error) == (0, 0)
    assert raw[:48].rstrip(b"\0").startswith(b"DS-7608NI-K2")
    v30 = V30_OFFSETS
    assert u8(raw, v30["byChanNum"]) == 0
    assert u8(raw, v30["byIPChanNum"]) == 8
    assert u8(raw, v30["byHighDChanNum"]) == 0
    assert u8(raw, v30["byStartDChan"]) == 33
    assert u8(raw, v30["byDiskNum"]) == 1
    assert u8(raw, v30["byAlarmInPortNum"]) == 4
    assert u8(raw, v30["byAlarmOutPortNum"]) == 1
    assert u16(raw, v30["wDevType"]) != 0
    assert u8(raw, V40_OFFSETS["byCharEncodeType"]) == 6  # UTF-8
    assert u8(raw, V40_OFFSETS["byPasswordLevel"]) == 1  # default password
    assert u8(raw, V40_OFFSETS["bySupportLock"]) == 1
    assert u8(raw, V40_OFFSETS["byRetryLoginTime"]) == 5
    assert u32(raw, V40_OFFSETS["dwSurplusLockTime"]) == 0
    # A second session gets a fresh id; the fake records the login but never the password.
    assert login_v40(inited, b"127.0.0.1", 8000)[:2] == (1, 0)
    assert fake_control.get_str("last_login_host") == "127.0.0.1"
    assert fake_control.get_int("last_login_port") == 8000
    assert fake_control.get_str("last_login_user") == "admin"
    assert fake_control.get_str("last_login_function") == "NET_DVR_Login_V40"
    assert fake_control.get_int("logged_in_users") == 2


def test_default_cameras(inited: ctypes.CDLL) -> None:
    serials = set()
    for port in (8001, 8002, 8003, 8004):
        user_id, error, raw = login_v40(inited, b"127.0.0.1", port)
        assert user_id >= 0
        assert error == 0
        assert u8(raw, V30_OFFSETS["byChanNum"]) == 1
        assert u8(raw, V30_OFFSETS["byStartChan"]) == 1
        assert u8(raw, V30_OFFSETS["byIPChanNum"]) == 0
        serials.add(raw[:48])
    assert len(serials) == 4


def test_login_v30_checks_its_arguments_and_fills_v30(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    out = ctypes.create_string_buffer(V30_SIZE)
    assert inited.NET_DVR_Login_V30(b"127.0.0.1", 8000, b"a" * 64, b"12345", out) == -1
    assert inited.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert inited.NET_DVR_Login_V30(b"127.0.0.1", 8000, b"admin", b"p" * 17, out) == -1
    assert inited.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert inited.NET_DVR_Login_V30(b"127.0.0.1", 8000, b"admin", b"12345", None) == -1
    assert inited.NET_DVR_GetLastError() == PARAMETER_ERROR
    dev = fake_control.add_device("10.0.0.5", 8000, "u" * 63, "p" * 16)
    fake_control.set_field(dev, "byChanNum", 4)
    user_id = inited.NET_DVR_Login_V30(b"10.0.0.5", 8000, b"u" * 63, b"p" * 16, out)
    assert user_id == 0
    assert inited.NET_DVR_GetLastError() == 0
    assert out.raw[V30_OFFSETS["byChanNum"]] == 4
    assert fake_control.get_str("last_login_function") == "NET_DVR_Login_V30"


def test_v40_sends_64_byte_credentials_without_nul(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    fake_control.add_device("192.168.1.64", 8000, "u" * 64, "p" * 64)
    user_id, error, _ = login_v40(inited, b"192.168.1.64", 8000, b"u" * 64, b"p" * 64)
    assert (user_id, error) == (0, 0)
    assert fake_control.get_str("last_login_user") == "u" * 64
    # 64 bytes are not a prefix match: a 63-byte user name is another user.
    assert login_v40(inited, b"192.168.1.64", 8000, b"u" * 63, b"p" * 64)[1] == PASSWORD_ERROR


# sdk-facts.md, "Host strings": where the real SDK connected for each sDeviceAddress (the
# same raw Login_V40, loopback), None for "17 at once, no connection". Listeners answered on
# 127.0.0.1, 127.0.0.8 and [::1]; nothing was at 1.2.0.3 (7).
HOST_FACTS: list[tuple[bytes, str | None]] = [
    (b"1.2.3", "1.2.0.3"),
    (b"127.1", "127.0.0.1"),
    (b"0x7f.0.0.1", "127.0.0.1"),
    (b"2130706433", "127.0.0.1"),
    (b"127.0.0.010", "127.0.0.8"),  # octal
    (b"", "127.0.0.1"),
    (b"127.0.0.1 ", "127.0.0.1"),
    (b" 127.0.0.1", None),
    (b"0", None),
    (b"0.0.0.0", None),
    (b"256.1.1.1", None),
    (b"localhost", None),
    (b"::", "::1"),
    (b"fe80::1%lo", "::1"),
    (b"::1%lo", "::1"),
    (b"fe80::1%eth0", "::1"),
    (b"2001:db8::7%1", "::1"),
    (b"::ffff:127.0.0.1", "127.0.0.1"),
    # the canonical forms, and a string that is no address at all
    (b"127.0.0.1", "127.0.0.1"),
    (b"::1", "::1"),
    (b"not a host", None),
]


def _listen_like_the_facts(fake_control: FakeSDKControl) -> None:
    """Devices where the measurement had listeners (127.0.0.1:8000 is the default NVR)."""
    fake_control.add_device("127.0.0.8", 8000)
    fake_control.add_device("::1", 8000)


@pytest.mark.parametrize(("host", "peer"), HOST_FACTS, ids=[repr(h) for h, _ in HOST_FACTS])
def test_host_strings_lead_where_the_real_sdk_connects(
    inited: ctypes.CDLL, fake_control: FakeSDKControl, host: bytes, peer: str | None
) -> None:
    _listen_like_the_facts(fake_control)
    expected = (-1, PARAMETER_ERROR) if peer is None else (0, 0)
    if peer == "1.2.0.3":
        expected = (-1, FAIL_CONNECT)  # nothing listens there
    out = ctypes.create_string_buffer(V30_SIZE)
    for attempt in ("Login_V40", "Login_V30"):
        connects = fake_control.get_int("login_connects")
        start = time.monotonic()
        if attempt == "Login_V40":
            result = login_v40(inited, host, 8000)[:2]
        else:
            user_id = inited.NET_DVR_Login_V30(host, 8000, b"admin", b"12345", out)
            result = (user_id, inited.NET_DVR_GetLastError())
        assert time.monotonic() - start < 1, attempt
        assert result == expected, attempt
        assert fake_control.get_str("last_login_host") == host.decode(), attempt
        assert fake_control.get_str("last_login_peer") == (peer or ""), attempt
        assert fake_control.get_int("login_connects") == connects + (peer is not None), attempt
        if result[0] >= 0:
            assert inited.NET_DVR_Logout(result[0]) == 1


def test_a_host_string_reaches_only_a_device_at_its_address(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    # "127.0.0.010" is 127.0.0.8: the default NVR at 127.0.0.1 does not answer it.
    assert login_v40(inited, b"127.0.0.010", 8000)[:2] == (-1, FAIL_CONNECT)
    assert fake_control.get_str("last_login_peer") == "127.0.0.8"
    assert login_v40(inited, b"::", 8000)[:2] == (-1, FAIL_CONNECT)  # [::1]: nobody yet
    fake_control.add_device("127.0.0.8", 8000, "eight", "secret")
    assert login_v40(inited, b"127.0.0.010", 8000, b"eight", b"secret")[:2] == (0, 0)
    assert login_v40(inited, b"127.0.0.010", 8000)[1] == PASSWORD_ERROR  # not the NVR's account


@pytest.mark.parametrize(
    ("host", "peer"),
    [
        # glibc's inet_aton, which the SDK follows (not each measured on the SDK itself)
        (b"10.1", "10.0.0.1"),
        (b"10.1.513", "10.1.2.1"),
        (b"0XA.0x0.0.0xff", "10.0.0.255"),
        (b"012.0.0.1", "10.0.0.1"),
        (b"4294967295", "255.255.255.255"),
        (b"127.0.0.1\tx", "127.0.0.1"),  # the address ends at white space
        (b"08.0.0.1", None),  # 8 is not an octal digit
        (b"1.2.3.4.", None),
        (b"1.2.3.4.5", None),
        (b"1..2", None),
        (b"0x100.0.0.1", None),
        (b"1.2.65536", None),
        (b"4294967296", None),
        (b"0x", None),
        (b"127.0.0.1x", None),
        (b"::1%", None),
        (b"::1 ", None),
        (b"::ffff:0.0.0.0", None),
        (b"2001:db8::7", "2001:db8::7"),
    ],
)
def test_ipv4_is_read_like_inet_aton(
    inited: ctypes.CDLL, fake_control: FakeSDKControl, host: bytes, peer: str | None
) -> None:
    user_id, error, _ = login_v40(inited, host, 9)  # nothing listens on port 9
    assert (user_id, error) == ((-1, PARAMETER_ERROR) if peer is None else (-1, FAIL_CONNECT))
    assert fake_control.get_str("last_login_peer") == (peer or "")


def test_ipv6_literals_are_accepted(inited: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    assert login_v40(inited, b"::1", 8000)[:2] == (-1, FAIL_CONNECT)  # valid, nobody there
    fake_control.add_device("::1", 8000)
    assert login_v40(inited, b"::1", 8000)[:2] == (0, 0)
    assert fake_control.find_device("0:0:0:0:0:0:0:1", 8000) is not None


def test_unknown_address_and_empty_site_fail_like_a_closed_port(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    fake_control.set_latency_ms(2000)  # not spent: nothing answers at those addresses
    start = time.monotonic()
    assert login_v40(inited, b"127.0.0.1", 8005)[:2] == (-1, FAIL_CONNECT)
    assert login_v40(inited, b"10.1.2.3", 8000)[:2] == (-1, FAIL_CONNECT)
    fake_control.clear_devices()
    assert fake_control.get_int("devices") == 0
    assert login_v40(inited, b"127.0.0.1", 8000)[:2] == (-1, FAIL_CONNECT)
    assert time.monotonic() - start < 1


def test_wrong_password_counts_down_then_locks(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    for left in (4, 3, 2, 1):
        user_id, error, raw = login_v40(inited, b"127.0.0.1", 8000, password=b"wrong")
        assert (user_id, error) == (-1, PASSWORD_ERROR)
        assert u8(raw, V40_OFFSETS["bySupportLock"]) == 1
        assert u8(raw, V40_OFFSETS["byRetryLoginTime"]) == left
    user_id, error, raw = login_v40(inited, b"127.0.0.1", 8000, password=b"wrong")
    assert (user_id, error) == (-1, USER_LOCKED)
    assert u32(raw, V40_OFFSETS["dwSurplusLockTime"]) == 1800
    assert u8(raw, V40_OFFSETS["byRetryLoginTime"]) == 0
    # Locked: even the right password is refused, with the time left.
    user_id, error, raw = login_v40(inited, b"127.0.0.1", 8000)
    assert (user_id, error) == (-1, USER_LOCKED)
    assert 1790 <= u32(raw, V40_OFFSETS["dwSurplusLockTime"]) <= 1800
    # The other devices have their own counters.
    assert login_v40(inited, b"127.0.0.1", 8001)[:2] == (0, 0)


def test_lock_expires_and_success_resets_the_count(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    dev = fake_control.find_device("127.0.0.1", 8001)
    assert dev is not None
    fake_control.set_lock_policy(dev, 2, 1)
    assert login_v40(inited, b"127.0.0.1", 8001, password=b"x")[1] == PASSWORD_ERROR
    assert login_v40(inited, b"127.0.0.1", 8001)[:2] == (0, 0)  # resets the count
    assert login_v40(inited, b"127.0.0.1", 8001, password=b"x")[1] == PASSWORD_ERROR
    assert login_v40(inited, b"127.0.0.1", 8001, password=b"x")[1] == USER_LOCKED
    time.sleep(1.05)
    assert login_v40(inited, b"127.0.0.1", 8001)[:2] == (1, 0)


def test_no_lock_policy_means_no_lock_fields(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    dev = fake_control.add_device("10.0.0.9", 8000)
    for _ in range(10):
        _, error, raw = login_v40(inited, b"10.0.0.9", 8000, password=b"bad")
        assert error == PASSWORD_ERROR
        assert u8(raw, V40_OFFSETS["bySupportLock"]) == 0
    fake_control.set_lock_policy(dev, 3, 60)
    _, error, raw = login_v40(inited, b"10.0.0.9", 8000, password=b"bad")
    assert (error, u8(raw, V40_OFFSETS["byRetryLoginTime"])) == (PASSWORD_ERROR, 2)


@pytest.mark.parametrize("code", [10, 9, 11, 159, 5, 52, 8528])
def test_device_can_fail_every_login_with_any_code(
    inited: ctypes.CDLL, fake_control: FakeSDKControl, code: int
) -> None:
    dev = fake_control.find_device("127.0.0.1", 8002)
    assert dev is not None
    fake_control.fail_login(dev, code)
    for _ in range(2):
        assert login_v40(inited, b"127.0.0.1", 8002)[:2] == (-1, code)
    out = ctypes.create_string_buffer(V30_SIZE)
    assert inited.NET_DVR_Login_V30(b"127.0.0.1", 8002, b"admin", b"12345", out) == -1
    assert inited.NET_DVR_GetLastError() == code
    fake_control.fail_login(dev, 0)
    assert login_v40(inited, b"127.0.0.1", 8002)[:2] == (0, 0)


def test_asynchronous_login_is_not_simulated(inited: ctypes.CDLL) -> None:
    info = login_info(b"127.0.0.1", 8000, b"admin", b"12345", asynchronous=1)
    assert inited.NET_DVR_Login_V40(info, ctypes.create_string_buffer(V40_SIZE)) == -1
    assert inited.NET_DVR_GetLastError() == PARAMETER_ERROR


def test_null_pointers_fail_with_parameter_error(inited: ctypes.CDLL) -> None:
    assert inited.NET_DVR_Login_V40(None, ctypes.create_string_buffer(V40_SIZE)) == -1
    assert inited.NET_DVR_GetLastError() == PARAMETER_ERROR
    info = login_info(b"127.0.0.1", 8000, b"admin", b"12345")
    assert inited.NET_DVR_Login_V40(info, None) == -1
    assert inited.NET_DVR_GetLastError() == PARAMETER_ERROR


def test_login_options_are_recorded(inited: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    info = login_info(b"127.0.0.1", 8000, b"admin", b"12345", https=2)
    assert inited.NET_DVR_Login_V40(info, ctypes.create_string_buffer(V40_SIZE)) == 0
    assert fake_control.get_int("last_login_https") == 2


def test_user_table_holds_2048_sessions(inited: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    out = ctypes.create_string_buffer(V30_SIZE)
    ids = [
        inited.NET_DVR_Login_V30(b"127.0.0.1", 8000, b"admin", b"12345", out) for _ in range(2048)
    ]
    assert ids == list(range(2048))
    assert inited.NET_DVR_Login_V30(b"127.0.0.1", 8000, b"admin", b"12345", out) == -1
    assert inited.NET_DVR_GetLastError() == MAX_NUM
    # Measured: with the table full even a login to a closed port gives 46, at once.
    connects = fake_control.get_int("login_connects")
    assert login_v40(inited, b"127.0.0.1", 9)[:2] == (-1, MAX_NUM)
    assert fake_control.get_int("login_connects") == connects
    assert inited.NET_DVR_Logout(100) == 1
    assert inited.NET_DVR_Login_V30(b"127.0.0.1", 8000, b"admin", b"12345", out) == 100
    assert fake_control.get_int("logged_in_users") == 2048
    assert inited.NET_DVR_Cleanup() == 1
    assert fake_control.get_int("logged_in_users") == 0


def test_login_latency_is_slept_outside_the_lock(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    fake_control.clear_devices()
    hosts = [f"10.0.1.{i}".encode() for i in range(1, 17)]
    for host in hosts:
        fake_control.add_device(host.decode(), 8000)
    fake_control.set_latency_ms(200)
    results: list[tuple[int, int]] = []
    lock = threading.Lock()

    def login(host: bytes) -> None:
        user_id, error, _ = login_v40(inited, host, 8000)
        with lock:
            results.append((user_id, error))

    threads = [threading.Thread(target=login, args=(host,)) for host in hosts]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    elapsed = time.monotonic() - start
    assert sorted(results) == [(i, 0) for i in range(16)]
    assert 0.19 <= elapsed < 0.6  # about one latency, not sixteen
    assert fake_control.get_int("max_logins_in_flight") >= 2
    assert fake_control.get_int("logins_in_flight") == 0


def test_reset_during_a_login_leaves_a_consistent_state(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    fake_control.set_latency_ms(300)
    result: list[tuple[int, int]] = []
    thread = threading.Thread(
        target=lambda: result.append(login_v40(inited, b"127.0.0.1", 8000)[:2])
    )
    thread.start()
    time.sleep(0.1)
    assert fake_control.get_int("logins_in_flight") == 1
    fake_control.reset()
    thread.join(5)
    assert result == [(-1, NOINIT)]  # the reset also undid NET_DVR_Init
    assert fake_control.get_int("logins_in_flight") == 0
    assert fake_control.get_int("logged_in_users") == 0


def test_per_device_latency(inited: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    dev = fake_control.find_device("127.0.0.1", 8003)
    assert dev is not None
    fake_control.set_device_latency_ms(dev, 120)
    fake_control.fail_login(dev, 10)  # a receive timeout that takes its time
    start = time.monotonic()
    assert login_v40(inited, b"127.0.0.1", 8003)[:2] == (-1, 10)
    assert time.monotonic() - start >= 0.11
    fake_control.set_device_latency_ms(dev, None)
    start = time.monotonic()
    assert login_v40(inited, b"127.0.0.1", 8003)[:2] == (-1, 10)
    assert time.monotonic() - start < 0.1


# ---- settings --------------------------------------------------------------------------------
def test_settings_are_validated_and_recorded(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    assert fake_control.get_int("recv_timeout_ms") == 5000
    assert inited.NET_DVR_SetConnectTime(2000, 2) == 1
    assert inited.NET_DVR_SetRecvTimeOut(7000) == 1
    assert inited.NET_DVR_SetReconnect(15000, 0) == 1
    assert inited.NET_DVR_SetLogToFile(3, b"/var/log/sdk/", 0) == 1
    assert fake_control.get_int("connect_wait_ms") == 2000
    assert fake_control.get_int("connect_tries") == 2
    assert fake_control.get_int("recv_timeout_ms") == 7000
    assert fake_control.get_int("reconnect_interval_ms") == 15000
    assert fake_control.get_int("reconnect_enabled") == 0
    assert fake_control.get_int("log_level") == 3
    assert fake_control.get_str("log_dir") == "/var/log/sdk/"
    assert fake_control.get_int("log_auto_delete") == 0
    assert inited.NET_DVR_SetLogToFile(4, b"/tmp", 1) == 0
    assert inited.NET_DVR_GetLastError() == PARAMETER_ERROR
    assert fake_control.get_int("log_level") == 3  # unchanged by the failed call
    assert inited.NET_DVR_SetLogToFile(0, None, 1) == 1
    assert fake_control.get_str("log_dir") == ""


def test_set_sdk_init_cfg_works_before_init(sdk: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    sdk_path = ctypes.create_string_buffer(384)
    sdk_path.value = b"/opt/hcnetsdk/lib"
    assert sdk.NET_DVR_SetSDKInitCfg(2, sdk_path) == 1
    assert sdk.NET_DVR_GetLastError() == 0
    assert sdk.NET_DVR_SetSDKInitCfg(3, ctypes.c_char_p(b"/opt/lib/libcrypto.so.1.1")) == 1
    assert sdk.NET_DVR_SetSDKInitCfg(4, ctypes.c_char_p(b"/opt/lib/libssl.so.1.1")) == 1
    assert fake_control.get_str("sdk_path") == "/opt/hcnetsdk/lib"
    assert fake_control.get_str("libcrypto_path") == "/opt/lib/libcrypto.so.1.1"
    assert fake_control.get_str("libssl_path") == "/opt/lib/libssl.so.1.1"
    assert fake_control.get_int("init_cfg_calls") == 3
    # A 256-byte path with no NUL is read within its field, not into the reserved bytes.
    ctypes.memset(sdk_path, ord("x"), 384)
    assert sdk.NET_DVR_SetSDKInitCfg(2, sdk_path) == 1
    assert fake_control.get_str("sdk_path") == "x" * 256
    for bad_type, value in ((99, sdk_path), (-1, sdk_path), (3, None)):
        assert sdk.NET_DVR_SetSDKInitCfg(bad_type, value) == 0
        assert sdk.NET_DVR_GetLastError() == PARAMETER_ERROR


# ---- crashes of the real library (each in a child process) ----------------------------------
_INIT_PROBE = """
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
lib.fake_get_str.restype = ctypes.c_char_p
lib.NET_DVR_SetSDKInitCfg.argtypes = [ctypes.c_int, ctypes.c_void_p]
folder = sys.argv[2].encode()
if folder:
    value = ctypes.create_string_buffer(384)  # NET_DVR_LOCAL_SDK_PATH: sPath[256], byRes[128]
    value.raw = folder.ljust(384, b"\\0")
    assert lib.NET_DVR_SetSDKInitCfg(2, value) == 1
print(lib.NET_DVR_Init(), lib.fake_get_str(b"init_folder").decode(), flush=True)
"""


def _run_probe(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _expect(done: subprocess.CompletedProcess[str], crash: int) -> None:
    if crash:
        assert done.returncode == -crash, (done.returncode, done.stdout, done.stderr)
        assert done.stdout == ""  # Init never returned
    else:
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("1 ")


# sdk-facts.md, "Paths": folder length given with SetSDKInitCfg type 2 -> Init's fate.
SDK_PATH_FACTS = [
    (225, 0),
    (246, 0),
    *((n, signal.SIGSEGV) for n in range(247, 251)),
    *((n, signal.SIGILL) for n in range(251, 256)),
]


@pytest.mark.parametrize(("length", "crash"), SDK_PATH_FACTS)
def test_init_crashes_on_an_sdk_folder_of_247_to_255_bytes(
    fake_sdk_path: Path, length: int, crash: int
) -> None:
    folder = "/" + "d" * (length - 1)
    done = _run_probe(_INIT_PROBE, str(fake_sdk_path), folder)
    _expect(done, crash)
    if not crash:
        assert done.stdout.split() == ["1", folder]


@pytest.mark.parametrize(("length", "crash"), [(247, signal.SIGSEGV), (251, signal.SIGILL)])
def test_an_ignored_signal_does_not_save_the_process(
    fake_sdk_path: Path, length: int, crash: int
) -> None:
    """A real fault would come back at once: neither may an ignored signal let Init return."""
    ignore = (
        "import signal\n"
        "for s in (signal.SIGSEGV, signal.SIGILL):\n"
        "    signal.signal(s, signal.SIG_IGN)\n"
    )
    done = _run_probe(ignore + _INIT_PROBE, str(fake_sdk_path), "/" + "d" * (length - 1))
    _expect(done, crash)


def _folder_of_length(base: Path, length: int) -> Path:
    """A new folder under ``base`` whose path is exactly ``length`` bytes."""
    folder = base
    remaining = length - len(os.fsencode(base))
    assert remaining >= 2
    while remaining > 0:  # each level costs "/" + its name (1 to 100 bytes)
        name = min(100, remaining - 1)
        if remaining - 1 - name == 1:  # never leave a single byte: "/" alone is no level
            name -= 1
        folder /= "p" * name
        remaining -= 1 + name
    folder.mkdir(parents=True)
    assert len(os.fsencode(folder)) == length
    return folder


@pytest.mark.parametrize(("length", "crash"), [(246, 0), (247, signal.SIGSEGV), (248, 0), (255, 0)])
def test_init_without_an_sdk_folder_crashes_when_its_own_is_247_bytes(
    fake_sdk_path: Path, tmp_path: Path, length: int, crash: int
) -> None:
    folder = _folder_of_length(tmp_path, length)
    library = folder / LIBRARY_NAME
    shutil.copyfile(fake_sdk_path, library)
    done = _run_probe(_INIT_PROBE, str(library), "")
    _expect(done, crash)
    if not crash:
        assert done.stdout.split() == ["1", str(folder)]


_FORK_PROBE = """
import ctypes, os, sys
lib = ctypes.CDLL(sys.argv[1])
lib.NET_DVR_GetSDKBuildVersion.restype = ctypes.c_uint32
lib.NET_DVR_Login_V30.argtypes = [
    ctypes.c_char_p, ctypes.c_uint16, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p
]
assert lib.NET_DVR_Init() == 1
pid = os.fork()
if pid == 0:
    out = ctypes.create_string_buffer(80)
    works = (
        lib.NET_DVR_GetSDKBuildVersion() == 0x06010930
        and lib.NET_DVR_SetRecvTimeOut(3000) == 1
        and lib.NET_DVR_Login_V30(b"127.0.0.1", 8000, b"admin", b"12345", out) == 0
        and lib.NET_DVR_Logout(0) == 1
    )
    if not works:
        os._exit(3)
    sys.stdout.flush()
    lib.NET_DVR_Cleanup()
    os._exit(4)  # not reached: Cleanup crashes the child
_, status = os.waitpid(pid, 0)
print(os.WTERMSIG(status) if os.WIFSIGNALED(status) else "exit", os.WEXITSTATUS(status))
print(lib.NET_DVR_GetSDKBuildVersion() == 0x06010930, lib.NET_DVR_Cleanup())
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_cleanup_in_a_child_forked_after_init_crashes(fake_sdk_path: Path) -> None:
    """sdk-facts.md, "Processes": versions, settings and a login work in the child, Cleanup
    kills it with SIGSEGV; the parent stays usable."""
    done = _run_probe(_FORK_PROBE, str(fake_sdk_path))
    assert done.returncode == 0, done.stderr
    child, parent = done.stdout.splitlines()
    assert child.split()[0] == str(int(signal.SIGSEGV))
    assert parent == "True 1"


# ---- control API -----------------------------------------------------------------------------
def test_set_field_writes_what_login_returns(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    dev = fake_control.add_device("10.0.0.1", 8000)
    fake_control.set_field(dev, "sSerialNumber", b"S" * 48)
    fake_control.set_field(dev, "byIPChanNum", 44)
    fake_control.set_field(dev, "struDeviceV30.byHighDChanNum", 1)
    fake_control.set_field(dev, "wDevType", 0xBEEF)
    fake_control.set_field(dev, "iResidualValidity", -3)
    fake_control.set_field(dev, "dwOEMCode", 0xFFFFFFFF)
    _, error, raw = login_v40(inited, b"10.0.0.1", 8000)
    assert error == 0
    assert raw[:48] == b"S" * 48
    assert u8(raw, 48) == 1  # the 48-byte serial did not spill over
    assert u8(raw, V30_OFFSETS["byIPChanNum"]) + 256 * u8(raw, V30_OFFSETS["byHighDChanNum"]) == 300
    assert u16(raw, V30_OFFSETS["wDevType"]) == 0xBEEF
    assert struct.unpack_from("<i", raw, V40_OFFSETS["iResidualValidity"])[0] == -3
    assert u32(raw, V40_OFFSETS["dwOEMCode"]) == 0xFFFFFFFF


def test_set_field_rejects_bad_names_and_values(fake_control: FakeSDKControl) -> None:
    dev = fake_control.add_device("10.0.0.2", 8000)
    with pytest.raises(KeyError):
        fake_control.set_field(dev, "byNoSuchField", 1)
    with pytest.raises(ValueError, match="range"):
        fake_control.set_field(dev, "byChanNum", 256)
    with pytest.raises(ValueError, match="range"):
        fake_control.set_field(dev, "wDevType", -1)
    with pytest.raises(ValueError, match="range"):
        fake_control.set_field(dev, "sSerialNumber", b"x" * 49)
    with pytest.raises(ValueError, match="range"):
        fake_control.set_field(dev, "sSerialNumber", 5)
    with pytest.raises(ValueError, match="lock policy"):
        fake_control.set_field(dev, "byRetryLoginTime", 3)
    with pytest.raises(ValueError, match="no device"):
        fake_control.set_field(999, "byChanNum", 1)
    with pytest.raises(ValueError, match="IP literal"):
        fake_control.add_device("localhost", 8000)
    with pytest.raises(ValueError, match="64 bytes"):
        fake_control.add_device("10.0.0.3", 8000, "u" * 65)


def test_add_device_at_a_known_address_redefines_it(
    inited: ctypes.CDLL, fake_control: FakeSDKControl
) -> None:
    before = fake_control.get_int("devices")
    dev = fake_control.add_device("127.0.0.1", 8000, "root", "secret")
    assert fake_control.find_device("127.0.0.1", 8000) == dev
    assert fake_control.get_int("devices") == before
    assert login_v40(inited, b"127.0.0.1", 8000)[1] == PASSWORD_ERROR
    assert login_v40(inited, b"127.0.0.1", 8000, b"root", b"secret")[:2] == (0, 0)


def test_reset_restores_the_default_site(inited: ctypes.CDLL, fake_control: FakeSDKControl) -> None:
    fake_control.clear_devices()
    fake_control.set_latency_ms(50)
    fake_control.reset()
    assert fake_control.get_int("initialized") == 0
    assert fake_control.get_int("devices") == 5
    assert fake_control.get_int("latency_ms") == 0
    assert fake_control.get_int("init_calls") == 0
    with pytest.raises(KeyError):
        fake_control.get_int("no_such_key")
    with pytest.raises(KeyError):
        fake_control.get_str("no_such_key")


def test_control_accepts_an_opened_library(fake_sdk_path: Path) -> None:
    lib = ctypes.CDLL(str(fake_sdk_path))
    control = FakeSDKControl(lib)
    assert control.lib is lib
    assert control.sizeof("NET_DVR_DEVICEINFO_V30") == V30_SIZE


# ---- building and caching --------------------------------------------------------------------
def test_build_is_cached_and_named_like_the_real_library(tmp_path: Path) -> None:
    first = build_fake_sdk(tmp_path)
    assert first.name == LIBRARY_NAME
    assert first.parent.parent == tmp_path
    mtime = first.stat().st_mtime_ns
    again = build_fake_sdk(tmp_path)
    assert again == first
    assert again.stat().st_mtime_ns == mtime
    # The entry holds the library and its recorded hash; no staging folder is left.
    assert sorted(p.name for p in first.parent.iterdir()) == [
        LIBRARY_NAME,
        LIBRARY_NAME + ".sha256",
    ]
    assert list(tmp_path.iterdir()) == [first.parent]


def test_changed_source_builds_anew(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(source_dir(), source, ignore=shutil.ignore_patterns("*.py", "*.md"))
    first = build_fake_sdk(tmp_path / "cache", source=source)
    with (source / "fake_core.c").open("a") as handle:
        handle.write("\n/* changed */\n")
    second = build_fake_sdk(tmp_path / "cache", source=source)
    assert second != first
    assert first.is_file()
    assert second.is_file()


def test_every_c_file_is_compiled(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(source_dir(), source, ignore=shutil.ignore_patterns("*.py", "*.md"))
    # A new area as stubs/README.md describes it: the internal header, the shared state.
    (source / "fake_zz_probe.c").write_text(
        '#include "fake_internal.h"\n'
        "\n"
        "FAKE_API int fake_probe_devices(void) {\n"
        "    int n;\n"
        "    ready();\n"
        "    lock();\n"
        "    n = g.device_count;\n"
        "    unlock();\n"
        "    return n;\n"
        "}\n"
    )
    lib = ctypes.CDLL(str(build_fake_sdk(tmp_path / "cache", source=source)))
    probe = lib.fake_probe_devices
    probe.restype = ctypes.c_int
    probe.argtypes = []
    control = FakeSDKControl(lib)
    control.reset()
    assert probe() == control.get_int("devices") == len(DEFAULT_CAMERA_PORTS) + 1
    control.add_device("10.0.0.9", 8000)
    assert probe() == control.get_int("devices")


def test_only_sdk_and_control_functions_are_exported(fake_sdk_path: Path) -> None:
    """What the files share through fake_internal.h stays inside the library."""
    lib = ctypes.CDLL(str(fake_sdk_path))
    assert hasattr(lib, "NET_DVR_Init")
    assert hasattr(lib, "fake_reset")
    for internal in (
        "reset_locked",
        "set_last_error",
        "fail_bool",
        "begin_initialized_locked",
        "function_index",
        "k_function_names",
        "find_device_field",
        "site_reset_locked",
        "login_reset_locked",
        "free_all_slots_locked",
    ):
        assert not hasattr(lib, internal), internal


def test_c_files_are_compiled_in_name_order(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "c_area.c").write_text("int broken(void) { return nope; }\n")
    (source / "a_area.c").write_text("int a_area(void) { return 1; }\n")
    (source / "b_area.c").write_text("int b_area(void) { return 2; }\n")
    (source / "notes.txt").write_text("not a source\n")
    with pytest.raises(SimulatorBuildError) as info:
        build_fake_sdk(tmp_path / "cache", source=source)
    command = next(line for line in str(info.value).splitlines() if line.startswith("command:"))
    positions = [command.index(f"/{name}") for name in ("a_area.c", "b_area.c", "c_area.c")]
    assert positions == sorted(positions)
    assert "notes.txt" not in command


def test_a_folder_without_c_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "only.h").write_text("#define ONLY 1\n")
    with pytest.raises(SDKNotFoundError, match=r"no \.c file"):
        build_fake_sdk(tmp_path / "cache", source=tmp_path)


def test_every_c_and_h_file_is_in_the_cache_key(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(source_dir(), source, ignore=shutil.ignore_patterns("*.py", "*.md"))

    def key() -> str:
        return _cache_key(_sources(source), ["cc"], "cc (test) 1.0")

    original = key()
    names = sorted(path.name for path in source.iterdir())
    assert {Path(name).suffix for name in names} == {".c", ".h"}
    keys = {original}
    for name in names:
        path = source / name
        text = path.read_bytes()
        path.write_bytes(text + b"\n/* changed */\n")
        keys.add(key())
        path.write_bytes(text)
        assert key() == original
    assert len(keys) == len(names) + 1  # each changed file gave its own key
    for added in ("fake_new_area.c", "fake_new_area.h"):
        (source / added).write_text("/* new */\n")
        assert key() != original
        (source / added).unlink()
    (source / "NOTES.md").write_text("documentation is not compiled\n")
    assert key() == original


def test_missing_compiler_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CC", "/nonexistent/cc")
    with pytest.raises(SDKNotFoundError) as info:
        build_fake_sdk(tmp_path)
    message = str(info.value)
    assert "/nonexistent/cc" in message
    assert "gcc" in message
    assert "CC" in message
    assert info.value.attempts
    assert not any(tmp_path.iterdir())


def test_compiler_failure_shows_its_output(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "fake_hcnetsdk.c").write_text("int broken(void) { return nope; }\n")
    with pytest.raises(SimulatorBuildError) as info:
        build_fake_sdk(tmp_path / "cache", source=source)
    assert "nope" in str(info.value)
    assert isinstance(info.value, SDKNotFoundError)


def test_concurrent_builds_agree(tmp_path: Path) -> None:
    results: list[Path] = []
    errors: list[BaseException] = []

    def build() -> None:
        try:
            results.append(build_fake_sdk(tmp_path))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert len(set(results)) == 1
    assert FakeSDKControl(results[0]).sizeof("NET_DVR_DEVICEINFO_V40") == V40_SIZE


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(tmp_path / "explicit"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("HCNETSDK_SIMULATOR_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "hcnetsdk"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "hcnetsdk"


def test_sources_are_found() -> None:
    assert (source_dir() / "fake_hcnetsdk.h").is_file()
    assert (source_dir() / "fake_internal.h").is_file()
    assert {"fake_core.c", "fake_login.c", "fake_site.c"} <= {
        path.name for path in source_dir().glob("*.c")
    }


def test_import_hcnetsdk_does_not_import_the_simulator() -> None:
    probe = "import sys, hcnetsdk; print('hcnetsdk._simulator' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert out.strip() == "False"
