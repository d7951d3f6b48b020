"""The simulator's build cache (``hcnetsdk._simcache``): only a library this user built is run.

Each test works on its own copy of one cache built once for the module, so a refused or
tampered cache never touches the session's. The tests run as root on the project's machines,
and root passes every permission check of the kernel: the owner and mode checks are therefore
tested by what they look at (a group-writable mode, a folder chowned to another uid), and a
folder that cannot be written by a simulated ``OSError``; the one case only a real
permission denial can show is skipped under root, and the same code path is covered by the
simulated one.
"""

from __future__ import annotations

import errno
import os
import pickle
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from hcnetsdk import _loader, _simcache
from hcnetsdk._simcache import CACHE_ENV, SimulatorCacheError
from hcnetsdk._simulator import LIBRARY_NAME, SimulatorBuildError, build_fake_sdk
from hcnetsdk.errors import SDKLoadError, SDKNotFoundError

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
OTHER_UID = 65534  # "nobody"
HASH_NAME = LIBRARY_NAME + _simcache.HASH_SUFFIX

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache root holding one build, made once for the module; tests copy it."""
    root = tmp_path_factory.mktemp("template") / "cache"
    build_fake_sdk(root)
    return root


@pytest.fixture
def cache(template: Path, tmp_path: Path) -> Path:
    """This test's own copy of the template cache (modes kept, owned by this user)."""
    root = tmp_path / "cache"
    shutil.copytree(template, root)
    return root


@pytest.fixture
def entry(cache: Path) -> Path:
    """The one build folder of ``cache``."""
    (found,) = [p for p in cache.iterdir() if not p.name.startswith(".")]
    return found


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def refused(cache_dir: Path) -> SimulatorCacheError:
    """The error building from ``cache_dir`` raises; checks what every such error carries."""
    with pytest.raises(SimulatorCacheError) as info:
        build_fake_sdk(cache_dir)
    first_line = str(info.value).splitlines()[0]
    assert info.value.folder in first_line  # hcnetsdk doctor shows the first line only
    assert CACHE_ENV in first_line
    return info.value


MakeForeign = Callable[[Path], None]


@pytest.fixture
def foreign(monkeypatch: pytest.MonkeyPatch) -> MakeForeign:
    """A function that gives a path to another uid: ``chown`` as root; a plain user cannot
    give files away, so there the path's ``stat`` results report another owner."""

    def make_foreign(target: Path) -> None:
        if IS_ROOT:
            os.chown(target, OTHER_UID, OTHER_UID, follow_symlinks=False)
            return
        other = os.geteuid() + 1

        def lying(real: Callable[..., os.stat_result]) -> Callable[..., os.stat_result]:
            def call(self: Path, *args: object, **kwargs: object) -> os.stat_result:
                info = real(self, *args, **kwargs)
                if self != target:
                    return info
                return os.stat_result((*info[:4], other, *info[5:]))

            return call

        monkeypatch.setattr(Path, "stat", lying(Path.stat))
        monkeypatch.setattr(Path, "lstat", lying(Path.lstat))

    return make_foreign


# ---- what a build leaves ------------------------------------------------------------------
def test_folders_are_created_private_and_the_hash_is_recorded(tmp_path: Path) -> None:
    root = tmp_path / "a" / "b" / "cache"  # missing parents are made 0700 as well
    library = build_fake_sdk(root)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", root, library.parent):
        assert mode(folder) == 0o700, folder
    assert mode(library) == 0o700
    assert mode(library.parent / HASH_NAME) == 0o600
    recorded = (library.parent / HASH_NAME).read_text()
    assert recorded == f"{_simcache.file_sha256(library)}  {LIBRARY_NAME}\n"  # sha256sum -c
    assert [p.name for p in root.iterdir()] == [library.parent.name]  # no staging folder left


def test_an_existing_private_cache_is_used_as_it_is(cache: Path, entry: Path) -> None:
    cache.chmod(0o755)  # readable by others is fine; only writing is refused
    assert build_fake_sdk(cache) == entry / LIBRARY_NAME
    assert mode(cache) == 0o755  # a folder the cache did not create keeps its mode


def test_a_symbolic_link_to_a_private_root_is_followed(cache: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(cache)
    assert build_fake_sdk(link).resolve().parent.parent == cache.resolve()


# ---- owners and modes ---------------------------------------------------------------------
@pytest.mark.parametrize("bits", [0o020, 0o002, 0o022])
def test_a_root_others_may_write_is_refused(cache: Path, bits: int) -> None:
    cache.chmod(0o700 | bits)
    error = refused(cache)
    assert error.folder == str(cache)
    assert "writable by group or others" in error.problem


@pytest.mark.parametrize("part", ["entry", "library", "hash"])
def test_a_build_others_may_write_is_refused(entry: Path, cache: Path, part: str) -> None:
    path = {"entry": entry, "library": entry / LIBRARY_NAME, "hash": entry / HASH_NAME}[part]
    path.chmod(mode(path) | 0o020)
    error = refused(cache)
    assert error.folder == str(entry)
    assert str(path) in error.problem
    assert "writable by group or others" in error.problem


@pytest.mark.parametrize("part", ["root", "entry", "library", "hash"])
def test_a_cache_part_owned_by_someone_else_is_refused(
    cache: Path, entry: Path, foreign: MakeForeign, part: str
) -> None:
    path = {
        "root": cache,
        "entry": entry,
        "library": entry / LIBRARY_NAME,
        "hash": entry / HASH_NAME,
    }[part]
    foreign(path)
    error = refused(cache)
    assert "not by you" in error.problem
    assert str(path) in error.problem


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a folder to another uid")
def test_root_refuses_a_cache_a_user_owns(tmp_path: Path) -> None:
    """The case the issue names: another user's folder, planted to run as the caller."""
    root = tmp_path / "theirs"
    root.mkdir(mode=0o700)
    os.chown(root, OTHER_UID, OTHER_UID)
    error = refused(root)
    assert f"owned by uid {OTHER_UID}, not by you (uid 0)" in error.problem
    assert list(root.iterdir()) == []  # refused before anything was written there


# ---- planted and tampered files -----------------------------------------------------------
def test_a_tampered_library_is_refused(cache: Path, entry: Path) -> None:
    library = entry / LIBRARY_NAME
    with library.open("ab") as handle:
        handle.write(b"\0planted")
    error = refused(cache)
    assert error.folder == str(entry)
    assert "SHA-256" in error.problem
    assert "changed after the build" in error.problem
    assert library.is_file()  # reported, never deleted: it may be evidence


def test_a_library_swapped_with_its_hash_rewritten_needs_the_folder(
    cache: Path, entry: Path, foreign: MakeForeign
) -> None:
    """Whoever can rewrite the hash file can do so only inside a folder the checks cover."""
    planted = entry / LIBRARY_NAME
    planted.write_bytes(b"\x7fELF not the fake")
    (entry / HASH_NAME).write_text(f"{_simcache.file_sha256(planted)}  {LIBRARY_NAME}\n")
    foreign(entry)
    assert "not by you" in refused(cache).problem


def test_a_planted_build_without_a_recorded_hash_is_refused(cache: Path, entry: Path) -> None:
    (entry / HASH_NAME).unlink()
    error = refused(cache)
    assert "missing" in error.problem
    assert HASH_NAME in error.problem


@pytest.mark.parametrize("content", ["", "not a hash\n", "ab" * 31 + "\n", "zz" * 32])
def test_a_recorded_hash_that_is_no_sha256_is_refused(
    cache: Path, entry: Path, content: str
) -> None:
    (entry / HASH_NAME).write_text(content)
    assert "does not hold a SHA-256" in refused(cache).problem


@pytest.mark.parametrize("part", ["entry", "library"])
def test_symbolic_links_inside_the_cache_are_refused(
    cache: Path, entry: Path, tmp_path: Path, part: str
) -> None:
    if part == "library":
        target = tmp_path / "elsewhere.so"
        shutil.move(str(entry / LIBRARY_NAME), target)
        (entry / LIBRARY_NAME).symlink_to(target)
    else:
        moved = tmp_path / "elsewhere"
        shutil.move(str(entry), moved)
        entry.symlink_to(moved, target_is_directory=True)
    assert "symbolic link" in refused(cache).problem


def test_a_missing_library_is_refused_not_rebuilt(cache: Path, entry: Path) -> None:
    (entry / LIBRARY_NAME).unlink()
    assert "missing" in refused(cache).problem
    assert not (entry / LIBRARY_NAME).exists()


# ---- folders that cannot be used ----------------------------------------------------------
def test_a_file_where_the_cache_folder_should_be(tmp_path: Path) -> None:
    spot = tmp_path / "cache"
    spot.write_text("not a folder\n")
    assert "not a folder" in refused(spot).problem
    error = refused(spot / "below")  # a part of its path is a file
    assert error.folder == str(spot / "below")
    assert "not a folder" in error.problem


def test_a_file_where_a_build_folder_should_be(cache: Path, entry: Path) -> None:
    shutil.rmtree(entry)
    entry.write_text("not a folder\n")
    error = refused(cache)
    assert error.folder == str(entry)
    assert "not a folder" in error.problem


@pytest.mark.skipif(IS_ROOT, reason="root writes into a 0500 folder; see the simulated test")
def test_a_read_only_cache_folder(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    root.mkdir(mode=0o500)
    try:
        assert "cannot be written" in refused(root).problem
    finally:
        root.chmod(0o700)


@pytest.mark.parametrize(
    ("step", "code", "words"),
    [
        ("staging", errno.EROFS, "cannot be written"),
        ("staging", errno.EACCES, "cannot be written"),
        ("staging", errno.ENOSPC, "the disk is full"),
        ("staging", errno.EIO, "cannot be used"),
        ("publish", errno.EROFS, "cannot be written"),
        ("publish", errno.ENOSPC, "the disk is full"),
    ],
)
def test_a_cache_that_cannot_be_written_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, code: int, words: str
) -> None:
    """Read-only or full, simulated where the build first writes (the staging folder) and
    where it last writes (the rename into place): the same translation of ``OSError`` that a
    real permission denial goes through (``test_a_read_only_cache_folder``)."""

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    if step == "staging":
        monkeypatch.setattr(tempfile, "mkdtemp", fail)
    else:
        monkeypatch.setattr(os, "rename", fail)
    root = tmp_path / "cache"
    error = refused(root)
    assert error.folder == str(root)
    assert words in error.problem
    assert os.strerror(code) in error.problem
    assert isinstance(error.__cause__, OSError)
    assert [p.name for p in root.iterdir()] == []  # the staging folder was cleaned up


def test_a_concurrent_build_that_lost_the_race_uses_the_winner(cache: Path, entry: Path) -> None:
    with _simcache.staging(cache) as work:
        (work / LIBRARY_NAME).write_bytes(b"another build of the same key")
        assert _simcache.publish(work, entry, LIBRARY_NAME) == entry / LIBRARY_NAME
    assert _simcache.verified_library(entry, LIBRARY_NAME) == entry / LIBRARY_NAME
    assert [p for p in cache.iterdir() if p.name.startswith(".")] == []


# ---- the error ----------------------------------------------------------------------------
def test_the_error_is_in_the_load_error_family(tmp_path: Path) -> None:
    error = SimulatorCacheError(tmp_path, "it is not a folder")
    assert isinstance(error, SDKNotFoundError)
    assert isinstance(error, SDKLoadError)
    assert isinstance(error, OSError)
    assert not isinstance(error, SimulatorBuildError)  # nothing failed to compile
    assert str(tmp_path) in str(error)
    assert CACHE_ENV in str(error)
    assert error.attempts == (("simulator cache", f"{tmp_path}: it is not a folder"),)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.folder, copy.problem) == (
        SimulatorCacheError,
        str(error),
        error.folder,
        error.problem,
    )


def test_the_loader_reports_a_refused_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    root.mkdir(mode=0o777)
    root.chmod(0o777)
    monkeypatch.setenv(CACHE_ENV, str(root))
    with pytest.raises(SimulatorCacheError) as info:
        _loader.load_library("simulator")
    assert str(root) in str(info.value)
    assert list(root.iterdir()) == []  # nothing was built into, or loaded from, that folder
