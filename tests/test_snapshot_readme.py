"""README.md's "Snapshots" and "Device information" sections run against the simulator, as
written (only ``host`` and ``pw`` are given), and the claims next to them hold."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk import snapshot
from hcnetsdk._simcontrol import FakeSDKControl

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def python_block(title: str) -> str:
    blocks = re.findall(r"^```python\n(.*?)^```", section(title), re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1
    return str(blocks[0])


@pytest.fixture
def simulated(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fake_sdk_path: Path,
    fake_control: FakeSDKControl,
) -> FakeSDKControl:
    monkeypatch.setenv("HCNETSDK_LIB", "simulator")
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    monkeypatch.chdir(tmp_path)
    return fake_control


def run(title: str) -> None:
    namespace = {"hcnetsdk": hcnetsdk, "datetime": datetime, "host": "127.0.0.1", "pw": "12345"}
    exec(compile(python_block(title), f"README {title}", "exec"), namespace)


def test_the_snapshots_section_runs(
    simulated: FakeSDKControl, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("Snapshots")
    assert (tmp_path / "gate.jpg").read_bytes().startswith(b"\xff\xd8")
    assert simulated.get_int("last_snapshot_channel") == 35
    assert capsys.readouterr().out.endswith(" bytes\n")


def test_the_device_information_section_runs(
    simulated: FakeSDKControl, capsys: pytest.CaptureFixture[str]
) -> None:
    run("Device information")
    out = capsys.readouterr().out
    assert "V4.30.5 build 230410" in out
    assert "36 ip IPCamera 04 False 192.168.1.104" in out
    assert simulated.get_int("reboots") == 1


def test_the_stated_buffer_sizes_are_the_real_ones() -> None:
    text = section("Snapshots")
    assert snapshot.FIRST_BUFFER == 1024 * 1024
    assert "1 MiB buffer first" in text
    assert snapshot.MAX_BUFFER == 64 * 1024 * 1024
    assert "up to 64 MiB" in text
