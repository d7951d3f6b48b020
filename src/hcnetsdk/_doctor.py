"""The install checks behind ``hcnetsdk doctor``, as data: :func:`diagnose` returns a
:class:`DoctorReport` and prints nothing (``hcnetsdk.cli.doctor`` renders it as text or JSON).

The checks, in order:

1. where the SDK comes from: the ``library`` argument, else ``HCNETSDK_LIB``, else the search;
   the loader's own decision (``_loader.requested_location``), made before anything is opened;
2. the simulator is built (it is one self-contained library: no files to check); a named folder
   or file is resolved as the loader resolves it (``_loader.resolve_location``) and its files are
   checked against the installed-SDK table (``_doctor_files.check_files``: presence, what each
   binary is and was built for, the components in ``HCNetSDKCom``); a folder without the library
   is searched one and two levels down;
3. on Linux (not for the simulator), whether the system's loader finds libuuid;
4. loading and initialising the SDK, which gives its version; when the SDK was found by the
   search, its folder is checked after loading (only then is the folder known).

Then the rows become findings (``_doctor_verdict``). Invariants: each finding is stated once,
names the file or folder it is about, and carries one action; a library that loaded and
answered makes what is missing around it a warning, never a failing verdict (its companions may
come from ``LD_LIBRARY_PATH``); a load failure already explained by a file's finding adds no
second one. The report is ``ok`` when no finding is a problem and the SDK reported its version.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import platform
import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from . import _loader, _simulator, errors
from ._doctor_files import FileCheck, Status, check_files, find_below
from ._doctor_verdict import judge
from ._sdkfiles import (
    COM_DIR,
    COMPONENTS,
    LINUX_FILES,
    WINDOWS_FILES,
    Expected,
    Kind,
    component_names,
    expected_files,
)
from ._simcache import SimulatorCacheError
from .sdk import HCNetSDK

__all__ = [
    "COMPONENTS",
    "COM_DIR",
    "LINUX_FILES",
    "PROG",
    "WINDOWS_FILES",
    "DoctorReport",
    "Expected",
    "FileCheck",
    "Finding",
    "Kind",
    "Status",
    "component_names",
    "diagnose",
    "expected_files",
    "find_libuuid",
    "python_line",
]

PROG = "hcnetsdk"
"""The command the advice names by default (``diagnose(command=...)`` changes it)."""

Severity = Literal["problem", "warning"]
Stage = Literal["simulator", "load", "init"]


# --- The report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing a check found: a ``problem`` (the SDK cannot be used) or a ``warning`` (it
    works, in part or by luck); the file or folder it is ``about``; what is wrong; what to do."""

    severity: Severity
    about: str
    text: str
    action: str


@dataclass
class DoctorReport:
    """What :func:`diagnose` found."""

    python: str
    """This Python: implementation, version, architecture, system."""
    source: str
    """How the place was named: the caller's label, else the loader's (``argument``,
    ``HCNETSDK_LIB``, ``search``)."""
    location: str | None
    """The place named, as given (a path or ``simulator``), None for the search."""
    simulator: bool
    """Whether the place is the simulator."""
    place: str | None = None
    """The place named as an absolute path (``~`` expanded, as the loader reads it)."""
    files: list[FileCheck] = field(default_factory=list)
    """The SDK folder's files, in the order of the installed-SDK table; empty if not checked,
    only the library's row when the folder holds none of the SDK's files."""
    components_missing: list[str] = field(default_factory=list)
    """The components missing from a present ``HCNetSDKCom`` folder."""
    libuuid_checked: bool = False
    """Whether libuuid was looked for (Linux, not the simulator)."""
    libuuid: str | None = None
    """The name the system's loader found libuuid by; None if absent or not checked."""
    library: str | None = None
    """The library file loaded (or the simulator built)."""
    folder: str | None = None
    """The SDK folder: the one named, else the loaded library's."""
    found_below: list[str] = field(default_factory=list)
    """Libraries found below a named folder that holds none itself."""
    sdk_version: str | None = None
    """What ``NET_DVR_GetSDKBuildVersion`` reported; None if the SDK did not initialise."""
    error: BaseException | None = None
    """The error that stopped the checks: building the simulator, loading or initialising."""
    error_stage: Stage | None = None
    """Where ``error`` arose: ``simulator`` (building it), ``load`` or ``init``."""
    findings: list[Finding] = field(default_factory=list)
    """What the checks found, each once, in the order of the checks."""

    @property
    def ok(self) -> bool:
        """The SDK is usable: no problem, and it reported its version."""
        return not self.problems and self.sdk_version is not None

    @property
    def problems(self) -> list[str]:
        """What makes the SDK unusable."""
        return [f.text for f in self.findings if f.severity == "problem"]

    @property
    def warnings(self) -> list[str]:
        """What works only in part."""
        return [f.text for f in self.findings if f.severity == "warning"]

    @property
    def advice(self) -> list[str]:
        """What to do: each finding's action, each text once."""
        return list(dict.fromkeys(f.action for f in self.findings))

    def add(
        self, severity: Severity, about: str | os.PathLike[str], text: str, action: str
    ) -> None:
        """Add a finding unless one with the same text is there already."""
        if all(f.text != text for f in self.findings):
            self.findings.append(Finding(severity, os.fspath(about), text, action))


# --- The checks -------------------------------------------------------------------------------


def python_line() -> str:
    """``CPython 3.11.7, x86_64 64-bit, Linux``: what this Python is and can load."""
    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{_loader.expected_architecture()}, {platform.system() or sys.platform}"
    )


def find_libuuid() -> str | None:
    """The name of libuuid if the system's loader can find it, else None."""
    name = ctypes.util.find_library("uuid")
    if name:
        return name
    try:
        ctypes.CDLL("libuuid.so.1")
    except OSError:
        return None
    return "libuuid.so.1"


def _build_simulator(report: DoctorReport) -> None:
    """Build the simulator; any failure (no compiler, a compile error, a cache folder that is
    a file or not writable) is recorded, never raised."""
    try:
        report.library = str(_simulator.build_fake_sdk())
    except Exception as exc:
        report.error, report.error_stage = exc, "simulator"
        _judge_build(report)


def _compiler() -> str | None:
    """The C compiler the simulator's build uses (``$CC``, else ``cc``) when it is not found."""
    words = shlex.split(os.environ.get("CC") or "cc")
    if words and shutil.which(words[0]) is not None:
        return None
    return words[0] if words else "(CC is empty)"


def _judge_build(report: DoctorReport) -> None:
    """The simulator could not be built: no compiler, a cache folder that cannot be written,
    or the compiler failed (its output is shown under Loading)."""
    exc = report.error
    assert exc is not None
    first = (str(exc).splitlines() or [type(exc).__name__])[0]
    cache = _simulator.default_cache_dir()
    compiler = _compiler()
    if compiler is not None:
        report.add(
            "problem",
            compiler,
            f"the simulator is compiled from C on first use, and the C compiler {compiler!r} "
            "was not found",
            "Install a C compiler (apt-get install gcc, dnf install gcc) or set CC to one.",
        )
    elif isinstance(exc, SimulatorCacheError):  # its message names the folder and the variable
        report.add(
            "problem",
            exc.folder,
            f"the simulator's cache folder {exc.folder} cannot be used: {exc.problem}",
            f"Set {_simulator.CACHE_ENV} to a folder of your own (created 0700 if missing), "
            "or fix or remove this one.",
        )
    elif (isinstance(exc, OSError) and not isinstance(exc, errors.SDKLoadError)) or (
        _simulator.CACHE_ENV in str(exc)
    ):
        what = first if isinstance(exc, errors.SDKLoadError) else f"{type(exc).__name__}: {exc}"
        report.add(
            "problem",
            str(cache),
            f"the simulator cannot be built in its cache folder {cache}: {what}",
            f"Set {_simulator.CACHE_ENV} to a folder you can write to (or unset it).",
        )
    else:
        report.add(
            "problem",
            "simulator",
            first if isinstance(exc, errors.SDKLoadError) else f"{type(exc).__name__}: {first}",
            "The compiler's output is shown under Loading: a compiler that cannot build C11 "
            "(set CC to gcc or clang), else a bug of hcnetsdk to report.",
        )


def _check_place(report: DoctorReport, location: str) -> None:
    """The named file or folder: its rows, or the library found below a folder without one."""
    library_file, folder = _loader.resolve_location(location)
    report.folder = str(folder)
    if not os.path.lexists(report.place or location):
        return  # the verdict says it does not exist
    report.files, report.components_missing = check_files(
        folder, library_file, _loader.standard_name()
    )
    if folder.is_dir() and not library_file.exists() and len(report.files) == 1:
        report.found_below = [str(path) for path in find_below(folder, _loader.standard_name())]


def _check_load(report: DoctorReport, library: str | os.PathLike[str] | None) -> HCNetSDK | None:
    """Load the SDK as ``HCNetSDK(library)`` does and read its version; errors are recorded."""
    try:
        sdk = HCNetSDK(library)
    except Exception as exc:
        report.error, report.error_stage = exc, "load"
        return None
    report.library = sdk.library_path
    report.folder = report.folder or sdk.sdk_folder
    try:
        with sdk:
            report.sdk_version = str(sdk.version)
    except Exception as exc:  # NET_DVR_Init failed, or refused before it (SDKPathError)
        report.error, report.error_stage = exc, "init"
    return sdk


def _local_lib_folder() -> Path | None:
    """./lib when the search failed although ./lib holds a library file (the search's last
    place): its folder is worth checking like a named one."""
    local = Path.cwd() / "lib" / _loader.standard_name()
    return local.parent if os.path.lexists(local) else None


def diagnose(
    library: str | os.PathLike[str] | None = None,
    *,
    source: str | None = None,
    command: str = PROG,
) -> DoctorReport:
    """Check the SDK that ``HCNetSDK(library)`` would load (see the module docstring).

    ``source`` names where ``library`` came from in the messages (the command line passes
    ``--library`` or ``--simulator``); by default the loader's label: ``argument``,
    ``HCNETSDK_LIB`` or ``search``. ``command`` is how the advice names the ``hcnetsdk``
    command (``.venv/bin/hcnetsdk`` when it is not on PATH).
    """
    location, how = _loader.requested_location(library)
    simulator = _loader.is_simulator(location)
    report = DoctorReport(
        python=python_line(),
        source=how if source is None else source,
        location=location,
        simulator=simulator,
    )
    if simulator:
        _build_simulator(report)
    elif location is not None:
        report.place = os.path.abspath(os.path.expanduser(location))
        _check_place(report, location)

    if sys.platform.startswith("linux") and not simulator:
        report.libuuid_checked = True
        report.libuuid = find_libuuid()

    if report.error is None:
        sdk = _check_load(report, library)
        if location is None and not simulator:
            loaded_folder = sdk.sdk_folder if sdk is not None else None
            folder = Path(loaded_folder) if loaded_folder else _local_lib_folder()
            if folder is not None:
                library_file = (
                    Path(sdk.library_path)
                    if sdk is not None and sdk.library_path
                    else folder / _loader.standard_name()
                )
                report.folder = str(folder)
                report.files, report.components_missing = check_files(
                    folder, library_file, _loader.standard_name()
                )
    judge(report, command)
    return report
