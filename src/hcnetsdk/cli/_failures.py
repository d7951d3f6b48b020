"""How the command reports a failure: never a traceback. One clear line on stderr, prefixed
``hcnetsdk COMMAND: error:`` (the SDK's own multi-line messages keep their lines), or with
``--json`` one JSON object on stdout, ``{..., "ok": false, "error": {...}}``, whose ``error`` has
the keys of :func:`hcnetsdk.cli._common.error_dict`.

Exit status: 2 a usage error (a bad argument, no password), 130 Ctrl-C (the shell's convention
for SIGINT), 1 anything else: an SDK error, an SDK that cannot be used, a file system error, or
an exception nobody expected (then the line says it is a bug and where to report it).

Imports no ctypes at module level: ``explain`` and ``errors`` fail through here too.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from .. import errors
from ._common import (
    EXIT_FAILED,
    EXIT_USAGE,
    PROG,
    CommandError,
    command_name,
    error_dict,
    print_json,
    short_error,
)

__all__ = [
    "EXIT_INTERRUPTED",
    "ISSUES_URL",
    "Parser",
    "ParserError",
    "failure_lines",
    "load_failure",
    "report",
]

EXIT_INTERRUPTED = 130
"""Ctrl-C: 128 + SIGINT, what shells report for a command stopped by it."""
ISSUES_URL = "https://github.com/hcnetsdk/hcnetsdk/issues"
"""Where an unexpected error should be reported (``[project.urls] Issues``)."""


class ParserError(Exception):
    """A usage error found by argparse; ``usage`` is the parser's usage line."""

    def __init__(self, message: str, usage: str, prog: str) -> None:
        super().__init__(message)
        self.usage = usage
        self.prog = prog


class Parser(argparse.ArgumentParser):
    """argparse, except that a usage error is raised (so that ``--json`` can make it JSON) rather
    than printed and exited on. Subparsers are made of the same class."""

    def error(self, message: str) -> NoReturn:
        raise ParserError(message, self.format_usage(), self.prog)


def _usage_error(exc: BaseException) -> bool:
    from .._password import PasswordUnavailableError

    return isinstance(exc, (CommandError, ParserError, PasswordUnavailableError))


def _simulator_spec(spec: str | None) -> bool:
    from .._loader import is_simulator, requested_location

    return is_simulator(requested_location(spec)[0])


def _not_found_lines(exc: errors.SDKNotFoundError, spec: str | None) -> list[str]:
    """The loader's "not found" in shell terms: where it looked, why each place failed, and the
    options and commands that help (the loader's own text speaks Python: ``HCNetSDK(...)``)."""
    from .._doctor_files import plain_reason
    from .._loader import ENV_VAR, requested_location, standard_name

    how = requested_location(spec)[1]
    where = {"argument": "at the place --library names", ENV_VAR: f"at the place {ENV_VAR} names"}
    lines = [
        f"the HCNetSDK library ({standard_name()}) was not found "
        + where.get(how, f"({ENV_VAR} is not set; searched the loader's path and ./lib)")
        + ". Tried:"
    ]
    for candidate, reason in exc.attempts:
        if how == "search":
            lines.append(f"  - {candidate}: {plain_reason(reason, standard_name())}")
        else:  # the loader's reason starts with the file it tried
            file, _, why = reason.partition(": ")
            lines.append(f"  - {file}: {plain_reason(why)}" if why else f"  - {reason}")
    cmd = command_name()
    lines.append(
        f"Point --library at the SDK folder (the lib/ folder of the vendor's package) or set "
        f"{ENV_VAR} to it; `{cmd} doctor` checks an install, `{cmd} doctor --guide` says how to "
        "get one. No SDK yet? --simulator runs against the simulator."
    )
    return lines


def failure_lines(exc: BaseException, spec: str | None = None) -> list[str]:
    """What went wrong, as the lines to print; ``spec`` names the SDK that was being opened."""
    if isinstance(exc, KeyboardInterrupt):
        return ["interrupted"]
    if _usage_error(exc):
        return str(exc).splitlines() or [type(exc).__name__]
    if isinstance(exc, errors.SDKNotFoundError) and exc.attempts and not _simulator_spec(spec):
        return _not_found_lines(exc, spec)
    if isinstance(exc, errors.SDKLoadError):
        lines = str(exc).splitlines() or [type(exc).__name__]
        if not _simulator_spec(spec) and not isinstance(exc, errors.SDKPathError):
            lines.append(f"`{command_name()} doctor` checks the whole install.")
        return lines
    if isinstance(exc, errors.HCNetSDKError):
        return [f"{short_error(exc)}; `{command_name()} explain {exc.code}` tells more"]
    if isinstance(exc, OSError) and _simulator_spec(spec):  # building it in its cache
        from .._simulator import CACHE_ENV, default_cache_dir

        return [
            f"cannot build the simulated SDK: {type(exc).__name__}: {exc}. Its build cache is "
            f"{default_cache_dir()}; set {CACHE_ENV} to a folder you can write to."
        ]
    if isinstance(exc, OSError):  # the file system or the OS said no: not a bug of hcnetsdk
        return [f"{type(exc).__name__}: {exc}"]
    return [
        f"{type(exc).__name__}: {exc} (an unexpected error, a bug of hcnetsdk: please report it "
        f"at {ISSUES_URL})"
    ]


def _json_error(exc: BaseException, lines: list[str]) -> dict[str, Any]:
    data = error_dict(exc)
    if isinstance(exc, KeyboardInterrupt):
        data.update({"class": "KeyboardInterrupt", "catch_as": [], "message": "interrupted"})
        data["description"] = "interrupted"
    elif _usage_error(exc):
        data.update({"class": "UsageError", "catch_as": [], "message": str(exc)})
    elif not isinstance(exc, errors.HCNetSDKError):
        data["message"] = "\n".join(lines)
    return data


def exit_status(exc: BaseException) -> int:
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    return EXIT_USAGE if _usage_error(exc) else EXIT_FAILED


def report(
    exc: BaseException,
    *,
    command: str | None,
    as_json: bool,
    extra: dict[str, Any] | None = None,
    spec: str | None = None,
) -> int:
    """Print ``exc`` as a failure of ``command`` and return the exit status."""
    lines = failure_lines(exc, spec)
    if as_json:
        print_json({**(extra or {}), "ok": False, "error": _json_error(exc, lines)})
        return exit_status(exc)
    where = f"{PROG} {command}" if command else PROG
    if isinstance(exc, ParserError):
        print(exc.usage, end="", file=sys.stderr)
        where = exc.prog
    if isinstance(exc, KeyboardInterrupt):
        print(f"{where}: interrupted", file=sys.stderr)
    else:
        print(f"{where}: error: {lines[0]}", file=sys.stderr)
        for line in lines[1:]:
            print(line, file=sys.stderr)
    return exit_status(exc)


def load_failure(
    exc: BaseException, as_json: bool, extra: dict[str, Any], command: str, spec: str | None
) -> int:
    """An SDK that could not be opened, in the command's own JSON shape (``extra``)."""
    return report(exc, command=command, as_json=as_json, extra=extra, spec=spec)
