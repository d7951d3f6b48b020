"""The ``hcnetsdk`` command (also ``python -m hcnetsdk``).

Subcommands:

* ``explain CODE|NAME``  what an error code means: name, class, categories, descriptions, hints;
* ``errors``             list the error table, filtered by ``--section`` / ``--category``.

Each subcommand is a ``Command`` (name, help, a function adding its arguments, a function running
it) in ``COMMANDS``; add new ones there. Global options go in ``build_parser``. ``explain`` and
``errors`` import only ``hcnetsdk.errors`` (no ctypes, no SDK).

Exit status: 0 on success, 2 for a malformed or unknown argument (message on stderr, prefixed
``hcnetsdk <command>: error:``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from . import errors
from ._base import CODE_TO_CLASS
from ._codes import CATEGORY_KEYS, SECTIONS

__all__ = ["COMMANDS", "Command", "CommandError", "build_parser", "main"]

PROG = "hcnetsdk"


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


# --- registry and entry point -----------------------------------------------------------------

COMMANDS: list[Command] = [
    Command("explain", "explain an error code or name", _configure_explain, _run_explain),
    Command("errors", "list the error codes", _configure_errors, _run_errors),
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: global options, then one subparser per entry of ``COMMANDS``."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Tools for Hikvision's HCNetSDK (hcnetsdk binding)."
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # Global options (such as --simulator or --library) are added here.
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


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
