"""The install checks behind ``hcnetsdk doctor``, as data: :func:`diagnose` returns a
:class:`DoctorReport` and prints nothing (``hcnetsdk.cli.doctor`` renders it as text or JSON).

The checks, in order:

1. where the SDK comes from: the ``library`` argument, else ``HCNETSDK_LIB``, else the search;
   the loader's own decision (``_loader.requested_location``), made before anything is opened;
2. the simulator is built (it is one self-contained library: no files to check); a named folder
   or file is resolved as the loader resolves it (``_loader.resolve_location``) and its files are
   checked against :func:`expected_files`: presence, each binary's architecture, the components
   in ``HCNetSDKCom``;
3. on Linux (not for the simulator), whether the system's loader finds libuuid, which the SDK
   needs;
4. loading and initialising the SDK, which gives its version; when the SDK was found by the
   search, its folder is checked after loading (only then is the folder known).

Invariants: the report is ``ok`` when no check found a problem and the SDK reported its version.
Problems make the SDK unusable; warnings name what works only in part; each piece of advice is
listed once, in the order it arose. The texts name the command line's options (``--library``,
``hcnetsdk demo``): the report is written for that command.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from . import _convert, _loader, _simulator, errors
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
from .sdk import HCNetSDK

__all__ = [
    "COMPONENTS",
    "COM_DIR",
    "LINUX_FILES",
    "WINDOWS_FILES",
    "DoctorReport",
    "Expected",
    "FileCheck",
    "Kind",
    "component_names",
    "diagnose",
    "expected_files",
    "find_libuuid",
    "python_line",
]

PROG = "hcnetsdk"
"""The command the advice names (``hcnetsdk explain``, ``hcnetsdk demo``)."""

Status = Literal["ok", "missing", "wrong architecture"]
Stage = Literal["simulator", "load", "init"]


# --- The report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileCheck:
    """One expected file as found: ``status`` is ``ok``, ``missing`` or ``wrong architecture``;
    ``detail`` what the file was built for, or how many components a folder holds."""

    name: str
    kind: Kind
    what: str
    present: bool
    path: str
    detail: str
    status: Status


@dataclass
class DoctorReport:
    """What :func:`diagnose` found."""

    python: str
    """This Python: implementation, version, architecture, system."""
    source: str
    """How the place was named: the caller's label, else the loader's (``argument``,
    ``HCNETSDK_LIB``, ``search``)."""
    location: str | None
    """The place named (a path or ``simulator``), None for the search."""
    simulator: bool
    """Whether the place is the simulator."""
    files: list[FileCheck] = field(default_factory=list)
    """The SDK folder's files, in the order of :func:`expected_files`; empty if not checked."""
    libuuid_checked: bool = False
    """Whether libuuid was looked for (Linux, not the simulator)."""
    libuuid: str | None = None
    """The name the system's loader found libuuid by; None if absent or not checked."""
    library: str | None = None
    """The library file loaded (or the simulator built)."""
    folder: str | None = None
    """The SDK folder: the one named, else the loaded library's."""
    sdk_version: str | None = None
    """What ``NET_DVR_GetSDKBuildVersion`` reported; None if the SDK did not initialise."""
    error: BaseException | None = None
    """The error that stopped the checks: building the simulator, loading or initialising."""
    error_stage: Stage | None = None
    """Where ``error`` arose: ``simulator`` (building it), ``load`` or ``init``."""
    problems: list[str] = field(default_factory=list)
    """What makes the SDK unusable."""
    warnings: list[str] = field(default_factory=list)
    """What works only in part (TLS, components)."""
    advice: list[str] = field(default_factory=list)
    """What to do, each text once."""

    @property
    def ok(self) -> bool:
        """The SDK is usable: no problem, and it reported its version."""
        return not self.problems and self.sdk_version is not None

    def advise(self, text: str) -> None:
        """Add advice unless the same text is there already."""
        if text not in self.advice:
            self.advice.append(text)


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


def _components_detail(path: Path, windows: bool) -> str:
    names = component_names(windows)
    missing = [name for name in names if not (path / name).is_file()]
    if not missing:
        return f"all {len(names)} components"
    return f"{len(names) - len(missing)} of {len(names)} components (missing: " + (
        ", ".join(missing) + ")"
    )


def _check_file(report: DoctorReport, expected: Expected, path: Path, folder: Path) -> FileCheck:
    """One expected file or folder at ``path``; its problems, warnings and advice."""
    windows = sys.platform == "win32"
    is_dir = expected.name.endswith(("/", "\\"))
    present = path.is_dir() if is_dir else path.is_file()
    detail = ""
    status: Status = "ok" if present else "missing"
    if present and is_dir:
        detail = _components_detail(path, windows)
        if "missing" in detail:
            report.warnings.append(
                f"{path} lacks some components ({detail}): calls that need "
                "them fail with error 107 or the like"
            )
    elif present:
        detail = _loader.describe_binary(path)
        if _loader.elf_mismatch(path):
            status = "wrong architecture"
            report.problems.append(
                f"{path} is {detail}, but this Python is {_loader.expected_architecture()}"
            )
            report.advise(
                "Use the SDK package built for this machine's architecture (Linux64, "
                f"Linux ARM64 or Win64), or a Python of the SDK's architecture: see "
                f"{_loader.README} section 1."
            )
        elif not detail.startswith(("an ELF", "a Windows PE")) and not expected.name.endswith(
            ".xml"
        ):
            report.warnings.append(f"{path} is {detail}, not a shared library")
    elif expected.kind == "required":
        report.problems.append(f"required file {expected.name} is missing from {folder}")
        report.advise(
            f"Copy the whole lib/ folder of the vendor's package into {folder} (the SDK "
            f"loads its companion libraries from beside itself): see {_loader.README}."
        )
    elif expected.kind == "recommended":
        if is_dir:
            report.warnings.append(
                f"{expected.name} is missing from {folder}: login works, but the first "
                "preview, playback or alarm call fails with error 107"
            )
        else:
            report.warnings.append(
                f"{expected.name} is missing from {folder}: TLS (https) logins fail"
            )
        report.advise(f"Copy {expected.name} from the vendor's package into {folder} as well.")
    return FileCheck(
        expected.name, expected.kind, expected.what, present, str(path), detail, status
    )


def _check_folder(report: DoctorReport, folder: Path, library_file: Path) -> None:
    """Every expected file of the SDK in ``folder``; the library is ``library_file`` (it may
    have another name than the platform's), the others sit beside it."""
    for expected in expected_files(sys.platform == "win32"):
        if expected.name == _loader.standard_name():
            path = library_file
        else:
            path = folder / expected.name.rstrip("/\\")
        report.files.append(_check_file(report, expected, path, folder))


def _check_load(report: DoctorReport, library: str | os.PathLike[str] | None) -> HCNetSDK | None:
    """Load the SDK as ``HCNetSDK(library)`` does; its version; None if it did not load."""
    try:
        sdk = HCNetSDK(library)
    except errors.SDKLoadError as exc:
        report.error = exc
        report.error_stage = "load"
        if isinstance(exc, errors.SDKNotFoundError):
            report.problems.append("the SDK library could not be loaded")
            report.advise(
                "Get the vendor's Device Network SDK and put its lib/ folder in place, then "
                f"set {_loader.ENV_VAR} to it or pass --library: see {_loader.README}. No SDK "
                f"yet? `{PROG} doctor --simulator` and `{PROG} demo` use the simulator."
            )
        elif isinstance(exc, errors.SDKArchitectureError):
            report.problems.append(str(exc).splitlines()[0])
            report.advise(
                "Use the SDK package built for this Python's architecture "
                f"({_loader.expected_architecture()}): see {_loader.README} section 1."
            )
        else:
            report.problems.append(str(exc).splitlines()[0])
            report.advise(
                f"The library is not a usable HCNetSDK (too old, or another library): see "
                f"{_loader.README}."
            )
        return None
    report.library = sdk.library_path
    report.folder = report.folder or sdk.sdk_folder
    try:
        with sdk:
            report.sdk_version = str(sdk.version)
    except errors.HCNetSDKError as exc:
        report.error = exc
        report.error_stage = "init"
        report.problems.append(f"the SDK loaded but failed to initialise: {exc}")
        report.advise(f"{PROG} explain {exc.code} says more about this error.")
    except errors.SDKLoadError as exc:  # refused before NET_DVR_Init, e.g. SDKPathError
        report.error = exc
        report.error_stage = "init"
        report.problems.append(str(exc).splitlines()[0])
        if isinstance(exc, errors.SDKPathError):
            report.advise(
                f"Move the SDK's lib/ folder to a path of at most {_convert.SDK_FOLDER_MAX} bytes "
                f"and point {_loader.ENV_VAR} or --library at it."
            )
    return sdk


def diagnose(
    library: str | os.PathLike[str] | None = None, *, source: str | None = None
) -> DoctorReport:
    """Check the SDK that ``HCNetSDK(library)`` would load (see the module docstring).

    ``source`` names where ``library`` came from in the messages (the command line passes
    ``--library`` or ``--simulator``); by default the loader's label: ``argument``,
    ``HCNETSDK_LIB`` or ``search``.
    """
    location, how = _loader.requested_location(library)
    simulator = _loader.is_simulator(location)
    report = DoctorReport(
        python=python_line(),
        source=how if source is None else source,
        location=location,
        simulator=simulator,
    )
    checked_folder = False
    if simulator:
        try:
            report.library = str(_simulator.build_fake_sdk())
        except errors.SDKNotFoundError as exc:
            report.problems.append(str(exc).splitlines()[0])
            report.advise(
                "The simulator is compiled from C on first use: install a C compiler "
                "(apt-get install gcc, dnf install gcc) or set CC."
            )
            report.error = exc
            report.error_stage = "simulator"
    elif location is not None:
        library_file, folder = _loader.resolve_location(location)
        report.folder = str(folder)
        # A place that does not exist resolves to itself as the library file.
        if not Path(os.path.expanduser(location)).exists():
            report.problems.append(f"{library_file} does not exist ({report.source})")
            report.advise(
                f"Point {report.source} at the folder holding {_loader.standard_name()} (the "
                f"lib/ folder of the vendor's package): see {_loader.README}."
            )
        else:
            _check_folder(report, folder, library_file)
            checked_folder = True

    if sys.platform.startswith("linux") and not simulator:
        report.libuuid_checked = True
        report.libuuid = find_libuuid()
        if report.libuuid is None:
            report.problems.append("libuuid.so.1 is not installed (the SDK needs it)")
            report.advise(
                "Install libuuid: apt-get install libuuid1 (Debian, Ubuntu) or "
                "dnf install libuuid (Fedora, RHEL)."
            )

    if report.error is None:
        sdk = _check_load(report, library)
        if (
            sdk is not None
            and not checked_folder
            and not simulator
            and sdk.sdk_folder is not None
            and sdk.library_path is not None
        ):
            _check_folder(report, Path(sdk.sdk_folder), Path(sdk.library_path))
    return report
