"""``hcnetsdk channels HOST``: the device's channels (``Device.channels``), one line each:
number, kind, whether an IP channel is online, name, and the camera behind an IP channel.
``--json`` prints them as a list of objects with the fields of :class:`~hcnetsdk.ChannelInfo`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ._common import EXIT_OK, Command, echo, print_json
from ._device_cmd import add_device_options, run_on_device, target

if TYPE_CHECKING:
    from ..devconfig import ChannelInfo
    from ..device import Device


def channel_line(channel: ChannelInfo) -> str:
    """``  33  ip      online   Gate (192.168.1.101:8000, channel 1)``."""
    if channel.kind == "analog":
        state = "enabled" if channel.enabled else "disabled"
    elif channel.online is None:
        state = "unknown" if channel.enabled else "empty"
    else:
        state = "online" if channel.online else "offline"
    where = ""
    if channel.address:
        port = f":{channel.port}" if channel.port else ""
        remote = f", channel {channel.remote_channel}" if channel.remote_channel else ""
        where = f" ({channel.address}{port}{remote})"
    return f"{channel.number:>4}  {channel.kind:<6}  {state:<8} {channel.name}{where}"


def _run(args: argparse.Namespace) -> int:
    def action(device: Device) -> int:
        channels = device.channels()
        if args.json:
            print_json({**target(args), "ok": True, "channels": [c.as_dict() for c in channels]})
        else:
            echo(f"{len(channels)} channel(s) of {args.user}@{args.host}:{args.port}:")
            for channel in channels:
                echo(channel_line(channel))
        return EXIT_OK

    return run_on_device(args, "channels", action)


COMMAND = Command(
    "channels",
    "list a device's channels: number, name, online (IP channels)",
    add_device_options,
    _run,
)
