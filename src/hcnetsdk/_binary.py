"""What a binary file is, read from its header: ELF (class and machine), PE, Mach-O.

Used by the loader to explain a library this process cannot load (:func:`architecture_error`),
and by ``doctor`` to describe each file of an SDK folder. Reads at most a few KiB of a file;
opens nothing with the dynamic loader.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import stat
import struct
import sys
from typing import Any

from .errors import SDKArchitectureError

__all__ = [
    "INSTALL_GUIDE",
    "architecture_error",
    "describe_binary",
    "elf_mismatch",
    "expected_architecture",
    "file_problem",
    "is_architecture_error",
    "loaded_path",
    "not_a_library",
]

INSTALL_GUIDE = "`hcnetsdk doctor --guide`"
"""Where messages send the reader for the install guide: a command every install has (the guide
ships inside the package; a file path would name a file an installed user does not have)."""

_BITS = 64 if sys.maxsize > 2**32 else 32
"""Pointer width of this Python process."""


def expected_architecture() -> str:
    """What this Python process can load, e.g. ``"x86_64 64-bit"``."""
    return f"{platform.machine() or 'unknown CPU'} {_BITS}-bit"


_ELF_MACHINES = {
    2: "SPARC",
    3: "x86 (i386)",
    8: "MIPS",
    20: "PowerPC",
    21: "PowerPC64",
    22: "S390",
    40: "ARM",
    43: "SPARC V9",
    62: "x86-64",
    183: "AArch64 (ARM64)",
    243: "RISC-V",
}
_PE_MACHINES = {0x14C: "x86 (i386)", 0x8664: "x86-64", 0xAA64: "ARM64", 0x1C0: "ARM", 0x1C4: "ARM"}
_HOST_ELF_MACHINE = {
    "x86_64": 62,
    "amd64": 62,
    "i386": 3,
    "i486": 3,
    "i586": 3,
    "i686": 3,
    "x86": 3,
    "aarch64": 183,
    "arm64": 183,
    "armv7l": 40,
    "armv6l": 40,
    "riscv64": 243,
    "ppc64le": 21,
    "ppc64": 21,
    "s390x": 22,
}


def _read_head(path: str | os.PathLike[str], size: int = 4096) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read(size)
    except OSError:
        return None


def _elf_identity(head: bytes) -> tuple[int, int] | None:
    """(class bits, e_machine) of an ELF header, or None if ``head`` is not ELF."""
    if len(head) < 20 or head[:4] != b"\x7fELF":
        return None
    bits = {1: 32, 2: 64}.get(head[4], 0)
    order = ">" if head[5] == 2 else "<"
    (machine,) = struct.unpack_from(order + "H", head, 18)
    return bits, machine


def describe_binary(path: str | os.PathLike[str]) -> str:
    """What a file was built for, read from its header: ELF (class + machine), PE, Mach-O."""
    head = _read_head(path)
    if head is None:
        return "a file that cannot be read"
    elf = _elf_identity(head)
    if elf is not None:
        bits, machine = elf
        name = _ELF_MACHINES.get(machine, f"e_machine {machine}")
        return f"an ELF {bits or 'unknown-class'}{'-bit' if bits else ''} {name} file"
    if head[:2] == b"MZ":
        if len(head) >= 0x40:
            (offset,) = struct.unpack_from("<I", head, 0x3C)
            if len(head) >= offset + 6 and head[offset : offset + 4] == b"PE\0\0":
                (machine,) = struct.unpack_from("<H", head, offset + 4)
                name = _PE_MACHINES.get(machine, f"machine 0x{machine:04x}")
                return f"a Windows PE (DLL) file for {name}"
        return "a Windows PE (DLL) file"
    if head[:4] in (
        b"\xfe\xed\xfa\xce",
        b"\xce\xfa\xed\xfe",
        b"\xfe\xed\xfa\xcf",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ):
        return "a macOS Mach-O file"
    if head.startswith(b"version https://git-lfs"):
        return "a Git LFS pointer, not the library itself (run `git lfs pull`)"
    if not head:
        return "an empty file"
    return f"not a shared library (it starts with {head[:16]!r})"


def elf_mismatch(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` is an ELF file this process cannot load (other class or machine)."""
    head = _read_head(path, 64)
    elf = _elf_identity(head or b"")
    if elf is None:
        return False
    bits, machine = elf
    if bits != _BITS:
        return True
    host = _HOST_ELF_MACHINE.get(platform.machine().lower())
    return host is not None and machine != host


_ARCH_MESSAGES = (
    "wrong ELF class",
    "invalid ELF header",
    "ELF file's machine",
    "ELF file machine",
    "not a valid Win32 application",
    "incompatible architecture",
    "wrong architecture",
)


def is_architecture_error(exc: OSError) -> bool:
    if getattr(exc, "winerror", None) == 193:  # ERROR_BAD_EXE_FORMAT
        return True
    text = str(exc)
    return any(marker in text for marker in _ARCH_MESSAGES)


def _culprit(exc: OSError, path: str) -> str:
    """The file the loader complains about: ours, or a dependency named at the message's start."""
    head = str(exc).split(": ", 1)[0].strip()
    if head != path and os.sep in head and os.path.isfile(head):
        return head
    return path


_LIBRARY_MAGIC = {
    "win32": (b"MZ",),
    "darwin": (
        b"\xfe\xed\xfa\xce",
        b"\xce\xfa\xed\xfe",
        b"\xfe\xed\xfa\xcf",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ),
}
_ELF_MAGIC = (b"\x7fELF",)


_FILE_KINDS = (
    (stat.S_ISDIR, "is a folder, not the library file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a library file"),
    (stat.S_ISSOCK, "is a socket, not a library file"),
    (stat.S_ISCHR, "is a character device, not a library file"),
    (stat.S_ISBLK, "is a block device, not a library file"),
)


def file_problem(path: str) -> str | None:
    """Why ``path`` cannot even be a library file (no such file, a link loop, a folder, a FIFO,
    a NUL in the path, ...), from ``stat`` alone: nothing is opened. None for a regular file."""
    if "\0" in path:
        return "the path contains a NUL character"
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if exc.errno == errno.ENOENT:
            return "a broken symbolic link" if os.path.islink(path) else "no such file"
        return f"cannot be read: {exc.strerror}"
    for test, reason in _FILE_KINDS:
        if test(info.st_mode):
            return reason
    return None if stat.S_ISREG(info.st_mode) else "is not a regular file"


def not_a_library(path: str | os.PathLike[str]) -> str | None:
    """What ``path`` is when it is no shared library of this platform (ELF; PE on Windows;
    Mach-O on macOS), read from its first bytes; None when it starts like one."""
    head = _read_head(path, 64)
    if head is None:
        return "a file that cannot be read"
    if head.startswith(_LIBRARY_MAGIC.get(sys.platform, _ELF_MAGIC)):
        return None
    described = describe_binary(path)
    if described.startswith("not a shared library"):
        return described
    kind = {"win32": "Windows DLL", "darwin": "macOS library"}.get(sys.platform, "ELF library")
    return f"{described}, not an {kind}" if kind[0] in "AEIOU" else f"{described}, not a {kind}"


def architecture_error(
    path: str, exc: OSError | None, problem: str | None = None
) -> SDKArchitectureError:
    """The error for a library (or one of its dependencies) this process cannot load;
    ``problem`` (from :func:`not_a_library`) for a file that is no library at all."""
    if problem is not None:
        return SDKArchitectureError(
            f"cannot load the HCNetSDK library {path!r}: it is {problem}. "
            "Copy the library itself from the vendor's package (the lib/ folder of the "
            f'"Device Network SDK" for this platform); the install guide: {INSTALL_GUIDE}.',
            path,
        )
    culprit = _culprit(exc, path) if exc is not None else path
    which = "" if culprit == path else f" (its dependency {culprit!r})"
    reason = f"\nThe loader said: {exc}" if exc is not None else ""
    built = describe_binary(culprit) if os.path.isfile(culprit) else "built for another platform"
    return SDKArchitectureError(
        f"cannot load the HCNetSDK library {path!r}{which}: it is {built}, "
        f"but this Python is {expected_architecture()} ({sys.executable}). Use the SDK package "
        "built for this platform (Linux64, Linux ARM64, Win64 or Win32 of the vendor's "
        f'"Device Network SDK"), or a Python of the SDK\'s architecture; the install guide: '
        f"{INSTALL_GUIDE}.{reason}",
        culprit,
    )


class _DlInfo(ctypes.Structure):
    _fields_ = (
        ("dli_fname", ctypes.c_char_p),
        ("dli_fbase", ctypes.c_void_p),
        ("dli_sname", ctypes.c_char_p),
        ("dli_saddr", ctypes.c_void_p),
    )


def loaded_path(lib: Any) -> str | None:
    """Best effort: the absolute path of a library opened by name (``dladdr`` on POSIX)."""
    name = getattr(lib, "_name", None)
    if isinstance(name, str) and os.path.isabs(name) and os.path.isfile(name):
        return name
    if sys.platform == "win32":
        return None
    try:
        dladdr = ctypes.CDLL(None)["dladdr"]
        symbol = lib["NET_DVR_Init"]
    except (AttributeError, OSError, TypeError):
        return None
    dladdr.argtypes = (ctypes.c_void_p, ctypes.POINTER(_DlInfo))
    dladdr.restype = ctypes.c_int
    info = _DlInfo()
    address = ctypes.cast(symbol, ctypes.c_void_p).value
    if not address or not dladdr(address, ctypes.byref(info)) or not info.dli_fname:
        return None
    path = os.fsdecode(info.dli_fname)
    return os.path.abspath(path) if os.path.isfile(path) else None
