"""End to end through real ctypes: HCNetSDK against the fake SDK compiled from stubs/.

The fake is one shared library per process with one simulated site; ``fake_control`` resets it
around each test, and every test here cleans up the HCNetSDK objects it makes (checked).
"""

from __future__ import annotations

import ctypes
import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hcnetsdk
from hcnetsdk import _loader, _native
from hcnetsdk._process import forget_init
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simulator import CACHE_ENV
from hcnetsdk.device import DeviceInfo, PasswordLevel
from hcnetsdk.errors import HCNetSDKError, SDKClosedError, error_class
from hcnetsdk.sdk import HCNetSDK, LoginMode, LogLevel, SDKVersion

NVR = ("127.0.0.1", 8000)
USER, PASSWORD = "admin", "12345"
NVR_SERIAL = "DS-7608NI-K20820230410CCRRF00000001WCVU"


@pytest.fixture
def fake(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[FakeSDKControl]:
    """The reset fake; after the test, no HCNetSDK object may still hold its initialisation."""
    fake_control.set_logout_block_ms(200)  # a wrong Logout would show, without a 5 s stall
    yield fake_control
    lib = ctypes.CDLL(str(fake_sdk_path))
    leaked = forget_init(lib)  # keep the next tests sane, then fail this one
    assert leaked == 0, "an HCNetSDK object was left initialised"
    assert fake_control.get_int("logout_unused_calls") == 0  # never Logout with a foreign id


@pytest.fixture
def sdk(fake: FakeSDKControl, fake_sdk_path: Path) -> Iterator[HCNetSDK]:
    with HCNetSDK(fake_sdk_path) as instance:
        yield instance


def _login(sdk: HCNetSDK, host: str = NVR[0], port: int = NVR[1], **kwargs: Any) -> Any:
    kwargs.setdefault("username", USER)
    kwargs.setdefault("password", PASSWORD)
    return sdk.login(host, port, **kwargs)


def _calls(fake: FakeSDKControl, name: str) -> int:
    return fake.get_int(f"calls:{name}")


# --- layout -------------------------------------------------------------------------------
STRUCTS = {
    "NET_DVR_USER_LOGIN_INFO": _native.NET_DVR_USER_LOGIN_INFO,
    "NET_DVR_DEVICEINFO_V30": _native.NET_DVR_DEVICEINFO_V30,
    "NET_DVR_DEVICEINFO_V40": _native.NET_DVR_DEVICEINFO_V40,
    "NET_DVR_LOCAL_SDK_PATH": _native.NET_DVR_LOCAL_SDK_PATH,
}


@pytest.mark.parametrize("name", sorted(STRUCTS))
def test_structure_sizes_and_every_offset_match_the_c_fake(
    fake_control: FakeSDKControl, name: str
) -> None:
    struct = STRUCTS[name]
    assert ctypes.sizeof(struct) == fake_control.sizeof(name)
    for field_name, *_ in struct._fields_:
        assert getattr(struct, field_name).offset == fake_control.offsetof(name, field_name), (
            f"{name}.{field_name}"
        )
    if name == "NET_DVR_DEVICEINFO_V40":  # and the V30 fields inside it, by their full name
        for field_name, *_ in _native.NET_DVR_DEVICEINFO_V30._fields_:
            offset = getattr(_native.NET_DVR_DEVICEINFO_V30, field_name).offset
            assert offset == fake_control.offsetof(name, f"struDeviceV30.{field_name}")


# --- loading ------------------------------------------------------------------------------
def test_simulator_by_name_and_env_var(
    fake: FakeSDKControl, fake_sdk_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(fake_sdk_path.parent.parent))  # reuse the session's build
    with HCNetSDK("simulator") as first:
        assert first.library_path == str(fake_sdk_path)
        assert first.source == "simulator"
        monkeypatch.setenv("HCNETSDK_LIB", "simulator")
        with HCNetSDK() as second:
            assert second.source == "simulator"
            assert _login(second).info.serial_number == NVR_SERIAL
        assert fake.get_int("init_calls") == 1


def test_folder_argument_and_an_opened_cdll(fake: FakeSDKControl, fake_sdk_path: Path) -> None:
    with HCNetSDK(fake_sdk_path.parent) as by_folder:
        assert by_folder.library_path == str(fake_sdk_path)
        with HCNetSDK(ctypes.CDLL(str(fake_sdk_path))) as by_cdll:
            assert by_cdll.library_path == str(fake_sdk_path)
            assert by_cdll.sdk_folder == str(fake_sdk_path.parent)
            assert by_cdll.version == by_folder.version


def test_path_of_a_library_opened_by_relative_name_is_found_with_dladdr(
    fake: FakeSDKControl, fake_sdk_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fake_sdk_path.parent)
    lib = ctypes.CDLL("./libhcnetsdk.so")
    assert _loader.loaded_path(lib) == str(fake_sdk_path)


def test_sdk_folder_is_passed_before_init(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    assert fake.get_str("sdk_path") == sdk.sdk_folder
    assert fake.get_int("init_cfg_calls") == 1  # no OpenSSL files beside the fake
    assert fake.get_str("libcrypto_path") == ""


# --- lifecycle ----------------------------------------------------------------------------
def test_objects_share_one_init_and_cleanup_after_the_last(
    fake: FakeSDKControl, fake_sdk_path: Path
) -> None:
    first = HCNetSDK(fake_sdk_path)
    second = HCNetSDK(str(fake_sdk_path))
    assert fake.get_int("init_calls") == 0  # constructing does not init
    first.init()
    first.init()
    second.init()
    assert fake.get_int("init_calls") == 1
    first.cleanup()
    assert fake.get_int("cleanup_calls") == 0
    assert fake.get_int("initialized") == 1
    assert _login(second).logged_in
    second.cleanup()
    assert fake.get_int("cleanup_calls") == 1
    assert fake.get_int("initialized") == 0
    assert fake.get_int("logged_in_users") == 0


def test_use_after_cleanup_never_reaches_the_sdk(fake: FakeSDKControl, fake_sdk_path: Path) -> None:
    with HCNetSDK(fake_sdk_path) as instance:
        device = _login(instance)
    calls = {n: _calls(fake, n) for n in ("NET_DVR_Login_V40", "NET_DVR_SetRecvTimeOut")}
    with pytest.raises(SDKClosedError):
        _login(instance)
    with pytest.raises(SDKClosedError):
        instance.set_recv_timeout(1)
    with pytest.raises(SDKClosedError):
        _ = device.user_id
    device.logout()
    assert {n: _calls(fake, n) for n in calls} == calls
    assert _calls(fake, "NET_DVR_Logout") == 1


def test_devices_are_logged_out_on_exit(fake: FakeSDKControl, fake_sdk_path: Path) -> None:
    with HCNetSDK(fake_sdk_path) as instance:
        devices = [_login(instance, port=port) for port in (8000, 8001, 8002, 8003)]
        devices[0].logout()
        devices[0].logout()
        assert fake.get_int("logged_in_users") == 3
    assert fake.get_int("logged_in_users") == 0
    assert _calls(fake, "NET_DVR_Logout") == 4
    assert not any(d.logged_in for d in devices)


def test_init_failure_then_retry(fake: FakeSDKControl, fake_sdk_path: Path) -> None:
    fake.fail_next("NET_DVR_Init", 41)
    instance = HCNetSDK(fake_sdk_path)
    with pytest.raises(HCNetSDKError) as exc:
        instance.init()
    assert type(exc.value) is error_class(41)
    with instance:
        assert instance.initialised


# --- information and settings -------------------------------------------------------------
def test_version(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    assert sdk.version == SDKVersion(6, 1, 9, 48)
    assert str(sdk.version) == "6.1.9.48"
    fake.set_build_version(0x05020100)
    assert str(sdk.version) == "5.2.1.0"


def test_settings_reach_the_sdk(sdk: HCNetSDK, fake: FakeSDKControl, tmp_path: Path) -> None:
    sdk.set_connect_timeout(1.5, attempts=2)
    sdk.set_recv_timeout(0.75)
    sdk.set_reconnect(10, enabled=False)
    sdk.set_log_to_file(tmp_path / "log", level=LogLevel.DEBUG, auto_delete=False)
    assert fake.get_int("connect_wait_ms") == 1500
    assert fake.get_int("connect_tries") == 2
    assert fake.get_int("recv_timeout_ms") == 750
    assert fake.get_int("reconnect_interval_ms") == 10000
    assert fake.get_int("reconnect_enabled") == 0
    assert fake.get_int("log_level") == 3
    assert fake.get_int("log_auto_delete") == 0
    assert fake.get_str("log_dir") == f"{tmp_path / 'log'}/"


def test_setting_failure_raises_its_class(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    fake.fail_next("NET_DVR_SetRecvTimeOut", 17)
    with pytest.raises(HCNetSDKError) as exc:
        sdk.set_recv_timeout(5)
    assert type(exc.value) is error_class(17)
    assert exc.value.function == "NET_DVR_SetRecvTimeOut"
    assert exc.value.sdk_message


# --- login --------------------------------------------------------------------------------
def test_login_to_the_default_nvr(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    with _login(sdk) as device:
        assert device.user_id == 0
        info = device.info
        assert info.serial_number == NVR_SERIAL
        assert (info.analog_channels, info.start_channel) == (0, 1)
        assert (info.ip_channels, info.start_ip_channel) == (8, 33)
        assert info.zero_channels == 1
        assert (info.disks, info.alarm_inputs, info.alarm_outputs) == (1, 4, 1)
        assert (info.dvr_type, info.device_type) == (75, 0x7608)
        assert info.password_level is PasswordLevel.DEFAULT
        assert (info.char_encoding, info.encoding) == (6, "utf-8")
        assert info.language_type == 2
        assert info.tls_capable is True
        assert (info.supports_lock, info.retry_login_left, info.lock_seconds) == (True, 5, 0)
        assert fake.get_str("last_login_function") == "NET_DVR_Login_V40"
        assert fake.get_str("last_login_host") == "127.0.0.1"
        assert fake.get_str("last_login_user") == "admin"
        assert fake.get_int("last_login_port") == 8000
        assert fake.get_int("last_login_async") == 0
        assert fake.get_int("last_login_mode") == 0
        assert fake.get_int("last_login_https") == 0
    assert fake.get_int("logged_in_users") == 0


def test_every_deviceinfo_field_crosses_the_c_boundary(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    dev = fake.add_device("127.0.0.1", 9100, "operator", "pw")
    serial = "录像机-DS-9632NI-I8".encode("gbk")
    ints = {
        "byAlarmInPortNum": 16, "byAlarmOutPortNum": 4, "byDiskNum": 8, "byDVRType": 200,
        "byChanNum": 4, "byStartChan": 1, "byAudioChanNum": 2, "byIPChanNum": 32,
        "byZeroChanNum": 1, "byMainProto": 1, "struDeviceV30.bySubProto": 2,
        "struDeviceV30.bySupport": 0x81, "bySupport1": 0x82, "bySupport2": 0x83,
        "wDevType": 0xBEEF, "bySupport3": 0x84, "byMultiStreamProto": 5, "byStartDChan": 33,
        "byStartDTalkChan": 9, "byHighDChanNum": 1, "bySupport4": 0x85, "byLanguageType": 1,
        "byVoiceInChanNum": 3, "byStartVoiceInChanNo": 6, "bySupport5": 0x86,
        "bySupport6": 0x87, "byMirrorChanNum": 2, "wStartMirrorChanNo": 500, "bySupport7": 0x88,
        "byPasswordLevel": 3, "byProxyType": 1, "byCharEncodeType": 2, "bySupportDev5": 7,
        "bySupport": 8, "byLoginMode": 1, "dwOEMCode": 0xDEADBEEF, "iResidualValidity": -12,
        "byResidualValidity": 1, "bySingleStartDTalkChan": 10, "bySingleDTalkChanNums": 11,
        "byPassWordResetLevel": 12, "bySupportStreamEncrypt": 13, "byMarketType": 14,
        "byTLSCap": 0,
    }  # fmt: skip
    for field, value in ints.items():
        fake.set_field(dev, field, value)
    fake.set_field(dev, "sSerialNumber", serial)
    fake.set_lock_policy(dev, 3, 60)
    device = _login(sdk, port=9100, username="operator", password="pw")
    assert device.info == DeviceInfo(
        serial_number="录像机-DS-9632NI-I8",
        device_type=0xBEEF,
        dvr_type=200,
        analog_channels=4,
        start_channel=1,
        ip_channels=32 + 256,
        start_ip_channel=33,
        zero_channels=1,
        disks=8,
        alarm_inputs=16,
        alarm_outputs=4,
        audio_channels=2,
        start_talk_channel=9,
        voice_in_channels=3,
        start_voice_in_channel=6,
        mirror_channels=2,
        start_mirror_channel=500,
        main_protocol=1,
        sub_protocol=2,
        multi_stream_protocol=5,
        language_type=1,
        support_flags=(0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88),
        password_level=PasswordLevel.RISKY,
        char_encoding=2,
        encoding="gbk",
        supports_lock=True,
        retry_login_left=3,
        lock_seconds=0,
        residual_validity_days=-12,
        login_mode=1,
        proxy_type=1,
        oem_code=0xDEADBEEF,
        support_dev5=7,
        support_v40=8,
        single_start_talk_channel=10,
        single_talk_channels=11,
        password_reset_level=12,
        stream_encryption=13,
        market_type=14,
        tls_capable=False,
    )
    device.logout()


def test_odd_serial_bytes_never_raise(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    dev = fake.add_device("127.0.0.1", 9101)
    fake.set_field(dev, "sSerialNumber", b"\xff\xfe\x80ABC" + bytes(range(200, 242)))
    fake.set_field(dev, "byCharEncodeType", 18)  # ISO-8859-12: no such codec
    with _login(sdk, port=9101) as device:
        assert "ABC" in device.info.serial_number
        assert device.info.encoding == "utf-8"


def test_options_and_a_full_64_byte_password(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    user, password = "u" * 64, "p" * 64
    fake.add_device("127.0.0.1", 9102, user, password)
    with _login(
        sdk, port=9102, username=user, password=password, https=True, login_mode=LoginMode.ISAPI
    ):
        assert fake.get_str("last_login_user") == user
        assert fake.get_int("last_login_https") == 1
        assert fake.get_int("last_login_mode") == 1


def test_ipv6_loopback_and_localhost(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    fake.add_device("::1", 8000)
    with _login(sdk, "::1") as device:
        assert device.address == "::1"
    with _login(sdk, "localhost") as device:
        assert (device.host, device.address) == ("localhost", "127.0.0.1")
        assert fake.get_str("last_login_host") == "127.0.0.1"


@pytest.mark.parametrize(
    ("host", "peer"),
    [("127.0.0.1", "127.0.0.1"), ("::1", "::1"), ("[::1]", "::1"), ("localhost", "127.0.0.1")],
)
def test_the_sdk_connects_where_the_host_names(
    sdk: HCNetSDK, fake: FakeSDKControl, host: str, peer: str
) -> None:
    """The fake reads a host string as the real SDK does (sdk-facts.md, "Host strings"): what
    the binding passes must reach exactly the address the caller named."""
    fake.add_device("::1", 8000)
    with _login(sdk, host) as device:
        assert fake.get_str("last_login_peer") == peer == device.address


def test_wrong_password_then_lockout(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    for left in (4, 3, 2, 1):
        with pytest.raises(HCNetSDKError) as exc:
            _login(sdk, password="not-the-password")
        assert type(exc.value) is error_class(1)
        assert (exc.value.code, exc.value.function) == (1, "NET_DVR_Login_V40")
        assert (exc.value.attempts_left, exc.value.lock_seconds) == (left, None)
        assert "not-the-password" not in f"{exc.value} {exc.value!r} {exc.value.args}"
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk, password="not-the-password")
    assert type(exc.value) is error_class(153)
    assert (exc.value.attempts_left, exc.value.lock_seconds) == (0, 1800)
    assert exc.value.sdk_message == "The user is locked: too many failed login attempts."
    with pytest.raises(HCNetSDKError) as exc:  # even the right password, while locked
        _login(sdk)
    assert exc.value.code == 153
    assert exc.value.attempts_left == 0
    assert exc.value.lock_seconds is not None
    assert 0 < exc.value.lock_seconds <= 1800


def test_no_lock_details_without_a_lock_policy(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    fake.add_device("127.0.0.1", 9103)
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk, port=9103, password="wrong")
    assert (exc.value.code, exc.value.attempts_left, exc.value.lock_seconds) == (1, None, None)


def test_unknown_address_fails_with_7(sdk: HCNetSDK) -> None:
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk, "127.0.0.2")
    assert type(exc.value) is error_class(7)
    assert exc.value.sdk_message


@pytest.mark.parametrize("code", [5, 10, 23, 52, 107, 159, 800, 8528, 99999])
def test_scripted_failure_codes(sdk: HCNetSDK, fake: FakeSDKControl, code: int) -> None:
    dev = fake.add_device("127.0.0.1", 9104)
    fake.fail_login(dev, code)
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk, port=9104)
    assert type(exc.value) is error_class(code)
    assert exc.value.code == code
    assert exc.value.sdk_message  # the SDK's own text ("Unknown error." for unknown codes)
    if code in (8528, 99999):
        assert exc.value.sdk_message == "Unknown error."


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"host": ""}, ValueError),
        ({"host": 127001}, TypeError),
        ({"host": "no-such-host.invalid"}, hcnetsdk.HostResolutionError),
        ({"host": "127.1"}, ValueError),  # the SDK would connect to 127.0.0.1
        ({"host": "::1%lo"}, ValueError),  # the SDK would ignore the scope id
        ({"port": 0}, ValueError),
        ({"port": True}, TypeError),
        ({"username": ""}, ValueError),
        ({"username": "u" * 65}, ValueError),
        ({"password": ""}, ValueError),
        ({"password": "p" * 65}, ValueError),
        ({"password": b"12345"}, TypeError),
    ],
)
def test_validation_never_reaches_the_sdk(
    sdk: HCNetSDK,
    fake: FakeSDKControl,
    kwargs: dict[str, Any],
    error: type[Exception],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_dns(*args: object, **kwargs: object) -> object:  # no name server is ever asked
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    kwargs = {"host": NVR[0], "port": NVR[1], "username": USER, "password": PASSWORD, **kwargs}
    with pytest.raises(error):
        sdk.login(**kwargs)
    assert _calls(fake, "NET_DVR_Login_V40") == 0
    assert _calls(fake, "NET_DVR_Login_V30") == 0


# --- threads ------------------------------------------------------------------------------
def test_many_threads_failing_at_once_each_get_their_own_code(
    sdk: HCNetSDK, fake: FakeSDKControl
) -> None:
    codes = [1, 5, 7, 10, 17, 23, 28, 41, 46, 52, 107, 153, 159, 800, 8528,
             *range(400, 412), *range(500, 510)]  # fmt: skip
    assert len(codes) >= 32
    fake.set_latency_ms(100)  # every login sleeps: they are all in flight together
    ports: dict[int, int] = {}
    for index, code in enumerate(codes):
        port = 9200 + index
        if code == 7:
            ports[code] = port  # no device there: 7 at once
            continue
        dev = fake.add_device("127.0.0.1", port)
        if code == 1:
            ports[code] = port  # a genuinely wrong password
            continue
        fake.fail_login(dev, code)
        ports[code] = port
    barrier = threading.Barrier(len(codes))
    results: dict[int, Any] = {}

    def worker(code: int) -> None:
        barrier.wait(10)
        try:
            _login(sdk, port=ports[code], password="wrong" if code == 1 else PASSWORD)
        except HCNetSDKError as exc:
            results[code] = (type(exc), exc.code, exc.function)
        else:  # pragma: no cover
            results[code] = "logged in"

    threads = [threading.Thread(target=worker, args=(code,), daemon=True) for code in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert results == {code: (error_class(code), code, "NET_DVR_Login_V40") for code in codes}
    assert fake.get_int("max_logins_in_flight") > 1  # the GIL was released during the calls


def test_parallel_successful_logins(sdk: HCNetSDK, fake: FakeSDKControl) -> None:
    fake.set_latency_ms(100)
    devices: list[Any] = []
    lock = threading.Lock()

    def worker(port: int) -> None:
        device = _login(sdk, port=port)
        with lock:
            devices.append(device)

    threads = [threading.Thread(target=worker, args=(8000 + i % 5,)) for i in range(32)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert time.monotonic() - started < 32 * 0.1 / 2
    assert len({d.user_id for d in devices}) == 32
    assert fake.get_int("logged_in_users") == 32
    for device in devices[:16]:
        device.logout()
    assert fake.get_int("logged_in_users") == 16  # the rest: logged out by the cleanup


def test_cleanup_waits_for_a_login_in_flight(fake: FakeSDKControl, fake_sdk_path: Path) -> None:
    instance = HCNetSDK(fake_sdk_path).init()
    fake.set_latency_ms(300)
    outcome: list[BaseException] = []

    def worker() -> None:
        try:
            _login(instance)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    deadline = time.monotonic() + 5
    while fake.get_int("logins_in_flight") == 0 and time.monotonic() < deadline:
        time.sleep(0.005)
    instance.cleanup()
    thread.join(10)
    assert len(outcome) == 1
    assert isinstance(outcome[0], SDKClosedError)
    assert _calls(fake, "NET_DVR_Logout") == 1
    assert fake.get_int("logged_in_users") == 0
    assert fake.get_int("cleanup_calls") == 1


# --- a whole program ----------------------------------------------------------------------
SCRIPT = """
import sys, threading
import hcnetsdk
from hcnetsdk.errors import HCNetSDKError

with hcnetsdk.HCNetSDK(sys.argv[1]) as sdk:
    sdk.set_connect_timeout(1)
    print("version", sdk.version)
    with sdk.login("127.0.0.1", 8000, username="admin", password="12345") as nvr:
        print("serial", nvr.info.serial_number, nvr.info.ip_channels)
    camera = sdk.login("localhost", 8001, username="admin", password="12345")
    errors = []
    def fail(port):
        try:
            sdk.login("127.0.0.1", port, username="admin", password="wrong")
        except HCNetSDKError as exc:
            errors.append(exc.code)
    threads = [threading.Thread(target=fail, args=(8000 + i % 5,)) for i in range(8)]
    for t in threads: t.start()
    for t in threads: t.join(10)
    print("errors", sorted(set(errors)))
print("done", camera.logged_in)
"""


def test_login_script_runs_clean_under_dev_mode(fake_sdk_path: Path, tmp_path: Path) -> None:
    script = tmp_path / "login.py"
    script.write_text(textwrap.dedent(SCRIPT))
    env = {k: v for k, v in os.environ.items() if k != "HCNETSDK_LIB"}
    done = subprocess.run(
        [sys.executable, "-X", "dev", "-X", "faulthandler", str(script), str(fake_sdk_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "version 6.1.9.48",
        f"serial {NVR_SERIAL} 8",
        "errors [1]",
        "done False",
    ]
    for marker in ("Fatal Python error", "Segmentation", "Traceback", "Warning", "Error"):
        assert marker not in done.stderr, done.stderr


def test_package_names(fake_sdk_path: Path) -> None:
    assert hcnetsdk.HCNetSDK is HCNetSDK
    assert hcnetsdk.SDKVersion is SDKVersion
