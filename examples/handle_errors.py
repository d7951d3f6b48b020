#!/usr/bin/env python3
"""Catching hcnetsdk's exceptions: by specific class, by category, by Python builtin.

    python examples/handle_errors.py --simulator        # a tour of typed failures, no device
    HCNETSDK_PASSWORD=... python examples/handle_errors.py 192.168.1.64 --user admin

Every SDK error code raises its own class (``PasswordError`` for 1, ``UserLockedError`` for
153, ``NetworkFailConnectError`` for 7, ...). Each class also derives from categories
(``AuthenticationError``, ``NetworkError``, ...) and, where one fits, a Python builtin
(``ConnectionError``, ``TimeoutError``, ``PermissionError``), so you catch as broadly or as
narrowly as you need. Order the ``except`` clauses from specific to general.

With --simulator the script logs into the simulated site several times: the right password,
five wrong ones (the camera then locks the account), the right one on the locked account, and an
address with no device. (A device that does not answer in time raises ``TimeoutError``; the
simulated site has none, so the tour cannot show that branch of the ladder.) With a HOST it logs
in once, with the password from HCNETSDK_PASSWORD, else a prompt (with --simulator, the
simulated site's). Exit status: 0 when every outcome was handled, 1 when the real login failed,
2 bad arguments or no password.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import hcnetsdk

SIMULATED_HOST, SIMULATED_USER, SIMULATED_PASSWORD = "127.0.0.1", "admin", "12345"  # see README


def try_login(sdk: hcnetsdk.HCNetSDK, host: str, port: int, user: str, password: str) -> str:
    """Log in and out; return what happened, in words. The except ladder is the point."""
    try:
        with sdk.login(host, port, username=user, password=password) as device:
            return f"OK: logged in, serial {device.info.serial_number}"
    # 1. A specific class: exactly one error code, with its own details.
    except hcnetsdk.PasswordError as exc:  # code 1
        left = "unknown" if exc.attempts_left is None else exc.attempts_left
        return f"PasswordError: wrong user name or password (attempts left: {left})"
    except hcnetsdk.UserLockedError as exc:  # code 153
        return f"UserLockedError: account locked for {exc.lock_seconds} s; wait or unlock it"
    # 2. A category: several codes that call for the same reaction.
    except hcnetsdk.AuthenticationError as exc:  # other refusals of the credentials
        return f"AuthenticationError: {exc.name} ({exc.code})"
    # 3. A Python builtin: code that knows nothing about hcnetsdk can still catch these.
    except TimeoutError as exc:  # NetworkTimeoutError (10, ...), DeviceTimeoutError (14, ...)
        code = exc.code if isinstance(exc, hcnetsdk.HCNetSDKError) else None
        return f"TimeoutError ({type(exc).__name__}, code {code}): no answer in time; retry later"
    except ConnectionError as exc:  # ConnectionFailedError: 7, 8, 9, 73, ...
        code = exc.code if isinstance(exc, hcnetsdk.HCNetSDKError) else None
        return f"ConnectionError ({type(exc).__name__}, code {code}): is the device online?"
    # 4. The base class: anything else the SDK reports. Never without a code.
    except hcnetsdk.HCNetSDKError as exc:
        return f"HCNetSDKError {exc.code} {exc.name}: {exc.description}"


def simulator_tour(sdk: hcnetsdk.HCNetSDK) -> int:
    good = SIMULATED_PASSWORD
    cases = [
        ("right password", 8000, good),
        *[(f"wrong password, {n} of 5", 8003, "not-the-password") for n in range(1, 6)],
        ("right password, account locked", 8003, good),
        ("no device at this address", 9000, good),
    ]
    for label, port, password in cases:
        outcome = try_login(sdk, SIMULATED_HOST, port, SIMULATED_USER, password)
        print(f"{label:<32} {SIMULATED_HOST}:{port}  ->  {outcome}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Catching hcnetsdk exceptions by class.")
    parser.add_argument("host", nargs="?", help="a real device to try (omit with --simulator)")
    parser.add_argument("--port", type=int, default=8000, help="SDK port (default: 8000)")
    parser.add_argument("--user", default="admin", help="user name (default: admin)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--simulator", action="store_true", help="tour the simulated site")
    where.add_argument("--library", metavar="PATH", help="the SDK folder or library file")
    args = parser.parse_args(argv)
    if args.host is None and not args.simulator:
        parser.error("give the device's HOST (or --simulator)")
    try:  # with --simulator, the simulated site's password unless HCNETSDK_PASSWORD is set
        if args.simulator and "HCNETSDK_PASSWORD" not in os.environ:
            password = SIMULATED_PASSWORD
        else:
            password = hcnetsdk.password_from_env(prompt="Password: ")
    except hcnetsdk.PasswordUnavailableError as exc:
        print(f"handle_errors.py: {exc}", file=sys.stderr)
        return 2

    try:
        sdk = hcnetsdk.HCNetSDK("simulator" if args.simulator else args.library)
    except hcnetsdk.SDKLoadError as exc:  # SDKNotFoundError, SDKArchitectureError, ...
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    with sdk:
        if args.host is None:
            return simulator_tour(sdk)
        outcome = try_login(sdk, args.host, args.port, args.user, password)
        print(f"{args.host}:{args.port}  ->  {outcome}")
        return 0 if outcome.startswith("OK") else 1


if __name__ == "__main__":
    sys.exit(main())
