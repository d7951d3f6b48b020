"""``hcnetsdk live`` and ``hcnetsdk ptz`` against the simulator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hcnetsdk import cli
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simstream import HEADER_SIZE

PACKET = 8192


@pytest.fixture
def sim(
    monkeypatch: pytest.MonkeyPatch, fake_sdk_path: Path, fake_control: FakeSDKControl
) -> FakeSDKControl:
    """--simulator builds into pytest's cache (the same library as ``fake_control``)."""
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    monkeypatch.delenv("HCNETSDK_LIB", raising=False)
    monkeypatch.setenv("HCNETSDK_PASSWORD", "12345")
    return fake_control


def test_live_to_a_file(
    sim: FakeSDKControl, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim.stream_config(bits_per_second=0, packets=20, record_limit=1 << 20)
    out = tmp_path / "cam.ps"
    limit = HEADER_SIZE + 20 * PACKET
    argv = ["--simulator", "live", "127.0.0.1", "--channel", "34", "-o", str(out)]
    status = cli.main([*argv, "--max-bytes", str(limit), "--seconds", "30"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert out.read_bytes() == sim.stream_sent(0)
    assert f"wrote {limit} bytes to {out} (0 packet(s) dropped)" in captured.out
    assert sim.stream_info(0)["channel"] == 34
    assert sim.get_int("logged_in_users") == 0  # logged out, stream stopped
    assert sim.get_int("streams_open") == 0

    status = cli.main([*argv, "--seconds", "0.1", "--json", "--stream", "sub"])
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert data["ok"] is True
    assert data["bytes"] >= HEADER_SIZE
    assert data["dropped"] == 0
    assert sim.stream_info(0)["stream_type"] == 1


def test_live_to_stdout_for_a_pipe(sim: FakeSDKControl, fake_sdk_path: Path) -> None:
    sim.stream_config(bits_per_second=0, packets=10)
    env = {**os.environ, "HCNETSDK_LIB": str(fake_sdk_path), "HCNETSDK_PASSWORD": "12345"}
    argv = ["-m", "hcnetsdk", "live", "127.0.0.1", "-o", "-", "--seconds", "30", "--max-bytes"]
    done = subprocess.run(
        [sys.executable, *argv, str(HEADER_SIZE + 10 * PACKET)],
        capture_output=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout) == HEADER_SIZE + 10 * PACKET  # only the stream on stdout
    assert done.stdout[:4] == b"IMKH"
    assert b"live: channel 33 (main)" in done.stderr


def test_live_refuses_what_it_cannot_do(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = cli.main(["--simulator", "live", "127.0.0.1", "-o", "-", "--json"])
    assert status == 2
    assert "--json cannot be used with -o -" in capsys.readouterr().out
    out = tmp_path / "x.ps"
    status = cli.main(["--simulator", "live", "127.0.0.1", "--channel", "1", "-o", str(out)])
    assert status == 2
    assert "channel 1 does not exist" in capsys.readouterr().err
    assert not out.exists()  # no file for a stream that never started
    for bad in (["--seconds", "0"], ["--seconds", "nan"], ["--max-bytes", "0"]):
        assert cli.main(["--simulator", "live", "127.0.0.1", "-o", str(out), *bad]) == 2, bad
        assert "must be positive" in capsys.readouterr().err
    assert not out.exists()
    status = cli.main(["--simulator", "live", "127.0.0.9", "-o", os.devnull])
    assert status == 1
    assert sim.get_int("calls:NET_DVR_RealPlay_V40") == 0


def test_ptz_preset_and_move(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["--simulator", "ptz", "127.0.0.1", "--channel", "35", "--preset", "3"])
    assert status == 0, capsys.readouterr().err
    assert "channel 35: goto preset 3" in capsys.readouterr().out
    argv = ["--simulator", "ptz", "127.0.0.1", "--pan", "-1", "--speed", "6", "--seconds", "0.01"]
    status = cli.main([*argv, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert (data["action"], data["channel"], data["pan"], data["speed"]) == ("move", 33, -1, 6)
    log = sim.ptz_log()
    assert [(c.kind, c.channel, c.command, c.argument, c.speed) for c in log] == [
        ("preset", 35, 39, 3, 0),
        ("control", 33, 23, 0, 6),
        ("control", 33, 23, 1, 6),
    ]


def test_ptz_usage_errors(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--simulator", "ptz", "127.0.0.1"]
    for extra, message in (
        ([], "nothing to do"),
        (["--preset", "1", "--pan", "1"], "not both"),
        (["--preset", "301"], "preset must be between 1 and 300"),
        (["--pan", "1", "--speed", "9"], "speed must be between 1 and 7"),
        (["--pan", "1", "--seconds", "0"], "--seconds must be between 0 and 3600"),
    ):
        assert cli.main([*base, *extra]) == 2, extra
        captured = capsys.readouterr()
        assert message in captured.err + captured.out, extra
    assert sim.ptz_log() == []
