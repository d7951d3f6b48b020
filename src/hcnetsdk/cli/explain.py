"""``hcnetsdk explain CODE|NAME``: what an error code means: its name, class, categories,
section, descriptions (English and Chinese) and hints.

The argument is a code (decimal or ``0x`` hex), an SDK constant in any case
(``NET_DVR_PASSWORD_ERROR``, also the header's other spellings) or an exception class name
(``PasswordError``). Imports only the error table: no ctypes, no SDK.
"""

from __future__ import annotations

import argparse
import json

from .. import errors
from .._codes import SECTIONS
from ._common import (
    Command,
    CommandError,
    add_json_option,
    categories,
    echo,
    info_dict,
    numbered,
)


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
        fields.append(("note", "not in the user's error table; named by the 6.1.9.x header"))
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


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "code",
        metavar="CODE|NAME",
        help="an error code (7), an SDK constant (NET_DVR_NETWORK_FAIL_CONNECT, any case) or an "
        "exception class name (NetworkFailConnectError)",
    )
    add_json_option(parser)


def _run(args: argparse.Namespace) -> int:
    info = _parse_code_or_name(args.code)
    if args.json:
        echo(json.dumps(info_dict(info), ensure_ascii=False, indent=2))
    else:
        for line in _explain_text(info):
            echo(line)
    return 0


COMMAND = Command("explain", "explain an error code or name", _configure, _run)
