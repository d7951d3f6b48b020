"""The simulated HCNetSDK: build the fake library from C source.

The project ships a fake HCNetSDK written in C, one file per SDK area (``stubs/`` in the
repository, the package ``hcnetsdk._stubs`` once installed). :func:`build_fake_sdk` compiles
every ``.c`` file of it with the system's C compiler into one library in a cache, and returns
the path of a ``libhcnetsdk.so`` that the normal loader opens exactly as it opens the vendor's
library. :class:`hcnetsdk._simcontrol.FakeSDKControl` wraps the fake's control API (functions
prefixed ``fake_``) to add devices, script failures and read back recorded state.

The cache is guarded by :mod:`hcnetsdk._simcache`: private folders, owner and mode checks, and
a library returned only if its SHA-256 is the one recorded when it was built.

This module is imported only when the simulator is used: ``import hcnetsdk`` never imports it.
The default simulated site (after loading and after :meth:`FakeSDKControl.reset`):

==================  =====================================  ===========================
address             device                                 credentials
==================  =====================================  ===========================
127.0.0.1:8000      NVR, 8 IP channels from 33, 1 disk     ``admin`` / ``12345``
127.0.0.1:8001-8004 cameras, 1 analog channel from 1       ``admin`` / ``12345``
==================  =====================================  ===========================

Every device locks the account for 1800 s after 5 wrong passwords. Any other address fails
like a closed port (error 7). See ``stubs/README.md`` for the full behaviour.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from . import _simcache
from ._simcache import CACHE_ENV, SimulatorCacheError
from .errors import SDKNotFoundError

__all__ = [
    "CACHE_ENV",
    "CFLAGS",
    "DEFAULT_CAMERA_PORTS",
    "DEFAULT_HOST",
    "DEFAULT_NVR_PORT",
    "DEFAULT_PASSWORD",
    "DEFAULT_USER",
    "LIBRARY_NAME",
    "SimulatorBuildError",
    "SimulatorCacheError",
    "build_fake_sdk",
    "default_cache_dir",
    "source_dir",
]

#: The built file is named like the vendor's library, so the loader treats both alike.
LIBRARY_NAME = "libhcnetsdk.so"

#: Flags of every build (part of the cache key).
CFLAGS: tuple[str, ...] = (
    "-shared",
    "-fPIC",
    "-O2",
    "-pthread",
    "-std=c11",
    "-fvisibility=hidden",
    "-Wall",
    "-Wextra",
    "-Werror",
)

#: The default simulated site.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_NVR_PORT = 8000
DEFAULT_CAMERA_PORTS: tuple[int, ...] = (8001, 8002, 8003, 8004)
DEFAULT_USER = "admin"
DEFAULT_PASSWORD = "12345"

# The fake is every .c file of its source folder (one per SDK area) behind shared headers: all
# of them are compiled, in name order, and every .c and .h is part of the cache key.
_COMPILED_SUFFIX = ".c"
_SOURCE_SUFFIXES = (_COMPILED_SUFFIX, ".h")
# Bump when the way of building changes in a way the key would not see.
# 2: every .c file is compiled (1 compiled fake_hcnetsdk.c alone).
# 3: an entry holds the library's recorded SHA-256 and is renamed into place whole.
_BUILD_FORMAT = "3"
# The sources are copied into this subfolder of the staging folder, and removed before the
# staging folder becomes the cache entry (which holds only the library and its hash).
_SOURCES_SUBDIR = "sources"


class SimulatorBuildError(SDKNotFoundError):
    """The fake SDK could not be compiled; the message carries the compiler's output."""


def _compiled_names(names: Iterable[str]) -> list[str]:
    """The files of a source folder that are compiled: every ``.c``, sorted by name."""
    return sorted(name for name in names if name.endswith(_COMPILED_SUFFIX))


def _has_sources(directory: Path) -> bool:
    return directory.is_dir() and any(
        path.is_file() for path in directory.glob(f"*{_COMPILED_SUFFIX}")
    )


def source_dir() -> Path:
    """The directory holding the fake SDK's C sources (``*.c`` and ``*.h``).

    The installed package resource ``hcnetsdk._stubs`` when it is a real directory (a wheel
    install), else ``<repo>/stubs`` next to ``src/`` (an editable install or a source tree).
    """
    try:
        found = resources.files("hcnetsdk._stubs")
    except (ImportError, TypeError, ValueError):  # not installed as a package: editable/source
        found = None
    if isinstance(found, Path) and _has_sources(found):
        return found
    repo_stubs = Path(__file__).resolve().parent.parent.parent / "stubs"
    if _has_sources(repo_stubs):
        return repo_stubs
    raise SDKNotFoundError(
        "cannot find the simulated HCNetSDK's sources (*.c): neither the package "
        f"resource hcnetsdk._stubs nor {repo_stubs} has them; reinstall hcnetsdk",
        attempts=[("simulator", "*.c sources not found")],
    )


def default_cache_dir() -> Path:
    """Where builds are cached: ``$HCNETSDK_SIMULATOR_CACHE``, else
    ``$XDG_CACHE_HOME/hcnetsdk``, else ``~/.cache/hcnetsdk``."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "hcnetsdk"


def _compiler_command(compiler: str | None) -> list[str]:
    text = compiler if compiler is not None else os.environ.get("CC") or "cc"
    command = shlex.split(text)
    if not command:
        raise SDKNotFoundError(
            "cannot build the simulated HCNetSDK: CC is set but empty; "
            "set CC to a C compiler (e.g. gcc) or unset it to use `cc`",
            attempts=[("simulator", "empty CC")],
        )
    return command


def _missing_compiler(command: list[str], reason: str) -> SDKNotFoundError:
    return SDKNotFoundError(
        f"cannot build the simulated HCNetSDK: the C compiler {command[0]!r} was not found "
        f"({reason}). Install a C compiler (e.g. `apt-get install gcc`, which provides `cc`) "
        "or set the CC environment variable to one.",
        attempts=[("simulator", f"C compiler {command[0]!r}: {reason}")],
    )


def _compiler_identity(command: list[str]) -> str:
    """The compiler's ``--version`` text (part of the cache key); raises if it cannot run."""
    try:
        done = subprocess.run(
            [*command, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (FileNotFoundError, PermissionError, NotADirectoryError) as exc:
        raise _missing_compiler(command, exc.strerror or str(exc)) from exc
    except subprocess.TimeoutExpired as exc:
        raise _missing_compiler(command, "`--version` did not answer in 60 s") from exc
    return done.stdout + done.stderr


def _sources(directory: Path) -> dict[str, bytes]:
    files = {
        path.name: path.read_bytes()
        for path in sorted(directory.iterdir())
        if path.suffix in _SOURCE_SUFFIXES and path.is_file()
    }
    if not _compiled_names(files):
        raise SDKNotFoundError(
            f"cannot build the simulated HCNetSDK: {directory} has no .c file",
            attempts=[("simulator", f"no .c file in {directory}")],
        )
    return files


def _cache_key(sources: dict[str, bytes], command: list[str], identity: str) -> str:
    digest = hashlib.sha256()
    for part in (_BUILD_FORMAT, sys.platform, *command, identity, *CFLAGS):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for name, data in sorted(sources.items()):
        digest.update(name.encode() + b"\0" + len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()[:20]


def build_fake_sdk(
    cache_dir: Path | None = None,
    *,
    source: Path | None = None,
    compiler: str | None = None,
) -> Path:
    """Compile the fake HCNetSDK (if not cached yet) and return the path of its library.

    Every ``.c`` file of the source folder is compiled (in name order) into one library. The
    result is ``<cache_dir>/<key>/libhcnetsdk.so``, where ``key`` hashes every ``.c`` and ``.h``
    file, the compiler command and ``--version`` and the flags: a second call reuses it, and a
    changed, added or removed source or another compiler builds anew. ``cache_dir`` defaults
    to :func:`default_cache_dir`, ``source`` to :func:`source_dir`, ``compiler`` to ``$CC`` or
    ``cc`` (split like a shell).

    The cache is guarded (:mod:`hcnetsdk._simcache`): folders are created ``0700``; a cache
    folder or file that is not this user's or that group or others may write is refused; a
    cached library is returned only if its SHA-256 is the one recorded when it was built. A
    build is assembled in a private staging folder and renamed into place whole, so processes
    building at the same time are safe.

    Raises :class:`~hcnetsdk.SDKNotFoundError` naming the compiler when there is none,
    :class:`SimulatorBuildError` (a subclass) with the compiler's output when compiling fails,
    and :class:`SimulatorCacheError` (a subclass) naming the folder and
    ``HCNETSDK_SIMULATOR_CACHE`` when the cache is refused or cannot be written.
    """
    command = _compiler_command(compiler)
    directory = source if source is not None else source_dir()
    sources = _sources(directory)
    identity = _compiler_identity(command)
    root = _simcache.prepare_root(Path(cache_dir) if cache_dir is not None else default_cache_dir())
    entry = root / _cache_key(sources, command, identity)
    cached = _simcache.verified_library(entry, LIBRARY_NAME)
    if cached is not None:
        return cached

    with _simcache.staging(root) as work:
        with _simcache.cache_errors(root):
            source_copy = work / _SOURCES_SUBDIR
            source_copy.mkdir()
            for name, data in sources.items():
                (source_copy / name).write_bytes(data)
        output = work / LIBRARY_NAME
        compiled = [str(source_copy / name) for name in _compiled_names(sources)]
        _compile([*command, *CFLAGS, "-o", str(output), *compiled], command, output)
        with _simcache.cache_errors(root):
            shutil.rmtree(source_copy)
        return _simcache.publish(work, entry, LIBRARY_NAME)


def _compile(argv: list[str], command: list[str], output: Path) -> None:
    """Run the compiler; raise if it is missing, too slow, fails or writes no library."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False)
    except (FileNotFoundError, PermissionError, NotADirectoryError) as exc:
        raise _missing_compiler(command, exc.strerror or str(exc)) from exc
    except subprocess.TimeoutExpired as exc:
        raise SimulatorBuildError(
            f"cannot build the simulated HCNetSDK: `{shlex.join(argv)}` took over 300 s",
            attempts=[("simulator", "compiler timed out")],
        ) from exc
    if done.returncode != 0 or not output.is_file():
        log = (done.stdout + done.stderr).strip() or "(no output)"
        raise SimulatorBuildError(
            "cannot build the simulated HCNetSDK: the C compiler failed "
            f"(exit status {done.returncode}).\ncommand: {shlex.join(argv)}\n{log}",
            attempts=[("simulator", f"compiler exit status {done.returncode}")],
        )
