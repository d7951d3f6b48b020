"""The raw layer: ctypes types, structure layout (sdk-facts.md), prototype table, errcheck."""

from __future__ import annotations

import ctypes
import threading
from typing import Any

import pytest

from _pyfake import PyFakeSDK
from hcnetsdk import _native
from hcnetsdk.errors import HCNetSDKError, SDKFunctionMissingError, error_class

POINTER_64 = ctypes.sizeof(ctypes.c_void_p) == 8


# --- types and layout ---------------------------------------------------------------------
def test_c_types_have_the_sdk_widths() -> None:
    assert ctypes.sizeof(_native.LONG) == 4
    assert ctypes.sizeof(_native.BOOL) == 4
    assert ctypes.sizeof(_native.DWORD) == 4
    assert ctypes.sizeof(_native.WORD) == 2
    assert ctypes.sizeof(_native.BYTE) == 1
    assert _native.LONG(-1).value == -1  # signed: a failed login is -1, not 4294967295
    assert ctypes.sizeof(_native.BOOL) != ctypes.sizeof(ctypes.c_bool)


@pytest.mark.skipif(not POINTER_64, reason="offsets measured on 64-bit")
def test_user_login_info_layout() -> None:
    s = _native.NET_DVR_USER_LOGIN_INFO
    assert ctypes.sizeof(s) == 416
    assert ctypes.alignment(s) == 8
    expected = {
        "sDeviceAddress": (0, 129),
        "byUseTransport": (129, 1),
        "wPort": (130, 2),
        "sUserName": (132, 64),
        "sPassword": (196, 64),
        "cbLoginResult": (264, 8),
        "pUser": (272, 8),
        "bUseAsynLogin": (280, 4),
        "byProxyType": (284, 1),
        "byUseUTCTime": (285, 1),
        "byLoginMode": (286, 1),
        "byHttps": (287, 1),
        "iProxyID": (288, 4),
        "byVerifyMode": (292, 1),
        "byRes3": (293, 119),
    }
    assert [name for name, *_ in s._fields_] == list(expected)
    for name, (offset, size) in expected.items():
        field = getattr(s, name)
        assert (field.offset, field.size) == (offset, size), name


def test_deviceinfo_v30_layout() -> None:
    s = _native.NET_DVR_DEVICEINFO_V30
    assert ctypes.sizeof(s) == 80
    assert ctypes.alignment(s) == 2
    assert (s.sSerialNumber.offset, s.sSerialNumber.size) == (0, 48)
    singles = [
        "byAlarmInPortNum", "byAlarmOutPortNum", "byDiskNum", "byDVRType", "byChanNum",
        "byStartChan", "byAudioChanNum", "byIPChanNum", "byZeroChanNum", "byMainProto",
        "bySubProto", "bySupport", "bySupport1", "bySupport2",
    ]  # fmt: skip
    for offset, name in enumerate(singles, start=48):
        assert (getattr(s, name).offset, getattr(s, name).size) == (offset, 1), name
    assert (s.wDevType.offset, s.wDevType.size) == (62, 2)
    more = [
        "bySupport3", "byMultiStreamProto", "byStartDChan", "byStartDTalkChan",
        "byHighDChanNum", "bySupport4", "byLanguageType", "byVoiceInChanNum",
        "byStartVoiceInChanNo", "bySupport5", "bySupport6", "byMirrorChanNum",
    ]  # fmt: skip
    for offset, name in enumerate(more, start=64):
        assert (getattr(s, name).offset, getattr(s, name).size) == (offset, 1), name
    assert (s.wStartMirrorChanNo.offset, s.wStartMirrorChanNo.size) == (76, 2)
    assert s.bySupport7.offset == 78
    assert s.byRes2.offset == 79


def test_deviceinfo_v40_layout() -> None:
    s = _native.NET_DVR_DEVICEINFO_V40
    assert ctypes.sizeof(s) == 344
    assert ctypes.alignment(s) == 4
    expected = {
        "struDeviceV30": (0, 80),
        "bySupportLock": (80, 1),
        "byRetryLoginTime": (81, 1),
        "byPasswordLevel": (82, 1),
        "byProxyType": (83, 1),
        "dwSurplusLockTime": (84, 4),
        "byCharEncodeType": (88, 1),
        "bySupportDev5": (89, 1),
        "bySupport": (90, 1),
        "byLoginMode": (91, 1),
        "dwOEMCode": (92, 4),
        "iResidualValidity": (96, 4),
        "byResidualValidity": (100, 1),
        "bySingleStartDTalkChan": (101, 1),
        "bySingleDTalkChanNums": (102, 1),
        "byPassWordResetLevel": (103, 1),
        "bySupportStreamEncrypt": (104, 1),
        "byMarketType": (105, 1),
        "byTLSCap": (106, 1),
        "byRes2": (107, 237),
    }
    for name, (offset, size) in expected.items():
        field = getattr(s, name)
        assert (field.offset, field.size) == (offset, size), name


def test_local_sdk_path_layout() -> None:
    s = _native.NET_DVR_LOCAL_SDK_PATH
    assert ctypes.sizeof(s) == 384
    assert (s.sPath.offset, s.sPath.size, s.byRes.offset) == (0, 256, 256)


def test_prototype_table_matches_the_facts() -> None:
    table = _native.PROTOTYPE_BY_NAME
    # core and login 14, events 6, config 4, playback (features 7) 8, stream 2, ptz 2, isapi 1
    assert len(table) == len(_native.PROTOTYPES) == 24 + 8 + 4 + 1
    # events (sdk-facts-features 5.1): handles are LONG (-1 on failure), the rest BOOL
    for name in ("NET_DVR_SetupAlarmChan_V50", "NET_DVR_StartListen_V30"):
        assert (table[name].restype, table[name].failure) == (_native.LONG, -1)
    for name in (
        "NET_DVR_SetDVRMessageCallBack_V50",
        "NET_DVR_CloseAlarmChan_V30",
        "NET_DVR_SetExceptionCallBack_V30",
        "NET_DVR_StopListen_V30",
    ):
        assert (table[name].restype, table[name].failure) == (_native.BOOL, 0)
    assert table["NET_DVR_StartListen_V30"].argtypes[1] is _native.WORD
    assert table["NET_DVR_Login_V40"].restype is _native.LONG
    assert table["NET_DVR_Login_V40"].failure == -1
    assert table["NET_DVR_Login_V30"].restype is _native.LONG
    assert table["NET_DVR_Logout"].argtypes == (_native.LONG,)
    assert table["NET_DVR_GetLastError"].restype is _native.DWORD
    assert table["NET_DVR_GetLastError"].failure is None
    assert table["NET_DVR_SetConnectTime"].argtypes == (_native.DWORD, _native.DWORD)
    assert table["NET_DVR_SetReconnect"].argtypes == (_native.DWORD, _native.BOOL)
    longs = {"NET_DVR_Login_V40", "NET_DVR_Login_V30"} | {
        "NET_DVR_SetupAlarmChan_V50",
        "NET_DVR_StartListen_V30",
    }
    longs |= {  # playback (sdk-facts-features 7): handles, a status, a position: -1 on failure
        "NET_DVR_FindFile_V40",
        "NET_DVR_FindNextFile_V40",
        "NET_DVR_GetFileByTime_V40",
        "NET_DVR_GetFileByName",
        "NET_DVR_GetDownloadPos",
    }
    longs.add("NET_DVR_RealPlay_V40")
    data = {"NET_DVR_GetLastError", "NET_DVR_GetErrorMsg"} | {
        "NET_DVR_GetSDKVersion",
        "NET_DVR_GetSDKBuildVersion",
    }
    for proto in _native.PROTOTYPES:
        expected = -1 if proto.name in longs else None if proto.name in data else 0
        assert proto.failure == expected, proto.name
        assert ctypes.sizeof(proto.restype) == 4 or proto.restype is ctypes.c_char_p


# --- errcheck -----------------------------------------------------------------------------
def _errcheck(
    name: str = "NET_DVR_SetRecvTimeOut",
    failure: int = 0,
    code: int = 7,
    message: str | None = None,
) -> Any:
    return _native.make_errcheck(name, failure, lambda: code, lambda c: message)


def test_errcheck_passes_success_through() -> None:
    assert _errcheck()(1, None, ()) == 1
    assert _errcheck("NET_DVR_Login_V40", -1)(0, None, ()) == 0
    assert _errcheck("NET_DVR_Login_V40", -1)(2047, None, ()) == 2047


def test_bool_failure_raises_the_class_of_the_code_naming_the_function() -> None:
    with pytest.raises(HCNetSDKError) as info:
        _errcheck(code=7, message="Connect failed.")(0, None, ())
    assert type(info.value) is error_class(7)
    assert info.value.code == 7
    assert info.value.function == "NET_DVR_SetRecvTimeOut"
    assert info.value.sdk_message == "Connect failed."


def test_long_failure_minus_one_raises() -> None:
    with pytest.raises(HCNetSDKError) as info:
        _errcheck("NET_DVR_Login_V40", -1, code=1)(-1, None, ())
    assert type(info.value) is error_class(1)
    assert info.value.function == "NET_DVR_Login_V40"


def test_failure_with_last_error_zero_raises_the_base_class() -> None:
    with pytest.raises(HCNetSDKError) as info:
        _errcheck(code=0)(0, None, ())
    assert type(info.value) is HCNetSDKError
    assert info.value.code == 0
    assert info.value.sdk_message is not None
    assert "no error code" in info.value.sdk_message


@pytest.mark.parametrize("wrap", ["struct", "byref", "pointer"])
def test_login_failure_carries_lockout_details(wrap: str) -> None:
    info = _native.NET_DVR_DEVICEINFO_V40()
    info.bySupportLock = 1
    info.byRetryLoginTime = 3
    argument: Any = {
        "struct": info,
        "byref": ctypes.byref(info),
        "pointer": ctypes.pointer(info),
    }[wrap]
    with pytest.raises(HCNetSDKError) as exc:
        _errcheck("NET_DVR_Login_V40", -1, code=1)(-1, None, (None, argument))
    assert (exc.value.attempts_left, exc.value.lock_seconds) == (3, None)

    info.byRetryLoginTime = 0
    info.dwSurplusLockTime = 600
    with pytest.raises(HCNetSDKError) as exc:
        _errcheck("NET_DVR_Login_V40", -1, code=153)(-1, None, (None, argument))
    assert type(exc.value) is error_class(153)
    assert (exc.value.attempts_left, exc.value.lock_seconds) == (0, 600)


def test_lockout_details_need_support_lock() -> None:
    info = _native.NET_DVR_DEVICEINFO_V40()
    info.byRetryLoginTime = 3
    info.dwSurplusLockTime = 600
    assert _native.lockout_details(info, 1) == (None, None)
    info.bySupportLock = 1
    assert _native.lockout_details(info, 153) == (3, 600)
    info.dwSurplusLockTime = 0
    assert _native.lockout_details(info, 153) == (3, 0)
    assert _native.lockout_details(info, 1) == (3, None)
    assert _native.lockout_details(None, 1) == (None, None)


def test_other_functions_carry_no_lockout_details() -> None:
    info = _native.NET_DVR_DEVICEINFO_V40()
    info.bySupportLock = 1
    with pytest.raises(HCNetSDKError) as exc:
        _errcheck("NET_DVR_Login_V30", -1, code=1)(-1, None, (None, info))
    assert exc.value.attempts_left is None


# --- binding through real ctypes ----------------------------------------------------------
def test_bind_applies_prototypes_and_checks_through_ctypes() -> None:
    fake = PyFakeSDK()
    native = _native.NativeSDK(fake.lib, "/x/libhcnetsdk.so")
    with pytest.raises(HCNetSDKError) as exc:
        native.NET_DVR_SetRecvTimeOut(5000)  # before init: 3
    assert type(exc.value) is error_class(3)
    assert exc.value.sdk_message is None  # GetErrorMsg gives NULL before init
    assert native.NET_DVR_Init() == 1
    assert native.NET_DVR_SetRecvTimeOut(5000) == 1
    assert native.build_version() == "6.1.9.48"
    fake.failures["NET_DVR_SetRecvTimeOut"] = 4242
    with pytest.raises(HCNetSDKError) as exc:
        native.NET_DVR_SetRecvTimeOut(5000)
    assert type(exc.value) is error_class(4242)
    assert exc.value.code == 4242
    assert exc.value.sdk_message == "Fake message for error 4242."


def test_long_failure_reads_minus_one_through_ctypes() -> None:
    fake = PyFakeSDK()
    native = _native.NativeSDK(fake.lib)
    native.NET_DVR_Init()
    login = _native.NET_DVR_USER_LOGIN_INFO(sDeviceAddress=b"10.0.0.1", wPort=8000)
    info = _native.NET_DVR_DEVICEINFO_V40()
    with pytest.raises(HCNetSDKError) as exc:
        native.NET_DVR_Login_V40(ctypes.byref(login), ctypes.byref(info))
    assert exc.value.code == 7


def test_missing_required_function_names_it() -> None:
    fake = PyFakeSDK(omit=("NET_DVR_Login_V40",))
    with pytest.raises(SDKFunctionMissingError) as exc:
        _native.NativeSDK(fake.lib, "/opt/sdk/libhcnetsdk.so")
    assert exc.value.function == "NET_DVR_Login_V40"
    assert exc.value.sdk_version is None  # reads 0 before init
    assert "NET_DVR_Login_V40" in str(exc.value)
    assert "/opt/sdk/libhcnetsdk.so" in str(exc.value)
    assert "version unknown" in str(exc.value)


def test_missing_optional_function_raises_when_called_with_the_version() -> None:
    fake = PyFakeSDK(omit=("NET_DVR_SetReconnect",))
    native = _native.NativeSDK(fake.lib)
    assert not native.has("NET_DVR_SetReconnect")
    native.NET_DVR_Init()
    with pytest.raises(SDKFunctionMissingError) as exc:
        native.NET_DVR_SetReconnect(1000, 1)
    assert exc.value.function == "NET_DVR_SetReconnect"
    assert exc.value.sdk_version == "6.1.9.48"
    assert "6.1.9.48" in str(exc.value)


def test_bind_is_cached_per_library_and_uses_fresh_function_pointers() -> None:
    fake = PyFakeSDK()
    native = _native.bind(fake.lib)
    assert _native.bind(fake.lib) is native
    libc = ctypes.CDLL(None)
    attribute = libc.strlen
    assert libc["strlen"] is not attribute  # lib[name] is what bind uses: the caller's
    assert libc["strlen"] is not libc["strlen"]  # attributes keep their own prototypes


def test_format_build_version() -> None:
    assert _native.format_build_version(0x06010930) == "6.1.9.48"
    assert _native.format_build_version(0) is None


def test_errcheck_reads_the_failing_threads_error() -> None:
    fake = PyFakeSDK()
    native = _native.NativeSDK(fake.lib)
    native.NET_DVR_Init()
    count = 32
    barrier = threading.Barrier(count)
    results: dict[int, tuple[type[HCNetSDKError], int, str | None]] = {}

    def worker(code: int) -> None:
        fake._tls.fail = code  # this thread's next call fails with `code`
        barrier.wait(10)
        try:
            native.NET_DVR_SetRecvTimeOut(1000)
        except HCNetSDKError as exc:
            results[code] = (type(exc), exc.code, exc.sdk_message)

    codes = [1, 7, 10, 17, 23, 47, 153, 4242, *range(800, 824)]
    threads = [threading.Thread(target=worker, args=(code,)) for code in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert results == {
        code: (error_class(code), code, f"Fake message for error {code}.") for code in codes
    }


# --- the areas and their joined table -------------------------------------------------------
def test_the_joined_table_is_every_area_in_order_with_no_name_twice() -> None:
    from hcnetsdk._native import config, core, events, isapi, login, playback, ptz, stream

    joined = (*core.PROTOTYPES, *login.PROTOTYPES, *events.PROTOTYPES, *config.PROTOTYPES)
    features = (*playback.PROTOTYPES, *stream.PROTOTYPES, *ptz.PROTOTYPES, *isapi.PROTOTYPES)
    assert (*joined, *features) == _native.PROTOTYPES
    assert len(set(_native.PROTOTYPE_BY_NAME)) == len(_native.PROTOTYPES)
    # every prototype has a typed attribute on NativeSDK, from its area's Functions class
    annotated: set[str] = set()
    for cls in _native.NativeSDK.__mro__:
        annotated |= set(getattr(cls, "__annotations__", {}))
    assert {p.name for p in _native.PROTOTYPES} <= annotated


def test_only_login_v40_has_a_details_hook() -> None:
    hooked = [p.name for p in _native.PROTOTYPES if p.details is not None]
    assert hooked == ["NET_DVR_Login_V40"]


def test_net_dvr_time_layout() -> None:
    s = _native.NET_DVR_TIME
    assert ctypes.sizeof(s) == 24
    assert ctypes.alignment(s) == 4
    names = ("dwYear", "dwMonth", "dwDay", "dwHour", "dwMinute", "dwSecond")
    assert [getattr(s, n).offset for n in names] == [0, 4, 8, 12, 16, 20]


def test_unpack_build_version_is_the_one_decoder() -> None:
    assert _native.unpack_build_version(0x06010930) == (6, 1, 9, 48)
    assert _native.unpack_build_version(0xFFFFFFFF) == (255, 255, 255, 255)
    from hcnetsdk.sdk import SDKVersion

    assert SDKVersion.from_build_version(0x0A0B0C0D) == (10, 11, 12, 13)
