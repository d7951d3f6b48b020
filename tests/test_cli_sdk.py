"""``hcnetsdk demo``, ``login`` and ``doctor`` against the simulator, and the global options."""

from __future__ import annotations

import io
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hcnetsdk import _doctor, cli
from hcnetsdk._simcontrol import FakeSDKControl

SECRET = "pa55-never-printed"


@pytest.fixture(autouse=True)
def _on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """This environment's scripts on PATH: the hints say plain ``hcnetsdk``."""
    scripts = os.path.dirname(sys.executable)
    monkeypatch.setenv("PATH", scripts + os.pathsep + os.environ.get("PATH", ""))


@pytest.fixture
def sim(
    monkeypatch: pytest.MonkeyPatch, fake_sdk_path: Path, fake_control: FakeSDKControl
) -> FakeSDKControl:
    """--simulator builds into pytest's cache (the same library as ``fake_control``)."""
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    monkeypatch.delenv("HCNETSDK_LIB", raising=False)
    monkeypatch.delenv("HCNETSDK_PASSWORD", raising=False)
    return fake_control


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- demo -------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after", "none"])
def test_demo(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], where: str) -> None:
    argv = {"before": ["--simulator", "demo"], "after": ["demo", "--simulator"], "none": ["demo"]}
    status, out, err = run(capsys, *argv[where])
    assert status == 0, err
    assert "SDK version 6.1.9.48" in out
    assert "serial number:   DS-7608NI-K" in out
    assert "IP channels:     8 (first: 33)" in out
    assert "PasswordError (1 NET_DVR_PASSWORD_ERROR): user name or password is wrong" in out
    assert "(4 attempts left)" in out
    assert "(1 attempt left)" in out
    assert "UserLockedError (153 NET_DVR_USER_LOCKED)" in out
    assert "locked for 1800 s" in out
    assert "NetworkFailConnectError (7 NET_DVR_NETWORK_FAIL_CONNECT)" in out
    assert "ConnectionError" in out
    assert "except hcnetsdk.PasswordError as exc:" in out
    assert SECRET not in out
    assert err == ""


def test_demo_json(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "demo", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["ok"] is True
    assert data["sdk_version"] == "6.1.9.48"
    steps = data["steps"]
    assert steps[0]["ok"] is True
    assert steps[0]["device"]["ip_channels"] == 8
    classes = [s["error"]["class"] for s in steps if not s["ok"]]
    assert classes == ["PasswordError"] * 4 + ["UserLockedError"] * 2 + ["NetworkFailConnectError"]
    assert steps[2]["error"]["attempts_left"] == 4
    assert steps[-1]["error"]["code"] == 7
    assert "ConnectionError" in steps[-1]["error"]["catch_as"]


def test_demo_reports_unexpected_results(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]
) -> None:
    nvr = sim.find_device("127.0.0.1", 8000)
    assert nvr is not None
    sim.fail_login(nvr, 5)
    status, out, err = run(capsys, "demo")
    assert status == 1
    assert "OverMaxlinkError" in out or "(5 NET_DVR_OVER_MAXLINK)" in out
    assert "did not behave as expected" in err


def test_demo_refuses_a_real_library(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "--library", str(tmp_path), "demo")
    assert status == 2
    assert out == ""
    assert err.startswith("hcnetsdk demo: error: the demo runs only against the simulator")


def test_demo_without_compiler(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(tmp_path))
    monkeypatch.setenv("CC", "no-such-compiler-xyz")
    status, out, err = run(capsys, "demo")
    assert status == 1
    assert "Compiled" not in out  # nothing was built
    assert "Building" not in out
    assert err.startswith("hcnetsdk demo: error: cannot build the simulated HCNetSDK: the C ")
    assert "no-such-compiler-xyz" in err
    assert "apt-get install gcc" in err
    # What does not help without a compiler: doctor, the install guide, --simulator.
    assert "doctor" not in err
    assert "README" not in err
    assert "--simulator" not in err


# --- login ------------------------------------------------------------------------------------


def test_login_ok(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", "12345")
    status, out, err = run(capsys, "--simulator", "login", "127.0.0.1")
    assert status == 0, err
    assert out.startswith("Logged in to admin@127.0.0.1:8000 (SDK 6.1.9.48, simulator)\n")
    assert "DS-7608NI-K" in out
    assert "password level:  default (the factory default password: change it)" in out
    assert sim.get_int("logged_in_users") == 0  # logged out again


def test_login_json_and_timeouts(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", "12345")
    argv = ["login", "127.0.0.1", "--port", "8001", "--user", "admin", "--json", "--simulator"]
    status, out, _ = run(capsys, *argv, "--connect-timeout", "2", "--recv-timeout", "3.5")
    assert status == 0
    data = json.loads(out)
    assert data["ok"] is True
    assert (data["host"], data["port"], data["user"]) == ("127.0.0.1", 8001, "admin")
    assert data["device"]["analog_channels"] == 1
    assert data["device"]["password_level"] == 1
    assert sim.get_int("connect_wait_ms") == 2000
    assert sim.get_int("recv_timeout_ms") == 3500


def test_login_wrong_password(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", SECRET)
    status, out, err = run(capsys, "login", "127.0.0.1", "--simulator")
    assert status == 1
    assert out == ""
    assert "PasswordError: the SDK reported error 1" in err
    assert "1 (NET_DVR_PASSWORD_ERROR) in NET_DVR_Login_V40" in err
    assert "user name or password is wrong" in err
    assert "用户名密码错误" in err
    assert "attempts left:    4 before the account locks" in err
    assert "Check that the user name and password are correct." in err
    assert "catch it as:      PasswordError, NetworkLibraryError, AuthenticationError" in err
    assert SECRET not in out + err


def test_login_wrong_password_json(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", SECRET)
    status, out, _ = run(capsys, "login", "127.0.0.1", "--simulator", "--json")
    assert status == 1
    data = json.loads(out)
    assert data["ok"] is False
    error = data["error"]
    assert error["class"] == "PasswordError"
    assert (error["code"], error["name"]) == (1, "NET_DVR_PASSWORD_ERROR")
    assert error["attempts_left"] == 4
    assert error["description_zh"].startswith("用户名密码错误")
    assert error["hints"]["solutions"]
    assert SECRET not in out


def test_login_locked_account(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", "wrong")
    for _ in range(4):
        assert run(capsys, "login", "127.0.0.1", "--port", "8002", "--simulator")[0] == 1
    status, _, err = run(capsys, "login", "127.0.0.1", "--port", "8002", "--simulator")
    assert status == 1
    assert "UserLockedError" in err
    assert "locked for:" in err
    assert "1800 s (30 min)" in err


def test_login_unreachable(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", "12345")
    status, _, err = run(capsys, "login", "127.0.0.1", "--port", "9000", "--simulator")
    assert status == 1
    assert "NetworkFailConnectError: the SDK reported error 7" in err
    assert "ConnectionError" in err
    assert "Check that the device is online" in err


def test_login_prompts_on_a_terminal(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return "12345"

    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", fake_getpass)
    status, out, _ = run(capsys, "login", "127.0.0.1", "--simulator")
    assert status == 0
    assert prompts == ["Password for admin@127.0.0.1:8000: "]
    assert "DS-7608NI-K" in out


def test_login_empty_prompt_is_a_usage_error(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "")
    assert run(capsys, "login", "127.0.0.1", "--simulator")[0] == 2


def test_login_without_password_or_terminal(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    status, out, err = run(capsys, "login", "127.0.0.1", "--simulator")
    assert status == 2
    assert out == ""
    assert err.startswith("hcnetsdk login: error: no password: set HCNETSDK_PASSWORD")
    assert sim.get_int("calls:NET_DVR_Login_V40") == 0


def test_login_has_no_password_option(capsys: pytest.CaptureFixture[str]) -> None:
    parser = cli.build_parser()
    options = [
        option
        for action in parser._subparsers._group_actions  # type: ignore[union-attr]
        for sub in action.choices.values()  # type: ignore[union-attr]
        for opt in sub._actions
        for option in opt.option_strings
    ]
    assert "--user" in options
    assert not [option for option in options if "pass" in option.lower()]
    status, _, err = run(capsys, "login", "127.0.0.1", "--password", "x")
    assert status == 2
    assert "unrecognized arguments: --password" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["login"], "required: host"),
        (["login", "127.0.0.1", "--port", "0"], "port must be between 1 and 65535"),
        (["login", "127.0.0.1", "--port", "http"], "not a port number"),
        (["login", "127.0.0.1", "--connect-timeout", "-1"], "seconds must be positive"),
        # the API's own bound (a DWORD of milliseconds), not a rounder one of the CLI's
        (["login", "127.0.0.1", "--recv-timeout", "4294968"], "at most 4294967 s"),
        (["login", "127.0.0.1", "--recv-timeout", "nan"], "finite"),
        (["login", "127.0.0.1", "--recv-timeout", "soon"], "not a number of seconds"),
        (["--simulator", "--library", "x", "login", "127.0.0.1"], "either --simulator or"),
        (["login", "127.0.0.1", "--library", " "], "--library needs a path"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments(
    sim: FakeSDKControl,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", "12345")
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert message in err


def test_login_library_not_found(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", "12345")
    status, out, err = run(capsys, "login", "127.0.0.1", "--library", str(tmp_path / "nope"))
    assert status == 1
    assert err.startswith("hcnetsdk login: error: the HCNetSDK library (libhcnetsdk.so) was not")
    assert "doctor" in err
    assert "HCNetSDK(library" not in err  # shell advice, not Python
    status, out, err = run(capsys, "login", "127.0.0.1", "--library", str(tmp_path), "--json")
    assert status == 1
    assert json.loads(out)["error"]["class"] == "SDKNotFoundError"


def test_login_with_library_and_env(
    sim: FakeSDKControl,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fake_sdk_path: Path,
) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", "12345")
    assert run(capsys, "--library", str(fake_sdk_path), "login", "127.0.0.1")[0] == 0
    monkeypatch.setenv("HCNETSDK_LIB", str(fake_sdk_path.parent))
    status, out, _ = run(capsys, "login", "127.0.0.1", "--port", "8004")
    assert status == 0
    assert "HCNETSDK_LIB" in out


# --- doctor -----------------------------------------------------------------------------------

COMPONENTS = [
    "libHCPreview.so",
    "libHCAlarm.so",
    "libHCCoreDevCfg.so",
    "libHCDisplay.so",
    "libHCGeneralCfgMgr.so",
    "libHCIndustry.so",
    "libHCPlayBack.so",
    "libHCVoiceTalk.so",
    "libStreamTransClient.so",
    "libSystemTransform.so",
    "libanalyzedata.so",
    "libAudioIntercom.so",
    "libiconv2.so",
]


def sdk_folder(root: Path, fake: Path, *, complete: bool = True) -> Path:
    """A folder laid out like the vendor's lib/: the fake as libhcnetsdk.so (and as the other
    shared libraries, so they are real ELF files), empty files for data files."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(fake, root / "libhcnetsdk.so")
    if complete:
        for name in ("libHCCore.so", "libhpr.so", "libcrypto.so.1.1", "libssl.so.1.1"):
            shutil.copy(fake, root / name)
        for name in ("libz.so", "libNPQos.so", "libopenal.so.1", "libAudioRender.so"):
            shutil.copy(fake, root / name)
        for name in ("libPlayCtrl.so", "libSuperRender.so"):
            shutil.copy(fake, root / name)
        (root / "HCNetSDK_Log_Switch.xml").write_text("<xml/>\n")
        (root / "HCNetSDKCom").mkdir()
        for name in COMPONENTS:
            (root / "HCNetSDKCom" / name).write_bytes(b"")
    return root


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux file layout")


def test_doctor_simulator(sim: FakeSDKControl, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "doctor", "--simulator")
    assert status == 0
    assert "SDK from: the simulator (--simulator)" in out
    assert "  ok         SDK version              6.1.9.48" in out
    assert out.rstrip().endswith("Result: the SDK is usable.")
    status, out, _ = run(capsys, "--simulator", "doctor", "--json")
    data = json.loads(out)
    assert status == 0
    assert data["ok"] is True
    assert data["simulator"] is True
    assert data["sdk_version"] == "6.1.9.48"
    assert data["problems"] == []


@linux_only
def test_doctor_complete_folder(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], fake_sdk_path: Path, tmp_path: Path
) -> None:
    folder = sdk_folder(tmp_path / "sdk", fake_sdk_path)
    status, out, _ = run(capsys, "doctor", "--library", str(folder))
    assert status == 0, out
    assert f"Files in {folder}:" in out
    assert "  ok         libHCCore.so " in out
    assert "  ok         HCNetSDKCom/ " in out
    assert "all 13 components" in out
    assert "  ok         libuuid " in out
    assert "  ok         SDK version              6.1.9.48" in out
    assert "Problems:" not in out
    assert "Warnings:" not in out
    data = json.loads(
        run(capsys, "doctor", "--library", str(folder / "libhcnetsdk.so"), "--json")[1]
    )
    assert data["ok"] is True
    assert {entry["name"]: entry["present"] for entry in data["files"]}["libhpr.so"] is True


@linux_only
def test_doctor_folder_missing_files(
    sim: FakeSDKControl, capsys: pytest.CaptureFixture[str], fake_sdk_path: Path, tmp_path: Path
) -> None:
    folder = sdk_folder(tmp_path / "sdk", fake_sdk_path, complete=False)
    status, out, _ = run(capsys, "doctor", "--library", str(folder))
    # The fake loads and answers without its companions (as an SDK whose companions come from
    # LD_LIBRARY_PATH): usable, and the folder's gaps are one warning with one action.
    assert status == 0, out
    assert "  missing    libHCCore.so " in out
    assert "  missing    libhpr.so " in out
    assert "  missing    libssl.so.1.1 " in out
    words = " ".join(out.split())
    assert f"{folder} lacks libHCCore.so and libhpr.so (required;" in words
    assert "fails with error 107" in words
    assert out.count("What to do:") == 1
    assert "README" not in out
    assert "  ok         SDK version              6.1.9.48" in out
    assert "Result: the SDK is usable (1 warning)." in out
    data = json.loads(run(capsys, "doctor", "--library", str(folder), "--json")[1])
    assert data["ok"] is True
    assert len(data["warnings"]) == 1
    missing = {e["name"] for e in data["files"] if not e["present"] and e["kind"] == "required"}
    assert missing == {"libHCCore.so", "libhpr.so"}


@linux_only
def test_doctor_wrong_architecture(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    machine = 62 if platform.machine().lower() not in ("x86_64", "amd64") else 183
    header = bytearray(64)
    header[:8] = b"\x7fELF\x02\x01\x01\x00"
    header[16:18] = (3).to_bytes(2, "little")  # ET_DYN
    header[18:20] = machine.to_bytes(2, "little")
    folder = tmp_path / "sdk"
    folder.mkdir()
    (folder / "libhcnetsdk.so").write_bytes(bytes(header))
    status, out, _ = run(capsys, "doctor", "--library", str(folder))
    assert status == 1
    assert "  WRONG ARCH libhcnetsdk.so           the SDK: an ELF 64-bit" in out
    assert "SDKArchitectureError" in out
    words = " ".join(out.split())
    assert words.count("but this Python is") == 1  # stated once
    assert words.count("Use the vendor's SDK package built for") == 1


def test_doctor_empty_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "doctor", "--library", str(tmp_path))
    assert status == 1
    assert "SDKNotFoundError" in out
    assert f"{tmp_path} holds no libhcnetsdk.so" in " ".join(out.split())
    assert out.rstrip().endswith("The install guide: `hcnetsdk doctor --guide`.")
    data = json.loads(run(capsys, "doctor", "--library", str(tmp_path), "--json")[1])
    assert data["ok"] is False
    assert data["error"]["class"] == "SDKNotFoundError"
    assert data["error"]["attempts"]


def test_doctor_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "doctor", "--library", str(tmp_path / "nowhere"))
    assert status == 1
    assert "does not exist (--library)" in out


@linux_only
def test_doctor_without_libuuid(
    sim: FakeSDKControl,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fake_sdk_path: Path,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(_doctor, "find_libuuid", lambda: None)
    folder = sdk_folder(tmp_path / "sdk", fake_sdk_path)
    status, out, _ = run(capsys, "doctor", "--library", str(folder))
    assert status == 0  # the fake answers without libuuid: a warning (test_doctor.py has more)
    assert "  missing    libuuid " in out
    assert "apt-get install libuuid1" in out


@linux_only
def test_doctor_search_and_env(
    sim: FakeSDKControl,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fake_sdk_path: Path,
    tmp_path: Path,
) -> None:
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "doctor")
    if "/libhcnetsdk.so" in out and status == 0:  # pragma: no cover - an SDK is installed here
        pytest.skip("an HCNetSDK is installed on this machine's loader path")
    assert status == 1
    assert "HCNETSDK_LIB is not set" in out
    assert "./lib of the current directory" in " ".join(out.split())
    folder = sdk_folder(tmp_path / "lib", fake_sdk_path)
    status, out, _ = run(capsys, "doctor")
    assert status == 0, out
    assert f"Files in {folder}:" in out
    monkeypatch.setenv("HCNETSDK_LIB", str(folder))
    status, out, _ = run(capsys, "doctor")
    assert status == 0
    assert "(from HCNETSDK_LIB)" in out


# --- every subcommand ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [c.name for c in cli.COMMANDS])
def test_every_subcommand_has_help_and_json(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    assert "--json" in out


def test_help_lists_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for command in ("explain", "errors", "doctor", "login", "demo", "--simulator", "--library"):
        assert command in out
    assert "Exit status: 0 success, 1" in " ".join(out.split())


def _script_env(fake_sdk_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HCNETSDK_")}
    env["HCNETSDK_SIMULATOR_CACHE"] = str(fake_sdk_path.parent.parent)
    return env


def test_console_script_and_dash_m(fake_sdk_path: Path) -> None:
    script = Path(sys.executable).with_name("hcnetsdk")
    commands = [[sys.executable, "-m", "hcnetsdk"]]
    if script.exists():
        commands.append([str(script)])
    env = _script_env(fake_sdk_path)
    for command in commands:
        done = subprocess.run(
            [*command, "demo", "--simulator"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "UserLockedError (153 NET_DVR_USER_LOCKED)" in done.stdout
        env["HCNETSDK_PASSWORD"] = "12345"
        done = subprocess.run(
            [*command, "login", "127.0.0.1", "--simulator", "--json"],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["ok"] is True
        del env["HCNETSDK_PASSWORD"]


def test_broken_pipe_is_quiet(fake_sdk_path: Path) -> None:
    done = subprocess.run(
        f"{shlex.quote(sys.executable)} -m hcnetsdk demo | head -n 2",
        shell=True,
        capture_output=True,
        text=True,
        env=_script_env(fake_sdk_path),
        timeout=120,
        check=False,
    )
    assert done.stdout.startswith("hcnetsdk demo: ")
    assert "Traceback" not in done.stderr


# --- the demo says what is true -----------------------------------------------------------------


def test_the_demo_says_it_compiled_only_when_it_did(fake_sdk_path: Path, tmp_path: Path) -> None:
    env = _script_env(fake_sdk_path)
    env["HCNETSDK_SIMULATOR_CACHE"] = str(tmp_path / "fresh-cache")
    first = subprocess.run(
        [sys.executable, "-m", "hcnetsdk", "demo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    compiled = "Compiled the simulated SDK with the C compiler (once: later runs reuse it)."
    assert first.stdout.splitlines()[1] == compiled
    again = subprocess.run(
        [sys.executable, "-m", "hcnetsdk", "demo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        check=False,
    )
    assert again.returncode == 0
    assert compiled not in again.stdout
    assert "Building" not in again.stdout
    assert again.stdout.splitlines()[1].startswith("SDK version 6.1.9.48, loaded from ")


def test_demo_help_offers_no_library(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "demo", "--help")
    assert status == 0
    assert "--library" not in out  # it always fails: not offered
    assert "--simulator" in out


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX script layout")
def test_the_demos_hints_name_the_command_as_run(fake_sdk_path: Path) -> None:
    """The README's first command puts nothing on PATH: the hints say .venv/bin/hcnetsdk."""
    script = Path(sys.executable).with_name("hcnetsdk")
    if not script.is_file():
        pytest.skip("no hcnetsdk script beside this Python")
    venv = script.parent.parent
    env = _script_env(fake_sdk_path)
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if p and Path(p) != script.parent
    )
    if shutil.which("hcnetsdk", path=env["PATH"]):
        pytest.skip("another hcnetsdk is on PATH")
    relative = f"{venv.name}/bin/hcnetsdk"
    done = subprocess.run(
        [relative, "demo"],
        cwd=venv.parent,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"Next: `{relative} explain 153`, `{relative} errors --category auth`" in done.stdout
    assert f"({relative} explain CODE tells more about any code)" in done.stdout
    env["PATH"] = str(script.parent) + os.pathsep + env["PATH"]  # activated
    done = subprocess.run(
        [relative, "demo"],
        cwd=venv.parent,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert "Next: `hcnetsdk explain 153`" in done.stdout
