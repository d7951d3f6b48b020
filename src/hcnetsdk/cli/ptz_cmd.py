"""``hcnetsdk ptz HOST``: send a PTZ camera to a preset (``--preset N``), store or delete one
(``--set-preset``, ``--clear-preset``), or move it (``--pan``/``--tilt``/``--zoom`` -1 or 1, at
``--speed`` 1..7) for ``--seconds`` and stop it, also on Ctrl-C.
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_OK,
    Command,
    CommandError,
    add_json_option,
    add_sdk_options,
    echo,
    print_json,
)
from ._device_cmd import run_on_device
from .live_cmd import device_options

if TYPE_CHECKING:
    from ..device import Device


def _configure(parser: argparse.ArgumentParser) -> None:
    device_options(parser)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--preset", type=int, metavar="N", help="go to preset N (1..300)")
    action.add_argument("--set-preset", type=int, metavar="N", help="store the position as N")
    action.add_argument("--clear-preset", type=int, metavar="N", help="delete preset N")
    for name, meaning in (("pan", "-1 left, 1 right"), ("tilt", "-1 down, 1 up")):
        parser.add_argument(f"--{name}", type=int, default=0, help=meaning)
    parser.add_argument("--zoom", type=int, default=0, help="-1 out, 1 in")
    parser.add_argument("--speed", type=int, default=4, help="1 (slowest) .. 7 (default: 4)")
    parser.add_argument("--seconds", type=float, default=1.0, help="how long to move (default 1)")
    add_json_option(parser)
    add_sdk_options(parser, top_level=False)


def _run(args: argparse.Namespace) -> int:
    presets = {"goto_preset": args.preset, "set_preset": args.set_preset}
    presets["clear_preset"] = args.clear_preset
    chosen = [(name, n) for name, n in presets.items() if n is not None]
    moving = (args.pan, args.tilt, args.zoom) != (0, 0, 0)
    if chosen and moving:
        raise CommandError("give a preset option or a movement (--pan/--tilt/--zoom), not both")
    if not chosen and not moving:
        raise CommandError(
            "nothing to do: give --preset N, --set-preset N, --clear-preset N, or "
            "--pan/--tilt/--zoom"
        )
    if not 0 < args.seconds <= 3600:
        raise CommandError(f"--seconds must be between 0 and 3600, not {args.seconds}")

    def action(device: Device) -> int:
        ptz = device.ptz(args.channel)
        done: dict[str, Any] = {"ok": True, "channel": ptz.channel}
        if chosen:
            name, number = chosen[0]
            getattr(ptz, name)(number)
            done.update(action=name, preset=number)
            text = f"channel {ptz.channel}: {name.replace('_', ' ')} {number}"
        else:
            with ptz.moving(args.pan, args.tilt, args.zoom, speed=args.speed):
                time.sleep(args.seconds)
            done.update(action="move", pan=args.pan, tilt=args.tilt, zoom=args.zoom)
            done.update(speed=args.speed, seconds=args.seconds)
            text = f"channel {ptz.channel}: moved for {args.seconds:g} s, stopped"
        if args.json:
            print_json(done)
        else:
            echo(text)
        return EXIT_OK

    return run_on_device(args, "ptz", action, extra={"channel": args.channel})


COMMAND = Command(
    "ptz",
    "send a PTZ camera to a preset (--preset N) or move it for a while (--pan/--tilt/--zoom)",
    _configure,
    _run,
)
