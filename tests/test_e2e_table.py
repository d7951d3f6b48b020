"""Every code of the user's table, raised by a real failing call of the fake SDK through ctypes.

``test_error_table`` proves the package's table equals the user's; here each of those codes goes
through the whole path users run: the C library fails ``NET_DVR_Login_V40`` with the code, the
errcheck reads ``NET_DVR_GetLastError`` on the failing thread, and ``HCNetSDK.login`` raises the
code's own class (never just its category) naming the function. Code 0 cannot be scripted (the
fake reads 0 as "no failure"); the base-class path for a failure without a code is covered in
``test_native``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk import _codes
from hcnetsdk._simcontrol import FakeSDKControl

PORT = 9300
TABLE_CODES = [row[0] for rows in _codes.TABLE.values() for row in rows]


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[hcnetsdk.HCNetSDK]:
    # After fake_control's reset: the fake's reset also forgets NET_DVR_Init.
    with hcnetsdk.HCNetSDK(fake_sdk_path) as instance:
        yield instance


def test_the_table_has_255_codes() -> None:
    assert len(TABLE_CODES) == len(set(TABLE_CODES)) == 255


@pytest.mark.parametrize("code", [code for code in TABLE_CODES if code != 0])
def test_table_code_raises_its_own_class(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl, code: int
) -> None:
    device = fake_control.add_device("127.0.0.1", PORT)
    fake_control.fail_login(device, code)
    with pytest.raises(hcnetsdk.HCNetSDKError) as caught:
        sdk.login("127.0.0.1", PORT, username="admin", password="12345")
    error = caught.value
    own_class = hcnetsdk.error_class(code)
    assert type(error) is own_class
    assert own_class.default_code == code  # a per-code class, not a category fallback
    assert error.code == code
    assert error.name == hcnetsdk.lookup(code).name
    assert error.function == "NET_DVR_Login_V40"
    assert str(error).startswith(f"{error.name} ({code}) in NET_DVR_Login_V40: ")
    assert "12345" not in str(error)
    assert "12345" not in repr(error)
    assert not sdk.devices  # nothing half-registered after a failure
