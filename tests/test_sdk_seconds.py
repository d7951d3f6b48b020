"""The fast paths of seconds -> milliseconds give exactly what the full check gives."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcnetsdk.sdk import _DWORD_MAX, _seconds_to_ms


def _reference(seconds: float) -> int | type[Exception]:
    """The documented rule, written plainly: round(seconds * 1000) within 1..DWORD max."""
    if math.isnan(seconds) or math.isinf(seconds) or seconds <= 0:
        return ValueError
    scaled = seconds * 1000  # exact for an int
    if scaled > 2 * _DWORD_MAX:
        return ValueError
    ms = round(scaled)
    return ms if 1 <= ms <= _DWORD_MAX else ValueError


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_fast_path_matches_the_rule(seconds: float) -> None:
    expected = _reference(seconds)
    if expected is ValueError:
        with pytest.raises(ValueError, match="seconds"):
            _seconds_to_ms("seconds", seconds)
    else:
        assert _seconds_to_ms("seconds", seconds) == expected


@pytest.mark.parametrize(
    ("seconds", "ms"),
    [
        (5, 5000),
        (5.0, 5000),
        (0.0015, 2),
        (0.0014, 1),
        (0.001, 1),
        (4294967, 4294967000),
        (_DWORD_MAX / 1000, _DWORD_MAX),
    ],
)
def test_edges(seconds: float, ms: int) -> None:
    assert _seconds_to_ms("seconds", seconds) == ms


@pytest.mark.parametrize("seconds", [1e306, 10**400, -(10**400), math.inf, -math.inf, math.nan])
def test_huge_and_non_finite_values_are_value_errors(seconds: float) -> None:
    with pytest.raises(ValueError, match="seconds"):
        _seconds_to_ms("seconds", seconds)


@pytest.mark.parametrize("seconds", [True, "5", None, 1j])
def test_non_numbers_are_type_errors(seconds: object) -> None:
    with pytest.raises(TypeError, match="seconds"):
        _seconds_to_ms("seconds", seconds)
