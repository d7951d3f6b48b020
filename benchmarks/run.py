"""Benchmarks of hcnetsdk against the fake SDK: every result is a ratio measured in one run.

Run ``python benchmarks/run.py`` (``--quick`` for a fast smoke run, ``--json PATH`` to write the
results, ``--only NAME`` to run some of them). See ``benchmarks/README.md`` for what each
benchmark measures and its target. A missed target is a finding, printed as ``MISS``; the exit
status is 0 whenever the benchmarks ran, whatever their verdicts (``--strict``: 1 on a miss).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

import hcnetsdk
from hcnetsdk import _native
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simulator import build_fake_sdk

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
USER = "admin"
PASSWORD = "12345"
WRONG_PASSWORD = "wrong-password"
# Ports of the devices each benchmark adds to the fake (away from the default site's 8000-8004).
FAILURE_PORT = 9000
PARALLEL_BASE_PORT = 9100
MEMORY_PORT = 9500


@dataclass
class Settings:
    """How much work each benchmark does (full run or ``--quick``)."""

    call_samples: int = 21
    call_iterations: int = 20_000
    failure_samples: int = 15
    failure_iterations: int = 2_000
    parallel_devices: int = 64
    parallel_latency_ms: int = 200
    parallel_rounds: int = 5
    memory_warmup: int = 50
    memory_cycles: int = 1_000
    import_runs: int = 25

    @classmethod
    def quick(cls) -> Settings:
        return cls(
            call_samples=5,
            call_iterations=2_000,
            failure_samples=5,
            failure_iterations=200,
            parallel_devices=64,
            parallel_latency_ms=50,
            parallel_rounds=2,
            memory_warmup=20,
            memory_cycles=200,
            import_runs=4,
        )


@dataclass
class Result:
    """One row of the table and one entry of the JSON."""

    name: str
    title: str
    measured: float
    """The figure compared with the target, in ``unit``."""
    unit: str
    target: float
    comparison: str
    """``"<="`` or ``"<"``: how ``measured`` must compare with ``target``."""
    ratio: float
    """The wrapped (or parallel, or after) side over the reference side of the same run."""
    ratio_label: str
    meets_target: bool
    summary: str
    details: dict[str, Any] = field(default_factory=dict)


def _meets(measured: float, comparison: str, target: float) -> bool:
    return measured <= target if comparison == "<=" else measured < target


# --- timing helpers ------------------------------------------------------------------------
def _per_call_ns(body: Callable[[], object], iterations: int) -> float:
    """Nanoseconds per call of ``body()``, over ``iterations`` calls, with GC disabled."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter_ns()
        for _ in repeat(None, iterations):
            body()
        return (time.perf_counter_ns() - start) / iterations
    finally:
        if enabled:
            gc.enable()


def _per_call_arg_ns(function: Callable[[Any], object], arg: object, iterations: int) -> float:
    """Nanoseconds per call of ``function(arg)``, with GC disabled (the call-overhead loop)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter_ns()
        for _ in repeat(None, iterations):
            function(arg)
        return (time.perf_counter_ns() - start) / iterations
    finally:
        if enabled:
            gc.enable()


def _interleaved(
    sides: dict[str, Callable[[], float]], samples: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Run one sample of every side in turn, ``samples`` times (after ``warmup`` rounds).

    The order rotates each round so no side always runs first; each side's list holds its
    samples in the order taken.
    """
    names = list(sides)
    results: dict[str, list[float]] = {name: [] for name in names}
    for round_no in range(warmup + samples):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            value = sides[name]()
            if round_no >= warmup:
                results[name].append(value)
    return results


def _median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def _spread(values: Sequence[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"min": ordered[0], "median": _median(ordered), "max": ordered[-1]}


# --- the fake SDK --------------------------------------------------------------------------
@dataclass
class Fixture:
    """The fake library, its control API, an initialised HCNetSDK and a raw CDLL of it."""

    path: Path
    control: FakeSDKControl
    sdk: hcnetsdk.HCNetSDK
    raw: ctypes.CDLL


def _open_fixture() -> Fixture:
    cache = os.environ.get("HCNETSDK_SIMULATOR_CACHE")
    path = build_fake_sdk(Path(cache) if cache else None)
    control = FakeSDKControl(path)
    control.reset()
    sdk = hcnetsdk.HCNetSDK(str(path)).init()
    # The raw side: the same library file (dlopen shares one copy, hence one simulated site),
    # with its own function pointers: argtypes/restype set, no errcheck.
    raw = ctypes.CDLL(str(path))
    return Fixture(path, control, sdk, raw)


def _raw_function(lib: ctypes.CDLL, name: str) -> Any:
    prototype = _native.PROTOTYPE_BY_NAME[name]
    function = lib[name]  # a new function pointer object: the binding's errcheck is not on it
    function.restype = prototype.restype
    function.argtypes = prototype.argtypes
    assert getattr(function, "errcheck", None) is None
    return function


# --- 1. call overhead ----------------------------------------------------------------------
def bench_call_overhead(fx: Fixture, settings: Settings) -> list[Result]:
    """``NET_DVR_SetRecvTimeOut``: raw ctypes vs the native layer vs ``sdk.set_recv_timeout``."""
    raw = _raw_function(fx.raw, "NET_DVR_SetRecvTimeOut")
    native = fx.sdk._native.NET_DVR_SetRecvTimeOut
    public = fx.sdk.set_recv_timeout

    def floor(ms: int) -> object:  # one Python call on top of the ctypes call: the floor
        return raw(ms)

    if raw(5000) != 1 or native(5000) != 1:
        raise RuntimeError("NET_DVR_SetRecvTimeOut failed on the fake SDK")
    public(5.0)
    if fx.control.get_int("recv_timeout_ms") != 5000:
        raise RuntimeError("sdk.set_recv_timeout(5.0) did not set 5000 ms")

    n = settings.call_iterations
    samples = _interleaved(
        {
            "raw": lambda: _per_call_arg_ns(raw, 5000, n),
            "native": lambda: _per_call_arg_ns(native, 5000, n),
            "public": lambda: _per_call_arg_ns(public, 5.0, n),
            "floor": lambda: _per_call_arg_ns(floor, 5000, n),
        },
        settings.call_samples,
    )
    med = {name: _median(values) for name, values in samples.items()}
    details: dict[str, Any] = {
        "function": "NET_DVR_SetRecvTimeOut",
        "iterations_per_sample": n,
        "samples": settings.call_samples,
        "ns_per_call": {name: _spread(values) for name, values in samples.items()},
        "floor_ratio": med["floor"] / med["raw"],
        "floor": "def floor(ms): return raw(ms) -- one Python call on top of the raw call",
    }
    results = []
    for name, title, wrapped, label in (
        (
            "call_overhead_public",
            "call overhead, public API",
            "public",
            "sdk.set_recv_timeout(5.0) / raw(5000)",
        ),
        (
            "call_overhead_native",
            "call overhead, native layer",
            "native",
            "sdk._native.NET_DVR_SetRecvTimeOut(5000) / raw(5000)",
        ),
    ):
        ratio = med[wrapped] / med["raw"]
        results.append(
            Result(
                name=name,
                title=title,
                measured=ratio,
                unit="x",
                target=2.0,
                comparison="<=",
                ratio=ratio,
                ratio_label=label,
                meets_target=_meets(ratio, "<=", 2.0),
                summary=(
                    f"{ratio:.2f}x ({med[wrapped]:.0f} vs {med['raw']:.0f} ns/call; "
                    f"floor {details['floor_ratio']:.2f}x)"
                ),
                details=details,
            )
        )
    return results


# --- 2. failure path -----------------------------------------------------------------------
def bench_failure_path(fx: Fixture, settings: Settings) -> list[Result]:
    """A login with a wrong password: raising and catching PasswordError vs raw -1 + last error."""
    control = fx.control
    control.set_latency_ms(0)
    dev = control.add_device(HOST, FAILURE_PORT, USER, PASSWORD)
    control.set_lock_policy(dev, 0, 0)  # thousands of failures must not lock the account
    control.set_device_latency_ms(dev, 0)

    raw_login = _raw_function(fx.raw, "NET_DVR_Login_V40")
    raw_last_error = _raw_function(fx.raw, "NET_DVR_GetLastError")
    native_login = fx.sdk._native.NET_DVR_Login_V40
    login = fx.sdk.login
    byref = ctypes.byref
    login_info_type = _native.NET_DVR_USER_LOGIN_INFO
    device_info_type = _native.NET_DVR_DEVICEINFO_V40
    host_bytes, user_bytes, wrong_bytes = (
        HOST.encode(),
        USER.encode(),
        WRONG_PASSWORD.encode(),
    )

    def raw_once() -> int:
        # What a raw ctypes user writes for one login: fill the structs, call, check -1.
        info = login_info_type()
        info.sDeviceAddress = host_bytes
        info.wPort = FAILURE_PORT
        info.sUserName = user_bytes
        info.sPassword = wrong_bytes
        device = device_info_type()
        if raw_login(byref(info), byref(device)) == -1:
            return int(raw_last_error())
        return 0

    def public_once() -> int:
        try:
            login(HOST, FAILURE_PORT, username=USER, password=WRONG_PASSWORD)
        except hcnetsdk.PasswordError as exc:
            return int(exc.code)
        return 0

    # The errcheck-only part: the same prebuilt structs, raw call vs errcheck'ed prototype.
    shared_info = login_info_type()
    shared_info.sDeviceAddress = host_bytes
    shared_info.wPort = FAILURE_PORT
    shared_info.sUserName = user_bytes
    shared_info.sPassword = wrong_bytes
    shared_device = device_info_type()
    info_ref, device_ref = byref(shared_info), byref(shared_device)

    def raw_prebuilt_once() -> int:
        if raw_login(info_ref, device_ref) == -1:
            return int(raw_last_error())
        return 0

    def native_prebuilt_once() -> int:
        try:
            native_login(info_ref, device_ref)
        except hcnetsdk.PasswordError as exc:
            return int(exc.code)
        return 0

    for once in (raw_once, public_once, raw_prebuilt_once, native_prebuilt_once):
        if once() != 1:
            raise RuntimeError(f"{once.__name__}: the failing login did not fail with 1")

    n = settings.failure_iterations
    samples = _interleaved(
        {
            "raw": lambda: _per_call_ns(raw_once, n),
            "public": lambda: _per_call_ns(public_once, n),
            "raw_prebuilt": lambda: _per_call_ns(raw_prebuilt_once, n),
            "native_prebuilt": lambda: _per_call_ns(native_prebuilt_once, n),
        },
        settings.failure_samples,
    )
    if control.get_int("logged_in_users") != 0:
        raise RuntimeError("a failing login left a session behind")
    med = {name: _median(values) for name, values in samples.items()}
    # Per-round differences (the two sides of a round ran back to back), then their median.
    diff_public = _median([w - r for w, r in zip(samples["public"], samples["raw"])]) / 1000
    diff_native = (
        _median([w - r for w, r in zip(samples["native_prebuilt"], samples["raw_prebuilt"])]) / 1000
    )
    details: dict[str, Any] = {
        "iterations_per_sample": n,
        "samples": settings.failure_samples,
        "ns_per_call": {name: _spread(values) for name, values in samples.items()},
        "raw": "fill NET_DVR_USER_LOGIN_INFO + DEVICEINFO_V40, NET_DVR_Login_V40 == -1, "
        "NET_DVR_GetLastError()",
        "public": "sdk.login(...) raising PasswordError, caught (validation, struct building, "
        "password wiping, errcheck reading GetLastError and GetErrorMsg, exception)",
        "native": "prebuilt structs: errcheck'ed NET_DVR_Login_V40 raising PasswordError, caught, "
        "vs raw NET_DVR_Login_V40 == -1 + GetLastError on the same structs",
    }
    return [
        Result(
            name="failure_path_public",
            title="failure path, public login",
            measured=diff_public,
            unit="us",
            target=10.0,
            comparison="<",
            ratio=med["public"] / med["raw"],
            ratio_label="sdk.login raising PasswordError / raw Login_V40 -1 + GetLastError",
            meets_target=_meets(diff_public, "<", 10.0),
            summary=(
                f"+{diff_public:.1f} us ({med['public'] / 1000:.1f} vs "
                f"{med['raw'] / 1000:.1f} us/call)"
            ),
            details=details,
        ),
        Result(
            name="failure_path_native",
            title="failure path, errcheck only",
            measured=diff_native,
            unit="us",
            target=10.0,
            comparison="<",
            ratio=med["native_prebuilt"] / med["raw_prebuilt"],
            ratio_label="errcheck'ed Login_V40 raising / raw -1 + GetLastError (same structs)",
            meets_target=_meets(diff_native, "<", 10.0),
            summary=(
                f"+{diff_native:.1f} us ({med['native_prebuilt'] / 1000:.1f} vs "
                f"{med['raw_prebuilt'] / 1000:.1f} us/call)"
            ),
            details=details,
        ),
    ]


# --- 3. parallel logins and memory ---------------------------------------------------------
def bench_parallel_logins(fx: Fixture, settings: Settings) -> list[Result]:
    """Wall time of N logins from N threads against the wall time of one login."""
    control, sdk = fx.control, fx.sdk
    count, latency = settings.parallel_devices, settings.parallel_latency_ms
    ports = [PARALLEL_BASE_PORT + i for i in range(count)]
    for port in ports:
        dev = control.add_device(HOST, port, USER, PASSWORD)
        control.set_device_latency_ms(dev, latency)

    def login(port: int) -> hcnetsdk.Device:
        return sdk.login(HOST, port, username=USER, password=PASSWORD)

    def single() -> float:
        start = time.perf_counter_ns()
        device = login(ports[0])
        elapsed = time.perf_counter_ns() - start
        device.logout()
        return elapsed / 1e6

    with ThreadPoolExecutor(max_workers=count) as pool:

        def parallel() -> float:
            start = time.perf_counter_ns()
            devices = list(pool.map(login, ports))
            elapsed = time.perf_counter_ns() - start
            if len({d.user_id for d in devices}) != count:
                raise RuntimeError("parallel logins did not give distinct user ids")
            for device in devices:
                device.logout()
            return elapsed / 1e6

        samples = _interleaved({"single": single, "parallel": parallel}, settings.parallel_rounds)
    if control.get_int("logged_in_users") != 0:
        raise RuntimeError("parallel logins left sessions behind")
    in_flight = control.get_int("max_logins_in_flight")
    med = {name: _median(values) for name, values in samples.items()}
    ratio = med["parallel"] / med["single"]
    return [
        Result(
            name="parallel_logins",
            title=f"{count} parallel logins",
            measured=ratio,
            unit="x",
            target=1.5,
            comparison="<=",
            ratio=ratio,
            ratio_label=f"wall of {count} logins on {count} threads / wall of 1 login",
            meets_target=_meets(ratio, "<=", 1.5),
            summary=(
                f"{ratio:.2f}x ({med['parallel']:.0f} vs {med['single']:.0f} ms; "
                f"{in_flight} in flight at once)"
            ),
            details={
                "devices": count,
                "latency_ms": latency,
                "rounds": settings.parallel_rounds,
                "ms": {name: _spread(values) for name, values in samples.items()},
                "max_logins_in_flight": in_flight,
                "pool": f"ThreadPoolExecutor(max_workers={count}), created once, warmed up",
            },
        )
    ]


def _rss_kib() -> int | None:
    """VmRSS of this process in KiB (Linux), else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def bench_memory(fx: Fixture, settings: Settings) -> list[Result]:
    """RSS growth over N sequential login/logout cycles (after a warm-up)."""
    control, sdk = fx.control, fx.sdk
    dev = control.add_device(HOST, MEMORY_PORT, USER, PASSWORD)
    control.set_device_latency_ms(dev, 0)

    def cycles(n: int) -> None:
        for _ in range(n):
            device = sdk.login(HOST, MEMORY_PORT, username=USER, password=PASSWORD)
            device.logout()

    cycles(settings.memory_warmup)
    gc.collect()
    before = _rss_kib()
    start = time.perf_counter_ns()
    cycles(settings.memory_cycles)
    elapsed_ms = (time.perf_counter_ns() - start) / 1e6
    gc.collect()
    after = _rss_kib()
    if control.get_int("logged_in_users") != 0:
        raise RuntimeError("login/logout cycles left sessions behind")
    if before is None or after is None:
        growth, ratio, summary = 0.0, 1.0, "RSS not available on this platform"
        meets = False
    else:
        growth = float(after - before)
        ratio = after / before
        meets = _meets(growth, "<", 1024.0)
        summary = f"{growth:+.0f} KiB ({before} -> {after} KiB)"
    return [
        Result(
            name="memory_login_logout",
            title=f"{settings.memory_cycles} login/logout cycles",
            measured=growth,
            unit="KiB",
            target=1024.0,
            comparison="<",
            ratio=ratio,
            ratio_label="RSS after / RSS before",
            meets_target=meets,
            summary=summary,
            details={
                "cycles": settings.memory_cycles,
                "warmup_cycles": settings.memory_warmup,
                "rss_before_kib": before,
                "rss_after_kib": after,
                "cycles_ms": elapsed_ms,
            },
        )
    ]


# --- 4. import cost ------------------------------------------------------------------------
_IMPORT_CHECK = """
import json, os, sys
import hcnetsdk
libraries = []
try:
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6:
                base = os.path.basename(parts[-1]).lower()
                if "hcnetsdk" in base or "hccore" in base or base.startswith("libhpr"):
                    libraries.append(parts[-1])
    maps_read = True
except OSError:
    maps_read = False
watched = ("ctypes", "_ctypes", "hcnetsdk._native", "hcnetsdk._loader", "hcnetsdk.sdk")
print(json.dumps({
    "libraries": sorted(set(libraries)),
    "maps_read": maps_read,
    "modules": [m for m in watched if m in sys.modules],
    "hcnetsdk_file": hcnetsdk.__file__,
}))
"""


def _run_ms(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter_ns()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter_ns() - start) / 1e6


def bench_import(settings: Settings) -> list[Result]:
    """``python -c "import hcnetsdk"`` vs ``python -c pass``, interleaved subprocesses."""
    python = sys.executable
    env = dict(os.environ)
    # A path-based lookup, as for a regular (non-editable) install: the source tree first on
    # sys.path, so the import system finds the package without the editable finder.
    path_env = dict(env, PYTHONPATH=str(REPO / "src"))
    sides = {
        "pass": lambda: _run_ms([python, "-c", "pass"], env),
        "import": lambda: _run_ms([python, "-c", "import hcnetsdk"], env),
        "pass_path": lambda: _run_ms([python, "-c", "pass"], path_env),
        "import_path": lambda: _run_ms([python, "-c", "import hcnetsdk"], path_env),
    }
    samples = _interleaved(sides, settings.import_runs, warmup=2)
    med = {name: _median(values) for name, values in samples.items()}
    extra = med["import"] - med["pass"]
    extra_path = med["import_path"] - med["pass_path"]

    done = subprocess.run(
        [python, "-c", _IMPORT_CHECK], env=env, check=True, capture_output=True, text=True
    )
    check = json.loads(done.stdout)
    clean = bool(check["maps_read"]) and not check["libraries"] and not check["modules"]
    install = _install_kind(check["hcnetsdk_file"])
    what = (
        "no SDK library, no ctypes"
        if clean
        else "LOADED: "
        + ", ".join([*check["libraries"], *check["modules"]] or ["/proc/self/maps unreadable"])
    )
    return [
        Result(
            name="import_cost",
            title="import hcnetsdk",
            measured=extra,
            unit="ms",
            target=30.0,
            comparison="<",
            ratio=med["import"] / med["pass"],
            ratio_label='python -c "import hcnetsdk" / python -c pass',
            meets_target=_meets(extra, "<", 30.0) and clean,
            summary=(
                f"+{extra:.1f} ms ({med['import']:.1f} vs {med['pass']:.1f} ms, {install}); {what}"
            ),
            details={
                "runs_each": settings.import_runs,
                "install": install,
                "ms": {name: _spread(values) for name, values in samples.items()},
                "extra_ms_path_based": extra_path,
                "path_based": f"PYTHONPATH={REPO / 'src'}: found by the path finder, as a "
                "regular install would be",
                "no_library_at_import": clean,
                "mapped_sdk_libraries": check["libraries"],
                "watched_modules_loaded": check["modules"],
            },
        )
    ]


def _install_kind(module_file: str) -> str:
    """How hcnetsdk is installed for this interpreter, for the report."""
    in_tree = Path(module_file).resolve().is_relative_to(REPO / "src")
    finder = any("__editable__" in name for name in os.listdir(_site_packages()))
    if in_tree and finder:
        return "editable install"
    if in_tree:
        return "source tree on sys.path"
    return "regular install"


def _site_packages() -> str:
    import sysconfig

    return sysconfig.get_paths()["purelib"]


# --- running and reporting -----------------------------------------------------------------
BENCHMARKS = ("call", "failure", "parallel", "memory", "import")


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    status = _git("status", "--porcelain", "--", "src")
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "src_uncommitted_changes": bool(status) if status is not None else None,
        "hcnetsdk_version": hcnetsdk.__version__,
    }


def run(selected: Sequence[str], settings: Settings) -> list[Result]:
    results: list[Result] = []
    fixture: Fixture | None = None
    try:
        for name in selected:
            if name == "import":
                results += bench_import(settings)
                continue
            if fixture is None:
                fixture = _open_fixture()
            bench = {
                "call": bench_call_overhead,
                "failure": bench_failure_path,
                "parallel": bench_parallel_logins,
                "memory": bench_memory,
            }[name]
            results += bench(fixture, settings)
    finally:
        if fixture is not None:
            fixture.sdk.cleanup()
    return results


def format_table(results: Sequence[Result]) -> str:
    header = ("benchmark", "measured", "target", "ratio", "verdict")
    rows = [
        (
            r.title,
            r.summary,
            f"{r.comparison} {r.target:g} {r.unit}",
            f"{r.ratio:.2f}",
            "ok" if r.meets_target else "MISS",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(header, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmarks of hcnetsdk against the fake SDK (ratios measured in one run)."
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    parser.add_argument(
        "--quick", action="store_true", help="a fast smoke run (fewer, shorter samples)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=BENCHMARKS,
        metavar="NAME",
        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 when a target is missed"
    )
    args = parser.parse_args(argv)
    settings = Settings.quick() if args.quick else Settings()
    selected = [name for name in BENCHMARKS if not args.only or name in args.only]

    command = "python benchmarks/run.py" + (" " + " ".join(argv) if argv else "")
    if argv is None:
        command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    info = machine_info()
    started = time.perf_counter()
    results = run(selected, settings)
    elapsed = time.perf_counter() - started

    print(
        f"hcnetsdk benchmarks ({'quick' if args.quick else 'full'}), Python {info['python']}, "
        f"{info['platform']}, {info['cpu_count']} CPUs ({info['cpu']}), commit {info['commit']}"
    )
    print(format_table(results))
    missed = [r.name for r in results if not r.meets_target]
    print(f"{len(results) - len(missed)}/{len(results)} targets met in {elapsed:.1f} s")
    if args.json is not None:
        document = {
            "command": command.strip(),
            "mode": "quick" if args.quick else "full",
            "machine": info,
            "elapsed_s": elapsed,
            "settings": asdict(settings),
            "benchmarks": {r.name: asdict(r) for r in results},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
