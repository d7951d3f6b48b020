"""Loader decisions: search order, HCNETSDK_LIB, the Windows branch, and every failure message.

The platform loader is mocked (``ctypes.CDLL``, ``ctypes.WinDLL``, ``os.add_dll_directory``);
the architecture tests also dlopen crafted files for real, to see the loader's own messages.
"""

from __future__ import annotations

import ctypes
import logging
import os
import platform
import struct
import sys
import threading
from pathlib import Path
from typing import Any
from unittest.mock import MagicMock

import pytest
from pytest_mock import MockerFixture

from hcnetsdk import _loader
from hcnetsdk.errors import SDKArchitectureError, SDKLoadError, SDKNotFoundError

# The dynamic loader's own messages are glibc's; the same on every 64-bit machine the suite runs
# on (x86_64 natively, aarch64 under tools/arm64-suite.sh).
GLIBC_64 = (
    sys.platform.startswith("linux")
    and platform.libc_ver()[0] == "glibc"
    and platform.machine() in ("x86_64", "aarch64")
)
GLIBC_REASON = "real dlopen messages of glibc on 64-bit Linux (x86_64, aarch64)"
# 64-bit ELF machines other than this one's, as describe_binary names them.
OTHER_64_BIT_MACHINES = [
    (e_machine, name)
    for e_machine, name, machine in ((62, "x86-64", "x86_64"), (183, "AArch64 (ARM64)", "aarch64"))
    if machine != platform.machine()
] + [(243, "RISC-V")]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(_loader.ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def cdll(mocker: MockerFixture) -> MagicMock:
    """``ctypes.CDLL`` mocked: returns a fresh mock library per call."""
    return mocker.patch("ctypes.CDLL", side_effect=lambda name, *a, **k: MagicMock(_name=name))


def _sdk_folder(base: Path, name: str = "libhcnetsdk.so") -> Path:
    folder = base / "sdk"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(b"MZ" if name.endswith(".dll") else b"\x7fELF")  # the magic
    return folder


def _message(exc: pytest.ExceptionInfo[BaseException]) -> str:
    return str(exc.value)


# --- explicit library argument ------------------------------------------------------------
def test_explicit_file_path_is_opened_by_absolute_path(tmp_path: Path, cdll: MagicMock) -> None:
    _sdk_folder(tmp_path)
    loaded = _loader.load_library("sdk/libhcnetsdk.so")  # relative to the current directory
    file = tmp_path / "sdk" / "libhcnetsdk.so"
    cdll.assert_called_once_with(str(file))
    assert loaded.path == str(file)
    assert loaded.folder == str(tmp_path / "sdk")
    assert loaded.source == "argument"


def test_explicit_folder_opens_the_standard_name_inside(tmp_path: Path, cdll: MagicMock) -> None:
    folder = _sdk_folder(tmp_path)
    loaded = _loader.load_library(folder)  # PathLike
    cdll.assert_called_once_with(str(folder / "libhcnetsdk.so"))
    assert loaded.folder == str(folder)


def test_explicit_path_that_does_not_exist_is_not_found_without_searching(
    tmp_path: Path, cdll: MagicMock
) -> None:
    with pytest.raises(SDKNotFoundError) as exc:
        _loader.load_library(tmp_path / "nowhere")
    cdll.assert_not_called()
    assert exc.value.attempts == (
        (str(tmp_path / "nowhere"), f"{tmp_path / 'nowhere'}: no such file"),
    )
    text = _message(exc)
    assert str(tmp_path / "nowhere") in text
    assert "HCNETSDK_LIB" in text
    assert "hcnetsdk doctor --guide" in text
    assert "library argument" in text


def test_explicit_folder_without_the_library(tmp_path: Path, cdll: MagicMock) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(SDKNotFoundError) as exc:
        _loader.load_library(tmp_path / "empty")
    assert str(tmp_path / "empty" / "libhcnetsdk.so") in _message(exc)
    assert "no such file" in _message(exc)


def test_loader_failure_of_an_existing_file_reports_the_loader_reason(
    tmp_path: Path, mocker: MockerFixture
) -> None:
    folder = _sdk_folder(tmp_path)
    error = OSError("libHCCore.so: cannot open shared object file: No such file or directory")
    mocker.patch("ctypes.CDLL", side_effect=error)
    mocker.patch.object(_loader, "elf_mismatch", return_value=False)
    with pytest.raises(SDKNotFoundError) as exc:
        _loader.load_library(folder)
    text = _message(exc)
    assert "libHCCore.so: cannot open shared object file" in text
    assert "the file exists but the loader failed" in text
    assert "companion libraries" in text


def test_an_opened_cdll_is_used_as_is() -> None:
    lib = ctypes.CDLL(None)
    loaded = _loader.load_library(lib)
    assert loaded.lib is lib
    assert loaded.source == "argument"
    assert loaded.path is None  # no NET_DVR_Init symbol to locate
    assert loaded.folder is None


def test_an_opened_cdll_with_an_absolute_name_gives_its_folder(
    tmp_path: Path, mocker: MockerFixture
) -> None:
    folder = _sdk_folder(tmp_path)
    lib = ctypes.CDLL(None)
    mocker.patch.object(lib, "_name", str(folder / "libhcnetsdk.so"))
    loaded = _loader.load_library(lib)
    assert loaded.path == str(folder / "libhcnetsdk.so")
    assert loaded.folder == str(folder)


@pytest.mark.parametrize("bad", [42, b"/opt/sdk", 3.5, ["x"]])
def test_wrong_library_type_is_a_type_error(bad: Any) -> None:
    with pytest.raises(TypeError, match="library must be a path"):
        _loader.load_library(bad)


def test_empty_library_string_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        _loader.load_library("  ")


# --- environment variable -----------------------------------------------------------------
def test_env_var_is_used_when_no_argument(
    tmp_path: Path, cdll: MagicMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _sdk_folder(tmp_path)
    monkeypatch.setenv("HCNETSDK_LIB", str(folder))
    loaded = _loader.load_library()
    cdll.assert_called_once_with(str(folder / "libhcnetsdk.so"))
    assert loaded.source == "HCNETSDK_LIB"


def test_argument_wins_over_env_var(
    tmp_path: Path, cdll: MagicMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _sdk_folder(tmp_path)
    monkeypatch.setenv("HCNETSDK_LIB", str(tmp_path / "elsewhere"))
    loaded = _loader.load_library(str(folder / "libhcnetsdk.so"))
    assert loaded.source == "argument"


def test_env_var_pointing_nowhere_is_not_found_without_searching(
    tmp_path: Path, cdll: MagicMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HCNETSDK_LIB", str(tmp_path / "missing.so"))
    with pytest.raises(SDKNotFoundError) as exc:
        _loader.load_library()
    cdll.assert_not_called()
    assert "from HCNETSDK_LIB" in _message(exc)
    assert len(exc.value.attempts) == 1


@pytest.mark.parametrize("how", ["argument", "env"])
def test_simulator_builds_and_loads_the_fake(
    how: str,
    tmp_path: Path,
    cdll: MagicMock,
    mocker: MockerFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = _sdk_folder(tmp_path) / "libhcnetsdk.so"
    simulator = MagicMock()
    simulator.build_fake_sdk.return_value = built
    import_module = mocker.patch.object(_loader, "import_module", return_value=simulator)
    if how == "env":
        monkeypatch.setenv("HCNETSDK_LIB", "simulator")
        loaded = _loader.load_library()
    else:
        loaded = _loader.load_library("simulator")
    import_module.assert_called_once_with("hcnetsdk._simulator")
    cdll.assert_called_once_with(str(built))
    assert loaded.source == "simulator"
    assert loaded.folder == str(built.parent)


def test_simulator_without_compiler_propagates_not_found(mocker: MockerFixture) -> None:
    simulator = MagicMock()
    simulator.build_fake_sdk.side_effect = SDKNotFoundError("no C compiler (cc) found", [])
    mocker.patch.object(_loader, "import_module", return_value=simulator)
    with pytest.raises(SDKNotFoundError, match="no C compiler"):
        _loader.load_library("simulator")


# --- search -------------------------------------------------------------------------------
def test_search_order_and_every_failure_listed(tmp_path: Path, mocker: MockerFixture) -> None:
    cdll = mocker.patch(
        "ctypes.CDLL",
        side_effect=OSError("libhcnetsdk.so: cannot open shared object file: No such file"),
    )
    with pytest.raises(SDKNotFoundError) as exc:
        _loader.load_library()
    cdll.assert_called_once_with("libhcnetsdk.so")  # ./lib has no file: not dlopened
    labels = [candidate for candidate, _ in exc.value.attempts]
    assert labels[0].startswith("libhcnetsdk.so (the dynamic loader: LD_LIBRARY_PATH")
    assert labels[1] == f"{tmp_path / 'lib' / 'libhcnetsdk.so'} (./lib of the current directory)"
    assert len(labels) == 2
    reasons = [reason for _, reason in exc.value.attempts]
    assert "cannot open shared object file" in reasons[0]
    assert reasons[1] == "no such file"
    text = _message(exc)
    assert "HCNETSDK_LIB is not set" in text
    for candidate, reason in exc.value.attempts:
        assert f"  - {candidate}: {reason}" in text
    assert "HCNetSDK(library=...)" in text
    assert "hcnetsdk doctor --guide" in text


def test_search_finds_dot_lib_when_the_loader_does_not(
    tmp_path: Path, mocker: MockerFixture
) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "libhcnetsdk.so").write_bytes(b"\x7fELF")
    sentinel = MagicMock()

    def fake_cdll(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "libhcnetsdk.so":
            raise OSError("libhcnetsdk.so: cannot open shared object file")
        return sentinel

    cdll = mocker.patch("ctypes.CDLL", side_effect=fake_cdll)
    loaded = _loader.load_library()
    assert [c.args[0] for c in cdll.call_args_list] == [
        "libhcnetsdk.so",
        str(tmp_path / "lib" / "libhcnetsdk.so"),
    ]
    assert loaded.lib is sentinel
    assert loaded.folder == str(tmp_path / "lib")
    assert loaded.source == "search"


def test_search_by_name_success_reads_back_the_path(mocker: MockerFixture) -> None:
    sentinel = MagicMock()
    mocker.patch("ctypes.CDLL", return_value=sentinel)
    mocker.patch.object(_loader, "loaded_path", return_value="/opt/hik/lib/libhcnetsdk.so")
    loaded = _loader.load_library()
    assert loaded.lib is sentinel
    assert loaded.path == "/opt/hik/lib/libhcnetsdk.so"
    assert loaded.folder == "/opt/hik/lib"


def test_search_by_name_with_unknown_path_has_no_folder(mocker: MockerFixture) -> None:
    mocker.patch("ctypes.CDLL", return_value=MagicMock())
    mocker.patch.object(_loader, "loaded_path", return_value=None)
    loaded = _loader.load_library()
    assert (loaded.path, loaded.folder) == (None, None)


def test_search_reports_a_wrong_architecture_when_nothing_loads(mocker: MockerFixture) -> None:
    mocker.patch(
        "ctypes.CDLL",
        side_effect=OSError("/usr/lib/libhcnetsdk.so: wrong ELF class: ELFCLASS32"),
    )
    with pytest.raises(SDKArchitectureError) as exc:
        _loader.load_library()
    assert "wrong ELF class" in str(exc.value)
    assert _loader.expected_architecture() in str(exc.value)


# --- Windows ------------------------------------------------------------------------------
@pytest.fixture
def windows(mocker: MockerFixture, monkeypatch: pytest.MonkeyPatch) -> dict[str, MagicMock]:
    monkeypatch.setattr(sys, "platform", "win32")
    handle = MagicMock(name="dll_directory_handle")
    return {
        "WinDLL": mocker.patch("ctypes.WinDLL", create=True, return_value=MagicMock()),
        "add_dll_directory": mocker.patch("os.add_dll_directory", create=True, return_value=handle),
        "CDLL": mocker.patch("ctypes.CDLL"),
        "handle": handle,
    }


def test_windows_folder_adds_dll_directory_then_windll(
    tmp_path: Path, windows: dict[str, MagicMock]
) -> None:
    folder = _sdk_folder(tmp_path, "HCNetSDK.dll")
    order: list[str] = []

    def add(path: str) -> MagicMock:
        order.append("add")
        return windows["handle"]

    def load(path: str) -> MagicMock:
        order.append("load")
        return MagicMock()

    windows["add_dll_directory"].side_effect = add
    windows["WinDLL"].side_effect = load
    loaded = _loader.load_library(folder)
    windows["add_dll_directory"].assert_called_once_with(str(folder))
    windows["WinDLL"].assert_called_once_with(str(folder / "HCNetSDK.dll"))
    windows["CDLL"].assert_not_called()
    assert order == ["add", "load"]
    assert loaded.dll_directory is windows["handle"]  # kept alive with the library
    windows["handle"].close.assert_not_called()


def test_windows_names_and_openssl_files(tmp_path: Path, windows: dict[str, MagicMock]) -> None:
    assert _loader.standard_name() == "HCNetSDK.dll"
    (tmp_path / "libcrypto-1_1-x64.dll").write_bytes(b"")
    (tmp_path / "libssl-1_1-x64.dll").write_bytes(b"")
    assert _loader.openssl_files(tmp_path) == (
        tmp_path / "libcrypto-1_1-x64.dll",
        tmp_path / "libssl-1_1-x64.dll",
    )


def test_windows_bad_exe_format_is_an_architecture_error(
    tmp_path: Path, windows: dict[str, MagicMock], mocker: MockerFixture
) -> None:
    folder = _sdk_folder(tmp_path, "HCNetSDK.dll")
    error = OSError(8, "%1 is not a valid Win32 application")
    error.winerror = 193  # type: ignore[attr-defined]
    windows["WinDLL"].side_effect = error
    with pytest.raises(SDKArchitectureError) as exc:
        _loader.load_library(folder)
    assert exc.value.path == str(folder / "HCNetSDK.dll")
    assert _loader.expected_architecture() in str(exc.value)
    windows["handle"].close.assert_called_once_with()  # the directory is not left added


def test_windows_search_by_name_then_path_folders_then_dot_lib(
    tmp_path: Path, windows: dict[str, MagicMock], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_path = tmp_path / "on_path"
    on_path.mkdir()
    (on_path / "HCNetSDK.dll").write_bytes(b"MZ")
    empty = tmp_path / "empty_path_dir"
    empty.mkdir()
    monkeypatch.setenv("PATH", os.pathsep.join([str(empty), str(on_path), str(on_path)]))
    windows["WinDLL"].side_effect = OSError(
        "[WinError 126] The specified module could not be found"
    )
    with pytest.raises(SDKNotFoundError) as exc:
        _loader.load_library()
    assert [c.args[0] for c in windows["WinDLL"].call_args_list] == [
        "HCNetSDK.dll",
        str(on_path / "HCNetSDK.dll"),  # listed once though PATH repeats it
    ]
    labels = [candidate for candidate, _ in exc.value.attempts]
    assert labels[0].startswith("HCNetSDK.dll (Python's DLL search")
    assert labels[1] == f"{on_path / 'HCNetSDK.dll'} (on PATH)"
    assert labels[2].endswith("(./lib of the current directory)")
    windows["add_dll_directory"].assert_called_once_with(str(on_path))
    windows["CDLL"].assert_not_called()


def test_windows_search_success_on_path_keeps_the_directory_handle(
    tmp_path: Path, windows: dict[str, MagicMock], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_path = tmp_path / "sdk"
    on_path.mkdir()
    (on_path / "HCNetSDK.dll").write_bytes(b"MZ")
    monkeypatch.setenv("PATH", str(on_path))
    library = MagicMock()

    def fake_windll(name: str) -> Any:
        if name == "HCNetSDK.dll":
            raise OSError("[WinError 126] The specified module could not be found")
        return library

    windows["WinDLL"].side_effect = fake_windll
    loaded = _loader.load_library()
    assert loaded.lib is library
    assert loaded.folder == str(on_path)
    assert loaded.dll_directory is windows["handle"]


# --- architecture, through the real loader ------------------------------------------------
def _elf(path: Path, bits: int, machine: int) -> Path:
    header = bytearray(64)
    header[:4] = b"\x7fELF"
    header[4] = 1 if bits == 32 else 2
    header[5] = 1
    header[6] = 1
    struct.pack_into("<HHI", header, 16, 3, machine, 1)
    path.write_bytes(bytes(header) + bytes(512))
    return path


def _pe(path: Path, machine: int) -> Path:
    data = bytearray(512)
    data[:2] = b"MZ"
    struct.pack_into("<I", data, 0x3C, 0x80)
    data[0x80:0x84] = b"PE\0\0"
    struct.pack_into("<H", data, 0x84, machine)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.skipif(not GLIBC_64, reason=GLIBC_REASON)
def test_32_bit_library_is_an_architecture_error(tmp_path: Path) -> None:
    lib = _elf(tmp_path / "libhcnetsdk.so", 32, 3)
    with pytest.raises(SDKArchitectureError) as exc:
        _loader.load_library(lib)
    text = str(exc.value)
    assert exc.value.path == str(lib)
    assert str(lib) in text
    assert "ELF 32-bit x86 (i386)" in text
    assert f"this Python is {platform.machine()} 64-bit" in text
    assert "wrong ELF class: ELFCLASS32" in text
    assert isinstance(exc.value, SDKLoadError)


@pytest.mark.skipif(not GLIBC_64, reason=GLIBC_REASON)
@pytest.mark.parametrize(("e_machine", "name"), OTHER_64_BIT_MACHINES)
def test_other_machine_is_an_architecture_error_despite_the_vague_message(
    tmp_path: Path, e_machine: int, name: str
) -> None:
    # glibc says "cannot open shared object file: No such file or directory" for this one;
    # the ELF header tells the truth. (tests/test_architecture.py loads a real library.)
    _elf(tmp_path / "libhcnetsdk.so", 64, e_machine)
    with pytest.raises(SDKArchitectureError) as exc:
        _loader.load_library(tmp_path)
    assert f"ELF 64-bit {name}" in str(exc.value)
    assert f"this Python is {platform.machine()} 64-bit" in str(exc.value)


@pytest.mark.skipif(not GLIBC_64, reason=GLIBC_REASON)
@pytest.mark.parametrize(
    ("content", "described"),
    [
        (b"version https://git-lfs.github.com/spec/v1\noid sha256:0\n" + b" " * 64, "Git LFS"),
        (b"#!/bin/sh\necho this is not a library\n" + b"#" * 64, "not a shared library"),
    ],
)
def test_non_library_is_reported_as_such(tmp_path: Path, content: bytes, described: str) -> None:
    lib = tmp_path / "libhcnetsdk.so"
    lib.write_bytes(content)
    with pytest.raises(SDKArchitectureError) as exc:
        _loader.load_library(lib)
    assert described in str(exc.value)
    assert "Copy the library itself from the vendor's package" in str(exc.value)
    assert "x86_64 64-bit" not in str(exc.value)  # not an architecture problem: no CPU named


@pytest.mark.skipif(not GLIBC_64, reason=GLIBC_REASON)
def test_windows_dll_on_linux_is_reported_as_such(tmp_path: Path) -> None:
    lib = _pe(tmp_path / "libhcnetsdk.so", 0x8664)
    with pytest.raises(SDKArchitectureError) as exc:
        _loader.load_library(lib)
    assert "Windows PE (DLL) file for x86-64" in str(exc.value)


def test_describe_binary(tmp_path: Path) -> None:
    assert _loader.describe_binary(_elf(tmp_path / "a", 64, 62)) == "an ELF 64-bit x86-64 file"
    assert "ARM64" in _loader.describe_binary(_pe(tmp_path / "b", 0xAA64))
    assert "x86 (i386)" in _loader.describe_binary(_pe(tmp_path / "c", 0x14C))
    (tmp_path / "d").write_bytes(b"\xcf\xfa\xed\xfe" + bytes(60))
    assert _loader.describe_binary(tmp_path / "d") == "a macOS Mach-O file"
    (tmp_path / "e").write_bytes(b"")
    assert _loader.describe_binary(tmp_path / "e") == "an empty file"
    assert _loader.describe_binary(tmp_path / "missing") == "a file that cannot be read"
    assert "e_machine 4242" in _loader.describe_binary(_elf(tmp_path / "f", 64, 4242))


def test_dependency_named_in_the_message_is_the_culprit(
    tmp_path: Path, mocker: MockerFixture
) -> None:
    folder = _sdk_folder(tmp_path)
    dependency = _elf(folder / "libHCCore.so", 32, 3)
    mocker.patch("ctypes.CDLL", side_effect=OSError(f"{dependency}: wrong ELF class: ELFCLASS32"))
    with pytest.raises(SDKArchitectureError) as exc:
        _loader.load_library(folder)
    assert exc.value.path == str(dependency)
    assert "its dependency" in str(exc.value)
    assert "ELF 32-bit x86 (i386)" in str(exc.value)


# --- small helpers ------------------------------------------------------------------------
def test_standard_names_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert _loader.standard_name() == "libhcnetsdk.so"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert _loader.standard_name() == "libhcnetsdk.dylib"


def test_openssl_files_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert _loader.openssl_files(tmp_path) == (None, None)
    (tmp_path / "libssl.so.1.1").write_bytes(b"")
    assert _loader.openssl_files(tmp_path) == (None, tmp_path / "libssl.so.1.1")


def test_encode_path() -> None:
    assert _loader.encode_path("/opt/sdk") == b"/opt/sdk"
    with pytest.raises(ValueError, match="NUL"):
        _loader.encode_path("/opt/\0sdk")


def test_expected_architecture_names_machine_and_bits() -> None:
    text = _loader.expected_architecture()
    assert platform.machine() in text
    assert text.endswith(("64-bit", "32-bit"))


# --- requested_location / resolve_location (shared with the CLI's doctor) --------------------
def test_requested_location_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(_loader.ENV_VAR, f"  {tmp_path}  ")
    assert _loader.requested_location(tmp_path / "x") == (str(tmp_path / "x"), "argument")
    assert _loader.requested_location() == (str(tmp_path), _loader.ENV_VAR)
    monkeypatch.setenv(_loader.ENV_VAR, "   ")
    assert _loader.requested_location() == (None, "search")


def test_resolve_location_folder_and_file(tmp_path: Path) -> None:
    assert _loader.resolve_location(tmp_path) == (tmp_path / _loader.standard_name(), tmp_path)
    file = tmp_path / "libother.so"
    assert _loader.resolve_location(file) == (file, tmp_path)
    assert _loader.resolve_location("~").__getitem__(1) == Path.home()


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("simulator", True), (" SIMULATOR ", True), ("simulator.so", False), (None, False)],
)
def test_is_simulator(spec: object, expected: bool) -> None:
    assert _loader.is_simulator(spec) is expected


# --- files that are no library: one clear reason each, nothing hangs ------------------------
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks: POSIX")


def _not_found_reason(spec: Any) -> str:
    with pytest.raises(SDKNotFoundError) as exc:
        _loader.load_library(spec)
    (_, reason), *_ = exc.value.attempts
    return reason


@posix_only
def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "libhcnetsdk.so"
    os.mkfifo(fifo)
    outcome: list[str] = []
    worker = threading.Thread(target=lambda: outcome.append(_not_found_reason(fifo)), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "HCNetSDK() hung on a FIFO"
    assert outcome == [f"{fifo}: is a named pipe (FIFO), not a library file"]


@posix_only
def test_a_symlink_loop_and_a_broken_link_say_so(tmp_path: Path) -> None:
    loop = tmp_path / "libhcnetsdk.so"
    loop.symlink_to(tmp_path / "other.so")
    (tmp_path / "other.so").symlink_to(loop)
    assert _not_found_reason(loop) == f"{loop}: a loop of symbolic links"
    broken = tmp_path / "broken.so"
    broken.symlink_to(tmp_path / "gone.so")
    assert _not_found_reason(broken) == f"{broken}: a broken symbolic link"
    assert _not_found_reason(tmp_path / "none.so") == f"{tmp_path / 'none.so'}: no such file"


def test_a_nul_in_the_path_is_not_called_missing(tmp_path: Path) -> None:
    reason = _not_found_reason(str(tmp_path / "lib\0hcnetsdk.so"))
    assert reason.endswith("the path contains a NUL character")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="ELF platforms")
@pytest.mark.parametrize("size", [0, 3, 10, 100, 5000])
def test_a_small_or_big_non_library_gets_the_same_clear_error(tmp_path: Path, size: int) -> None:
    lib = tmp_path / "libhcnetsdk.so"
    lib.write_bytes((b"hello world " * 500)[:size])
    with pytest.raises(SDKArchitectureError) as exc:
        _loader.load_library(lib)
    text = str(exc.value)
    assert "not a shared library" in text or "an empty file, not an ELF library" in text
    assert "companion libraries" not in text  # no hint about libHCCore for a text file
    assert "x86_64 64-bit" not in text  # nor a CPU architecture


def test_file_problem_reads_stat_only(tmp_path: Path) -> None:
    from hcnetsdk._binary import file_problem

    assert file_problem(str(tmp_path)) == "is a folder, not the library file"
    (tmp_path / "f").write_bytes(b"x")
    assert file_problem(str(tmp_path / "f")) is None


def test_the_library_loaded_is_logged_with_why(
    tmp_path: Path, cdll: MagicMock, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _sdk_folder(tmp_path)
    with caplog.at_level(logging.DEBUG, logger="hcnetsdk"):
        _loader.load_library(folder)
    assert (
        f"loaded the HCNetSDK library {folder / 'libhcnetsdk.so'} (from the library argument; "
        f"SDK folder {folder})"
    ) in caplog.messages
