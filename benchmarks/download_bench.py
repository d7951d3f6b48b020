"""The CPU the Python side of a download costs: 4 downloads at once from the simulator.

Each download is waited for on a thread of its own (``Download.wait`` with a ``progress``
callable, as an app or ``hcnetsdk download`` does): that thread is the whole Python side of the
download (it reads ``NET_DVR_GetDownloadPos`` every ``POLL_INTERVAL`` s and calls ``progress``).
The fake's own threads write the files (the real SDK writes them too); they are not counted.

Method: ``time.thread_time()`` read at the start and at the end of each waiting thread (the CPU
time of that thread alone, user + system) divided by its wall time gives the share of one core
the download's Python side used. The starts (``GetFileByTime_V40`` and ``PLAYSTART``) run on the
main thread and are timed apart, per download. The process's whole CPU (``resource.getrusage``)
is reported too, for scale: it includes the fake's writer threads.

Target: under 1 % of one core per download. No target is asserted in the test suite
(``tests/test_benchmarks.py`` only runs ``--quick``).

    .venv/bin/python benchmarks/download_bench.py            # 4 downloads of about 4 s
    .venv/bin/python benchmarks/download_bench.py --quick --json out.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

import hcnetsdk
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simulator import build_fake_sdk

TARGET_SHARE = 0.01  # of one core, per download
RECORD_BPS = 10_000  # bytes per recorded second: one hour of video is 36 MB


def _process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about 1 s instead of 4")
    parser.add_argument("--downloads", type=int, default=4, help="downloads at once (4)")
    parser.add_argument(
        "--rate", type=int, default=25_000_000, help="bytes/s of each download (25 MB/s)"
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results here")
    args = parser.parse_args(argv)
    seconds = 1.0 if args.quick else 4.0
    size = int(args.rate * seconds)
    video_seconds = max(1, size // RECORD_BPS)
    path = build_fake_sdk()
    control = FakeSDKControl(path)
    control.reset()
    control.playback_set(record_bps=RECORD_BPS, rate=args.rate)
    start = dt.datetime(2024, 3, 10, 5)  # after the fake's 03:00-05:00 gap
    end = start + dt.timedelta(seconds=video_seconds)
    shares: list[float] = []
    walls: list[float] = []
    starts: list[float] = []
    sizes: list[int] = []
    updates: list[int] = []
    errors: list[BaseException] = []
    with tempfile.TemporaryDirectory() as folder, hcnetsdk.HCNetSDK(str(path)) as sdk:
        device = sdk.login("127.0.0.1", 8000, username="admin", password="12345")
        channels = device.info.channel_numbers
        cpu_before, wall_before = _process_cpu(), time.perf_counter()
        downloads = []
        for index in range(args.downloads):
            count = [0]

            def progress(percent: int, count: list[int] = count) -> None:
                count[0] += 1

            began = time.thread_time()
            downloads.append(
                (
                    device.download(
                        Path(folder) / f"{index}.mp4",
                        channel=channels[index % len(channels)],
                        start=start,
                        end=end,
                        progress=progress,
                    ),
                    count,
                )
            )
            starts.append(time.thread_time() - began)

        def waiter(download: hcnetsdk.Download, count: list[int]) -> None:
            cpu, wall = time.thread_time(), time.perf_counter()
            try:
                written = download.wait(timeout=120)
            except BaseException as exc:
                errors.append(exc)
                return
            cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
            shares.append(cpu / wall)
            walls.append(wall)
            sizes.append(written.stat().st_size)
            updates.append(count[0])

        threads = [threading.Thread(target=waiter, args=item) for item in downloads]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        cpu_all, wall_all = _process_cpu() - cpu_before, time.perf_counter() - wall_before
    if errors:
        print(f"download failed: {errors[0]!r}", file=sys.stderr)
        return 1
    worst = max(shares)
    result = {
        "downloads": args.downloads,
        "rate_bytes_per_s": args.rate,
        "bytes_per_download": sizes[0],
        "wall_s": [round(w, 3) for w in walls],
        "python_cpu_share_per_download": [round(s, 5) for s in shares],
        "worst_python_cpu_share": round(worst, 5),
        "start_cpu_ms": [round(s * 1000, 3) for s in starts],
        "progress_calls": updates,
        "process_cpu_share_incl_fake_writers": round(cpu_all / wall_all, 4),
        "throughput_bytes_per_s": round(sum(sizes) / wall_all),
        "target_share": TARGET_SHARE,
        "meets_target": worst < TARGET_SHARE,
    }
    verdict = "ok" if result["meets_target"] else "MISS"
    print(
        f"{args.downloads} downloads of {sizes[0]:,} bytes at {args.rate:,} B/s each: Python side "
        f"{worst * 100:.3f} % of one core per download at worst (target < "
        f"{TARGET_SHARE * 100:.0f} %) {verdict}; starts {max(starts) * 1000:.2f} ms CPU each; "
        f"whole process incl. the fake's writers {cpu_all / wall_all:.1%} of one core; "
        f"{result['throughput_bytes_per_s']:,} B/s in all"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
