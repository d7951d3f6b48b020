"""From what ``doctor``'s checks recorded to findings: each stated once, about one file or
folder, with one action (see ``_doctor``).

The order of the findings is the order of the checks: the place named, the folder's files, the
system (libuuid), loading, initialising. Whether the library loaded and answered is known before
any finding is made, so that what is missing around a library that works is a warning, and a
load failure that a file's finding already explains adds nothing.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from . import _convert, _loader, errors
from ._doctor_files import joined, mapped_libraries, missing_dependency, plain_reason
from ._sdkfiles import COM_DIR

if TYPE_CHECKING:  # the report is made by _doctor, which imports this module
    from ._doctor import DoctorReport, Severity

__all__ = ["judge"]

_LIBUUID = "libuuid.so.1"
_COM = COM_DIR + "/"
_INSTALL_LIBUUID = (
    "Install it: apt-get install libuuid1 (Debian, Ubuntu) or dnf install libuuid (Fedora, RHEL)."
)


class _Words:
    """The phrases that depend on how the SDK was named and on the command's name."""

    def __init__(self, report: DoctorReport, command: str) -> None:
        self.report = report
        self.command = command
        self.std = _loader.standard_name()
        self.guide = f"`{command} doctor --guide`"
        self.option = {"argument": "the library argument", "search": _loader.ENV_VAR}.get(
            report.source, report.source
        )

    def point_at(self, folder: str) -> str:
        quoted = shlex.quote(folder)
        if self.report.source == "--library":
            return f"Use --library {quoted}"
        if self.report.source == "argument":
            return f"Pass {folder!r} as the library"
        return f"Set {_loader.ENV_VAR}={quoted}"


def _cpu(detail: str) -> str:
    """``an ELF 64-bit AArch64 (ARM64) file`` -> ``64-bit AArch64 (ARM64)``."""
    match = re.fullmatch(r"an ELF (.+) file", detail)
    return match.group(1) if match else detail


def _place(report: DoctorReport, words: _Words) -> bool:
    """The place named does not exist, or is a folder without the library: True if so."""
    if report.place is None or report.simulator:
        return False
    if not report.files:
        report.add(
            "problem",
            report.place,
            f"{report.place} does not exist ({report.source})",
            f"Point {words.option} at the folder that holds {words.std} (the lib/ folder of the "
            f"vendor's package); how to get it: {words.guide}.",
        )
        return True
    if len(report.files) > 1 or report.files[0].present:
        return False
    folder = report.folder or report.place
    if report.found_below:
        found = report.found_below[0]
        more = len(report.found_below) - 1
        report.add(
            "problem",
            folder,
            f"{folder} holds no {words.std}, but {found} does"
            + (f" (and {more} more folder{'s' if more > 1 else ''} below)" if more else ""),
            f"{words.point_at(str(Path(found).parent))}: the SDK folder is the one that holds "
            f"{words.std}.",
        )
    else:
        report.add(
            "problem",
            folder,
            f"{folder} holds no {words.std}, nor does any folder one or two levels below it",
            f"Point {words.option} at the folder that holds {words.std} (the lib/ folder of the "
            f"vendor's package); how to get it: {words.guide}.",
        )
    return True


def _library_file(report: DoctorReport, words: _Words) -> bool:
    """The library file named is not a library (or not a file at all): True if so."""
    row = report.files[0] if report.files else None
    if row is None or row.status != "not a library":
        return False
    action = (
        "Fetch the real file: `git lfs pull` in the repository it came from."
        if "Git LFS" in row.detail
        else f"Copy {words.std} itself from the lib/ folder of the vendor's package and point "
        f"{words.option} at it; how to get it: {words.guide}."
    )
    report.add("problem", row.path, f"{row.path}: {row.detail}", action)
    return True


def _architecture(report: DoctorReport, words: _Words, loaded: bool) -> bool:
    """Files built for another CPU, as one finding; True if it explains a failed load."""
    rows = [row for row in report.files if row.status == "wrong architecture"]
    if not rows:
        return False
    names = [row.name for row in rows]
    cpu = _cpu(rows[0].detail)
    expected = _loader.expected_architecture()
    report.add(
        "warning" if loaded else "problem",
        rows[0].path if len(rows) == 1 else report.folder or "",
        f"{joined(names)} in {report.folder} {'is' if len(rows) == 1 else 'are'} built for "
        f"{cpu}, but this Python is {expected}",
        f"Use the vendor's SDK package built for {expected} (Linux64, Linux ARM64 or Win64), or "
        f"a Python built for {cpu}; see {words.guide}, section 1.",
    )
    culprit = getattr(report.error, "path", None)
    return rows[0] is report.files[0] or any(row.path == culprit for row in rows)


def _missing(report: DoctorReport, words: _Words, loaded: bool, dependency: str | None) -> bool:
    """What the folder lacks, as one finding; True if it explains a failed load. Nothing for a
    folder that is no SDK folder (only the library's row): the place's finding covers it."""
    if len(report.files) <= 1:
        return False
    rows = report.files if report.files and not report.files[0].present else report.files[1:]
    required = [row.name for row in rows if row.kind == "required" and row.status == "missing"]
    other = [row.name for row in rows if row.kind == "recommended" and row.status == "missing"]
    them = "it" if len(required) == 1 else "them"
    parts: list[str] = []
    if required and loaded:
        mapped = mapped_libraries()
        came = [f"{name} from {mapped[name]}" for name in required if name in mapped]
        took = f": it took {joined(came)}" if came else ""
        parts.append(
            f"{joined(required)} (required; {words.std} loaded and answered without {them} "
            f"there{took})"
        )
    elif required:
        why = f"; {words.std} cannot load without {dependency}" if dependency in required else ""
        parts.append(f"{joined(required)} (required{why})")
    ssl = [name for name in other if not name.endswith("/")]
    if ssl:
        parts.append(f"{joined(ssl)} (TLS logins fail)")
    if any(name.endswith("/") for name in other):
        parts.append(f"{_COM} (the first preview, playback or alarm call fails with error 107)")
    if report.components_missing:
        parts.append(
            f"{joined(report.components_missing)} in {_COM} (calls that need them fail "
            "with error 107)"
        )
    if not parts:
        return False
    items = required + other + report.components_missing
    folder = report.folder or ""
    if len(items) > 3:
        action = f"Copy the whole lib/ folder of the vendor's package into {folder}"
    else:
        action = f"Copy {joined(items)} from the lib/ folder of the vendor's package into {folder}"
    if required and loaded:
        action += ", so that the SDK does not depend on LD_LIBRARY_PATH or the system's folders"
    elif required:
        action += ": the SDK loads its companion libraries from beside itself"
    severity: Severity = "problem" if required and not loaded else "warning"
    report.add(severity, folder, f"{folder} lacks " + "; ".join(parts), action + ".")
    library_missing = bool(report.files) and report.files[0].status == "missing"
    return not loaded and (dependency in required or library_missing)


def _not_libraries(report: DoctorReport, loaded: bool) -> bool:
    """Companions that are no libraries, as one finding; True if it explains a failed load."""
    rows = [row for row in report.files[1:] if row.status == "not a library"]
    if not rows:
        return False
    required = any(row.kind == "required" for row in rows)
    names = [row.name for row in rows]
    lfs = any("Git LFS" in row.detail for row in rows)
    them = "it" if len(rows) == 1 else "them"
    report.add(
        "problem" if required and not loaded else "warning",
        rows[0].path if len(rows) == 1 else report.folder or "",
        f"{joined(names)} in {report.folder}: {rows[0].detail}"
        + ("" if len(rows) == 1 else " (and the others likewise)"),
        "Fetch the real files: `git lfs pull` in the repository they came from."
        if lfs
        else f"Copy {them} again from the lib/ folder of the vendor's package.",
    )
    culprit = getattr(report.error, "path", None)
    return not loaded and (required or any(row.path == culprit for row in rows))


def _libuuid(report: DoctorReport, loaded: bool) -> None:
    if not report.libuuid_checked or report.libuuid is not None:
        return
    if loaded:
        report.add(
            "warning",
            _LIBUUID,
            f"the system's loader does not find {_LIBUUID}: this library loaded and answered "
            "without it, but the vendor's SDK needs it",
            _INSTALL_LIBUUID,
        )
    else:
        report.add(
            "problem", _LIBUUID, f"{_LIBUUID} is not installed (the SDK needs it)", _INSTALL_LIBUUID
        )


def _load_failure(report: DoctorReport, words: _Words, dependency: str | None) -> None:
    """A load failure no file's finding explains."""
    exc = report.error
    assert exc is not None
    first = (str(exc).splitlines() or [type(exc).__name__])[0]
    lib = report.files[0].path if report.files else report.library or words.std
    folder = report.folder or ""
    searched = report.source == "search" and not report.files
    if searched and dependency is not None and dependency != _LIBUUID:
        report.add(
            "problem",
            dependency,
            f"the system's loader found {words.std}, but not {dependency}, a library it needs",
            f"Keep the SDK's files together: copy the whole lib/ folder of the vendor's package "
            f"into one folder and set {_loader.ENV_VAR} to it ({words.guide}).",
        )
    elif searched and isinstance(exc, errors.SDKNotFoundError):
        report.add(
            "problem",
            words.std,
            f"{_loader.ENV_VAR} is not set, and the search found no usable {words.std} "
            "(the places tried are listed under Loading)",
            f"Install the vendor's SDK and set {_loader.ENV_VAR} to its lib/ folder (or use "
            f"--library PATH); how: {words.guide}. No SDK yet? `{words.command} demo` runs "
            "against the simulator.",
        )
    elif dependency == _LIBUUID:
        report.add(
            "problem", _LIBUUID, f"{lib} needs {_LIBUUID}, which is not installed", _INSTALL_LIBUUID
        )
    elif dependency is not None and any(
        row.name == dependency and row.present for row in report.files
    ):
        report.add(
            "problem",
            lib,
            f"{lib} does not find {dependency}, although {folder} holds it",
            f"Add the folder to the loader's path: export LD_LIBRARY_PATH={shlex.quote(folder)}.",
        )
    elif dependency is not None:
        report.add(
            "problem",
            lib,
            f"{lib} needs {dependency}, which neither {folder} holds nor the system's loader finds",
            f"Copy {dependency} from the lib/ folder of the vendor's package into {folder}, or "
            "install the system package that provides it.",
        )
    elif isinstance(exc, errors.SDKArchitectureError):
        report.add(
            "problem",
            exc.path,
            first,
            f"Use the vendor's SDK package built for {_loader.expected_architecture()}; see "
            f"{words.guide}, section 1.",
        )
    elif isinstance(exc, errors.SDKFunctionMissingError):
        report.add(
            "problem",
            lib,
            first,
            f"Use the vendor's Device Network SDK 6.x; how to get it: {words.guide}.",
        )
    elif isinstance(exc, errors.SDKNotFoundError) and exc.attempts:
        reason = plain_reason(exc.attempts[0][1], words.std)
        report.add("problem", lib, f"{lib} did not load: {reason}", f"See {words.guide}.")
    else:
        report.add(
            "problem",
            lib,
            f"{lib} did not load: {type(exc).__name__}: {first}",
            f"See {words.guide}.",
        )


def _init_failure(report: DoctorReport, words: _Words) -> None:
    exc = report.error
    assert exc is not None
    first = (str(exc).splitlines() or [type(exc).__name__])[0]
    if isinstance(exc, errors.HCNetSDKError):
        report.add(
            "problem",
            report.library or "",
            f"the SDK loaded, but failed to initialise: {exc}",
            f"`{words.command} explain {exc.code}` says what the error means and what to do.",
        )
    elif isinstance(exc, errors.SDKPathError):
        report.add(
            "problem",
            exc.path,
            first,
            f"Move the SDK's lib/ folder to a path of at most {_convert.SDK_FOLDER_MAX} bytes and "
            f"point {words.option} at it.",
        )
    else:
        report.add(
            "problem",
            report.library or "",
            f"the SDK loaded, but failed to initialise: {type(exc).__name__}: {first}",
            f"See {words.guide}.",
        )


def _load_dependency(report: DoctorReport) -> str | None:
    """The library a failed load could not find, from the loader's reason."""
    exc = report.error
    if report.error_stage != "load" or not isinstance(exc, errors.SDKNotFoundError):
        return None
    for _, reason in exc.attempts:
        name = missing_dependency(reason)
        if name is not None and name != _loader.standard_name():
            return name
    return None


def judge(report: DoctorReport, command: str) -> None:
    """Turn what the checks recorded in ``report`` into its findings."""
    words = _Words(report, command)
    if report.error_stage == "simulator":
        return  # judged where it was built (``_doctor``)
    loaded = report.sdk_version is not None  # loaded, and answered
    dependency = _load_dependency(report)
    explained = _place(report, words)
    explained = _library_file(report, words) or explained
    explained = _architecture(report, words, loaded) or explained
    explained = _missing(report, words, loaded, dependency) or explained
    explained = _not_libraries(report, loaded) or explained
    _libuuid(report, loaded)
    if (
        report.error_stage == "load"
        and not explained
        and not (dependency == _LIBUUID and report.libuuid is None and report.libuuid_checked)
    ):
        _load_failure(report, words, dependency)
    elif report.error_stage == "init":
        _init_failure(report, words)
