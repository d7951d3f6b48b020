"""``hcnetsdk.cli._failures`` through the real entry point, in a subprocess: every failure of
every subcommand is one clear line on stderr (a JSON object on stdout with ``--json``), never a
traceback; Ctrl-C prints "interrupted" and exits 130."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hcnetsdk.cli import _failures

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")


def environment(cache: Path | str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HCNETSDK_")}
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env["HCNETSDK_SIMULATOR_CACHE"] = str(cache)
    env.update(extra)
    return env


def hcnetsdk(
    *argv: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hcnetsdk", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


def assert_one_clear_line(done: subprocess.CompletedProcess[str], prefix: str) -> str:
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(prefix), lines[0]
    return lines[0]


def assert_json_failure(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    assert "Traceback" not in done.stderr + done.stdout
    data = json.loads(done.stdout)
    assert data["ok"] is False
    error = data["error"]
    assert isinstance(error, dict)
    assert {"class", "message", "code", "hints", "attempts"} <= set(error)
    return error


def unwritable_cache(tmp_path: Path) -> Path:
    """A cache folder that cannot be written: read-only, or (as root, who may write anywhere)
    a folder of /sys, where even root cannot make one."""
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder / "cache"
    if not Path("/sys/kernel").is_dir():
        pytest.skip("running as root without /sys: no folder root cannot write")
    return Path("/sys/hcnetsdk-test-cache")


# --- a bad HCNETSDK_SIMULATOR_CACHE -----------------------------------------------------------


@linux_only
@pytest.mark.parametrize("bad", ["a file", "unwritable"])
@pytest.mark.parametrize(
    ("argv", "prefix"),
    [
        (["demo"], "hcnetsdk demo: error: cannot use the simulator cache folder "),
        (["login", "127.0.0.1", "--simulator"], "hcnetsdk login: error: cannot use the simulator "),
    ],
)
def test_a_bad_simulator_cache_is_one_line_or_a_json_object(
    tmp_path: Path, bad: str, argv: list[str], prefix: str
) -> None:
    cache = tmp_path / "a-file" if bad == "a file" else unwritable_cache(tmp_path)
    if bad == "a file":
        cache.write_text("not a folder\n")
    env = environment(cache, HCNETSDK_PASSWORD="12345")
    done = hcnetsdk(*argv, env=env)
    assert done.returncode == 1
    line = assert_one_clear_line(done, prefix)
    assert "HCNETSDK_SIMULATOR_CACHE" in line
    assert str(cache) in line
    done = hcnetsdk(*argv, "--json", env=env)
    assert done.returncode == 1
    error = assert_json_failure(done)
    assert "HCNETSDK_SIMULATOR_CACHE" in str(error["message"])
    assert done.stderr == ""


@linux_only
@pytest.mark.parametrize("bad", ["a file", "unwritable"])
def test_doctor_reports_a_bad_simulator_cache(tmp_path: Path, bad: str) -> None:
    cache = tmp_path / "a-file" if bad == "a file" else unwritable_cache(tmp_path)
    if bad == "a file":
        cache.write_text("not a folder\n")
    done = hcnetsdk("doctor", "--simulator", env=environment(cache))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    text = " ".join(done.stdout.split())
    assert f"the simulator's cache folder {cache} cannot be used" in text
    assert text.count("HCNETSDK_SIMULATOR_CACHE") == 1  # said once, with one action
    data = json.loads(hcnetsdk("--simulator", "doctor", "--json", env=environment(cache)).stdout)
    assert data["ok"] is False
    assert data["error"]["class"] == "SimulatorCacheError"


# --- Ctrl-C -----------------------------------------------------------------------------------


@linux_only
@pytest.mark.parametrize("as_json", [False, True])
def test_ctrl_c_prints_interrupted_and_exits_130(tmp_path: Path, as_json: bool) -> None:
    """Interrupted while the simulator compiles (a compiler that takes its time)."""
    started = tmp_path / "compiling"
    compiler = tmp_path / "slow-cc"
    compiler.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = --version ]; then echo slow-cc 1.0; exit 0; fi\n'
        f"touch {started}\n"
        "exec sleep 60\n"
    )
    compiler.chmod(0o755)
    env = environment(tmp_path / "cache", CC=str(compiler))
    argv = [sys.executable, "-m", "hcnetsdk", "demo", *(["--json"] if as_json else [])]
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the build never started"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130
    assert "Traceback" not in out + err
    if as_json:
        assert err == ""
        data = json.loads(out)
        assert data["ok"] is False
        assert (data["error"]["class"], data["error"]["message"]) == (
            "KeyboardInterrupt",
            "interrupted",
        )
    else:
        assert err == "hcnetsdk demo: interrupted\n"


def test_ctrl_c_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from hcnetsdk import cli, errors

    def interrupt(code_or_name: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(errors, "lookup", interrupt)
    assert cli.main(["explain", "7"]) == _failures.EXIT_INTERRUPTED == 130
    assert capsys.readouterr().err == "hcnetsdk explain: interrupted\n"


# --- usage errors, unexpected errors ------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["login"], "the following arguments are required: host"),
        (["explain", "99999"], "unknown error code 99999"),
        (["errors", "--category", "bogus"], "unknown category 'bogus'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["demo", "--library", "/opt/sdk"], "the demo runs only against the simulator"),
    ],
)
def test_usage_errors_exit_2_as_a_line_or_a_json_object(
    fake_sdk_path: Path, argv: list[str], message: str
) -> None:
    env = environment(fake_sdk_path.parent.parent)
    done = hcnetsdk(*argv, env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert message in done.stderr.splitlines()[-1]
    done = hcnetsdk(*argv, "--json", env=env)
    assert done.returncode == 2
    error = assert_json_failure(done)
    assert error["class"] == "UsageError"
    assert message in str(error["message"])


def test_an_unexpected_error_is_one_line_naming_it_a_bug(fake_sdk_path: Path) -> None:
    probe = (
        "import sys, hcnetsdk.errors as e\n"
        "def broken(value): raise RuntimeError('something nobody expected')\n"
        "e.lookup = broken\n"
        "from hcnetsdk.cli import main\n"
        "raise SystemExit(main(sys.argv[1:]))\n"
    )
    env = environment(fake_sdk_path.parent.parent)
    run = [sys.executable, "-c", probe, "explain", "7"]
    done = subprocess.run(run, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 1
    line = assert_one_clear_line(
        done, "hcnetsdk explain: error: RuntimeError: something nobody expected"
    )
    assert _failures.ISSUES_URL in line
    done = subprocess.run(
        [*run, "--json"], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 1
    assert assert_json_failure(done)["class"] == "RuntimeError"


def test_an_sdk_init_failure_in_login_is_one_line(fake_sdk_path: Path, tmp_path: Path) -> None:
    """Refused before NET_DVR_Init (an SDK folder path the SDK crashes on): the message, once."""
    folder = tmp_path / ("d" * max(1, 248 - len(str(tmp_path)) - 1))
    folder.mkdir()
    (folder / "libhcnetsdk.so").write_bytes(fake_sdk_path.read_bytes())
    env = environment(fake_sdk_path.parent.parent, HCNETSDK_PASSWORD="12345")
    done = hcnetsdk("login", "127.0.0.1", "--library", str(folder), env=env)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("hcnetsdk login: error: ")
    assert "248 bytes" in done.stderr
    error = assert_json_failure(
        hcnetsdk("login", "127.0.0.1", "--library", str(folder), "--json", env=env)
    )
    assert error["class"] == "SDKPathError"


# --- the password -------------------------------------------------------------------------------


def test_an_empty_password_variable_is_not_reported_as_unset(fake_sdk_path: Path) -> None:
    env = environment(fake_sdk_path.parent.parent, HCNETSDK_PASSWORD="")
    done = hcnetsdk("login", "127.0.0.1", "--simulator", env=env)
    assert done.returncode == 2
    assert_one_clear_line(done, "hcnetsdk login: error: HCNETSDK_PASSWORD is set but empty")
    unset = environment(fake_sdk_path.parent.parent)
    done = hcnetsdk("login", "127.0.0.1", "--simulator", env=unset)
    assert done.returncode == 2
    assert_one_clear_line(done, "hcnetsdk login: error: no password: set HCNETSDK_PASSWORD")


def test_an_sdk_load_error_of_any_kind_is_its_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A subclass the CLI has never heard of (a dedicated cache error, say) is reported by its
    message; doctor gives it the cache's action when it names the cache."""
    from hcnetsdk import _doctor, _simulator, cli, errors

    class SimulatorCacheError(errors.SDKNotFoundError):
        pass

    message = (
        f"the simulator's cache {tmp_path} is a file; set HCNETSDK_SIMULATOR_CACHE to a folder"
    )

    def refuse(*args: object, **kwargs: object) -> Path:
        raise SimulatorCacheError(message, [("simulator", "cache is a file")])

    monkeypatch.setattr(_simulator, "build_fake_sdk", refuse)
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(tmp_path))
    assert cli.main(["demo"]) == 1
    assert capsys.readouterr().err == f"hcnetsdk demo: error: {message}\n"
    assert cli.main(["demo", "--json"]) == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert (error["class"], error["message"]) == ("SimulatorCacheError", message)
    assert error["attempts"] == [["simulator", "cache is a file"]]
    report = _doctor.diagnose("simulator")
    assert report.problems == [
        f"the simulator cannot be built in its cache folder {tmp_path}: {message}"
    ]
    assert report.advice == [
        "Set HCNETSDK_SIMULATOR_CACHE to a folder you can write to (or unset it)."
    ]
