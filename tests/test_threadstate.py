"""SDK threads keep their Python thread state (``_threadstate.pin``), proven on the simulator's
own C thread: a ``threading.local`` value survives from one callback to the next only when the
thread state does."""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk import _callbacks, _threadstate
from hcnetsdk._native.events import NET_DVR_SETUPALARM_PARAM_V50, fMessageCallBack
from hcnetsdk._simcontrol import FakeSDKControl


@pytest.fixture
def device(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[hcnetsdk.Device]:
    with hcnetsdk.HCNetSDK(str(fake_sdk_path)) as sdk:
        yield sdk.login("127.0.0.1", 8000, username="admin", password="12345")


def _survivals(device: hcnetsdk.Device, control: FakeSDKControl, count: int) -> list[bool]:
    """For each of ``count`` callbacks of a plain ctypes callback on the fake's event thread:
    whether a thread-local value set by the previous callback was still there."""
    local = threading.local()
    seen: list[bool] = []

    def callback(command: int, alarmer: object, info: object, length: int, user: object) -> None:
        seen.append(getattr(local, "mark", False))
        local.mark = True

    keep = fMessageCallBack(callback)
    native = device.sdk._native
    native.NET_DVR_SetDVRMessageCallBack_V50(0, keep, None)
    param = NET_DVR_SETUPALARM_PARAM_V50()
    param.dwSize = ctypes.sizeof(param)
    handle = native.NET_DVR_SetupAlarmChan_V50(device.user_id, ctypes.byref(param), None, 0)
    try:
        control.event_rate(device.user_id, count)
        control.events_wait_idle(30)
    finally:
        native.NET_DVR_CloseAlarmChan_V30(handle)
        _callbacks.install(native)  # the bridge's callback back in place
    return seen


def test_the_sdk_thread_keeps_its_state_after_a_bridge_callback(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    # under the bound whatever earlier tests pinned (the thread may be pinned already: fine)
    monkeypatch.setattr(_threadstate, "_count", 0)
    with device.events() as events:  # the bridge's trampoline runs on the fake's thread
        fake_control.push_alarm_v30(device.user_id, alarm_type=3, channels=[1])
        assert events.get(timeout=10).command == 0x4000
    survivals = _survivals(device, fake_control, 20)
    assert len(survivals) == 20
    assert all(survivals[1:]), survivals  # the same thread state, callback after callback


def test_pinning_stops_at_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    ensured: list[str] = []
    monkeypatch.setattr(_threadstate, "_local", threading.local())
    monkeypatch.setattr(_threadstate, "_count", 0)
    monkeypatch.setattr(_threadstate, "MAX_PINNED", 2)
    monkeypatch.setattr(_threadstate, "_python_threads", {})  # as if C had started them

    def ensure() -> int:
        ensured.append(threading.current_thread().name)
        return 0

    monkeypatch.setattr(_threadstate, "_ensure", ensure)
    for name in ("one", "two", "three"):
        thread = threading.Thread(target=_pin_three_times, name=name)
        thread.start()
        thread.join()
    assert ensured == ["one", "two"]  # once per thread state; "three" is over the bound
    assert _threadstate.pinned_count() == 2


def _pin_three_times() -> None:
    for _ in range(3):
        _threadstate.pin()


def test_threads_python_started_are_never_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    ensured: list[int] = []
    monkeypatch.setattr(_threadstate, "_local", threading.local())
    monkeypatch.setattr(_threadstate, "_count", 0)

    def ensure() -> int:
        ensured.append(1)
        return 0

    monkeypatch.setattr(_threadstate, "_ensure", ensure)
    thread = threading.Thread(target=_pin_three_times)
    thread.start()
    thread.join()
    assert ensured == []
    assert _threadstate.pinned_count() == 0
