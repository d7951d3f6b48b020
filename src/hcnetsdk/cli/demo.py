"""``hcnetsdk demo``: a login round against the simulator: device information, then typed
failures (wrong passwords until the account locks, the locked account, an unreachable device)
and how to catch them.

Always the simulator, whatever ``HCNETSDK_LIB`` says: the demo tries wrong passwords, which
would lock a real account; ``--library`` is a usage error (accepted by the parser, not offered in
the help). It says that it compiled the simulator only when it did (the build is cached). Its
hints name the command the way the user can run it (``command_name``). Exit status 0 when every
step failed or succeeded as expected, else 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, NamedTuple

from .. import errors
from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    PASSWORD_ENV,
    PROG,
    Command,
    CommandError,
    add_json_option,
    add_sdk_options,
    catch_as,
    command_name,
    device_dict,
    device_lines,
    echo,
    error_dict,
    open_sdk,
    print_json,
    short_error,
)
from ._failures import load_failure

_DEMO_CATCH = """\
How to catch these in your code ({cmd} explain CODE tells more about any code):

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
    from .. import _simulator

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


def _configure(parser: argparse.ArgumentParser) -> None:
    add_json_option(parser)
    add_sdk_options(parser, top_level=False, show_library=False)
    parser.epilog = (
        "The demo always runs against the simulator (it tries wrong passwords, which would lock "
        "a real account); --simulator is accepted and changes nothing. Needs a C compiler."
    )


def _cached_builds() -> set[str]:
    """The simulator libraries in the build cache now (none if the cache cannot be read)."""
    from .. import _simulator

    try:
        folder = _simulator.default_cache_dir()
        return {os.path.abspath(path) for path in folder.glob(f"*/{_simulator.LIBRARY_NAME}")}
    except OSError:
        return set()


def _also_caught_by(exc: BaseException) -> str:
    names = catch_as(type(exc))[1:]
    builtins = [name for name in names if name in ("ConnectionError", "TimeoutError")]
    sdk = [name for name in names if name not in builtins and name != "HCNetSDKError"]
    return ", ".join([*sdk, *builtins, "HCNetSDKError"])


def _run(args: argparse.Namespace) -> int:
    from .. import _simulator
    from .._loader import SIMULATOR

    if getattr(args, "library", None) is not None:
        raise CommandError(
            "the demo runs only against the simulator (it tries wrong passwords); "
            f"use `{command_name()} login HOST --library PATH` for a real device"
        )
    host, user = _simulator.DEFAULT_HOST, _simulator.DEFAULT_USER
    text = not args.json
    if text:
        echo(f"{PROG} demo: a login round against the simulated SDK (no device needed)")
    cached = _cached_builds()
    try:
        sdk = open_sdk(SIMULATOR)
    except OSError as exc:  # SDKLoadError, or the simulator's cache
        return load_failure(exc, args.json, {"steps": []}, "demo", SIMULATOR)
    results: list[dict[str, Any]] = []
    ok = True
    with sdk:
        version = str(sdk.version)
        if text:
            if sdk.library_path and os.path.abspath(sdk.library_path) not in cached:
                echo("Compiled the simulated SDK with the C compiler (once: later runs reuse it).")
            echo(f"SDK version {version}, loaded from {sdk.library_path}")
        for number, step in enumerate(_demo_steps(), 1):
            if text:
                echo("")
                echo(f"{number}. {step.title}: {user}@{host}:{step.port}")
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
                    result.update(ok=False, device=None, error=error_dict(exc))
                    ok = ok and expect is not None and isinstance(exc, expect)
                    if text:
                        echo(f"{prefix}{short_error(exc)}")
                        if attempt == len(step.passwords):
                            echo(f"   also caught by: {_also_caught_by(exc)}")
                else:
                    with device:
                        info = device.info
                        result.update(ok=True, device=device_dict(info), error=None)
                        ok = ok and expect is None
                        if text and step.detail:
                            echo(f"{prefix}logged in; the device reported:")
                            for line in device_lines(info, indent="     "):
                                echo(line)
                        elif text:
                            echo(
                                f"{prefix}logged in: serial {info.serial_number}, "
                                f"{info.analog_channels} analog and {info.ip_channels} IP "
                                "channel(s)"
                            )
                results.append(result)
    if args.json:
        print_json({"ok": ok, "sdk_version": version, "steps": results})
        return EXIT_OK if ok else EXIT_FAILED
    cmd = command_name()
    echo("")
    echo(_DEMO_CATCH.format(cmd=cmd))
    echo("")
    echo(
        f"Next: `{cmd} explain 153`, `{cmd} errors --category auth`, "
        f"`{PASSWORD_ENV}={_simulator.DEFAULT_PASSWORD} {cmd} --simulator login 127.0.0.1`; "
        f"for a real device, `{cmd} doctor --guide` (installing the vendor's SDK) and "
        f"`{cmd} login HOST --library PATH`."
    )
    if not ok:
        print(f"{PROG} demo: some steps did not behave as expected", file=sys.stderr)
    return EXIT_OK if ok else EXIT_FAILED


COMMAND = Command(
    "demo",
    "a login round against the simulator: devices and typed errors",
    _configure,
    _run,
)
