"""Search a recorder's archive and download a recording, with progress.

With a device: list the recordings of a channel between two times and download them by time to
a file, printing the progress; Ctrl-C cancels and removes the partial file::

    HCNETSDK_PASSWORD=... python examples/download.py 192.168.1.64 --channel 33 \\
        --from 2024-03-10T08:00 --to 2024-03-10T08:10 -o clip.mp4

With --simulator and no host: the simulated NVR (channels 33-40), yesterday 08:00 to 08:10;
then its locked recording of that day is downloaded by name beside the file.

Times without an offset are the device's local time. Exit status: 0, 1 when the SDK or the
download fails, 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import hcnetsdk

SIMULATED_HOST = "127.0.0.1"
SIMULATED_NVR_PORT = 8000
SIMULATED_USER = "admin"
SIMULATED_NVR_PASSWORD = "12345"


def show_progress(percent: int) -> None:
    """The progress callable: runs on the thread in ``wait()`` (here the main thread)."""
    print(f"\r  {percent:3d}%", end="\n" if percent == 100 else "", flush=True)


def run(args: argparse.Namespace) -> None:
    if args.host is None:
        host, port, user, password = (
            SIMULATED_HOST,
            SIMULATED_NVR_PORT,
            SIMULATED_USER,
            SIMULATED_NVR_PASSWORD,
        )
    else:
        host, port, user = args.host, args.port, args.user
        password = hcnetsdk.password_from_env(prompt=f"Password for {user}@{host}: ")
    with hcnetsdk.HCNetSDK("simulator" if args.simulator else args.library) as sdk:
        device = sdk.login(host, port, username=user, password=password)
        with device:
            found = list(device.recordings(args.channel, args.start, args.end))
            print(f"{len(found)} recording(s) on channel {args.channel}:")
            for recording in found:
                lock = " (locked)" if recording.locked else ""
                print(
                    f"  {recording.name}  {recording.start:%Y-%m-%d %H:%M:%S} .. "
                    f"{recording.end:%H:%M:%S}  {recording.size} bytes  {recording.kind}{lock}"
                )
            print(f"downloading {args.start} .. {args.end} to {args.output}")
            with device.download(
                args.output,
                channel=args.channel,
                start=args.start,
                end=args.end,
                progress=show_progress,
                overwrite=args.overwrite,
            ) as download:
                path = download.wait()
            print(f"wrote {path.stat().st_size} bytes to {path}")
            if args.host is None:  # the simulator: one file of the day by name too
                day = args.start.replace(hour=0, minute=0, second=0)
                [locked] = device.recordings(
                    args.channel, day, day + dt.timedelta(days=1), locked=True
                )
                target = Path(args.output).with_name(f"{locked.name}.mp4")
                print(f"downloading {locked.name} to {target}")
                with device.download(
                    target, recording=locked, progress=show_progress, overwrite=True
                ) as download:
                    download.wait()
                print(f"wrote {target.stat().st_size} bytes to {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host", nargs="?", help="the recorder (default with --simulator: none)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--channel", type=int, default=33, help="channel (default 33)")
    parser.add_argument("--from", dest="start", type=dt.datetime.fromisoformat, default=None)
    parser.add_argument("--to", dest="end", type=dt.datetime.fromisoformat, default=None)
    parser.add_argument("-o", "--output", default="recording.mp4", help="file to write")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing file")
    parser.add_argument("--simulator", action="store_true", help="use the simulated SDK")
    parser.add_argument("--library", help="the SDK folder or library file (else HCNETSDK_LIB)")
    args = parser.parse_args(argv)
    if args.host is None and not args.simulator:
        parser.error("give a HOST, or --simulator")
    if args.start is None or args.end is None:
        if args.host is not None:
            parser.error("give --from and --to")
        yesterday = dt.datetime.now().replace(hour=8, minute=0, second=0, microsecond=0)
        args.start = yesterday - dt.timedelta(days=1)
        args.end = args.start + dt.timedelta(minutes=10)
    try:
        run(args)
    except KeyboardInterrupt:
        print("\ninterrupted: the download was cancelled", file=sys.stderr)
        return 130
    except (TypeError, ValueError) as exc:  # a channel or time range the API refused
        print(f"download.py: {exc}", file=sys.stderr)
        return 2
    except (
        hcnetsdk.HCNetSDKError,
        hcnetsdk.SDKLoadError,
        hcnetsdk.DownloadAbortedError,
        hcnetsdk.RecordingSearchError,
        OSError,
    ) as exc:
        print(f"download.py: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
