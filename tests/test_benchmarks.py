"""Smoke test of the benchmark script: it runs and writes a well-formed JSON report.

No timing or target is asserted here (timed assertions are flaky on shared machines): the
figures are read by people from ``benchmarks/README.md``, this only proves the script works.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"

EXPECTED = {
    "call_overhead_public",
    "call_overhead_native",
    "failure_path_public",
    "failure_path_native",
    "parallel_logins",
    "memory_login_logout",
    "import_cost",
}


def test_quick_run_writes_every_benchmark(tmp_path: Path, fake_sdk_path: Path) -> None:
    output = tmp_path / "bench.json"
    env_cache = str(fake_sdk_path.parent.parent)  # reuse the session's build of the fake
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--json", str(output)],
        capture_output=True,
        text=True,
        timeout=50,
        check=False,
        env={**os.environ, "HCNETSDK_SIMULATOR_CACHE": env_cache},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "benchmark" in done.stdout  # the table was printed

    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["mode"] == "quick"
    machine = document["machine"]
    for key in ("python", "platform", "cpu_count"):
        assert machine[key], key
    benchmarks = document["benchmarks"]
    assert set(benchmarks) == EXPECTED
    for name, result in benchmarks.items():
        assert result["name"] == name
        for key in ("ratio", "measured", "target"):
            value = result[key]
            assert isinstance(value, (int, float)), (name, key)
            assert not isinstance(value, bool), (name, key)
            assert math.isfinite(value), (name, key)
        assert isinstance(result["meets_target"], bool), name
        assert result["comparison"] in ("<", "<="), name
        assert result["unit"], name


def test_the_events_benchmark_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT.parent / "events_bench.py"),
            "--quick",
            "--events",
            "2000",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text())
    assert data["events_per_round"] == 2000
    assert data["bare_events_per_s"] > 0
    assert data["naive_bare_events_per_s"] > 0
    assert data["bridge_events_per_s"] > 0
    assert data["threads_pinned"] >= 1  # the fake's event thread keeps its thread state
    assert data["lost"] == 0  # the queue holds a whole round: nothing may be dropped
    assert data["latency_p99_us"] >= data["latency_p50_us"] >= 0
    assert "events/s" in done.stdout


def test_the_snapshot_benchmark_runs_and_reports(tmp_path: Path, fake_sdk_path: Path) -> None:
    out = tmp_path / "snapshot.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT.parent / "snapshot_bench.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "HCNETSDK_SIMULATOR_CACHE": str(fake_sdk_path.parent.parent)},
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text())
    assert data["pictures_per_round"] == 200
    assert data["bare_us"] > 0
    assert data["public_us"] > 0
    assert abs(data["ratio_public_over_bare"] - data["public_us"] / data["bare_us"]) < 0.05
    assert isinstance(data["meets_ratio"], bool)
    assert "per picture" in done.stdout


def test_the_download_benchmark_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "download.json"
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT.parent / "download_bench.py"),
            "--quick",
            "--rate",
            "2000000",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text())
    assert data["downloads"] == 4
    assert data["bytes_per_download"] == 2_000_000
    assert len(data["python_cpu_share_per_download"]) == 4
    assert data["worst_python_cpu_share"] == max(data["python_cpu_share_per_download"])
    assert all(calls >= 2 for calls in data["progress_calls"])  # at least 0 and 100
    assert "% of one core per download" in done.stdout


def test_the_stream_benchmark_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "stream.json"
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT.parent / "stream_bench.py"),
            "--quick",
            "--packets",
            "500",
            "--channels",
            "4",
            "--seconds",
            "0.5",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text())
    assert data["packets_per_round"] == 500
    assert data["bare_mb_per_s"] > 0
    assert data["bridge_mb_per_s"] > 0
    assert data["dropped"] == 0  # the queue holds a whole round: nothing may be dropped
    many = data["many_channels"]
    assert many["channels"] == 4
    assert many["bytes_written"] == many["bytes_sent"] > 0
    assert "MB/s" in done.stdout


def test_the_isapi_benchmark_runs_and_reports(tmp_path: Path, fake_sdk_path: Path) -> None:
    out = tmp_path / "isapi.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT.parent / "isapi_bench.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HCNETSDK_SIMULATOR_CACHE": str(fake_sdk_path.parent.parent)},
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text())
    assert data["raw_us"] > 0
    assert data["wrapped_us"] > 0
    assert data["xml_parse_us"] > 0
    assert abs(data["ratio_wrapped_over_raw"] - data["wrapped_us"] / data["raw_us"]) < 0.05
    assert isinstance(data["meets_target"], bool)
    assert "device.isapi.get" in done.stdout


def test_the_aio_benchmark_runs_and_reports(tmp_path: Path, fake_sdk_path: Path) -> None:
    out = tmp_path / "aio.json"
    env = dict(os.environ, HCNETSDK_SIMULATOR_CACHE=str(fake_sdk_path.parent.parent))
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT.parent / "aio_bench.py"),
            "--logins",
            "20",
            "--latency",
            "0.02",
            "--rounds",
            "1",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text())
    assert data["logins"] == 20
    assert 1 <= data["max_logins_in_flight"] <= 20  # how many overlap is the measurement
    assert data["ratio"] > 0
    assert isinstance(data["meets_target"], bool)
