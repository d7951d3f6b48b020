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
from typing import TYPE_CHECKING, Any, BinaryIO

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
    print_json,
    read_password,
    sdk_spec,
)
from ._failures import load_failure, report

if TYPE_CHECKING:
    from ..device import Device
    from ..stream import LiveStream


def device_options(parser: argparse.ArgumentParser) -> None:
    """HOST, --port, --user, --channel: the options of a command on one device's channel."""
    parser.add_argument("host", help="the device's IP address (or a resolvable host name)")
    parser.add_argument("--port", type=port_number, default=8000, help="SDK port (default: 8000)")
    parser.add_argument("--user", default="admin", help="user name (default: admin)")
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


def run_on_device(
    args: argparse.Namespace, name: str, action: Any, extra: dict[str, Any] | None = None
) -> int:
    """Log into ``args.host`` and run ``action(device)``; failures reported as every command
    reports them. The with blocks close what was opened, log out and clean up (also on
    Ctrl-C, which main turns into 130)."""
    spec = sdk_spec(args)
    password = read_password(f"Password for {args.user}@{args.host}:{args.port}: ")
    target = {"host": args.host, "port": args.port, "user": args.user, **(extra or {})}
    try:
        sdk = open_sdk(spec)
    except OSError as exc:  # SDKLoadError, or the simulator's cache
        return load_failure(exc, args.json, target, name, spec)
    try:
        with sdk:
            device = sdk.login(args.host, args.port, username=args.user, password=password)
            del password
            with device:
                result: int = action(device)
                return result
    except (TypeError, ValueError) as exc:  # an argument the API refuses (a channel, a host)
        raise CommandError(str(exc)) from None
    except (errors.HCNetSDKError, errors.SDKLoadError, errors.HostResolutionError) as exc:
        return report(exc, command=name, as_json=args.json, extra=target, spec=spec)


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

    return run_on_device(args, "live", action, {"channel": args.channel})


COMMAND = Command(
    "live",
    "copy a channel's raw live stream to a file or stdout (-o -, for | ffplay -)",
    _configure,
    _run,
)
