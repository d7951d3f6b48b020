"""``hcnetsdk.cli._common``: shared options, constants, and the rendering of exceptions.

The commands' output through ``main`` is tested in test_cli_explain.py and test_cli_sdk.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hcnetsdk import _doctor_files, _loader, errors
from hcnetsdk.cli import _common, _failures


@pytest.fixture
def on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """This environment's scripts on PATH: the hints say plain ``hcnetsdk``."""
    scripts = os.path.dirname(sys.executable)
    monkeypatch.setenv("PATH", scripts + os.pathsep + os.environ.get("PATH", ""))


def test_constants_match_the_loader() -> None:
    """``_common`` spells these out so that ``explain`` and ``errors`` need no ctypes."""
    assert _common.LIBRARY_ENV == _loader.ENV_VAR
    # Messages point to a command every install has, not to a file of the repository.
    assert _loader.README == "`hcnetsdk doctor --guide`"


def _fake_install(root: Path, monkeypatch: pytest.MonkeyPatch, *, script: bool) -> Path:
    """A Python at root/env/bin/python, with (or without) its hcnetsdk script beside it."""
    bin_dir = root / "env" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text("")
    if script:
        (bin_dir / "hcnetsdk").write_text("#!/bin/sh\n")
        (bin_dir / "hcnetsdk").chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    monkeypatch.setattr(sys, "argv", [str(bin_dir / "hcnetsdk")])
    return bin_dir


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_command_name_is_how_the_user_can_run_it_from_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = _fake_install(tmp_path, monkeypatch, script=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/nonexistent")
    # After the README's first command nothing is on PATH: the hints name the script's path.
    assert _common.command_name() == "env/bin/hcnetsdk"
    monkeypatch.chdir(bin_dir)
    assert _common.command_name() == "./hcnetsdk"  # never a bare name PATH would look up
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # not under the current directory: absolute
    assert _common.command_name() == str(bin_dir / "hcnetsdk")
    # Activated (or installed on PATH): the plain name.
    monkeypatch.setenv("PATH", str(bin_dir))
    assert _common.command_name() == "hcnetsdk"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_command_name_without_a_script_is_python_dash_m(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_install(tmp_path, monkeypatch, script=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["-m"])
    assert _common.command_name() == "env/bin/python -m hcnetsdk"


def test_importing_the_cli_loads_no_sdk_module() -> None:
    probe = (
        "import json, sys, hcnetsdk.cli; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('hcnetsdk', 'ctypes')))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    loaded = set(json.loads(out))
    assert "hcnetsdk.cli.doctor" in loaded  # every command module is imported...
    for module in (  # ...and none of them imports what needs ctypes
        "ctypes",
        "hcnetsdk._loader",
        "hcnetsdk._doctor",
        "hcnetsdk._simulator",
        "hcnetsdk.sdk",
        "hcnetsdk.device",
    ):
        assert module not in loaded


def _namespace(**values: object) -> argparse.Namespace:
    return argparse.Namespace(**values)


def test_sdk_spec() -> None:
    assert _common.sdk_spec(_namespace()) is None
    assert _common.sdk_spec(_namespace(simulator=False, library=None)) is None
    assert _common.sdk_spec(_namespace(simulator=True)) == _loader.SIMULATOR
    assert _common.sdk_spec(_namespace(library="/opt/sdk")) == "/opt/sdk"
    with pytest.raises(_common.CommandError, match="either --simulator or --library"):
        _common.sdk_spec(_namespace(simulator=True, library="/opt/sdk"))
    with pytest.raises(_common.CommandError, match="--library needs a path"):
        _common.sdk_spec(_namespace(library=" "))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (False, None)),
        (["--simulator"], (True, None)),
        (["--library", "x"], (False, "x")),
        (["--simulator", "sub"], (True, None)),
        (["sub", "--library", "x"], (False, "x")),
        (["--library", "x", "sub", "--simulator"], (True, "x")),
    ],
)
def test_sdk_options_before_and_after_the_subcommand(
    argv: list[str], expected: tuple[bool, str | None]
) -> None:
    parser = argparse.ArgumentParser()
    _common.add_sdk_options(parser, top_level=True)
    sub = parser.add_subparsers(dest="command").add_parser("sub")
    _common.add_sdk_options(sub, top_level=False)
    args = parser.parse_args(argv)
    assert (args.simulator, args.library) == expected


def test_error_dict_of_any_exception() -> None:
    data = _common.error_dict(errors.SDKNotFoundError("not here", [("a", "b")]))
    assert list(data) == [
        "class",
        "catch_as",
        "code",
        "name",
        "description",
        "description_zh",
        "function",
        "attempts_left",
        "lock_seconds",
        "hints",
        "attempts",
        "message",
    ]
    assert data["class"] == "SDKNotFoundError"
    assert data["catch_as"] == ["SDKNotFoundError", "SDKLoadError"]
    assert (data["code"], data["description"], data["message"]) == (None, "not here", "not here")
    assert data["attempts"] == [["a", "b"]]
    assert _common.error_dict(ValueError("x"))["attempts"] == []


def test_error_dict_of_an_sdk_error() -> None:
    exc = errors.HCNetSDKError.from_code(1, "NET_DVR_Login_V40", attempts_left=4)
    data = _common.error_dict(exc)
    assert (data["class"], data["code"], data["name"]) == (
        "PasswordError",
        1,
        "NET_DVR_PASSWORD_ERROR",
    )
    assert data["function"] == "NET_DVR_Login_V40"
    assert data["attempts_left"] == 4
    assert data["catch_as"][:2] == ["PasswordError", "NetworkLibraryError"]
    assert data["hints"]["solutions"]


def test_short_error() -> None:
    assert _common.short_error(ValueError("bad")) == "ValueError: bad"
    one = errors.HCNetSDKError.from_code(1, attempts_left=1)
    assert _common.short_error(one).endswith("(1 attempt left)")
    locked = errors.HCNetSDKError.from_code(153, lock_seconds=1800)
    assert _common.short_error(locked).startswith("UserLockedError (153 NET_DVR_USER_LOCKED): ")
    assert _common.short_error(locked).endswith("(locked for 1800 s)")


def test_error_lines(on_path: None) -> None:
    assert _common.error_lines(ValueError("bad")) == ["ValueError: bad"]
    lines = _common.error_lines(errors.HCNetSDKError.from_code(153, lock_seconds=60))
    assert lines[0] == "UserLockedError: the SDK reported error 153"
    assert "  locked for:  60 s" in lines  # under 2 minutes: no minutes
    assert lines[-1] == "More (with the Chinese original): hcnetsdk explain 153"


def test_numbered() -> None:
    assert _common.numbered("Title:", []) == []
    assert _common.numbered("Title:", ["a", "b"]) == ["", "Title:", "  1. a", "  2. b"]


def test_load_failure(capsys: pytest.CaptureFixture[str], on_path: None) -> None:
    exc = errors.SDKNotFoundError("not here")
    assert _failures.load_failure(exc, True, {"steps": []}, "demo", None) == _common.EXIT_FAILED
    data = json.loads(capsys.readouterr().out)
    assert list(data)[:3] == ["steps", "ok", "error"]
    assert data["error"]["class"] == "SDKNotFoundError"
    assert _failures.load_failure(exc, False, {}, "login", "/opt/sdk") == _common.EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "hcnetsdk login: error: not here\n`hcnetsdk doctor` checks the whole install.\n"
    )


def test_not_found_speaks_shell_not_python(
    capsys: pytest.CaptureFixture[str], on_path: None, tmp_path: Path
) -> None:
    """The loader's message says ``HCNetSDK(library=...)``; the command's says --library."""
    with pytest.raises(errors.SDKNotFoundError) as caught:
        _loader.load_library(str(tmp_path / "nowhere"))
    assert "HCNetSDK(library=...)" in str(caught.value)
    assert _failures.load_failure(caught.value, False, {}, "login", str(tmp_path / "nowhere")) == 1
    err = capsys.readouterr().err
    assert "HCNetSDK(library" not in err
    assert err.startswith("hcnetsdk login: error: the HCNetSDK library (libhcnetsdk.so) was not ")
    assert f"  - {tmp_path / 'nowhere'}: no such file\n" in err
    assert "Point --library at the SDK folder" in err
    assert "`hcnetsdk doctor --guide`" in err
    assert "--simulator" in err


def test_a_missing_companion_is_not_reported_as_no_such_file() -> None:
    reason = (
        "/opt/sdk/libhcnetsdk.so: the file exists but the loader failed: libHCCore.so: cannot "
        "open shared object file: No such file or directory (its companion libraries ...)"
    )
    plain = _doctor_files.plain_reason(reason.partition(": ")[2])
    assert plain == "the file exists, but a library it needs was not found: libHCCore.so"
    by_name = "libhcnetsdk.so: cannot open shared object file: No such file or directory"
    assert (
        _doctor_files.plain_reason(by_name, "libhcnetsdk.so") == "not found by the system's loader"
    )
