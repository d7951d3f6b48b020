"""``hcnetsdk.cli.doctor``: the rendering of a ``_doctor.DoctorReport`` as text and JSON, and what
the command passes to ``_doctor.diagnose``.

The checks themselves are tested as data in test_doctor.py; the command against real folders and
the simulator in test_cli_sdk.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from _sdkdirs import dependent_sdk
from hcnetsdk import _doctor, cli, errors
from hcnetsdk.cli import doctor


@pytest.fixture(autouse=True)
def _on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """This environment's scripts on PATH: the hints say plain ``hcnetsdk``."""
    scripts = os.path.dirname(sys.executable)
    monkeypatch.setenv("PATH", scripts + os.pathsep + os.environ.get("PATH", ""))


FILE_KEYS = ["name", "kind", "what", "present", "path", "detail", "status"]
REPORT_KEYS = [
    "ok",
    "python",
    "source",
    "location",
    "place",
    "simulator",
    "files",
    "libuuid",
    "library",
    "folder",
    "sdk_version",
    "error",
    "findings",
    "problems",
    "warnings",
    "advice",
]


def make_report(**fields: Any) -> _doctor.DoctorReport:
    values: dict[str, Any] = {
        "python": "CPython 3.x, x86_64 64-bit, Linux",
        "source": "--library",
        "location": "/opt/sdk",
        "simulator": False,
    }
    values.update(fields)
    return _doctor.DoctorReport(**values)


def check(
    name: str, kind: _doctor.Kind, present: bool, status: _doctor.Status, detail: str = ""
) -> _doctor.FileCheck:
    return _doctor.FileCheck(name, kind, "what it is", present, f"/opt/sdk/{name}", detail, status)


def finding(severity: _doctor.Severity, text: str, action: str) -> _doctor.Finding:
    return _doctor.Finding(severity, "/opt/sdk", text, action)


def test_json_keys() -> None:
    report = make_report(files=[check("libhpr.so", "required", False, "missing")])
    data = doctor.report_dict(report)
    assert list(data) == REPORT_KEYS
    assert list(data["files"][0]) == FILE_KEYS
    assert data["files"][0]["status"] == "missing"
    assert data["ok"] is False
    assert data["error"] is None
    json.dumps(data)  # plain JSON


def test_json_error_attempts_whatever_the_stage() -> None:
    """A simulator that cannot be built lists its attempts too (the compiler it tried)."""
    exc = errors.SDKNotFoundError("not found", [("a", "no such file")])
    for stage in ("load", "simulator"):
        data = doctor.report_dict(make_report(error=exc, error_stage=stage))
        assert data["error"]["attempts"] == [["a", "no such file"]]
        assert data["error"]["class"] == "SDKNotFoundError"
    init = errors.HCNetSDKError.from_code(41, "NET_DVR_Init")
    assert (
        doctor.report_dict(make_report(error=init, error_stage="init"))["error"]["attempts"] == []
    )


def test_json_findings() -> None:
    report = make_report(
        findings=[finding("problem", "it broke", "fix it"), finding("warning", "meh", "fix it")]
    )
    data = doctor.report_dict(report)
    assert data["findings"][0] == {
        "severity": "problem",
        "about": "/opt/sdk",
        "text": "it broke",
        "action": "fix it",
    }
    assert (data["problems"], data["warnings"], data["advice"]) == (
        ["it broke"],
        ["meh"],
        ["fix it"],
    )


@pytest.mark.parametrize(
    ("source", "location", "simulator", "line"),
    [
        ("--simulator", "simulator", True, "SDK from: the simulator (--simulator)"),
        ("--library", "/opt/sdk", False, "SDK from: /opt/sdk (--library)"),
        ("HCNETSDK_LIB", "/opt/sdk", False, "SDK from: /opt/sdk (from HCNETSDK_LIB)"),
        ("HCNETSDK_LIB", "Simulator", True, "SDK from: the simulator (HCNETSDK_LIB=simulator)"),
        (
            "search",
            None,
            False,
            "SDK from: HCNETSDK_LIB is not set: searching the loader's path and ./lib",
        ),
        # diagnose() called from Python: the loader's label (no KeyError)
        ("argument", "/opt/sdk", False, "SDK from: /opt/sdk (the library argument)"),
        ("--library", "~/sdk", False, "SDK from: /home/u/sdk (--library ~/sdk)"),
        ("HCNETSDK_LIB", "~/sdk", False, "SDK from: /home/u/sdk (from HCNETSDK_LIB=~/sdk)"),
    ],
)
def test_text_names_the_source(
    source: str, location: str | None, simulator: bool, line: str
) -> None:
    place = "/home/u/sdk" if location == "~/sdk" else location
    report = make_report(source=source, location=location, simulator=simulator, place=place)
    assert line in list(doctor.report_text(report))


def test_text_of_a_usable_sdk() -> None:
    report = make_report(
        files=[
            check("libhcnetsdk.so", "required", True, "ok"),
            check("libhpr.so", "required", False, "missing"),
            check("libssl.so.1.1", "recommended", False, "missing"),
        ],
        folder="/opt/sdk",
        libuuid_checked=True,
        libuuid="libuuid.so.1",
        library="/opt/sdk/libhcnetsdk.so",
        sdk_version="6.1.9.48",
        findings=[finding("warning", "a warning", "do this")],
    )
    lines = list(doctor.report_text(report))
    assert lines[:3] == ["hcnetsdk doctor", "", "Python:   CPython 3.x, x86_64 64-bit, Linux"]
    assert "Files in /opt/sdk:" in lines
    assert "  ok         libhcnetsdk.so           what it is" in lines
    # It loaded and answered: a missing required file is not in capitals (not the verdict).
    assert "  missing    libhpr.so                what it is" in lines
    assert "  missing    libssl.so.1.1            what it is [recommended]" in lines
    assert "  ok         libuuid                  libuuid.so.1" in lines
    assert "  ok         SDK version              6.1.9.48" in lines
    assert lines[lines.index("Warnings:") + 1 :][:2] == [
        "  1. a warning.",
        "     What to do: do this",
    ]
    assert "Problems:" not in lines
    assert lines[-1] == "Result: the SDK is usable (1 warning)."


def test_every_status_fits_its_column() -> None:
    report = make_report(
        files=[
            check("libhcnetsdk.so", "required", True, "wrong architecture", "an ELF 64-bit x"),
            check("libHCCore.so", "required", True, "not a library", "an empty file"),
            check("libhpr.so", "required", False, "missing"),
            check("libz.so", "optional", True, "ok"),
        ],
        folder="/opt/sdk",
    )
    rows = [line for line in doctor.report_text(report) if line.startswith("  ") and ".so" in line]
    assert [row[2:13] for row in rows] == [
        "WRONG ARCH ",
        "NOT A LIB  ",
        "MISSING    ",
        "ok         ",
    ]
    assert all(row[13:16] == "lib" for row in rows)  # every name starts in the same column


def test_text_of_an_unusable_sdk() -> None:
    exc = errors.SDKNotFoundError("first line\nsecond line")
    report = make_report(
        source="--simulator",
        location="simulator",
        simulator=True,
        error=exc,
        error_stage="simulator",
        findings=[finding("problem", "first line", "install a compiler")],
    )
    lines = list(doctor.report_text(report))
    assert "Files:    the simulator is one self-contained library (no companion files)" in lines
    assert "System:" not in lines  # libuuid was not checked
    assert "  FAILED     SDKNotFoundError         not built" in lines
    # The build's other lines (the compiler's output) follow; its first line is the finding.
    assert lines[lines.index("  FAILED     SDKNotFoundError         not built") + 1] == (
        "    second line"
    )
    assert lines[lines.index("Problems:") + 1 :][:2] == [
        "  1. first line.",
        "     What to do: install a compiler",
    ]
    assert "What to do:" not in lines  # no separate list: each finding has its action
    assert lines[-1] == "Result: the SDK cannot be used (exit status 1)."


def test_text_of_an_unusable_install_points_to_the_guide() -> None:
    report = make_report(findings=[finding("problem", "broken", "fix")])
    assert list(doctor.report_text(report))[-1] == (
        "Result: the SDK cannot be used (exit status 1). "
        "The install guide: `hcnetsdk doctor --guide`."
    )


def test_text_when_loading_was_skipped() -> None:
    lines = list(doctor.report_text(make_report(libuuid_checked=True)))
    assert "  MISSING    libuuid                  not found by the system's loader" in lines
    assert "  skipped" in lines


@pytest.mark.parametrize(
    ("argv", "spec", "source"),
    [
        (["doctor"], None, None),
        (["doctor", "--simulator"], "simulator", "--simulator"),
        (["--simulator", "doctor"], "simulator", "--simulator"),
        (["doctor", "--library", "/opt/sdk"], "/opt/sdk", "--library"),
        (["--library", "/opt/sdk", "doctor"], "/opt/sdk", "--library"),
    ],
)
def test_the_command_passes_where_the_sdk_comes_from(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    spec: str | None,
    source: str | None,
) -> None:
    calls: list[tuple[str | None, str | None]] = []

    def diagnose(
        library: str | None = None, *, source: str | None = None, command: str = ""
    ) -> _doctor.DoctorReport:
        calls.append((library, source))
        assert command == "hcnetsdk"
        return make_report(source=source or "search", sdk_version="6.1.9.48")

    monkeypatch.setattr(_doctor, "diagnose", diagnose)
    assert cli.main(argv) == 0
    assert calls == [(spec, source)]
    assert capsys.readouterr().out.rstrip().endswith("Result: the SDK is usable.")
    assert cli.main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_the_command_exits_1_when_the_sdk_is_unusable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(
        _doctor, "diagnose", lambda library=None, source=None, command="": make_report()
    )
    assert cli.main(["doctor", "--library", str(tmp_path)]) == 1
    assert "Result: the SDK cannot be used" in capsys.readouterr().out


def test_guide_prints_the_install_guide_of_the_package(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["doctor", "--guide"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Installing Hikvision's SDK for hcnetsdk\n")
    assert "libhcnetsdk.so" in out
    assert out == doctor.install_guide().rstrip("\n") + "\n"
    assert cli.main(["doctor", "--guide", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["guide"] == doctor.install_guide()


# --- the command in a subprocess, against real libraries -------------------------------------
# A library's companions resolved once stay in a process (the loader reuses libHCCore.so by
# name), so these run the real entry point in a process of their own.

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF, ld.so")


def doctor_run(*argv: str, ld_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HCNETSDK_", "LD_LIB"))}
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    if ld_path is not None:
        env["LD_LIBRARY_PATH"] = str(ld_path)
    return subprocess.run(
        [sys.executable, "-m", "hcnetsdk", "doctor", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@linux_only
def test_companions_found_through_ld_library_path_make_a_usable_sdk(
    fake_sdk_path: Path, tmp_path: Path
) -> None:
    sdk, companions = dependent_sdk(tmp_path, fake_sdk_path)
    done = doctor_run("--library", str(sdk), "--json", ld_path=companions)
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert (data["ok"], data["sdk_version"], data["problems"]) == (True, "6.1.9.48", [])
    assert len(data["warnings"]) == 1
    assert data["warnings"][0].startswith(
        f"{sdk} lacks libHCCore.so and libhpr.so (required; libhcnetsdk.so loaded and answered "
        f"without them there: it took libHCCore.so from {companions / 'libHCCore.so'})"
    )
    text = doctor_run("--library", str(sdk), ld_path=companions)
    assert text.returncode == 0
    assert "Result: the SDK is usable (1 warning)." in text.stdout
    assert "  missing    libHCCore.so " in text.stdout  # not MISSING: not the verdict


@linux_only
def test_a_library_that_cannot_load_without_its_companions(
    fake_sdk_path: Path, tmp_path: Path
) -> None:
    sdk, _ = dependent_sdk(tmp_path, fake_sdk_path)
    done = doctor_run("--library", str(sdk))
    assert done.returncode == 1
    assert "  MISSING    libHCCore.so " in done.stdout
    assert "No such file" not in done.stdout  # the library exists; a companion does not
    assert done.stdout.count("What to do:") == 1  # one finding, one action
    assert "libhcnetsdk.so cannot load without libHCCore.so" in " ".join(done.stdout.split())
    data = json.loads(doctor_run("--library", str(sdk), "--json").stdout)
    assert data["error"]["class"] == "SDKNotFoundError"
    assert len(data["findings"]) == 1
    assert data["advice"] == [
        f"Copy the whole lib/ folder of the vendor's package into {sdk}: the SDK loads its "
        "companion libraries from beside itself."
    ]


@linux_only
def test_a_required_file_that_is_not_a_library_is_a_problem(
    fake_sdk_path: Path, tmp_path: Path
) -> None:
    sdk, _ = dependent_sdk(tmp_path, fake_sdk_path)
    (sdk / "libHCCore.so").write_bytes(b"")  # beside it, found, and not a library
    done = doctor_run("--library", str(sdk), "--json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    core = next(row for row in data["files"] if row["name"] == "libHCCore.so")
    assert (core["status"], core["detail"]) == (
        "not a library",
        "an empty file, not an ELF library",
    )
    assert f"libHCCore.so in {sdk}: an empty file, not an ELF library" in data["problems"]
    assert "Copy it again from the lib/ folder of the vendor's package." in data["advice"]
    assert not any("cannot load the HCNetSDK library" in text for text in data["problems"])


@linux_only
def test_a_text_file_given_as_the_library(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n")
    done = doctor_run("--library", str(notes))
    assert done.returncode == 1
    assert "  NOT A LIB  notes.txt                the SDK: not a shared library" in done.stdout
    assert "libhcnetsdk.so  " not in done.stdout  # no row labelled with another file's name
    assert "not found" not in done.stdout
    assert done.stdout.count("What to do:") == 1


@linux_only
def test_the_sdks_parent_folder(fake_sdk_path: Path, tmp_path: Path) -> None:
    lib = tmp_path / "package" / "lib"
    lib.mkdir(parents=True)
    shutil.copy(fake_sdk_path, lib / "libhcnetsdk.so")
    done = doctor_run("--library", str(tmp_path / "package"))
    assert done.returncode == 1
    words = " ".join(done.stdout.split())  # long paths wrap
    assert f"but {lib / 'libhcnetsdk.so'} does" in words
    assert f"What to do: Use --library {lib}: the SDK folder" in words
