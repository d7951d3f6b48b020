"""What the wheel carries for a user who installed it (no clone): the licence, the project's
URLs, and the install guide that ``hcnetsdk doctor --guide`` prints (``.ci/run`` checks the same
on the wheel it builds)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = (REPO / "pyproject.toml").read_text(encoding="utf-8")


def test_the_licence_is_mit_by_the_contributors() -> None:
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n")
    assert re.search(r"^Copyright \(c\) \d{4} hcnetsdk contributors$", licence, re.MULTILINE)
    assert 'license = "MIT"' in PYPROJECT
    assert 'license-files = ["LICENSE"]' in PYPROJECT


def test_the_project_urls() -> None:
    urls = PYPROJECT.split("[project.urls]", 1)[1].split("\n[", 1)[0]
    for key in ("Homepage", "Documentation", "Issues"):
        assert re.search(rf'^{key} = "https://github\.com/hcnetsdk/hcnetsdk[^"]*"$', urls, re.M)
    from hcnetsdk.cli import _failures

    assert f'Issues = "{_failures.ISSUES_URL}"' in urls  # where the bug line sends users


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (setuptools leaves build/ where it builds)."""
    out = tmp_path_factory.mktemp("wheel")
    source = out / "source"
    skip = shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "*.so")
    shutil.copytree(REPO, source, ignore=skip)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:  # pragma: no cover - no build backend reachable here
        pytest.skip(f"pip cannot build the wheel here: {done.stderr.strip()[-300:]}")
    return next(out.glob("hcnetsdk-*.whl"))


def test_the_wheel_carries_licence_urls_and_guide(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    assert "hcnetsdk/install_guide.md" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    text = metadata.decode("utf-8")
    assert "License-Expression: MIT" in text
    for key in ("Homepage", "Documentation", "Issues"):
        assert f"Project-URL: {key}, https://github.com/hcnetsdk/hcnetsdk" in text


def test_an_installed_wheel_prints_the_guide(wheel: Path, tmp_path: Path) -> None:
    """Unpacked alone on sys.path (no repository beside it): ``doctor --guide`` still works."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HCNETSDK_", "PYTHON"))}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run(
        [sys.executable, "-I", "-c", _RUN_FROM_SITE, str(site)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Installing Hikvision's SDK for hcnetsdk\n")
    assert "lib/README.md" not in done.stdout


# -I ignores PYTHONPATH (and the editable install's path hooks stay): put the wheel first.
_RUN_FROM_SITE = """
import sys
sys.path.insert(0, sys.argv[1])
import hcnetsdk
assert hcnetsdk.__file__.startswith(sys.argv[1]), hcnetsdk.__file__
from hcnetsdk.cli import main
raise SystemExit(main(["doctor", "--guide"]))
"""
