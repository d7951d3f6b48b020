"""The simulator's build cache, guarded: only a library this user built is ever returned.

:func:`hcnetsdk._simulator.build_fake_sdk` compiles the fake SDK once and keeps it here. The
loader then runs that file as the caller, so a file someone else could plant or change would
run their code as this user. The cache therefore trusts nothing it did not make itself:

* **Layout.** ``<root>/<key>/`` is one build: ``libhcnetsdk.so`` and ``libhcnetsdk.so.sha256``,
  the SHA-256 of the library recorded when it was built (``sha256sum`` format). The entry is
  assembled in a private staging folder (``<root>/.build-*``, made by :func:`tempfile.mkdtemp`)
  and renamed into place whole, so an entry is complete or absent, never half-written, and a
  concurrent build that loses the race simply uses the winner's entry.
* **Created private.** Folders the cache creates (the root, missing parents of it, entries)
  are ``0700``; the library is ``0700`` and its hash ``0600``.
* **Checked before use.** The root (symbolic links followed: a user may link their cache
  elsewhere) must be a folder owned by this user and not writable by group or others; the
  entry folder, the library and the hash file must be the same, must not be symbolic links,
  and the library's SHA-256 must equal the recorded one. The hash file sits in the entry and
  passes the same checks, so whoever could rewrite it could not get past them either. The
  checks run on every call, right before the path is handed to the loader; nobody but this
  user (and root) can change an entry between the check and the load, because every folder
  from the root down is theirs alone.
* **Never repaired.** What fails a check is reported, not deleted or rebuilt: it may not be
  ours, and it may be evidence.

Every problem, a refused file or folder as much as a cache that cannot be written (read-only,
full, a file where a folder should be), is one :class:`SimulatorCacheError` naming the folder
and ``HCNETSDK_SIMULATOR_CACHE``. Not checked: the folders above the root (``~/.cache`` or the
folder ``HCNETSDK_SIMULATOR_CACHE`` names is the user's choice); on Windows, where POSIX owners
and modes do not exist, only the hash is checked.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import SDKNotFoundError

__all__ = [
    "CACHE_ENV",
    "HASH_SUFFIX",
    "SimulatorCacheError",
    "cache_errors",
    "file_sha256",
    "prepare_root",
    "publish",
    "staging",
    "verified_library",
]

#: Environment variable naming the directory where built simulators are cached.
CACHE_ENV = "HCNETSDK_SIMULATOR_CACHE"

#: The recorded hash of ``<entry>/<library>`` is ``<entry>/<library>.sha256``.
HASH_SUFFIX = ".sha256"

_FOLDER_MODE = 0o700
_LIBRARY_MODE = 0o700
_HASH_MODE = 0o600
_STAGING_PREFIX = ".build-"
_CHUNK = 1 << 16


class SimulatorCacheError(SDKNotFoundError):
    """The simulator's cache folder cannot be used safely: refused or not writable.

    A sibling of :class:`~hcnetsdk._simulator.SimulatorBuildError` under
    :class:`~hcnetsdk.SDKNotFoundError`, not a subclass of it: nothing failed to compile, but
    like every simulator failure it means no simulated library can be provided, and the
    loader and ``hcnetsdk doctor`` already report :class:`~hcnetsdk.SDKNotFoundError`.
    ``folder`` is the folder concerned (the cache root or one build in it), ``problem`` what is
    wrong with it; the message names both and ``HCNETSDK_SIMULATOR_CACHE`` on its first line.
    """

    def __init__(self, folder: str | os.PathLike[str], problem: str) -> None:
        self.folder = os.fspath(folder)
        self.problem = problem
        super().__init__(
            f"cannot use the simulator cache folder {self.folder}: {problem}. Set {CACHE_ENV} "
            "to a folder of your own (created 0700 if missing), or fix or remove this one.",
            attempts=[("simulator cache", f"{self.folder}: {problem}")],
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.folder, self.problem), dict(self.__dict__))


def _os_problem(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return f"it is not a folder, or a part of its path is a file ({reason})"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"it cannot be written ({reason})"
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"the disk is full ({reason})"
    return f"it cannot be used ({reason})"


@contextmanager
def cache_errors(folder: Path) -> Iterator[None]:
    """Turn an :class:`OSError` of cache work in ``folder`` into a :class:`SimulatorCacheError`."""
    try:
        yield
    except SimulatorCacheError:
        raise
    except OSError as exc:
        raise SimulatorCacheError(folder, _os_problem(exc)) from exc


def _check_owner_and_mode(path: Path, info: os.stat_result, what: str, folder: Path) -> None:
    """Refuse ``path`` unless this user owns it and neither group nor others may write it."""
    if not hasattr(os, "geteuid"):  # Windows: no POSIX owners or modes to check
        return
    uid = os.geteuid()
    if info.st_uid != uid:
        raise SimulatorCacheError(
            folder, f"{what} {path} is owned by uid {info.st_uid}, not by you (uid {uid})"
        )
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        mode = stat.S_IMODE(info.st_mode)
        raise SimulatorCacheError(
            folder, f"{what} {path} is writable by group or others (mode {mode:04o})"
        )


def _make_folders(root: Path) -> None:
    """Create ``root`` and its missing parents, each ``0700`` (not ``mkdir -p``'s umask mode)."""
    missing: list[Path] = []
    path = root
    while not os.path.lexists(path):
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    for folder in reversed(missing):
        # A concurrent build may make it first: it is checked below like any other.
        with suppress(FileExistsError):
            folder.mkdir(mode=_FOLDER_MODE)


def prepare_root(root: Path) -> Path:
    """The cache root, created ``0700`` if missing, checked; raises :class:`SimulatorCacheError`."""
    with cache_errors(root):
        _make_folders(root)
        info = root.stat()  # follows a symbolic link: the user may keep the cache elsewhere
    if not stat.S_ISDIR(info.st_mode):
        raise SimulatorCacheError(root, "it is not a folder")
    _check_owner_and_mode(root, info, "the folder", root)
    return root


def _checked_lstat(path: Path, what: str, folder: Path, want_dir: bool) -> os.stat_result:
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise SimulatorCacheError(folder, f"{what} {path} is a symbolic link")
    if want_dir and not stat.S_ISDIR(info.st_mode):
        raise SimulatorCacheError(folder, f"{what} {path} is not a folder")
    if not want_dir and not stat.S_ISREG(info.st_mode):
        raise SimulatorCacheError(folder, f"{what} {path} is not a regular file")
    _check_owner_and_mode(path, info, what, folder)
    return info


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, as lowercase hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _recorded_sha256(hash_file: Path, entry: Path) -> str:
    words = hash_file.read_text(encoding="ascii", errors="replace").split()
    recorded = words[0].lower() if words else ""
    if len(recorded) != 64 or any(c not in "0123456789abcdef" for c in recorded):
        raise SimulatorCacheError(entry, f"{hash_file} does not hold a SHA-256")
    return recorded


def verified_library(entry: Path, library_name: str) -> Path | None:
    """``<entry>/<library_name>`` if the entry passes every check; None if there is no entry.

    Raises :class:`SimulatorCacheError` for an entry that exists but is refused: not ours,
    writable by others, a symbolic link, incomplete, or a library whose SHA-256 is not the
    recorded one.
    """
    library = entry / library_name
    hash_file = entry / (library_name + HASH_SUFFIX)
    with cache_errors(entry):
        if not os.path.lexists(entry):
            return None
        _checked_lstat(entry, "the build folder", entry, want_dir=True)
        for path, what in ((library, "the library"), (hash_file, "the recorded hash")):
            if not os.path.lexists(path):
                raise SimulatorCacheError(entry, f"{what} {path} is missing")
            _checked_lstat(path, what, entry, want_dir=False)
        recorded = _recorded_sha256(hash_file, entry)
        actual = file_sha256(library)
    if actual != recorded:
        raise SimulatorCacheError(
            entry,
            f"the SHA-256 of {library} is {actual}, not the {recorded} recorded when it was "
            "built: it was changed after the build",
        )
    return library


@contextmanager
def staging(root: Path) -> Iterator[Path]:
    """A private (``0700``) folder in ``root`` to assemble a build in; removed unless published."""
    with cache_errors(root):
        work = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=root))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)  # gone already when it was published


def publish(work: Path, entry: Path, library_name: str) -> Path:
    """Record the hash of ``work/<library_name>``, then rename ``work`` to ``entry`` whole.

    ``work`` must hold nothing else. If a concurrent build published ``entry`` first, its
    entry is checked and used instead. Returns the verified library in ``entry``.
    """
    library = work / library_name
    with cache_errors(entry.parent):
        hash_file = work / (library_name + HASH_SUFFIX)
        hash_file.write_text(f"{file_sha256(library)}  {library_name}\n", encoding="ascii")
        os.chmod(hash_file, _HASH_MODE)
        os.chmod(library, _LIBRARY_MODE)
        os.chmod(work, _FOLDER_MODE)
        try:
            os.rename(work, entry)
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            # Lost the race: another build of the same key is in place.
    found = verified_library(entry, library_name)
    if found is None:  # pragma: no cover - the entry vanished between rename and check
        raise SimulatorCacheError(entry, "the build folder disappeared right after the build")
    return found
