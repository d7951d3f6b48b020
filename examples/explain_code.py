#!/usr/bin/env python3
"""Explain HCNetSDK error codes from Python: what ``hcnetsdk explain`` does, in a few lines.

    python examples/explain_code.py 7 1 153
    python examples/explain_code.py NET_DVR_NETWORK_RECV_TIMEOUT PasswordError

The explanations come from hcnetsdk's table: no SDK is needed. --simulator / --library also load
an SDK and print its version (a quick check that the SDK and the table go together).
Exit status: 0, or 2 for a code or name hcnetsdk does not know.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import hcnetsdk

BUILTINS = (ConnectionError, TimeoutError, PermissionError)


def explain(code_or_name: str) -> list[str]:
    info = hcnetsdk.lookup(code_or_name)  # KeyError if unknown
    cls = hcnetsdk.error_class(info.code)  # the class the SDK's failure would raise
    builtins = [b.__name__ for b in BUILTINS if issubclass(cls, b)]
    lines = [
        f"{info.code} {info.name}",
        f"  raises:      hcnetsdk.{cls.__name__}",
        f"  categories:  {', '.join(info.categories) or '-'}",
        f"  builtins:    {', '.join(builtins) or '-'}",
        f"  description: {info.description or '(none in the table)'}",
    ]
    if info.description_zh:
        lines.append(f"  Chinese:     {info.description_zh}")
    if info.hints is not None:
        lines += [f"  cause:       {cause}" for cause in info.hints.causes[:3]]
        lines += [f"  solution:    {solution}" for solution in info.hints.solutions[:3]]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Explain HCNetSDK error codes.")
    parser.add_argument("codes", nargs="+", metavar="CODE|NAME", help="e.g. 7, PasswordError")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--simulator", action="store_true", help="also load the simulated SDK")
    where.add_argument("--library", metavar="PATH", help="also load the SDK from PATH")
    args = parser.parse_args(argv)

    if args.simulator or args.library:
        with hcnetsdk.HCNetSDK("simulator" if args.simulator else args.library) as sdk:
            print(f"SDK {sdk.version} from {sdk.library_path}\n")
    status = 0
    for number, code in enumerate(args.codes):
        try:
            lines = explain(code)
        except KeyError:
            print(f"explain_code.py: unknown error code or name: {code!r}", file=sys.stderr)
            status = 2
            continue
        if number:
            print()
        print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
