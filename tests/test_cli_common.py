"""``hcnetsdk.cli._common``: shared options, constants, and the rendering of exceptions.

The commands' output through ``main`` is tested in test_cli_explain.py and test_cli_sdk.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from hcnetsdk import _loader, errors
from hcnetsdk.cli import _common


def test_constants_match_the_loader() -> None:
    """``_common`` spells these out so that ``explain`` and ``errors`` need no ctypes."""
    assert _common.LIBRARY_ENV == _loader.ENV_VAR
    assert _common.LIB_README == _loader.README


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
        "message",
    ]
    assert data["class"] == "SDKNotFoundError"
    assert data["catch_as"] == ["SDKNotFoundError", "SDKLoadError"]
    assert (data["code"], data["description"], data["message"]) == (None, "not here", "not here")


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


def test_error_lines() -> None:
    assert _common.error_lines(ValueError("bad")) == ["ValueError: bad"]
    lines = _common.error_lines(errors.HCNetSDKError.from_code(153, lock_seconds=60))
    assert lines[0] == "UserLockedError: the SDK reported error 153"
    assert "  locked for:  60 s" in lines  # under 2 minutes: no minutes
    assert lines[-1] == "More (with the Chinese original): hcnetsdk explain 153"


def test_numbered() -> None:
    assert _common.numbered("Title:", []) == []
    assert _common.numbered("Title:", ["a", "b"]) == ["", "Title:", "  1. a", "  2. b"]


def test_load_failure(capsys: pytest.CaptureFixture[str]) -> None:
    exc = errors.SDKNotFoundError("not here")
    assert _common.load_failure(exc, True, {"steps": []}) == _common.EXIT_FAILED
    data = json.loads(capsys.readouterr().out)
    assert list(data)[:3] == ["steps", "ok", "error"]
    assert data["error"]["class"] == "SDKNotFoundError"
    assert _common.load_failure(exc, False, {}) == _common.EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("hcnetsdk: cannot use the SDK: SDKNotFoundError\nnot here\n")
