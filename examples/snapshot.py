#!/usr/bin/env python3
"""Take a JPEG picture of every channel of a device (or of the ones named) into a folder.

    python examples/snapshot.py --simulator                  # the simulated NVR: channels 33-40
    HCNETSDK_PASSWORD=... python examples/snapshot.py 192.168.1.64 --channel 33 --channel 34
    python examples/snapshot.py 192.168.1.64 --output /tmp/pictures --library /opt/hcnetsdk/lib

It lists the channels first (their names, and whether IP channels are online), skips IP channels
that are offline, and writes ``<folder>/<host>-ch<N>.jpg`` for each of the others, atomically: a
picture that fails (an SDK error, or an answer that is not a JPEG) is reported and the next
channel is tried. The password comes from HCNETSDK_PASSWORD, else a prompt (with --simulator,
the simulator's password 12345). Exit status: 0 every picture taken, 1 some failed or the login
failed, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import hcnetsdk

SIMULATOR_HOST = "127.0.0.1"
SIMULATOR_PASSWORD = "12345"  # the simulated devices' password (see the README)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Snapshot the channels of a device.")
    parser.add_argument(
        "host", nargs="?", help=f"device IP address (default with --simulator: {SIMULATOR_HOST})"
    )
    parser.add_argument("--port", type=int, default=8000, help="SDK port (default: 8000)")
    parser.add_argument("--user", default="admin", help="user name (default: admin)")
    parser.add_argument(
        "--channel",
        type=int,
        action="append",
        help="a channel to snapshot (repeatable; default: every channel)",
    )
    parser.add_argument(
        "--output", type=Path, default=Path("snapshots"), help="folder (default: ./snapshots)"
    )
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
    if simulator and "HCNETSDK_PASSWORD" not in os.environ:
        return SIMULATOR_PASSWORD
    return hcnetsdk.password_from_env(prompt="Password: ")


def snapshot_channels(device: hcnetsdk.Device, wanted: list[int] | None, folder: Path) -> int:
    """Snapshot the channels; returns how many failed."""
    failed = 0
    for channel in device.channels():  # one round trip per channel: names, online states
        if wanted is not None and channel.number not in wanted:
            continue
        label = f"channel {channel.number} ({channel.name})"
        if channel.online is False:
            print(f"{label}: offline, skipped")
            continue
        target = folder / f"{device.host}-ch{channel.number}.jpg"
        try:
            device.snapshot_to(target, channel.number)
        except hcnetsdk.SnapshotError as exc:  # the device answered, but not with a JPEG
            print(f"{label}: {exc}", file=sys.stderr)
            failed += 1
        except hcnetsdk.HCNetSDKError as exc:  # the SDK's failure, typed by its code
            print(f"{label}: {type(exc).__name__}: {exc}", file=sys.stderr)
            failed += 1
        else:
            print(f"{label}: {target} ({target.stat().st_size} bytes)")
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        password = get_password(args.simulator)
    except hcnetsdk.PasswordUnavailableError as exc:
        print(f"snapshot.py: {exc}", file=sys.stderr)
        return 2
    args.output.mkdir(parents=True, exist_ok=True)
    library = "simulator" if args.simulator else args.library  # None: HCNETSDK_LIB or search
    with hcnetsdk.HCNetSDK(library) as sdk:
        try:
            device = sdk.login(args.host, args.port, username=args.user, password=password)
        except hcnetsdk.HCNetSDKError as exc:
            print(f"login failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        with device:
            numbers = device.info.channel_numbers
            for number in args.channel or ():
                if number not in numbers:  # the same check snapshot() makes, said up front
                    print(f"snapshot.py: no channel {number} on this device", file=sys.stderr)
                    return 2
            return 1 if snapshot_channels(device, args.channel, args.output) else 0


if __name__ == "__main__":
    sys.exit(main())
