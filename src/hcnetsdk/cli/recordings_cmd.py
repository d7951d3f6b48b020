"""``hcnetsdk recordings HOST --channel N --from T --to T``: list a recorder's recordings (a
table, or ``--json``). Also the options and helpers ``download`` shares.

Times are ISO 8601 (``2024-03-10T08:00``, ``2024-03-10 08:00:00``): without an offset they are
the device's local time; with one (``...+01:00``, ``...Z``) they are converted to this
computer's local zone, taken to be the device's. The password comes from ``HCNETSDK_PASSWORD``
or a prompt.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_OK,
    PASSWORD_ENV,
    Command,
    add_json_option,
    add_sdk_options,
    echo,
    print_json,
)
from ._device_cmd import add_host_options, run_on_device, target

if TYPE_CHECKING:
    from ..device import Device
    from ..playback import Recording

__all__ = ["COMMAND", "add_target_options", "device_time", "recording_dict", "with_device"]

_KINDS = (  # hcnetsdk.playback.KINDS, not imported here: the CLI imports no SDK module at load
    "all",
    "timed",
    "motion",
    "alarm",
    "motion_or_alarm",
    "motion_and_alarm",
    "command",
    "manual",
    "smart",
)


def device_time(text: str) -> dt.datetime:
    """An argparse type: an ISO 8601 date and time."""
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date and time like 2024-03-10T08:00 or 2024-03-10 08:00:00"
        ) from None
    return value


def add_target_options(parser: argparse.ArgumentParser) -> None:
    """HOST, --port, --user, --channel, --from, --to."""
    add_host_options(parser)
    parser.add_argument(
        "--channel", type=int, required=True, help="channel number (NVR IP channels from 33)"
    )
    parser.add_argument(
        "--from",
        dest="start",
        type=device_time,
        required=True,
        metavar="TIME",
        help="start, ISO 8601; without an offset: the device's local time",
    )
    parser.add_argument(
        "--to", dest="end", type=device_time, required=True, metavar="TIME", help="end, likewise"
    )
    parser.epilog = (
        f"The password is read from ${PASSWORD_ENV}, else prompted for on a terminal; it is "
        "never a command-line argument and never printed."
    )


def _configure(parser: argparse.ArgumentParser) -> None:
    add_target_options(parser)
    parser.add_argument("--kind", choices=_KINDS, default="all", help="only this kind")
    add_json_option(parser)
    add_sdk_options(parser, top_level=False)


def with_device(
    args: argparse.Namespace, command: str, work: Callable[[Device, dict[str, Any]], int]
) -> int:
    """:func:`._device_cmd.run_on_device` for a channel of a recorder: ``work(device, target)``
    (the target names the channel); a download that ends abnormally (``ConnectionError``) or is
    cancelled (``RuntimeError``) is reported as a failure."""
    where = target(args, {"channel": args.channel})
    return run_on_device(
        args,
        command,
        lambda device: work(device, where),
        extra={"channel": args.channel},
        also=(ConnectionError, RuntimeError),
    )


def recording_dict(recording: Recording) -> dict[str, Any]:
    """A recording as JSON-ready data."""
    return {
        "name": recording.name,
        "channel": recording.channel,
        "start": recording.start.isoformat(),
        "end": recording.end.isoformat(),
        "size": recording.size,
        "kind": recording.kind,
        "locked": recording.locked,
    }


def _size(count: int) -> str:
    value = float(count)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{count} B"  # pragma: no cover - the loop always returns


def _table(recordings: list[Recording]) -> list[str]:
    rows = [("NAME", "START", "END", "SIZE", "KIND", "LOCKED")]
    for r in recordings:
        rows.append(
            (
                r.name,
                r.start.strftime("%Y-%m-%d %H:%M:%S"),
                r.end.strftime("%Y-%m-%d %H:%M:%S"),
                _size(r.size),
                r.kind,
                "yes" if r.locked else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


def _run(args: argparse.Namespace) -> int:
    def work(device: Device, target: dict[str, Any]) -> int:
        kind = None if args.kind == "all" else args.kind
        found = list(device.recordings(args.channel, args.start, args.end, kind=kind))
        if args.json:
            print_json({**target, "ok": True, "recordings": [recording_dict(r) for r in found]})
        elif not found:
            echo(f"no recordings on channel {args.channel} between {args.start} and {args.end}")
        else:
            for line in _table(found):
                echo(line)
            echo(f"{len(found)} recording(s), {_size(sum(r.size for r in found))}")
        return EXIT_OK

    return with_device(args, "recordings", work)


COMMAND = Command(
    "recordings",
    "list the recordings of a channel between two times (--channel, --from, --to)",
    _configure,
    _run,
)
