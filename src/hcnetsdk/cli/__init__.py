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
* ``events HOST``        arm a device and print its events as they arrive, until Ctrl-C (130);
* ``listen``             receive the alarms devices push (``--address``, ``--port``), until
  Ctrl-C;
* ``snapshot HOST``      take a JPEG picture of a channel (``--channel``, ``-o FILE``);
* ``channels HOST``      list a device's channels (name; online for IP channels);
* ``recordings HOST``    list a channel's recordings between two times (``--channel``,
  ``--from``, ``--to``);
* ``download HOST``      download recorded video between two times to a file (``-o``), with
  progress; Ctrl-C cancels and removes the partial file;
* ``live HOST -o FILE|-`` copy a channel's raw live stream (``--channel``, ``--seconds``) to a
  file or stdout (``| ffplay -``);
* ``ptz HOST``           send a PTZ camera to a preset (``--preset N``) or move it for a while;
* ``demo``               a login round against the simulator: device information, then typed
  failures (wrong password, locked account, unreachable device) and how to catch them;
* ``isapi HOST METHOD PATH``  one ISAPI request over the SDK's port (``--data FILE|-``); the
  answer's body, or the device's ResponseStatus on failure.

Every subcommand takes ``--json`` (machine-readable output with stable keys). Where the SDK comes
from, for ``doctor``, ``login`` and ``demo``: ``--simulator`` (the fake SDK compiled from the
package's C stubs; needs a C compiler), ``--library PATH`` (the SDK folder or library file), else
``HCNETSDK_LIB``, else the search described in ``hcnetsdk._loader``. These two options may be
given before or after any subcommand (``explain`` and ``errors`` need no SDK and ignore them).
``demo`` always uses the simulator.

Failures (``_failures``): never a traceback. Every failure of every subcommand is one clear line
on stderr (the SDK's own multi-line messages keep their lines), or with ``--json`` one JSON object
``{"ok": false, "error": {...}}`` on stdout, usage errors included; Ctrl-C prints "interrupted".

Layout: this module holds the entry point, the parser and the registry ``COMMANDS``;
``_common`` what the subcommands share (exit codes, options, rendering of errors and devices);
one module per subcommand (``explain``, ``errors_cmd``, ``doctor``, ``login``, ``demo``), each
exporting its ``COMMAND`` (name, help, a function adding its arguments, a function running it).
Add a new subcommand as a module and list its ``COMMAND`` here.

Imports stay lazy: importing this package imports every command module, so none of them imports
ctypes or an SDK module at module level (``explain`` and ``errors`` never need them); the SDK
modules, and ``hcnetsdk._doctor`` that checks the install, are imported when a subcommand runs.

Exit status:

* 0: success (``doctor``: the SDK is usable);
* 1: the operation failed: an SDK error (e.g. a failed login), or the SDK cannot be used (not
  found, wrong architecture, required files missing);
* 2: usage error: a malformed or unknown argument, no password available (message on stderr,
  prefixed ``hcnetsdk <command>: error:``);
* 130: interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import cast

from . import (
    channels_cmd,
    demo,
    doctor,
    download_cmd,
    errors_cmd,
    events_cmd,
    explain,
    isapi_cmd,
    live_cmd,
    login,
    ptz_cmd,
    recordings_cmd,
    snapshot_cmd,
)
from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    PASSWORD_ENV,
    PROG,
    Command,
    CommandError,
    add_sdk_options,
    command_name,
)
from ._failures import EXIT_INTERRUPTED, Parser, report

__all__ = [
    "COMMANDS",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "PASSWORD_ENV",
    "Command",
    "CommandError",
    "build_parser",
    "main",
]

COMMANDS: list[Command] = [
    explain.COMMAND,
    errors_cmd.COMMAND,
    doctor.COMMAND,
    login.COMMAND,
    events_cmd.EVENTS,
    events_cmd.LISTEN,
    snapshot_cmd.COMMAND,
    channels_cmd.COMMAND,
    live_cmd.COMMAND,
    ptz_cmd.COMMAND,
    demo.COMMAND,
    recordings_cmd.COMMAND,
    download_cmd.COMMAND,
    isapi_cmd.COMMAND,
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: global options, then one subparser per entry of ``COMMANDS``."""
    parser = Parser(
        prog=PROG,
        description="Tools for Hikvision's HCNetSDK (hcnetsdk binding).",
        epilog="Exit status: 0 success, 1 the operation failed (an SDK error, or the SDK cannot "
        f"be used), 2 usage error, 130 interrupted. New here? Try: {command_name()} demo",
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_sdk_options(parser, top_level=True)
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
    """Run the command line; return the exit status (see the module docstring). Nothing escapes
    as a traceback: every exception becomes one clear line, or a JSON object with ``--json``."""
    _utf8_safe_output()
    tokens = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in tokens  # until parsed: a usage error of a --json run is JSON too
    command: Command | None = None
    try:
        parser = build_parser()
        args = parser.parse_args(tokens)
        command = cast("Command | None", getattr(args, "_command", None))
        if command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        as_json = bool(getattr(args, "json", False))
        return command.run(args)
    except SystemExit as exc:  # argparse: --help, --version
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except BrokenPipeError:  # e.g. `hcnetsdk demo | head`: stop quietly, as other tools do
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes
        return EXIT_FAILED
    except (Exception, KeyboardInterrupt) as exc:
        name = command.name if command is not None else None
        return report(exc, command=name, as_json=as_json)
