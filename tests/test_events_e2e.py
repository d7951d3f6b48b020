"""Events end to end: the public API over the C simulator, whose own threads call back (and
overwrite every payload after each callback), through real ctypes.
"""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import hcnetsdk
from _scale import repeats
from hcnetsdk._process import forget_init
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk.errors import SDKClosedError

NVR = ("127.0.0.1", 8000)
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(200)) + b"\xff\xd9"


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[hcnetsdk.HCNetSDK]:
    with hcnetsdk.HCNetSDK(str(fake_sdk_path)) as instance:
        yield instance
    fake_control.events_wait_idle(10)
    import ctypes

    assert forget_init(ctypes.CDLL(str(fake_sdk_path))) == 0


@pytest.fixture
def device(sdk: hcnetsdk.HCNetSDK) -> hcnetsdk.Device:
    return sdk.login(*NVR, username="admin", password="12345")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_alarm_v30_decoded_field_by_field(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    with device.events() as events:
        fake_control.push_alarm_v30(device.user_id, 3, (1, 33, 40))
        event = events.get(timeout=10)
    assert isinstance(event, hcnetsdk.AlarmEvent)
    assert (event.name, event.alarm_type, event.alarm_type_name) == (
        "COMM_ALARM_V30",
        3,
        "motion detection",
    )
    assert event.channels == (1, 33, 40)
    assert event.device is device
    assert event.sender == "127.0.0.1"
    assert event.serial_number == device.info.serial_number
    assert len(event.payload) == 268
    assert event.received.tzinfo is not None


def test_an_alarm_input_and_a_disk_alarm(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    with device.events() as events:
        fake_control.push_alarm_v30(device.user_id, 0, (2, 34), alarm_input=3)
        fake_control.push_alarm_v30(device.user_id, 1, (1,))  # disk full: disk 1
        io_alarm, disk = events.get(timeout=10), events.get(timeout=10)
    assert isinstance(io_alarm, hcnetsdk.AlarmEvent)
    assert (io_alarm.alarm_type_name, io_alarm.alarm_inputs, io_alarm.channels) == (
        "alarm input",
        (4,),
        (2, 34),
    )
    assert isinstance(disk, hcnetsdk.AlarmEvent)
    assert (disk.alarm_type_name, disk.disks) == ("disk full", (1,))


def test_an_alarm_v40_with_its_channel_list_and_device_time(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    with device.events() as events:
        fake_control.push_alarm_v40(device.user_id, 2, (3, 35, 36))
        event = events.get(timeout=10)
    assert isinstance(event, hcnetsdk.AlarmEvent)
    assert (event.name, event.alarm_type_name, event.channels) == (
        "COMM_ALARM_V40",
        "video loss",
        (3, 35, 36),
    )
    assert event.device_time is not None
    assert abs(event.device_time.year - time.localtime().tm_year) <= 1


def test_an_isapi_event_with_nul_bytes_and_a_picture(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    body = (
        b"<EventNotificationAlert><channelID>5</channelID><dateTime>2026-11-22T07:00:00+08:00"
        b"</dateTime><eventType>linedetection</eventType></EventNotificationAlert>\x00\x00pad"
    )
    with device.events() as events:
        fake_control.push_isapi(device.user_id, body, picture=JPEG, picture_name="1.jpg")
        event = events.get(timeout=10)
    assert isinstance(event, hcnetsdk.IsapiEvent)
    assert event.body == body  # whole, past the NUL bytes
    assert (event.event_type, event.channel, event.content_type) == ("linedetection", 5, "xml")
    assert event.date_time == "2026-11-22T07:00:00+08:00"
    assert [(p.name, p.data) for p in event.pictures] == [("1.jpg", JPEG)]


def test_unknown_commands_and_connection_changes(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    with device.events() as events:
        fake_control.push_raw(device.user_id, 0x7ABC, b"\x00\x01raw\x00")
        fake_control.drop_connection(device.user_id)
        fake_control.push_alarm_v30(device.user_id, 3, (1,))  # while dropped: not delivered
        fake_control.restore_connection(device.user_id)
        got = [events.get(timeout=10) for _ in range(3)]
        with pytest.raises(queue.Empty):
            events.get(timeout=0.2)
    raw, lost, restored = got
    assert type(raw) is hcnetsdk.Event
    assert (raw.name, raw.payload) == ("0x7ABC", b"\x00\x01raw\x00")
    assert isinstance(lost, hcnetsdk.ConnectionEvent)
    assert (lost.name, lost.description) == ("EXCEPTION_ALARM", "the alarm channel was lost")
    assert isinstance(restored, hcnetsdk.ConnectionEvent)
    assert restored.name == "ALARM_RECONNECTSUCCESS"


def test_twenty_devices_each_get_only_their_own_events(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    for port in range(9100, 9120):
        fake_control.add_device("127.0.0.1", port)
    devices = [
        sdk.login("127.0.0.1", port, username="admin", password="12345")
        for port in range(9100, 9120)
    ]
    subscriptions = [d.events() for d in devices]
    for index, d in enumerate(devices):
        for _ in range(index + 1):
            fake_control.push_alarm_v30(d.user_id, 3, (index + 1,))
    fake_control.events_wait_idle(10)
    for index, (d, sub) in enumerate(zip(devices, subscriptions)):
        got = [sub.get(timeout=5) for _ in range(index + 1)]
        with pytest.raises(queue.Empty):
            sub.get(timeout=0)
        assert all(e.device is d for e in got)
        assert {e.channels for e in got if isinstance(e, hcnetsdk.AlarmEvent)} == {(index + 1,)}
        sub.close()


def test_two_subscriptions_on_one_device_share_its_alarm_channel(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    first, second = device.events(), device.events()
    assert fake_control.get_int("alarm_channels_open") == 1
    fake_control.push_alarm_v30(device.user_id, 3, (1,))
    assert isinstance(first.get(timeout=5), hcnetsdk.AlarmEvent)
    assert isinstance(second.get(timeout=5), hcnetsdk.AlarmEvent)
    first.close()
    assert fake_control.get_int("alarm_channels_open") == 1  # the other still uses it
    second.close()
    assert fake_control.get_int("alarm_channels_open") == 0


def test_close_during_a_burst_delivers_nothing_afterwards(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    for _ in range(repeats(1000)):
        events = device.events(queue_size=100_000)
        fake_control.event_rate(device.user_id, 50)
        events.close()
        seen = events.received
        fake_control.events_wait_idle(10)
        assert events.received == seen
        with pytest.raises(SDKClosedError):
            events.get(timeout=0)
    assert fake_control.get_int("alarm_channels_open") == 0


def test_a_slow_consumer_drops_and_counts(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    with device.events(queue_size=10) as events:
        fake_control.event_rate(device.user_id, 500)
        fake_control.events_wait_idle(10)
        assert (events.received, events.dropped) == (10, 490)


def test_on_event_runs_on_a_thread_of_ours_and_its_exception_is_reraised(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    threads: list[str] = []

    def on_event(event: hcnetsdk.Event) -> None:
        threads.append(threading.current_thread().name)
        raise RuntimeError("the consumer failed")

    events = device.events(on_event=on_event)
    fake_control.push_alarm_v30(device.user_id, 3, (1,))
    fake_control.push_alarm_v30(device.user_id, 3, (1,))
    fake_control.events_wait_idle(10)
    deadline = time.monotonic() + 10
    while not events.closed and time.monotonic() < deadline:
        time.sleep(0.01)
    assert events.closed  # the failure stopped the subscription (and disarmed the device)
    assert threads == [f"hcnetsdk-events {device.username}@127.0.0.1:8000"]
    assert fake_control.get_int("alarm_channels_open") == 0
    with pytest.raises(RuntimeError, match="the consumer failed"):
        events.close()


def test_logout_and_cleanup_close_open_subscriptions(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl
) -> None:
    first = sdk.login(*NVR, username="admin", password="12345")
    second = sdk.login("127.0.0.1", 8001, username="admin", password="12345")
    a, b = first.events(), second.events()
    first.logout()
    states = [a.closed, b.closed]
    assert states == [True, False]
    port = _free_port()
    pushed = sdk.listen(port, address="127.0.0.1")
    sdk.cleanup()
    assert b.closed
    assert pushed.closed
    assert fake_control.get_int("alarm_channels_open") == 0
    assert fake_control.get_int("listeners_open") == 0
    assert list(b) == []


def test_events_need_a_logged_in_device(device: hcnetsdk.Device) -> None:
    device.logout()
    with pytest.raises(SDKClosedError):
        device.events()


# --- the listener --------------------------------------------------------------------------
def _post(port: int, body: bytes, content_type: str) -> bytes:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/", data=body, headers={"Content-Type": content_type}
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.status == 200
        return bytes(reply.read())


def test_the_listener_receives_isapi_events_over_real_http(sdk: hcnetsdk.HCNetSDK) -> None:
    port = _free_port()
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><EventNotificationAlert version="2.0" '
        b'xmlns="http://www.isapi.org/ver20/XMLSchema"><channelID>1</channelID>'
        b"<eventType>fielddetection</eventType></EventNotificationAlert>"
    )
    boundary = "b0undary"
    multipart = (
        (
            f"--{boundary}\r\nContent-Type: application/xml\r\n"
            'Content-Disposition: form-data; name="event"\r\n\r\n'
        ).encode()
        + xml
        + (
            f"\r\n--{boundary}\r\nContent-Type: image/jpeg\r\n"
            'Content-Disposition: form-data; name="p"; filename="1.jpg"\r\n\r\n'
        ).encode()
        + JPEG
        + f"\r\n--{boundary}--\r\n".encode()
    )
    with sdk.listen(port, address="127.0.0.1") as pushed:
        _post(port, multipart, f"multipart/form-data; boundary={boundary}")
        _post(port, b'{"eventType":"VMD","channelID":7}', "application/json")
        first, second = pushed.get(timeout=10), pushed.get(timeout=10)
    assert isinstance(first, hcnetsdk.IsapiEvent)
    assert (first.event_type, first.channel, first.sender) == ("fielddetection", 1, "127.0.0.1")
    assert first.device is None
    assert [p.data[:4] for p in first.pictures] == [JPEG[:4]]
    assert first.pictures[0].data.startswith(JPEG)
    assert isinstance(second, hcnetsdk.IsapiEvent)
    assert (second.content_type, second.event_type, second.channel) == ("json", "VMD", 7)
    assert second.data == {"eventType": "VMD", "channelID": 7}


def test_listen_checks_its_arguments_before_the_sdk(sdk: hcnetsdk.HCNetSDK) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(OSError, match=f"cannot listen on 127.0.0.1:{port}"):
            sdk.listen(port, address="127.0.0.1")
    with pytest.raises(TypeError):
        sdk.listen(_free_port())  # type: ignore[call-arg]  # the address has no default
    with pytest.raises(ValueError, match="not an IP address"):
        sdk.listen(_free_port(), address="localhost")
    with pytest.raises(ValueError, match="port must be between 1 and 65535"):
        sdk.listen(0, address="127.0.0.1")
    with pytest.raises(ValueError, match="scope id"):
        sdk.listen(_free_port(), address="fe80::1%lo")


# --- the command line ----------------------------------------------------------------------
def _cli_env(fake_sdk_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HCNETSDK_")}
    env["HCNETSDK_SIMULATOR_CACHE"] = str(fake_sdk_path.parent.parent)
    return env


def test_hcnetsdk_listen_prints_json_lines(fake_sdk_path: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "hcnetsdk", "--simulator", "listen"]
    command += ["--address", "127.0.0.1", "--port", str(port), "--json", "--count", "1"]
    command += ["--seconds", "30"]
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_cli_env(fake_sdk_path),
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _post(port, b'{"eventType":"VMD","channelID":3}', "application/json")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
    assert child.returncode == 0, err
    (line,) = out.splitlines()
    data = json.loads(line)
    assert (data["name"], data["event_type"], data["channel"]) == ("COMM_ISAPI_ALARM", "VMD", 3)


# --- interpreter exit ----------------------------------------------------------------------
EXIT_SCRIPT = textwrap.dedent(
    """
    import sys
    import hcnetsdk
    from hcnetsdk._simcontrol import FakeSDKControl
    sdk = hcnetsdk.HCNetSDK(sys.argv[1]).init()
    device = sdk.login("127.0.0.1", 8000, username="admin", password="12345")
    events = device.events(on_event=lambda e: None)
    FakeSDKControl(sys.argv[1]).event_rate(device.user_id, 100000, 50000)  # firing at exit
    print("armed", flush=True)
    """
)


def test_a_process_exiting_with_an_open_subscription_exits_cleanly(fake_sdk_path: Path) -> None:
    for _ in range(repeats(50)):
        done = subprocess.run(
            [sys.executable, "-c", EXIT_SCRIPT, str(fake_sdk_path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=_cli_env(fake_sdk_path),
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == "armed\n"
        assert done.stderr == "", done.stderr  # no "Exception ignored", no warning, no crash


def test_hcnetsdk_events_without_a_password_is_a_usage_error(fake_sdk_path: Path) -> None:
    env = _cli_env(fake_sdk_path)
    env["HCNETSDK_PASSWORD"] = ""  # set but empty: its own error, never taken as unset
    done = subprocess.run(
        [sys.executable, "-m", "hcnetsdk", "--simulator", "events", "127.0.0.1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("hcnetsdk events: error: HCNETSDK_PASSWORD is set but empty")
    assert "Traceback" not in done.stderr
