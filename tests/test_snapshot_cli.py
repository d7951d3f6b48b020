"""``hcnetsdk snapshot`` and ``hcnetsdk channels`` against the simulator, in process."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from hcnetsdk import cli
from hcnetsdk._simconfig import SNAPSHOT_NOT_JPEG
from hcnetsdk._simcontrol import FakeSDKControl

SECRET = "12345"
CALLS = "calls:NET_DVR_CaptureJPEGPicture_NEW"


@pytest.fixture
def sim(
    monkeypatch: pytest.MonkeyPatch, fake_sdk_path: Path, fake_control: FakeSDKControl
) -> FakeSDKControl:
    """--simulator builds into pytest's cache; the password comes from the environment."""
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    monkeypatch.delenv("HCNETSDK_LIB", raising=False)
    monkeypatch.setenv("HCNETSDK_PASSWORD", SECRET)
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    return fake_control


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(["--simulator", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# ---- snapshot ---------------------------------------------------------------------------------
def test_snapshot_writes_the_file(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "gate.jpg"
    status, out, err = run(capsys, "snapshot", "127.0.0.1", "--channel", "34", "-o", str(target))
    assert (status, err) == (0, "")
    data = target.read_bytes()
    assert data.startswith(b"\xff\xd8")
    assert data.endswith(b"\xff\xd9")
    assert out == f"channel 34 of admin@127.0.0.1:8000 -> {target} ({len(data)} bytes)\n"
    assert sim.get_int("last_snapshot_channel") == 34
    assert SECRET not in out + err


def test_snapshot_json_with_size_and_quality(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "cam.jpg"
    status, out, _ = run(
        capsys,
        "snapshot",
        "127.0.0.1",
        "--port",
        "8001",
        "-o",
        str(target),
        "--size",
        "cif",
        "--quality",
        "average",
        "--json",
    )
    assert status == 0
    assert json.loads(out) == {
        "host": "127.0.0.1",
        "port": 8001,
        "user": "admin",
        "ok": True,
        "channel": 1,
        "path": str(target),
        "bytes": target.stat().st_size,
    }
    assert (sim.get_int("last_snapshot_size"), sim.get_int("last_snapshot_quality")) == (0, 2)


def test_a_missing_channel_is_a_usage_error_before_the_sdk(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(
        capsys, "snapshot", "127.0.0.1", "--channel", "2", "-o", str(tmp_path / "x.jpg")
    )
    assert status == 2
    assert "channel 2 does not exist (the device's channels: 33-40)" in err
    assert out == ""
    assert sim.get_int(CALLS) == 0
    assert list(tmp_path.iterdir()) == []


def test_a_non_jpeg_answer_fails_and_keeps_the_file(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "gate.jpg"
    target.write_bytes(b"old")
    sim.set_snapshot_mode(0, SNAPSHOT_NOT_JPEG)
    status, _, err = run(capsys, "snapshot", "127.0.0.1", "-o", str(target))
    assert status == 1
    assert err.startswith("hcnetsdk snapshot: error: NET_DVR_CaptureJPEGPicture_NEW returned")
    assert "not a JPEG picture" in err
    status, out, _ = run(capsys, "snapshot", "127.0.0.1", "-o", str(target), "--json")
    assert status == 1
    error = json.loads(out)["error"]
    assert error["class"] == "SnapshotError"
    assert error["channel"] == 33
    assert error["received_bytes"] > 0
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["gate.jpg"]


def test_an_sdk_failure_is_reported_with_its_code(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(
        capsys, "snapshot", "127.0.0.1", "--channel", "36", "-o", str(tmp_path / "x.jpg")
    )
    assert status == 1
    assert "DVROperateFailedError (29 NET_DVR_DVROPRATEFAILED)" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--size", "huge"], "not a picture size: 'huge'"),
        (["--size", "3000"], "not a PictureSize code"),
        (["--quality", "perfect"], "invalid choice: 'perfect'"),
        (["--channel", "x"], "invalid int value: 'x'"),
    ],
)
def test_bad_options_are_usage_errors(
    sim: FakeSDKControl,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    status, _, err = run(capsys, "snapshot", "127.0.0.1", "-o", str(tmp_path / "x.jpg"), *args)
    assert status == 2
    assert message in err
    assert sim.get_int(CALLS) == 0


def test_snapshot_needs_an_output(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "snapshot", "127.0.0.1")
    assert status == 2
    assert "-o/--output" in err


# ---- channels ---------------------------------------------------------------------------------
def test_channels_text(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    sim.set_field(0, "byCharEncodeType", 2)
    sim.set_channel(0, 33, name="前门".encode("gbk"))
    status, out, err = run(capsys, "channels", "127.0.0.1")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "8 channel(s) of admin@127.0.0.1:8000:"
    assert lines[1] == "  33  ip      online   前门 (192.168.1.101:8000, channel 1)"
    assert lines[4] == "  36  ip      offline  IPCamera 04 (192.168.1.104:8000, channel 1)"


def test_channels_json(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "channels", "127.0.0.1", "--port", "8001", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["ok"] is True
    assert data["channels"] == [
        {
            "number": 1,
            "kind": "analog",
            "name": "Camera 01",
            "enabled": True,
            "online": None,
            "address": None,
            "port": None,
            "remote_channel": None,
        }
    ]


def test_channels_of_a_device_that_is_not_there(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "channels", "127.0.0.1", "--port", "9000", "--json")
    assert status == 1
    data = json.loads(out)
    assert (data["port"], data["ok"], data["error"]["code"]) == (9000, False, 7)


def test_a_missing_folder_fails_before_the_login(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(capsys, "snapshot", "127.0.0.1", "-o", str(tmp_path / "no" / "x.jpg"))
    assert status == 1
    assert "FileNotFoundError: the folder of" in err
    assert "does not exist: create it first" in err
    assert sim.get_int("calls:NET_DVR_Login_V40") == 0
