"""``hcnetsdk explain`` and ``hcnetsdk errors``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hcnetsdk import cli


def test_explain_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "7"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NET_DVR_NETWORK_FAIL_CONNECT (7)\n")
    assert "hcnetsdk.NetworkFailConnectError" in out
    assert "ConnectionFailedError" in out
    assert "ConnectionError" in out
    assert "Network library" in out
    assert "failed to connect to the device" in out
    assert "连接设备失败" in out
    assert "Possible causes:" in out
    assert "Check that the device is online" in out
    assert "防火墙阻止连接" in out
    assert out.index("Solutions:") < out.index("Solutions (Chinese):")


@pytest.mark.parametrize(
    "arg", ["net_dvr_password_error", "NET_DVR_PASSWORD_ERROR", "PasswordError"]
)
def test_explain_name(capsys: pytest.CaptureFixture[str], arg: str) -> None:
    assert cli.main(["explain", arg]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NET_DVR_PASSWORD_ERROR (1)")
    assert "hcnetsdk.PasswordError" in out
    assert "AuthenticationError" in out


def test_explain_header_name_without_table_entry(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "VCA_ERROR_INDEX"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NET_DVR_ID_ERROR (300)")
    assert "hcnetsdk.NetworkLibraryError" in out
    assert "not in the user's error table" in out


def test_explain_both_spellings(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "NET_SDK_ERR_REMOTE_DISCONNECT"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NET_SDK_ERR_REMOTE_DISCONNEC (803)")
    assert "NET_SDK_ERR_REMOTE_DISCONNECT" in out


def test_explain_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "153", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["code"] == 153
    assert data["name"] == "NET_DVR_USER_LOCKED"
    assert data["class"] == "hcnetsdk.UserLockedError"
    assert "AuthenticationError" in data["categories"]
    assert data["hints"]["solutions"]
    assert data["in_table"] is False


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        ("-3", "not negative"),
        ("99999", "unknown error code 99999"),
        ("12abc", "not an error code or name"),
        ("0xZZ", "not an error code or name"),
        ("", "empty"),
        ("NO_SUCH_CONSTANT", "unknown error name"),
        ("名称", "not an error code or name"),
    ],
)
def test_explain_bad_argument(capsys: pytest.CaptureFixture[str], arg: str, message: str) -> None:
    assert cli.main(["explain", arg]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("hcnetsdk explain: error: ")
    assert message in captured.err


def test_explain_missing_argument(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain"]) == 2
    assert "required" in capsys.readouterr().err


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert "explain" in capsys.readouterr().err


def test_errors_lists_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["errors"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 255
    assert lines[1].split()[:3] == ["1", "NET_DVR_PASSWORD_ERROR", "PasswordError"]


def test_errors_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["errors", "--section", "vqd", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["code"] for item in data] == [1500, 1501, 1502, 1503, 1504]
    assert cli.main(["errors", "--category", "TimeoutError", "--json"]) == 0
    codes = {item["code"] for item in json.loads(capsys.readouterr().out)}
    assert {10, 14, 411, 443} <= codes
    assert 7 not in codes
    assert cli.main(["errors", "--category", "auth", "--all"]) == 0
    out = capsys.readouterr().out
    assert "NET_DVR_USER_LOCKED" in out
    assert "NET_DVR_PASSWORD_ERROR" in out


def test_errors_bad_filter(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["errors", "--category", "bogus"]) == 2
    assert capsys.readouterr().err.startswith("hcnetsdk errors: error: unknown category")
    assert cli.main(["errors", "--section", "bogus"]) == 2
    assert "unknown section" in capsys.readouterr().err


def test_python_dash_m_explain() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hcnetsdk", "explain", "7"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
        env=None,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("NET_DVR_NETWORK_FAIL_CONNECT (7)")
    assert "hcnetsdk.NetworkFailConnectError" in result.stdout


def test_python_dash_m_unknown_code_exits_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hcnetsdk", "explain", "99999"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "hcnetsdk explain: error:" in result.stderr


def test_cli_imports_no_ctypes() -> None:
    probe = "import sys, hcnetsdk.cli; print('ctypes' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    assert out == "False"
