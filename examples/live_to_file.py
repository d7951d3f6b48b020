#!/usr/bin/env python3
"""Copy a channel's raw live stream into a file (or stdout, for ``| ffplay -``).

    python examples/live_to_file.py --simulator -o live.ps --seconds 3
    HCNETSDK_PASSWORD=... python examples/live_to_file.py 192.168.1.64 --channel 1 -o cam1.ps
    HCNETSDK_PASSWORD=... python examples/live_to_file.py 192.168.1.64 -o - | ffplay -

The stream comes through the SDK's own connection (port 8000), not decoded: the system header,
then the device's stream (usually MPEG-PS, which ffmpeg and ffplay read). It also prints the RTSP
address of the same channel, for those who prefer OpenCV or ffmpeg on RTSP. Exit status: 0, 1
when the SDK fails, 2 bad arguments, 130 on Ctrl-C (the stream is stopped and the device logged
out first).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import hcnetsdk

SIMULATED_HOST = "127.0.0.1"
SIMULATED_PASSWORD = "12345"  # the simulated devices' password


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host", nargs="?", help="the device (default with --simulator: the NVR)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--channel", type=int, default=None, help="default: the first")
    parser.add_argument("--stream", choices=("main", "sub", "third"), default="main")
    parser.add_argument(
        "-o", "--output", default="live.ps", help="a file, or - for stdout (default: live.ps)"
    )
    parser.add_argument("--seconds", type=float, default=None, help="stop after this long")
    parser.add_argument("--simulator", action="store_true", help="use the simulated SDK")
    parser.add_argument("--library", help="the SDK folder or library file (else HCNETSDK_LIB)")
    args = parser.parse_args(argv)
    if args.host is None:
        if not args.simulator:
            parser.error("give a HOST, or --simulator")
        args.host = SIMULATED_HOST
    # Messages go to stderr: with -o - the stream is the only thing on stdout.
    say = sys.stderr if args.output == "-" else sys.stdout
    try:
        if args.simulator:
            password = SIMULATED_PASSWORD
        else:
            password = hcnetsdk.password_from_env(prompt=f"Password for {args.user}: ")
        with hcnetsdk.HCNetSDK("simulator" if args.simulator else args.library) as sdk:
            device = sdk.login(args.host, args.port, username=args.user, password=password)
            with device, device.live(args.channel, stream=args.stream) as live:
                print(f"RTSP of the same: {device.rtsp_url(live.channel, args.stream)}", file=say)
                print(f"copying channel {live.channel}; Ctrl-C to stop", file=say)
                target = sys.stdout.buffer if args.output == "-" else args.output
                written = live.write_to(target, seconds=args.seconds)
                print(f"{written} bytes written, {live.dropped} packet(s) dropped", file=say)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader (ffplay) went away
        return 0
    except hcnetsdk.PasswordUnavailableError as exc:
        print(f"live_to_file.py: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # a channel the device does not have
        print(f"live_to_file.py: {exc}", file=sys.stderr)
        return 2
    except (hcnetsdk.HCNetSDKError, hcnetsdk.SDKLoadError, OSError) as exc:
        print(f"live_to_file.py: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
