"""HCNetSDK over a Python fake SDK called through real ctypes (see _pyfake.py).

The loader is mocked to hand over the fake; everything from the prototype table up is real.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import signal
import socket
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_mock import MockerFixture

import hcnetsdk
from _pyfake import PyFakeSDK
from _secrets import assert_no_secret_anywhere
from hcnetsdk import _convert, _loader, _native
from hcnetsdk import sdk as sdk_module
from hcnetsdk._loader import LoadedLibrary
from hcnetsdk.device import Device, PasswordLevel
from hcnetsdk.errors import HCNetSDKError, SDKClosedError, SDKLoadError, error_class
from hcnetsdk.sdk import HCNetSDK, LoginMode, LogLevel, SDKVersion

PASSWORD = "12345"


@pytest.fixture
def sdk_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "sdk"
    (folder / "HCNetSDKCom").mkdir(parents=True)
    return folder


@pytest.fixture
def fake(mocker: MockerFixture, sdk_folder: Path) -> Iterator[PyFakeSDK]:
    fake = PyFakeSDK()
    loaded = LoadedLibrary(
        fake.lib, str(sdk_folder / "libhcnetsdk.so"), str(sdk_folder), "argument"
    )
    mocker.patch.object(_loader, "load_library", return_value=loaded)
    yield fake
    assert fake.violations == []  # e.g. a Logout with an id the SDK never gave


@pytest.fixture
def sdk(fake: PyFakeSDK) -> Iterator[HCNetSDK]:
    with HCNetSDK() as instance:
        yield instance


def _ready(instance: HCNetSDK) -> bool:
    """``instance.initialised``, re-read (mypy would keep a narrowed property)."""
    return instance.initialised


def _logged_in(device: Device) -> bool:
    return device.logged_in


def _last_call(fake: PyFakeSDK) -> tuple[str, tuple[Any, ...]]:
    return fake.calls[-1]


def _login(sdk: HCNetSDK, host: str = "127.0.0.1", port: int = 8000, **kwargs: Any) -> Device:
    kwargs.setdefault("username", "admin")
    kwargs.setdefault("password", PASSWORD)
    return sdk.login(host, port, **kwargs)


# --- lifecycle ----------------------------------------------------------------------------
def test_constructor_loads_but_does_not_init(fake: PyFakeSDK) -> None:
    instance = HCNetSDK("whatever")
    assert fake.calls == []
    assert not instance.initialised
    assert "not initialised" in repr(instance)
    assert instance.library_path is not None
    assert instance.library_path.endswith("libhcnetsdk.so")
    assert instance.source == "argument"


def test_with_calls_init_and_cleanup(fake: PyFakeSDK) -> None:
    with HCNetSDK() as instance:
        assert instance.initialised
        assert fake.init_calls == 1
        assert sdk_module.init_count(fake.lib) == 1
    assert fake.init_calls == 1
    assert fake.cleanup_calls == 1
    assert not _ready(instance)
    assert sdk_module.init_count(fake.lib) == 0


def test_init_twice_counts_once(fake: PyFakeSDK) -> None:
    instance = HCNetSDK()
    assert instance.init() is instance
    instance.init()
    assert sdk_module.init_count(fake.lib) == 1
    instance.cleanup()
    assert fake.cleanup_calls == 1
    instance.cleanup()  # idempotent
    assert fake.cleanup_calls == 1


def test_objects_share_one_initialisation(fake: PyFakeSDK) -> None:
    first, second = HCNetSDK().init(), HCNetSDK().init()
    assert fake.init_calls == 1
    assert sdk_module.init_count(fake.lib) == 2
    first.cleanup()
    assert fake.cleanup_calls == 0
    assert second.version == SDKVersion(6, 1, 9, 48)  # still usable
    second.cleanup()
    assert fake.cleanup_calls == 1
    third = HCNetSDK().init()  # Init again after Cleanup works
    assert fake.init_calls == 2
    third.cleanup()


def test_refcount_is_thread_safe(fake: PyFakeSDK) -> None:
    objects = [HCNetSDK() for _ in range(32)]
    barrier = threading.Barrier(len(objects))

    def cycle(instance: HCNetSDK) -> None:
        barrier.wait(10)
        instance.init()

    threads = [threading.Thread(target=cycle, args=(o,)) for o in objects]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert fake.init_calls == 1
    assert sdk_module.init_count(fake.lib) == 32
    threads = [threading.Thread(target=o.cleanup) for o in objects]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert fake.cleanup_calls == 1
    assert sdk_module.init_count(fake.lib) == 0


def test_use_before_init_raises_closed_without_reaching_the_sdk(fake: PyFakeSDK) -> None:
    instance = HCNetSDK()
    with pytest.raises(SDKClosedError, match=r"not initialised: call init\(\)"):
        instance.set_recv_timeout(5)
    with pytest.raises(SDKClosedError):
        _ = instance.version
    with pytest.raises(SDKClosedError):
        _login(instance)
    assert fake.calls == []
    assert fake.passwords_seen == []


def test_use_after_cleanup_raises_closed(fake: PyFakeSDK) -> None:
    with HCNetSDK() as instance:
        pass
    count = len(fake.calls)
    with pytest.raises(SDKClosedError, match=r"cleaned up.*create a new HCNetSDK"):
        instance.set_connect_timeout(3)
    with pytest.raises(SDKClosedError):
        _login(instance)
    with pytest.raises(SDKClosedError, match="create a new HCNetSDK"):
        instance.init()
    assert len(fake.calls) == count


def test_cleanup_of_never_initialised_object_touches_nothing(fake: PyFakeSDK) -> None:
    instance = HCNetSDK()
    instance.cleanup()
    assert fake.calls == []
    with pytest.raises(SDKClosedError):
        instance.init()


def test_init_failure_leaves_the_object_uninitialised(fake: PyFakeSDK) -> None:
    fake.failures["NET_DVR_Init"] = 41
    instance = HCNetSDK()
    with pytest.raises(HCNetSDKError) as exc:
        instance.init()
    assert type(exc.value) is error_class(41)
    assert exc.value.function == "NET_DVR_Init"
    assert not _ready(instance)
    assert sdk_module.init_count(fake.lib) == 0
    instance.init()  # may be retried
    assert _ready(instance)
    instance.cleanup()


# --- SetSDKInitCfg ------------------------------------------------------------------------
def test_sdk_paths_are_set_before_init(fake: PyFakeSDK, sdk_folder: Path) -> None:
    (sdk_folder / "libcrypto.so.1.1").write_bytes(b"")
    (sdk_folder / "libssl.so.1.1").write_bytes(b"")
    with HCNetSDK():
        pass
    names = fake.names_called()
    assert names[:4] == ["NET_DVR_SetSDKInitCfg"] * 3 + ["NET_DVR_Init"]
    assert fake.init_cfg == [
        (2, str(sdk_folder).encode()),
        (3, str(sdk_folder / "libcrypto.so.1.1").encode()),
        (4, str(sdk_folder / "libssl.so.1.1").encode()),
    ]


def test_only_the_sdk_path_without_openssl_files(fake: PyFakeSDK, sdk_folder: Path) -> None:
    with HCNetSDK():
        pass
    assert fake.init_cfg == [(2, str(sdk_folder).encode())]


def test_sdk_paths_only_for_the_first_initialisation(fake: PyFakeSDK) -> None:
    first = HCNetSDK().init()
    HCNetSDK().init().cleanup()
    assert len(fake.init_cfg) == 1
    first.cleanup()


def test_no_sdk_paths_when_the_folder_is_unknown(mocker: MockerFixture) -> None:
    fake = PyFakeSDK()
    loaded = LoadedLibrary(fake.lib, None, None, "search")
    mocker.patch.object(_loader, "load_library", return_value=loaded)
    with HCNetSDK():
        pass
    assert fake.init_cfg == []
    assert fake.init_calls == 1


@pytest.mark.parametrize("length", [247, 251, 255, 301])
@pytest.mark.parametrize("has_init_cfg", [True, False])
def test_sdk_path_that_crashes_init_is_refused_before_it(
    mocker: MockerFixture, length: int, has_init_cfg: bool
) -> None:
    fake = PyFakeSDK(omit=() if has_init_cfg else ("NET_DVR_SetSDKInitCfg",))
    folder = "/" + "x" * (length - 1)
    loaded = LoadedLibrary(fake.lib, folder + "/libhcnetsdk.so", folder, "argument")
    mocker.patch.object(_loader, "load_library", return_value=loaded)
    instance = HCNetSDK()
    with pytest.raises(
        SDKLoadError, match=rf"{length} bytes.*more than 246.*never truncated"
    ) as exc:
        instance.init()
    assert type(exc.value) is hcnetsdk.SDKPathError
    assert exc.value.path == folder
    assert fake.calls == []  # neither SetSDKInitCfg nor Init was reached
    assert not instance.initialised


def test_sdk_path_of_246_bytes_is_used(mocker: MockerFixture) -> None:
    fake = PyFakeSDK()
    folder = "/" + "x" * 245
    loaded = LoadedLibrary(fake.lib, folder + "/libhcnetsdk.so", folder, "argument")
    mocker.patch.object(_loader, "load_library", return_value=loaded)
    with HCNetSDK() as instance:
        assert instance.initialised
    assert "NET_DVR_Init" in fake.names_called()


def test_failing_init_cfg_is_logged_and_init_goes_on(
    fake: PyFakeSDK, caplog: pytest.LogCaptureFixture
) -> None:
    fake.failures["NET_DVR_SetSDKInitCfg"] = 17
    with caplog.at_level(logging.WARNING, logger="hcnetsdk"), HCNetSDK() as instance:
        assert instance.initialised
    assert "NET_DVR_SetSDKInitCfg(2" in caplog.text


def test_missing_init_cfg_function_is_skipped(mocker: MockerFixture, tmp_path: Path) -> None:
    fake = PyFakeSDK(omit=("NET_DVR_SetSDKInitCfg",))
    loaded = LoadedLibrary(fake.lib, str(tmp_path / "libhcnetsdk.so"), str(tmp_path), "argument")
    mocker.patch.object(_loader, "load_library", return_value=loaded)
    with HCNetSDK():
        assert fake.init_calls == 1


# --- version and settings -----------------------------------------------------------------
def test_version(sdk: HCNetSDK) -> None:
    version = sdk.version
    assert version == SDKVersion(6, 1, 9, 48)
    assert str(version) == "6.1.9.48"
    assert (version.major, version.minor, version.revision, version.build) == (6, 1, 9, 48)
    assert version >= (6, 1)
    assert SDKVersion.from_build_version(0x06010930) == version
    assert hcnetsdk.SDKVersion is SDKVersion


def test_settings_pass_milliseconds(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    sdk.set_connect_timeout(2.5, attempts=2)
    sdk.set_recv_timeout(10)
    sdk.set_reconnect(0.25, enabled=False)
    sdk.set_reconnect()
    calls = [c for c in fake.calls if c[0] != "NET_DVR_SetSDKInitCfg" and c[0] != "NET_DVR_Init"]
    assert calls == [
        ("NET_DVR_SetConnectTime", (2500, 2)),
        ("NET_DVR_SetRecvTimeOut", (10000,)),
        ("NET_DVR_SetReconnect", (250, 0)),
        ("NET_DVR_SetReconnect", (30000, 1)),
    ]


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        (True, TypeError, "number of seconds"),
        ("5", TypeError, "number of seconds"),
        (None, TypeError, "number of seconds"),
        (math.nan, ValueError, "finite"),
        (math.inf, ValueError, "finite"),
        (-1, ValueError, "positive"),
        (0, ValueError, "positive"),
        (0.0001, ValueError, "at least 0.001"),
        (4_294_968, ValueError, "too large"),
    ],
)
def test_seconds_are_validated(
    sdk: HCNetSDK, fake: PyFakeSDK, value: Any, error: type[Exception], match: str
) -> None:
    before = len(fake.calls)
    for call in (sdk.set_recv_timeout, sdk.set_connect_timeout, sdk.set_reconnect):
        with pytest.raises(error, match=match):
            call(value)
    assert len(fake.calls) == before


def test_largest_timeout_fits_a_dword(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    sdk.set_recv_timeout(4_294_967.295)
    assert _last_call(fake) == ("NET_DVR_SetRecvTimeOut", (0xFFFFFFFF,))


@pytest.mark.parametrize(
    ("attempts", "error"), [(0, ValueError), (True, TypeError), (1.5, TypeError)]
)
def test_connect_attempts_validated(sdk: HCNetSDK, attempts: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        sdk.set_connect_timeout(3, attempts=attempts)


def test_reconnect_enabled_must_be_bool(sdk: HCNetSDK) -> None:
    with pytest.raises(TypeError):
        sdk.set_reconnect(5, enabled=1)  # type: ignore[arg-type]


def test_set_log_to_file_creates_the_directory(
    sdk: HCNetSDK, fake: PyFakeSDK, tmp_path: Path
) -> None:
    directory = tmp_path / "logs" / "sdk"
    sdk.set_log_to_file(directory, level=LogLevel.DEBUG, auto_delete=False)
    assert directory.is_dir()
    assert _last_call(fake) == ("NET_DVR_SetLogToFile", (3, f"{directory}/".encode(), 0))
    sdk.set_log_to_file(str(directory))
    assert _last_call(fake) == ("NET_DVR_SetLogToFile", (1, f"{directory}/".encode(), 1))
    sdk.set_log_to_file(None, LogLevel.OFF)
    assert _last_call(fake) == ("NET_DVR_SetLogToFile", (0, None, 1))


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"level": 4}, ValueError),
        ({"level": True}, TypeError),
        ({"level": "debug"}, TypeError),
        ({"auto_delete": 1}, TypeError),
        ({"directory": 5}, TypeError),
        ({"directory": "/" + "d" * 300}, ValueError),
    ],
)
def test_set_log_to_file_validation(
    sdk: HCNetSDK, tmp_path: Path, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    kwargs.setdefault("directory", tmp_path)
    with pytest.raises(error):
        sdk.set_log_to_file(**kwargs)


def test_setting_failure_raises_its_class(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    fake.failures["NET_DVR_SetRecvTimeOut"] = 17
    with pytest.raises(HCNetSDKError) as exc:
        sdk.set_recv_timeout(5)
    assert type(exc.value) is error_class(17)
    assert exc.value.function == "NET_DVR_SetRecvTimeOut"


# --- login --------------------------------------------------------------------------------
def test_login_returns_a_device(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    device = _login(sdk)
    assert device.user_id == 0
    assert device.logged_in
    assert (device.host, device.address, device.port, device.username) == (
        "127.0.0.1",
        "127.0.0.1",
        8000,
        "admin",
    )
    assert device.info.serial_number == "DS-7608NI-K2 0820230101CCRRJ12345678WCVU"
    assert device.info.ip_channels == 264
    assert device.info.start_ip_channel == 33
    assert device.info.password_level is PasswordLevel.VALID
    assert sdk.devices == (device,)
    assert fake.passwords_seen == [PASSWORD.encode()]
    assert _last_call(fake) == ("NET_DVR_Login_V40", ("127.0.0.1", 8000, b"admin"))


class _RecordingLoginInfo(_native.NET_DVR_USER_LOGIN_INFO):
    instances: list[_RecordingLoginInfo] = []  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _RecordingLoginInfo.instances.append(self)


@pytest.fixture
def recorded_login_info(mocker: MockerFixture) -> list[_RecordingLoginInfo]:
    _RecordingLoginInfo.instances = []
    mocker.patch.object(_native, "NET_DVR_USER_LOGIN_INFO", _RecordingLoginInfo)
    return _RecordingLoginInfo.instances


def test_login_structure_fields_and_password_wiped(
    sdk: HCNetSDK, fake: PyFakeSDK, recorded_login_info: list[Any], mocker: MockerFixture
) -> None:
    secrets: list[bytearray] = []
    original = _convert.credential

    def record(name: str, value: object) -> bytearray:
        result = original(name, value)
        if name == "password":
            secrets.append(result)
        return result

    mocker.patch.object(_convert, "credential", record)
    _login(sdk, https=True, login_mode=LoginMode.ADAPTIVE)
    with pytest.raises(HCNetSDKError):
        _login(sdk, password="wrong")
    assert fake.passwords_seen == [b"12345", b"wrong"]
    assert len(recorded_login_info) == 2
    for info in recorded_login_info:
        assert bytes(info)[196:260] == bytes(64)  # sPassword zeroed after the call
    first = recorded_login_info[0]
    assert (first.bUseAsynLogin, first.byLoginMode, first.byHttps) == (0, 2, 1)
    assert first.sDeviceAddress == b"127.0.0.1"
    assert first.wPort == 8000
    assert bytes(first.sUserName).rstrip(b"\0") == b"admin"
    assert [bytes(s) for s in secrets] == [bytes(5), bytes(5)]  # the bytearrays are zeroed


def test_password_of_64_bytes_fits_and_65_does_not(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    fake.devices[("127.0.0.1", 8000)] = ("admin", "p" * 64)
    device = _login(sdk, password="p" * 64)
    assert fake.passwords_seen[-1] == b"p" * 64
    device.logout()
    with pytest.raises(
        ValueError, match=r"password is longer than that; .* at most 64 bytes"
    ) as exc:
        _login(sdk, password="p" * 65)
    assert "p" * 10 not in str(exc.value)
    assert "65" not in str(exc.value)  # not even the password's length is shown
    with pytest.raises(ValueError, match="password is longer") as exc:
        _login(sdk, password="é" * 33)
    assert "66" not in str(exc.value)
    with pytest.raises(ValueError, match="username is 65 bytes in UTF-8"):  # not a secret
        _login(sdk, username="u" * 65)


def test_wrong_password_carries_attempts_left(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk, password="secret-wrong")
    assert type(exc.value) is error_class(1)
    assert exc.value.code == 1
    assert exc.value.function == "NET_DVR_Login_V40"
    assert exc.value.attempts_left == 4
    assert exc.value.lock_seconds is None
    assert "secret-wrong" not in str(exc.value)
    assert "secret-wrong" not in repr(exc.value)
    assert sdk.devices == ()


def test_lockout_carries_lock_seconds(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    fake.retries = 2
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk, password="bad")
    assert (exc.value.code, exc.value.attempts_left) == (1, 1)
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk, password="bad")
    assert type(exc.value) is error_class(153)
    assert (exc.value.attempts_left, exc.value.lock_seconds) == (0, 1800)


def test_no_lockout_details_when_the_device_does_not_support_them(
    sdk: HCNetSDK, fake: PyFakeSDK
) -> None:
    fake.support_lock = 0
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk, password="bad")
    assert (exc.value.code, exc.value.attempts_left, exc.value.lock_seconds) == (1, None, None)


def test_unknown_address_fails_with_7(sdk: HCNetSDK) -> None:
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk, "127.0.0.1", 9999)
    assert type(exc.value) is error_class(7)


def test_codes_outside_the_table_get_the_sdk_message(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    fake.failures["NET_DVR_Login_V40"] = 8528
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk)
    assert type(exc.value) is error_class(8528)
    assert exc.value.sdk_message == "Fake message for error 8528."


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"host": 127}, TypeError, "host must be a str"),
        ({"host": ""}, ValueError, "host must not be empty"),
        ({"host": "   "}, ValueError, "host must not be empty"),
        ({"host": "1.2.3.4\0"}, ValueError, "NUL"),
        ({"port": "8000"}, TypeError, "port must be an int"),
        ({"port": True}, TypeError, "port must be an int"),
        ({"port": 0}, ValueError, "between 1 and 65535"),
        ({"port": 65536}, ValueError, "between 1 and 65535"),
        ({"username": b"admin"}, TypeError, "username must be a str"),
        ({"username": ""}, ValueError, "username must not be empty"),
        ({"username": "u" * 65}, ValueError, "username is 65 bytes"),
        ({"password": None}, TypeError, "password must be a str"),
        ({"password": b"12345"}, TypeError, "password must be a str"),
        ({"password": ""}, ValueError, "password must not be empty.*lockout"),
        ({"password": "ab\0cd"}, ValueError, "password must not contain a NUL"),
        ({"https": 1}, TypeError, "https must be a bool"),
        ({"login_mode": 7}, ValueError, "login_mode"),
        ({"login_mode": "isapi"}, TypeError, "login_mode"),
    ],
)
def test_login_validation_never_reaches_the_sdk(
    sdk: HCNetSDK, fake: PyFakeSDK, kwargs: dict[str, Any], error: type[Exception], match: str
) -> None:
    kwargs.setdefault("host", "127.0.0.1")
    kwargs.setdefault("port", 8000)
    kwargs.setdefault("username", "admin")
    kwargs.setdefault("password", PASSWORD)
    with pytest.raises(error, match=match) as exc:
        sdk.login(**kwargs)
    assert fake.passwords_seen == []
    assert "NET_DVR_Login_V40" not in fake.names_called()
    if isinstance(kwargs["password"], str) and len(kwargs["password"]) > 2:
        assert kwargs["password"] not in str(exc.value)


def test_hostname_is_resolved_and_ipv6_literals_kept(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    device = _login(sdk, "localhost")
    assert (device.host, device.address) == ("localhost", "127.0.0.1")
    assert fake.calls[-1][1][0] == "127.0.0.1"
    for literal in ("::1", "[::1]"):
        with pytest.raises(HCNetSDKError):  # the fake only knows 127.0.0.1
            _login(sdk, literal)
        assert fake.calls[-1][1][0] == "::1"


def test_unresolvable_host_is_a_connection_error(
    sdk: HCNetSDK, fake: PyFakeSDK, mocker: MockerFixture
) -> None:
    mocker.patch("socket.getaddrinfo", side_effect=socket.gaierror(-2, "Name or service not known"))
    with pytest.raises(
        ConnectionError, match=r"cannot resolve host 'nvr\.invalid'.*IP addresses only"
    ) as exc:
        _login(sdk, "nvr.invalid")
    assert type(exc.value) is hcnetsdk.HostResolutionError
    assert (exc.value.host, exc.value.reason) == (
        "nvr.invalid",
        "[Errno -2] Name or service not known",
    )
    assert fake.passwords_seen == []


def test_resolution_prefers_ipv4(mocker: MockerFixture) -> None:
    infos = [
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", 8000, 0, 0)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 8000)),
    ]
    mocker.patch("socket.getaddrinfo", return_value=infos)
    assert _convert.resolve_host("somehost", 8000) == "127.0.0.1"
    mocker.patch("socket.getaddrinfo", return_value=infos[:1])
    assert _convert.resolve_host("somehost", 8000) == "::1"


# --- devices and logout -------------------------------------------------------------------
def test_logout_is_idempotent(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    device = _login(sdk)
    device.logout()
    device.logout()
    assert fake.names_called().count("NET_DVR_Logout") == 1
    assert not device.logged_in
    assert sdk.devices == ()
    with pytest.raises(SDKClosedError):
        _ = device.user_id


def test_device_context_manager_logs_out(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    with _login(sdk) as device:
        assert device.logged_in
    assert not _logged_in(device)
    assert fake.logged_in == set()


def test_cleanup_logs_out_every_device(fake: PyFakeSDK) -> None:
    with HCNetSDK() as instance:
        devices = [_login(instance) for _ in range(3)]
        devices[1].logout()
    assert fake.logged_in == set()
    names = fake.names_called()
    assert names.count("NET_DVR_Logout") == 3
    assert names[-1] == "NET_DVR_Cleanup"
    for device, reason in zip(devices, ["cleanup", "logged out", "cleanup"]):
        assert not device.logged_in
        with pytest.raises(SDKClosedError, match=reason):
            _ = device.user_id
    devices[0].logout()  # still harmless
    assert fake.names_called().count("NET_DVR_Logout") == 3


def test_cleanup_goes_on_when_a_logout_fails(
    fake: PyFakeSDK, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="hcnetsdk"):
        with HCNetSDK() as instance:
            _login(instance)
            fake.failures["NET_DVR_Logout"] = 47
        assert fake.cleanup_calls == 1
    assert "during cleanup failed" in caplog.text


def test_logout_failure_raises_and_the_device_is_gone(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    device = _login(sdk)
    fake.failures["NET_DVR_Logout"] = 47
    with pytest.raises(HCNetSDKError) as exc:
        device.logout()
    assert type(exc.value) is error_class(47)
    assert not device.logged_in
    device.logout()  # never retried with an id the SDK may have dropped


def test_sdk_repr_has_no_password(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    secret = "Zq9-very-secret"
    fake.devices[("127.0.0.1", 8000)] = ("admin", secret)
    device = _login(sdk, password=secret)
    assert secret not in repr(sdk)
    assert secret not in repr(device)
    assert secret not in repr(device.info)
    assert secret not in repr(vars(device.info))
    assert "1 device(s)" in repr(sdk)


# --- threads ------------------------------------------------------------------------------
def test_parallel_logins_each_raise_their_own_code(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    codes = [1, 7, 10, 17, 23, 153, 800, 8528, *range(900, 924)]
    results: dict[int, Any] = {}
    barrier = threading.Barrier(len(codes) + 1)

    def worker(code: int) -> None:
        fake._tls.fail = code  # this thread's login fails with `code`
        barrier.wait(10)
        try:
            _login(sdk)
        except HCNetSDKError as exc:
            results[code] = (type(exc), exc.code)
        else:  # pragma: no cover
            results[code] = "no error"

    threads = [threading.Thread(target=worker, args=(code,)) for code in codes]
    for t in threads:
        t.start()
    barrier.wait(10)
    for t in threads:
        t.join(10)
    assert results == {code: (error_class(code), code) for code in codes}


def test_parallel_successful_logins_get_distinct_ids(sdk: HCNetSDK, fake: PyFakeSDK) -> None:
    fake.login_delay = 0.05
    devices: list[Device] = []
    lock = threading.Lock()

    def worker() -> None:
        device = _login(sdk)
        with lock:
            devices.append(device)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    elapsed = time.monotonic() - started
    assert len({d.user_id for d in devices}) == 16
    assert len(sdk.devices) == 16
    assert elapsed < 16 * 0.05  # the calls overlapped: no lock held across the login


def test_cleanup_waits_for_a_login_in_flight_and_logs_it_out(fake: PyFakeSDK) -> None:
    instance = HCNetSDK().init()
    fake.login_delay = 0.3
    outcome: list[BaseException] = []

    def worker() -> None:
        try:
            _login(instance)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    deadline = time.monotonic() + 5
    while "NET_DVR_Login_V40" not in fake.names_called() and time.monotonic() < deadline:
        time.sleep(0.005)
    instance.cleanup()
    thread.join(10)
    assert len(outcome) == 1
    assert isinstance(outcome[0], SDKClosedError)
    names = fake.names_called()
    assert names[-2:] == ["NET_DVR_Logout", "NET_DVR_Cleanup"]
    assert fake.logged_in == set()


def test_lazy_public_names() -> None:
    assert hcnetsdk.HCNetSDK is HCNetSDK
    assert hcnetsdk.Device is Device
    assert hcnetsdk.LogLevel is LogLevel
    assert hcnetsdk.LoginMode is LoginMode
    assert hcnetsdk.PasswordLevel is PasswordLevel


# --- hardening: the password on every failure path ----------------------------------------
SECRET = "Zq9-unique-secret"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"username": 5}, TypeError),
        ({"username": ""}, ValueError),
        ({"port": 0}, ValueError),
        ({"port": "8000"}, TypeError),
        ({"https": 1}, TypeError),
        ({"login_mode": 9}, ValueError),
        ({"login_mode": "isapi"}, TypeError),
        ({"host": "127.1"}, ValueError),
        ({"host": "fe80::1%eth0"}, ValueError),
        ({"host": 127}, TypeError),
        ({"password": SECRET + "\udc80"}, ValueError),
        ({"password": SECRET + "\r"}, ValueError),
        ({"password": SECRET * 4}, ValueError),
        ({"password": SECRET + "-wrong"}, HCNetSDKError),  # refused by the device
        ({"port": 8009}, HCNetSDKError),  # nothing there: 7
    ],
)
def test_no_failure_leaves_the_password_in_a_frame_or_exception(
    sdk: HCNetSDK, fake: PyFakeSDK, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    fake.devices[("127.0.0.1", 8000)] = ("admin", SECRET)
    arguments: dict[str, Any] = {"password": SECRET, **kwargs}
    with pytest.raises(error) as exc:
        _login(sdk, **arguments)
    password = arguments["password"]
    assert_no_secret_anywhere(exc.value, SECRET)
    for frame, _ in traceback.walk_tb(exc.value.__traceback__):
        if "hcnetsdk" in frame.f_code.co_filename:
            assert "password" not in frame.f_locals, frame.f_code.co_name
    assert str(len(password)) not in str(exc.value).replace("127.0.0.1", "")


def test_no_failure_of_a_closed_sdk_leaves_the_password(fake: PyFakeSDK) -> None:
    instance = HCNetSDK()
    with pytest.raises(SDKClosedError) as exc:
        instance.login("127.0.0.1", username="admin", password=SECRET)
    assert_no_secret_anywhere(exc.value, SECRET)


def test_the_login_frame_drops_the_password_before_anything_can_fail(
    sdk: HCNetSDK, fake: PyFakeSDK
) -> None:
    with pytest.raises(ValueError, match="port") as exc:
        _login(sdk, port=0, password=SECRET)
    frames = [frame for frame, _ in traceback.walk_tb(exc.value.__traceback__)]
    login_frames = [
        f for f in frames if f.f_code.co_name == "login" and "hcnetsdk" in f.f_code.co_filename
    ]
    assert login_frames
    for frame in login_frames:
        assert "password" not in frame.f_locals


# --- hardening: several addresses, resolution bound ------------------------------------------
def _infos(*addresses: str) -> list[tuple[Any, ...]]:
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 8000)) for a in addresses]


def test_login_tries_the_next_address_when_the_sdk_cannot_connect(
    sdk: HCNetSDK, fake: PyFakeSDK, mocker: MockerFixture
) -> None:
    mocker.patch("socket.getaddrinfo", return_value=_infos("192.0.2.1", "127.0.0.1"))
    device = _login(sdk, "nvr.example")
    assert device.address == "127.0.0.1"
    assert device.host == "nvr.example"
    hosts = [call[1][0] for call in fake.calls if call[0] == "NET_DVR_Login_V40"]
    assert hosts == ["192.0.2.1", "127.0.0.1"]


def test_when_every_address_fails_the_error_says_which_were_tried(
    sdk: HCNetSDK, fake: PyFakeSDK, mocker: MockerFixture
) -> None:
    mocker.patch("socket.getaddrinfo", return_value=_infos("192.0.2.1", "192.0.2.2"))
    with pytest.raises(HCNetSDKError) as exc:
        _login(sdk, "nvr.example")
    assert exc.value.code == 7
    notes = getattr(exc.value, "__notes__", None)
    assert notes == ["tried every address of admin@nvr.example:8000: 192.0.2.1, 192.0.2.2"]
    assert getattr(pickle.loads(pickle.dumps(exc.value)), "__notes__", None) == notes


def test_a_wrong_password_is_not_retried_at_the_next_address(
    sdk: HCNetSDK, fake: PyFakeSDK, mocker: MockerFixture
) -> None:
    fake.devices[("192.0.2.1", 8000)] = ("admin", "other")
    mocker.patch("socket.getaddrinfo", return_value=_infos("192.0.2.1", "127.0.0.1"))
    with pytest.raises(hcnetsdk.PasswordError):
        _login(sdk, "nvr.example")
    assert fake.passwords_seen == [PASSWORD.encode()]  # one try only: lockouts count tries


def test_resolution_is_bounded_by_the_connect_timeout(
    sdk: HCNetSDK, fake: PyFakeSDK, mocker: MockerFixture
) -> None:
    release = threading.Event()
    mocker.patch("socket.getaddrinfo", side_effect=lambda *a, **k: release.wait(10) and [])
    sdk.set_connect_timeout(0.2)
    try:
        with pytest.raises(hcnetsdk.HostResolutionTimeoutError, match=r"within 0\.2 s"):
            _login(sdk, "slow.example")
    finally:
        release.set()
    assert fake.passwords_seen == []


# --- hardening: Ctrl-C during a login ------------------------------------------------------
@pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="signals need the main thread"
)
@pytest.mark.parametrize("succeeds", [True, False])
def test_ctrl_c_during_a_login_never_leaks_the_session(
    sdk: HCNetSDK, fake: PyFakeSDK, succeeds: bool
) -> None:
    # the login is still in the SDK when the signal arrives, however slow this machine is
    fake.login_gate = threading.Event()
    fake.login_delay = 0.05

    def interrupt() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        assert fake.login_gate is not None
        fake.login_gate.set()

    timer = threading.Timer(0.05, interrupt)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt) as exc:
            _login(sdk, password=PASSWORD if succeeds else "wrong")
    finally:
        timer.cancel()
    assert sdk.devices == ()
    logins = [c for c in fake.calls if c[0] == "NET_DVR_Login_V40"]
    logouts = [c for c in fake.calls if c[0] == "NET_DVR_Logout"]
    assert len(logins) == 1
    assert len(logouts) == (1 if succeeds else 0)  # the id the SDK gave is logged out at once
    if not succeeds:
        assert isinstance(exc.value.__context__, hcnetsdk.PasswordError)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler restored


# --- hardening: the SDK's log folder ---------------------------------------------------------
def test_an_empty_log_folder_is_refused_not_taken_as_the_current_one(
    sdk: HCNetSDK, fake: PyFakeSDK
) -> None:
    with pytest.raises(ValueError, match="directory must not be empty"):
        sdk.set_log_to_file("")
    assert "NET_DVR_SetLogToFile" not in fake.names_called()


def test_a_refused_log_call_creates_no_folder(fake: PyFakeSDK, tmp_path: Path) -> None:
    instance = HCNetSDK()  # not initialised: the call is refused
    folder = tmp_path / "logs" / "sdk"
    with pytest.raises(SDKClosedError):
        instance.set_log_to_file(folder)
    assert not (tmp_path / "logs").exists()
    with instance:
        instance.set_log_to_file(folder)
    assert folder.is_dir()


def test_login_before_init_names_init_and_with(fake: PyFakeSDK) -> None:
    instance = HCNetSDK()
    with pytest.raises(hcnetsdk.SDKNotInitialisedError, match=r"call init\(\) or use `with") as exc:
        instance.login("127.0.0.1", username="admin", password=PASSWORD)
    assert isinstance(exc.value, SDKClosedError)  # one except covers "not usable"
    assert "closed" not in str(exc.value)
    instance.cleanup()


# --- logging --------------------------------------------------------------------------------
def _records(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "hcnetsdk"]


def test_logging_tells_the_story_of_a_session_and_never_the_password(
    fake: PyFakeSDK, caplog: pytest.LogCaptureFixture, sdk_folder: Path
) -> None:
    secret = "Zq9-log-secret"
    fake.devices[("127.0.0.1", 8000)] = ("admin", secret)
    with caplog.at_level(logging.DEBUG, logger="hcnetsdk"), HCNetSDK() as instance:
        instance.set_connect_timeout(2)
        with pytest.raises(hcnetsdk.PasswordError):
            instance.login("127.0.0.1", username="admin", password=secret + "x")
        device = instance.login("127.0.0.1", username="admin", password=secret)
        device.logout()
        instance.login("127.0.0.1", username="admin", password=secret)
    records = _records(caplog)
    text = "\n".join(message for _, message in records)
    assert secret not in text
    assert (
        "INFO",
        "NET_DVR_Init: the SDK is initialised (" + str(sdk_folder / "libhcnetsdk.so") + ")",
    ) in records
    assert ("DEBUG", "NET_DVR_SetConnectTime(2000 ms, 3 tries)") in records
    assert ("DEBUG", "NET_DVR_Login_V40: admin@127.0.0.1:8000 at 127.0.0.1:8000") in records
    assert (
        "INFO",
        "login to admin@127.0.0.1:8000 at 127.0.0.1:8000 failed: "
        "PasswordError (1 NET_DVR_PASSWORD_ERROR)",
    ) in records
    assert ("INFO", "logged into admin@127.0.0.1:8000 at 127.0.0.1:8000") in records
    assert any(
        level == "INFO" and m.startswith("logged out of admin@127.0.0.1:8000 (user id")
        for level, m in records
    )
    assert ("INFO", "cleanup: logging out 1 session(s)") in records
    assert ("INFO", "NET_DVR_Cleanup: the last SDK object of this library is cleaned up") in records
