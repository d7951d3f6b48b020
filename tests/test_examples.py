"""Smoke tests: every script in examples/ runs against the simulator, in a subprocess.

The simulator is built into pytest's cache (``HCNETSDK_SIMULATOR_CACHE``), never the user's home.
"""

from __future__ import annotations

import importlib.util
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(path.name for path in EXAMPLES.glob("*.py"))


@pytest.fixture(scope="module")
def env(fake_sdk_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HCNETSDK_")}
    clean["HCNETSDK_SIMULATOR_CACHE"] = str(fake_sdk_path.parent.parent)
    return clean


def run(
    env: dict[str, str], script: str, *args: str, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**env, **extra_env},
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def test_the_expected_examples_exist() -> None:
    assert {"login.py", "handle_errors.py", "many_devices.py", "explain_code.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_has_main_and_help(env: dict[str, str], script: str) -> None:
    spec = importlib.util.spec_from_file_location(f"example_{script[:-3]}", EXAMPLES / script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    signature = inspect.signature(module.main)
    assert list(signature.parameters) == ["argv"]
    assert signature.parameters["argv"].default is None
    assert module.__doc__
    done = run(env, script, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage:")
    assert "--simulator" in done.stdout
    assert "--library" in done.stdout


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_rejects_unknown_option(env: dict[str, str], script: str) -> None:
    done = run(env, script, "7", "--simulator", "--no-such-option")
    assert done.returncode == 2
    assert "unrecognized arguments: --no-such-option" in done.stderr
    assert done.stdout == ""


# --- login.py ---------------------------------------------------------------------------------


def test_login_simulator(env: dict[str, str]) -> None:
    done = run(env, "login.py", "--simulator")
    assert done.returncode == 0, done.stderr
    assert "logged in to admin@127.0.0.1:8000" in done.stdout
    assert "serial number:  DS-7608NI-K" in done.stdout
    assert "IP channels:    8 (first 33)" in done.stdout


def test_login_failures(env: dict[str, str]) -> None:
    done = run(env, "login.py", "--simulator", HCNETSDK_PASSWORD="nope")
    assert done.returncode == 1
    assert "login failed: PasswordError: NET_DVR_PASSWORD_ERROR (1)" in done.stderr
    assert "4 login attempts left" in done.stderr
    done = run(env, "login.py", "127.0.0.1", "--port", "9000", "--simulator")
    assert done.returncode == 1
    assert "NetworkFailConnectError" in done.stderr


def test_login_bad_arguments(env: dict[str, str]) -> None:
    done = run(env, "login.py")
    assert done.returncode == 2
    assert "give the device's HOST" in done.stderr
    done = run(env, "login.py", "--simulator", "--library", "x")
    assert done.returncode == 2
    assert "not allowed with" in done.stderr
    done = run(env, "login.py", "127.0.0.1", "--library", "/nowhere")  # no password, no terminal
    assert done.returncode == 2
    assert "HCNETSDK_PASSWORD" in done.stderr


# --- handle_errors.py -------------------------------------------------------------------------


def test_handle_errors_tour(env: dict[str, str]) -> None:
    done = run(env, "handle_errors.py", "--simulator")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "OK: logged in, serial DS-7608NI-K" in out
    assert "PasswordError: wrong user name or password (attempts left: 4)" in out
    assert "UserLockedError: account locked for 1800 s" in out
    assert "TimeoutError (NetworkRecvTimeoutError, code 10)" in out
    assert "ConnectionError (NetworkFailConnectError, code 7)" in out


def test_handle_errors_one_device(env: dict[str, str]) -> None:
    done = run(env, "handle_errors.py", "127.0.0.1", "--simulator", HCNETSDK_PASSWORD="12345")
    assert done.returncode == 0
    assert "127.0.0.1:8000  ->  OK" in done.stdout
    done = run(env, "handle_errors.py", "127.0.0.1", "--port", "8001", "--simulator")
    assert done.returncode == 2  # no password and no terminal
    done = run(env, "handle_errors.py", "127.0.0.1", "--library", "/nowhere", HCNETSDK_PASSWORD="x")
    assert done.returncode == 1
    assert "SDKNotFoundError" in done.stderr
    assert run(env, "handle_errors.py").returncode == 2


# --- many_devices.py --------------------------------------------------------------------------


def test_many_devices_all_ok(env: dict[str, str]) -> None:
    devices = [f"127.0.0.1:{port}" for port in range(8000, 8005)]
    done = run(env, "many_devices.py", "--simulator", *devices)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[:2] for line in lines[:5]] == [[d, "OK"] for d in devices]
    assert "serial DS-7608NI-K" in lines[0]
    assert lines[-1] == "5 of 5 devices logged in"
    assert done.stderr == ""  # a short list: no progress line


def test_many_devices_failures_file_and_progress(env: dict[str, str], tmp_path: Path) -> None:
    listing = tmp_path / "devices.txt"
    ports = [*range(8000, 8005), *range(9000, 9007)]
    listing.write_text(
        "# site A\n\n" + "".join(f"127.0.0.1:{port}  # cam\n" for port in ports), "utf-8"
    )
    done = run(env, "many_devices.py", "--simulator", "--file", str(listing), "--workers", "4")
    assert done.returncode == 1
    out = done.stdout
    assert "127.0.0.1:9000  FAILED  NetworkFailConnectError (7 NET_DVR_NETWORK_FAIL_CONNECT)" in out
    assert out.splitlines()[-1] == (
        "5 of 12 devices logged in; 7 failed (NetworkFailConnectError: 7)"
    )
    progress = done.stderr.splitlines()
    assert progress
    assert progress[-1].startswith("[12/12] ")
    assert "\r" not in done.stderr  # not a terminal: plain lines


def test_many_devices_wrong_password(env: dict[str, str]) -> None:
    done = run(env, "many_devices.py", "--simulator", "127.0.0.1", HCNETSDK_PASSWORD="nope")
    assert done.returncode == 1
    assert "PasswordError (1 NET_DVR_PASSWORD_ERROR)" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "no devices"),
        (["127.0.0.1:99999"], "bad device address"),
        (["[::1"], "bad device address"),
        (["127.0.0.1", "--workers", "0"], "--workers must be between"),
        (["--file", "/no/such/file"], "No such file"),
    ],
)
def test_many_devices_bad_arguments(env: dict[str, str], args: list[str], message: str) -> None:
    done = run(env, "many_devices.py", "--simulator", *args)
    assert done.returncode == 2
    assert message in done.stderr


# --- explain_code.py --------------------------------------------------------------------------


def test_explain_code(env: dict[str, str]) -> None:
    done = run(env, "explain_code.py", "7", "PasswordError", "NET_DVR_USER_LOCKED")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "7 NET_DVR_NETWORK_FAIL_CONNECT" in out
    assert "raises:      hcnetsdk.NetworkFailConnectError" in out
    assert "builtins:    ConnectionError" in out
    assert "连接设备失败" in out
    assert "1 NET_DVR_PASSWORD_ERROR" in out
    assert "153 NET_DVR_USER_LOCKED" in out


def test_explain_code_with_sdk_and_unknown(env: dict[str, str]) -> None:
    done = run(env, "explain_code.py", "10", "no_such_code", "--simulator")
    assert done.returncode == 2
    assert done.stdout.startswith("SDK 6.1.9.48 from ")
    assert "raises:      hcnetsdk.NetworkRecvTimeoutError" in done.stdout
    assert "builtins:    TimeoutError" in done.stdout
    assert "unknown error code or name: 'no_such_code'" in done.stderr
