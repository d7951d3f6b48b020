"""Finding and opening the HCNetSDK shared library; every failure collected and explained.

Nothing is opened at import. :func:`load_library` decides where the library comes from, in this
order, and stops at the first step that applies:

1. The ``library`` argument of ``HCNetSDK(library=...)``: an already opened ``ctypes.CDLL``; the
   string ``"simulator"`` (the fake SDK of ``hcnetsdk._simulator``, compiled on first use); or a
   path (str or PathLike) to the library file or to the SDK folder that holds it. Only that
   place is tried.
2. The ``HCNETSDK_LIB`` environment variable, with the same meaning as a string argument (a file,
   a folder, or ``simulator``). Only that place is tried.
3. A search, trying each candidate in turn and keeping every failure:

   a. the platform's standard name through the platform's loader: ``libhcnetsdk.so`` on Linux
      (which honours ``LD_LIBRARY_PATH``, the ld.so cache and the system folders),
      ``HCNetSDK.dll`` on Windows (Python's DLL search: the application folder, System32 and
      folders added with ``os.add_dll_directory``), ``libhcnetsdk.dylib`` on macOS;
   b. Windows only: every folder on ``PATH`` that contains ``HCNetSDK.dll`` (Python 3.8+ no
      longer loads DLLs from ``PATH`` on its own);
   c. ``./lib`` relative to the current directory, the convention of the vendor's demos and of
      this project's ``lib/`` folder (see the install guide, ``hcnetsdk doctor --guide``).

Linux and macOS open the file with ``ctypes.CDLL`` by absolute path; Windows with
``ctypes.WinDLL``, after adding the SDK folder with ``os.add_dll_directory`` so that the SDK's own
DLLs (HCCore.dll, hpr.dll, HCNetSDKCom\\) are found; the handle is kept for the life of the SDK
object.

Failures raise one of:

* :class:`~hcnetsdk.SDKNotFoundError`: no candidate could be opened. It lists every candidate with
  the loader's reason, names ``HCNETSDK_LIB`` and points to the install guide
  (``hcnetsdk doctor --guide``).
* :class:`~hcnetsdk.SDKArchitectureError`: a candidate exists but was built for another CPU or
  word size (or is not a shared library at all): the message names the file, what this Python
  expects, and what the file was built for (read from its ELF or PE header).
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, Union

from ._binary import (
    INSTALL_GUIDE,
    architecture_error,
    describe_binary,
    elf_mismatch,
    expected_architecture,
    file_problem,
    is_architecture_error,
    loaded_path,
    not_a_library,
)
from .errors import SDKArchitectureError, SDKNotFoundError

__all__ = [
    "ENV_VAR",
    "SIMULATOR",
    "LibrarySpec",
    "LoadedLibrary",
    "describe_binary",
    "elf_mismatch",
    "encode_path",
    "expected_architecture",
    "is_simulator",
    "load_library",
    "loaded_path",
    "openssl_files",
    "requested_location",
    "resolve_location",
    "standard_name",
]

ENV_VAR = "HCNETSDK_LIB"
SIMULATOR = "simulator"
README = INSTALL_GUIDE

logger = logging.getLogger("hcnetsdk")

LibrarySpec = Union[str, "os.PathLike[str]", ctypes.CDLL, None]
"""What ``HCNetSDK(library=...)`` takes: a path, ``"simulator"``, an opened CDLL, or None."""

_CDLL_TYPE = ctypes.CDLL  # for isinstance checks, even while tests mock ctypes.CDLL


@dataclass
class LoadedLibrary:
    """An opened SDK library and what is known about where it came from."""

    lib: Any
    """The ``ctypes.CDLL`` (``ctypes.WinDLL`` on Windows)."""
    path: str | None
    """Absolute path of the library file, when known."""
    folder: str | None
    """The SDK folder (the one holding ``HCNetSDKCom``), when known."""
    source: str
    """How it was found: ``"argument"``, ``"HCNETSDK_LIB"``, ``"simulator"`` or ``"search"``."""
    dll_directory: Any = None
    """Windows: the handle from ``os.add_dll_directory``, kept alive with the library."""


# --- Platform facts -----------------------------------------------------------------------
def standard_name() -> str:
    """The SDK library's file name on this platform."""
    if sys.platform == "win32":
        return "HCNetSDK.dll"
    if sys.platform == "darwin":
        return "libhcnetsdk.dylib"
    return "libhcnetsdk.so"


def openssl_files(folder: str | os.PathLike[str]) -> tuple[Path | None, Path | None]:
    """(libcrypto, libssl) shipped in the SDK folder, each None when absent."""
    base = Path(folder)
    if sys.platform == "win32":
        names = ("libcrypto-1_1-x64.dll", "libssl-1_1-x64.dll")
    elif sys.platform == "darwin":
        names = ("libcrypto.1.1.dylib", "libssl.1.1.dylib")
    else:
        names = ("libcrypto.so.1.1", "libssl.so.1.1")
    found = tuple(base / name if (base / name).is_file() else None for name in names)
    return found[0], found[1]


def encode_path(path: str | os.PathLike[str]) -> bytes:
    """A path as the SDK's ``char*`` wants it: the file system encoding, the ANSI code page on
    Windows. Raises ValueError for a path that cannot be encoded or holds a NUL."""
    text = os.fspath(path)
    if "\0" in text:
        raise ValueError(f"path {text!r} contains a NUL character")
    try:
        return text.encode("mbcs") if sys.platform == "win32" else os.fsencode(text)
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"path {text!r} cannot be encoded for the SDK ({exc.reason}); use a path made of "
            "characters of the system's code page"
        ) from exc


def not_found_error(attempts: list[tuple[str, str]], how: str) -> SDKNotFoundError:
    """One error listing every (candidate, reason) tried."""
    tried = "\n".join(f"  - {candidate}: {reason}" for candidate, reason in attempts)
    return SDKNotFoundError(
        f"HCNetSDK library not found ({how}). Tried:\n{tried}\n"
        "Pass the library file or the SDK folder as HCNetSDK(library=...), or set the "
        f"{ENV_VAR} environment variable to it ({ENV_VAR}=simulator loads the fake SDK). "
        "The vendor's SDK is not shipped with hcnetsdk; how to obtain it and where to put it "
        f"({standard_name()} with its companion libraries and HCNetSDKCom): {README}.",
        attempts,
    )


# --- Opening ------------------------------------------------------------------------------
class _Failure(Exception):
    """A candidate that could not be opened: the reason, and an architecture error if it is one."""

    def __init__(self, reason: str, arch: SDKArchitectureError | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.arch = arch


def _open_file(file: Path, folder: Path | None, source: str) -> LoadedLibrary:
    """Open the library at absolute path ``file``; raise _Failure."""
    path = str(file)
    _check_file(path)
    handle: Any = None
    try:
        if sys.platform == "win32":
            if folder is not None:
                handle = os.add_dll_directory(str(folder))
            lib: Any = ctypes.WinDLL(path)
        else:
            lib = ctypes.CDLL(path)
    except OSError as exc:
        if handle is not None:
            handle.close()
        if is_architecture_error(exc) or elf_mismatch(path):
            raise _Failure(str(exc), architecture_error(path, exc)) from exc
        raise _Failure(
            f"the file exists but the loader failed: {exc} (its companion libraries, such as "
            "libHCCore and libhpr, must be in the same folder)"
        ) from exc
    return LoadedLibrary(
        lib, path, str(folder) if folder is not None else None, source, dll_directory=handle
    )


def _check_file(path: str) -> None:
    """Before the loader sees ``path``: a regular file (opening a FIFO would hang) that starts
    like a shared library of this platform. Raise _Failure with one clear reason."""
    reason = file_problem(path)
    if reason is not None:
        raise _Failure(reason)
    problem = not_a_library(path)
    if problem is not None:
        raise _Failure(f"is {problem}", architecture_error(path, None, problem))


def is_simulator(spec: object) -> bool:
    """Whether ``spec`` names the simulator (``"simulator"``, any case, surrounding blanks)."""
    return isinstance(spec, str) and spec.strip().lower() == SIMULATOR


def requested_location(library: str | os.PathLike[str] | None = None) -> tuple[str | None, str]:
    """(the place to try, how it was named) before anything is opened.

    ``library`` given: ``(library, "argument")``; else a non-blank ``HCNETSDK_LIB``:
    ``(its value, "HCNETSDK_LIB")``; else ``(None, "search")``. The same decision as
    :func:`load_library`, for callers that report on a place without loading it.
    """
    if library is not None:
        return os.fspath(library), "argument"
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env, ENV_VAR
    return None, "search"


def resolve_location(spec: str | os.PathLike[str]) -> tuple[Path, Path]:
    """(library file, SDK folder) for a path naming either: a folder holds the platform's
    :func:`standard_name`; a file is the library itself and its folder is its parent. ``~`` is
    expanded and the result is absolute; nothing is opened or checked for existence."""
    absolute = Path(os.path.abspath(os.path.expanduser(os.fspath(spec))))
    if absolute.is_dir():
        return absolute / standard_name(), absolute
    return absolute, absolute.parent


def _open_path(spec: str | os.PathLike[str], source: str) -> LoadedLibrary:
    """Open a library given as a file or folder path; raise _Failure naming the file tried."""
    file, folder = resolve_location(spec)
    try:
        return _open_file(file, folder, source)
    except _Failure as failure:
        failure.reason = f"{file}: {failure.reason}"
        raise


def _open_simulator(source: str) -> LoadedLibrary:
    simulator = import_module("hcnetsdk._simulator")
    path = Path(simulator.build_fake_sdk())
    loaded = _open_path(path, source)
    loaded.source = SIMULATOR
    # The site file of HCNETSDK_SIMULATOR_SITE, if any (once per process and file).
    from . import _simsite

    _simsite.apply_site_from_env(path)
    return loaded


def _open_explicit(spec: str | os.PathLike[str], source: str) -> LoadedLibrary:
    """A place the user named (argument or environment variable): only that is tried."""
    if is_simulator(spec):
        try:
            return _open_simulator(source)
        except _Failure as failure:
            if failure.arch is not None:
                raise failure.arch from None
            raise not_found_error([("simulator", failure.reason)], source) from None
    try:
        return _open_path(spec, source)
    except _Failure as failure:
        if failure.arch is not None:
            raise failure.arch from None
        how = "the library argument" if source == "argument" else f"from {ENV_VAR}"
        raise not_found_error([(os.fspath(spec), failure.reason)], how) from None


def _opened(lib: Any, source: str) -> LoadedLibrary:
    """A library already opened (by name, or by the caller): its path and folder if knowable."""
    path = loaded_path(lib)
    folder = str(Path(path).parent) if path else None
    return LoadedLibrary(lib, path, folder, source)


def _open_by_name(name: str) -> LoadedLibrary:
    try:
        if sys.platform == "win32":
            lib: Any = ctypes.WinDLL(name)
        else:
            lib = ctypes.CDLL(name)
    except OSError as exc:
        raise _Failure(
            str(exc), architecture_error(name, exc) if is_architecture_error(exc) else None
        ) from exc
    return _opened(lib, "search")


def _search_candidates() -> list[tuple[str, Any]]:
    """(label, opener) in search order."""
    name = standard_name()
    if sys.platform == "win32":
        loader = "Python's DLL search: application folder, System32, os.add_dll_directory"
    elif sys.platform == "darwin":
        loader = "the dynamic loader: DYLD_LIBRARY_PATH and the system folders"
    else:
        loader = "the dynamic loader: LD_LIBRARY_PATH, ld.so.cache and the system folders"
    candidates: list[tuple[str, Any]] = [(f"{name} ({loader})", lambda: _open_by_name(name))]
    if sys.platform == "win32":
        seen: set[str] = set()
        for entry in os.environ.get("PATH", "").split(os.pathsep):
            folder = entry.strip().strip('"')
            if not folder or os.path.normcase(folder) in seen:
                continue
            seen.add(os.path.normcase(folder))
            file = Path(folder) / name
            if file.is_file():
                candidates.append(
                    (
                        f"{file} (on PATH)",
                        lambda f=file: _open_file(f.absolute(), f.absolute().parent, "search"),
                    )
                )
    local = Path.cwd() / "lib" / name
    candidates.append(
        (
            f"{local} (./lib of the current directory)",
            lambda: _open_file(local, local.parent, "search"),
        )
    )
    return candidates


def _search() -> LoadedLibrary:
    attempts: list[tuple[str, str]] = []
    arch_errors: list[SDKArchitectureError] = []
    for label, opener in _search_candidates():
        try:
            loaded: LoadedLibrary = opener()
        except _Failure as failure:
            logger.debug("HCNetSDK library not at %s: %s", label, failure.reason)
            attempts.append((label, failure.reason))
            if failure.arch is not None:
                arch_errors.append(failure.arch)
            continue
        return loaded
    if arch_errors:
        raise arch_errors[0]
    raise not_found_error(attempts, f"{ENV_VAR} is not set; searched")


def load_library(library: LibrarySpec = None) -> LoadedLibrary:
    """Open the SDK library: see the module docstring for the order of places tried. Logs the
    library loaded and why (INFO), and each candidate that failed (DEBUG)."""
    loaded = _load(library)
    why = {
        "argument": "the library argument",
        ENV_VAR: f"the {ENV_VAR} environment variable",
        SIMULATOR: "the simulator (built from the package's C sources)",
        "search": "the search",
    }.get(loaded.source, loaded.source)
    logger.info(
        "loaded the HCNetSDK library %s (from %s; SDK folder %s)",
        loaded.path or "(path unknown)",
        why,
        loaded.folder or "unknown",
    )
    return loaded


def _load(library: LibrarySpec) -> LoadedLibrary:
    if isinstance(library, _CDLL_TYPE):
        return _opened(library, "argument")
    if library is not None:
        if not isinstance(library, (str, os.PathLike)):
            raise TypeError(
                "library must be a path (str or os.PathLike) to the SDK library or its folder, "
                f"'simulator', or an opened ctypes.CDLL, not {type(library).__name__}"
            )
        if isinstance(library, str) and not library.strip():
            raise ValueError("library must not be an empty string")
        return _open_explicit(library, "argument")
    env, source = requested_location()
    if env is not None:
        return _open_explicit(env, source)
    return _search()
