"""The ``hcnetsdk`` command (also ``python -m hcnetsdk``).

Synopsis::

    hcnetsdk [--simulator | --library PATH] COMMAND [options]

Subcommands:

* ``explain CODE|NAME``  what an error code means: name, class, categories, descriptions, hints;
* ``errors``             list the error table, filtered by ``--section`` / ``--category``;
* ``doctor``             find the SDK the way a program would, check its files, the system
  library libuuid and the CPU architecture, load it, print its version and what to do;
* ``login HOST``         log into a device (``--port``, ``--user``, timeouts) and print what it
  reported; the password comes from ``HCNETSDK_PASSWORD`` or a prompt, never from the command
  line;
* ``demo``               a login round against the simulator: device information, then typed
  failures (wrong password, locked account, unreachable device) and how to catch them.

Every subcommand takes ``--json`` (machine-readable output with stable keys; failures of
``login``, ``doctor`` and ``demo`` are JSON too). Where the SDK comes from, for ``doctor``,
``login`` and ``demo``: ``--simulator`` (the fake SDK compiled from the package's C stubs; needs a
C compiler), ``--library PATH`` (the SDK folder or library file), else ``HCNETSDK_LIB``, else the
search described in ``hcnetsdk._loader``. These two options may be given before or after the
subcommand. ``demo`` always uses the simulator.

Each subcommand is a ``Command`` (name, help, a function adding its arguments, a function running
it) in ``COMMANDS``; add new ones there. ``explain`` and ``errors`` import only
``hcnetsdk.errors`` (no ctypes, no SDK); the SDK modules are imported by the subcommands that
use them.

Exit status:

* 0: success (``doctor``: the SDK is usable);
* 1: the operation failed: an SDK error (e.g. a failed login), or the SDK cannot be used (not
  found, wrong architecture, required files missing);
* 2: usage error: a malformed or unknown argument, no password available (message on stderr,
  prefixed ``hcnetsdk <command>: error:``).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from . import errors
from ._base import CODE_TO_CLASS
from ._codes import CATEGORY_KEYS, SECTIONS

if TYPE_CHECKING:
    from ._doctor import DoctorReport
    from .device import DeviceInfo
    from .sdk import HCNetSDK

__all__ = [
    "COMMANDS",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "PASSWORD_ENV",
    "Command",
    "CommandError",
    "build_parser",
    "main",
]

PROG = "hcnetsdk"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: Environment variable the ``login`` subcommand reads the password from.
PASSWORD_ENV = "HCNETSDK_PASSWORD"
LIB_README = "lib/README.md"


class CommandError(Exception):
    """A usage error a subcommand reports: printed as ``hcnetsdk CMD: error: ...``, exit 2."""


class Command(NamedTuple):
    """One subcommand: ``configure`` adds its arguments, ``run`` does the work (exit status)."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _print(text: str = "") -> None:
    print(text)


# --- explain ----------------------------------------------------------------------------------


def _parse_code_or_name(text: str) -> errors.ErrorInfo:
    value = text.strip()
    if not value:
        raise CommandError("expected an error code or name, got an empty string")
    number: int | None = None
    if value.lstrip("+-").isdigit():
        number = int(value)
    elif value.lower().startswith("0x"):
        try:
            number = int(value, 16)
        except ValueError:
            raise CommandError(f"not an error code or name: {text!r}") from None
    if number is not None:
        if number < 0:
            raise CommandError(f"error codes are not negative: {number}")
        try:
            return errors.lookup(number)
        except KeyError:
            raise CommandError(
                f"unknown error code {number}: not in the error table nor in the 6.1.9.x header"
            ) from None
    if not value.replace("_", "").isalnum() or not value.isascii() or value[0].isdigit():
        raise CommandError(f"not an error code or name: {text!r}")
    try:
        return errors.lookup(value)
    except KeyError:
        raise CommandError(
            f"unknown error name {value!r} (try an SDK constant such as NET_DVR_PASSWORD_ERROR, "
            "a class name such as PasswordError, or a code)"
        ) from None


_NOT_CATEGORIES = (errors.HCNetSDKError, Exception, BaseException, OSError, object)


def _category_names(cls: type[BaseException], own_class: bool) -> list[str]:
    """The classes one can catch this code by: its (parent) classes up to HCNetSDKError, and
    builtins such as ConnectionError. ``own_class``: skip ``cls``, the code's own class."""
    mro = cls.__mro__[1:] if own_class else cls.__mro__
    return [base.__name__ for base in mro if base not in _NOT_CATEGORIES]


def _categories(info: errors.ErrorInfo) -> list[str]:
    own = CODE_TO_CLASS.get(info.code) is info.exception_class
    return _category_names(info.exception_class, own)


def _info_dict(info: errors.ErrorInfo) -> dict[str, Any]:
    hints = info.hints
    return {
        "code": info.code,
        "name": info.name,
        "aliases": list(info.aliases),
        "class": info.class_path,
        "categories": _categories(info),
        "section": info.section,
        "section_title": info.section_title,
        "description": info.description,
        "description_zh": info.description_zh,
        "in_table": info.in_table,
        "hints": None if hints is None else hints._asdict(),
    }


def _numbered(title: str, items: Sequence[str]) -> list[str]:
    if not items:
        return []
    return ["", title, *(f"  {number}. {item}" for number, item in enumerate(items, 1))]


def _explain_text(info: errors.ErrorInfo) -> list[str]:
    lines = [f"{info.name} ({info.code})"]
    fields: list[tuple[str, str]] = [("class", info.class_path)]
    fields.append(("categories", ", ".join(_categories(info)) or "-"))
    if info.section:
        fields.append(("section", f"{info.section_title} ({SECTIONS[info.section][1]})"))
    if info.aliases:
        fields.append(("also named", ", ".join(info.aliases)))
    fields.append(("description", info.description or "(no description in hcnetsdk's table)"))
    if info.description_zh:
        fields.append(("description (zh)", info.description_zh))
    if not info.in_table:
        fields.append(("note", "not in the user's error table; named by the 6.1.9.x header"))
    width = max(len(label) for label, _ in fields) + 1
    lines += [f"  {label + ':':<{width}} {value}" for label, value in fields]
    hints = info.hints
    if hints is not None:
        if hints.note:
            lines += ["", hints.note]
        lines += _numbered("Possible causes:", hints.causes)
        lines += _numbered("Solutions:", hints.solutions)
        if hints.note_zh:
            lines += ["", f"Note (Chinese): {hints.note_zh}"]
        lines += _numbered("Possible causes (Chinese):", hints.causes_zh)
        lines += _numbered("Solutions (Chinese):", hints.solutions_zh)
    return lines


def _configure_explain(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "code",
        metavar="CODE|NAME",
        help="an error code (7), an SDK constant (NET_DVR_NETWORK_FAIL_CONNECT, any case) or an "
        "exception class name (NetworkFailConnectError)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def _run_explain(args: argparse.Namespace) -> int:
    info = _parse_code_or_name(args.code)
    if args.json:
        _print(json.dumps(_info_dict(info), ensure_ascii=False, indent=2))
    else:
        for line in _explain_text(info):
            _print(line)
    return 0


# --- errors -----------------------------------------------------------------------------------


def _resolve_section(value: str) -> str:
    wanted = value.strip().lower()
    for key, cls in errors.section_classes().items():
        if wanted in (key, key.replace("_", "-"), cls.__name__.lower()):
            return key
    choices = ", ".join(SECTIONS)
    raise CommandError(f"unknown section {value!r} (choose from: {choices})")


def _resolve_category(value: str) -> str:
    """A category key or class name (case-insensitive) -> the class name to match in the MRO."""
    wanted = value.strip().lower()
    for key, cls in errors.category_classes().items():
        if wanted in (key, key.replace("_", "-"), cls.__name__.lower()):
            return cls.__name__
    for name in ("ConnectionError", "TimeoutError", "PermissionError"):
        if wanted == name.lower():
            return name
    choices = ", ".join(CATEGORY_KEYS)
    raise CommandError(f"unknown category {value!r} (choose from: {choices}, or a class name)")


def _configure_errors(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--section", help="only this section: " + ", ".join(SECTIONS) + " (or its class name)"
    )
    parser.add_argument(
        "--category",
        help="only codes of this category: "
        + ", ".join(CATEGORY_KEYS)
        + " (or a class name such as AuthenticationError or TimeoutError)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="also list the codes of the 6.1.9.x header that have no table entry",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def _all_codes(include_header: bool) -> list[int]:
    from ._base import ROWS, TABLE_CODES, header_names

    codes = set(ROWS) if include_header else set(TABLE_CODES)
    if include_header:
        codes |= set(header_names())
    return sorted(codes)


def _run_errors(args: argparse.Namespace) -> int:
    section = _resolve_section(args.section) if args.section else None
    category = _resolve_category(args.category) if args.category else None
    infos = []
    for code in _all_codes(args.all):
        info = errors.lookup(code)
        if section is not None and info.section != section:
            continue
        if category is not None and category not in _categories(info):
            continue
        infos.append(info)
    if args.json:
        _print(json.dumps([_info_dict(info) for info in infos], ensure_ascii=False, indent=2))
        return 0
    if not infos:
        _print("no matching error codes")
        return 0
    name_width = max(len(info.name) for info in infos)
    class_width = max(len(info.exception_class.__name__) for info in infos)
    for info in infos:
        _print(
            f"{info.code:>5}  {info.name:<{name_width}}  "
            f"{info.exception_class.__name__:<{class_width}}  {info.description}".rstrip()
        )
    return 0


# --- SDK selection (global options) -------------------------------------------------------------


def _add_sdk_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    """``--simulator`` / ``--library``: on the main parser (before the subcommand) and on each SDK
    subcommand (after it). The subcommand's copies default to SUPPRESS so that they never
    overwrite a value given before the subcommand."""
    group = parser.add_argument_group("where the SDK comes from (default: $HCNETSDK_LIB, search)")
    group.add_argument(
        "--simulator",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="use the simulated SDK (compiled from the package's C stubs; needs a C compiler)",
    )
    group.add_argument(
        "--library",
        metavar="PATH",
        default=None if top_level else argparse.SUPPRESS,
        help="the SDK folder (holding libhcnetsdk.so / HCNetSDK.dll) or the library file",
    )


def _sdk_spec(args: argparse.Namespace) -> str | None:
    """What to pass as ``HCNetSDK(library=...)``: "simulator", a path, or None (env/search)."""
    simulator = bool(getattr(args, "simulator", False))
    library: str | None = getattr(args, "library", None)
    if simulator and library is not None:
        raise CommandError("give either --simulator or --library, not both")
    if simulator:
        return "simulator"
    if library is not None:
        if not library.strip():
            raise CommandError("--library needs a path (the SDK folder or the library file)")
        return library
    return None


def _source_label(args: argparse.Namespace) -> str | None:
    """The option that named the SDK, for messages; None: the loader's label (env or search)."""
    if getattr(args, "simulator", False):
        return "--simulator"
    if getattr(args, "library", None) is not None:
        return "--library"
    return None


def _open_sdk(spec: str | None) -> HCNetSDK:
    from .sdk import HCNetSDK

    return HCNetSDK(spec)


# --- rendering errors and devices -----------------------------------------------------------

_NOT_CATCHABLE = (Exception, BaseException, OSError, object)


def _catch_as(cls: type[BaseException]) -> list[str]:
    """Every class one can catch an exception of ``cls`` by, most specific first."""
    return [base.__name__ for base in cls.__mro__ if base not in _NOT_CATCHABLE]


def _error_dict(exc: BaseException) -> dict[str, Any]:
    """Stable JSON keys for any exception; SDK errors carry their code and hints."""
    data: dict[str, Any] = {
        "class": type(exc).__name__,
        "catch_as": _catch_as(type(exc)),
        "code": None,
        "name": None,
        "description": str(exc),
        "description_zh": "",
        "function": None,
        "attempts_left": None,
        "lock_seconds": None,
        "hints": None,
        "message": str(exc),
    }
    if isinstance(exc, errors.HCNetSDKError):
        hints = exc.hints
        data.update(
            code=exc.code,
            name=exc.name,
            description=exc.description,
            description_zh=exc.description_zh,
            function=exc.function,
            attempts_left=exc.attempts_left,
            lock_seconds=exc.lock_seconds,
            hints=None if hints is None else hints._asdict(),
        )
    return data


def _short_error(exc: BaseException) -> str:
    """One line: ``PasswordError (1 NET_DVR_PASSWORD_ERROR): user name ... (4 attempts left)``."""
    if not isinstance(exc, errors.HCNetSDKError):
        return f"{type(exc).__name__}: {exc}"
    extra = []
    if exc.attempts_left is not None:
        extra.append(f"{exc.attempts_left} attempt{'' if exc.attempts_left == 1 else 's'} left")
    if exc.lock_seconds:
        extra.append(f"locked for {exc.lock_seconds} s")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"{type(exc).__name__} ({exc.code} {exc.name}): {exc.description}{tail}"


def _error_lines(exc: BaseException) -> list[str]:
    """A failure in full: class, code, name, descriptions, lockout, what to catch, hints."""
    if not isinstance(exc, errors.HCNetSDKError):
        return [f"{type(exc).__name__}: {exc}"]
    where = f" in {exc.function}" if exc.function else ""
    fields: list[tuple[str, str]] = [
        ("code", f"{exc.code} ({exc.name}){where}"),
        ("description", exc.description),
    ]
    if exc.description_zh:
        fields.append(("description (zh)", exc.description_zh))
    if exc.attempts_left is not None:
        fields.append(("attempts left", f"{exc.attempts_left} before the account locks"))
    if exc.lock_seconds:
        minutes = f" ({exc.lock_seconds / 60:.0f} min)" if exc.lock_seconds >= 120 else ""
        fields.append(("locked for", f"{exc.lock_seconds} s{minutes}"))
    fields.append(("catch it as", ", ".join(_catch_as(type(exc)))))
    width = max(len(label) for label, _ in fields) + 1
    lines = [f"{type(exc).__name__}: the SDK reported error {exc.code}"]
    lines += [f"  {label + ':':<{width}} {value}" for label, value in fields]
    hints = exc.hints
    if hints is not None:
        if hints.note:
            lines += ["", hints.note]
        lines += _numbered("Possible causes:", hints.causes)
        lines += _numbered("Solutions:", hints.solutions)
    lines += ["", f"More (with the Chinese original): {PROG} explain {exc.code}"]
    return lines


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _device_fields(info: DeviceInfo) -> list[tuple[str, str]]:
    from .device import PasswordLevel

    level = info.password_level
    level_text = level.name.lower() if isinstance(level, PasswordLevel) else str(level)
    if level == PasswordLevel.DEFAULT:
        level_text += " (the factory default password: change it)"
    elif level == PasswordLevel.RISKY:
        level_text += " (a weak password: change it)"
    fields = [
        ("serial number", info.serial_number or "(not reported)"),
        ("device type", f"{info.device_type} (DVR type {info.dvr_type})"),
        ("analog channels", f"{info.analog_channels} (first: {info.start_channel})"),
        ("IP channels", f"{info.ip_channels} (first: {info.start_ip_channel})"),
        ("disks", str(info.disks)),
        ("alarm in/out", f"{info.alarm_inputs} / {info.alarm_outputs}"),
        ("password level", level_text),
    ]
    if info.supports_lock:
        fields.append(("login attempts", f"{info.retry_login_left} before the account locks"))
    if info.residual_validity_days is not None:
        fields.append(("password expires", f"in {info.residual_validity_days} days"))
    fields.append(("TLS capable", _yes_no(info.tls_capable)))
    fields.append(("text encoding", info.encoding))
    return fields


def _device_lines(info: DeviceInfo, indent: str = "  ") -> list[str]:
    fields = _device_fields(info)
    width = max(len(label) for label, _ in fields) + 1
    return [f"{indent}{label + ':':<{width}} {value}" for label, value in fields]


def _device_dict(info: DeviceInfo) -> dict[str, Any]:
    data = info.as_dict()
    return {
        key: (list(value) if isinstance(value, tuple) else value)
        if not isinstance(value, int) or isinstance(value, bool)
        else int(value)
        for key, value in data.items()
    }


def _print_json(data: object) -> None:
    _print(json.dumps(data, ensure_ascii=False, indent=2))


def _load_failure(exc: errors.SDKLoadError, as_json: bool, extra: dict[str, Any]) -> int:
    if as_json:
        _print_json({**extra, "ok": False, "error": _error_dict(exc)})
    else:
        print(f"{PROG}: cannot use the SDK: {type(exc).__name__}", file=sys.stderr)
        print(str(exc), file=sys.stderr)
        print(
            f"Run `{PROG} doctor` to check the install (see {LIB_README}), or try the "
            "simulator: --simulator.",
            file=sys.stderr,
        )
    return EXIT_FAILED


# --- doctor -----------------------------------------------------------------------------------


def _configure_doctor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")
    _add_sdk_options(parser, top_level=False)


def _run_doctor(args: argparse.Namespace) -> int:
    from . import _doctor

    report = _doctor.diagnose(_sdk_spec(args), source=_source_label(args))
    if args.json:
        _print_json(_doctor_dict(report))
    else:
        for line in _doctor_text(report):
            _print(line)
    return EXIT_OK if report.ok else EXIT_FAILED


def _doctor_dict(report: DoctorReport) -> dict[str, Any]:
    error: dict[str, Any] | None = None
    if report.error is not None:
        error = _error_dict(report.error)
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


def _doctor_text(report: DoctorReport) -> Iterator[str]:
    from ._loader import ENV_VAR, SIMULATOR

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
    if report.problems:
        yield ""
        yield "Problems:"
        yield from (f"  - {text}" for text in report.problems)
    if report.warnings:
        yield ""
        yield "Warnings:"
        yield from (f"  - {text}" for text in report.warnings)
    if report.advice:
        yield ""
        yield "What to do:"
        yield from (f"  - {text}" for text in report.advice)
    yield ""
    if report.ok:
        yield "Result: the SDK is usable."
    else:
        yield f"Result: the SDK cannot be used (exit status {EXIT_FAILED}); see {LIB_README}."


# --- login ------------------------------------------------------------------------------------


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, not {value}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0.001 <= value <= 4_000_000:  # finite, at least 1 ms, fits the SDK's DWORD of ms
        raise argparse.ArgumentTypeError(f"seconds must be between 0.001 and 4000000: {text!r}")
    return value


def _read_password(prompt: str) -> str:
    """``HCNETSDK_PASSWORD``, else a prompt on a terminal, else a usage error."""
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise CommandError(
            f"no password: set {PASSWORD_ENV} (stdin is not a terminal, so it cannot prompt; "
            "passwords are never taken from the command line)"
        )
    password = getpass.getpass(prompt)
    if not password:
        raise CommandError("empty password")
    return password


def _configure_login(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("host", help="the device's IP address (or a resolvable host name)")
    parser.add_argument("--port", type=_port, default=8000, help="SDK port (default: 8000)")
    parser.add_argument("--user", default="admin", help="user name (default: admin)")
    parser.add_argument(
        "--connect-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="how long connecting may take (NET_DVR_SetConnectTime)",
    )
    parser.add_argument(
        "--recv-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="how long to wait for the device's reply (NET_DVR_SetRecvTimeOut; SDK default 5)",
    )
    parser.add_argument("--https", action="store_true", help="log in over TLS")
    parser.add_argument("--json", action="store_true", help="print JSON")
    _add_sdk_options(parser, top_level=False)
    parser.epilog = (
        f"The password is read from ${PASSWORD_ENV}, else prompted for on a terminal; it is "
        "never a command-line argument and never printed."
    )


def _run_login(args: argparse.Namespace) -> int:
    spec = _sdk_spec(args)
    password = _read_password(f"Password for {args.user}@{args.host}:{args.port}: ")
    target = {"host": args.host, "port": args.port, "user": args.user}
    try:
        sdk = _open_sdk(spec)
    except errors.SDKLoadError as exc:
        return _load_failure(exc, args.json, target)
    with sdk:
        if args.connect_timeout is not None:
            sdk.set_connect_timeout(args.connect_timeout)
        if args.recv_timeout is not None:
            sdk.set_recv_timeout(args.recv_timeout)
        try:
            device = sdk.login(
                args.host, args.port, username=args.user, password=password, https=args.https
            )
        except errors.HCNetSDKError as exc:
            if args.json:
                _print_json({**target, "ok": False, "error": _error_dict(exc)})
            else:
                print(f"Login to {args.user}@{args.host}:{args.port} failed.\n", file=sys.stderr)
                for line in _error_lines(exc):
                    print(line, file=sys.stderr)
            return EXIT_FAILED
        except ValueError as exc:  # e.g. a host name that does not resolve
            raise CommandError(str(exc)) from None
        finally:
            del password
        with device:
            info = device.info
            if args.json:
                _print_json(
                    {
                        **target,
                        "ok": True,
                        "address": device.address,
                        "sdk_version": str(sdk.version),
                        "device": _device_dict(info),
                    }
                )
            else:
                _print(
                    f"Logged in to {args.user}@{args.host}:{args.port} "
                    f"(SDK {sdk.version}, {sdk.source})"
                )
                for line in _device_lines(info):
                    _print(line)
    return EXIT_OK


# --- demo -------------------------------------------------------------------------------------

_DEMO_CATCH = """\
How to catch these in your code (hcnetsdk explain CODE tells more about any code):

    try:
        device = sdk.login(host, port, username=user, password=password)
    except hcnetsdk.PasswordError as exc:   # code 1; exc.attempts_left
        ...
    except hcnetsdk.UserLockedError as exc: # code 153; exc.lock_seconds
        ...
    except ConnectionError:                 # 7 and the other connection failures
        ...
    except TimeoutError:                    # 10 (no reply in time) and other timeouts
        ...
    except hcnetsdk.HCNetSDKError as exc:   # anything else: exc.code, exc.name, exc.hints
        ..."""


class _DemoStep(NamedTuple):
    title: str
    port: int
    passwords: tuple[str, ...]  # one login attempt per password
    expect: tuple[type[BaseException] | None, ...]  # per attempt; None: success
    detail: bool = False  # print the whole device information


def _demo_steps() -> list[_DemoStep]:
    from . import _simulator

    good, bad = _simulator.DEFAULT_PASSWORD, "wrong-password"
    nvr, cameras = _simulator.DEFAULT_NVR_PORT, _simulator.DEFAULT_CAMERA_PORTS
    return [
        _DemoStep("Log into the NVR", nvr, (good,), (None,), detail=True),
        _DemoStep("Log into a camera", cameras[0], (good,), (None,)),
        _DemoStep(
            "Five wrong passwords on another camera (it locks the account after 5)",
            cameras[1],
            (bad,) * 5,
            (errors.PasswordError,) * 4 + (errors.UserLockedError,),
        ),
        _DemoStep(
            "The right password, now that the account is locked",
            cameras[1],
            (good,),
            (errors.UserLockedError,),
        ),
        _DemoStep("A device that is not there", 9000, (good,), (errors.NetworkFailConnectError,)),
    ]


def _configure_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")
    _add_sdk_options(parser, top_level=False)
    parser.epilog = (
        "The demo always runs against the simulator (it tries wrong passwords, which would lock "
        "a real account); --simulator is accepted and changes nothing. Needs a C compiler."
    )


def _also_caught_by(exc: BaseException) -> str:
    names = _catch_as(type(exc))[1:]
    builtins = [name for name in names if name in ("ConnectionError", "TimeoutError")]
    sdk = [name for name in names if name not in builtins and name != "HCNetSDKError"]
    return ", ".join([*sdk, *builtins, "HCNetSDKError"])


def _run_demo(args: argparse.Namespace) -> int:
    from . import _simulator

    if getattr(args, "library", None) is not None:
        raise CommandError(
            "the demo runs only against the simulator (it tries wrong passwords); "
            f"use `{PROG} login HOST --library PATH` for a real device"
        )
    host, user = _simulator.DEFAULT_HOST, _simulator.DEFAULT_USER
    text = not args.json
    if text:
        _print(f"{PROG} demo: a login round against the simulated SDK (no device needed)")
        _print("Building the simulated SDK with the C compiler (cached after the first run)...")
    try:
        sdk = _open_sdk("simulator")
    except errors.SDKLoadError as exc:
        return _load_failure(exc, args.json, {"steps": []})
    results: list[dict[str, Any]] = []
    ok = True
    with sdk:
        version = str(sdk.version)
        if text:
            _print(f"SDK version {version}, loaded from {sdk.library_path}")
        for number, step in enumerate(_demo_steps(), 1):
            if text:
                _print("")
                _print(f"{number}. {step.title}: {user}@{host}:{step.port}")
            for attempt, (password, expect) in enumerate(zip(step.passwords, step.expect), 1):
                result: dict[str, Any] = {
                    "step": number,
                    "attempt": attempt,
                    "title": step.title,
                    "host": host,
                    "port": step.port,
                    "user": user,
                    "right_password": password == _simulator.DEFAULT_PASSWORD,
                    "expected": "success" if expect is None else expect.__name__,
                }
                prefix = f"   attempt {attempt}: " if len(step.passwords) > 1 else "   "
                try:
                    device = sdk.login(host, step.port, username=user, password=password)
                except errors.HCNetSDKError as exc:
                    result.update(ok=False, device=None, error=_error_dict(exc))
                    ok = ok and expect is not None and isinstance(exc, expect)
                    if text:
                        _print(f"{prefix}{_short_error(exc)}")
                        if attempt == len(step.passwords):
                            _print(f"   also caught by: {_also_caught_by(exc)}")
                else:
                    with device:
                        info = device.info
                        result.update(ok=True, device=_device_dict(info), error=None)
                        ok = ok and expect is None
                        if text and step.detail:
                            _print(f"{prefix}logged in; the device reported:")
                            for line in _device_lines(info, indent="     "):
                                _print(line)
                        elif text:
                            _print(
                                f"{prefix}logged in: serial {info.serial_number}, "
                                f"{info.analog_channels} analog and {info.ip_channels} IP "
                                "channel(s)"
                            )
                results.append(result)
    if args.json:
        _print_json({"ok": ok, "sdk_version": version, "steps": results})
        return EXIT_OK if ok else EXIT_FAILED
    _print("")
    _print(_DEMO_CATCH)
    _print("")
    _print(
        f"Next: `{PROG} explain 153`, `{PROG} errors --category auth`, "
        f"`HCNETSDK_PASSWORD={_simulator.DEFAULT_PASSWORD} {PROG} --simulator login 127.0.0.1`, "
        "and the README's quick start for a real device."
    )
    if not ok:
        print(f"{PROG} demo: some steps did not behave as expected", file=sys.stderr)
    return EXIT_OK if ok else EXIT_FAILED


# --- registry and entry point -----------------------------------------------------------------

COMMANDS: list[Command] = [
    Command("explain", "explain an error code or name", _configure_explain, _run_explain),
    Command("errors", "list the error codes", _configure_errors, _run_errors),
    Command(
        "doctor",
        "check the SDK install: files, architecture, version",
        _configure_doctor,
        _run_doctor,
    ),
    Command("login", "log into a device and print what it reports", _configure_login, _run_login),
    Command(
        "demo",
        "a login round against the simulator: devices and typed errors",
        _configure_demo,
        _run_demo,
    ),
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: global options, then one subparser per entry of ``COMMANDS``."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Tools for Hikvision's HCNetSDK (hcnetsdk binding).",
        epilog="Exit status: 0 success, 1 the operation failed (an SDK error, or the SDK cannot "
        "be used), 2 usage error. New here? Try: hcnetsdk demo",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_sdk_options(parser, top_level=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        sub = subparsers.add_parser(command.name, help=command.help, description=command.help)
        command.configure(sub)
        sub.set_defaults(_command=command)
    return parser


def _utf8_safe_output() -> None:
    """Keep Chinese text from crashing on a non-UTF-8 terminal."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if reconfigure is not None and encoding != "utf8":
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 success, 2 usage error)."""
    _utf8_safe_output()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else 2
    command: Command | None = getattr(args, "_command", None)
    if command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return command.run(args)
    except CommandError as exc:
        print(f"{PROG} {command.name}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `hcnetsdk demo | head`: stop quietly, as other tools do
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
