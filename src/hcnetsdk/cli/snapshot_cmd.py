"""``hcnetsdk snapshot HOST --channel N -o FILE``: take one JPEG picture of a channel and write it
to FILE atomically (``Device.snapshot_to``).

``--channel`` defaults to the device's first channel (NVR IP channels usually start at 33); a
channel the device does not have is a usage error (exit 2) naming the valid ones, found before
the SDK is asked for a picture. ``--size`` takes a :class:`~hcnetsdk.PictureSize` name
(``current``, ``hd1080``, ``r3840x2160``, ...) or its code; ``--quality`` ``best``, ``better`` or
``average``. An answer that is not a JPEG, or empty, fails (exit 1) and leaves FILE as it was.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ._common import EXIT_OK, Command, echo, print_json
from ._device_cmd import add_device_options, fail, run_on_device, target

if TYPE_CHECKING:
    from ..device import Device

_QUALITIES = {"best": 0, "better": 1, "average": 2}


def _size(text: str) -> int:
    """``--size``: a PictureSize name (any case) or an int; the API checks the value."""
    from ..snapshot import PictureSize

    member = PictureSize.__members__.get(text.strip().upper())
    if member is not None:
        return int(member)
    try:
        return int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a picture size: {text!r} (a name such as current, hd1080, r3840x2160, or a code)"
        ) from None


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--channel",
        type=int,
        default=None,
        help="the device's channel number (default: its first; NVR IP channels usually from 33)",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="where to write the JPEG"
    )
    parser.add_argument(
        "--size", type=_size, default=0xFF, help="resolution: current (default), hd1080, ..."
    )
    parser.add_argument(
        "--quality", choices=sorted(_QUALITIES), default="best", help="JPEG quality (default: best)"
    )
    add_device_options(parser)


def _run(args: argparse.Namespace) -> int:
    from ..snapshot import SnapshotError

    if not Path(args.output).parent.is_dir():  # said before logging in for nothing
        raise FileNotFoundError(f"the folder of {args.output!r} does not exist: create it first")

    def action(device: Device) -> int:
        channel = device.info.check_channel(args.channel)
        try:
            path = device.snapshot_to(
                args.output, channel, size=args.size, quality=_QUALITIES[args.quality]
            )
        except SnapshotError as exc:
            return fail(args, "snapshot", exc, channel=channel, received_bytes=len(exc.data))
        size = path.stat().st_size
        if args.json:
            print_json(
                {**target(args), "ok": True, "channel": channel, "path": str(path), "bytes": size}
            )
        else:
            echo(
                f"channel {channel} of {args.user}@{args.host}:{args.port} -> {path} ({size} bytes)"
            )
        return EXIT_OK

    return run_on_device(args, "snapshot", action)


COMMAND = Command(
    "snapshot", "take a JPEG picture of a channel and write it to a file", _configure, _run
)
