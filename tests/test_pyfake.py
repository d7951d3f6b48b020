"""Tests of the Python fake SDK itself (``tests/_pyfake.py``)."""

from __future__ import annotations

import ctypes
import threading

import pytest

from _pyfake import PyFakeSDK
from hcnetsdk import _native
from hcnetsdk.errors import HCNetSDKError


def test_pylib_functions_are_foreign_pointers_and_missing_names_raise() -> None:
    fake = PyFakeSDK(omit=("NET_DVR_Login_V30",))
    function = fake.lib["NET_DVR_Init"]
    assert isinstance(function, _native.FUNCTYPE(ctypes.c_int))
    assert function is not fake.lib["NET_DVR_Init"]
    try:
        fake.lib["NET_DVR_Login_V30"]
    except AttributeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


def test_fake_last_error_is_thread_local() -> None:
    fake = PyFakeSDK()
    fake._tls.error = 5
    seen: list[int] = []
    thread = threading.Thread(target=lambda: seen.append(fake.NET_DVR_GetLastError()))
    thread.start()
    thread.join(10)
    assert seen == [0]
    assert fake.NET_DVR_GetLastError() == 5


def test_a_logout_with_a_foreign_id_is_recorded_not_swallowed() -> None:
    fake = PyFakeSDK()
    native = _native.NativeSDK(fake.lib)
    native.NET_DVR_Init()
    with pytest.raises(HCNetSDKError):  # fails, as the real SDK's call does (no code: 0)
        native.NET_DVR_Logout(5)
    assert fake.violations == ["NET_DVR_Logout(5): an id never handed out"]
