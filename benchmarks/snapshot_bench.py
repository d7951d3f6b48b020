"""What ``device.snapshot()`` costs over a bare ctypes call of ``NET_DVR_CaptureJPEGPicture_NEW``.

Both sides in one run, in alternating rounds against the simulator (the median of each is
compared), on the same channel, so the fake's own work (making a ~2 KB JPEG) is in both:

* **bare**: the raw function (no errcheck) with one buffer allocated once and reused, the
  picture copied out with ``ctypes.string_at``, nothing checked;
* **public**: ``device.snapshot(33)``: the channel, size and quality checked, a fresh 1 MiB
  buffer, the errcheck, the JPEG markers checked.

Reported: microseconds per picture of each side and their ratio (public / bare). Target: the
public call at most 1.5x the bare one. No target is asserted in the test suite
(``tests/test_benchmarks.py`` only runs ``--quick``).

    .venv/bin/python benchmarks/snapshot_bench.py            # full run
    .venv/bin/python benchmarks/snapshot_bench.py --quick --json out.json
"""

from __future__ import annotations

import argparse
import ctypes
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import hcnetsdk
from hcnetsdk._native.config import NET_DVR_JPEGPARA
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simulator import build_fake_sdk

TARGET_RATIO = 1.5
CHANNEL = 33


def bare_round(lib: Any, user_id: int, count: int) -> float:
    """Seconds per picture through the raw function and one reused buffer."""
    capture = lib.NET_DVR_CaptureJPEGPicture_NEW
    capture.restype = ctypes.c_int
    capture.argtypes = (
        ctypes.c_int32,
        ctypes.c_int32,
        ctypes.c_void_p,
        ctypes.c_void_p,
        ctypes.c_uint32,
        ctypes.c_void_p,
    )
    para = NET_DVR_JPEGPARA(0xFF, 0)
    buffer = ctypes.create_string_buffer(1024 * 1024)
    returned = ctypes.c_uint32(0)
    started = time.perf_counter()
    for _ in range(count):
        capture(user_id, CHANNEL, ctypes.byref(para), buffer, len(buffer), ctypes.byref(returned))
        ctypes.string_at(buffer, returned.value)
    return (time.perf_counter() - started) / count


def public_round(device: hcnetsdk.Device, count: int) -> float:
    """Seconds per picture through ``device.snapshot``."""
    started = time.perf_counter()
    for _ in range(count):
        device.snapshot(CHANNEL)
    return (time.perf_counter() - started) / count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, smaller rounds (noisier)")
    parser.add_argument("--json", metavar="PATH", help="also write the results here")
    args = parser.parse_args(argv)
    count, rounds = (200, 3) if args.quick else (2000, 7)
    path = build_fake_sdk()
    control = FakeSDKControl(path)
    control.reset()
    bare: list[float] = []
    public: list[float] = []
    with hcnetsdk.HCNetSDK(str(path)) as sdk:
        device = sdk.login("127.0.0.1", 8000, username="admin", password="12345")
        raw = ctypes.CDLL(str(path))  # its own function objects: the binding's stay untouched
        for _ in range(rounds):
            bare.append(bare_round(raw, device.user_id, count))
            public.append(public_round(device, count))
    bare_s, public_s = statistics.median(bare), statistics.median(public)
    result = {
        "pictures_per_round": count,
        "rounds": rounds,
        "bare_us": round(bare_s * 1e6, 1),
        "public_us": round(public_s * 1e6, 1),
        "ratio_public_over_bare": round(public_s / bare_s, 2),
        "target_ratio": TARGET_RATIO,
        "meets_ratio": public_s / bare_s <= TARGET_RATIO,
    }
    print(
        f"device.snapshot() {result['public_us']} us vs bare ctypes {result['bare_us']} us per "
        f"picture: {result['ratio_public_over_bare']}x (target <= {TARGET_RATIO}x; "
        f"{rounds} rounds of {count})"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
