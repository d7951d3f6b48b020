"""``hcnetsdk doctor``: find the SDK the way a program would, check its files, libuuid and the
CPU architecture, load it, print its version, and say what is wrong and what to do, each
finding once with its one action. ``doctor --guide`` prints the install guide that ships inside
the package (so that every install has it, not only a clone).

The checks are the library's (``hcnetsdk._doctor.diagnose``, which returns a report as data);
this module only names where the SDK comes from (``--simulator``, ``--library``) and renders
the report as text or JSON. Exit status 0 when the SDK is usable, else 1.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any

from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    PROG,
    Command,
    add_json_option,
    add_sdk_options,
    command_name,
    echo,
    error_dict,
    print_json,
    sdk_spec,
)

if TYPE_CHECKING:
    from .._doctor import DoctorReport
    from .._doctor_files import FileCheck

GUIDE = "install_guide.md"
"""The install guide, package data of ``hcnetsdk``."""


def install_guide() -> str:
    """The install guide's text (Markdown), from the installed package."""
    return resources.files("hcnetsdk").joinpath(GUIDE).read_text(encoding="utf-8")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--guide",
        action="store_true",
        help="print the install guide: where to get the vendor's SDK, its files, where to put "
        "them, how to check them",
    )
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
    if args.guide:
        if args.json:
            print_json({"guide": install_guide()})
        else:
            echo(install_guide().rstrip("\n"))
        return EXIT_OK
    from .. import _doctor

    report = _doctor.diagnose(sdk_spec(args), source=_source_label(args), command=command_name())
    if args.json:
        print_json(report_dict(report))
    else:
        for line in report_text(report):
            echo(line)
    return EXIT_OK if report.ok else EXIT_FAILED


def report_dict(report: DoctorReport) -> dict[str, Any]:
    """The report as JSON: these keys, in this order, whatever the report holds."""
    return {
        "ok": report.ok,
        "python": report.python,
        "source": report.source,
        "location": report.location,
        "place": report.place,
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
        "error": None if report.error is None else error_dict(report.error),
        "findings": [
            {"severity": f.severity, "about": f.about, "text": f.text, "action": f.action}
            for f in report.findings
        ],
        "problems": report.problems,
        "warnings": report.warnings,
        "advice": report.advice,
    }


_LABELS = {"wrong architecture": "wrong arch", "not a library": "not a lib"}
_STATUS_WIDTH = max(len(label) for label in [*_LABELS.values(), "missing", "skipped", "failed"])
_NAME_WIDTH = 24


def _row(status: str, name: str, text: str) -> str:
    return f"  {status:<{_STATUS_WIDTH}} {name:<{_NAME_WIDTH}} {text}".rstrip()


def _file_row(entry: FileCheck, usable: bool) -> str:
    """A file's row: its status in capitals when it keeps the SDK from loading (a required
    file, while the library did not load and answer)."""
    label = _LABELS.get(entry.status, entry.status)
    if entry.status != "ok" and entry.kind == "required" and not usable:
        label = label.upper()
    kind = "" if entry.kind == "required" else f" [{entry.kind}]"
    detail = f": {entry.detail}" if entry.detail else ""
    return _row(label, entry.name, f"{entry.what}{kind}{detail}")


def _where(report: DoctorReport) -> str:
    """Where the SDK comes from: the absolute place, and how it was named when that differs."""
    from .._loader import ENV_VAR, SIMULATOR

    if report.simulator:
        given = f"{ENV_VAR}={SIMULATOR}" if report.source == ENV_VAR else report.source
        return f"the simulator ({given})"
    if report.source == "search":
        return f"{ENV_VAR} is not set: searching the loader's path and ./lib"
    place = report.place or report.location or ""
    how = {ENV_VAR: f"from {ENV_VAR}", "argument": "the library argument"}.get(
        report.source, report.source
    )
    if report.location is not None and report.location != place:
        how += f"={report.location}" if report.source == ENV_VAR else f" {report.location}"
    return f"{place} ({how})"


def _loading(report: DoctorReport) -> Iterator[str]:
    from .._doctor_files import plain_reason
    from .._loader import standard_name
    from ..errors import SDKNotFoundError

    if report.sdk_version is not None:
        yield _row("ok", "library", report.library or "(path unknown)")
        yield _row("ok", "SDK version", report.sdk_version)
        return
    error = report.error
    if error is None:
        yield _row("skipped", "", "")
        return
    stage = {"simulator": "not built", "load": "not loaded", "init": "not initialised"}
    yield _row("FAILED", type(error).__name__, stage[report.error_stage or "load"])
    if isinstance(error, SDKNotFoundError) and error.attempts and report.source == "search":
        for candidate, reason in error.attempts:
            yield from _wrap(
                f"tried {candidate}: {plain_reason(reason, standard_name())}", "    ", "      "
            )
    elif report.error_stage == "simulator":
        yield from (f"    {line}" for line in str(error).splitlines()[1:])


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """At 100 columns, never breaking a path or a command at a hyphen or inside a word."""
    return textwrap.wrap(
        text,
        100,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _findings(title: str, findings: list[tuple[str, str]]) -> Iterator[str]:
    if not findings:
        return
    yield ""
    yield title
    for number, (text, action) in enumerate(findings, 1):
        stop = "" if text.endswith((".", "!", "?")) else "."
        yield from _wrap(f"{number}. {text}{stop}", "  ", "     ")
        yield from _wrap(f"What to do: {action}", "     ", "       ")


def report_text(report: DoctorReport) -> Iterator[str]:
    """The report as the lines ``hcnetsdk doctor`` prints."""
    usable = report.sdk_version is not None
    yield f"{PROG} doctor"
    yield ""
    yield f"Python:   {report.python}"
    yield f"SDK from: {_where(report)}"
    if report.files:
        yield ""
        yield f"Files in {report.folder}:"
        yield from (_file_row(entry, usable) for entry in report.files)
    elif report.simulator:
        yield ""
        yield "Files:    the simulator is one self-contained library (no companion files)"
    if report.libuuid_checked:
        yield ""
        yield "System:"
        label = "ok" if report.libuuid else ("missing" if usable else "MISSING")
        yield _row(label, "libuuid", report.libuuid or "not found by the system's loader")
    yield ""
    yield "Loading:"
    yield from _loading(report)
    problems = [(f.text, f.action) for f in report.findings if f.severity == "problem"]
    warnings = [(f.text, f.action) for f in report.findings if f.severity == "warning"]
    yield from _findings("Problems:", problems)
    yield from _findings("Warnings:", warnings)
    yield ""
    if report.ok:
        extra = f" ({len(warnings)} warning{'s' if len(warnings) > 1 else ''})" if warnings else ""
        yield f"Result: the SDK is usable{extra}."
    else:
        guide = (
            "" if report.simulator else f" The install guide: `{command_name()} doctor --guide`."
        )
        yield f"Result: the SDK cannot be used (exit status {EXIT_FAILED}).{guide}"


COMMAND = Command("doctor", "check the SDK install: files, architecture, version", _configure, _run)
