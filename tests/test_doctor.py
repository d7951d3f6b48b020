"""``hcnetsdk._doctor``: the install checks as data, against fake SDK folders in tmp_path.

The command line's rendering of the same reports is tested in test_cli_sdk.py.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

import pytest

from _sdkdirs import COMPONENTS, foreign_elf, make_sdk
from hcnetsdk import _doctor, _loader, _simulator, errors
from hcnetsdk._simcontrol import FakeSDKControl

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux file layout")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No HCNETSDK_LIB, no LD_LIBRARY_PATH, an empty current directory; libuuid present."""
    monkeypatch.delenv("HCNETSDK_LIB", raising=False)
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    monkeypatch.setattr(_doctor, "find_libuuid", lambda: "libuuid.so.1")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


@pytest.fixture
def sim(
    monkeypatch: pytest.MonkeyPatch, fake_sdk_path: Path, fake_control: FakeSDKControl
) -> FakeSDKControl:
    """The simulator builds into pytest's cache (the same library as ``fake_control``)."""
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    return fake_control


def by_name(report: _doctor.DoctorReport) -> dict[str, _doctor.FileCheck]:
    return {entry.name: entry for entry in report.files}


# --- the tables -------------------------------------------------------------------------------


def test_expected_files() -> None:
    linux = _doctor.expected_files(windows=False)
    windows = _doctor.expected_files(windows=True)
    assert [e.name for e in linux if e.kind == "required"] == [
        "libhcnetsdk.so",
        "libHCCore.so",
        "libhpr.so",
    ]
    assert [e.name for e in windows if e.kind == "required"] == [
        "HCNetSDK.dll",
        "HCCore.dll",
        "hpr.dll",
    ]
    assert "HCNetSDKCom/" in [e.name for e in linux]
    assert "HCNetSDKCom\\" in [e.name for e in windows]
    for table in (linux, windows):
        assert {e.kind for e in table} == {"required", "recommended", "optional"}
        assert len({e.name for e in table}) == len(table)


def test_component_names() -> None:
    assert _doctor.component_names(windows=False) == COMPONENTS
    windows = _doctor.component_names(windows=True)
    assert windows[0] == "HCPreview.dll"
    assert windows[-1] == "iconv2.dll"
    assert len(windows) == len(COMPONENTS)


def test_python_line() -> None:
    line = _doctor.python_line()
    assert line.startswith(f"{platform.python_implementation()} {platform.python_version()}, ")
    assert "-bit, " in line


def test_report_ok_and_findings() -> None:
    def report(version: str | None, *severities: _doctor.Severity) -> _doctor.DoctorReport:
        made = _doctor.DoctorReport(
            python="", source="search", location=None, simulator=False, sdk_version=version
        )
        for number, severity in enumerate(severities):
            made.add(severity, "/x", f"finding {number}", "do this")
        return made

    assert report("6.1.9.48").ok
    assert not report(None).ok  # it never said its version
    assert not report("6.1.9.48", "problem").ok
    assert report("6.1.9.48", "warning").ok  # a warning is no verdict
    two = report(None, "problem", "warning")
    assert (two.problems, two.warnings) == (["finding 0"], ["finding 1"])
    assert two.advice == ["do this"]  # each action once
    two.add("problem", "/x", "finding 0", "again")
    assert len(two.findings) == 2  # each finding once


# --- folders ----------------------------------------------------------------------------------


@linux_only
def test_complete_folder(
    sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path, tmp_path: Path
) -> None:
    folder = make_sdk(tmp_path / "sdk", fake_sdk_path)
    report = _doctor.diagnose(str(folder))
    assert report.ok, report.problems
    assert (report.source, report.location, report.simulator) == ("argument", str(folder), False)
    assert (report.folder, report.place) == (str(folder), str(folder))
    assert report.library == str(folder / "libhcnetsdk.so")
    assert report.sdk_version == "6.1.9.48"
    assert [e.name for e in report.files] == [e.name for e in _doctor.expected_files(False)]
    assert {e.status for e in report.files} == {"ok"}
    assert all(e.present for e in report.files)
    files = by_name(report)
    assert files["HCNetSDKCom/"].detail == "all 13 components"
    assert files["HCNetSDKCom/"].path == str(folder / "HCNetSDKCom")
    assert files["libhpr.so"].detail.startswith("an ELF 64-bit")
    assert files["HCNetSDK_Log_Switch.xml"].detail == ""  # a data file, not "not a library"
    assert report.findings == []
    assert (report.libuuid_checked, report.libuuid) == (True, "libuuid.so.1")
    assert (report.error, report.error_stage) == (None, None)


@linux_only
def test_library_file_under_another_name(
    sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path, tmp_path: Path
) -> None:
    folder = make_sdk(tmp_path / "sdk", fake_sdk_path)
    renamed = folder / "libhcnetsdk-6.1.9.so"
    (folder / "libhcnetsdk.so").rename(renamed)
    report = _doctor.diagnose(str(renamed), source="--library")
    assert report.ok, report.problems
    assert report.source == "--library"
    assert report.folder == str(folder)
    sdk = report.files[0]  # the row is the file named, under its own name
    assert (sdk.name, sdk.path, sdk.present, sdk.status) == (renamed.name, str(renamed), True, "ok")
    assert sdk.what == "the SDK"


@linux_only
def test_a_library_that_loads_makes_missing_files_warnings(
    sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path, tmp_path: Path
) -> None:
    """The fake needs no companion, as a real SDK whose companions come from LD_LIBRARY_PATH:
    it loaded and answered, so what the folder lacks is a warning, not the verdict."""
    folder = make_sdk(tmp_path / "sdk", fake_sdk_path, libraries=[], components=None)
    report = _doctor.diagnose(str(folder))
    assert report.ok, report.problems
    assert report.sdk_version == "6.1.9.48"
    files = by_name(report)
    assert (files["libHCCore.so"].present, files["libHCCore.so"].status) == (False, "missing")
    assert files["libHCCore.so"].path == str(folder / "libHCCore.so")
    assert report.problems == []
    assert report.warnings == [
        f"{folder} lacks libHCCore.so and libhpr.so (required; libhcnetsdk.so loaded and "
        "answered without them there); libcrypto.so.1.1 and libssl.so.1.1 (TLS logins fail); "
        "HCNetSDKCom/ (the first preview, playback or alarm call fails with error 107)"
    ]
    # One finding, one action (never "copy the whole lib/ folder" twice).
    assert report.advice == [
        f"Copy the whole lib/ folder of the vendor's package into {folder}, so that the SDK "
        "does not depend on LD_LIBRARY_PATH or the system's folders."
    ]


@linux_only
def test_missing_components(
    sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path, tmp_path: Path
) -> None:
    folder = make_sdk(tmp_path / "sdk", fake_sdk_path, components=COMPONENTS[:11])
    report = _doctor.diagnose(str(folder))
    com = by_name(report)["HCNetSDKCom/"]
    assert com.status == "ok"
    assert com.detail == "11 of 13 components"
    assert report.warnings == [
        f"{folder} lacks libAudioIntercom.so and libiconv2.so in HCNetSDKCom/ (calls that need "
        "them fail with error 107)"
    ]
    assert report.advice == [
        f"Copy libAudioIntercom.so and libiconv2.so from the lib/ folder of the vendor's package "
        f"into {folder}."
    ]
    assert report.problems == []
    assert report.ok  # a warning, not a problem


@linux_only
def test_a_companion_that_is_not_a_library(
    sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path, tmp_path: Path
) -> None:
    folder = make_sdk(tmp_path / "sdk", fake_sdk_path)
    (folder / "libhpr.so").write_text("version https://git-lfs.github.com/spec/v1\n")
    report = _doctor.diagnose(str(folder))
    hpr = by_name(report)["libhpr.so"]
    assert (hpr.present, hpr.status) == (True, "not a library")
    assert hpr.detail.startswith("a Git LFS pointer")
    # The fake loaded and answered without it: a warning. (A library that needs it:
    # test_cli_doctor.py::test_a_required_file_that_is_not_a_library_is_a_problem.)
    assert report.warnings == [f"libhpr.so in {folder}: {hpr.detail}"]
    assert report.advice == [
        "Fetch the real files: `git lfs pull` in the repository they came from."
    ]


@linux_only
def test_a_text_file_named_as_the_library(clean_env: Path, tmp_path: Path) -> None:
    """The loader refuses it as "not a shared library"; doctor says the same, once, about the
    file named (not as if libhcnetsdk.so were fine and "not found")."""
    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    report = _doctor.diagnose(str(text), source="--library")
    assert isinstance(report.error, errors.SDKArchitectureError)
    assert [(row.name, row.status) for row in report.files] == [("notes.txt", "not a library")]
    assert report.problems == [f"{text}: not a shared library (it starts with b'hello\\n')"]
    assert report.advice == [
        "Copy libhcnetsdk.so itself from the lib/ folder of the vendor's package and point "
        "--library at it; how to get it: `hcnetsdk doctor --guide`."
    ]


@linux_only
def test_wrong_architecture(clean_env: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sdk"
    folder.mkdir()
    for name in ("libhcnetsdk.so", "libHCCore.so", "libhpr.so"):
        (folder / name).write_bytes(foreign_elf())
    report = _doctor.diagnose(str(folder))
    assert not report.ok
    sdk = by_name(report)["libhcnetsdk.so"]
    assert (sdk.present, sdk.status) == (True, "wrong architecture")
    arch = [f for f in report.findings if "built for" in f.text]
    assert len(arch) == 1  # stated once, for the three files
    assert arch[0].text.startswith(
        f"libhcnetsdk.so, libHCCore.so and libhpr.so in {folder} are built for 64-bit "
    )
    assert arch[0].text.endswith(f"but this Python is {_loader.expected_architecture()}")
    assert arch[0].action.startswith("Use the vendor's SDK package built for ")
    assert isinstance(report.error, errors.SDKArchitectureError)
    assert report.error_stage == "load"
    assert report.sdk_version is None
    assert len(report.problems) == 1


def test_empty_folder(clean_env: Path, tmp_path: Path) -> None:
    report = _doctor.diagnose(str(tmp_path))
    assert not report.ok
    assert report.folder == str(tmp_path)
    assert [(row.name, row.status) for row in report.files] == [
        (_loader.standard_name(), "missing")
    ]  # no SDK folder: not a dozen rows of "missing"
    assert isinstance(report.error, errors.SDKNotFoundError)
    assert report.error_stage == "load"
    assert report.problems == [
        f"{tmp_path} holds no {_loader.standard_name()}, nor does any folder one or two "
        "levels below it"
    ]
    assert report.advice[0].startswith("Point the library argument at the folder that holds ")


@linux_only
def test_the_sdks_parent_folder_names_the_library_below(
    clean_env: Path, fake_sdk_path: Path, tmp_path: Path
) -> None:
    package = tmp_path / "EN-HCNetSDKV6.1.9.48_build20230410_linux64"
    lib = make_sdk(package / "lib", fake_sdk_path)
    (package / "Demo").mkdir()
    for given in (package, tmp_path):  # one and two levels down
        report = _doctor.diagnose(str(given), source="--library")
        assert report.found_below == [str(lib / "libhcnetsdk.so")]
        assert report.problems == [
            f"{given} holds no libhcnetsdk.so, but {lib / 'libhcnetsdk.so'} does"
        ]
        assert report.advice == [
            f"Use --library {lib}: the SDK folder is the one that holds libhcnetsdk.so."
        ]
    os.environ["HCNETSDK_LIB"] = str(package)
    try:
        assert _doctor.diagnose().advice[0].startswith(f"Set HCNETSDK_LIB={lib}: ")
    finally:
        del os.environ["HCNETSDK_LIB"]


@pytest.mark.parametrize("how", ["absolute", "relative", "home"])
def test_a_place_that_does_not_exist(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    named = {"absolute": str(tmp_path / "nowhere"), "relative": "nowhere", "home": "~/nowhere"}
    where = {"absolute": tmp_path, "relative": clean_env, "home": tmp_path}[how]
    report = _doctor.diagnose(named[how], source="--library")
    assert report.location == named[how]
    assert report.place == str(where / "nowhere")  # ~ expanded, absolute
    assert report.folder == str(where)
    assert report.files == []
    assert report.problems == [f"{where / 'nowhere'} does not exist (--library)"]
    assert report.advice[0].startswith("Point --library at the folder that holds ")
    assert isinstance(report.error, errors.SDKNotFoundError)


def test_a_folder_named_from_home(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "sdk").mkdir()
    report = _doctor.diagnose("~/sdk")
    assert report.folder == str(tmp_path / "sdk")
    assert report.files[0].path == str(tmp_path / "sdk" / _doctor.expected_files(False)[0].name)
    assert not any("does not exist" in problem for problem in report.problems)


def test_a_missing_file_in_an_existing_folder(clean_env: Path, tmp_path: Path) -> None:
    """The folder exists, the file named in it does not: the place named does not exist."""
    report = _doctor.diagnose(str(tmp_path / "libhcnetsdk.so"))
    assert report.files == []
    assert report.problems == [f"{tmp_path / 'libhcnetsdk.so'} does not exist (argument)"]


# --- where the SDK comes from -----------------------------------------------------------------


@linux_only
def test_environment_variable(
    sim: FakeSDKControl,
    clean_env: Path,
    fake_sdk_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = make_sdk(tmp_path / "sdk", fake_sdk_path)
    monkeypatch.setenv("HCNETSDK_LIB", f" {folder} ")
    report = _doctor.diagnose()
    assert report.ok, report.problems
    assert (report.source, report.location) == ("HCNETSDK_LIB", str(folder))
    assert len(report.files) == len(_doctor.expected_files(False))
    # An argument wins over the variable.
    monkeypatch.setenv("HCNETSDK_LIB", str(tmp_path / "nowhere"))
    assert _doctor.diagnose(str(folder)).ok


@linux_only
def test_search_checks_the_folder_after_loading(
    sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path
) -> None:
    report = _doctor.diagnose()
    if report.ok:  # pragma: no cover - an SDK is installed on this machine's loader path
        pytest.skip("an HCNetSDK is installed on this machine's loader path")
    assert (report.source, report.location, report.folder) == ("search", None, None)
    assert report.files == []
    assert isinstance(report.error, errors.SDKNotFoundError)
    assert report.error_stage == "load"
    folder = make_sdk(clean_env / "lib", fake_sdk_path)
    report = _doctor.diagnose()
    assert report.ok, report.problems
    assert report.folder == str(folder)
    assert report.library == str(folder / "libhcnetsdk.so")
    assert len(report.files) == len(_doctor.expected_files(False))


def test_simulator(sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path) -> None:
    report = _doctor.diagnose(" Simulator")
    assert report.ok, report.problems
    assert (report.simulator, report.location, report.source) == (True, " Simulator", "argument")
    assert report.files == []
    assert (report.libuuid_checked, report.libuuid) == (False, None)
    assert report.library == str(fake_sdk_path)
    assert report.sdk_version == "6.1.9.48"


def test_simulator_without_compiler(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CC", "no-such-compiler-xyz")
    monkeypatch.setenv("HCNETSDK_LIB", "simulator")
    report = _doctor.diagnose()
    assert (report.simulator, report.source) == (True, "HCNETSDK_LIB")
    assert isinstance(report.error, errors.SDKNotFoundError)
    assert report.error_stage == "simulator"
    assert report.library is None
    assert report.problems == [
        "the simulator is compiled from C on first use, and the C compiler "
        "'no-such-compiler-xyz' was not found"
    ]
    # Its own action, once (the loader's message says it again: not repeated).
    assert report.advice == [
        "Install a C compiler (apt-get install gcc, dnf install gcc) or set CC to one."
    ]


def test_simulator_build_error_keeps_its_first_line(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail() -> Path:
        raise errors.SDKNotFoundError("cannot build it\nthe compiler said: ...", [])

    monkeypatch.setattr(_simulator, "build_fake_sdk", fail)
    report = _doctor.diagnose("simulator")
    assert report.problems == ["cannot build it"]
    assert str(report.error) == "cannot build it\nthe compiler said: ..."


def test_initialisation_failure(sim: FakeSDKControl, clean_env: Path) -> None:
    sim.fail_next("NET_DVR_Init", 41)
    report = _doctor.diagnose("simulator")
    assert not report.ok
    assert isinstance(report.error, errors.HCNetSDKError)
    assert report.error.code == 41
    assert report.error_stage == "init"
    assert report.sdk_version is None
    assert report.problems[0].startswith("the SDK loaded, but failed to initialise: ")
    assert report.advice == ["`hcnetsdk explain 41` says what the error means and what to do."]


@linux_only
def test_without_libuuid(
    sim: FakeSDKControl,
    clean_env: Path,
    fake_sdk_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_doctor, "find_libuuid", lambda: None)
    install = "Install it: apt-get install libuuid1 (Debian, Ubuntu) or dnf install libuuid"
    # The fake needs no libuuid and answers: a warning (the vendor's SDK would not load).
    report = _doctor.diagnose(str(make_sdk(tmp_path / "sdk", fake_sdk_path)))
    assert report.ok
    assert (report.libuuid_checked, report.libuuid) == (True, None)
    assert report.warnings[0].startswith("the system's loader does not find libuuid.so.1")
    assert report.advice[0].startswith(install)
    # A library that does not load: a problem.
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "libhcnetsdk.so").write_bytes(foreign_elf())
    report = _doctor.diagnose(str(broken))
    assert "libuuid.so.1 is not installed (the SDK needs it)" in report.problems
    assert any(advice.startswith(install) for advice in report.advice)


def test_an_sdk_folder_path_that_crashes_init_is_reported_not_run(
    tmp_path: Path, fake_sdk_path: Path
) -> None:
    base = tmp_path / "sdk"
    folder = base / ("d" * max(1, 248 - len(str(base)) - 1))  # 248 bytes: NET_DVR_Init crashes
    assert len(str(folder).encode()) == 248
    make_sdk(folder, fake_sdk_path)
    report = _doctor.diagnose(str(folder), source="--library")
    assert isinstance(report.error, errors.SDKPathError)
    assert report.error_stage == "init"
    assert report.sdk_version is None
    assert not report.ok
    assert any("248 bytes" in problem for problem in report.problems)
    assert any("at most 246 bytes" in advice for advice in report.advice)
