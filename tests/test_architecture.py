"""Which CPU the suite runs on, and the loader against a real library built for another one.

Three environment variables steer these tests; ``tools/arm64-suite.sh`` and ``.ci/run`` set them:

* ``HCNETSDK_EXPECT_MACHINE`` (e.g. ``aarch64``): the machine this run must be on. Set, the pinning
  test is mandatory and fails on any other machine; unset (a developer's run), it is skipped with
  that reason. The emulated aarch64 run sets it, so that run proves where it ran.
* ``HCNETSDK_REQUIRE_CROSS=1``: the cross-architecture tests fail instead of skipping when the
  other architecture's C compiler is missing. CI sets it (and installs the compilers).
* ``HCNETSDK_CROSS_CC``: the compiler that builds the simulator for the other architecture;
  default ``aarch64-linux-gnu-gcc`` on x86_64 and ``x86_64-linux-gnu-gcc`` on aarch64.

The cross-architecture tests build the simulator (the C fake) for the other CPU and load it: a
real ELF shared library of the wrong machine, as a user gets by unpacking the vendor's Linux64
SDK on an ARM board or the reverse. The loader, ``HCNetSDK`` and ``hcnetsdk doctor`` must each
name the machine of the file and the machine of this Python.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk import _loader
from hcnetsdk._simulator import build_fake_sdk
from hcnetsdk.errors import SDKArchitectureError, SDKNotFoundError

EXPECT_ENV = "HCNETSDK_EXPECT_MACHINE"
REQUIRE_CROSS_ENV = "HCNETSDK_REQUIRE_CROSS"
CROSS_CC_ENV = "HCNETSDK_CROSS_CC"

MACHINE = platform.machine()
LINUX = sys.platform.startswith("linux")
BITS = 64 if sys.maxsize > 2**32 else 32


@dataclass(frozen=True)
class Arch:
    machine: str
    """``platform.machine()`` on it."""
    e_machine: int
    """Its ELF ``e_machine``."""
    described: str
    """How ``describe_binary`` names a 64-bit shared library of it."""
    cross_cc: str
    """The Debian cross compiler that builds for it from the other architecture."""
    cross_packages: str
    """Debian's packages of that compiler and its C library."""


ARCHES = {
    "x86_64": Arch(
        "x86_64",
        62,
        "an ELF 64-bit x86-64 file",
        "x86_64-linux-gnu-gcc",
        "gcc-x86-64-linux-gnu libc6-dev-amd64-cross",
    ),
    "aarch64": Arch(
        "aarch64",
        183,
        "an ELF 64-bit AArch64 (ARM64) file",
        "aarch64-linux-gnu-gcc",
        "gcc-aarch64-linux-gnu libc6-dev-arm64-cross",
    ),
}
OTHER = {"x86_64": "aarch64", "aarch64": "x86_64"}
"""The architecture tested against each one."""


def elf_identity(path: Path) -> tuple[int, int]:
    """(ELF class bits, e_machine) read straight from the header, independently of the loader."""
    head = path.read_bytes()[:20]
    assert head[:4] == b"\x7fELF", f"{path} is not an ELF file"
    order = ">" if head[5] == 2 else "<"
    return {1: 32, 2: 64}[head[4]], struct.unpack_from(order + "H", head, 18)[0]


def _child_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != _loader.ENV_VAR}


# --- where this run is --------------------------------------------------------------------------
@pytest.mark.skipif(not os.environ.get(EXPECT_ENV), reason=f"{EXPECT_ENV} is not set")
def test_the_run_is_on_the_expected_machine(fake_sdk_path: Path) -> None:
    """The proof of an emulated run: this Python, its children and the simulator it loads."""
    expected = os.environ[EXPECT_ENV]
    assert platform.machine() == expected, f"{EXPECT_ENV}={expected}, this is {MACHINE}"
    arch = ARCHES[expected]
    assert _loader.expected_architecture() == f"{expected} 64-bit"
    # Tests that run sys.executable (the CLI, the examples) run on the same machine.
    child = subprocess.run(
        [sys.executable, "-c", "import platform; print(platform.machine())"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert child.stdout.strip() == expected
    # The simulator is a library of that machine, and this process has loaded it.
    assert elf_identity(fake_sdk_path) == (64, arch.e_machine)
    loaded = _loader.load_library(fake_sdk_path)
    assert loaded.path is not None
    assert elf_identity(Path(loaded.path)) == (64, arch.e_machine)
    assert _loader.describe_binary(loaded.path) == arch.described


@pytest.mark.skipif(not LINUX, reason="the simulator is an ELF library on Linux only")
def test_the_simulator_is_built_for_this_python(fake_sdk_path: Path) -> None:
    bits, e_machine = elf_identity(fake_sdk_path)
    assert bits == BITS
    assert not _loader.elf_mismatch(fake_sdk_path)
    if MACHINE in ARCHES:
        assert e_machine == ARCHES[MACHINE].e_machine
        assert _loader.describe_binary(fake_sdk_path) == ARCHES[MACHINE].described


# --- a real library of the other architecture -----------------------------------------------------
def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_CROSS_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_CROSS_ENV}=1: this run must test it)", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class Foreign:
    arch: Arch
    library: Path
    """The simulator built for ``arch``."""


@pytest.fixture(scope="module")
def foreign(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Foreign:
    """The simulator compiled for the other architecture (needs its cross compiler)."""
    if not LINUX or MACHINE not in OTHER:
        _unavailable(f"no other architecture is tested against Linux {MACHINE} here")
    arch = ARCHES[OTHER[MACHINE]]
    compiler = os.environ.get(CROSS_CC_ENV) or arch.cross_cc
    if shutil.which(shlex.split(compiler)[0]) is None:
        _unavailable(
            f"no C compiler for {arch.machine}: {compiler!r} is not installed (Debian: apt-get "
            f"install {arch.cross_packages}; on x86_64 `bash tools/arm64-suite.sh --tools` "
            f"does it; {CROSS_CC_ENV} names another compiler)"
        )
    cache = getattr(request.config, "cache", None)
    cache_dir = (
        cache.mkdir("hcnetsdk-fake-sdk")
        if cache is not None
        else tmp_path_factory.mktemp("hcnetsdk-fake-sdk")
    )
    try:
        library = build_fake_sdk(cache_dir, compiler=compiler)
    except SDKNotFoundError as exc:
        pytest.fail(f"the simulator could not be built for {arch.machine}: {exc}", pytrace=False)
    return Foreign(arch, library)


def _names_both_machines(text: str, foreign: Foreign) -> None:
    assert foreign.arch.described in text  # the file's machine, from its ELF header
    assert f"this Python is {MACHINE} 64-bit" in text  # the interpreter's


def test_the_foreign_simulator_is_an_elf_of_the_other_machine(foreign: Foreign) -> None:
    assert elf_identity(foreign.library) == (64, foreign.arch.e_machine)
    assert _loader.describe_binary(foreign.library) == foreign.arch.described
    assert _loader.elf_mismatch(foreign.library)


@pytest.mark.parametrize("how", ["file", "folder", "HCNETSDK_LIB"])
def test_loading_it_is_an_architecture_error(
    foreign: Foreign, how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sdk"
    folder.mkdir()
    library = folder / "libhcnetsdk.so"
    shutil.copy(foreign.library, library)
    spec: Path | None = {"file": library, "folder": folder}.get(how)
    if spec is None:
        monkeypatch.setenv(_loader.ENV_VAR, str(folder))
    else:
        monkeypatch.delenv(_loader.ENV_VAR, raising=False)
    with pytest.raises(SDKArchitectureError) as exc:
        _loader.load_library(spec)
    assert exc.value.path == str(library)
    text = str(exc.value)
    assert repr(str(library)) in text
    _names_both_machines(text, foreign)
    assert "The loader said:" in text  # the dynamic loader's own words follow
    assert "Linux ARM64" in text  # the advice names the vendor's packages


def test_hcnetsdk_raises_it_without_initialising(foreign: Foreign) -> None:
    with pytest.raises(SDKArchitectureError) as exc:
        hcnetsdk.HCNetSDK(foreign.library)
    _names_both_machines(str(exc.value), foreign)
    assert isinstance(exc.value, OSError)


def test_doctor_names_the_machine_of_the_file_and_of_python(foreign: Foreign) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hcnetsdk", "doctor", "--library", str(foreign.library), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_child_env(),
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is False
    assert f"{MACHINE} 64-bit" in report["python"]
    assert report["error"]["class"] == "SDKArchitectureError"
    _names_both_machines(report["error"]["message"], foreign)
    machine = foreign.arch.described.removeprefix("an ELF ").removesuffix(" file")
    assert any(machine in problem and MACHINE in problem for problem in report["problems"])
    entry = next(e for e in report["files"] if e["path"] == str(foreign.library))
    assert (entry["status"], entry["detail"]) == ("wrong architecture", foreign.arch.described)
    assert any(f"{MACHINE} 64-bit" in advice for advice in report["advice"])
