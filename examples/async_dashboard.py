#!/usr/bin/env python3
"""Log into every device of a site concurrently with asyncio, print each model (ISAPI) and
their events.

    python examples/async_dashboard.py --simulator            # the simulated site
    python examples/async_dashboard.py --simulator --seconds 3
    HCNETSDK_PASSWORD=... python examples/async_dashboard.py 192.168.1.64 192.168.1.65:8001

With --simulator the script also plays the site: it pushes a motion alarm to each device once
armed (through hcnetsdk.testing, the public kit). On each alarm it takes a snapshot of the
alarm's channel ("SNAPSHOT" below).
Exit status: 0 every device logged in, 1 any failed, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

import hcnetsdk
from hcnetsdk.aio import AsyncDevice, AsyncHCNetSDK
from hcnetsdk.testing import FakeSite

SIMULATED = [("127.0.0.1", port) for port in range(8000, 8005)]


async def watch(device: AsyncDevice, seconds: float, armed: asyncio.Event) -> int:
    """Print the device's events for ``seconds``; returns how many arrived."""
    count = 0
    deadline = asyncio.get_running_loop().time() + seconds
    async with device.events() as events:
        armed.set()
        while True:
            left = deadline - asyncio.get_running_loop().time()
            try:
                event = await asyncio.wait_for(events.get(), max(left, 0))
            except (asyncio.TimeoutError, StopAsyncIteration):
                return count
            count += 1
            print(f"{device.host}:{device.port}  {event.name}", flush=True)
            if isinstance(event, hcnetsdk.AlarmEvent) and event.channels:
                # SNAPSHOT: one picture of the alarm's first channel, taken on a worker.
                channel = event.channels[0]
                try:
                    picture = await device.snapshot(channel)
                    print(f"{device.host}:{device.port}  snapshot of {channel}: {len(picture)} B")
                except (hcnetsdk.HCNetSDKError, hcnetsdk.SnapshotError, ValueError) as exc:
                    print(f"{device.host}:{device.port}  no snapshot of {channel}: {exc}")


async def run(
    devices: list[tuple[str, int]],
    password: str,
    library: str | None,
    seconds: float,
    simulate: bool,
) -> int:
    site: FakeSite | None = None
    if simulate:  # play the site: the public testing kit, never a private module
        site = FakeSite().open()
        library = site.library
        for host, port in devices:
            if port == 8000:
                site.add_nvr(host, port)
            else:
                site.add_camera(host, port)
    try:
        async with AsyncHCNetSDK(library) as sdk:
            await sdk.set_connect_timeout(3)
            logins = [sdk.login(h, p, username="admin", password=password) for h, p in devices]
            results = await asyncio.gather(*logins, return_exceptions=True)
            logged_in: list[AsyncDevice] = []
            for (host, port), result in zip(devices, results):
                if isinstance(result, BaseException):
                    print(f"{host}:{port}  FAILED {type(result).__name__}: {result}")
                else:
                    print(f"{host}:{port}  logged in, serial {result.info.serial_number}")
                    logged_in.append(result)
            # ISAPI over the SDK's port, on every device at once (NET_DVR_STDXMLConfig).
            infos = await asyncio.gather(
                *(d.isapi.get("/ISAPI/System/deviceInfo") for d in logged_in),
                return_exceptions=True,
            )
            for device, info in zip(logged_in, infos):
                model = (
                    f"no ISAPI ({info})"
                    if isinstance(info, BaseException)
                    else info.xml().findtext("model")
                )
                print(f"{device.host}:{device.port}  model {model}")
            armed = [asyncio.Event() for _ in logged_in]
            watchers = [watch(d, seconds, a) for d, a in zip(logged_in, armed)]
            if site is not None:
                watchers.append(push_alarms(site, armed))
            counts = await asyncio.gather(*watchers)
            print(f"{sum(counts)} event(s) from {len(logged_in)} device(s)")
            return 0 if len(logged_in) == len(devices) else 1
    finally:
        if site is not None:
            site.close()


async def push_alarms(site: FakeSite, armed: list[asyncio.Event]) -> int:
    """The simulated site's part: once every device is armed, each raises a motion alarm."""
    for event in armed:
        await event.wait()
    for device in site.devices:
        device.push_alarm(3, (33,) if device.kind == "nvr" else (1,))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devices", nargs="*", metavar="HOST[:PORT]")
    parser.add_argument("--simulator", action="store_true", help="the simulated site")
    parser.add_argument("--library", help="the SDK folder or library file")
    parser.add_argument("--seconds", type=float, default=2.0, help="how long to watch")
    args = parser.parse_args(argv)
    devices = [(h, int(p or 8000)) for h, _, p in (d.partition(":") for d in args.devices)]
    if args.simulator:
        devices = devices or SIMULATED
        password = "12345"
    elif not devices:
        parser.error("give HOST[:PORT] of each device, or --simulator")
    else:
        try:
            password = hcnetsdk.password_from_env(prompt="Password: ")
        except hcnetsdk.PasswordUnavailableError as exc:
            print(f"async_dashboard.py: {exc}", file=sys.stderr)
            return 2
    return asyncio.run(run(devices, password, args.library, args.seconds, args.simulator))


if __name__ == "__main__":
    sys.exit(main())
