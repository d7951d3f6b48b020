#!/usr/bin/env python3
"""Move a PTZ camera and use its presets.

    python examples/ptz.py --simulator
    HCNETSDK_PASSWORD=... python examples/ptz.py 192.168.1.64 --channel 1 --preset 2

It pans right for ``--seconds`` inside ``ptz.moving(...)`` (which always stops the camera, also
on Ctrl-C or an error), stores the position as ``--preset``, turns left, then goes back to the
preset. Exit status: 0, 1 when the SDK fails, 2 bad arguments, 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

import hcnetsdk

SIMULATED_HOST = "127.0.0.1"
SIMULATED_PORT = 8001  # a simulated camera
SIMULATED_PASSWORD = "12345"


def tour(ptz: hcnetsdk.Ptz, preset: int, seconds: float, speed: int) -> None:
    with ptz.moving(pan=1, speed=speed):
        print(f"channel {ptz.channel}: panning right for {seconds:g} s")
        time.sleep(seconds)
    ptz.set_preset(preset)
    print(f"stored preset {preset}")
    with ptz.moving(pan=-1, tilt=1, speed=speed):
        time.sleep(seconds)
    ptz.goto_preset(preset)
    print(f"back at preset {preset}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host", nargs="?", help="the camera (default with --simulator: one)")
    parser.add_argument("--port", type=int, default=None, help="SDK port (default: 8000)")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--channel", type=int, default=None, help="default: the first")
    parser.add_argument("--preset", type=int, default=1, help="1..300 (default: 1)")
    parser.add_argument("--speed", type=int, default=4, help="1..7 (default: 4)")
    parser.add_argument("--seconds", type=float, default=0.5, help="length of each movement")
    parser.add_argument("--simulator", action="store_true", help="use the simulated SDK")
    parser.add_argument("--library", help="the SDK folder or library file (else HCNETSDK_LIB)")
    args = parser.parse_args(argv)
    if args.host is None:
        if not args.simulator:
            parser.error("give a HOST, or --simulator")
        args.host, args.port = SIMULATED_HOST, args.port or SIMULATED_PORT
    try:
        if args.simulator:
            password = SIMULATED_PASSWORD
        else:
            password = hcnetsdk.password_from_env(prompt=f"Password for {args.user}: ")
        with hcnetsdk.HCNetSDK("simulator" if args.simulator else args.library) as sdk:
            port = args.port or 8000
            with sdk.login(args.host, port, username=args.user, password=password) as device:
                tour(device.ptz(args.channel), args.preset, args.seconds, args.speed)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (hcnetsdk.PasswordUnavailableError, ValueError, TypeError) as exc:
        print(f"ptz.py: {exc}", file=sys.stderr)
        return 2
    except (hcnetsdk.HCNetSDKError, hcnetsdk.SDKLoadError, OSError) as exc:
        print(f"ptz.py: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
