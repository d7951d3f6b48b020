"""hcnetsdk.testing over ISAPI, PTZ, recordings and live streams: scripting, reading back, and
the same in a site file (for the CLI)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import hcnetsdk
from _sitecli import run_on_site
from hcnetsdk import _simsite
from hcnetsdk._simsite import SiteFileError
from hcnetsdk.testing import FakeSite

DAY = dt.datetime(2024, 3, 10)


def test_isapi_answers_and_requests_read_back(
    hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK
) -> None:
    nvr = hcnetsdk_site.add_nvr(
        port=8000,
        isapi={
            "get /ISAPI/Custom/a": "<a/>",
            "GET /ISAPI/Custom/slow": {"body": b"<slow/>", "latency": 0.05},
        },
    )
    camera = hcnetsdk_site.add_camera(port=8001)
    nvr.set_isapi_answers({"PUT /ISAPI/Custom/a": {"error": 29, "status": "<ResponseStatus/>"}})
    with hcnetsdk_sdk.login("127.0.0.1", 8000, username="admin", password="12345") as device:
        assert device.isapi.get("/ISAPI/Custom/a").text == "<a/>"
        assert device.isapi.get("/ISAPI/Custom/slow").text == "<slow/>"
        with pytest.raises(hcnetsdk.HCNetSDKError) as caught:
            device.isapi.put("/ISAPI/Custom/a", "<a>1</a>")
        assert caught.value.code == 29
        nvr.clear_isapi_answers()
        with pytest.raises(hcnetsdk.HCNetSDKError):
            device.isapi.get("/ISAPI/Custom/a")  # the fake's own tree has no such path
    requests = nvr.isapi_requests
    assert [r.line for r in requests] == [
        "GET /ISAPI/Custom/a",
        "GET /ISAPI/Custom/slow",
        "PUT /ISAPI/Custom/a",
        "GET /ISAPI/Custom/a",
    ]
    assert requests[2].body == b"<a>1</a>"
    assert [r.result for r in requests] == [0, 0, 29, requests[3].result]
    assert requests[3].result != 0
    assert camera.isapi_requests == []


@pytest.mark.parametrize(
    ("answers", "error", "message"),
    [
        ({"FETCH /ISAPI/x": "b"}, ValueError, "METHOD /path"),
        ({"GET ISAPI/x": "b"}, ValueError, "METHOD /path"),
        ({"GET /ISAPI/x": 5}, TypeError, "must be a body"),
        ({"GET /ISAPI/x": {"bodyy": "b"}}, TypeError, "must be a body"),
        ({"GET /ISAPI/x": {"body": 1}}, TypeError, "body of"),
        ({"GET /ISAPI/x": {"status": 1}}, TypeError, "status of"),
        ({"GET /ISAPI/x": {"error": -1}}, ValueError, "error of"),
        ({"GET /ISAPI/x": {"latency": 4000}}, ValueError, "0..3600"),
        ({1: "b"}, TypeError, "must be a str"),
    ],
)
def test_bad_isapi_answers_are_refused(
    hcnetsdk_site: FakeSite, answers: dict[object, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        hcnetsdk_site.add_nvr(port=8000, isapi=answers)  # type: ignore[arg-type]
    assert hcnetsdk_site.devices == ()


def test_ptz_commands_read_back(hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK) -> None:
    camera = hcnetsdk_site.add_camera(port=8001)
    other = hcnetsdk_site.add_camera(port=8002)
    with hcnetsdk_sdk.login("127.0.0.1", 8001, username="admin", password="12345") as device:
        ptz = device.ptz()
        ptz.set_preset(7)
        with ptz.moving(pan=-1, speed=3):
            state = camera.ptz_state(1)
            assert (state.moving != 0, state.speed) == (True, 3)
        ptz.goto_preset(7)
    assert camera.ptz_state(1).moving == 0
    assert camera.ptz_state(1).preset == 7
    assert camera.preset_is_set(1, 7)
    assert not camera.preset_is_set(1, 8)
    calls = camera.ptz_commands
    assert [(c.kind, c.argument) for c in calls] == [
        ("preset", 7),
        ("control", 0),
        ("control", 1),
        ("preset", 7),
    ]
    assert calls[1].speed == 3
    assert other.ptz_commands == []


def test_recordings_downloads_and_streams_of_the_site(
    hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK, tmp_path: Path
) -> None:
    hcnetsdk_site.add_nvr(port=8000)
    hcnetsdk_site.set_recordings(search_polls=0, record_bps=10, download_rate=1_000_000)
    hcnetsdk_site.set_stream(bits_per_second=0, packet_size=512)
    assert hcnetsdk_site.control.get_int("rate") == 1_000_000
    with pytest.raises(ValueError, match="out of range"):
        hcnetsdk_site.set_recordings(abort_at=100)
    with pytest.raises(TypeError, match="must be an int"):
        hcnetsdk_site.set_recordings(search_polls=1.5)  # type: ignore[arg-type]
    start, end = DAY.replace(hour=1), DAY.replace(hour=1, minute=30)
    with hcnetsdk_sdk.login("127.0.0.1", 8000, username="admin", password="12345") as device:
        results = device.recordings(33, DAY, DAY + dt.timedelta(days=1))
        next(results)
        assert hcnetsdk_site.open_searches == 1
        results.close()
        assert hcnetsdk_site.open_searches == 0
        with device.live(33) as live:
            assert hcnetsdk_site.open_streams == 1
            live.get(timeout=5)
            assert len(live.get(timeout=5).data) == 512
        assert hcnetsdk_site.open_streams == 0
        target = device.download(tmp_path / "a.mp4", channel=33, start=start, end=end).wait(10)
        assert target.read_bytes() == hcnetsdk_site.recording_bytes(33, start, end)
        assert len(target.read_bytes()) == 30 * 60 * 10
        hcnetsdk_site.set_recordings(abort_at=10)
        with pytest.raises(hcnetsdk.DownloadAbortedError):
            device.download(tmp_path / "b.mp4", channel=33, start=start, end=end).wait(10)
        hcnetsdk_site.set_recordings(abort_at=-1)
        device.download(tmp_path / "c.mp4", channel=33, start=start, end=end).wait(10)
    assert hcnetsdk_site.open_downloads == 0


SITE = {
    "recordings": {"search_polls": 0, "download_rate": 123_456, "record_bps": 20, "abort_at": 40},
    "stream": {"bits_per_second": 1_000_000, "packet_size": 1024},
    "devices": [
        {
            "kind": "nvr",
            "port": 8000,
            "isapi": {
                "GET /ISAPI/Custom/status": "<Status>busy</Status>",
                "PUT /ISAPI/Custom/status": {"error": 23},
            },
        }
    ],
}


def test_a_site_file_with_isapi_recordings_and_stream(tmp_path: Path) -> None:
    file = tmp_path / "site.json"
    file.write_text(json.dumps(SITE))
    spec = _simsite.load_site_file(file)
    assert spec.recordings == {"search_polls": 0, "rate": 123_456, "record_bps": 20, "abort_at": 40}
    assert spec.stream == {"bits_per_second": 1_000_000, "packet_size": 1024}
    with FakeSite() as site, site.sdk() as sdk:
        (nvr,) = site.load(file)
        assert site.control.get_int("rate") == 123_456
        assert site.control.get_int("abort_at") == 40
        with sdk.login("127.0.0.1", 8000, username="admin", password="12345") as device:
            assert device.isapi.get("/ISAPI/Custom/status").text == "<Status>busy</Status>"
            with pytest.raises(hcnetsdk.HCNetSDKError):
                device.isapi.put("/ISAPI/Custom/status", "<Status/>")
        assert [r.line for r in nvr.isapi_requests][-1] == "PUT /ISAPI/Custom/status"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"recordings": {"speed": 1}}, "recordings: unknown recordings setting 'speed'"),
        ({"recordings": {"abort_at": "half"}}, "recordings: recordings.abort_at must be an int"),
        ({"recordings": []}, "recordings: recordings must be a table"),
        ({"stream": {"fps": 25}}, "stream must be a table of"),
        ({"stream": {"packet_size": "big"}}, "must be ints"),
        ({"devices": [{"port": 1, "isapi": {"GET x": "b"}}]}, r"devices\[0\].isapi: .*METHOD"),
        ({"devices": [{"port": 1, "isapi": ["GET /x"]}]}, r"devices\[0\].isapi: isapi must map"),
    ],
)
def test_bad_feature_keys_in_a_site_file(data: object, message: str) -> None:
    with pytest.raises(SiteFileError, match=message):
        _simsite.parse_site(data)


def test_the_cli_uses_isapi_answers_of_the_site_file(fake_sdk_path: Path, tmp_path: Path) -> None:
    site = tmp_path / "site.json"
    site.write_text(json.dumps(SITE))
    done = run_on_site(fake_sdk_path, site, "isapi", "127.0.0.1", "GET", "/ISAPI/Custom/status")
    assert done.returncode == 0, done.stderr
    assert "<Status>busy</Status>" in done.stdout
