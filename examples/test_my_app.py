#!/usr/bin/env python3
"""Testing your own app against a simulated site: the pytest plugin ``hcnetsdk``.

    python -m pytest examples/test_my_app.py     # pytest finds the plugin by itself
    python examples/test_my_app.py --simulator   # the same, started as a script

Installing hcnetsdk registers the plugin: the fixtures ``hcnetsdk_site`` (a fresh, empty
simulated site per test) and ``hcnetsdk_sdk`` (an initialised HCNetSDK on it) need no import.
``count_cameras_online`` and ``motion_clips`` stand for your application's code; the tests
script the site around them (an account, a slow device, a device that fails, what a recorder has
recorded) and read back what they did.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

import pytest

import hcnetsdk
from hcnetsdk.testing import FakeRecording, FakeSite


# --- your application's code ------------------------------------------------------------------
def count_cameras_online(sdk: hcnetsdk.HCNetSDK, ports: Sequence[int], password: str) -> int:
    """How many of the devices at 127.0.0.1:<port> accept a login."""
    online = 0
    for port in ports:
        try:
            with sdk.login("127.0.0.1", port, username="admin", password=password):
                online += 1
        except hcnetsdk.HCNetSDKError:
            pass
    return online


def motion_clips(device: hcnetsdk.Device, channel: int, day: dt.date) -> list[str]:
    """The names of the day's motion recordings of a channel, locked ones first."""
    start = dt.datetime.combine(day, dt.time())
    found = device.recordings(channel, start, start + dt.timedelta(days=1), kind="motion")
    return [r.name for r in sorted(found, key=lambda r: not r.locked)]


# --- its tests ---------------------------------------------------------------------------------
def test_counts_the_devices_that_answer(
    hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK
) -> None:
    hcnetsdk_site.add_nvr(port=8000, users={"admin": "pw"})
    slow = hcnetsdk_site.add_camera(port=8001, users={"admin": "pw"}, latency=0.2)
    broken = hcnetsdk_site.add_camera(port=8002, users={"admin": "pw"})
    broken.fail_logins(10)  # a receive timeout, every time

    assert count_cameras_online(hcnetsdk_sdk, [8000, 8001, 8002, 8003], "pw") == 2
    assert slow.logins == 1
    assert broken.login_attempts == 1
    assert hcnetsdk_site.sessions == 0  # the app logged out of everything


def test_a_wrong_password_is_not_retried(
    hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK
) -> None:
    camera = hcnetsdk_site.add_camera(port=8001, lock_policy=(3, 600))
    assert count_cameras_online(hcnetsdk_sdk, [8001], "wrong") == 0
    assert camera.failed_attempts == 1
    assert not camera.locked


def test_lists_the_motion_clips_locked_first(
    hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK
) -> None:
    day = dt.datetime(2026, 11, 20)
    hcnetsdk_site.add_nvr(
        port=8000,
        recordings=[  # exactly what this NVR has recorded (else: a file an hour)
            FakeRecording(33, day.replace(hour=9), day.replace(hour=10), "motion", name="a"),
            FakeRecording(33, day.replace(hour=11), day.replace(hour=12), "timed", name="b"),
            FakeRecording(33, day.replace(hour=13), day.replace(hour=14), "motion", True, "c"),
            FakeRecording(34, day.replace(hour=9), day.replace(hour=10), "motion", name="d"),
        ],
    )
    with hcnetsdk_sdk.login("127.0.0.1", 8000, username="admin", password="12345") as nvr:
        assert motion_clips(nvr, 33, day.date()) == ["c", "a"]
        assert motion_clips(nvr, 33, day.date() + dt.timedelta(days=1)) == []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run these tests with pytest.")
    parser.add_argument("--simulator", action="store_true", help="accepted: always simulated")
    parser.add_argument("--library", metavar="PATH", help="ignored: the tests use the simulator")
    parser.add_argument("pytest_args", nargs="*", help="test ids for pytest (default: all)")
    args = parser.parse_args(argv)
    return int(pytest.main(["-q", "-p", "no:cacheprovider", __file__, *args.pytest_args]))


if __name__ == "__main__":
    sys.exit(main())
