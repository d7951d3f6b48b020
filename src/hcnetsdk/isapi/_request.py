"""Every check of an ISAPI request before the SDK sees it, and its encoding for C.

* **method**: ``GET``, ``PUT``, ``POST`` or ``DELETE`` (any case; sent upper-case);
* **path**: a str starting with ``/ISAPI/`` or ``/SDK/`` (:data:`PATH_PREFIXES`), printable
  ASCII only (percent-encode the rest: ``urllib.parse.quote``), so no NUL, space or line break
  can end the request line early or add to it; the request line ``METHOD /path`` at most
  :data:`REQUEST_LINE_MAX` bytes;
* **body**: None, str (sent in the encoding its XML declaration names, else UTF-8), bytes-like,
  or a dict or list (sent as JSON, UTF-8, with ``format=json`` added to a path that names no
  format), at most :data:`BODY_MAX` bytes;
* **timeout**: seconds, at most 5 (the receive timeout's documented range, 0-5000 ms); None
  leaves the SDK's default (5 s).

Valid request lines are kept in a small cache (a ctypes buffer each, whose address goes into
``lpRequestUrl``): checking the same path again costs one dictionary lookup.
"""

from __future__ import annotations

import ctypes
import functools
import json
import re
from typing import Any, NamedTuple

from .. import _convert
from .._native.isapi import RECV_TIMEOUT_MAX_MS

__all__ = [
    "BODY_MAX",
    "METHODS",
    "PATH_PREFIXES",
    "REQUEST_LINE_MAX",
    "RequestLine",
    "encode_body",
    "request_line",
    "timeout_ms",
]

METHODS = ("GET", "PUT", "POST", "DELETE")
PATH_PREFIXES = ("/ISAPI/", "/SDK/")
"""``/ISAPI/`` (the vendor's guides), and ``/SDK/`` (``/SDK/language``, ``/SDK/activateStatus``
served by the same devices)."""
REQUEST_LINE_MAX = 1024
"""Bytes of ``METHOD /path`` (``dwRequestUrlLen``). The SDK documents no limit; this one is
hcnetsdk's, well above every documented ISAPI URL, and the simulator refuses longer lines."""
BODY_MAX = 64 * 1024 * 1024
"""Bytes of a request body (``dwInBufferSize``); hcnetsdk's bound."""

_PRINTABLE = re.compile(r"[\x21-\x7e]+")
_XML_ENCODING = re.compile(r"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


class RequestLine(NamedTuple):
    """A checked request: what to send (``buffer`` at ``address``, ``length`` bytes)."""

    method: str
    path: str
    buffer: ctypes.Array[ctypes.c_char]
    address: int
    length: int


def _check_method(method: object) -> str:
    if not isinstance(method, str):
        raise TypeError(f"method must be a str (GET, PUT, POST, DELETE), not {method!r}")
    upper = method.upper()
    if upper not in METHODS:
        raise ValueError(f"method must be one of GET, PUT, POST, DELETE, not {method!r}")
    return upper


def _check_path(path: object) -> str:
    if not isinstance(path, str):
        raise TypeError(f"path must be a str such as '/ISAPI/System/deviceInfo', not {path!r}")
    if "\0" in path:
        raise ValueError(f"path must not contain a NUL character: {path!r}")
    if not path.startswith(PATH_PREFIXES):
        raise ValueError(
            f"path must start with {' or '.join(PATH_PREFIXES)} "
            f"(e.g. '/ISAPI/System/deviceInfo'), not {path!r}"
        )
    if not _PRINTABLE.fullmatch(path):
        raise ValueError(
            f"path must be printable ASCII without spaces (percent-encode the rest with "
            f"urllib.parse.quote): {path!r}"
        )
    return path


def request_line(method: object, path: object) -> RequestLine:
    """The checked request line for ``method`` and ``path``: TypeError/ValueError if bad."""
    if type(method) is str and type(path) is str:
        return _cached_line(method, path)
    return _line(method, path)  # the precise TypeError, before any hashing


@functools.lru_cache(maxsize=512)
def _cached_line(method: str, path: str) -> RequestLine:
    return _line(method, path)


def _line(method: object, path: object) -> RequestLine:
    verb = _check_method(method)
    checked = _check_path(path)
    line = f"{verb} {checked}".encode("ascii")
    if len(line) > REQUEST_LINE_MAX:
        raise ValueError(
            f"the request line {verb} {checked[:40]}... is {len(line)} bytes; at most "
            f"{REQUEST_LINE_MAX} are sent (hcnetsdk's limit for NET_DVR_STDXMLConfig)"
        )
    buffer = ctypes.create_string_buffer(line, len(line))
    return RequestLine(verb, checked, buffer, ctypes.addressof(buffer), len(line))


def _with_format_json(path: str) -> str:
    query = path.partition("?")[2]
    if any(item.split("=", 1)[0] == "format" for item in query.split("&") if item):
        return path
    return f"{path}{'&' if '?' in path else '?'}format=json"


def encode_body(path: str, body: object) -> tuple[str, bytes]:
    """(the path to send, the body's bytes) for a str, bytes-like, dict or list body."""
    if isinstance(body, (dict, list)):
        try:
            raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError) as exc:
            raise TypeError(f"the body cannot be sent as JSON: {exc}") from None
        path = _with_format_json(path) if isinstance(path, str) else path
    elif isinstance(body, str):
        match = _XML_ENCODING.match(body)
        codec = match.group(1) if match else "utf-8"
        try:
            raw = body.encode(codec)
        except LookupError:
            raise ValueError(
                f"the body's XML declaration names an unknown encoding {codec!r}"
            ) from None
        except UnicodeEncodeError as exc:
            raise ValueError(f"the body cannot be encoded as {codec} ({exc.reason})") from None
    elif isinstance(body, (bytes, bytearray, memoryview)):
        raw = bytes(body)
    else:
        raise TypeError(
            f"body must be None, str, bytes, or a dict or list (sent as JSON), not "
            f"{type(body).__name__}"
        )
    if len(raw) > BODY_MAX:
        raise ValueError(f"the body is {len(raw)} bytes; at most {BODY_MAX} are sent")
    return path, raw


def timeout_ms(timeout: Any) -> int:
    """Seconds -> ``dwRecvTimeOut`` milliseconds, 1..5000; None -> 0 (the SDK's default)."""
    if timeout is None:
        return 0
    ms = _convert.seconds_to_ms("timeout", timeout)
    if ms > RECV_TIMEOUT_MAX_MS:
        raise ValueError(
            f"timeout must be at most {RECV_TIMEOUT_MAX_MS / 1000:g} s (NET_DVR_STDXMLConfig's "
            f"receive timeout is 0-{RECV_TIMEOUT_MAX_MS} ms), not {timeout!r}"
        )
    return ms
