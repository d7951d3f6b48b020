"""hcnetsdk._convert: every value on its way into C and out of it.

The fast paths of seconds -> milliseconds give exactly what the full check gives.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcnetsdk import _convert, _native
from hcnetsdk._convert import DWORD_MAX, seconds_to_ms


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


def test_sdk_folder_path_fits_the_field() -> None:
    assert _convert.sdk_folder_path("/opt/sdk") == b"/opt/sdk"
    folder = "/" + "a" * (_native.NET_SDK_MAX_FILE_PATH - 2)
    assert len(_convert.sdk_folder_path(folder)) == _native.NET_SDK_MAX_FILE_PATH - 1
    with pytest.raises(ValueError, match="never truncated"):
        _convert.sdk_folder_path(folder + "b")


def test_log_directory_adds_the_separator_and_checks_the_length() -> None:
    path, encoded = _convert.log_directory("/var/log/sdk")
    assert encoded == b"/var/log/sdk/"
    assert str(path) == "/var/log/sdk"
    with pytest.raises(ValueError, match="never truncated"):
        _convert.log_directory("/" + "x" * 255)
    with pytest.raises(TypeError, match=r"directory must be a str or os\.PathLike"):
        _convert.log_directory(3)
