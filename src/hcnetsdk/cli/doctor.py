"""``hcnetsdk doctor``: find the SDK the way a program would, check its files, libuuid and the
CPU architecture, load it, print its version and what to do.

The checks are the library's (``hcnetsdk._doctor.diagnose``, which returns a report as data);
this module only names where the SDK comes from (``--simulator``, ``--library``) and renders
the report as text or JSON. Exit status 0 when the SDK is usable, else 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .. import errors
from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    LIB_README,
    PROG,
    Command,
    add_json_option,
    add_sdk_options,
    echo,
    error_dict,
    print_json,
    sdk_spec,
)

if TYPE_CHECKING:
    from .._doctor import DoctorReport


def _configure(parser: argparse.ArgumentParser) -> None:
    add_json_option(parser)
    add_sdk_options(parser, top_level=False)


def _source_label(args: argparse.Namespace) -> str | None:
    """The option that named the SDK, for messages; None: the loader's label (env or search)."""
    if getattr(args, "simulator", False):
        return "--simulator"
    if getattr(args, "library", None) is not None:
        return "--library"
    return None


def _run(args: argparse.Namespace) -> int:
    from .. import _doctor

    report = _doctor.diagnose(sdk_spec(args), source=_source_label(args))
    if args.json:
        print_json(report_dict(report))
    else:
        for line in report_text(report):
            echo(line)
    return EXIT_OK if report.ok else EXIT_FAILED


def report_dict(report: DoctorReport) -> dict[str, Any]:
    """The report as JSON: these keys, in this order, whatever the report holds."""
    error: dict[str, Any] | None = None
    if report.error is not None:
        error = error_dict(report.error)
        if report.error_stage == "load" and isinstance(report.error, errors.SDKNotFoundError):
            error["attempts"] = [list(pair) for pair in report.error.attempts]
    return {
        "ok": report.ok,
        "python": report.python,
        "source": report.source,
        "location": report.location,
        "simulator": report.simulator,
        "files": [
            {
                "name": entry.name,
                "kind": entry.kind,
                "what": entry.what,
                "present": entry.present,
                "path": entry.path,
                "detail": entry.detail,
                "status": entry.status,
            }
            for entry in report.files
        ],
        "libuuid": report.libuuid,
        "library": report.library,
        "folder": report.folder,
        "sdk_version": report.sdk_version,
        "error": error,
        "problems": report.problems,
        "warnings": report.warnings,
        "advice": report.advice,
    }


_STATUS_WIDTH = 9


def report_text(report: DoctorReport) -> Iterator[str]:
    """The report as the lines ``hcnetsdk doctor`` prints."""
    from .._loader import ENV_VAR, SIMULATOR

    yield f"{PROG} doctor"
    yield ""
    yield f"Python:   {report.python}"
    where = {
        "--simulator": "the simulator (--simulator)",
        "--library": f"{report.location} (--library)",
        ENV_VAR: f"{report.location} (from {ENV_VAR})",
        "search": f"{ENV_VAR} is not set: searching the loader's path and ./lib",
    }[report.source]
    if report.simulator and report.source == ENV_VAR:
        where = f"the simulator ({ENV_VAR}={SIMULATOR})"
    yield f"SDK from: {where}"
    if report.files:
        yield ""
        yield f"Files in {report.folder}:"
        for entry in report.files:
            status: str = entry.status
            if status == "missing" and entry.kind == "required":
                status = "MISSING"
            kind = "" if entry.kind == "required" else f" [{entry.kind}]"
            detail = f": {entry.detail}" if entry.detail else ""
            yield f"  {status:<{_STATUS_WIDTH}} {entry.name:<24} {entry.what}{kind}{detail}"
    elif report.simulator:
        yield ""
        yield "Files:    the simulator is one self-contained library (no companion files)"
    if report.libuuid_checked:
        yield ""
        found = report.libuuid
        yield "System:"
        yield f"  {'ok' if found else 'MISSING':<{_STATUS_WIDTH}} libuuid                  " + (
            found or "not found by the loader"
        )
    yield ""
    yield "Loading:"
    if report.sdk_version is not None:
        yield f"  {'ok':<{_STATUS_WIDTH}} {report.library or '(path unknown)'}"
        yield f"  {'ok':<{_STATUS_WIDTH}} SDK version {report.sdk_version}"
    elif report.error is not None:
        yield f"  {'FAILED':<{_STATUS_WIDTH}} {type(report.error).__name__}"
        for line in str(report.error).splitlines():
            yield f"    {line}"
    else:
        yield f"  {'skipped':<{_STATUS_WIDTH}}"
    for title, texts in (
        ("Problems:", report.problems),
        ("Warnings:", report.warnings),
        ("What to do:", report.advice),
    ):
        if texts:
            yield ""
            yield title
            yield from (f"  - {text}" for text in texts)
    yield ""
    if report.ok:
        yield "Result: the SDK is usable."
    else:
        yield f"Result: the SDK cannot be used (exit status {EXIT_FAILED}); see {LIB_README}."


COMMAND = Command("doctor", "check the SDK install: files, architecture, version", _configure, _run)
