"""``hcnetsdk._doctor``: the install checks as data, against fake SDK folders in tmp_path.

The command line's rendering of the same reports is tested in test_cli_sdk.py.
"""

from __future__ import annotations

import platform
import shutil
import sys
from pathlib import Path

import pytest

from hcnetsdk import _doctor, _simulator, errors
from hcnetsdk._simcontrol import FakeSDKControl

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux file layout")

# Written out here rather than read from _doctor, so that a change to the table shows up.
COMPONENTS = [
    "libHCPreview.so",
    "libHCAlarm.so",
    "libHCCoreDevCfg.so",
    "libHCDisplay.so",
    "libHCGeneralCfgMgr.so",
    "libHCIndustry.so",
    "libHCPlayBack.so",
    "libHCVoiceTalk.so",
    "libStreamTransClient.so",
    "libSystemTransform.so",
    "libanalyzedata.so",
    "libAudioIntercom.so",
    "libiconv2.so",
]
LIBRARIES = [
    "libHCCore.so",
    "libhpr.so",
    "libcrypto.so.1.1",
    "libssl.so.1.1",
    "libz.so",
    "libNPQos.so",
    "libopenal.so.1",
    "libAudioRender.so",
    "libPlayCtrl.so",
    "libSuperRender.so",
]


def make_sdk(
    root: Path,
    fake: Path,
    *,
    libraries: list[str] = LIBRARIES,
    components: list[str] | None = COMPONENTS,
) -> Path:
    """A folder laid out like the vendor's lib/: the fake as libhcnetsdk.so and as each of
    ``libraries`` (real ELF files), the log settings, ``components`` in HCNetSDKCom (None: no
    HCNetSDKCom)."""
    root.mkdir(parents=True)
    shutil.copy(fake, root / "libhcnetsdk.so")
    for name in libraries:
        shutil.copy(fake, root / name)
    (root / "HCNetSDK_Log_Switch.xml").write_text("<xml/>\n")
    if components is not None:
        (root / "HCNetSDKCom").mkdir()
        for name in components:
            (root / "HCNetSDKCom" / name).write_bytes(b"")
    return root


def foreign_elf() -> bytes:
    """The header of a 64-bit shared library for another CPU than this one."""
    machine = 62 if platform.machine().lower() not in ("x86_64", "amd64") else 183
    header = bytearray(64)
    header[:8] = b"\x7fELF\x02\x01\x01\x00"
    header[16:18] = (3).to_bytes(2, "little")  # ET_DYN
    header[18:20] = machine.to_bytes(2, "little")
    return bytes(header)


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


def test_report_ok_and_advise() -> None:
    def report(version: str | None, problems: list[str]) -> _doctor.DoctorReport:
        return _doctor.DoctorReport(
            python="",
            source="search",
            location=None,
            simulator=False,
            sdk_version=version,
            problems=problems,
        )

    assert report("6.1.9.48", []).ok
    assert not report(None, []).ok  # it never said its version
    assert not report("6.1.9.48", ["broken"]).ok
    advised = report(None, [])
    for text in ("do this", "do that", "do this"):
        advised.advise(text)
    assert advised.advice == ["do this", "do that"]


# --- folders ----------------------------------------------------------------------------------


@linux_only
def test_complete_folder(
    sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path, tmp_path: Path
) -> None:
    folder = make_sdk(tmp_path / "sdk", fake_sdk_path)
    report = _doctor.diagnose(str(folder))
    assert report.ok, report.problems
    assert (report.source, report.location, report.simulator) == ("argument", str(folder), False)
    assert report.folder == str(folder)
    assert report.library == str(folder / "libhcnetsdk.so")
    assert report.sdk_version == "6.1.9.48"
    assert [e.name for e in report.files] == [e.name for e in _doctor.expected_files(False)]
    assert {e.status for e in report.files} == {"ok"}
    assert all(e.present for e in report.files)
    files = by_name(report)
    assert files["HCNetSDKCom/"].detail == "all 13 components"
    assert files["HCNetSDKCom/"].path == str(folder / "HCNetSDKCom")
    assert files["libhpr.so"].detail.startswith("an ELF 64-bit")
    assert files["HCNetSDK_Log_Switch.xml"].detail.startswith("not a shared library")
    assert (report.problems, report.warnings, report.advice) == ([], [], [])
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
    sdk = by_name(report)["libhcnetsdk.so"]
    assert (sdk.path, sdk.present, sdk.status) == (str(renamed), True, "ok")


@linux_only
def test_missing_files(
    sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path, tmp_path: Path
) -> None:
    folder = make_sdk(tmp_path / "sdk", fake_sdk_path, libraries=[], components=None)
    report = _doctor.diagnose(str(folder))
    assert not report.ok
    assert report.sdk_version == "6.1.9.48"  # the fake loads alone; the folder is incomplete
    files = by_name(report)
    assert (files["libHCCore.so"].present, files["libHCCore.so"].status) == (False, "missing")
    assert files["libHCCore.so"].path == str(folder / "libHCCore.so")
    assert files["libhcnetsdk.so"].status == "ok"
    assert report.problems == [
        f"required file libHCCore.so is missing from {folder}",
        f"required file libhpr.so is missing from {folder}",
    ]
    assert report.warnings == [
        f"libcrypto.so.1.1 is missing from {folder}: TLS (https) logins fail",
        f"libssl.so.1.1 is missing from {folder}: TLS (https) logins fail",
        f"HCNetSDKCom/ is missing from {folder}: login works, but the first preview, playback "
        "or alarm call fails with error 107",
    ]
    # Two missing required files, one piece of advice for them; optional files need none.
    assert report.advice == [
        f"Copy the whole lib/ folder of the vendor's package into {folder} (the SDK loads its "
        "companion libraries from beside itself): see lib/README.md.",
        f"Copy libcrypto.so.1.1 from the vendor's package into {folder} as well.",
        f"Copy libssl.so.1.1 from the vendor's package into {folder} as well.",
        f"Copy HCNetSDKCom/ from the vendor's package into {folder} as well.",
    ]


@linux_only
def test_missing_components(
    sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path, tmp_path: Path
) -> None:
    folder = make_sdk(tmp_path / "sdk", fake_sdk_path, components=COMPONENTS[:11])
    report = _doctor.diagnose(str(folder))
    com = by_name(report)["HCNetSDKCom/"]
    assert com.status == "ok"
    assert com.detail == "11 of 13 components (missing: libAudioIntercom.so, libiconv2.so)"
    assert report.warnings == [
        f"{folder / 'HCNetSDKCom'} lacks some components ({com.detail}): calls that need them "
        "fail with error 107 or the like"
    ]
    assert report.problems == []
    assert report.ok  # a warning, not a problem


@linux_only
def test_a_file_that_is_not_a_library(
    sim: FakeSDKControl, clean_env: Path, fake_sdk_path: Path, tmp_path: Path
) -> None:
    folder = make_sdk(tmp_path / "sdk", fake_sdk_path)
    (folder / "libhpr.so").write_text("version https://git-lfs.github.com/spec/v1\n")
    report = _doctor.diagnose(str(folder))
    hpr = by_name(report)["libhpr.so"]
    assert hpr.status == "ok"
    assert hpr.detail.startswith("a Git LFS pointer")
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith(f"{folder / 'libhpr.so'} is a Git LFS pointer")
    assert report.warnings[0].endswith(", not a shared library")


@linux_only
def test_wrong_architecture(clean_env: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sdk"
    folder.mkdir()
    (folder / "libhcnetsdk.so").write_bytes(foreign_elf())
    report = _doctor.diagnose(str(folder))
    assert not report.ok
    sdk = by_name(report)["libhcnetsdk.so"]
    assert (sdk.present, sdk.status) == (True, "wrong architecture")
    assert report.problems[0].startswith(f"{folder / 'libhcnetsdk.so'} is an ELF 64-bit")
    assert "but this Python is" in report.problems[0]
    assert report.advice[0].startswith("Use the SDK package built for this machine's")
    assert isinstance(report.error, errors.SDKArchitectureError)
    assert report.error_stage == "load"
    assert report.sdk_version is None
    assert report.advice[-1].startswith("Use the SDK package built for this Python's")


def test_empty_folder(clean_env: Path, tmp_path: Path) -> None:
    report = _doctor.diagnose(str(tmp_path))
    assert not report.ok
    assert report.folder == str(tmp_path)
    assert len(report.files) == len(_doctor.expected_files(sys.platform == "win32"))
    assert not any(entry.present for entry in report.files)
    assert not any("does not exist" in problem for problem in report.problems)
    assert isinstance(report.error, errors.SDKNotFoundError)
    assert report.error_stage == "load"
    assert "the SDK library could not be loaded" in report.problems
    assert report.advice[-1].startswith("Get the vendor's Device Network SDK")
    assert "HCNETSDK_LIB" in report.advice[-1]


@pytest.mark.parametrize("how", ["absolute", "relative", "home"])
def test_a_place_that_does_not_exist(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    named = {"absolute": str(tmp_path / "nowhere"), "relative": "nowhere", "home": "~/nowhere"}
    where = {"absolute": tmp_path, "relative": clean_env, "home": tmp_path}[how]
    report = _doctor.diagnose(named[how], source="--library")
    assert report.location == named[how]
    assert report.folder == str(where)
    assert report.files == []
    assert report.problems[0] == f"{where / 'nowhere'} does not exist (--library)"
    assert report.advice[0].startswith("Point --library at the folder holding ")
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
    assert report.problems[0] == f"{tmp_path / 'libhcnetsdk.so'} does not exist (argument)"


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
    assert len(report.problems) == 1
    assert "no-such-compiler-xyz" in report.problems[0]
    assert "\n" not in report.problems[0]
    assert report.advice == [
        "The simulator is compiled from C on first use: install a C compiler "
        "(apt-get install gcc, dnf install gcc) or set CC."
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
    assert report.problems[0].startswith("the SDK loaded but failed to initialise: ")
    assert report.advice == ["hcnetsdk explain 41 says more about this error."]


@linux_only
def test_without_libuuid(
    sim: FakeSDKControl,
    clean_env: Path,
    fake_sdk_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_doctor, "find_libuuid", lambda: None)
    report = _doctor.diagnose(str(make_sdk(tmp_path / "sdk", fake_sdk_path)))
    assert not report.ok
    assert (report.libuuid_checked, report.libuuid) == (True, None)
    assert report.problems == ["libuuid.so.1 is not installed (the SDK needs it)"]
    assert report.advice[0].startswith("Install libuuid: apt-get install libuuid1")


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
