"""``hcnetsdk errors``: the error codes, one line per code (or JSON), filtered by ``--section``
and ``--category``.

Listed by default: every code hcnetsdk describes (the documented table, and the codes users meet
at login that have a class of their own, such as 153 and 159); ``--all`` adds the codes the
6.1.9.x header only names. ``--category`` takes a category key (``auth``), a section, or any
class one can catch by (``AuthenticationError``, ``TimeoutError``) and lists exactly the codes
``except`` that class catches; when ``--all`` would list more, a note on stderr says how many.

Named ``errors_cmd`` rather than ``errors`` so that it is never mistaken for
``hcnetsdk.errors``, the library's error module this command lists. Imports only the error
table: no ctypes, no SDK.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys

from .. import errors
from .._codes import SECTIONS
from ._catalog import all_codes, catchable, category_help, described_codes, table_lines
from ._common import (
    Command,
    CommandError,
    add_json_option,
    add_sdk_options,
    command_name,
    echo,
    info_dict,
)


def _resolve_section(value: str) -> str:
    wanted = value.strip().lower()
    for key, cls in errors.section_classes().items():
        if wanted in (key, key.replace("_", "-"), cls.__name__.lower()):
            return key
    choices = ", ".join(SECTIONS)
    raise CommandError(f"unknown section {value!r} (choose from: {choices})")


def _resolve_category(value: str) -> type[BaseException]:
    """A category key, section key or class name (any case) -> the class ``except`` names."""
    found = catchable(value)
    if found is None:
        raise CommandError(f"unknown category {value!r}: give {category_help()}")
    return found.cls


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--section", help="only this section: " + ", ".join(SECTIONS) + " (or its class name)"
    )
    parser.add_argument(
        "--category",
        help="only the codes `except CATEGORY` catches: " + category_help(),
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="also list the codes the 6.1.9.x header names but hcnetsdk does not describe",
    )
    add_json_option(parser)
    add_sdk_options(parser, top_level=False, show_simulator=False, show_library=False)


def _matching(
    codes: list[int], section: str | None, category: type[BaseException] | None
) -> list[errors.ErrorInfo]:
    infos = []
    for code in codes:
        info = errors.lookup(code)
        if section is not None and info.section != section:
            continue
        if category is not None and not issubclass(info.exception_class, category):
            continue
        infos.append(info)
    return infos


def _run(args: argparse.Namespace) -> int:
    section = _resolve_section(args.section) if args.section else None
    category = _resolve_category(args.category) if args.category else None
    infos = _matching(all_codes() if args.all else described_codes(), section, category)
    if args.json:
        echo(json.dumps([info_dict(info) for info in infos], ensure_ascii=False, indent=2))
        return 0
    for line in table_lines(infos):
        echo(line)
    if not infos:
        echo("no matching error codes")
    if not args.all:
        more = len(_matching(all_codes(), section, category)) - len(infos)
        if more:
            again = ["errors"]
            for option in ("section", "category"):
                if getattr(args, option):
                    again += [f"--{option}", shlex.quote(getattr(args, option))]
            print(
                f"({more} more code{'' if more == 1 else 's'} that only the 6.1.9.x header "
                f"names: `{command_name()} {' '.join(again)} --all`)",
                file=sys.stderr,
            )
    return 0


COMMAND = Command("errors", "list the error codes", _configure, _run)
