"""Hardening against the simulator, which crashes where the real SDK does (sdk-facts "Paths" and
"Processes"): each case runs in a child process, so a crash shows as a signal, not as a dead
test run. Without the binding's guard, each of these children dies; with it, each exits 0.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

posix_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork() is POSIX only")


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HCNETSDK_")}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def _long_folder(tmp_path: Path, fake_sdk_path: Path, length: int) -> Path:
    base = tmp_path / "sdk"
    folder = base / ("d" * (length - len(str(base)) - 1))
    assert len(os.fsencode(folder)) == length
    folder.mkdir(parents=True)
    shutil.copy(fake_sdk_path, folder / "libhcnetsdk.so")
    return folder


@pytest.mark.parametrize("length", [247, 251])
def test_an_sdk_folder_that_crashes_init_is_refused_and_nothing_crashes(
    tmp_path: Path, fake_sdk_path: Path, length: int
) -> None:
    folder = _long_folder(tmp_path, fake_sdk_path, length)
    done = _run(
        """
        import sys, hcnetsdk
        sdk = hcnetsdk.HCNetSDK(sys.argv[1])
        try:
            sdk.init()
        except hcnetsdk.SDKPathError as exc:
            print("refused:", exc.path == sys.argv[1], "more than 246" in str(exc))
        """,
        str(folder),
    )
    assert done.returncode == 0, (done.returncode, done.stderr)  # not -SIGSEGV / -SIGILL
    assert done.stdout == "refused: True True\n"
    doctor = subprocess.run(
        [sys.executable, "-m", "hcnetsdk", "doctor", "--library", str(folder), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert doctor.returncode == 1, doctor.stderr  # a verdict, not a crash
    report = json.loads(doctor.stdout)
    assert report["error"]["class"] == "SDKPathError"


@posix_only
def test_a_forked_child_refuses_the_parents_objects_and_exits_cleanly(fake_sdk_path: Path) -> None:
    done = _run(
        """
        import os, sys, hcnetsdk
        with hcnetsdk.HCNetSDK(sys.argv[1]) as sdk:
            device = sdk.login("127.0.0.1", 8000, username="admin", password="12345")
            pid = os.fork()
            if pid == 0:  # the child: NET_DVR_Cleanup here would crash it (SIGSEGV)
                try:
                    device.user_id
                except hcnetsdk.SDKClosedError:
                    ok = True
                else:
                    ok = False
                sdk.cleanup()  # no SDK call in the child
                with hcnetsdk.HCNetSDK(sys.argv[1]) as own:  # the child's own SDK object
                    own.login("127.0.0.1", 8001, username="admin", password="12345").logout()
                os._exit(0 if ok else 3)
            _, status = os.waitpid(pid, 0)
            print("child:", os.waitstatus_to_exitcode(status), "parent:", device.logged_in)
        """,
        str(fake_sdk_path),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "child: 0 parent: True\n"
