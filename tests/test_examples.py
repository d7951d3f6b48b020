"""Smoke tests: every script in examples/ runs against the simulator, in a subprocess.

The simulator is built into pytest's cache (``HCNETSDK_SIMULATOR_CACHE``), never the user's home.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from hcnetsdk import _simulator

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


def _load(script: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{script[:-3]}", EXAMPLES / script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_expected_examples_exist() -> None:
    assert {"login.py", "handle_errors.py", "many_devices.py", "explain_code.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_has_main_and_help(env: dict[str, str], script: str) -> None:
    module = _load(script)
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


# --- what every example shows ----------------------------------------------------------------


def _tree(script: str) -> ast.Module:
    return ast.parse((EXAMPLES / script).read_text(encoding="utf-8"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_examples_use_only_the_public_api(script: str) -> None:
    for node in ast.walk(_tree(script)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            modules = [f"{node.value.id}.{node.attr}"] if node.value.id == "hcnetsdk" else []
        else:
            continue
        for module in modules:
            assert not module.startswith("hcnetsdk._"), f"{script} uses {module}"


PASSWORD_EXAMPLES = ["login.py", "handle_errors.py", "many_devices.py"]


@pytest.mark.parametrize("script", PASSWORD_EXAMPLES)
def test_examples_get_the_password_from_the_public_helper(script: str) -> None:
    source = (EXAMPLES / script).read_text(encoding="utf-8")
    assert "hcnetsdk.password_from_env(" in source
    assert "getpass" not in source
    assert 'os.environ.get("HCNETSDK_PASSWORD")' not in source


def test_the_examples_simulated_site_is_the_simulators() -> None:
    """The examples may not import the simulator's private module: they spell its site out."""
    site = {
        "SIMULATOR_HOST": _simulator.DEFAULT_HOST,
        "SIMULATOR_PASSWORD": _simulator.DEFAULT_PASSWORD,
        "SIMULATED_HOST": _simulator.DEFAULT_HOST,
        "SIMULATED_USER": _simulator.DEFAULT_USER,
        "SIMULATED_PASSWORD": _simulator.DEFAULT_PASSWORD,
        "SIMULATED_SITE": [
            (_simulator.DEFAULT_HOST, port)
            for port in (_simulator.DEFAULT_NVR_PORT, *_simulator.DEFAULT_CAMERA_PORTS)
        ],
    }
    checked = 0
    for script in PASSWORD_EXAMPLES:
        module = _load(script)
        for name, expected in site.items():
            if hasattr(module, name):
                assert getattr(module, name) == expected, (script, name)
                checked += 1
    assert checked == 7


# --- login.py ---------------------------------------------------------------------------------


def test_login_simulator(env: dict[str, str]) -> None:
    done = run(env, "login.py", "--simulator")
    assert done.returncode == 0, done.stderr
    assert "logged in to admin@127.0.0.1:8000" in done.stdout
    assert "  serial number:   DS-7608NI-K" in done.stdout
    assert "  analog channels: 0 (first 1)" in done.stdout
    assert "  IP channels:     8 (first 33)" in done.stdout
    assert "warning: the device still has its default password" in done.stdout


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
    assert "login.py: no password: set HCNETSDK_PASSWORD (standard input" in done.stderr
    done = run(env, "login.py", "--simulator", HCNETSDK_PASSWORD="")  # set but empty: no default
    assert done.returncode == 2
    assert "HCNETSDK_PASSWORD is set but empty" in done.stderr


# --- handle_errors.py -------------------------------------------------------------------------


def test_handle_errors_tour(env: dict[str, str]) -> None:
    done = run(env, "handle_errors.py", "--simulator")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 8
    assert lines[0].endswith(
        ":8000  ->  OK: logged in, serial DS-7608NI-K20820230410CCRRF00000001WCVU"
    )
    for number, line in enumerate(lines[1:5], 1):
        assert line.startswith(f"wrong password, {number} of 5")
        assert line.endswith(
            f"PasswordError: wrong user name or password (attempts left: {5 - number})"
        )
    assert lines[5].startswith("wrong password, 5 of 5")
    assert lines[5].endswith("UserLockedError: account locked for 1800 s; wait or unlock it")
    assert lines[6].startswith("right password, account locked")
    assert "UserLockedError" in lines[6]
    assert lines[7].endswith(
        "ConnectionError (NetworkFailConnectError, code 7): is the device online?"
    )


def test_handle_errors_one_device(env: dict[str, str]) -> None:
    done = run(env, "handle_errors.py", "127.0.0.1", "--simulator", HCNETSDK_PASSWORD="12345")
    assert done.returncode == 0
    assert (
        done.stdout
        == "127.0.0.1:8000  ->  OK: logged in, serial DS-7608NI-K20820230410CCRRF00000001WCVU\n"
    )
    done = run(env, "handle_errors.py", "127.0.0.1", "--port", "8001", "--simulator")
    assert done.returncode == 0  # the simulated site's password
    assert done.stdout.startswith("127.0.0.1:8001  ->  OK")
    done = run(env, "handle_errors.py", "127.0.0.1", "--simulator", HCNETSDK_PASSWORD="bad")
    assert done.returncode == 1
    assert "PasswordError" in done.stdout
    done = run(env, "handle_errors.py", "127.0.0.1")  # a real device: no password, no terminal
    assert done.returncode == 2
    assert "handle_errors.py: no password: set HCNETSDK_PASSWORD" in done.stderr
    done = run(env, "handle_errors.py", "127.0.0.1", "--library", "/nowhere", HCNETSDK_PASSWORD="x")
    assert done.returncode == 1
    assert "SDKNotFoundError" in done.stderr
    assert run(env, "handle_errors.py").returncode == 2


# --- many_devices.py --------------------------------------------------------------------------


def test_many_devices_without_devices_logs_into_the_simulated_site(env: dict[str, str]) -> None:
    done = run(env, "many_devices.py", "--simulator")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[:2] for line in lines[:5]] == [
        [f"127.0.0.1:{port}", "OK"] for port in range(8000, 8005)
    ]
    assert lines[0].endswith(
        "serial DS-7608NI-K20820230410CCRRF00000001WCVU, channels: 0 analog, 8 IP"
    )
    assert all(line.endswith("channels: 1 analog, 0 IP") for line in lines[1:5])
    assert lines[5:] == ["5 of 5 devices logged in"]
    assert done.stderr == ""


def test_many_devices_failures_in_the_order_given(env: dict[str, str]) -> None:
    devices = ["127.0.0.1:9000", "127.0.0.1", "[::1]:9001", "127.1", "127.0.0.1:8004"]
    done = run(env, "many_devices.py", "--simulator", "--workers", "2", *devices)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines[:5]] == [
        "127.0.0.1:9000",
        "127.0.0.1:8000",
        "[::1]:9001",
        "127.1:8000",
        "127.0.0.1:8004",
    ]
    fail_connect = "FAILED  NetworkFailConnectError (7 NET_DVR_NETWORK_FAIL_CONNECT)"
    assert lines[0].endswith(fail_connect)
    assert lines[2].endswith(fail_connect)
    assert "FAILED  ValueError (host '127.1' is not a canonical IPv4 address" in lines[3]
    assert lines[-1] == (
        "2 of 5 devices logged in; 3 failed (NetworkFailConnectError: 2, ValueError: 1)"
    )


def test_many_devices_wrong_password(env: dict[str, str]) -> None:
    done = run(env, "many_devices.py", "--simulator", "127.0.0.1", HCNETSDK_PASSWORD="nope")
    assert done.returncode == 1
    assert "FAILED  PasswordError (1 NET_DVR_PASSWORD_ERROR)" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give the devices' HOST[:PORT] (or --simulator)"),
        (["--simulator", "127.0.0.1:99999"], "bad device address '127.0.0.1:99999'"),
        (["--simulator", "[::1"], "bad device address '[::1'"),
        (["--simulator", "[::1]x"], "bad device address '[::1]x'"),
        (["--simulator", "127.0.0.1", "--workers", "0"], "--workers must be between"),
        (["192.0.2.1"], "many_devices.py: no password: set HCNETSDK_PASSWORD"),
    ],
)
def test_many_devices_bad_arguments(env: dict[str, str], args: list[str], message: str) -> None:
    done = run(env, "many_devices.py", *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""


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


# --- snapshot.py ------------------------------------------------------------------------------


def test_snapshot_simulator(env: dict[str, str], tmp_path: Path) -> None:
    done = run(env, "snapshot.py", "--simulator", "--output", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "channel 36 (IPCamera 04): offline, skipped" in done.stdout
    pictures = sorted(path.name for path in tmp_path.iterdir())
    assert pictures == [f"127.0.0.1-ch{n}.jpg" for n in (33, 34, 35, 37, 38, 39, 40)]
    assert all((tmp_path / name).read_bytes().startswith(b"\xff\xd8") for name in pictures)
    done = run(env, "snapshot.py", "--simulator", "--output", str(tmp_path), "--channel", "3")
    assert done.returncode == 2
    assert "no channel 3 on this device" in done.stderr


# --- download.py ------------------------------------------------------------------------------


def test_download_simulator(env: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "clip.mp4"
    done = run(env, "download.py", "--simulator", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert "1 recording(s) on channel 33:" in done.stdout
    assert "(locked)" in done.stdout
    assert f"wrote 600000 bytes to {target}" in done.stdout
    assert target.stat().st_size == 600000
    assert len(list(tmp_path.glob("ch0033_*.mp4"))) == 1
    refused = run(env, "download.py", "--simulator", "--channel", "3", "-o", str(target))
    assert refused.returncode == 2
    assert "channel 3 does not exist" in refused.stderr
