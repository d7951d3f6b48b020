"""``hcnetsdk isapi``, what ``hcnetsdk explain`` says about ISAPI names, and examples/isapi.py,
against the simulator."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hcnetsdk import cli
from hcnetsdk._simcontrol import FakeSDKControl

SECRET = "12345"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "isapi.py"


@pytest.fixture
def sim(
    monkeypatch: pytest.MonkeyPatch, fake_sdk_path: Path, fake_control: FakeSDKControl
) -> FakeSDKControl:
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    monkeypatch.delenv("HCNETSDK_LIB", raising=False)
    monkeypatch.setenv("HCNETSDK_PASSWORD", SECRET)
    return fake_control


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_get_prints_the_body(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, "--simulator", "isapi", "127.0.0.1", "GET", "/ISAPI/System/deviceInfo"
    )
    assert status == 0, err
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<DeviceInfo')
    assert "<serialNumber>DS-7608NI-K20820230410CCRRF00000001WCVU</serialNumber>" in out
    assert SECRET not in out + err
    assert sim.isapi_requests()[-1].line == "GET /ISAPI/System/deviceInfo"


def test_put_with_data_from_a_file_and_stdin_as_json(
    sim: FakeSDKControl,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = b"<Time><timeMode>manual</timeMode></Time>"
    (tmp_path / "time.xml").write_bytes(body)
    argv = ["isapi", "127.0.0.1", "put", "/ISAPI/System/time", "--simulator", "--json"]
    status, out, err = run(capsys, *argv, "--data", str(tmp_path / "time.xml"))
    assert status == 0, err
    data = json.loads(out)
    assert (data["ok"], data["method"], data["size"], data["body"]) == (True, "PUT", 0, "")
    assert data["status"]["status_code"] == 1
    assert data["status"]["sub_status_code"] == "ok"
    assert sim.isapi_requests()[-1].body == body
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<Time>x</Time>")))
    status, out, err = run(capsys, *argv, "--data", "-")
    assert status == 0, err
    assert sim.isapi_requests()[-1].body == b"<Time>x</Time>"
    status, out, _ = run(
        capsys, "isapi", "127.0.0.1", "GET", "/ISAPI/AccessControl/Door/param/1?format=json",
        "--simulator", "--json",
    )  # fmt: skip
    assert json.loads(out)["json"]["DoorParam"]["openDuration"] == 5


def test_a_device_error_shows_its_response_status(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["isapi", "127.0.0.1", "GET", "/ISAPI/Test/status/4", "--simulator"]
    status, out, err = run(capsys, *argv)
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(
        "hcnetsdk isapi: error: IsapiInvalidOperationError[DVROperateFailedError] "
        "(29 NET_DVR_DVROPRATEFAILED)"
    )
    assert lines[1].startswith("the device answered: statusCode 4 (Invalid Operation), ")
    assert "subStatusCode invalidOperation" in lines[1]
    assert "errorCode 1073741825 (0x40000001)" in lines[1]
    assert lines[1].endswith(" explain invalidOperation` tells more")
    status, out, err = run(capsys, *argv, "--json")
    assert status == 1
    data = json.loads(out)
    assert data["ok"] is False
    assert data["status"] == {
        "request_url": "/ISAPI/Test/status/4",
        "status_code": 4,
        "status_string": "Invalid Operation",
        "sub_status_code": "invalidOperation",
        "error_code": 0x40000001,
        "error_msg": "invalid operation",
    }
    assert data["error"]["code"] == 29
    assert "IsapiError" in data["error"]["catch_as"]
    assert "DVROperateFailedError" in data["error"]["catch_as"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["PATCH", "/ISAPI/x"], "METHOD must be GET, PUT, POST or DELETE"),
        (["GET", "/cgi-bin/x"], "path must start with /ISAPI/ or /SDK/"),
        (["GET", "/ISAPI/x", "--timeout", "9"], "timeout must be at most 5 s"),
        (["PUT", "/ISAPI/x", "--data", "/no/such/file"], "cannot read --data /no/such/file"),
    ],
)
def test_usage_errors_never_reach_the_sdk(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, _, err = run(capsys, "isapi", "127.0.0.1", *args, "--simulator")
    assert status == 2
    assert message in err
    assert sim.get_int("calls:NET_DVR_STDXMLConfig") == 0
    assert sim.get_int("login_connects") == 0  # refused before any login


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("lowPrivilege", ["statusCode 4, Invalid Operation", "hcnetsdk.IsapiPermissionError"]),
        ("LOWPRIVILEGE", ["lowPrivilege: an ISAPI subStatusCode", "PermissionError"]),
        ("notSupport", ["hcnetsdk.IsapiNotSupportedError", "NotSupportedError"]),
        ("badAuthorization", ["IsapiAuthorizationError", "AuthenticationError"]),
        ("deviceBusy", ["statusCode 2, Device Busy", "DeviceBusyError"]),
        ("badXmlContent", ["statusCode 6", "IsapiInvalidXMLContentError", "ParameterError"]),
        ("rebootRequired", ["statusCode 7, Reboot Required", "IsapiRebootRequiredError"]),
        ("IsapiPermissionError", ["an ISAPI error class", "lowPrivilege:"]),
        ("IsapiError", ["an ISAPI error class", "deviceBusy:", "badParameters:"]),
    ],
)
def test_explain_knows_isapi_names(
    capsys: pytest.CaptureFixture[str], name: str, expected: list[str]
) -> None:
    status, out, err = run(capsys, "explain", name)
    assert status == 0, err
    for part in expected:
        assert part in out, part


def test_explain_isapi_as_json_and_codes_still_first(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "lowPrivilege", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["kind"] == "isapi sub-status"
    assert (data["status_code"], data["class"]) == (4, "hcnetsdk.IsapiPermissionError")
    assert "PermissionDeniedError" in data["catch_as"]
    status, out, _ = run(capsys, "explain", "23")
    assert "NET_DVR_NOSUPPORT (23)" in out
    status, _, err = run(capsys, "explain", "noSuchSubStatus")
    assert status == 2
    assert "unknown error name" in err


def test_the_example_tours_the_simulator(fake_sdk_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HCNETSDK_")}
    env["HCNETSDK_SIMULATOR_CACHE"] = str(fake_sdk_path.parent.parent)
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "--simulator"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "device:   Network Video Recorder (DS-7608NI-K208)"
    assert lines[1] == "serial:   DS-7608NI-K20820230410CCRRF00000001WCVU"
    assert "PUT time: statusCode 1 (OK)" in lines
    assert "now:      manual time" in lines
    assert "door 1:   Door 1, opens for 5 s" in lines
    assert "thermal:  not supported (notSupport, SDK code 23)" in lines
    assert lines[-1] == "busy:     Device Busy (deviceBusy): retry later"
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "127.0.0.1", "--simulator"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2  # a named host needs a password: none without a terminal
    assert "isapi.py: no password" in done.stderr
