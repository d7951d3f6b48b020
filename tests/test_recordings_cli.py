"""``hcnetsdk recordings`` against the simulator: the table, ``--json``, refused arguments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hcnetsdk import cli
from hcnetsdk._simcontrol import FakeSDKControl


@pytest.fixture
def sim(
    monkeypatch: pytest.MonkeyPatch, fake_sdk_path: Path, fake_control: FakeSDKControl
) -> FakeSDKControl:
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    monkeypatch.delenv("HCNETSDK_LIB", raising=False)
    monkeypatch.setenv("HCNETSDK_PASSWORD", "12345")
    return fake_control


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


WINDOW = ("--from", "2024-03-10T06:00", "--to", "2024-03-10 11:00:00")


def test_a_table_of_recordings(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, "--simulator", "recordings", "127.0.0.1", "--channel", "33", *WINDOW
    )
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "START", "END", "SIZE", "KIND", "LOCKED"]
    assert lines[1].split() == [
        "ch0033_20240310060000", "2024-03-10", "06:00:00", "2024-03-10", "07:00:00", "3.4", "MiB",
        "timed",
    ]  # fmt: skip
    assert lines[3].endswith("timed   yes")  # 08:00 is locked
    assert lines[5].split()[-1] == "motion"
    assert lines[-1] == "5 recording(s), 17.2 MiB"
    assert "12345" not in out


def test_json_and_the_kind_filter(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "recordings", "127.0.0.1", "--channel", "34", *WINDOW, "--kind", "motion",
        "--json", "--simulator",
    )  # fmt: skip
    assert status == 0
    data = json.loads(out)
    assert data["ok"] is True
    assert data["recordings"] == [
        {
            "name": "ch0034_20240310100000",
            "channel": 34,
            "start": "2024-03-10T10:00:00",
            "end": "2024-03-10T11:00:00",
            "size": 3600000,
            "kind": "motion",
            "locked": False,
        }
    ]
    assert sim.get_int("last_find_type") == 1


def test_an_offset_is_converted_to_local_time(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    monkeypatch.setenv("TZ", "UTC-02:00")
    time.tzset()
    try:
        status, _, _ = run(
            capsys, "--simulator", "recordings", "127.0.0.1", "--channel", "33",
            "--from", "2024-03-10T04:00Z", "--to", "2024-03-10T05:00+00:00",
        )  # fmt: skip
    finally:
        monkeypatch.undo()
        time.tzset()
    assert status == 0
    assert sim.get_int("last_find_from") % 86400 == 6 * 3600


def test_nothing_found(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "--simulator", "recordings", "127.0.0.1", "--channel", "33",
        "--from", "2024-03-10T03:00", "--to", "2024-03-10T05:00",
    )  # fmt: skip
    assert status == 0
    assert out.startswith("no recordings on channel 33")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--channel", "3", *WINDOW], "channel 3 does not exist (the device's channels: 33-40)"),
        (["--channel", "33", "--from", "2024-03-10", "--to", "2024-03-09"], "must be before end"),
        (["--channel", "33", "--from", "yesterday", "--to", "2024-03-09"], "is not a date"),
    ],
)
def test_refused_arguments_are_usage_errors(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, _out, err = run(capsys, "--simulator", "recordings", "127.0.0.1", *argv)
    assert status == 2
    assert message in err
    assert sim.get_int("calls:NET_DVR_FindFile_V40") == 0


def test_a_failed_search_is_reported(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]
) -> None:
    sim.playback_set(search_exception_after=0)
    status, out, _err = run(
        capsys, "--simulator", "recordings", "127.0.0.1", "--channel", "33", *WINDOW, "--json"
    )
    assert status == 1
    data = json.loads(out)
    assert data["ok"] is False
    assert "NET_DVR_FILE_EXCEPTION" in json.dumps(data["error"])
