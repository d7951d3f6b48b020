"""``hcnetsdk isapi HOST METHOD PATH [--data FILE|-]``: one ISAPI request over the SDK's port
(``NET_DVR_STDXMLConfig``), the answer's body on stdout (or, with ``--json``, one object with the
body, its JSON when it is JSON, and the device's ``ResponseStatus``).

The password comes from ``HCNETSDK_PASSWORD`` or a prompt, never from the command line.
``--data FILE`` sends the file's bytes as the body (``-``: standard input). A failure prints the
SDK code's line, then what the device answered (its status code, sub-status, error code and
message); with ``--json`` the status is the object's ``status``.

Also here: what ``hcnetsdk explain`` says about ISAPI names (:func:`explain_isapi`): a sub-status
code (``lowPrivilege``, any case) or an ISAPI exception class (``IsapiPermissionError``).
Imports no ctypes at module level.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import TYPE_CHECKING, Any

from .. import _isapi_errors as isapi_errors
from .. import errors
from ._common import (
    EXIT_OK,
    Command,
    CommandError,
    add_json_option,
    add_sdk_options,
    catch_as,
    command_name,
    echo,
    print_json,
    sdk_spec,
)
from ._device_cmd import add_host_options, run_on_device, target
from ._failures import report

if TYPE_CHECKING:
    from ..device import Device
    from ..isapi import IsapiResponse

__all__ = ["COMMAND", "Explanation", "explain_isapi", "print_explanation", "status_dict"]


def _configure(parser: argparse.ArgumentParser) -> None:
    add_host_options(parser)
    parser.add_argument("method", metavar="METHOD", help="GET, PUT, POST or DELETE")
    parser.add_argument("path", metavar="PATH", help="e.g. /ISAPI/System/deviceInfo")
    parser.add_argument(
        "--data", metavar="FILE", help="send this file's bytes as the body (-: standard input)"
    )
    parser.add_argument(
        "--timeout", type=float, default=None, help="receive timeout in seconds (at most 5)"
    )
    add_json_option(parser)
    add_sdk_options(parser, top_level=False)


def status_dict(status: isapi_errors.ResponseStatus | None) -> dict[str, Any] | None:
    """A ResponseStatus as JSON-ready data (stable keys), or None."""
    if status is None:
        return None
    return {
        "request_url": status.request_url,
        "status_code": status.status_code,
        "status_string": status.status_string,
        "sub_status_code": status.sub_status_code,
        "error_code": status.error_code,
        "error_msg": status.error_msg,
    }


def _read_data(name: str | None) -> bytes | None:
    if name is None:
        return None
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise CommandError(f"cannot read --data {name}: {exc.strerror or exc}") from None


def _answer_dict(response: IsapiResponse) -> dict[str, Any]:
    try:
        parsed: Any = response.json() if response.text.lstrip()[:1] in ("{", "[") else None
    except ValueError:
        parsed = None
    return {
        "method": response.method,
        "path": response.path,
        "size": len(response.content),
        "body": response.text,
        "json": parsed,
        "status": status_dict(response.status),
        "reboot_required": response.reboot_required,
    }


def _run(args: argparse.Namespace) -> int:
    method = str(args.method).upper()
    if method not in ("GET", "PUT", "POST", "DELETE"):
        raise CommandError(f"METHOD must be GET, PUT, POST or DELETE, not {args.method!r}")
    from ..isapi._request import request_line, timeout_ms  # imports ctypes: only when run

    try:  # the request's own checks before a password is asked for or a login made
        request_line(method, args.path)
        timeout_ms(args.timeout)
    except (TypeError, ValueError) as exc:
        raise CommandError(str(exc)) from None
    body = _read_data(args.data)
    extra = {"method": method, "path": args.path, "status": None}
    where = target(args, extra)

    def action(device: Device) -> int:
        try:
            response = device.isapi.request(method, args.path, body, timeout=args.timeout)
        except errors.HCNetSDKError as exc:  # with what the device answered, when it did
            return _failed(args, exc, where)
        if args.json:
            print_json({**where, "ok": True, **_answer_dict(response)})
            return EXIT_OK
        if response.content:
            text = response.text
            echo(text[:-1] if text.endswith("\n") else text)
        if response.status is not None:
            echo(f"(the device answered: {response.status.describe()})")
        return EXIT_OK

    return run_on_device(args, "isapi", action, extra=extra)


def _failed(args: argparse.Namespace, exc: errors.HCNetSDKError, where: dict[str, Any]) -> int:
    """A failed request: the SDK code's report, then the device's ResponseStatus."""
    status = exc.status if isinstance(exc, isapi_errors.IsapiError) else None
    details = {**where, "status": status_dict(status)}
    code = report(exc, command="isapi", as_json=args.json, extra=details, spec=sdk_spec(args))
    if status is not None and not args.json:
        hint = f"; `{command_name()} explain {status.sub_status_code}` tells more"
        print(
            f"the device answered: {status.describe()}"
            + (hint if status.sub_status_code in isapi_errors.SUB_STATUS else ""),
            file=sys.stderr,
        )
    return code


# --- explain ------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Explanation:
    """What ``explain`` prints for an ISAPI name: JSON data, or lines of text."""

    data: dict[str, Any]
    lines: list[str]


_ISAPI_CLASSES: tuple[type[isapi_errors.IsapiError], ...] = (
    isapi_errors.IsapiError,
    *isapi_errors.STATUS_CLASSES.values(),
    isapi_errors.IsapiNotSupportedError,
    isapi_errors.IsapiPermissionError,
    isapi_errors.IsapiAuthorizationError,
)
_CLASSES = {cls.__name__.lower(): cls for cls in _ISAPI_CLASSES}
_SUB_STATUS_LOWER = {name.lower(): name for name in isapi_errors.SUB_STATUS}


def _sub_status(name: str) -> Explanation:
    status_code, meaning = isapi_errors.SUB_STATUS[name]
    probe = isapi_errors.ResponseStatus(None, status_code, None, name)
    cls = isapi_errors.isapi_error_class(probe) if status_code != 1 else None
    words = isapi_errors.STATUS_STRINGS[status_code]
    data: dict[str, Any] = {
        "kind": "isapi sub-status",
        "sub_status_code": name,
        "status_code": status_code,
        "status_string": words,
        "meaning": meaning,
        "class": None if cls is None else f"hcnetsdk.{cls.__name__}",
        "catch_as": [] if cls is None else catch_as(cls),
    }
    lines = [
        f"{name}: an ISAPI subStatusCode (statusCode {status_code}, {words})",
        f"  meaning:     {meaning}",
    ]
    if cls is not None:
        lines += [
            f"  raises:      hcnetsdk.{cls.__name__}, combined with the class of the SDK's error "
            "code (both catch it)",
            f"  catch it as: {', '.join(catch_as(cls))}",
        ]
    return Explanation(data, lines)


def _isapi_class(cls: type[isapi_errors.IsapiError]) -> Explanation:
    doc = " ".join((cls.__doc__ or "").strip().split("\n\n", 1)[0].split()).replace("``", "`")
    subs = [
        name
        for name, (code, _) in isapi_errors.SUB_STATUS.items()
        if code != 1
        and issubclass(
            isapi_errors.isapi_error_class(isapi_errors.ResponseStatus(None, code, None, name)), cls
        )
    ]
    data: dict[str, Any] = {
        "kind": "isapi class",
        "class": f"hcnetsdk.{cls.__name__}",
        "description": doc,
        "catch_as": catch_as(cls),
        "sub_status_codes": subs,
    }
    lines = [
        f"{cls.__name__} (hcnetsdk.{cls.__name__}): an ISAPI error class",
        f"  meaning:     {doc}",
        f"  catch it as: {', '.join(catch_as(cls))}",
        "  raised combined with the class of the SDK's error code, for these subStatusCodes:",
        *(f"    {name}: {isapi_errors.SUB_STATUS[name][1]}" for name in subs),
    ]
    return Explanation(data, lines)


def explain_isapi(text: str) -> Explanation | None:
    """What ``explain`` prints for an ISAPI sub-status code or class name (any case), or None."""
    key = text.strip().lower()
    if key in _SUB_STATUS_LOWER:
        return _sub_status(_SUB_STATUS_LOWER[key])
    cls = _CLASSES.get(key)
    return None if cls is None else _isapi_class(cls)


def print_explanation(found: Explanation, as_json: bool) -> int:
    """``explain``'s output for :func:`explain_isapi`'s answer."""
    if as_json:
        echo(json.dumps(found.data, ensure_ascii=False, indent=2))
    else:
        for line in found.lines:
            echo(line)
    return EXIT_OK


COMMAND = Command(
    "isapi",
    "send one ISAPI request (METHOD PATH, --data FILE|-) and print the answer",
    _configure,
    _run,
)
