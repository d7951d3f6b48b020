"""``hcnetsdk errors``: the error table, one line per code (or JSON), filtered by
``--section`` and ``--category``; ``--all`` adds the codes the 6.1.9.x header names but the table
lacks.

Named ``errors_cmd`` rather than ``errors`` so that it is never mistaken for
``hcnetsdk.errors``, the library's error module this command lists. Imports only the error
table: no ctypes, no SDK.
"""

from __future__ import annotations

import argparse
import json

from .. import errors
from .._codes import CATEGORY_KEYS, SECTIONS
from ._common import Command, CommandError, add_json_option, categories, echo, info_dict


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


def _configure(parser: argparse.ArgumentParser) -> None:
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
    add_json_option(parser)


def _all_codes(include_header: bool) -> list[int]:
    from .._base import ROWS, TABLE_CODES, header_names

    codes = set(ROWS) if include_header else set(TABLE_CODES)
    if include_header:
        codes |= set(header_names())
    return sorted(codes)


def _run(args: argparse.Namespace) -> int:
    section = _resolve_section(args.section) if args.section else None
    category = _resolve_category(args.category) if args.category else None
    infos = []
    for code in _all_codes(args.all):
        info = errors.lookup(code)
        if section is not None and info.section != section:
            continue
        if category is not None and category not in categories(info):
            continue
        infos.append(info)
    if args.json:
        echo(json.dumps([info_dict(info) for info in infos], ensure_ascii=False, indent=2))
        return 0
    if not infos:
        echo("no matching error codes")
        return 0
    name_width = max(len(info.name) for info in infos)
    class_width = max(len(info.exception_class.__name__) for info in infos)
    for info in infos:
        echo(
            f"{info.code:>5}  {info.name:<{name_width}}  "
            f"{info.exception_class.__name__:<{class_width}}  {info.description}".rstrip()
        )
    return 0


COMMAND = Command("errors", "list the error codes", _configure, _run)
