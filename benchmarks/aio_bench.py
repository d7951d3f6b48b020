#!/usr/bin/env python3
"""200 concurrent async logins vs one login, at 100 ms of simulated latency (hcnetsdk.aio).

    .venv/bin/python benchmarks/aio_bench.py [--logins 200] [--latency 0.1] [--rounds 5]
                                             [--json out.json]

Target: all logins together take at most 1.5x one login (they overlap on the AsyncHCNetSDK's
workers). Each round measures one login alone, then N at once (asyncio.gather), in the same
process; the ratio is the median of the rounds. Reports the fake's peak of logins in flight.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from hcnetsdk.aio import AsyncHCNetSDK
from hcnetsdk.testing import FakeSite

TARGET = 1.5


async def one_round(sdk: AsyncHCNetSDK, logins: int) -> tuple[float, float]:
    start = time.perf_counter()
    device = await sdk.login("127.0.0.1", 8000, username="admin", password="12345")
    single = time.perf_counter() - start
    await device.logout()
    start = time.perf_counter()
    devices = await asyncio.gather(
        *(sdk.login("127.0.0.1", 8000, username="admin", password="12345") for _ in range(logins))
    )
    many = time.perf_counter() - start
    await asyncio.gather(*(device.logout() for device in devices))
    return single, many


async def measure(site: FakeSite, logins: int, rounds: int) -> list[tuple[float, float]]:
    async with AsyncHCNetSDK(site.library) as sdk:
        await one_round(sdk, logins)  # warm-up: the workers' threads start
        return [await one_round(sdk, logins) for _ in range(rounds)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logins", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per login")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the results there")
    args = parser.parse_args(argv)
    with FakeSite() as site:
        site.add_nvr(port=8000, lock_policy=None)
        site.set_latency(args.latency)
        results = asyncio.run(measure(site, args.logins, args.rounds))
        peak = site.control.get_int("max_logins_in_flight")
    ratio = statistics.median(many / single for single, many in results)
    report = {
        "logins": args.logins,
        "latency_s": args.latency,
        "single_s": [round(single, 4) for single, _ in results],
        "concurrent_s": [round(many, 4) for _, many in results],
        "ratio": round(ratio, 3),
        "target": TARGET,
        "meets_target": ratio <= TARGET,
        "max_logins_in_flight": peak,
    }
    print(
        f"{args.logins} concurrent logins / one login at {args.latency * 1000:.0f} ms: "
        f"{ratio:.2f}x (target <= {TARGET}x: {'met' if ratio <= TARGET else 'MISSED'}); "
        f"peak in flight {peak}"
    )
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
