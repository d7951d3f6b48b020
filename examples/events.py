"""Receive alarms and events, and shut down cleanly.

With a device: arm it and print each event until Ctrl-C (or --seconds)::

    HCNETSDK_PASSWORD=... python examples/events.py 192.168.1.64 --user admin

With --simulator and no host: listen on 127.0.0.1 for alarms that devices push, and push two
ISAPI events to it over real HTTP (an XML one with a picture, a JSON one), as a camera set to
"notify the surveillance center" would::

    python examples/events.py --simulator

Events reach ``on_event`` on a thread hcnetsdk owns; ``with`` closes the subscription (no event
is delivered after that) and then the SDK. Exit status: 0, 1 when the SDK fails, 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import urllib.request

import hcnetsdk

SIMULATED_PICTURE = b"\xff\xd8\xff\xe0" + b"\x00" * 16 + b"\xff\xd9"


def show(event: hcnetsdk.Event) -> None:
    """The on_event callable: one line per event (runs on hcnetsdk's thread, not the SDK's)."""
    where = event.sender or "?"
    if isinstance(event, hcnetsdk.AlarmEvent):
        detail = f"{event.alarm_type_name}, channels {list(event.channels)}"
    elif isinstance(event, hcnetsdk.IsapiEvent):
        pictures = ", ".join(f"{p.name} ({len(p.data)} bytes)" for p in event.pictures)
        detail = f"{event.event_type} on channel {event.channel}" + (
            f", pictures: {pictures}" if pictures else ""
        )
    elif isinstance(event, hcnetsdk.ConnectionEvent):
        detail = event.description
    else:
        detail = f"{len(event.payload)} bytes"
    print(f"{event.received:%H:%M:%S} {event.name} from {where}: {detail}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def push(port: int, body: bytes, content_type: str) -> None:
    """POST one event the way a device does (the listener answers 200 OK)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/", data=body, headers={"Content-Type": content_type}
    )
    with urllib.request.urlopen(request, timeout=5) as reply:
        reply.read()


def simulated(seconds: float) -> None:
    port = free_port()
    seen = threading.Event()
    count = [0]

    def on_event(event: hcnetsdk.Event) -> None:
        show(event)
        count[0] += 1
        if count[0] == 2:
            seen.set()

    with (
        hcnetsdk.HCNetSDK("simulator") as sdk,
        sdk.listen(port, address="127.0.0.1", on_event=on_event),
    ):
        print(f"listening on 127.0.0.1:{port}")
        boundary = "hcnetsdk-example"
        xml = (
            b'<?xml version="1.0" encoding="UTF-8"?><EventNotificationAlert>'
            b"<channelID>1</channelID><dateTime>2026-11-22T08:00:00+08:00</dateTime>"
            b"<eventType>linedetection</eventType></EventNotificationAlert>"
        )
        multipart = (
            (
                f"--{boundary}\r\nContent-Type: application/xml\r\n"
                'Content-Disposition: form-data; name="event"\r\n\r\n'
            ).encode()
            + xml
            + (
                f"\r\n--{boundary}\r\nContent-Type: image/jpeg\r\n"
                'Content-Disposition: form-data; name="picture"; filename="1.jpg"\r\n\r\n'
            ).encode()
            + SIMULATED_PICTURE
            + f"\r\n--{boundary}--\r\n".encode()
        )
        push(port, multipart, f"multipart/form-data; boundary={boundary}")
        push(port, b'{"eventType":"VMD","channelID":2}', "application/json")
        seen.wait(seconds)
    print(f"received {count[0]} event(s); the listener is closed")


def armed(args: argparse.Namespace) -> None:
    password = hcnetsdk.password_from_env(prompt=f"Password for {args.user}@{args.host}: ")
    with hcnetsdk.HCNetSDK("simulator" if args.simulator else args.library) as sdk:
        device = sdk.login(args.host, args.port, username=args.user, password=password)
        with device, device.events(on_event=show) as subscription:
            print(f"armed {args.host}; Ctrl-C to stop")
            threading.Event().wait(args.seconds)
            print(f"{subscription.received} event(s), {subscription.dropped} dropped")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "host", nargs="?", help="the device to arm (default with --simulator: none)"
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--seconds", type=float, default=None, help="stop after this long")
    parser.add_argument("--simulator", action="store_true", help="use the simulated SDK")
    parser.add_argument("--library", help="the SDK folder or library file (else HCNETSDK_LIB)")
    args = parser.parse_args(argv)
    try:
        if args.host is None:
            if not args.simulator:
                parser.error("give a HOST, or --simulator")
            simulated(args.seconds if args.seconds is not None else 10.0)
        else:
            armed(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (hcnetsdk.HCNetSDKError, hcnetsdk.SDKLoadError, LookupError, OSError) as exc:
        print(f"events.py: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
