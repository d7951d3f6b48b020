"""``hcnetsdk live HOST -o FILE|-``: the raw live stream of a channel into a file or stdout
(``| ffplay -``). Also the helpers of the commands that work on one device's channel (``ptz``).

It logs into the device (the password from ``HCNETSDK_PASSWORD`` or a prompt) and copies until
``--seconds``, ``--max-bytes`` or Ctrl-C (exit 130, after the stream is stopped and the device
logged out); a reader that goes away (ffplay closed) ends it quietly. With ``-o -`` the stream is
the only thing on stdout: messages go to stderr, and ``--json`` is refused. The file is made only
once the stream has started.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import TYPE_CHECKING, BinaryIO

from ._common import (
    EXIT_OK,
    Command,
    CommandError,
    add_json_option,
    add_sdk_options,
    echo,
    print_json,
)
from ._device_cmd import add_host_options, run_on_device

if TYPE_CHECKING:
    from ..device import Device
    from ..stream import LiveStream


def device_options(parser: argparse.ArgumentParser) -> None:
    """HOST, --port, --user, --channel: the options of a command on one device's channel."""
    add_host_options(parser)
    parser.add_argument(
        "--channel", type=int, default=None, help="channel number (default: the first)"
    )


def _configure(parser: argparse.ArgumentParser) -> None:
    device_options(parser)
    parser.add_argument(
        "-o", "--output", required=True, help="file to write, or - for stdout (| ffplay -)"
    )
    parser.add_argument(
        "--stream", choices=("main", "sub", "third"), default="main", help="default: main"
    )
    parser.add_argument("--seconds", type=float, default=None, help="stop after this long")
    parser.add_argument("--max-bytes", type=int, default=None, help="stop after this many bytes")
    add_json_option(parser)
    add_sdk_options(parser, top_level=False)


def _note(args: argparse.Namespace, text: str) -> None:
    if args.output == "-":
        print(text, file=sys.stderr)
    elif not args.json:
        echo(text)


def _write(args: argparse.Namespace, live: LiveStream, out: BinaryIO) -> int:
    """Bytes written, or -1 when the reader went away (ffplay closed): the end, not a failure."""
    try:
        return live.write_to(out, seconds=args.seconds, max_bytes=args.max_bytes)
    except BrokenPipeError:
        with contextlib.suppress(OSError):  # nothing more may reach the closed pipe at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return -1


def _run(args: argparse.Namespace) -> int:
    if args.output == "-" and args.json:
        raise CommandError("--json cannot be used with -o - (the stream is on stdout)")
    if args.seconds is not None and not 0 < args.seconds < float("inf"):
        raise CommandError(f"--seconds must be positive, not {args.seconds}")
    if args.max_bytes is not None and args.max_bytes < 1:
        raise CommandError(f"--max-bytes must be positive, not {args.max_bytes}")

    def action(device: Device) -> int:
        with device.live(args.channel, stream=args.stream) as live:  # before the file is made
            _note(
                args, f"live: channel {live.channel} ({args.stream}) of {args.host}; Ctrl-C to stop"
            )
            if args.output == "-":
                written = _write(args, live, sys.stdout.buffer)
            else:
                with open(args.output, "wb") as out:
                    written = _write(args, live, out)
            dropped = live.dropped
        if args.json:
            print_json({"ok": True, "output": args.output, "bytes": written, "dropped": dropped})
        elif written >= 0:
            _note(args, f"wrote {written} bytes to {args.output} ({dropped} packet(s) dropped)")
        return EXIT_OK

    return run_on_device(args, "live", action, extra={"channel": args.channel})


COMMAND = Command(
    "live",
    "copy a channel's raw live stream to a file or stdout (-o -, for | ffplay -)",
    _configure,
    _run,
)
