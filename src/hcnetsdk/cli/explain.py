"""``hcnetsdk explain CODE|NAME``: what an error code means: its name, class, categories,
section, descriptions (English and Chinese) and hints; or what a class catches.

The argument is a code (decimal or ``0x`` hex), an SDK constant in any case
(``NET_DVR_PASSWORD_ERROR``, also the header's other spellings), a code's exception class name
(``PasswordError``), or a class one catches by: a category (``AuthenticationError``, or its key
``auth``), a section (``NetworkLibraryError``), ``HCNetSDKError``, a builtin (``TimeoutError``,
``ConnectionError``) or an error without a code (``SDKNotFoundError``); for those it lists the
codes ``except`` that class catches. ``-1`` is not a code but the SDK's failure value, and is
explained as such. Imports only the error table: no ctypes, no SDK.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from .. import errors
from .._codes import SECTIONS
from ._catalog import Catchable, catchable, summary, table_lines
from ._common import (
    Command,
    CommandError,
    add_json_option,
    add_sdk_options,
    categories,
    command_name,
    echo,
    info_dict,
    numbered,
)
from .isapi_cmd import Explanation, explain_isapi, print_explanation

_UNSIGNED_MINUS_ONE = 0xFFFFFFFF


def _failure_value(number: int) -> dict[str, Any]:
    """-1 (or -1 read as unsigned): the SDK's "failed" return value, not an error code."""
    read_as = (
        f"{number} is -1 read as an unsigned 32-bit number (a LONG result declared with an "
        "unsigned or 64-bit type). "
        if number == _UNSIGNED_MINUS_ONE
        else ""
    )
    return {
        "kind": "failure value",
        "value": number,
        "description": (
            f"{read_as}SDK functions that return a handle or an id (NET_DVR_Login_V40 returns "
            "the user id) return -1 to say that they failed; those that return BOOL return 0. "
            "Why they failed is the error code that NET_DVR_GetLastError returns right after "
            "the call, on the same thread. hcnetsdk reads it for you and raises that code's "
            f"exception (its .code): `{command_name()} explain CODE` explains that code."
        ),
    }


def _parse(text: str) -> errors.ErrorInfo | Catchable | Explanation | dict[str, Any]:
    """An error code's record, a class to list the codes of, or the failure value's note."""
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
        if number in (-1, _UNSIGNED_MINUS_ONE):
            return _failure_value(number)
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
        found = catchable(value)
        if found is not None:
            return found
        isapi = explain_isapi(value)  # an ISAPI subStatusCode (lowPrivilege) or Isapi*Error
        if isapi is not None:
            return isapi
        raise CommandError(
            f"unknown error name {value!r} (try an SDK constant such as NET_DVR_PASSWORD_ERROR, "
            "a class name such as PasswordError or AuthenticationError, or a code)"
        ) from None


def _explain_text(info: errors.ErrorInfo) -> list[str]:
    lines = [f"{info.name} ({info.code})"]
    fields: list[tuple[str, str]] = [("class", info.class_path)]
    fields.append(("categories", ", ".join(categories(info)) or "-"))
    if info.section:
        fields.append(("section", f"{info.section_title} ({SECTIONS[info.section][1]})"))
    if info.aliases:
        fields.append(("also named", ", ".join(info.aliases)))
    fields.append(("description", info.description or "(no description in hcnetsdk's table)"))
    if info.description_zh:
        fields.append(("description (zh)", info.description_zh))
    if not info.in_table:
        fields.append(("note", "not in the documented error table; named by the 6.1.9.x header"))
    width = max(len(label) for label, _ in fields) + 1
    lines += [f"  {label + ':':<{width}} {value}" for label, value in fields]
    hints = info.hints
    if hints is not None:
        if hints.note:
            lines += ["", hints.note]
        lines += numbered("Possible causes:", hints.causes)
        lines += numbered("Solutions:", hints.solutions)
        if hints.note_zh:
            lines += ["", f"Note (Chinese): {hints.note_zh}"]
        lines += numbered("Possible causes (Chinese):", hints.causes_zh)
        lines += numbered("Solutions (Chinese):", hints.solutions_zh)
    return lines


_KINDS = {
    "category": "a category of SDK errors",
    "section": "a section of the documented error table",
    "base": "the base class of every SDK error",
    "builtin": "a Python builtin exception",
    "no code": "an hcnetsdk error that carries no SDK error code",
}


def _class_text(item: Catchable, data: dict[str, Any]) -> list[str]:
    cmd = command_name()
    named = item.name if item.kind == "builtin" else f"{item.name} ({item.path})"
    lines = [f"{named}: {_KINDS[item.kind]}"]
    fields = [("meaning", item.description)]
    if data["parents"]:
        fields.append(("derives from", ", ".join(data["parents"])))
    width = max(len(label) for label, _ in fields) + 1
    lines += [f"  {label + ':':<{width}} {value}" for label, value in fields]
    codes: list[int] = [entry["code"] for entry in data["codes"]]
    clause = f"except {item.path}"
    if item.kind == "base":
        total = len(codes) + data["more_with_all"]
        lines += [
            "",
            f"{clause} catches every SDK error code: the {len(codes)} that hcnetsdk describes "
            f"(`{cmd} errors`) and all {total} that the 6.1.9.x header names "
            f"(`{cmd} errors --all`).",
        ]
    elif item.kind != "no code":
        count = f"{len(codes)} code{'' if len(codes) == 1 else 's'}"
        lines += ["", f"{clause} catches {count}:" if codes else f"{clause} catches no code."]
        lines += table_lines([errors.lookup(code) for code in codes], indent="  ")
        more = data["more_with_all"]
        if more:
            lines.append(
                f"  and {more} more that only the 6.1.9.x header names: "
                f"`{cmd} errors --category {item.name} --all`"
            )
    if data["without_code"]:
        lines += ["", f"{clause} also catches: " + ", ".join(data["without_code"])]
    return lines


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "code",
        metavar="CODE|NAME",
        help="an error code (7), an SDK constant (NET_DVR_NETWORK_FAIL_CONNECT, any case), an "
        "exception class name (NetworkFailConnectError), or a class to list the codes of "
        "(AuthenticationError, TimeoutError)",
    )
    add_json_option(parser)
    add_sdk_options(parser, top_level=False, show_simulator=False, show_library=False)


def _run(args: argparse.Namespace) -> int:
    found = _parse(args.code)
    if isinstance(found, Explanation):
        return print_explanation(found, args.json)
    if isinstance(found, errors.ErrorInfo):
        data: dict[str, Any] = info_dict(found)
        lines = _explain_text(found)
    elif isinstance(found, Catchable):
        data = summary(found)
        lines = _class_text(found, data)
    else:
        data = found
        lines = [f"{found['value']}: the SDK's failure value, not an error code"]
        lines += textwrap.wrap(
            found["description"], 100, initial_indent="  ", subsequent_indent="  "
        )
    if args.json:
        echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in lines:
            echo(line)
    return 0


COMMAND = Command("explain", "explain an error code or name, or list a category", _configure, _run)
