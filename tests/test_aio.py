"""hcnetsdk.aio end to end on the simulator: every async method, cancellation, closing."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import random
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

import hcnetsdk
from _scale import repeats
from hcnetsdk.aio import AsyncDevice, AsyncHCNetSDK
from hcnetsdk.errors import SDKClosedError
from hcnetsdk.testing import FakeSite

T = TypeVar("T")
NVR = ("127.0.0.1", 8000)


def run(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run with every warning an error, and nothing reported to the loop's exception
    handler (where "Task was destroyed but it is pending" and failed callbacks go)."""
    reported: list[dict[str, Any]] = []

    async def main() -> T:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _, context: reported.append(context))
        return await coro

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = asyncio.run(main())
        gc.collect()
    assert reported == []
    return result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def aio_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("hcnetsdk-aio")]


@pytest.fixture
def site(hcnetsdk_site: FakeSite) -> FakeSite:
    hcnetsdk_site.add_nvr(*NVR)
    hcnetsdk_site.add_camera("127.0.0.1", 8001)
    return hcnetsdk_site


async def _until(check: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.005)


def test_every_method_against_the_simulator(site: FakeSite) -> None:
    nvr = site.devices[0]

    async def main() -> None:
        async with AsyncHCNetSDK(site.library) as sdk:
            assert str(await sdk.get_version()) == "6.1.9.48"
            await sdk.set_connect_timeout(2)
            await sdk.set_recv_timeout(3)
            await sdk.set_reconnect(10, True)
            await sdk.set_log_to_file(None, hcnetsdk.LogLevel.OFF)
            assert site.control.get_int("recv_timeout_ms") == 3000
            device = await sdk.login(*NVR, username="admin", password="12345")
            assert isinstance(device, AsyncDevice)
            assert (device.host, device.port, device.username) == ("127.0.0.1", 8000, "admin")
            assert device.info.ip_channels == 8
            assert bool(device.logged_in)
            assert len(sdk.devices) == 1
            assert nvr.sessions == 1
            async with device.events() as events:
                nvr.push_alarm(3, (33,))
                event = await asyncio.wait_for(events.get(), 10)
                assert isinstance(event, hcnetsdk.AlarmEvent)
                assert event.channels == (33,)
                nvr.push_isapi_event("<EventNotificationAlert/>")
                async for event in events:  # inside `async with` the loop may end and resume
                    assert isinstance(event, hcnetsdk.IsapiEvent)
                    break
                assert site.subscriptions == 1
            assert site.subscriptions == 0
            assert events.closed

            async def push_when_armed() -> None:
                await _until(lambda: site.subscriptions == 1)
                nvr.push_alarm()

            pusher = asyncio.ensure_future(push_when_armed())
            async for event in device.events():  # a bare loop closes it when it ends
                assert event.name == "COMM_ALARM_V30"
                break
            await pusher
            await _until(lambda: site.subscriptions == 0 and sdk.open_streams == 0)
            opened = await device.events().open()  # opened explicitly: kept open by loops
            nvr.push_alarm()
            async for event in opened:
                assert event.name == "COMM_ALARM_V30"
                break
            assert not opened.closed
            assert site.subscriptions == 1
            await opened.aclose()
            assert site.subscriptions == 0
            listener = sdk.listen(free_port(), address="127.0.0.1")
            await listener.open()
            assert site.control.get_int("listeners_open") == 1
            await listener.aclose()
            assert site.control.get_int("listeners_open") == 0
            async with device:
                pass
            assert not device.logged_in
            assert nvr.sessions == 0
            await device.logout()  # again: nothing
        assert sdk.closed
        assert aio_threads() == []

    run(main())


def test_a_failed_login_raises_its_class_and_keeps_no_password(site: FakeSite) -> None:
    secret = "wrong-password-0123456789"

    async def main() -> None:
        async with AsyncHCNetSDK(site.library) as sdk:
            with pytest.raises(hcnetsdk.PasswordError) as caught:
                await sdk.login(*NVR, username="admin", password=secret)
            assert caught.value.attempts_left == 4
            traceback = caught.value.__traceback__
            while traceback is not None:
                frame = traceback.tb_frame
                if "hcnetsdk" in frame.f_code.co_filename.replace("tests", ""):
                    for value in frame.f_locals.values():
                        assert secret not in repr(value), frame.f_code.co_name
                traceback = traceback.tb_next

    run(main())


def test_200_concurrent_logins_all_succeed_in_parallel(site: FakeSite) -> None:
    site.set_latency(1.0)  # long enough for 200 workers to start on a loaded machine

    async def main() -> None:
        async with AsyncHCNetSDK(site.library) as sdk:
            devices = await asyncio.gather(
                *(sdk.login(*NVR, username="admin", password="12345") for _ in range(200))
            )
            assert len({device.user_id for device in devices}) == 200
            assert site.sessions == 200
        assert site.sessions == 0

    run(main())
    assert site.control.get_int("max_logins_in_flight") == 200  # all in flight at once


def test_a_login_completing_after_its_task_was_cancelled_is_logged_out(site: FakeSite) -> None:
    site.set_latency(0.2)

    async def main() -> None:
        async with AsyncHCNetSDK(site.library) as sdk:
            task = asyncio.ensure_future(sdk.login(*NVR, username="admin", password="12345"))
            # Cancelled while the SDK call runs (the fake sleeps its latency): not stoppable.
            await _until(lambda: site.control.get_int("logins_in_flight") == 1)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await _until(lambda: sdk.calls_in_flight == 0)
            assert site.devices[0].logins == 1  # it did log in ...
            assert site.sessions == 0
            assert sdk.sync.devices == ()
            assert site.calls("NET_DVR_Logout") == 1

    run(main())


def test_a_queued_call_cancelled_never_runs(site: FakeSite) -> None:
    site.set_latency(0.2)

    async def main() -> None:
        async with AsyncHCNetSDK(site.library, workers=1) as sdk:
            first = asyncio.ensure_future(sdk.login(*NVR, username="admin", password="12345"))
            second = asyncio.ensure_future(sdk.login(*NVR, username="admin", password="12345"))
            await asyncio.sleep(0.05)
            second.cancel()
            device = await first
            with pytest.raises(asyncio.CancelledError):
                await second
            await device.logout()
        assert site.devices[0].login_attempts == 1

    run(main())


def test_a_stream_opened_for_a_cancelled_task_is_closed(site: FakeSite) -> None:
    async def main() -> None:
        async with AsyncHCNetSDK(site.library, workers=1) as sdk:
            device = await sdk.login(*NVR, username="admin", password="12345")
            site.set_latency(0.2)
            busy = asyncio.ensure_future(sdk.login(*NVR, username="admin", password="12345"))
            await asyncio.sleep(0.02)  # the only worker is busy: the open waits behind it
            stream = device.events()
            opening = asyncio.ensure_future(stream.open())
            await asyncio.sleep(0.02)
            opening.cancel()
            with pytest.raises(asyncio.CancelledError):
                await opening
            await busy
            await _until(lambda: sdk.calls_in_flight == 0 and sdk.open_streams == 0)
            assert stream.closed
            assert site.subscriptions == 0
            assert device.logged_in  # only the stream was given back

    run(main())


def test_cancelling_at_random_points_500_times_leaves_nothing_behind(site: FakeSite) -> None:
    site.set_latency(0.003)
    rng = random.Random(1234)
    nvr = site.devices[0]

    async def session(sdk: AsyncHCNetSDK) -> None:
        device = await sdk.login(*NVR, username="admin", password="12345")
        try:
            async with device.events() as events:
                nvr.push_alarm()
                await events.get()
                await device.snapshot(33)
        finally:
            await device.logout()

    async def main() -> None:
        async with AsyncHCNetSDK(site.library, workers=16) as sdk:
            cancelled = 0
            for _ in range(repeats(500)):
                task = asyncio.ensure_future(session(sdk))
                await asyncio.sleep(rng.uniform(0, 0.012))
                cancelled += task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await _until(lambda: sdk.calls_in_flight == 0)
            site.control.events_wait_idle(10)
            assert cancelled > repeats(500) // 5  # the test did cancel, at many points
            assert site.sessions == 0
            assert site.subscriptions == 0
            assert sdk.sync.devices == ()
            assert sdk.open_streams == 0
            assert [name for name in aio_threads() if "events" in name] == []
        assert aio_threads() == []

    run(main())


def test_close_waits_for_work_without_blocking_the_loop(site: FakeSite) -> None:
    site.set_latency(0.3)

    async def main() -> None:
        sdk = await AsyncHCNetSDK(site.library).init()
        login = asyncio.ensure_future(sdk.login(*NVR, username="admin", password="12345"))
        await asyncio.sleep(0.05)
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        ticker = asyncio.ensure_future(tick())
        await sdk.close()
        ticker.cancel()
        assert ticks > 3  # the loop ran while close() waited for the login (blocked: 1)
        device = await login  # it completed; cleanup logged it out
        assert not device.logged_in
        assert site.sessions == 0
        with pytest.raises(SDKClosedError):
            await sdk.login(*NVR, username="admin", password="12345")
        with pytest.raises(SDKClosedError):
            device.events()

    run(main())


def test_nothing_arrives_on_a_closed_loop(site: FakeSite) -> None:
    """A loop that ends with the SDK open, a stream open and a login running: no error."""
    site.set_latency(0.2)
    kept: list[AsyncHCNetSDK] = []
    pending: list[asyncio.Future[AsyncDevice]] = []

    async def main() -> None:
        sdk = await AsyncHCNetSDK(site.library).init()
        kept.append(sdk)
        device = await sdk.login(*NVR, username="admin", password="12345")
        stream = device.events()
        await stream.open()
        pending.append(asyncio.ensure_future(sdk.login(*NVR, username="admin", password="12345")))
        await asyncio.sleep(0.01)

    errors: list[BaseException] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: errors.append(args.exc_type)  # type: ignore[arg-type]
    try:
        asyncio.run(main())
        for _ in range(5):
            site.devices[0].push_alarm()
        time.sleep(0.4)  # the login returns to a closed loop
        site.control.events_wait_idle(10)
    finally:
        threading.excepthook = previous
    assert errors == []
    assert site.sessions == 1  # the login that ended after the loop was given back
    assert pending[0].cancelled()
    kept[0].sync.cleanup()  # what the exit hook would do
    gc.collect()


def test_arguments_are_checked(site: FakeSite) -> None:
    with pytest.raises(TypeError):
        AsyncHCNetSDK(workers="8")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="workers"):
        AsyncHCNetSDK(workers=0)

    async def main() -> None:
        sdk = AsyncHCNetSDK(site.library)
        with pytest.raises(SDKClosedError, match="not initialised"):
            await sdk.login(*NVR, username="admin", password="12345")
        async with sdk:
            with pytest.raises(TypeError):
                await sdk.set_recv_timeout("5")  # type: ignore[arg-type]
            device = await sdk.login(*NVR, username="admin", password="12345")
            with pytest.raises(ValueError, match="stream_queue"):
                device.events(stream_queue=0)

    run(main())


def test_an_existing_sdk_object_is_wrapped(site: FakeSite) -> None:
    sync = hcnetsdk.HCNetSDK(site.library)

    async def main() -> Awaitable[None] | None:
        async with AsyncHCNetSDK(sdk=sync) as sdk:
            assert sdk.sync is sync
            assert sync.initialised
        return None

    run(main())
    assert not sync.initialised


def test_a_library_that_cannot_load_leaves_nothing(tmp_path: Path) -> None:
    async def main() -> None:
        with pytest.raises(hcnetsdk.SDKNotFoundError):
            async with AsyncHCNetSDK(tmp_path / "missing"):
                pass  # pragma: no cover - never entered

    run(main())
    assert aio_threads() == []


def test_snapshots_and_device_basics(site: FakeSite, tmp_path: Path) -> None:
    async def main() -> None:
        async with AsyncHCNetSDK(site.library) as sdk:
            device = await sdk.login(*NVR, username="admin", password="12345")
            picture = await device.snapshot(34)
            assert picture[:2] == b"\xff\xd8"
            assert picture[-2:] == b"\xff\xd9"
            written = await device.snapshot_to(tmp_path / "gate.jpg")
            assert written.read_bytes()[:2] == b"\xff\xd8"
            with pytest.raises(ValueError, match="does not exist"):
                await device.snapshot(1)
            details = await device.details()
            assert details.serial_number == device.info.serial_number
            channels = await device.channels()
            assert [channel.number for channel in channels][:2] == [33, 34]
            when = (await device.get_time()).replace(microsecond=0)
            await device.set_time(when.replace(year=2030))
            assert (await device.get_time()).year == 2030
            await device.set_name("Gate NVR")
            assert (await device.details()).name == "Gate NVR"
            await device.reboot()
            await device.logout()

    run(main())


def test_the_dashboard_example_takes_a_snapshot_per_alarm(fake_sdk_path: Path) -> None:
    script = Path(__file__).resolve().parent.parent / "examples" / "async_dashboard.py"
    env = {k: v for k, v in os.environ.items() if not k.startswith("HCNETSDK_")}
    env["HCNETSDK_SIMULATOR_CACHE"] = str(fake_sdk_path.parent.parent)
    done = subprocess.run(
        [sys.executable, "-W", "error", str(script), "--simulator", "--seconds", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.count(" logged in, serial ") == 5
    assert done.stdout.count("  model ") == 5
    assert "no ISAPI" not in done.stdout
    assert done.stdout.count("snapshot of ") == 5
    assert done.stdout.endswith("5 event(s) from 5 device(s)\n")
