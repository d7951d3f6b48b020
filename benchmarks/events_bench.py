"""Events per second from the simulator's own thread to a consumer, bridge vs a bare callback.

Three measurements in one run (the median of each):

* **naive bare**: a plain ctypes callback registered with ``NET_DVR_SetDVRMessageCallBack_V50``
  that only copies the sender and the payload (``ctypes.string_at``) and counts, measured first,
  while the SDK's thread has no Python thread state: ctypes creates and destroys one per call,
  which is what any plain ctypes callback (a user's own, every peer binding's) pays;
* **bridge**: ``device.events()`` with a consumer thread calling ``get()`` (the event decoded
  into an ``AlarmEvent``), as an app would. Its trampoline pins the thread's state
  (``hcnetsdk._threadstate``);
* **pinned bare**: the bare callback again, alternating with the bridge rounds, now on the
  pinned thread: the floor, with no queue, no consumer thread and no decoding.

The fake pushes ``--events`` small COMM_ALARM_V30 alarms as fast as it can from its event
thread. Reported: events/s of each, the bridge's cost against both bare callbacks, events
lost, and the latency from the SDK thread's callback to the consumer (p50, p99). Targets: at
least 100,000 events/s through the bridge with 0 lost, and the bridge at most 2x the plain bare
callback. No target is asserted in the test suite (``tests/test_benchmarks.py`` only runs
``--quick``).

    .venv/bin/python benchmarks/events_bench.py            # full run
    .venv/bin/python benchmarks/events_bench.py --quick --json out.json
"""

from __future__ import annotations

import argparse
import ctypes
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

import hcnetsdk
from hcnetsdk import _callbacks, _threadstate
from hcnetsdk._native.events import NET_DVR_SETUPALARM_PARAM_V50, fMessageCallBack
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simulator import build_fake_sdk

TARGET_RATE = 100_000
TARGET_RATIO = 2.0


def bare_round(lib: Any, control: FakeSDKControl, user_id: int, count: int) -> float:
    """Events/s through a callback that only copies and counts."""
    seen = [0]
    done = threading.Event()

    def callback(
        command: int, alarmer: int | None, info: int | None, length: int, user: int | None
    ) -> None:
        ctypes.string_at(alarmer or 0, 372)
        ctypes.string_at(info or 0, length)
        seen[0] += 1
        if seen[0] == count:
            done.set()

    keep = fMessageCallBack(callback)
    lib.NET_DVR_SetDVRMessageCallBack_V50(0, keep, None)
    param = NET_DVR_SETUPALARM_PARAM_V50()
    param.dwSize = ctypes.sizeof(param)
    handle = lib.NET_DVR_SetupAlarmChan_V50(user_id, ctypes.byref(param), None, 0)
    started = time.perf_counter()
    control.event_rate(user_id, count)
    done.wait(120)
    elapsed = time.perf_counter() - started
    lib.NET_DVR_CloseAlarmChan_V30(handle)
    control.events_wait_idle(30)
    return count / elapsed


def bridge_round(
    device: hcnetsdk.Device, control: FakeSDKControl, count: int
) -> tuple[float, int, list[float]]:
    """Events/s through device.events() to a consumer thread; lost; latencies (s)."""
    latencies: list[float] = []
    with device.events(queue_size=count) as events:
        got = [0]

        stamps: list[tuple[float, Any]] = []

        def consume() -> None:
            while got[0] < count:
                event = events.get(timeout=30)
                stamps.append((time.time(), event.received))  # latency computed afterwards
                got[0] += 1

        consumer = threading.Thread(target=consume)
        consumer.start()
        started = time.perf_counter()
        control.event_rate(device.user_id, count)
        consumer.join(120)
        elapsed = time.perf_counter() - started
        lost = events.dropped
    latencies.extend(seen - received.timestamp() for seen, received in stamps)
    return count / elapsed, lost, latencies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, smaller rounds (noisier)")
    parser.add_argument("--events", type=int, default=None, help="events per round")
    parser.add_argument("--json", metavar="PATH", help="also write the results here")
    args = parser.parse_args(argv)
    count = args.events or (5_000 if args.quick else 100_000)
    rounds = 2 if args.quick else 5
    path = build_fake_sdk()
    control = FakeSDKControl(path)
    control.reset()
    naive: list[float] = []
    bare: list[float] = []
    bridged: list[float] = []
    lost = 0
    latencies: list[float] = []
    with hcnetsdk.HCNetSDK(str(path)) as sdk:
        device = sdk.login("127.0.0.1", 8000, username="admin", password="12345")
        lib = sdk._native  # the same bound functions, checked
        # First, before any bridge callback ran: the SDK thread has no Python thread state, so
        # each call of a plain ctypes callback creates and destroys one (what users' own
        # callbacks pay). Then alternating rounds, where the thread keeps its state (pinned).
        for _ in range(rounds):
            naive.append(bare_round(lib, control, device.user_id, count))
        for _ in range(rounds):
            _callbacks.install(lib)  # the bridge's callback back in place
            rate, dropped, lat = bridge_round(device, control, count)
            bridged.append(rate)
            lost += dropped
            latencies.extend(lat)
            bare.append(bare_round(lib, control, device.user_id, count))
        pinned = _threadstate.pinned_count()
    latencies.sort()
    naive_rate = statistics.median(naive)
    bare_rate, bridge_rate = statistics.median(bare), statistics.median(bridged)
    result = {
        "events_per_round": count,
        "rounds": rounds,
        "naive_bare_events_per_s": round(naive_rate),
        "bare_events_per_s": round(bare_rate),
        "bridge_events_per_s": round(bridge_rate),
        "ratio_bare_over_bridge": round(bare_rate / bridge_rate, 2),
        "ratio_naive_bare_over_bridge": round(naive_rate / bridge_rate, 2),
        "threads_pinned": pinned,
        "lost": lost,
        "latency_p50_us": round(latencies[len(latencies) // 2] * 1e6, 1),
        "latency_p99_us": round(latencies[int(len(latencies) * 0.99)] * 1e6, 1),
        "meets_rate": bridge_rate >= TARGET_RATE and lost == 0,
        "meets_ratio": naive_rate / bridge_rate <= TARGET_RATIO,
    }
    print(
        f"bridge {result['bridge_events_per_s']:,} events/s to a consumer (target >= "
        f"{TARGET_RATE:,}, lost {lost}); latency p50 {result['latency_p50_us']} us, p99 "
        f"{result['latency_p99_us']} us ({rounds} rounds of {count:,})\n"
        f"bare callback, plain ctypes (a thread state per call): "
        f"{result['naive_bare_events_per_s']:,} events/s: bridge costs "
        f"{result['ratio_naive_bare_over_bridge']}x (target <= {TARGET_RATIO}x)\n"
        f"bare callback on a pinned thread (no consumer, no decoding): "
        f"{result['bare_events_per_s']:,} events/s: bridge costs "
        f"{result['ratio_bare_over_bridge']}x"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
