"""``hcnetsdk login HOST``: log into a device and print what it reported (or the failure, with
its code, what to catch it as, and hints).

The password comes from ``HCNETSDK_PASSWORD``, else a prompt on a terminal
(``hcnetsdk.password_from_env``, the same rule as the examples': a variable set but empty is an
error of its own, never taken as unset); it is never a command-line argument and never printed.
Exit status 0 logged in (and out again), 1 the SDK (or the name server) refused or the SDK cannot
be loaded, 2 a usage error (no password, a bad argument).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .. import errors
from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    PASSWORD_ENV,
    Command,
    CommandError,
    add_json_option,
    add_sdk_options,
    device_dict,
    device_lines,
    echo,
    error_dict,
    error_lines,
    open_sdk,
    port_number,
    print_json,
    read_password,
    sdk_spec,
)
from ._failures import load_failure, report

if TYPE_CHECKING:
    from ..sdk import HCNetSDK


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    from .._convert import seconds_to_ms  # the API's own rule (imported here: it loads ctypes)

    try:
        seconds_to_ms("seconds", value)
    except (TypeError, ValueError) as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("host", help="the device's IP address (or a resolvable host name)")
    parser.add_argument("--port", type=port_number, default=8000, help="SDK port (default: 8000)")
    parser.add_argument("--user", default="admin", help="user name (default: admin)")
    parser.add_argument(
        "--connect-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="how long connecting may take (NET_DVR_SetConnectTime)",
    )
    parser.add_argument(
        "--recv-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="how long to wait for the device's reply (NET_DVR_SetRecvTimeOut; SDK default 5)",
    )
    parser.add_argument("--https", action="store_true", help="log in over TLS")
    add_json_option(parser)
    add_sdk_options(parser, top_level=False)
    parser.epilog = (
        f"The password is read from ${PASSWORD_ENV}, else prompted for on a terminal; it is "
        "never a command-line argument and never printed."
    )


def _run(args: argparse.Namespace) -> int:
    spec = sdk_spec(args)
    password = read_password(f"Password for {args.user}@{args.host}:{args.port}: ")
    target = {"host": args.host, "port": args.port, "user": args.user}
    try:
        sdk = open_sdk(spec)
    except OSError as exc:  # SDKLoadError, or the simulator's cache
        return load_failure(exc, args.json, target, "login", spec)
    try:
        with sdk:
            return _login(sdk, args, password, target)
    except errors.SDKLoadError as exc:  # refused before NET_DVR_Init (e.g. SDKPathError)
        return load_failure(exc, args.json, target, "login", spec)
    except errors.HCNetSDKError as exc:  # NET_DVR_Init or a setting failed
        return report(exc, command="login", as_json=args.json, extra=target, spec=spec)
    finally:
        del password


def _login(sdk: HCNetSDK, args: argparse.Namespace, password: str, target: dict[str, Any]) -> int:
    if args.connect_timeout is not None:
        sdk.set_connect_timeout(args.connect_timeout)
    if args.recv_timeout is not None:
        sdk.set_recv_timeout(args.recv_timeout)
    try:
        device = sdk.login(
            args.host, args.port, username=args.user, password=password, https=args.https
        )
    except (errors.HCNetSDKError, errors.HostResolutionError) as exc:
        if args.json:
            print_json({**target, "ok": False, "error": error_dict(exc)})
        else:
            print(f"Login to {args.user}@{args.host}:{args.port} failed.\n", file=sys.stderr)
            for line in error_lines(exc):
                print(line, file=sys.stderr)
        return EXIT_FAILED
    except (TypeError, ValueError) as exc:  # an argument the API refuses (e.g. a host form)
        raise CommandError(str(exc)) from None
    finally:
        del password
    with device:
        info = device.info
        if args.json:
            print_json(
                {
                    **target,
                    "ok": True,
                    "address": device.address,
                    "sdk_version": str(sdk.version),
                    "device": device_dict(info),
                }
            )
        else:
            where = f"{args.user}@{args.host}:{args.port}"
            echo(f"Logged in to {where} (SDK {sdk.version}, {sdk.source})")
            for line in device_lines(info):
                echo(line)
    return EXIT_OK


COMMAND = Command("login", "log into a device and print what it reports", _configure, _run)
