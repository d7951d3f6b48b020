"""``hcnetsdk explain`` and ``hcnetsdk errors``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import hcnetsdk
from hcnetsdk import _base, cli


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
    assert "not in the documented error table" in out


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


def test_errors_lists_every_code_hcnetsdk_describes(capsys: pytest.CaptureFixture[str]) -> None:
    """The documented table (255 codes) and the codes met at login with classes of their own."""
    assert cli.main(["errors"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 255 + 25
    assert lines[1].split()[:3] == ["1", "NET_DVR_PASSWORD_ERROR", "PasswordError"]
    assert any(line.split()[:2] == ["153", "NET_DVR_USER_LOCKED"] for line in lines)
    # How many more --all lists, on stderr (stdout stays one line per code).
    assert captured.err.startswith("(899 more codes that only the 6.1.9.x header names: ")
    assert captured.err.rstrip().endswith("errors --all`)")


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


def _codes(capsys: pytest.CaptureFixture[str], *argv: str) -> list[int]:
    assert cli.main([*argv, "--json"]) == 0
    return [item["code"] for item in json.loads(capsys.readouterr().out)]


@pytest.mark.parametrize(
    ("category", "cls"),
    [
        ("auth", hcnetsdk.AuthenticationError),
        ("AuthenticationError", hcnetsdk.AuthenticationError),
        ("connection", hcnetsdk.ConnectionFailedError),
        ("ConnectionError", ConnectionError),
        ("TimeoutError", TimeoutError),
        ("network_library", hcnetsdk.NetworkLibraryError),
        ("HCNetSDKError", hcnetsdk.HCNetSDKError),
    ],
)
def test_a_category_lists_every_code_its_except_catches(
    capsys: pytest.CaptureFixture[str], category: str, cls: type[BaseException]
) -> None:
    """Exactly the codes ``except cls`` catches, of those hcnetsdk describes (--all: every
    code the header names)."""
    listed = _codes(capsys, "errors", "--category", category)
    described = sorted(hcnetsdk.lookup(code).code for code in _base.ROWS)
    assert listed == [code for code in described if issubclass(hcnetsdk.error_class(code), cls)]
    everything = sorted(set(_base.ROWS) | set(_base.header_names()))
    assert _codes(capsys, "errors", "--category", category, "--all") == [
        code for code in everything if issubclass(hcnetsdk.error_class(code), cls)
    ]


def test_the_categories_the_demo_and_readme_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert {1, 153} <= set(_codes(capsys, "errors", "--category", "auth"))
    assert {7, 8, 9, 73, 159} <= set(_codes(capsys, "errors", "--category", "connection"))


def test_a_category_says_how_many_more_all_lists(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["errors", "--category", "network_library"]) == 0
    err = capsys.readouterr().err
    assert "more codes that only the 6.1.9.x header names: " in err
    assert "errors --category network_library --all`)" in err
    assert cli.main(["errors", "--category", "auth"]) == 0
    assert capsys.readouterr().err == ""  # nothing more to list


@pytest.mark.parametrize("name", ["AuthenticationError", "auth", "authenticationerror"])
def test_explain_a_category(capsys: pytest.CaptureFixture[str], name: str) -> None:
    assert cli.main(["explain", name]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "AuthenticationError (hcnetsdk.AuthenticationError): a category of SDK errors\n"
    )
    assert "except hcnetsdk.AuthenticationError catches 6 codes:" in out
    lines = out.splitlines()
    assert any(
        line.split()[:3] == ["153", "NET_DVR_USER_LOCKED", "UserLockedError"] for line in lines
    )
    assert any(line.split()[:2] == ["1", "NET_DVR_PASSWORD_ERROR"] for line in lines)


def test_explain_a_builtin(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "TimeoutError"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("TimeoutError: a Python builtin exception\n")
    assert "except TimeoutError catches 10 codes:" in out
    assert "NET_DVR_NETWORK_RECV_TIMEOUT" in out
    assert "except TimeoutError also catches: HostResolutionTimeoutError" in out
    assert cli.main(["explain", "ConnectionError", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "builtin"
    assert {entry["code"] for entry in data["codes"]} >= {7, 159}
    assert data["codes"][0] == {
        "code": 7,
        "name": "NET_DVR_NETWORK_FAIL_CONNECT",
        "class": "NetworkFailConnectError",
        "description": hcnetsdk.lookup(7).description,
    }
    assert "HostResolutionError" in data["without_code"]


def test_explain_the_base_class_and_a_class_without_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["explain", "HCNetSDKError"]) == 0
    out = capsys.readouterr().out
    assert "catches every SDK error code: the 280 that hcnetsdk describes" in out
    assert len(out.splitlines()) < 10  # not 280 lines
    assert cli.main(["explain", "SDKNotFoundError"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SDKNotFoundError (hcnetsdk.SDKNotFoundError): an hcnetsdk error that ")
    assert "derives from: SDKLoadError, OSError" in out


@pytest.mark.parametrize("value", ["-1", "0xFFFFFFFF", "4294967295"])
def test_explain_minus_one_is_the_failure_value(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    assert cli.main(["explain", value]) == 0
    out = capsys.readouterr().out
    assert "the SDK's failure value, not an error code" in out.splitlines()[0]
    assert "NET_DVR_GetLastError" in out
    assert cli.main(["explain", value, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "failure value"
    assert data["value"] == int(value, 0)


@pytest.mark.parametrize(
    ("argv", "plain"),
    [
        (["explain", "7", "--simulator"], ["explain", "7"]),
        (["explain", "7", "--library", "/opt/sdk"], ["explain", "7"]),
        (["--simulator", "explain", "7"], ["explain", "7"]),
        (["errors", "--section", "vqd", "--library", "/opt/sdk"], ["errors", "--section", "vqd"]),
        (["errors", "--simulator", "--category", "auth"], ["errors", "--category", "auth"]),
    ],
)
def test_sdk_options_may_come_anywhere(
    capsys: pytest.CaptureFixture[str], argv: list[str], plain: list[str]
) -> None:
    """The README says so; explain and errors need no SDK: they accept and ignore them."""
    assert cli.main(plain) == 0
    expected = capsys.readouterr()
    assert cli.main(argv) == 0
    assert capsys.readouterr() == expected
    assert cli.main([plain[0], "--help"]) == 0
    assert "--library" not in capsys.readouterr().out  # accepted, not offered: they do nothing


def test_explain_and_errors_stay_ctypes_free_with_sdk_options() -> None:
    probe = (
        "import sys; from hcnetsdk.cli import main; "
        "main(['explain', '7', '--library', '/x']); main(['errors', '--simulator']); "
        "print('CTYPES', 'ctypes' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.splitlines()[-1] == "CTYPES False"


def _entry_point(*argv: str) -> object:
    """``python -m hcnetsdk ARGV --json`` in a subprocess: its parsed JSON (exit status 0)."""
    done = subprocess.run(
        [sys.executable, "-m", "hcnetsdk", *argv, "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_entry_point_lists_categories_and_classes() -> None:
    auth = _entry_point("errors", "--category", "auth")
    assert isinstance(auth, list)
    assert {1, 153} <= {item["code"] for item in auth}
    connection = _entry_point("errors", "--library", "/x", "--category", "connection")
    assert isinstance(connection, list)
    assert 159 in {item["code"] for item in connection}
    category = _entry_point("explain", "AuthenticationError", "--simulator")
    assert isinstance(category, dict)
    assert category["kind"] == "category"
    assert 153 in {entry["code"] for entry in category["codes"]}
    builtin = _entry_point("explain", "TimeoutError")
    assert isinstance(builtin, dict)
    assert {10, 14} <= {entry["code"] for entry in builtin["codes"]}
    minus_one = _entry_point("explain", "-1")
    assert isinstance(minus_one, dict)
    assert minus_one["kind"] == "failure value"
