#!/usr/bin/env python3
"""Log into one device and print what it reported.

    python examples/login.py --simulator                 # the simulated NVR, no device needed
    HCNETSDK_PASSWORD=... python examples/login.py 192.168.1.64 --user admin
    python examples/login.py 192.168.1.64 --library /opt/hcnetsdk/lib   # prompts for the password

The password comes from the HCNETSDK_PASSWORD environment variable, else a prompt (with
--simulator, the simulator's password 12345). Exit status: 0 logged in, 1 the login failed,
2 bad arguments.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import hcnetsdk

SIMULATOR_HOST = "127.0.0.1"
SIMULATOR_PASSWORD = "12345"  # the simulated devices' password (see the README)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Log into a device and print its information.")
    parser.add_argument(
        "host", nargs="?", help=f"device IP address (default with --simulator: {SIMULATOR_HOST})"
    )
    parser.add_argument("--port", type=int, default=8000, help="SDK port (default: 8000)")
    parser.add_argument("--user", default="admin", help="user name (default: admin)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--simulator", action="store_true", help="use the simulated SDK")
    where.add_argument("--library", metavar="PATH", help="the SDK folder or library file")
    args = parser.parse_args(argv)
    if args.host is None:
        if not args.simulator:
            parser.error("give the device's HOST (or --simulator)")
        args.host = SIMULATOR_HOST
    return args


def get_password(simulator: bool) -> str:
    """HCNETSDK_PASSWORD, else the simulator's password with --simulator, else a prompt on a
    terminal; raises hcnetsdk.PasswordUnavailableError (saying why) when there is none."""
    if simulator and "HCNETSDK_PASSWORD" not in os.environ:
        return SIMULATOR_PASSWORD
    return hcnetsdk.password_from_env(prompt="Password: ")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        password = get_password(args.simulator)
    except hcnetsdk.PasswordUnavailableError as exc:
        print(f"login.py: {exc}", file=sys.stderr)
        return 2
    library = "simulator" if args.simulator else args.library  # None: HCNETSDK_LIB or search

    with hcnetsdk.HCNetSDK(library) as sdk:
        print(f"SDK {sdk.version} from {sdk.library_path}")
        try:
            device = sdk.login(args.host, args.port, username=args.user, password=password)
        except hcnetsdk.HCNetSDKError as exc:
            # str(exc): "NET_DVR_PASSWORD_ERROR (1) in NET_DVR_Login_V40: user name or ..."
            print(f"login failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            if exc.hints is not None and exc.hints.solutions:
                print(f"try: {exc.hints.solutions[0]}", file=sys.stderr)
            return 1
        with device:  # logs out at the end of the block
            info = device.info
            print(f"logged in to {args.user}@{args.host}:{args.port}")
            print(f"  serial number:   {info.serial_number}")
            print(f"  device type:     {info.device_type}")
            print(f"  analog channels: {info.analog_channels} (first {info.start_channel})")
            print(f"  IP channels:     {info.ip_channels} (first {info.start_ip_channel})")
            print(f"  disks:           {info.disks}")
            if info.password_level == hcnetsdk.PasswordLevel.DEFAULT:
                print("  warning: the device still has its default password: change it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
