#!/usr/bin/env python3
"""Log into many devices at once from a thread pool, and report each one.

    python examples/many_devices.py --simulator        # the simulated site: an NVR, 4 cameras
    python examples/many_devices.py --simulator 127.0.0.1:8000 127.0.0.1:9000
    HCNETSDK_PASSWORD=... python examples/many_devices.py 192.168.1.64 192.168.1.65:8001

Devices are HOST or HOST:PORT (port 8000 by default; IPv6 as [::1]:8000); for a list in a file,
``$(grep -v '^#' devices.txt)``. One password for all: HCNETSDK_PASSWORD, else a prompt (with
--simulator, the simulated site's 12345). One HCNetSDK object is shared by every thread: the
logins run in parallel and each thread gets the exception of its own failure.
Exit status: 0 every device logged in, 1 any failed, 2 bad arguments or no password.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import hcnetsdk

SIMULATED_SITE = [("127.0.0.1", port) for port in range(8000, 8005)]  # see the README
SIMULATOR_PASSWORD = "12345"


def parse_device(text: str) -> tuple[str, int]:
    """HOST, HOST:PORT, [IPv6] or [IPv6]:PORT."""
    host, port, rest = text, "8000", ""
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or rest[:1] not in ("", ":"):
            host = ""
        port = rest[1:] or port
    elif text.count(":") == 1:
        host, port = text.split(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"bad device address {text!r} (expected HOST[:PORT])")
    return host, int(port)


def log_in(sdk: hcnetsdk.HCNetSDK, device: tuple[str, int], user: str, password: str) -> str:
    """ "OK ..." or "FAILED ..." for one device; runs on a worker thread."""
    host, port = device
    try:
        with sdk.login(host, port, username=user, password=password) as session:
            info = session.info
            channels = f"{info.analog_channels} analog, {info.ip_channels} IP"
            return f"OK      serial {info.serial_number}, channels: {channels}"
    except hcnetsdk.HCNetSDKError as exc:  # the SDK's error code, this thread's own
        return f"FAILED  {type(exc).__name__} ({exc.code} {exc.name})"
    except (hcnetsdk.HostResolutionError, ValueError) as exc:  # an unknown name, a bad address
        return f"FAILED  {type(exc).__name__} ({exc})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Log into many devices concurrently.")
    site = "default with --simulator: the simulated site, 127.0.0.1 ports 8000-8004"
    parser.add_argument("devices", nargs="*", type=parse_device, metavar="HOST[:PORT]", help=site)
    parser.add_argument("--user", default="admin", help="user name (default: admin)")
    parser.add_argument("--workers", type=int, default=8, help="parallel logins (default: 8)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--simulator", action="store_true", help="use the simulated SDK")
    where.add_argument("--library", metavar="PATH", help="the SDK folder or library file")
    args = parser.parse_args(argv)
    devices = args.devices or (SIMULATED_SITE if args.simulator else [])
    if not devices:
        parser.error("give the devices' HOST[:PORT] (or --simulator)")
    if not 1 <= args.workers <= 256:
        parser.error("--workers must be between 1 and 256")
    try:
        if args.simulator and "HCNETSDK_PASSWORD" not in os.environ:
            password = SIMULATOR_PASSWORD
        else:
            password = hcnetsdk.password_from_env(prompt="Password (for every device): ")
    except hcnetsdk.PasswordUnavailableError as exc:
        print(f"many_devices.py: {exc}", file=sys.stderr)
        return 2

    names = [f"[{host}]:{port}" if ":" in host else f"{host}:{port}" for host, port in devices]
    width = max(map(len, names))
    failures: Counter[str] = Counter()
    with hcnetsdk.HCNetSDK("simulator" if args.simulator else args.library) as sdk:
        sdk.set_connect_timeout(3)
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            outcomes = pool.map(lambda device: log_in(sdk, device, args.user, password), devices)
            for name, outcome in zip(names, outcomes):  # in the order given, as they finish
                print(f"{name:<{width}}  {outcome}", flush=True)
                if outcome.startswith("FAILED"):
                    failures[outcome.split()[1]] += 1
    summary = f"{len(devices) - sum(failures.values())} of {len(devices)} devices logged in"
    if failures:
        kinds = ", ".join(f"{name}: {count}" for name, count in failures.most_common())
        summary += f"; {sum(failures.values())} failed ({kinds})"
    print(summary)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
