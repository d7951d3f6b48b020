"""The SDK folder as ``doctor`` sees it: one row per expected file (found, built for which CPU,
a library or not), the library looked for one or two folders down, the libraries this process
has mapped, and the loader's reasons put into plain words.

Facts only: nothing here decides whether a finding is a problem or a warning; ``_doctor`` does,
once it knows whether the library loaded. The library file is judged by the loader's own checks
(``_binary.file_problem``, ``not_a_library``, ``elf_mismatch``), so doctor and loader agree.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ._binary import describe_binary, elf_mismatch, file_problem, not_a_library
from ._sdkfiles import Expected, Kind, component_names, expected_files

__all__ = [
    "FileCheck",
    "Status",
    "check_files",
    "find_below",
    "joined",
    "mapped_libraries",
    "missing_dependency",
    "plain_reason",
]

Status = Literal["ok", "missing", "wrong architecture", "not a library"]


@dataclass(frozen=True)
class FileCheck:
    """One expected file as found. ``name`` is the file's own name (the library may have been
    named under another name than the vendor's); ``status`` is ``ok``, ``missing``, ``wrong
    architecture`` or ``not a library``; ``detail`` what the file was built for, what it is
    instead of a library, or how many components a folder holds."""

    name: str
    kind: Kind
    what: str
    present: bool
    path: str
    detail: str
    status: Status


def _is_library_name(name: str) -> bool:
    return not name.endswith((".xml", "/", "\\"))


def _components(path: Path, windows: bool) -> tuple[str, list[str]]:
    """(detail, missing names) of the components folder."""
    names = component_names(windows)
    missing = [name for name in names if not (path / name).is_file()]
    if not missing:
        return f"all {len(names)} components", []
    return f"{len(names) - len(missing)} of {len(names)} components", missing


def _check_library(expected: Expected, path: Path, own: bool) -> FileCheck:
    """The SDK library (``own``: the file named, judged as the loader judges it) or another
    shared library of the folder."""
    text = str(path)
    problem = file_problem(text) if own else (None if path.is_file() else "no such file")
    if problem is not None:
        present = own and os.path.lexists(text) and problem != "no such file"
        status: Status = "not a library" if present else "missing"
        detail = problem if present else ""
        return FileCheck(path.name, expected.kind, expected.what, present, text, detail, status)
    if elf_mismatch(path):
        status, detail = "wrong architecture", describe_binary(path)
    else:
        instead = not_a_library(path)
        status = "ok" if instead is None else "not a library"
        detail = describe_binary(path) if instead is None else instead
    return FileCheck(path.name, expected.kind, expected.what, True, text, detail, status)


def check_files(
    folder: Path, library_file: Path, standard: str
) -> tuple[list[FileCheck], list[str]]:
    """A row per expected file of the SDK in ``folder`` (the library is ``library_file``, which
    may have another name than ``standard``), and the components missing from HCNetSDKCom.

    When the library is missing or no library and the folder holds none of the other expected
    files, the folder is no SDK folder: then only the library's row is returned, not a dozen
    rows of "missing"."""
    windows = sys.platform == "win32"
    rows: list[FileCheck] = []
    components: list[str] = []
    for expected in expected_files(windows):
        if expected.name == standard:
            rows.append(_check_library(expected, library_file, own=True))
            continue
        path = folder / expected.name.rstrip("/\\")
        if not _is_library_name(expected.name):
            is_dir = expected.name.endswith(("/", "\\"))
            present = path.is_dir() if is_dir else path.is_file()
            detail = ""
            if present and is_dir:
                detail, components = _components(path, windows)
            status: Status = "ok" if present else "missing"
            rows.append(
                FileCheck(path.name + ("/" if is_dir else ""), expected.kind, expected.what,
                          present, str(path), detail, status)
            )  # fmt: skip
            continue
        rows.append(_check_library(expected, path, own=False))
    if rows[0].status in ("missing", "not a library") and not any(row.present for row in rows[1:]):
        return rows[:1], []
    return rows, components


def find_below(folder: Path, name: str, depth: int = 2, limit: int = 400) -> list[Path]:
    """Files called ``name`` in the folders below ``folder``, at most ``depth`` levels down,
    nearest first (the SDK's parent folder given instead of its lib/, or the unpacked package).
    Looks into at most ``limit`` folders, so that a home folder given by mistake stays quick."""
    found: list[Path] = []
    level = [folder]
    seen = 0
    for _ in range(depth):
        below: list[Path] = []
        for parent in level:
            try:
                children = sorted(child for child in parent.iterdir() if child.is_dir())
            except OSError:
                continue
            for child in children:
                seen += 1
                if seen > limit:
                    return found
                if (child / name).is_file():
                    found.append(child / name)
                below.append(child)
        if found:
            return found
        level = below
    return found


def mapped_libraries() -> dict[str, str]:
    """Linux: file name -> path of every shared library mapped into this process (which copy of
    libHCCore.so the loader took, for instance); elsewhere an empty dict."""
    mapped: dict[str, str] = {}
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                parts = line.split(None, 5)
                if len(parts) == 6 and parts[5].startswith("/"):
                    path = parts[5].strip()
                    mapped.setdefault(os.path.basename(path), path)
    except OSError:
        return {}
    return mapped


_MISSING_DEPENDENCY = (
    re.compile(r"(?P<name>[^\s:]+): cannot open shared object file"),  # glibc
    re.compile(r"Error loading shared library (?P<name>[^\s:]+): No such file"),  # musl
    re.compile(r"Library not loaded: (?P<name>\S+)"),  # macOS
)


def missing_dependency(reason: str) -> str | None:
    """The library the loader could not find, from its message, or None."""
    for pattern in _MISSING_DEPENDENCY:
        match = pattern.search(reason)
        if match:
            return os.path.basename(match.group("name"))
    return None


def plain_reason(reason: str, library: str = "") -> str:
    """A loader's reason in words that cannot be misread: "No such file or directory" about a
    companion library reads as if the SDK library itself were missing. ``library``: the file
    name tried, when the loader was asked for it by name (then "cannot open" is about it)."""
    dependency = missing_dependency(reason)
    if dependency is not None and dependency == library:
        return "not found by the system's loader"
    if dependency is not None:
        return f"the file exists, but a library it needs was not found: {dependency}"
    undefined = re.search(r"undefined symbol: (\S+)", reason)
    if undefined:
        return (
            "the file exists, but it and the libraries it loads do not match "
            f"(undefined symbol {undefined.group(1)})"
        )
    return reason


def joined(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
