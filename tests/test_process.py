"""Process-wide behaviour: os.fork() after init, cleanup at exit, ResourceWarning, version races.

The fork tests fork this test process (the Python fake lives in it, so the child has its own
copy and reports what it saw through its exit status); the exit test runs a fresh interpreter
against the C simulator.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_mock import MockerFixture

from _pyfake import PyFakeSDK
from hcnetsdk import _loader, _process
from hcnetsdk._loader import LoadedLibrary
from hcnetsdk.errors import SDKClosedError
from hcnetsdk.sdk import HCNetSDK

posix_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork() is POSIX only")


@pytest.fixture
def fake(mocker: MockerFixture, tmp_path: Path) -> Iterator[PyFakeSDK]:
    fake = PyFakeSDK()
    loaded = LoadedLibrary(fake.lib, str(tmp_path / "libhcnetsdk.so"), str(tmp_path), "argument")
    mocker.patch.object(_loader, "load_library", return_value=loaded)
    yield fake
    assert fake.violations == []  # e.g. a Logout with an id the SDK never gave


def _in_child(check: object) -> int:
    """Fork; run ``check()`` in the child (exit 0 if it returns, 1 with the error on stderr)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 1
        try:
            check()  # type: ignore[operator]
            code = 0
        except BaseException as exc:
            sys.stderr.write(f"child failed: {exc!r}\n")
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@posix_only
def test_a_forked_child_cannot_use_the_parents_objects(fake: PyFakeSDK) -> None:
    with HCNetSDK() as sdk:
        device = sdk.login("127.0.0.1", username="admin", password="12345")
        calls_before = len(fake.calls)

        def check() -> None:
            for attempt in (
                lambda: sdk.set_connect_timeout(3),
                lambda: sdk.login("127.0.0.1", username="admin", password="12345"),
                lambda: sdk.version,
                lambda: device.user_id,
            ):
                with pytest.raises(SDKClosedError, match=r"os\.fork\(\)|parent process"):
                    attempt()
            assert sdk.devices == ()
            device.logout()  # nothing: the session is the parent's
            sdk.cleanup()  # nothing: no Logout, and never NET_DVR_Cleanup in a child
            assert len(fake.calls) == calls_before, fake.calls[calls_before:]

        assert _in_child(check) == 0
        assert device.logged_in  # the parent is untouched
        assert sdk.version.major == 6


@posix_only
def test_a_forked_child_makes_its_own_sdk_and_never_cleans_up_the_parents(
    fake: PyFakeSDK,
) -> None:
    with HCNetSDK():

        def check() -> None:
            cleanups = fake.cleanup_calls
            with HCNetSDK() as own:
                device = own.login("127.0.0.1", username="admin", password="12345")
                states = [device.logged_in]
            states.append(device.logged_in)
            assert states == [True, False]  # logged out by the child's own cleanup...
            assert fake.names_called().count("NET_DVR_Logout") >= 1
            assert fake.cleanup_calls == cleanups  # ...which leaves NET_DVR_Cleanup alone

        assert _in_child(check) == 0
    assert fake.cleanup_calls == 1  # the parent's cleanup did call it


# --- exit and garbage collection ------------------------------------------------------------
def test_an_sdk_never_cleaned_up_warns_and_is_kept_for_the_exit_cleanup(fake: PyFakeSDK) -> None:
    sdk = HCNetSDK().init()
    with pytest.warns(ResourceWarning, match="never cleaned up"):
        del sdk  # the last reference: collected at once
    orphan = _process._orphans.pop()  # what the exit hook would clean up
    orphan.cleanup()
    assert fake.cleanup_calls == 1


def test_no_warning_for_an_sdk_cleaned_up_or_never_initialised(fake: PyFakeSDK) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        with HCNetSDK():
            pass
        HCNetSDK()
        gc.collect()
    assert _process._orphans == []


def test_the_exit_hook_cleans_up_what_was_left(fake_sdk_path: Path, tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import atexit, ctypes
        lib = ctypes.CDLL({str(fake_sdk_path)!r})
        lib.fake_get_int.restype = ctypes.c_longlong
        lib.fake_get_int.argtypes = (ctypes.c_char_p,)
        def report():  # registered first, so it runs after hcnetsdk's own exit hook
            print("cleanup_calls", lib.fake_get_int(b"cleanup_calls"),
                  "logged_in_users", lib.fake_get_int(b"logged_in_users"))
        atexit.register(report)
        import hcnetsdk
        sdk = hcnetsdk.HCNetSDK({str(fake_sdk_path)!r}).init()
        device = sdk.login("127.0.0.1", username="admin", password="12345")
        print("logged in", device.logged_in)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "logged in True" in done.stdout
    assert "cleanup_calls 1 logged_in_users 0" in done.stdout


# --- version against cleanup ---------------------------------------------------------------
class SlowVersionFake(PyFakeSDK):
    """Its build version call waits for ``release`` once it was entered."""

    def __init__(self) -> None:
        self.entered, self.release = threading.Event(), threading.Event()
        super().__init__()

    def NET_DVR_GetSDKBuildVersion(self) -> int:
        self.entered.set()
        self.release.wait(10)
        return super().NET_DVR_GetSDKBuildVersion()  # 0 if NET_DVR_Cleanup ran meanwhile


def test_version_is_never_read_after_a_racing_cleanup(
    mocker: MockerFixture, tmp_path: Path
) -> None:
    fake = SlowVersionFake()
    loaded = LoadedLibrary(fake.lib, str(tmp_path / "libhcnetsdk.so"), str(tmp_path), "argument")
    mocker.patch.object(_loader, "load_library", return_value=loaded)
    sdk = HCNetSDK().init()
    results: list[object] = []
    reader = threading.Thread(target=lambda: results.append(str(sdk.version)))
    reader.start()
    assert fake.entered.wait(10)
    cleaner = threading.Thread(target=sdk.cleanup)
    cleaner.start()
    time.sleep(0.2)
    assert cleaner.is_alive()  # cleanup waits for the version call in flight
    fake.release.set()
    reader.join(10)
    cleaner.join(10)
    assert results == ["6.1.9.48"]
    with pytest.raises(SDKClosedError):
        _ = sdk.version


@pytest.fixture(autouse=True)
def _no_orphans_left() -> Iterator[None]:
    yield
    assert _process._orphans == []
