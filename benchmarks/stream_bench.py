"""Live stream throughput from the simulator's stream thread to a consumer, bridge vs a bare
callback, and many channels at a camera's bit rate.

Part 1, both sides in one run, alternating rounds (the median of each is compared):

* **bare**: a ctypes ``REALDATACALLBACK`` given to ``NET_DVR_RealPlay_V40`` that only copies the
  buffer (``ctypes.string_at``) and counts;
* **bridge**: ``device.live()`` with the user's thread iterating the ``StreamPacket``s, as an app
  would (the time runs until the consumer holds the last packet).

The fake sends ``--packets`` data packets of 8 KiB as fast as the callback returns (its own cost
of making each packet is in both sides). Reported: MB/s of each side and their ratio (bridge /
bare). Target: the bridge at least 0.7x the bare callback, with 0 dropped.

Part 2: ``--channels`` streams at ``--mbps`` Mbit/s each (8 KiB packets) for ``--seconds``, each
written by ``write_to`` on a thread of its own to a file in a temporary folder; every byte sent
must arrive. Target: 16 channels at 8 Mbit/s with 0 dropped and the bytes written equal to the
bytes sent.

No target is asserted in the test suite (``tests/test_benchmarks.py`` only runs ``--quick``).

    .venv/bin/python benchmarks/stream_bench.py            # full run
    .venv/bin/python benchmarks/stream_bench.py --quick --json out.json
"""

from __future__ import annotations

import argparse
import ctypes
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import hcnetsdk
from hcnetsdk._native.stream import NET_DVR_PREVIEWINFO, fRealDataCallBack
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simstream import HEADER_SIZE
from hcnetsdk._simulator import build_fake_sdk

PACKET = 8192
TARGET_RATIO = 0.7
TARGET_CHANNELS = 16
TARGET_MBPS = 8


def bare_round(native: Any, user_id: int, count: int) -> float:
    """MB/s through a callback that only copies and counts."""
    seen = [0]
    done = threading.Event()

    def callback(handle: int, kind: int, buffer: int | None, size: int, user: int | None) -> None:
        ctypes.string_at(buffer or 0, size)
        seen[0] += 1
        if seen[0] == count + 1:
            done.set()

    keep = fRealDataCallBack(callback)
    info = NET_DVR_PREVIEWINFO()
    info.lChannel = 33
    info.bBlocked = 1
    started = time.perf_counter()
    handle = native.NET_DVR_RealPlay_V40(user_id, ctypes.byref(info), keep, None)
    done.wait(120)
    elapsed = time.perf_counter() - started
    native.NET_DVR_StopRealPlay(handle)
    return count * PACKET / elapsed / 1e6


def bridge_round(device: hcnetsdk.Device, count: int) -> tuple[float, int]:
    """MB/s through device.live() to the consumer; packets dropped."""
    started = time.perf_counter()
    got = 0
    with device.live(33, queue_size=count + 16) as live:
        for _packet in live:
            got += 1
            if got == count + 1:
                break
        elapsed = time.perf_counter() - started
        dropped = live.dropped
    return count * PACKET / elapsed / 1e6, dropped


def channels_round(
    device: hcnetsdk.Device, control: FakeSDKControl, channels: int, mbps: float, seconds: float
) -> dict[str, Any]:
    """``channels`` streams written to files at once; what was sent, written and dropped."""
    packets = int(mbps * 1e6 * seconds / 8 / PACKET)
    control.stream_config(bits_per_second=int(mbps * 1e6), packets=packets)
    numbers = device.info.channel_numbers
    expected = HEADER_SIZE + packets * PACKET
    written: list[int] = [0] * channels
    with tempfile.TemporaryDirectory() as folder:
        streams = [device.live(numbers[i % len(numbers)]) for i in range(channels)]

        def write(index: int) -> None:
            path = Path(folder) / f"{index}.ps"
            # the time limit only guards against a stalled stream (a loaded machine is slower)
            written[index] = streams[index].write_to(
                path, max_bytes=expected, seconds=max(seconds * 4, 60.0)
            )

        threads = [threading.Thread(target=write, args=(i,)) for i in range(channels)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        for stream in streams:  # the fake counts a packet after its callback returned
            control.stream_wait_done(stream.handle or 0, timeout=60)
        sent = [control.stream_info(s.handle or 0)["bytes"] for s in streams]
        dropped = sum(s.dropped for s in streams)
        for stream in streams:
            stream.close()
    return {
        "channels": channels,
        "mbps_each": mbps,
        "seconds": round(elapsed, 2),
        "bytes_sent": sum(sent),
        "bytes_written": sum(written),
        "dropped": dropped,
        "meets_target": dropped == 0 and sum(written) == sum(sent) == channels * expected,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, smaller rounds (noisier)")
    parser.add_argument("--packets", type=int, default=None, help="8 KiB packets per round")
    parser.add_argument("--channels", type=int, default=TARGET_CHANNELS)
    parser.add_argument("--mbps", type=float, default=TARGET_MBPS, help="Mbit/s per channel")
    parser.add_argument("--seconds", type=float, default=None, help="length of part 2")
    parser.add_argument("--json", metavar="PATH", help="also write the results here")
    args = parser.parse_args(argv)
    count = args.packets or (2_000 if args.quick else 40_000)
    rounds = 2 if args.quick else 5
    seconds = args.seconds or (1.0 if args.quick else 5.0)
    path = build_fake_sdk()
    control = FakeSDKControl(path)
    control.reset()
    bare: list[float] = []
    bridged: list[float] = []
    dropped = 0
    with hcnetsdk.HCNetSDK(str(path)) as sdk:
        device = sdk.login("127.0.0.1", 8000, username="admin", password="12345")
        native = sdk._native
        for _ in range(rounds):
            control.stream_config(bits_per_second=0, packets=count, packet_size=PACKET)
            bare.append(bare_round(native, device.user_id, count))
            rate, lost = bridge_round(device, count)
            bridged.append(rate)
            dropped += lost
        many = channels_round(device, control, args.channels, args.mbps, seconds)
    bare_rate, bridge_rate = statistics.median(bare), statistics.median(bridged)
    ratio = bridge_rate / bare_rate
    result = {
        "packets_per_round": count,
        "packet_bytes": PACKET,
        "rounds": rounds,
        "bare_mb_per_s": round(bare_rate, 1),
        "bridge_mb_per_s": round(bridge_rate, 1),
        "ratio_bridge_over_bare": round(ratio, 2),
        "dropped": dropped,
        "meets_ratio": ratio >= TARGET_RATIO and dropped == 0,
        "many_channels": many,
    }
    print(
        f"bridge {bridge_rate:.0f} MB/s vs bare callback {bare_rate:.0f} MB/s: {ratio:.2f}x "
        f"(target >= {TARGET_RATIO}x), dropped {dropped} ({rounds} rounds of {count:,} packets "
        f"of {PACKET} bytes)"
    )
    print(
        f"{many['channels']} channels at {many['mbps_each']:g} Mbit/s for {many['seconds']} s: "
        f"{many['bytes_written']:,} bytes written of {many['bytes_sent']:,} sent, dropped "
        f"{many['dropped']} ({'meets' if many['meets_target'] else 'MISSES'} the target)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
