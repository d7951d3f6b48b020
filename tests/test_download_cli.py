"""``hcnetsdk download`` against the simulator: the file, progress output, and Ctrl-C."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hcnetsdk import cli
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk.cli.download_cmd import Progress


@pytest.fixture
def sim(
    monkeypatch: pytest.MonkeyPatch, fake_sdk_path: Path, fake_control: FakeSDKControl
) -> FakeSDKControl:
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    monkeypatch.delenv("HCNETSDK_LIB", raising=False)
    monkeypatch.setenv("HCNETSDK_PASSWORD", "12345")
    fake_control.playback_set(record_bps=20, rate=200_000)
    return fake_control


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


WINDOW = ("--channel", "35", "--from", "2024-03-10T06:00", "--to", "2024-03-10T08:00")


def test_a_download_with_plain_progress_lines(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "clip.mp4"
    status, out, err = run(
        capsys, "--simulator", "download", "127.0.0.1", *WINDOW, "-o", str(target)
    )
    assert status == 0
    expected = sim.recording_bytes(35, dt.datetime(2024, 3, 10, 6), dt.datetime(2024, 3, 10, 8))
    assert target.read_bytes() == expected
    assert out == f"wrote {len(expected)} bytes to {target}\n"
    lines = err.splitlines()  # captured stderr is not a terminal: plain lines
    assert lines[-1] == f"{target}: 100%"
    assert all(line.startswith(f"{target}: ") for line in lines)
    assert "\r" not in err


def test_json_and_an_existing_file(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "clip.mp4"
    target.write_bytes(b"old")
    status, out, err = run(
        capsys, "--simulator", "download", "127.0.0.1", *WINDOW, "-o", str(target)
    )
    assert status == 2
    assert "exists; use --overwrite to replace it" in err
    assert target.read_bytes() == b"old"
    status, out, err = run(
        capsys, "--simulator", "download", "127.0.0.1", *WINDOW, "-o", str(target),
        "--overwrite", "--json",
    )  # fmt: skip
    assert status == 0
    assert json.loads(out) == {
        "host": "127.0.0.1", "port": 8000, "user": "admin", "channel": 35, "ok": True,
        "path": str(target), "size": 2 * 3600 * 20,
    }  # fmt: skip
    assert err == ""


def test_an_abnormal_end_fails_and_removes_the_file(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sim.playback_set(abort_at=20)
    target = tmp_path / "clip.mp4"
    status, _, err = run(capsys, "--simulator", "download", "127.0.0.1", *WINDOW, "-o", str(target))
    assert status == 1
    assert "ended abnormally" in err
    assert not target.exists()


def test_the_progress_bar_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = Progress(stream, "f.mp4")
    for percent in (0, 50, 100):
        progress(percent)
    text = stream.getvalue()
    assert text.count("\r") == 3
    assert "\rf.mp4 [" + "#" * 15 + "-" * 15 + "]  50%" in text
    assert text.endswith("[" + "#" * 30 + "] 100%\n")


def test_plain_lines_every_ten_percent() -> None:
    stream = io.StringIO()
    progress = Progress(stream, "f")
    for percent in (0, 3, 9, 10, 15, 37, 99, 100):
        progress(percent)
    assert stream.getvalue().splitlines() == ["f: 0%", "f: 10%", "f: 37%", "f: 99%", "f: 100%"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX")
def test_ctrl_c_cancels_and_removes_the_partial_file(fake_sdk_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "long.mp4"
    env = dict(os.environ)
    env.update(HCNETSDK_SIMULATOR_CACHE=str(fake_sdk_path.parent.parent), HCNETSDK_PASSWORD="12345")
    env.pop("HCNETSDK_LIB", None)
    argv = [
        sys.executable,
        "-m",
        "hcnetsdk",
        "--simulator",
        "download",
        "127.0.0.1",
        "--channel",
        "33",
        "--from",
        "2024-03-10T00:00",
        "--to",
        "2024-03-14T00:00",
        "-o",
        str(target),
    ]  # fmt: skip  (four days at the fake's default rate: minutes)
    child = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while not (target.exists() and target.stat().st_size > 100_000):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the download did not start"
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130, err
    assert "download cancelled; the partial file was removed" in err
    assert not target.exists()
