#!/usr/bin/env python3
"""Log into many devices at once with a thread pool; report each device's result.

    python examples/many_devices.py --simulator 127.0.0.1:8000 127.0.0.1:8001 127.0.0.1:9000
    HCNETSDK_PASSWORD=... python examples/many_devices.py --file devices.txt --workers 16

Devices are ``host[:port]`` (port 8000 by default; IPv6 as ``[::1]:8000``), as arguments or one
per line of --file (blank lines and ``#`` comments are skipped). One password for all, from
HCNETSDK_PASSWORD, else a prompt (with --simulator, the simulator's password 12345).

One HCNetSDK object is shared by all threads: that is safe, logins run in parallel (ctypes
releases the GIL during SDK calls), and each thread gets the exception of its own failure.
For lists longer than 10, a progress line goes to stderr (rewritten in place on a terminal).
Exit status: 0 all devices logged in, 1 any failed, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import threading
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import NamedTuple

import hcnetsdk

SIMULATOR_PASSWORD = "12345"
LONG_LIST = 10  # show progress for more devices than this


class Target(NamedTuple):
    host: str
    port: int

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


class Result(NamedTuple):
    target: Target
    ok: bool
    text: str  # "serial ..., N channels" or "ErrorClass (code)"
    error_class: str | None


def parse_target(text: str) -> Target:
    """``host``, ``host:port``, ``[v6]`` or ``[v6]:port``; raises ValueError."""
    value = text.strip()
    host, port = value, "8000"
    if value.startswith("["):
        host, sep, rest = value[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            raise ValueError(f"bad device address: {text!r}")
        port = rest[1:] or "8000"
    elif value.count(":") == 1:
        host, port = value.split(":")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"bad device address: {text!r} (expected host[:port])")
    return Target(host, int(port))


def read_targets(args: argparse.Namespace) -> list[Target]:
    lines = list(args.devices)
    if args.file:
        with open(args.file, encoding="utf-8") as f:
            lines += [line.split("#", 1)[0] for line in f]
    return [parse_target(line) for line in lines if line.strip()]


def login_one(sdk: hcnetsdk.HCNetSDK, target: Target, user: str, password: str) -> Result:
    try:
        with sdk.login(target.host, target.port, username=user, password=password) as device:
            info = device.info
            channels = info.analog_channels + info.ip_channels
            return Result(target, True, f"serial {info.serial_number}, {channels} channels", None)
    except hcnetsdk.HCNetSDKError as exc:  # each thread sees its own failure
        name = type(exc).__name__
        return Result(target, False, f"{name} ({exc.code} {exc.name})", name)
    except ValueError as exc:  # e.g. a host name that does not resolve
        return Result(target, False, f"ValueError ({exc})", "ValueError")


class Progress:
    """``[12/64] host:port OK`` on stderr: rewritten in place on a terminal, else every 10%."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.enabled = total > LONG_LIST
        self.tty = sys.stderr.isatty()
        self.step = max(1, total // 10)
        self.lock = threading.Lock()

    def update(self, result: Result) -> None:
        with self.lock:
            self.done += 1
            if not self.enabled:
                return
            line = f"[{self.done}/{self.total}] {result.target} {'OK' if result.ok else 'failed'}"
            if self.tty:
                sys.stderr.write(f"\r\x1b[K{line}")
                if self.done == self.total:
                    sys.stderr.write("\n")
            elif self.done % self.step == 0 or self.done == self.total:
                sys.stderr.write(line + "\n")
            sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Log into many devices concurrently.")
    parser.add_argument("devices", nargs="*", metavar="HOST[:PORT]", help="devices to log into")
    parser.add_argument("--file", help="a file with one HOST[:PORT] per line")
    parser.add_argument("--user", default="admin", help="user name (default: admin)")
    parser.add_argument("--workers", type=int, default=8, help="parallel logins (default: 8)")
    parser.add_argument("--connect-timeout", type=float, default=3.0, help="seconds (default 3)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--simulator", action="store_true", help="use the simulated SDK")
    where.add_argument("--library", metavar="PATH", help="the SDK folder or library file")
    args = parser.parse_args(argv)
    if not 1 <= args.workers <= 256:
        parser.error("--workers must be between 1 and 256")
    if args.connect_timeout <= 0:
        parser.error("--connect-timeout must be positive")
    try:
        targets = read_targets(args)
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    if not targets:
        parser.error("no devices: give HOST[:PORT] arguments or --file")

    password = os.environ.get("HCNETSDK_PASSWORD") or (SIMULATOR_PASSWORD if args.simulator else "")
    if not password and sys.stdin.isatty():
        password = getpass.getpass("Password (for every device): ")
    if not password:
        print("many_devices.py: set HCNETSDK_PASSWORD or run in a terminal", file=sys.stderr)
        return 2

    results: dict[Target, Result] = {}
    progress = Progress(len(targets))
    with hcnetsdk.HCNetSDK("simulator" if args.simulator else args.library) as sdk:
        sdk.set_connect_timeout(args.connect_timeout)
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            futures = [pool.submit(login_one, sdk, t, args.user, password) for t in targets]
            for future in as_completed(futures):
                result = future.result()
                results[result.target] = result
                progress.update(result)

    width = max(len(str(t)) for t in targets)
    for target in dict.fromkeys(targets):  # input order, duplicates once
        result = results[target]
        print(f"{target!s:<{width}}  {'OK    ' if result.ok else 'FAILED'}  {result.text}")
    failed = Counter(r.error_class for r in results.values() if not r.ok)
    ok_count = sum(r.ok for r in results.values())
    summary = f"{ok_count} of {len(results)} devices logged in"
    if failed:
        kinds = ", ".join(f"{name}: {count}" for name, count in failed.most_common())
        summary += f"; {sum(failed.values())} failed ({kinds})"
    print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
