"""Live stream end to end: the public API over the C simulator, whose stream threads call the
data callback through real ctypes (and overwrite each buffer after the callback returned)."""

from __future__ import annotations

import ctypes
import io
import os
import queue
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import hcnetsdk
from _scale import repeats
from hcnetsdk import _streambridge
from hcnetsdk._process import forget_init
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simstream import HEADER_SIZE
from hcnetsdk.errors import HCNetSDKError, SDKClosedError
from hcnetsdk.stream import StreamDataType, StreamPacket, rtsp_url

NVR = ("127.0.0.1", 8000)
PACKET = 8192


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[hcnetsdk.HCNetSDK]:
    with hcnetsdk.HCNetSDK(str(fake_sdk_path)) as instance:
        yield instance
    assert forget_init(ctypes.CDLL(str(fake_sdk_path))) == 0


@pytest.fixture
def device(sdk: hcnetsdk.HCNetSDK) -> hcnetsdk.Device:
    return sdk.login(*NVR, username="admin", password="12345")


def _handle(live: hcnetsdk.LiveStream) -> int:
    assert live.handle is not None
    return live.handle


# --- data ---------------------------------------------------------------------------------
def test_bytes_written_equal_the_bytes_the_fake_sent(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, tmp_path: Path
) -> None:
    count = 300
    fake_control.stream_config(
        bits_per_second=0, packets=count, record_limit=HEADER_SIZE + count * PACKET
    )
    target = tmp_path / "live.ps"
    with device.live(33, queue_size=count + 10) as live:
        written = live.write_to(target, max_bytes=HEADER_SIZE + count * PACKET, seconds=30)
        handle = _handle(live)
        assert live.dropped == 0
    sent = fake_control.stream_sent(handle)
    assert len(sent) == HEADER_SIZE + count * PACKET
    assert written == len(sent)
    assert target.read_bytes() == sent  # every byte, in order: the copies are the SDK's bytes
    assert sent[:4] == b"IMKH"
    assert sent[HEADER_SIZE : HEADER_SIZE + 4] == b"\x00\x00\x01\xba"


def test_packets_by_type_and_what_write_to_leaves_out(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.stream_config(bits_per_second=0, packets=6, private_every=2, record_limit=1 << 20)
    with device.live(stream="sub") as live:  # the first channel: 33 on the NVR
        fake_control.stream_wait_done(_handle(live))
        packets = [live.get(timeout=5) for _ in range(1 + 6 + 3)]
        info = fake_control.stream_info(_handle(live))
    assert [p.type for p in packets[:4]] == [
        StreamDataType.SYSTEM_HEADER,
        StreamDataType.STREAM_DATA,
        StreamDataType.STREAM_DATA,
        StreamDataType.PRIVATE_DATA,
    ]
    assert [p.type_name for p in packets[:4]] == [
        "system_header",
        "stream_data",
        "stream_data",
        "private_data",
    ]
    assert all(isinstance(p, StreamPacket) for p in packets)
    assert packets[1].data != packets[2].data  # the payload is not a constant pattern
    assert repr(packets[0]) == "<StreamPacket system_header 40 bytes>"
    assert StreamPacket(99, b"").type_name == "type_99"
    assert (info["channel"], info["stream_type"], info["link_mode"]) == (33, 1, 0)
    assert (info["play_wnd"], info["blocked"], info["callback"]) == (0, 1, 1)

    fake_control.stream_config(bits_per_second=0, packets=4, private_every=1, record_limit=1 << 20)
    with device.live(34) as live:
        fake_control.stream_wait_done(_handle(live))
        sent = fake_control.stream_sent(_handle(live))
        out = io.BytesIO()
        live.write_to(out, max_bytes=HEADER_SIZE + 4 * PACKET, seconds=30)
    assert len(sent) == HEADER_SIZE + 4 * (PACKET + 32)
    assert (
        out.getvalue()
        == b"".join(  # the private packets (32 bytes each) are left out
            [sent[:HEADER_SIZE]]
            + [
                sent[HEADER_SIZE + i * (PACKET + 32) : HEADER_SIZE + i * (PACKET + 32) + PACKET]
                for i in range(4)
            ]
        )
    )

    fake_control.stream_config(bits_per_second=0, packets=2, private_every=1)
    with device.live(35) as live:
        fake_control.stream_wait_done(_handle(live))
        everything = io.BytesIO()
        assert live.write_to(
            everything, types=None, max_bytes=HEADER_SIZE + 2 * (PACKET + 32), seconds=30
        )
    assert len(everything.getvalue()) == HEADER_SIZE + 2 * (PACKET + 32)


def test_the_header_sent_before_realplay_returned_is_routed(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.stream_config(bits_per_second=8)  # the first data packet comes after hours
    unrouted = _streambridge.STATS.unrouted
    with device.live() as live:
        assert live.received == 1  # the fake waits for the header callback before returning
        first = live.get(timeout=5)
    assert first.type is StreamDataType.SYSTEM_HEADER
    assert first.data[:4] == b"IMKH"
    assert _streambridge.STATS.unrouted == unrouted


def test_a_slow_consumer_loses_the_oldest_packets_counted(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    count = 500
    fake_control.stream_config(bits_per_second=0, packets=count, record_limit=1 << 24)
    with device.live(queue_size=10) as live:
        handle = _handle(live)
        fake_control.stream_wait_done(handle)
        assert live.received == count + 1
        assert live.dropped == count + 1 - 10
        assert live.pending == 10
        kept = [live.get(timeout=5).data for _ in range(10)]
    sent = fake_control.stream_sent(handle)
    newest = [sent[len(sent) - (10 - i) * PACKET :][:PACKET] for i in range(10)]
    assert kept == newest  # drop-oldest: the ten newest are what is left
    assert "491 dropped" in repr(live)


def test_write_to_stops_after_seconds_and_refuses_bad_limits(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.stream_config(bits_per_second=8)
    with device.live() as live:
        out = io.BytesIO()
        assert live.write_to(out, seconds=0.05) == HEADER_SIZE
        for bad in (0, -1, float("inf")):
            with pytest.raises(ValueError, match="seconds must be positive"):
                live.write_to(out, seconds=bad)
        with pytest.raises(TypeError, match="seconds must be a number"):
            live.write_to(out, seconds="1")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="max_bytes"):
            live.write_to(out, max_bytes=0)
        with pytest.raises(TypeError, match="a path or a binary file"):
            live.write_to(42)  # type: ignore[arg-type]
        with pytest.raises(queue.Empty):
            live.get(timeout=0.01)
    with pytest.raises(SDKClosedError, match="is closed"):
        live.write_to(out)


def test_a_failure_in_the_trampoline_is_raised_where_the_user_is(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_control.stream_config(bits_per_second=0, packets=3)
    monkeypatch.setattr(_streambridge, "MAX_PACKET", 100)  # the header fits, a data packet not
    with device.live() as live:
        fake_control.stream_wait_done(_handle(live))
        with pytest.raises(ValueError, match="stream buffer of 8192 bytes"):
            live.get(timeout=5)


# --- closing -------------------------------------------------------------------------------
def test_close_during_a_burst_delivers_nothing_after(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.stream_config(bits_per_second=0)  # no end, as fast as the callback returns
    routes = len(_streambridge.ROUTES)
    for _ in range(repeats(1000)):
        live = device.live(queue_size=64)
        live.get(timeout=5)
        live.close()
        handle = _handle(live)
        received = live.received
        delivered = fake_control.stream_info(handle)["packets"]
        assert list(live) == []
        with pytest.raises(SDKClosedError):
            live.get(timeout=0)
        assert (live.received, live.pending) == (received, 0)
        info = fake_control.stream_info(handle)
        assert (info["open"], info["running"], info["packets"]) == (0, 0, delivered)
        assert len(_streambridge.ROUTES) == routes
    assert fake_control.get_int("streams_running") == 0
    assert fake_control.get_int("calls:NET_DVR_StopRealPlay") == repeats(1000)


def test_close_from_another_thread_ends_the_consumer(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.stream_config(bits_per_second=0)
    for _ in range(100):
        live = device.live(queue_size=32)
        got: list[int] = []
        started = threading.Event()

        def consume(
            stream: hcnetsdk.LiveStream = live,
            out: list[int] = got,
            started: threading.Event = started,
        ) -> None:
            for packet in stream:
                out.append(len(packet.data))
                started.set()

        consumer = threading.Thread(target=consume)
        consumer.start()
        assert started.wait(5)
        live.close()
        count = len(got)
        consumer.join(5)
        assert not consumer.is_alive()
        assert len(got) <= count + 1  # at most the one it was handed before close returned


def test_logout_and_cleanup_close_open_streams(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    fake_control.stream_config(bits_per_second=0)
    device = sdk.login(*NVR, username="admin", password="12345")
    first, second = device.live(33), device.live(34, stream="sub")
    assert fake_control.get_int("streams_open") == 2
    device.logout()
    assert first.closed
    assert second.closed
    assert fake_control.get_int("streams_open") == 0
    assert fake_control.get_int("streams_running") == 0
    assert fake_control.get_int("calls:NET_DVR_StopRealPlay") == 2  # closed by us, not Logout
    assert list(first) == []
    with pytest.raises(SDKClosedError):
        device.live()

    again = sdk.login(*NVR, username="admin", password="12345")
    third = again.live()
    sdk.cleanup()
    assert third.closed
    assert fake_control.get_int("calls:NET_DVR_StopRealPlay") == 3
    assert fake_control.get_int("streams_running") == 0
    third.close()  # idempotent
    assert fake_control.get_int("calls:NET_DVR_StopRealPlay") == 3


EXIT_SCRIPT = textwrap.dedent(
    """
    import sys
    import hcnetsdk
    from hcnetsdk._simcontrol import FakeSDKControl
    FakeSDKControl(sys.argv[1]).stream_config(bits_per_second=0)  # a burst, still going at exit
    sdk = hcnetsdk.HCNetSDK(sys.argv[1]).init()
    device = sdk.login("127.0.0.1", 8000, username="admin", password="12345")
    streams = [device.live(33), device.live(34, queue_size=8)]
    streams[0].get(timeout=5)
    print("streaming", flush=True)
    """
)


def test_a_process_exiting_with_open_streams_exits_cleanly(fake_sdk_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HCNETSDK_")}
    for _ in range(repeats(20)):
        done = subprocess.run(
            [sys.executable, "-c", EXIT_SCRIPT, str(fake_sdk_path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == "streaming\n"
        assert done.stderr == "", done.stderr  # no "Exception ignored", no warning, no crash


class _CtrlCDuringTheCall:
    """Stands for SigintDeferral when a Ctrl-C arrived during NET_DVR_RealPlay_V40."""

    def __init__(self) -> None:
        self.pending = [(2, None)]

    def stop(self) -> None:
        pass

    def deliver(self) -> None:
        raise KeyboardInterrupt


def test_ctrl_c_during_realplay_never_leaves_the_stream_open(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hcnetsdk.stream

    fake_control.stream_config(bits_per_second=0)
    monkeypatch.setattr(hcnetsdk.stream, "SigintDeferral", _CtrlCDuringTheCall)
    routes = len(_streambridge.ROUTES)
    with pytest.raises(KeyboardInterrupt):
        device.live()
    assert fake_control.get_int("calls:NET_DVR_StopRealPlay") == 1
    assert fake_control.get_int("streams_open") == 0
    assert device._session.resources == ()
    assert len(_streambridge.ROUTES) == routes


# --- inputs and failures ----------------------------------------------------------------------
def test_bad_input_is_refused_before_the_sdk(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    with pytest.raises(ValueError, match=r"channel 3 does not exist .*33-40"):
        device.live(3)
    with pytest.raises(TypeError, match="channel must be an int"):
        device.live("33")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="stream must be one of main, sub, third, not 'hd'"):
        device.live(stream="hd")
    with pytest.raises(ValueError, match="queue_size"):
        device.live(queue_size=0)
    assert fake_control.get_int("calls:NET_DVR_RealPlay_V40") == 0


def test_a_failed_realplay_leaves_no_route_and_no_resource(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    routes = dict(_streambridge.ROUTES)
    fake_control.fail_next("NET_DVR_RealPlay_V40", 46)
    with pytest.raises(HCNetSDKError) as failure:
        device.live()
    assert failure.value.code == 46
    assert routes == _streambridge.ROUTES
    assert device._session.resources == ()
    assert fake_control.get_int("calls:NET_DVR_StopRealPlay") == 0


# --- RTSP ------------------------------------------------------------------------------------
def test_rtsp_urls(device: hcnetsdk.Device, fake_control: FakeSDKControl) -> None:
    assert device.rtsp_url() == "rtsp://admin@127.0.0.1:554/Streaming/Channels/101"
    assert device.rtsp_url(34, "sub") == "rtsp://admin@127.0.0.1:554/Streaming/Channels/202"
    assert (
        device.rtsp_url(40, "third", port=8554, password="p@ss:/w")
        == "rtsp://admin:p%40ss%3A%2Fw@127.0.0.1:8554/Streaming/Channels/803"
    )
    assert "12345" not in device.rtsp_url()
    with pytest.raises(ValueError, match="channel 1 does not exist"):
        device.rtsp_url(1)
    with pytest.raises(ValueError, match="port"):
        device.rtsp_url(port=0)
    assert rtsp_url("::1", 2) == "rtsp://[::1]:554/Streaming/Channels/201"
    assert fake_control.get_int("calls:NET_DVR_RealPlay_V40") == 0


def _admin_accesses(rtsp: int) -> str:
    return (
        '<AdminAccessProtocolList xmlns="http://www.hikvision.com/ver20/XMLSchema">'
        "<AdminAccessProtocol><protocol>HTTP</protocol><portNo>80</portNo></AdminAccessProtocol>"
        f"<AdminAccessProtocol><protocol>RTSP</protocol><portNo>{rtsp}</portNo>"
        "</AdminAccessProtocol></AdminAccessProtocolList>"
    )


def test_the_rtsp_port_is_the_one_the_device_reports(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    dev = fake_control.find_device("127.0.0.1", 8000)
    assert dev is not None
    line = "GET /ISAPI/Security/adminAccesses"
    fake_control.isapi_set_answer(dev, line, _admin_accesses(8554))
    assert device.rtsp_url(34) == "rtsp://admin@127.0.0.1:8554/Streaming/Channels/201"
    asked = fake_control.isapi_request_count()
    assert device.rtsp_port() == 8554  # remembered: asked once
    assert fake_control.isapi_request_count() == asked
    assert device.rtsp_url(port=10554).startswith("rtsp://admin@127.0.0.1:10554/")


@pytest.mark.parametrize(
    ("body", "error"), [("<AdminAccessProtocolList/>", 0), ("", 23), ("not xml", 0)]
)
def test_without_a_reported_rtsp_port_554_is_used(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, body: str, error: int
) -> None:
    dev = fake_control.find_device("127.0.0.1", 8000)
    assert dev is not None
    fake_control.isapi_set_answer(dev, "GET /ISAPI/Security/adminAccesses", body, sdk_error=error)
    assert device.rtsp_port() == 554
    assert device.rtsp_url() == "rtsp://admin@127.0.0.1:554/Streaming/Channels/101"
