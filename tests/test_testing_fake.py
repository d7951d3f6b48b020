"""The fake's kit area (stubs/fake_kit.c) through its control functions and real logins."""

from __future__ import annotations

from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk._simcontrol import FakeSDKControl


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> hcnetsdk.HCNetSDK:
    return hcnetsdk.HCNetSDK(str(fake_sdk_path)).init()


def test_more_accounts_and_their_limits(
    fake_control: FakeSDKControl, sdk: hcnetsdk.HCNetSDK
) -> None:
    dev = fake_control.add_device("127.0.0.1", 9100, "admin", "a")
    fake_control.set_lock_policy(dev, 10, 60)  # one policy for all accounts
    for n in range(8):
        fake_control.add_user(dev, f"user{n}", f"pw{n}")
    with pytest.raises(ValueError, match="at most 9 accounts"):
        fake_control.add_user(dev, "one-too-many", "x")
    with pytest.raises(ValueError, match="64 bytes"):
        fake_control.add_user(dev, "u" * 65, "x")
    with pytest.raises(ValueError, match="no device"):
        fake_control.add_user(999, "u", "x")
    fake_control.add_user(dev, "admin", "new")  # the first account gets a new password
    fake_control.add_user(dev, "user3", "other")
    assert fake_control.device_int(dev, "users") == 9
    try:
        sdk.login("127.0.0.1", 9100, username="user7", password="pw7").logout()
        sdk.login("127.0.0.1", 9100, username="admin", password="new").logout()
        sdk.login("127.0.0.1", 9100, username="user3", password="other").logout()
        for user, password in (("admin", "a"), ("user3", "pw3"), ("user7", "pw6"), ("x", "y")):
            with pytest.raises(hcnetsdk.PasswordError):
                sdk.login("127.0.0.1", 9100, username=user, password=password)
    finally:
        sdk.cleanup()
    assert fake_control.device_int(dev, "login_attempts") == 7
    assert fake_control.device_int(dev, "logins_ok") == 3
    assert fake_control.device_int(dev, "failed_attempts") == 4


def test_the_next_login_fails_once(fake_control: FakeSDKControl, sdk: hcnetsdk.HCNetSDK) -> None:
    dev = fake_control.find_device("127.0.0.1", 8001)
    assert dev is not None
    with pytest.raises(ValueError, match="negative"):
        fake_control.fail_next_login(dev, -1)
    fake_control.fail_next_login(dev, 52)
    try:
        with pytest.raises(hcnetsdk.HCNetSDKError) as caught:
            sdk.login("127.0.0.1", 8001, username="admin", password="12345")
        assert caught.value.code == 52
        first = sdk.login("127.0.0.1", 8001, username="admin", password="12345")
        second = sdk.login("127.0.0.1", 8001, username="admin", password="12345")
        sdk.login("127.0.0.1", 8000, username="admin", password="12345")  # another device
        assert fake_control.device_sessions(dev) == [first.user_id, second.user_id]
        assert fake_control.device_int(dev, "sessions") == 2
        first.logout()
        assert fake_control.device_sessions(dev) == [second.user_id]
        fake_control.fail_next_login(dev, 10)
        fake_control.fail_next_login(dev, 0)  # cancelled
        sdk.login("127.0.0.1", 8001, username="admin", password="12345").logout()
    finally:
        sdk.cleanup()
    assert fake_control.device_sessions(dev) == []
    with pytest.raises(KeyError):
        fake_control.device_int(dev, "no-such-key")
    with pytest.raises(KeyError):
        fake_control.device_int(999, "sessions")
    assert fake_control.device_sessions(999) == []


def test_a_device_added_again_starts_afresh(fake_control: FakeSDKControl) -> None:
    dev = fake_control.add_device("127.0.0.1", 9101)
    fake_control.add_user(dev, "viewer", "v")
    fake_control.fail_next_login(dev, 10)
    assert fake_control.add_device("127.0.0.1", 9101) == dev
    assert fake_control.device_int(dev, "users") == 1
    assert fake_control.device_int(dev, "login_attempts") == 0
