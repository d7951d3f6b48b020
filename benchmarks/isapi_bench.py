"""``device.isapi.get`` against the same raw ctypes ``NET_DVR_STDXMLConfig`` call, on the simulator.

Both sides in one run, in alternating samples (the order rotates each round), the garbage
collector off, the medians compared:

* **raw**: the best a hand-written ctypes caller does: the two structs, a 64 KiB output buffer
  and a 16 KiB status buffer made once and reused, the request line prebuilt; per call it sets
  the request pointer and length, calls the library's own function pointer (``lib[name]`` with
  the binding's argtypes, no errcheck), checks the result and copies ``dwReturnedXMLSize`` bytes
  out with ``ctypes.string_at``;
* **wrapped**: ``device.isapi.get(path)``: the checks, the call, the copy, an ``IsapiResponse``.

The XML parse is reported on its own (``response.xml()`` on the same answer): it is work the
raw side does not do, and a caller that only needs the bytes never pays for it. Target: wrapped
/ raw <= 1.5. No target is asserted in the test suite (``tests/test_benchmarks.py`` only runs
``--quick``).

    .venv/bin/python benchmarks/isapi_bench.py            # full run
    .venv/bin/python benchmarks/isapi_bench.py --quick --json out.json
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import hcnetsdk
from hcnetsdk._native.isapi import NET_DVR_XML_CONFIG_INPUT, NET_DVR_XML_CONFIG_OUTPUT
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simulator import build_fake_sdk

TARGET_RATIO = 1.5
PATH = "/ISAPI/System/deviceInfo"


def raw_caller(path: str, user_id: int) -> Callable[[], bytes]:
    """One raw ctypes call, everything prebuilt (see the module documentation)."""
    lib = ctypes.CDLL(path)
    function = lib["NET_DVR_STDXMLConfig"]
    function.restype = ctypes.c_int
    function.argtypes = (
        ctypes.c_int32,
        ctypes.POINTER(NET_DVR_XML_CONFIG_INPUT),
        ctypes.POINTER(NET_DVR_XML_CONFIG_OUTPUT),
    )
    line = ctypes.create_string_buffer(f"GET {PATH}".encode(), len(PATH) + 4)
    out_buf = (ctypes.c_ubyte * 65536)()
    status_buf = (ctypes.c_ubyte * 16384)()
    inp = NET_DVR_XML_CONFIG_INPUT(dwSize=ctypes.sizeof(NET_DVR_XML_CONFIG_INPUT))
    out = NET_DVR_XML_CONFIG_OUTPUT(dwSize=ctypes.sizeof(NET_DVR_XML_CONFIG_OUTPUT))
    out.lpOutBuffer = ctypes.addressof(out_buf)
    out.dwOutBufferSize = 65536
    out.lpStatusBuffer = ctypes.addressof(status_buf)
    out.dwStatusSize = 16383
    inp_ref, out_ref = ctypes.byref(inp), ctypes.byref(out)
    address, length = ctypes.addressof(line), len(PATH) + 4
    keep = (line, out_buf, status_buf)  # alive as long as the closure: C holds their addresses

    def call() -> bytes:
        assert keep
        inp.lpRequestUrl = address
        inp.dwRequestUrlLen = length
        if not function(user_id, inp_ref, out_ref):
            raise RuntimeError(f"NET_DVR_STDXMLConfig failed: {lib.NET_DVR_GetLastError()}")
        return ctypes.string_at(out_buf, out.dwReturnedXMLSize)

    return call


def sample(function: Callable[[], object], calls: int) -> float:
    """CPU seconds of this thread per call over ``calls`` calls, the collector off (the
    simulator works on the calling thread; the thread's CPU time leaves out the time other
    processes of a shared machine take)."""
    gc.disable()
    try:
        started = time.thread_time()
        for _ in range(calls):
            function()
        return (time.thread_time() - started) / calls
    finally:
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter samples (noisier)")
    parser.add_argument("--json", metavar="PATH", help="also write the results here")
    args = parser.parse_args(argv)
    rounds, calls = (5, 500) if args.quick else (21, 5000)
    path = build_fake_sdk()
    control = FakeSDKControl(path)
    control.reset()
    with hcnetsdk.HCNetSDK(str(path)) as sdk:
        device = sdk.login("127.0.0.1", 8000, username="admin", password="12345")
        raw = raw_caller(str(path), device.user_id)
        isapi = device.isapi

        def wrapped() -> object:
            return isapi.get(PATH)

        assert raw() == isapi.get(PATH).content  # the same answer on both sides
        response = isapi.get(PATH)
        sides: dict[str, list[float]] = {"raw": [], "wrapped": [], "xml": []}
        functions: dict[str, Callable[[], object]] = {
            "raw": raw,
            "wrapped": wrapped,
            "xml": response.xml,
        }
        for function in functions.values():  # warm-up
            sample(function, calls // 10 or 1)
        order = list(functions)
        for index in range(rounds):
            for name in order[index % 3 :] + order[: index % 3]:
                sides[name].append(sample(functions[name], calls))
    medians = {name: statistics.median(values) for name, values in sides.items()}
    ratio = medians["wrapped"] / medians["raw"]
    result = {
        "path": PATH,
        "rounds": rounds,
        "calls_per_sample": calls,
        "raw_us": round(medians["raw"] * 1e6, 2),
        "wrapped_us": round(medians["wrapped"] * 1e6, 2),
        "xml_parse_us": round(medians["xml"] * 1e6, 2),
        "ratio_wrapped_over_raw": round(ratio, 3),
        "target": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
        "samples_us": {k: [round(v * 1e6, 2) for v in values] for k, values in sides.items()},
    }
    verdict = "ok" if result["meets_target"] else "MISS"
    print(
        f"device.isapi.get {result['wrapped_us']} us vs raw STDXMLConfig {result['raw_us']} us: "
        f"{result['ratio_wrapped_over_raw']}x (target <= {TARGET_RATIO}x, {verdict}); "
        f"response.xml() {result['xml_parse_us']} us on its own ({rounds} rounds of {calls})"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
