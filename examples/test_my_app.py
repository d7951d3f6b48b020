#!/usr/bin/env python3
"""Testing your own app against a simulated site: the pytest plugin ``hcnetsdk``.

    python -m pytest examples/test_my_app.py     # pytest finds the plugin by itself
    python examples/test_my_app.py --simulator   # the same, started as a script

Installing hcnetsdk registers the plugin: the fixtures ``hcnetsdk_site`` (a fresh, empty
simulated site per test) and ``hcnetsdk_sdk`` (an initialised HCNetSDK on it) need no import.
``count_cameras_online`` stands for your application's code; the tests script the site around
it (an account, a slow device, a device that fails) and read back what it did.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pytest

import hcnetsdk
from hcnetsdk.testing import FakeSite


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run these tests with pytest.")
    parser.add_argument("--simulator", action="store_true", help="accepted: always simulated")
    parser.add_argument("--library", metavar="PATH", help="ignored: the tests use the simulator")
    parser.add_argument("pytest_args", nargs="*", help="test ids for pytest (default: all)")
    args = parser.parse_args(argv)
    return int(pytest.main(["-q", "-p", "no:cacheprovider", __file__, *args.pytest_args]))


if __name__ == "__main__":
    sys.exit(main())
