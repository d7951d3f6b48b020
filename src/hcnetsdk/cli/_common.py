"""What the subcommands share: exit codes, the ``Command`` record, the shared options
(``--json``, ``--simulator``, ``--library``), printing, and the rendering of error-table entries,
exceptions and devices as text and as JSON.

Imports only ``hcnetsdk.errors`` and the error table at module level (no ctypes), so that
``hcnetsdk explain`` and ``hcnetsdk errors`` stay light; what needs the SDK is imported inside
the functions that use it. JSON keys made here are stable: scripts read them.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import errors
from .._base import CODE_TO_CLASS

if TYPE_CHECKING:
    from ..device import DeviceInfo
    from ..sdk import HCNetSDK

PROG = "hcnetsdk"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PASSWORD_ENV = "HCNETSDK_PASSWORD"
"""Where ``login`` reads the password from (never from the command line)."""
LIBRARY_ENV = "HCNETSDK_LIB"
"""``_loader.ENV_VAR``, spelled out for the help text only: importing ``_loader`` imports ctypes,
which ``explain`` and ``errors`` must not (a test keeps the two equal)."""


class CommandError(Exception):
    """A usage error a subcommand reports: printed as ``hcnetsdk CMD: error: ...``, exit 2."""


class Command(NamedTuple):
    """One subcommand: ``configure`` adds its arguments, ``run`` does the work (exit status)."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _shown(path: Path) -> str:
    """``path`` as a user would type it here: relative when under the current directory."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        relative = ""
    text = str(path) if not relative or relative.startswith("..") else relative
    if os.sep not in text and (os.altsep is None or os.altsep not in text):
        text = os.path.join(".", text)  # a bare name would be looked up on PATH
    return shlex.quote(text)


def command_name() -> str:
    """How the user can run this command again, from here, for the hints: ``hcnetsdk`` when
    that name on PATH is this installation's script; else the script's path (``.venv/bin/hcnetsdk``
    after the README's first command, which puts nothing on PATH); else ``python -m hcnetsdk``
    with this interpreter."""
    scripts = [Path(sys.executable).with_name(name) for name in (PROG, PROG + ".exe")]
    argv0 = sys.argv[0] if sys.argv else ""
    if os.path.basename(argv0) in (PROG, PROG + ".exe"):
        scripts.insert(0, Path(argv0))
    script = next((path for path in scripts if path.is_file()), None)
    if script is None:
        return f"{_shown(Path(sys.executable))} -m {PROG}"
    found = shutil.which(PROG)
    try:
        same = found is not None and os.path.samefile(found, script)
    except OSError:
        same = False
    return PROG if same else _shown(script.absolute())


def echo(text: str = "") -> None:
    """A line on stdout."""
    print(text)


def print_json(data: object) -> None:
    echo(json.dumps(data, ensure_ascii=False, indent=2))


# --- shared options ---------------------------------------------------------------------------


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def add_sdk_options(
    parser: argparse.ArgumentParser,
    *,
    top_level: bool,
    show_simulator: bool = True,
    show_library: bool = True,
) -> None:
    """``--simulator`` / ``--library``: on the main parser (before the subcommand) and on every
    subcommand (after it), so that they may come anywhere. The subcommand's copies default to
    SUPPRESS so that they never overwrite a value given before the subcommand. ``show_*=False``
    accepts the option without listing it in the subcommand's help (``explain`` and ``errors``
    need no SDK; the demo refuses ``--library`` with a message of its own)."""
    group = parser.add_argument_group(f"where the SDK comes from (default: ${LIBRARY_ENV}, search)")
    group.add_argument(
        "--simulator",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="use the simulated SDK (compiled from the package's C stubs; needs a C compiler)"
        if show_simulator
        else argparse.SUPPRESS,
    )
    group.add_argument(
        "--library",
        metavar="PATH",
        default=None if top_level else argparse.SUPPRESS,
        help="the SDK folder (holding libhcnetsdk.so / HCNetSDK.dll) or the library file"
        if show_library
        else argparse.SUPPRESS,
    )


def port_number(text: str) -> int:
    """An argparse type: a TCP port, 1..65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, not {value}")
    return value


def read_password(prompt: str) -> str:
    """``HCNETSDK_PASSWORD``, else a prompt on a terminal, else a usage error (raised as
    ``PasswordUnavailableError``, which the command reports with exit status 2)."""
    from .._password import PasswordUnavailableError, password_from_env

    try:
        return password_from_env(PASSWORD_ENV, prompt=prompt)
    except EOFError:  # Ctrl-D at the prompt
        raise PasswordUnavailableError("no password was entered") from None


def sdk_spec(args: argparse.Namespace) -> str | None:
    """What to pass as ``HCNetSDK(library=...)``: "simulator", a path, or None (env/search)."""
    from .._loader import SIMULATOR

    simulator = bool(getattr(args, "simulator", False))
    library: str | None = getattr(args, "library", None)
    if simulator and library is not None:
        raise CommandError("give either --simulator or --library, not both")
    if simulator:
        return SIMULATOR
    if library is not None:
        if not library.strip():
            raise CommandError("--library needs a path (the SDK folder or the library file)")
        return library
    return None


def open_sdk(spec: str | None) -> HCNetSDK:
    from ..sdk import HCNetSDK

    return HCNetSDK(spec)


# --- error-table entries (explain, errors) ----------------------------------------------------


def numbered(title: str, items: Sequence[str]) -> list[str]:
    """``title`` and the items as a numbered list, after a blank line; nothing for no items."""
    if not items:
        return []
    return ["", title, *(f"  {number}. {item}" for number, item in enumerate(items, 1))]


_NOT_CATEGORIES = (errors.HCNetSDKError, Exception, BaseException, OSError, object)


def _category_names(cls: type[BaseException], own_class: bool) -> list[str]:
    """The classes one can catch this code by: its (parent) classes up to HCNetSDKError, and
    builtins such as ConnectionError. ``own_class``: skip ``cls``, the code's own class."""
    mro = cls.__mro__[1:] if own_class else cls.__mro__
    return [base.__name__ for base in mro if base not in _NOT_CATEGORIES]


def categories(info: errors.ErrorInfo) -> list[str]:
    own = CODE_TO_CLASS.get(info.code) is info.exception_class
    return _category_names(info.exception_class, own)


def info_dict(info: errors.ErrorInfo) -> dict[str, Any]:
    hints = info.hints
    return {
        "code": info.code,
        "name": info.name,
        "aliases": list(info.aliases),
        "class": info.class_path,
        "categories": categories(info),
        "section": info.section,
        "section_title": info.section_title,
        "description": info.description,
        "description_zh": info.description_zh,
        "in_table": info.in_table,
        "hints": None if hints is None else hints._asdict(),
    }


# --- exceptions (login, demo, doctor) ---------------------------------------------------------

_NOT_CATCHABLE = (Exception, BaseException, OSError, object)


def catch_as(cls: type[BaseException]) -> list[str]:
    """Every class one can catch an exception of ``cls`` by, most specific first."""
    return [base.__name__ for base in cls.__mro__ if base not in _NOT_CATCHABLE]


def error_dict(exc: BaseException) -> dict[str, Any]:
    """Stable JSON keys for any exception; SDK errors carry their code and hints."""
    data: dict[str, Any] = {
        "class": type(exc).__name__,
        "catch_as": catch_as(type(exc)),
        "code": None,
        "name": None,
        "description": str(exc),
        "description_zh": "",
        "function": None,
        "attempts_left": None,
        "lock_seconds": None,
        "hints": None,
        "attempts": [
            list(pair)
            for pair in (exc.attempts if isinstance(exc, errors.SDKNotFoundError) else ())
        ],
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


def short_error(exc: BaseException) -> str:
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


def error_lines(exc: BaseException) -> list[str]:
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
    fields.append(("catch it as", ", ".join(catch_as(type(exc)))))
    width = max(len(label) for label, _ in fields) + 1
    lines = [f"{type(exc).__name__}: the SDK reported error {exc.code}"]
    lines += [f"  {label + ':':<{width}} {value}" for label, value in fields]
    hints = exc.hints
    if hints is not None:
        if hints.note:
            lines += ["", hints.note]
        lines += numbered("Possible causes:", hints.causes)
        lines += numbered("Solutions:", hints.solutions)
    lines += ["", f"More (with the Chinese original): {command_name()} explain {exc.code}"]
    return lines


# --- devices (login, demo) --------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _device_fields(info: DeviceInfo) -> list[tuple[str, str]]:
    from ..device import PasswordLevel

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


def device_lines(info: DeviceInfo, indent: str = "  ") -> list[str]:
    fields = _device_fields(info)
    width = max(len(label) for label, _ in fields) + 1
    return [f"{indent}{label + ':':<{width}} {value}" for label, value in fields]


def device_dict(info: DeviceInfo) -> dict[str, Any]:
    data = info.as_dict()
    return {
        key: (list(value) if isinstance(value, tuple) else value)
        if not isinstance(value, int) or isinstance(value, bool)
        else int(value)
        for key, value in data.items()
    }
