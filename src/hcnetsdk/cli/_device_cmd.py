"""What the commands that log into one device and do one thing share (``snapshot``,
``channels``, ``isapi``, ``live``, ``ptz``, ``recordings``, ``download``): the options (HOST,
``--port``, ``--user``), the password from
``HCNETSDK_PASSWORD`` or a prompt (never the command line), and one run: open the SDK, log in,
call ``action(device)``, log out and clean up (also on Ctrl-C), with every failure reported as
the other commands report theirs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import errors
from ._common import (
    EXIT_FAILED,
    CommandError,
    add_json_option,
    add_sdk_options,
    open_sdk,
    port_number,
    print_json,
    read_password,
    sdk_spec,
)
from ._failures import load_failure, report

if TYPE_CHECKING:
    from ..device import Device


def add_host_options(parser: argparse.ArgumentParser) -> None:
    """HOST, ``--port`` and ``--user``."""
    parser.add_argument("host", help="the device's IP address (or a resolvable host name)")
    parser.add_argument("--port", type=port_number, default=8000, help="SDK port (default: 8000)")
    parser.add_argument("--user", default="admin", help="user name (default: admin)")


def add_device_options(parser: argparse.ArgumentParser) -> None:
    """HOST, ``--port``, ``--user``, ``--json`` and where the SDK comes from."""
    add_host_options(parser)
    add_json_option(parser)
    add_sdk_options(parser, top_level=False)


def target(args: argparse.Namespace, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The device as the JSON output names it, with the command's ``extra`` keys."""
    return {"host": args.host, "port": args.port, "user": args.user, **(extra or {})}


_REPORTED: tuple[type[Exception], ...] = (
    errors.HCNetSDKError,
    errors.SDKLoadError,
    errors.HostResolutionError,
)
"""What a command reports as its failure (exit 1) rather than raises."""


def run_on_device(
    args: argparse.Namespace,
    command: str,
    action: Callable[[Device], int],
    *,
    extra: dict[str, Any] | None = None,
    also: tuple[type[Exception], ...] = (),
) -> int:
    """Log in, run ``action(device)`` (its result is the exit status), log out, clean up.

    ``extra`` adds keys to the JSON output's target; ``also`` names further exception classes
    reported as failures (exit 1) rather than raised."""
    spec = sdk_spec(args)
    password = read_password(f"Password for {args.user}@{args.host}:{args.port}: ")
    where = target(args, extra)
    try:
        sdk = open_sdk(spec)
    except OSError as exc:  # SDKLoadError, or the simulator's cache
        return load_failure(exc, args.json, where, command, spec)
    try:
        with sdk:
            device = sdk.login(args.host, args.port, username=args.user, password=password)
            del password
            with device:
                return action(device)
    except (TypeError, ValueError) as exc:  # an argument the API refuses (e.g. a bad channel)
        raise CommandError(str(exc)) from None
    except (*_REPORTED, *also) as exc:
        return report(exc, command=command, as_json=args.json, extra=where, spec=spec)


def fail(args: argparse.Namespace, command: str, exc: Exception, **details: Any) -> int:
    """A failure that is neither an SDK error nor a usage error (e.g. a picture that is not a
    JPEG): one line on stderr, or the JSON object of every failure."""
    if args.json:
        error = {"class": type(exc).__name__, "message": str(exc), **details}
        print_json({**target(args), "ok": False, "error": error})
    else:
        print(f"hcnetsdk {command}: error: {exc}", file=sys.stderr)
    return EXIT_FAILED
