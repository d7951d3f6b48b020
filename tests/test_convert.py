"""hcnetsdk._convert: every value on its way into C and out of it.

The fast paths of seconds -> milliseconds give exactly what the full check gives.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import math
import socket
import threading
import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_mock import MockerFixture

from _secrets import assert_no_secret_anywhere
from hcnetsdk import _convert, _native
from hcnetsdk._convert import DWORD_MAX, seconds_to_ms
from hcnetsdk.errors import HostResolutionError, HostResolutionTimeoutError


def _reference(seconds: float) -> int | type[Exception]:
    """The documented rule, written plainly: round(seconds * 1000) within 1..DWORD max."""
    if math.isnan(seconds) or math.isinf(seconds) or seconds <= 0:
        return ValueError
    scaled = seconds * 1000  # exact for an int
    if scaled > 2 * DWORD_MAX:
        return ValueError
    ms = round(scaled)
    return ms if 1 <= ms <= DWORD_MAX else ValueError


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_fast_path_matches_the_rule(seconds: float) -> None:
    expected = _reference(seconds)
    if expected is ValueError:
        with pytest.raises(ValueError, match="seconds"):
            seconds_to_ms("seconds", seconds)
    else:
        assert seconds_to_ms("seconds", seconds) == expected


@pytest.mark.parametrize(
    ("seconds", "ms"),
    [
        (5, 5000),
        (5.0, 5000),
        (0.0015, 2),
        (0.0014, 1),
        (0.001, 1),
        (4294967, 4294967000),
        (DWORD_MAX / 1000, DWORD_MAX),
    ],
)
def test_edges(seconds: float, ms: int) -> None:
    assert seconds_to_ms("seconds", seconds) == ms


@pytest.mark.parametrize("seconds", [1e306, 10**400, -(10**400), math.inf, -math.inf, math.nan])
def test_huge_and_non_finite_values_are_value_errors(seconds: float) -> None:
    with pytest.raises(ValueError, match="seconds"):
        seconds_to_ms("seconds", seconds)


@pytest.mark.parametrize("seconds", [True, "5", None, 1j])
def test_non_numbers_are_type_errors(seconds: object) -> None:
    with pytest.raises(TypeError, match="seconds"):
        seconds_to_ms("seconds", seconds)


# --- conversions the features need -------------------------------------------------------


def test_channel_bounds_and_types() -> None:
    assert _convert.channel(1) == 1
    assert _convert.channel(33, first=33, count=8) == 33
    assert _convert.channel(40, first=33, count=8) == 40
    with pytest.raises(ValueError, match="between 33 and 40, not 41"):
        _convert.channel(41, first=33, count=8)
    with pytest.raises(ValueError, match="between 33 and 40, not 32"):
        _convert.channel(32, first=33, count=8)
    with pytest.raises(ValueError, match="between 1 and"):
        _convert.channel(0)
    with pytest.raises(ValueError, match="no such channels"):
        _convert.channel(1, count=0)
    for bad in (True, 1.0, "1", None):
        with pytest.raises(TypeError, match="channel must be an int"):
            _convert.channel(bad)


def test_fixed_text_keeps_room_for_the_nul_and_never_truncates() -> None:
    assert _convert.fixed_text("name", "abc", 4) == b"abc"
    with pytest.raises(ValueError, match="is 4 bytes; the SDK's field holds at most 3"):
        _convert.fixed_text("name", "abcd", 4)
    with pytest.raises(ValueError, match="is 4 bytes"):
        _convert.fixed_text("name", "ab\u00e9", 4)  # 2 + 2 bytes in UTF-8
    with pytest.raises(ValueError, match="NUL"):
        _convert.fixed_text("name", "a\0b", 8)
    with pytest.raises(ValueError, match="cannot be encoded as ascii"):
        _convert.fixed_text("name", "\u00e9", 8, "ascii")
    with pytest.raises(TypeError, match="name must be a str"):
        _convert.fixed_text("name", b"abc", 8)  # type: ignore[arg-type]


def test_byte_buffer_bounds() -> None:
    assert _convert.byte_buffer("body", bytearray(b"xy"), 2) == b"xy"
    assert _convert.byte_buffer("body", memoryview(b""), 0) == b""
    with pytest.raises(ValueError, match="body is 3 bytes; the SDK takes at most 2"):
        _convert.byte_buffer("body", b"xyz", 2)
    with pytest.raises(TypeError, match="body must be bytes"):
        _convert.byte_buffer("body", "xy", 10)


def test_net_time_round_trip_naive_is_the_device_wall_clock() -> None:
    when = dt.datetime(2026, 11, 22, 5, 33, 44)
    raw = _convert.to_net_time("start", when)
    assert isinstance(raw, _native.NET_DVR_TIME)
    assert bytes(raw) == bytes(
        (ctypes.c_uint32 * 6)(2026, 11, 22, 5, 33, 44)  # six DWORDs, in this order
    )
    assert _convert.from_net_time(raw) == when
    utc = dt.timezone.utc
    assert _convert.from_net_time(raw, utc) == when.replace(tzinfo=utc)


def test_net_time_aware_needs_the_device_zone_and_is_converted() -> None:
    plus2 = dt.timezone(dt.timedelta(hours=2))
    aware = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.timezone.utc)
    with pytest.raises(ValueError, match="time zone is unknown"):
        _convert.to_net_time("start", aware)
    raw = _convert.to_net_time("start", aware, plus2)
    assert (raw.dwHour, raw.dwDay) == (14, 1)


def test_net_time_refuses_what_it_would_alter() -> None:
    with pytest.raises(ValueError, match="microseconds"):
        _convert.to_net_time("start", dt.datetime(2026, 1, 1, 0, 0, 0, 1))
    with pytest.raises(TypeError, match="start must be a datetime"):
        _convert.to_net_time("start", dt.date(2026, 1, 1))
    bad = _native.NET_DVR_TIME(2026, 2, 30, 0, 0, 0)
    with pytest.raises(ValueError, match=r"invalid time \(2026, 2, 30, 0, 0, 0\)"):
        _convert.from_net_time(bad)


def test_sdk_folder_path_stays_below_what_crashes_the_sdk() -> None:
    assert _convert.sdk_folder_path("/opt/sdk") == b"/opt/sdk"
    folder = "/" + "a" * (_convert.SDK_FOLDER_MAX - 1)  # 246 bytes: works (sdk-facts "Paths")
    assert len(_convert.sdk_folder_path(folder)) == 246
    for length in (247, 250, 251, 255, 256, 300):  # 247-255 crash NET_DVR_Init
        with pytest.raises(ValueError, match=r"crashes in NET_DVR_Init .* more than 246"):
            _convert.sdk_folder_path("/" + "b" * (length - 1))


def test_log_directory_adds_the_separator_and_checks_the_length() -> None:
    path, encoded = _convert.log_directory("/var/log/sdk")
    assert encoded == b"/var/log/sdk/"
    assert str(path) == "/var/log/sdk"
    with pytest.raises(ValueError, match="never truncated"):
        _convert.log_directory("/" + "x" * 255)
    with pytest.raises(TypeError, match=r"directory must be a str or os\.PathLike"):
        _convert.log_directory(3)


# --- host strings (sdk-facts "Host strings": what the real SDK does with each) ---------------
@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("1.2.3", "not a canonical IPv4"),  # SDK: read as 1.2.0.3
        ("127.1", "not a canonical IPv4"),  # SDK: connects to 127.0.0.1
        ("0x7f.0.0.1", "not a canonical IPv4"),
        ("2130706433", "not a canonical IPv4"),
        ("127.0.0.010", "not a canonical IPv4"),  # SDK: octal, connects to 127.0.0.8
        ("192.168.001.010", "not a canonical IPv4"),  # SDK: 192.168.1.8
        ("1.2.3.4.", "not a canonical IPv4"),
        ("256.1.1.1", "not a canonical IPv4"),
        ("0", "not a canonical IPv4"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),  # SDK: connects to [::1]
        ("[::]", "unspecified"),
        ("fe80::1%lo", "scope id"),  # SDK: connects to [::1] and sends the user name there
        ("::1%lo", "scope id"),
        ("fe80::1%eth0", "scope id"),
        ("2001:db8::7%1", "scope id"),
        ("1:2:3", "not a valid IPv6"),
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("127.0.0.1 ", "white space"),  # SDK: accepted, but we never alter what was given
        (" 127.0.0.1", "white space"),
        ("127.0.0.1\n", "white space"),
        ("a\0b", "NUL"),
    ],
)
def test_host_forms_the_sdk_would_misread_are_refused(host: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        _convert.host_addresses(host, 8000)
    assert not _convert.is_ip_literal(host)


@pytest.mark.parametrize(
    ("host", "sent"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("192.168.1.64", "192.168.1.64"),
        ("10.0.0.0", "10.0.0.0"),
        ("::1", "::1"),
        ("[::1]", "::1"),
        ("::ffff:127.0.0.1", "::ffff:127.0.0.1"),
        ("2001:db8::7", "2001:db8::7"),
    ],
)
def test_canonical_literals_are_sent_as_given(host: str, sent: str, mocker: MockerFixture) -> None:
    resolver = mocker.patch("socket.getaddrinfo")
    assert _convert.host_addresses(host, 8000) == [sent]
    resolver.assert_not_called()


def _info(family: socket.AddressFamily, address: str, scope: int = 0) -> tuple[Any, ...]:
    sockaddr = (address, 8000, 0, scope) if family == socket.AF_INET6 else (address, 8000)
    return (family, socket.SOCK_STREAM, 6, "", sockaddr)


def test_a_name_gives_every_safe_address_ipv4_first(mocker: MockerFixture) -> None:
    mocker.patch(
        "socket.getaddrinfo",
        return_value=[
            _info(socket.AF_INET6, "2001:db8::1"),
            _info(socket.AF_INET, "192.0.2.1"),
            _info(socket.AF_INET, "192.0.2.1"),  # once only
            _info(socket.AF_INET6, "fe80::1", scope=2),  # link-local with a scope: unusable
            _info(socket.AF_INET, "0.0.0.0"),  # unspecified: never a device
            _info(socket.AF_INET, "192.0.2.2"),
        ],
    )
    assert _convert.host_addresses("nvr.example", 8000) == ["192.0.2.1", "192.0.2.2", "2001:db8::1"]
    assert _convert.resolve_host("nvr.example", 8000) == "192.0.2.1"


def test_a_name_with_no_usable_address(mocker: MockerFixture) -> None:
    mocker.patch("socket.getaddrinfo", return_value=[_info(socket.AF_INET6, "fe80::1", scope=2)])
    with pytest.raises(HostResolutionError, match="no IPv4 or IPv6 address the SDK can connect"):
        _convert.host_addresses("nvr.example", 8000)


def test_a_name_that_does_not_resolve_is_a_connection_error(mocker: MockerFixture) -> None:
    mocker.patch("socket.getaddrinfo", side_effect=socket.gaierror(-2, "Name or service not known"))
    with pytest.raises(ConnectionError, match=r"cannot resolve host 'nvr\.example'") as exc:
        _convert.host_addresses("nvr.example", 8000)
    assert type(exc.value) is HostResolutionError
    assert exc.value.host == "nvr.example"
    assert not isinstance(exc.value, TimeoutError)


def test_a_slow_name_server_is_bounded_by_the_timeout(mocker: MockerFixture) -> None:
    release = threading.Event()

    def slow(*args: object, **kwargs: object) -> list[Any]:
        release.wait(10)
        return [_info(socket.AF_INET, "192.0.2.1")]

    mocker.patch("socket.getaddrinfo", side_effect=slow)
    started = time.monotonic()
    try:
        with pytest.raises(TimeoutError, match=r"no answer within 0\.2 s") as exc:
            _convert.host_addresses("slow.example", 8000, timeout=0.2)
    finally:
        release.set()
    assert time.monotonic() - started < 5
    assert isinstance(exc.value, HostResolutionTimeoutError)
    assert isinstance(exc.value, ConnectionError)


# --- credentials: never in a message, a frame or a chained exception ---------------------------
SECRET = "Zq9-unique-secret"


@pytest.mark.parametrize(
    ("password", "error", "match"),
    [
        (SECRET + "\udc80", ValueError, "lone surrogate"),
        (SECRET + "\x1b[2J", ValueError, "control characters"),
        (SECRET + "\x85", ValueError, "control characters"),  # C1 control (NEL)
        (SECRET * 4, ValueError, "password is longer than that"),
        (SECRET + "\0", ValueError, "NUL"),
    ],
)
def test_a_refused_password_leaves_no_trace(
    password: str, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match) as exc:
        _convert.credential("password", password)
    assert exc.value.__context__ is None
    assert exc.value.__cause__ is None
    assert_no_secret_anywhere(exc.value, SECRET)
    assert str(len(password)) not in str(exc.value)


def test_a_username_with_control_characters_is_refused() -> None:
    with pytest.raises(ValueError, match="username must not contain control characters"):
        _convert.credential("username", "admin\r\n")
    assert _convert.credential("username", "admin\u00e9") == bytearray("admin\u00e9", "utf-8")


@given(
    st.ip_addresses(v=4).map(str) | st.from_regex(r"[0-9]{1,4}(\.[0-9]{1,4}){0,4}", fullmatch=True)
)
def test_the_ipv4_fast_path_agrees_with_the_full_check(text: str) -> None:
    from hcnetsdk._convert._hosts import _CANONICAL_IPV4, _canonical_ipv4

    try:
        full = _canonical_ipv4(text)
    except ValueError:
        full = None
    fast = text if _CANONICAL_IPV4.fullmatch(text) and text != "0.0.0.0" else None
    assert fast == full
