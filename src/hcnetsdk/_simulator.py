"""The simulated HCNetSDK: build the fake library from C source, and script it.

The project ships a fake HCNetSDK written in C, one file per SDK area (``stubs/`` in the
repository, the package ``hcnetsdk._stubs`` once installed). :func:`build_fake_sdk` compiles
every ``.c`` file of it with the system's C compiler into one library in a cache, and returns
the path of a ``libhcnetsdk.so`` that the normal loader opens exactly as it opens the vendor's
library. :class:`FakeSDKControl` wraps the fake's control API (functions prefixed ``fake_``)
to add devices, script failures and read back recorded state.

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

import ctypes
import hashlib
import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Union

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
    "FakeSDKControl",
    "SimulatorBuildError",
    "build_fake_sdk",
    "default_cache_dir",
    "source_dir",
]

#: Environment variable naming the directory where built simulators are cached.
CACHE_ENV = "HCNETSDK_SIMULATOR_CACHE"

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
_BUILD_FORMAT = "2"


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
    The build writes a temporary file and renames it into place, so processes building at the
    same time are safe.

    Raises :class:`~hcnetsdk.SDKNotFoundError` naming the compiler when there is none, and
    :class:`SimulatorBuildError` (a subclass) with the compiler's output when compiling fails.
    """
    command = _compiler_command(compiler)
    directory = source if source is not None else source_dir()
    sources = _sources(directory)
    identity = _compiler_identity(command)
    target_dir = (Path(cache_dir) if cache_dir is not None else default_cache_dir()) / _cache_key(
        sources, command, identity
    )
    target = target_dir / LIBRARY_NAME
    if target.is_file():
        return target

    target_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="build-", dir=target_dir) as work:
        work_dir = Path(work)
        for name, data in sources.items():
            (work_dir / name).write_bytes(data)
        output = work_dir / LIBRARY_NAME
        compiled = [str(work_dir / name) for name in _compiled_names(sources)]
        argv = [*command, *CFLAGS, "-o", str(output), *compiled]
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
        # Atomic on one file system: a concurrent build's rename simply wins or loses.
        os.replace(output, target)
    return target


# ---- control API ----------------------------------------------------------------------------

_NO_SUCH_KEY = -(2**63)
_DEVICE_ERRORS = {
    -1: "no device with handle {dev}",
    -2: "unknown field {field!r}",
    -3: "value out of range, too long, or of the wrong kind for {field!r}",
    -4: "{field!r} is derived from the lock policy: use set_lock_policy()",
}

_Value = Union[str, bytes]


def _encode(value: _Value) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


class FakeSDKControl:
    """Typed access to the fake SDK's control API (the ``fake_*`` C functions).

    ``library`` is the built library's path or an already opened :class:`ctypes.CDLL`. Opening
    the same path as the loader shares one copy of the library, hence one simulated site.
    State is per process: call :meth:`reset` to start from the default site.
    """

    def __init__(self, library: str | os.PathLike[str] | ctypes.CDLL) -> None:
        lib = library if isinstance(library, ctypes.CDLL) else ctypes.CDLL(os.fspath(library))
        self.lib = lib
        c_char_p, c_int = ctypes.c_char_p, ctypes.c_int

        def declare(name: str, restype: object, *argtypes: object) -> None:
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = list(argtypes)

        declare("fake_reset", None)
        declare("fake_clear_devices", None)
        declare("fake_add_device", c_int, c_char_p, c_int, c_char_p, c_char_p)
        declare("fake_find_device", c_int, c_char_p, c_int)
        declare("fake_device_set", c_int, c_int, c_char_p, ctypes.c_longlong)
        declare("fake_device_set_bytes", c_int, c_int, c_char_p, ctypes.c_void_p, c_int)
        declare("fake_device_set_lock_policy", c_int, c_int, c_int, c_int)
        declare("fake_device_fail_login", c_int, c_int, c_int)
        declare("fake_device_set_latency_ms", c_int, c_int, c_int)
        declare("fake_fail_next", c_int, c_char_p, c_int)
        declare("fake_set_latency_ms", None, c_int)
        declare("fake_set_logout_block_ms", None, c_int)
        declare("fake_set_build_version", None, ctypes.c_uint32)
        declare("fake_set_sdk_version", None, ctypes.c_uint32)
        declare("fake_get_int", ctypes.c_longlong, c_char_p)
        declare("fake_get_str", c_char_p, c_char_p)
        declare("fake_sizeof", c_int, c_char_p)
        declare("fake_offsetof", c_int, c_char_p, c_char_p)

    @classmethod
    def open(cls, cache_dir: Path | None = None) -> FakeSDKControl:
        """Build (or reuse) the fake SDK with :func:`build_fake_sdk` and load it."""
        return cls(build_fake_sdk(cache_dir))

    # -- site ------------------------------------------------------------------------------
    def reset(self) -> None:
        """Back to the state after loading: not initialised, counters at 0, default site."""
        self.lib.fake_reset()

    def clear_devices(self) -> None:
        """Remove every device (an empty site: every login fails with 7)."""
        self.lib.fake_clear_devices()

    def add_device(
        self,
        ip: str,
        port: int,
        user: _Value = DEFAULT_USER,
        password: _Value = DEFAULT_PASSWORD,
    ) -> int:
        """Add a camera-like device (or redefine the one at that address); return its handle.

        ``ip`` must be an IPv4 or IPv6 literal; user and password are at most 64 bytes.
        """
        handle: int = self.lib.fake_add_device(_encode(ip), port, _encode(user), _encode(password))
        if handle < 0:
            raise ValueError(
                f"cannot add device {ip!r}:{port}: the address must be an IP literal, the port "
                "0..65535, user and password at most 64 bytes each, and at most 1024 devices"
            )
        return handle

    def find_device(self, ip: str, port: int) -> int | None:
        """The handle of the device at ``ip:port``, or None."""
        handle: int = self.lib.fake_find_device(_encode(ip), port)
        return None if handle < 0 else handle

    def _check(self, rc: int, dev: int, field: str = "") -> None:
        if rc == 0:
            return
        message = _DEVICE_ERRORS.get(rc, "error {rc}").format(dev=dev, field=field, rc=rc)
        if rc == -2:
            raise KeyError(message)
        raise ValueError(message)

    def set_field(self, dev: int, field: str, value: int | bytes) -> None:
        """Set a NET_DVR_DEVICEINFO_V40/V30 field of what a login returns, by its C name.

        An int sets an integer field (range-checked); bytes set an array field (e.g.
        ``sSerialNumber``), zero-padded. V30 fields may be named bare or as
        ``struDeviceV30.<name>``. Unknown names raise KeyError; bad values ValueError.
        """
        name = field.encode("ascii")
        if isinstance(value, int):
            rc: int = self.lib.fake_device_set(dev, name, value)
        else:
            data = bytes(value)
            rc = self.lib.fake_device_set_bytes(dev, name, data, len(data))
        self._check(rc, dev, field)

    def set_lock_policy(self, dev: int, max_attempts: int, lock_seconds: int) -> None:
        """Lock the account after ``max_attempts`` wrong passwords (0: never) for a while."""
        self._check(self.lib.fake_device_set_lock_policy(dev, max_attempts, lock_seconds), dev)

    def fail_login(self, dev: int, code: int) -> None:
        """Make every login to the device fail with ``code`` (any value; 0 stops it)."""
        self._check(self.lib.fake_device_fail_login(dev, code), dev)

    def set_device_latency_ms(self, dev: int, ms: int | None) -> None:
        """Login latency of one device; None: the global :meth:`set_latency_ms` value."""
        self._check(self.lib.fake_device_set_latency_ms(dev, -1 if ms is None else ms), dev)

    # -- SDK behaviour -----------------------------------------------------------------------
    def fail_next(self, function: str, code: int) -> None:
        """Make the next call of ``function`` (e.g. ``"NET_DVR_Init"``), on any thread, fail
        with ``code``; 0 cancels. Only functions returning BOOL or LONG can be targeted."""
        if self.lib.fake_fail_next(function.encode("ascii"), code) != 0:
            raise ValueError(f"{function!r} is not a fallible NET_DVR_ function of the fake")

    def set_latency_ms(self, ms: int) -> None:
        """Time every login to an existing device takes (slept outside the fake's lock)."""
        self.lib.fake_set_latency_ms(ms)

    def set_logout_block_ms(self, ms: int) -> None:
        """How long Logout of a never-used id blocks (real SDK: about 5000 ms, the default)."""
        self.lib.fake_set_logout_block_ms(ms)

    def set_build_version(self, version: int) -> None:
        """What NET_DVR_GetSDKBuildVersion returns once initialised (default 0x06010930)."""
        self.lib.fake_set_build_version(version)

    def set_sdk_version(self, version: int) -> None:
        """What NET_DVR_GetSDKVersion returns once initialised (default 0x00060001)."""
        self.lib.fake_set_sdk_version(version)

    # -- recorded state ----------------------------------------------------------------------
    def get_int(self, key: str) -> int:
        """A recorded integer (see stubs/README.md for keys); KeyError for an unknown key."""
        value: int = self.lib.fake_get_int(key.encode("ascii"))
        if value == _NO_SUCH_KEY:
            raise KeyError(key)
        return value

    def get_str(self, key: str) -> str:
        """A recorded string (see stubs/README.md for keys); KeyError for an unknown key."""
        value: bytes | None = self.lib.fake_get_str(key.encode("ascii"))
        if value is None:
            raise KeyError(key)
        return value.decode("utf-8", "replace")

    def sizeof(self, struct_name: str) -> int:
        """``sizeof`` of a struct as the fake was compiled; KeyError if unknown."""
        size: int = self.lib.fake_sizeof(struct_name.encode("ascii"))
        if size < 0:
            raise KeyError(struct_name)
        return size

    def offsetof(self, struct_name: str, field: str) -> int:
        """``offsetof`` of a field as the fake was compiled; KeyError if unknown."""
        offset: int = self.lib.fake_offsetof(struct_name.encode("ascii"), field.encode("ascii"))
        if offset < 0:
            raise KeyError(f"{struct_name}.{field}")
        return offset
