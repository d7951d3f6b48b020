"""hcnetsdk.aio over the features: ISAPI, recordings, downloads, live streams, PTZ, on the
simulator through the kit's fixtures; cancellation leaves nothing open."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import random
from pathlib import Path

import pytest

import hcnetsdk
from _scale import repeats
from hcnetsdk.aio import AsyncHCNetSDK, AsyncIsapi, AsyncPtz
from hcnetsdk.errors import SDKClosedError
from hcnetsdk.testing import FakeSite
from test_aio import _until, aio_threads, run

NVR = ("127.0.0.1", 8000)
DAY = dt.datetime(2024, 3, 10)
STATUS = "<DeviceStatus><cpu>12</cpu></DeviceStatus>"


@pytest.fixture
def site(hcnetsdk_site: FakeSite) -> FakeSite:
    hcnetsdk_site.add_nvr(*NVR, isapi={"GET /ISAPI/System/status": STATUS})
    hcnetsdk_site.add_camera("127.0.0.1", 8001)
    hcnetsdk_site.set_recordings(record_bps=50, download_rate=2_000_000, search_polls=1)
    return hcnetsdk_site


def _nothing_open(site: FakeSite, sdk: AsyncHCNetSDK) -> None:
    assert site.sessions == 0
    assert site.subscriptions == 0
    assert site.open_searches == 0
    assert site.open_downloads == 0
    assert site.open_streams == 0
    assert sdk.open_streams == 0
    assert sdk.sync.devices == ()


def test_isapi_requests_as_coroutines(site: FakeSite) -> None:
    nvr = site.devices[0]
    nvr.set_isapi_answer("PUT", "/ISAPI/Custom/thing", "<ok/>", status="<ResponseStatus/>")
    nvr.set_isapi_answer("DELETE", "/ISAPI/Custom/thing", error=23)

    async def main() -> None:
        async with AsyncHCNetSDK(site.library) as sdk:
            device = await sdk.login(*NVR, username="admin", password="12345")
            assert isinstance(device.isapi, AsyncIsapi)
            assert device.isapi.sync is device.sync.isapi
            answer = await device.isapi.get("/ISAPI/System/status")
            assert answer.xml().findtext("cpu") == "12"
            info = await device.isapi.request("GET", "/ISAPI/System/deviceInfo")
            assert info.text
            await device.isapi.put("/ISAPI/Custom/thing", "<thing/>")
            with pytest.raises(hcnetsdk.HCNetSDKError) as caught:
                await device.isapi.delete("/ISAPI/Custom/thing")
            assert caught.value.code == 23
            with pytest.raises(ValueError, match="must start with /ISAPI/"):
                await device.isapi.post("no-slash")
            await device.logout()
            with pytest.raises(SDKClosedError):
                await device.isapi.get("/ISAPI/System/status")

    run(main())
    lines = [request.line for request in site.devices[0].isapi_requests]
    assert lines == [
        "GET /ISAPI/System/status",
        "GET /ISAPI/System/deviceInfo",
        "PUT /ISAPI/Custom/thing",
        "DELETE /ISAPI/Custom/thing",
    ]
    assert site.devices[0].isapi_requests[2].body == b"<thing/>"
    assert site.devices[1].isapi_requests == []


def test_recordings_iterate_and_close_their_search(site: FakeSite) -> None:
    async def main() -> None:
        async with AsyncHCNetSDK(site.library) as sdk:
            device = await sdk.login(*NVR, username="admin", password="12345")
            with pytest.raises(ValueError, match="does not exist"):
                device.recordings(1, DAY, DAY + dt.timedelta(days=1))  # checked at once
            found = [r async for r in device.recordings(33, DAY, DAY + dt.timedelta(days=1))]
            assert [r.start.hour for r in found] == [h for h in range(24) if h not in (3, 4)]
            assert site.open_searches == 0
            # stream_queue=1: the search (660 files) cannot run ahead to its end and close
            thirty_days = device.recordings(33, DAY, DAY + dt.timedelta(days=30), stream_queue=1)
            async for _recording in thirty_days:
                assert site.open_searches == 1
                break
            # the loop's async-generator finalizer closes it (aclose) right after the break
            await _until(lambda: site.open_searches == 0 and sdk.open_streams == 0)
            kept = device.recordings(33, DAY, DAY + dt.timedelta(days=30))
            async with kept:
                await kept.get()
            assert kept.source is not None  # still referenced, and closed all the same
            assert site.open_searches == 0
            stream = device.recordings(33, DAY, DAY + dt.timedelta(days=30))
            await stream.open()
            await stream.get()
            await device.logout()  # closes the search with the device's streams
            assert stream.closed
            _nothing_open(site, sdk)

    run(main())


def test_a_download_with_progress_and_its_cancellation(site: FakeSite, tmp_path: Path) -> None:
    start, end = DAY.replace(hour=1), DAY.replace(hour=2)

    async def main() -> None:
        async with AsyncHCNetSDK(site.library) as sdk:
            device = await sdk.login(*NVR, username="admin", password="12345")
            seen: list[int] = []
            target = tmp_path / "clip.mp4"
            path = await device.download(
                target, channel=33, start=start, end=end, progress=seen.append
            )
            assert path == target
            assert target.read_bytes() == site.recording_bytes(33, start, end)
            assert seen[-1] == 100
            assert seen == sorted(set(seen))
            with pytest.raises(TypeError, match="progress"):
                await device.download(tmp_path / "x", channel=33, start=start, end=end, progress=1)  # type: ignore[arg-type]

            site.set_recordings(download_rate=3_600)  # about 50 s: cancelled while running
            slow = tmp_path / "slow.mp4"
            task = asyncio.ensure_future(device.download(slow, channel=33, start=start, end=end))
            await _until(lambda: site.open_downloads == 1)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert site.open_downloads == 0
            assert not slow.exists()

            site.set_recordings(download_rate=2_000_000, abort_at=30)
            broken = tmp_path / "broken.mp4"
            with pytest.raises(hcnetsdk.DownloadAbortedError):
                await device.download(broken, channel=33, start=start, end=end)
            assert not broken.exists()
            await device.logout()
            _nothing_open(site, sdk)

    run(main())


def test_live_packets_rtsp_and_closing(site: FakeSite) -> None:
    site.set_stream(bits_per_second=0, packet_size=1024)

    async def main() -> None:
        async with AsyncHCNetSDK(site.library) as sdk:
            device = await sdk.login(*NVR, username="admin", password="12345")
            assert await device.rtsp_url(34) == device.sync.rtsp_url(34)
            assert (await device.rtsp_url()).startswith("rtsp://admin@127.0.0.1:554/")
            assert await device.rtsp_port() == 554
            with pytest.raises(ValueError, match="does not exist"):
                device.live(1)
            with pytest.raises(ValueError, match="stream must be one of"):
                device.live(33, stream="fourth")
            with pytest.raises(ValueError, match="queue_size"):
                device.live(33, queue_size=0)
            packets = []
            async for packet in device.live(33):
                packets.append(packet)
                if len(packets) == 5:
                    break
            assert packets[0].type_name == "system_header"
            await _until(lambda: site.open_streams == 0)
            async with device.live(34, stream="sub") as live:
                await live.get()
                assert site.open_streams == 1
            assert site.open_streams == 0
            live = await device.live(33).open()
            await device.logout()
            assert live.closed
            _nothing_open(site, sdk)
            assert [name for name in aio_threads() if "live" in name] == []

    run(main())


def test_ptz_commands_and_a_movement_that_always_stops(site: FakeSite) -> None:
    camera = site.devices[1]

    async def main() -> None:
        async with AsyncHCNetSDK(site.library) as sdk:
            device = await sdk.login("127.0.0.1", 8001, username="admin", password="12345")
            ptz = device.ptz()
            assert isinstance(ptz, AsyncPtz)
            assert ptz.channel == 1
            await ptz.set_preset(3)
            assert camera.preset_is_set(1, 3)
            await ptz.goto_preset(3)
            assert camera.ptz_state(1).preset == 3
            await ptz.clear_preset(3)
            assert not camera.preset_is_set(1, 3)
            with pytest.raises(ValueError, match="needs a direction"):
                await ptz.move()
            async with ptz.moving(pan=1, speed=2):
                assert [ptz.is_moving] == [True]
                assert camera.ptz_state(1).moving != 0
            assert camera.ptz_state(1).moving == 0

            async def hold() -> None:
                async with ptz.moving(tilt=1):
                    await asyncio.sleep(10)

            task = asyncio.ensure_future(hold())
            await _until(lambda: camera.ptz_state(1).moving != 0)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert camera.ptz_state(1).moving == 0
            assert not ptz.is_moving
            await ptz.move(zoom=1)
            await device.logout()  # stops the movement
            assert camera.ptz_state(1).moving == 0

    run(main())
    kinds = [(call.kind, call.argument) for call in camera.ptz_commands]
    assert kinds[:3] == [("preset", 3)] * 3
    assert [call.argument for call in camera.ptz_commands[3:]] == [0, 1, 0, 1, 0, 1]


def test_cancelling_feature_calls_at_random_points_500_times(
    site: FakeSite, tmp_path: Path
) -> None:
    site.set_latency(0.002)
    site.set_stream(bits_per_second=2_000_000, packet_size=2048)
    site.set_recordings(download_rate=400_000, record_bps=50, search_polls=1)
    site.devices[0].set_isapi_answer("GET", "/ISAPI/System/status", STATUS, latency=0.004)
    rng = random.Random(4321)
    start, end = DAY.replace(hour=1), DAY.replace(hour=1, minute=5)

    started = [0, 0, 0, 0]
    finished = [0, 0, 0, 0]

    async def session(sdk: AsyncHCNetSDK, index: int) -> None:
        device = await sdk.login(*NVR, username="admin", password="12345")
        choice = index % 4
        started[choice] += 1
        try:
            if choice == 0:
                await device.isapi.get("/ISAPI/System/status")
            elif choice == 1:
                async for _recording in device.recordings(33, DAY, DAY.replace(hour=6)):
                    await asyncio.sleep(0)
            elif choice == 2:
                async for _packet in device.live(33):
                    await asyncio.sleep(0)
            else:
                target = tmp_path / f"clip{index}.mp4"
                await device.download(target, channel=33, start=start, end=end)
                target.unlink()
            finished[choice] += 1
        finally:
            await device.logout()

    async def main() -> None:
        async with AsyncHCNetSDK(site.library, workers=16) as sdk:
            cancelled = 0
            for index in range(repeats(500)):
                task = asyncio.ensure_future(session(sdk, index))
                await asyncio.sleep(rng.uniform(0, 0.08 if rng.random() < 0.1 else 0.015))
                cancelled += task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await _until(lambda: sdk.calls_in_flight == 0)
            site.control.events_wait_idle(10)
            assert cancelled > repeats(500) // 5
            interrupted = [a - b for a, b in zip(started, finished)]
            # each kind cancelled while in use, and some ran to their end (how many depends on
            # the machine's speed: at least once each)
            assert min(interrupted) >= 1, (started, finished)
            assert finished[0] >= 1, (started, finished)
            _nothing_open(site, sdk)
            assert [n for n in aio_threads() if "live" in n or "recordings" in n] == []
        assert aio_threads() == []
        assert list(tmp_path.iterdir()) == []  # every cancelled download removed its file

    run(main())


def test_a_movement_whose_sdk_closes_inside_the_block(site: FakeSite) -> None:
    camera = site.devices[1]

    async def main() -> None:
        sdk = await AsyncHCNetSDK(site.library).init()
        device = await sdk.login("127.0.0.1", 8001, username="admin", password="12345")
        async with device.ptz().moving(pan=1):
            await sdk.close()  # the cleanup stops it; leaving the block raises nothing
        assert camera.ptz_state(1).moving == 0
        assert site.sessions == 0

    run(main())
