"""``hcnetsdk events HOST`` and ``hcnetsdk listen --address A --port P``: print events as they
arrive, one line each (JSON lines with ``--json``), until Ctrl-C (exit 130, after a clean
shutdown), ``--count`` events or ``--seconds``.

``events`` logs into the device and arms it; the password comes from ``HCNETSDK_PASSWORD`` or a
prompt. ``listen`` starts the SDK's alarm listener for devices that push their alarms to this
host; ``--address`` has no default (``127.0.0.1``, a local interface's address, or
``0.0.0.0`` for every interface).
"""

from __future__ import annotations

import argparse
import json
import time
from typing import TYPE_CHECKING, Any

from .. import errors
from ._common import (
    EXIT_OK,
    Command,
    CommandError,
    add_json_option,
    add_sdk_options,
    echo,
    open_sdk,
    port_number,
    read_password,
    sdk_spec,
)
from ._failures import load_failure, report

if TYPE_CHECKING:
    from ..events import Event, EventSubscription


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=int, default=None, help="stop after this many events")
    parser.add_argument("--seconds", type=float, default=None, help="stop after this long")
    add_json_option(parser)
    add_sdk_options(parser, top_level=False)


def _configure_events(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("host", help="the device's IP address (or a resolvable host name)")
    parser.add_argument("--port", type=port_number, default=8000, help="SDK port (default: 8000)")
    parser.add_argument("--user", default="admin", help="user name (default: admin)")
    _common_options(parser)


def _configure_listen(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--address",
        required=True,
        help="local address to listen on: 127.0.0.1, an interface's address, or 0.0.0.0 (all)",
    )
    parser.add_argument("--port", type=port_number, required=True, help="TCP port to listen on")
    _common_options(parser)


def event_dict(event: Event) -> dict[str, Any]:
    """An event as JSON-ready data (bytes as sizes; the body as text when it is text)."""
    from ..events import AlarmEvent, ConnectionEvent, IsapiEvent

    data: dict[str, Any] = {
        "name": event.name,
        "command": event.command,
        "received": event.received.isoformat(),
        "sender": event.sender,
        "serial_number": event.serial_number,
        "payload_size": len(event.payload),
    }
    if isinstance(event, AlarmEvent):
        data.update(
            alarm_type=event.alarm_type,
            alarm_type_name=event.alarm_type_name,
            channels=list(event.channels),
            alarm_inputs=list(event.alarm_inputs),
            alarm_outputs=list(event.alarm_outputs),
            disks=list(event.disks),
            device_time=event.device_time.isoformat() if event.device_time else None,
        )
    elif isinstance(event, IsapiEvent):
        data.update(
            event_type=event.event_type,
            channel=event.channel,
            date_time=event.date_time,
            content_type=event.content_type,
            body=event.body.decode("utf-8", "replace"),
            pictures=[
                {"name": p.name, "type": p.type, "size": len(p.data)} for p in event.pictures
            ],
        )
    elif isinstance(event, ConnectionEvent):
        data.update(description=event.description, user_id=event.user_id, handle=event.handle)
    return data


def event_line(event: Event) -> str:
    """One line of text for an event."""
    from ..events import AlarmEvent, ConnectionEvent, IsapiEvent

    when = event.received.astimezone().strftime("%H:%M:%S")
    where = f" from {event.sender}" if event.sender else ""
    if isinstance(event, AlarmEvent):
        detail = f"{event.alarm_type_name}; channels {list(event.channels)}"
    elif isinstance(event, IsapiEvent):
        pictures = f"; {len(event.pictures)} picture(s)" if event.pictures else ""
        detail = f"{event.event_type or '?'}; channel {event.channel}{pictures}"
    elif isinstance(event, ConnectionEvent):
        detail = event.description
    else:
        detail = f"{len(event.payload)} bytes"
    return f"{when} {event.name}{where}: {detail}"


def _pump(subscription: EventSubscription, args: argparse.Namespace) -> int:
    """Print events until --count, --seconds or Ctrl-C; the subscription is closed by the
    caller's ``with``."""
    import queue

    deadline = None if args.seconds is None else time.monotonic() + args.seconds
    shown = 0
    while args.count is None or shown < args.count:
        wait = 0.25 if deadline is None else min(0.25, deadline - time.monotonic())
        if wait <= 0:
            break
        try:
            event = subscription.get(timeout=wait)
        except queue.Empty:
            continue
        if args.json:  # JSON lines: one object per line
            print(json.dumps(event_dict(event), ensure_ascii=False), flush=True)
        else:
            print(event_line(event), flush=True)
        shown += 1
    if subscription.dropped and not args.json:
        echo(f"{subscription.dropped} event(s) dropped: the terminal was slower than the device")
    return EXIT_OK


def _run_events(args: argparse.Namespace) -> int:
    spec = sdk_spec(args)
    password = read_password(f"Password for {args.user}@{args.host}:{args.port}: ")
    target = {"host": args.host, "port": args.port, "user": args.user}
    try:
        sdk = open_sdk(spec)
    except OSError as exc:  # SDKLoadError, or the simulator's cache
        return load_failure(exc, args.json, target, "events", spec)
    try:  # Ctrl-C: the with blocks close the subscription, log out and clean up; main says 130
        with sdk:
            device = sdk.login(args.host, args.port, username=args.user, password=password)
            del password
            with device, device.events() as subscription:
                if not args.json:
                    echo(f"armed {args.user}@{args.host}:{args.port}; Ctrl-C to stop")
                return _pump(subscription, args)
    except (TypeError, ValueError) as exc:  # an argument the API refuses (e.g. a host form)
        raise CommandError(str(exc)) from None
    except (errors.HCNetSDKError, errors.SDKLoadError, errors.HostResolutionError) as exc:
        return report(exc, command="events", as_json=args.json, extra=target, spec=spec)


def _run_listen(args: argparse.Namespace) -> int:
    spec = sdk_spec(args)
    target = {"address": args.address, "port": args.port}
    try:
        sdk = open_sdk(spec)
    except OSError as exc:
        return load_failure(exc, args.json, target, "listen", spec)
    try:
        with sdk, sdk.listen(args.port, address=args.address) as subscription:
            if not args.json:
                echo(f"listening on {args.address}:{args.port}; Ctrl-C to stop")
            return _pump(subscription, args)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    except (errors.HCNetSDKError, OSError) as exc:  # a port in use is an OSError
        return report(exc, command="listen", as_json=args.json, extra=target, spec=spec)


EVENTS = Command(
    "events",
    "arm a device and print its events as they arrive, until Ctrl-C",
    _configure_events,
    _run_events,
)
LISTEN = Command(
    "listen",
    "receive the alarms devices push to this host (--address, --port), until Ctrl-C",
    _configure_listen,
    _run_listen,
)
