"""``hcnetsdk.cli.doctor``: the rendering of a ``_doctor.DoctorReport`` as text and JSON, and what
the command passes to ``_doctor.diagnose``.

The checks themselves are tested as data in test_doctor.py; the command against real folders and
the simulator in test_cli_sdk.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hcnetsdk import _doctor, cli, errors
from hcnetsdk.cli import doctor

FILE_KEYS = ["name", "kind", "what", "present", "path", "detail", "status"]
REPORT_KEYS = [
    "ok",
    "python",
    "source",
    "location",
    "simulator",
    "files",
    "libuuid",
    "library",
    "folder",
    "sdk_version",
    "error",
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
    name: str, kind: _doctor.Kind, present: bool, status: _doctor.Status
) -> _doctor.FileCheck:
    return _doctor.FileCheck(name, kind, "what it is", present, f"/opt/sdk/{name}", "", status)


def test_json_keys() -> None:
    report = make_report(files=[check("libhpr.so", "required", False, "missing")])
    data = doctor.report_dict(report)
    assert list(data) == REPORT_KEYS
    assert list(data["files"][0]) == FILE_KEYS
    assert data["files"][0]["status"] == "missing"
    assert data["ok"] is False
    assert data["error"] is None
    json.dumps(data)  # plain JSON


def test_json_attempts_only_for_a_library_not_found_when_loading() -> None:
    exc = errors.SDKNotFoundError("not found", [("a", "no such file")])
    loading = doctor.report_dict(make_report(error=exc, error_stage="load"))
    assert loading["error"]["attempts"] == [["a", "no such file"]]
    assert loading["error"]["class"] == "SDKNotFoundError"
    building = doctor.report_dict(make_report(error=exc, error_stage="simulator"))
    assert "attempts" not in building["error"]
    init = errors.HCNetSDKError.from_code(41, "NET_DVR_Init")
    assert (
        "attempts" not in doctor.report_dict(make_report(error=init, error_stage="init"))["error"]
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
    ],
)
def test_text_names_the_source(
    source: str, location: str | None, simulator: bool, line: str
) -> None:
    report = make_report(source=source, location=location, simulator=simulator)
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
        warnings=["a warning"],
    )
    lines = list(doctor.report_text(report))
    assert lines[:3] == ["hcnetsdk doctor", "", "Python:   CPython 3.x, x86_64 64-bit, Linux"]
    assert "Files in /opt/sdk:" in lines
    assert "  ok        libhcnetsdk.so           what it is" in lines
    assert "  MISSING   libhpr.so                what it is" in lines
    assert "  missing   libssl.so.1.1            what it is [recommended]" in lines
    assert "  ok        libuuid                  libuuid.so.1" in lines
    assert "  ok        SDK version 6.1.9.48" in lines
    assert lines[lines.index("Warnings:") + 1] == "  - a warning"
    assert "Problems:" not in lines
    assert lines[-1] == "Result: the SDK is usable."


def test_text_of_an_unusable_sdk() -> None:
    exc = errors.SDKNotFoundError("first line\nsecond line")
    report = make_report(
        source="--simulator",
        location="simulator",
        simulator=True,
        error=exc,
        error_stage="simulator",
        problems=["first line"],
        advice=["install a compiler"],
    )
    lines = list(doctor.report_text(report))
    assert "Files:    the simulator is one self-contained library (no companion files)" in lines
    assert "System:" not in lines  # libuuid was not checked
    assert "  FAILED    SDKNotFoundError" in lines
    assert lines[lines.index("  FAILED    SDKNotFoundError") + 1 :][:2] == [
        "    first line",
        "    second line",
    ]
    assert lines[lines.index("Problems:") + 1] == "  - first line"
    assert lines[lines.index("What to do:") + 1] == "  - install a compiler"
    assert lines[-1] == "Result: the SDK cannot be used (exit status 1); see lib/README.md."


def test_text_when_loading_was_skipped() -> None:
    lines = list(doctor.report_text(make_report(libuuid_checked=True)))
    assert "  MISSING   libuuid                  not found by the loader" in lines
    assert "  skipped  " in lines


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

    def diagnose(library: str | None = None, *, source: str | None = None) -> _doctor.DoctorReport:
        calls.append((library, source))
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
    monkeypatch.setattr(_doctor, "diagnose", lambda library=None, source=None: make_report())
    assert cli.main(["doctor", "--library", str(tmp_path)]) == 1
    assert "Result: the SDK cannot be used" in capsys.readouterr().out
