"""The pytest plugin ``hcnetsdk``: light to import, its fixtures, and a separate project that
uses it from an installed wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk.testing import FakeSite

REPO = Path(__file__).resolve().parent.parent


def test_importing_the_plugin_loads_nothing() -> None:
    code = (
        "import sys, hcnetsdk.testing.plugin as p\n"
        "heavy = [m for m in ('ctypes', 'hcnetsdk.sdk', 'hcnetsdk._simcontrol',"
        " 'hcnetsdk.testing._site', 'asyncio') if m in sys.modules]\n"
        "maps = open('/proc/self/maps').read()\n"
        "print(heavy, 'libhcnetsdk' in maps, [n for n in dir(p) if n.startswith('hcnetsdk_')])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[] False ['hcnetsdk_sdk', 'hcnetsdk_site']"


def test_the_entry_point_names_the_plugin() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.pytest11]\nhcnetsdk = "hcnetsdk.testing.plugin"' in text


def test_the_fixtures(hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK) -> None:
    assert hcnetsdk_site.devices == ()
    assert hcnetsdk_sdk.initialised
    with pytest.raises(hcnetsdk.NetworkFailConnectError):  # a fresh site is empty
        hcnetsdk_sdk.login("127.0.0.1", 8000, username="admin", password="12345")
    hcnetsdk_site.add_camera(port=8000)
    hcnetsdk_sdk.login("127.0.0.1", 8000, username="admin", password="12345")
    assert hcnetsdk_site.sessions == 1  # logged out by the fixture's cleanup


def test_a_separate_project_uses_the_plugin_from_a_wheel(
    tmp_path: Path, fake_sdk_path: Path
) -> None:
    """A small project, hcnetsdk installed from its wheel beside it: its pytest run gets the
    fixtures through the entry point (no network: the installed tools, --no-index)."""
    source = tmp_path / "source"
    skip = shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "*.so")
    shutil.copytree(REPO, source, ignore=skip)
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip"]
    has_pip = subprocess.run([*pip, "--version"], capture_output=True, timeout=120, check=False)
    if has_pip.returncode != 0:  # as the packaging tests: the aarch64 run's Python has no pip
        pytest.skip(f"pip cannot build the wheel here: {has_pip.stderr.decode()[-300:]}")
    built = subprocess.run(
        [*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if built.returncode != 0:  # old setuptools in this venv: build it the isolated way
        built = subprocess.run(
            [*pip, "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(wheels.glob("hcnetsdk-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        entry_points = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
        assert "[pytest11]\nhcnetsdk = hcnetsdk.testing.plugin" in archive.read(
            entry_points
        ).decode("utf-8")
    site = tmp_path / "site"
    subprocess.run(
        [*pip, "install", "-q", "--no-index", "--no-deps", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    project = tmp_path / "myapp"
    (project / "tests").mkdir(parents=True)
    (project / "myapp.py").write_text(
        textwrap.dedent(
            """
            import hcnetsdk

            def serial_of(sdk: hcnetsdk.HCNetSDK, port: int) -> str:
                with sdk.login("127.0.0.1", port, username="admin", password="pw") as device:
                    return device.info.serial_number
            """
        )
    )
    (project / "tests" / "test_app.py").write_text(
        textwrap.dedent(
            f"""
            import hcnetsdk, myapp

            def test_serial(hcnetsdk_site, hcnetsdk_sdk):
                hcnetsdk_site.add_camera(port=8123, users={{"admin": "pw"}}, serial="CAM-1")
                assert myapp.serial_of(hcnetsdk_sdk, 8123) == "CAM-1"
                assert hcnetsdk_site.devices[0].logins == 1

            def test_installed_from_the_wheel():
                assert hcnetsdk.__file__.startswith({str(site)!r}), hcnetsdk.__file__
            """
        )
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HCNETSDK_", "PYTHON"))}
    env["HCNETSDK_SIMULATOR_CACHE"] = str(fake_sdk_path.parent.parent)  # the build is reused
    # The wheel's folder first; pytest itself comes from this test's environment.
    runner = (
        "import sys; sys.path[:0] = [sys.argv.pop(1), sys.argv.pop(1)]; "
        "import pytest; sys.exit(pytest.main())"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            runner,
            str(site),
            str(project),
            "-q",
            "-p",
            "no:cacheprovider",
            "tests",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
