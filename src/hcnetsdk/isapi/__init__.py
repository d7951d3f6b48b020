"""ISAPI passthrough: ``device.isapi.get("/ISAPI/System/deviceInfo")`` over the SDK's own port.

ISAPI is Hikvision's configuration API (XML or JSON over HTTP paths). ``NET_DVR_STDXMLConfig``
tunnels it through the SDK connection, so it reaches devices whose HTTP port is closed, and it
covers most of what hcnetsdk does not wrap. :class:`IsapiClient` (``device.isapi``) sends one
request per call and returns an :class:`IsapiResponse`.

Round trip of one call:

1. the method, path, body and timeout are checked (:mod:`._request`): nothing bad reaches C;
2. the request line, the body and this thread's buffers (a 64 KiB output buffer and a 16 KiB
   status buffer, kept per thread and reused) go into the two structs;
3. ``NET_DVR_STDXMLConfig`` runs (the GIL released); its errcheck runs only if it failed;
4. the SDK said a buffer was too small (43, ``NET_DVR_NOENOUGH_BUF``): both grow fourfold and
   the call is made again, up to :attr:`IsapiClient.max_response_size`, so an answer is never
   cut. A PUT, POST or DELETE repeated this way has reached the device twice: those usually
   answer with a small ``ResponseStatus``; set :attr:`IsapiClient.buffer_size` above the size
   of an answer you expect to be larger;
5. success: exactly ``dwReturnedXMLSize`` bytes are copied out, with the status text if any;
   a failure: the SDK code's exception, combined with the :class:`~hcnetsdk.IsapiError` class
   of the device's ``ResponseStatus`` when it sent one (see :mod:`hcnetsdk._isapi_errors`).

The client holds only the session (never a Device or an HCNetSDK) and no per-call state, so any
thread may use it at once (an async wrapper runs it on a worker thread). A call holds nothing
the SDK must release: an interrupted call leaves nothing open. Like the other device calls but
login and logout, a call in flight is not waited for by ``cleanup()`` (that bookkeeping, a lock
taken twice, would cost about half of the call itself): let calls return before cleaning up.
After logout the client raises ``SDKClosedError`` without calling the SDK.
"""

from __future__ import annotations

import ctypes
import threading
import weakref
from typing import Any

from .. import _convert, _native
from .._isapi_errors import ResponseStatus, make_isapi_error
from .._native.isapi import NET_DVR_XML_CONFIG_INPUT, NET_DVR_XML_CONFIG_OUTPUT
from .._session import Session
from ..errors import HCNetSDKError
from ._request import (
    BODY_MAX,
    METHODS,
    PATH_PREFIXES,
    REQUEST_LINE_MAX,
    RequestLine,
    encode_body,
    request_line,
    timeout_ms,
)
from ._response import (
    ADMIN_ACCESSES,
    IsapiResponse,
    decode_body,
    parse_status,
    parse_xml,
    protocol_port,
)

__all__ = [
    "BODY_MAX",
    "DEFAULT_BUFFER_SIZE",
    "MAX_RESPONSE_SIZE",
    "METHODS",
    "PATH_PREFIXES",
    "REQUEST_LINE_MAX",
    "IsapiClient",
    "IsapiResponse",
    "ResponseStatus",
    "decode_body",
    "parse_status",
    "parse_xml",
]

DEFAULT_BUFFER_SIZE = 64 * 1024
"""The output buffer a call starts with (per thread, reused)."""
MAX_RESPONSE_SIZE = 256 * 1024 * 1024
"""The largest output buffer a call grows to before it gives up (43 raised)."""
_STATUS_SIZE = 16 * 1024
_GET_LINES: dict[str, RequestLine] = {}
"""path -> its checked GET request line: ``get()``'s one-lookup cache (cleared when full)."""
_GET_LINES_MAX = 512
_NOENOUGH_BUF = 43
_FUNCTION = "NET_DVR_STDXMLConfig"
_INPUT_SIZE = ctypes.sizeof(NET_DVR_XML_CONFIG_INPUT)
_OUTPUT_SIZE = ctypes.sizeof(NET_DVR_XML_CONFIG_OUTPUT)


_FUNCTIONS: weakref.WeakKeyDictionary[_native.NativeSDK, tuple[Any, Any]] = (
    weakref.WeakKeyDictionary()
)


def _function(native: _native.NativeSDK) -> tuple[Any, Any]:
    """(``NET_DVR_STDXMLConfig`` without errcheck, its errcheck): the errcheck runs only when
    the call failed, right after it on the same thread, as the checked function would run it.
    A library without the function gets the checked attribute, which raises the missing-function
    error."""
    found = _FUNCTIONS.get(native)
    if found is None:
        checked: Any = native.NET_DVR_STDXMLConfig
        errcheck = getattr(checked, "errcheck", None)
        if errcheck is None or not native.has(_FUNCTION):
            found = (checked, _never)
        else:
            raw = native.lib[_FUNCTION]
            raw.restype, raw.argtypes = checked.restype, checked.argtypes
            found = (raw, errcheck)
        _FUNCTIONS[native] = found
    return found


def _never(result: object, func: object, args: object) -> None:
    """The errcheck of a function that raised by itself."""


class _Buffers:
    """One thread's structs and buffers, reused by each call on that thread."""

    __slots__ = (
        "has_body",
        "inp",
        "inp_ref",
        "line",
        "ms",
        "out",
        "out_buf",
        "out_ref",
        "out_size",
        "status_buf",
    )

    def __init__(self, size: int) -> None:
        self.has_body = False
        self.line: RequestLine | None = None
        """The request line ``inp`` holds (set again only when another is sent)."""
        self.ms = 0
        self.inp = NET_DVR_XML_CONFIG_INPUT()
        self.inp.dwSize = _INPUT_SIZE
        self.out_size = size
        self.out_buf = (ctypes.c_ubyte * size)()
        self.status_buf = (ctypes.c_ubyte * _STATUS_SIZE)()
        self.out = NET_DVR_XML_CONFIG_OUTPUT(dwSize=_OUTPUT_SIZE, dwOutBufferSize=size)
        self.out.lpOutBuffer = ctypes.addressof(self.out_buf)
        self.out.lpStatusBuffer = ctypes.addressof(self.status_buf)
        self.out.dwStatusSize = _STATUS_SIZE - 1  # the last byte stays NUL: the text ends there
        self.inp_ref = ctypes.byref(self.inp)
        self.out_ref = ctypes.byref(self.out)


class IsapiClient:
    """ISAPI requests to one device (``device.isapi``), through ``NET_DVR_STDXMLConfig``.

    ``request(method, path, body=None, *, timeout=None)`` and its shortcuts ``get``, ``put``,
    ``post``, ``delete``. ``body``: str, bytes, or a dict/list sent as JSON (``format=json``
    added to the path). ``timeout``: seconds, at most 5 (the SDK's range); None for the SDK's
    default of 5 s. Raises TypeError/ValueError for a bad argument before the SDK is called,
    the SDK error code's class on failure (also an :class:`~hcnetsdk.IsapiError` when the
    device sent a ``ResponseStatus``), :class:`~hcnetsdk.SDKClosedError` after logout.
    """

    __slots__ = (
        "_buffer_size",
        "_function",
        "_local",
        "_session",
        "char_encoding",
        "max_response_size",
    )

    def __init__(self, session: Session, *, char_encoding: int = 6) -> None:
        self._session = session
        self._function = _function(session.native)
        self._local = threading.local()
        self.char_encoding = char_encoding
        """The device's ``byCharEncodeType``: the fallback to decode its text."""
        self._buffer_size = DEFAULT_BUFFER_SIZE
        self.max_response_size = MAX_RESPONSE_SIZE
        """The largest answer accepted; a larger one raises ``NoEnoughBufError`` (43)."""

    @property
    def buffer_size(self) -> int:
        """Bytes of the output buffer a call starts with (default 64 KiB; it grows when the SDK
        says 43). Setting it gives every thread new buffers of that size on its next call."""
        return self._buffer_size

    @buffer_size.setter
    def buffer_size(self, size: int) -> None:
        self._buffer_size = _convert.positive_int("buffer_size", size, MAX_RESPONSE_SIZE)
        self._local = threading.local()

    # --- the four methods ------------------------------------------------------------------
    def get(self, path: str, *, timeout: float | None = None) -> IsapiResponse:
        """``GET path`` (``NET_DVR_STDXMLConfig``)."""
        line = _GET_LINES.get(path) if type(path) is str else None
        if line is None:
            line = request_line("GET", path)
            if len(_GET_LINES) >= _GET_LINES_MAX:
                _GET_LINES.clear()
            _GET_LINES[line.path] = line
        return self._call(line, None, timeout)

    def put(self, path: str, body: Any = None, *, timeout: float | None = None) -> IsapiResponse:
        """``PUT path`` with ``body`` (``NET_DVR_STDXMLConfig``)."""
        return self.request("PUT", path, body, timeout=timeout)

    def post(self, path: str, body: Any = None, *, timeout: float | None = None) -> IsapiResponse:
        """``POST path`` with ``body`` (``NET_DVR_STDXMLConfig``)."""
        return self.request("POST", path, body, timeout=timeout)

    def delete(self, path: str, body: Any = None, *, timeout: float | None = None) -> IsapiResponse:
        """``DELETE path`` (``NET_DVR_STDXMLConfig``)."""
        return self.request("DELETE", path, body, timeout=timeout)

    def service_port(self, protocol: str) -> int | None:
        """The port the device reports for ``protocol`` (``"RTSP"``, ``"HTTP"``, ...) in
        ``GET /ISAPI/Security/adminAccesses``; None when it lists no such protocol. Raises what
        the request raises (a device without that resource: the SDK's error)."""
        return protocol_port(self.get(ADMIN_ACCESSES), protocol)

    def request(
        self, method: str, path: str, body: Any = None, *, timeout: float | None = None
    ) -> IsapiResponse:
        """Send ``method path`` with an optional ``body`` (``NET_DVR_STDXMLConfig``)."""
        if body is None:
            return self._call(request_line(method, path), None, timeout)
        request_line(method, path)  # the method and path first: their errors name them
        path, data = encode_body(path, body)
        return self._call(request_line(method, path), data, timeout)

    # --- the call ---------------------------------------------------------------------------
    def _call(self, line: RequestLine, data: bytes | None, timeout: float | None) -> IsapiResponse:
        ms = 0 if timeout is None else timeout_ms(timeout)
        with self._session.call as user_id:  # SDKClosedError once logged out; logout waits
            try:
                buffers: _Buffers = self._local.buffers
            except AttributeError:
                buffers = self._local.buffers = _Buffers(self._buffer_size)
            inp, out, status_buf = buffers.inp, buffers.out, buffers.status_buf
            if buffers.line is not line:  # each field write costs: only what changed
                inp.lpRequestUrl = line.address
                inp.dwRequestUrlLen = line.length
                buffers.line = line  # (kept alive: the struct points into it)
            if buffers.ms != ms:
                inp.dwRecvTimeOut = buffers.ms = ms
            keep = None  # the body's buffer, alive until the SDK returned
            if data:
                keep = ctypes.create_string_buffer(data, len(data))
                inp.lpInBuffer = ctypes.addressof(keep)
                inp.dwInBufferSize = len(data)
                buffers.has_body = True
            elif buffers.has_body:
                inp.lpInBuffer = None
                inp.dwInBufferSize = 0
                buffers.has_body = False
            out.dwReturnedXMLSize = 0
            status_buf[0] = 0
            call, check = self._function
            try:
                if not call(user_id, buffers.inp_ref, buffers.out_ref):
                    check(0, call, (user_id, inp, out))  # raises the code's exception
            except HCNetSDKError as exc:
                if exc.code != _NOENOUGH_BUF:
                    raise self._failure(exc, status_buf, line) from None
                return self._grown(user_id, inp, buffers.out_size, line, keep)
            returned = out.dwReturnedXMLSize
            if returned > buffers.out_size:  # never read past the buffer: ask again, bigger
                return self._grown(user_id, inp, returned, line, keep)
            content = ctypes.string_at(buffers.out_buf, returned) if returned else b""
            if not status_buf[0]:
                return IsapiResponse(line.method, line.path, content, b"", self.char_encoding)
            return self._with_status(line, content, ctypes.string_at(status_buf))

    def _grown(
        self,
        user_id: int,
        inp: NET_DVR_XML_CONFIG_INPUT,
        size: int,
        line: RequestLine,
        keep: object,
    ) -> IsapiResponse:
        """The call again with buffers four times larger each time (fresh ones: this thread's
        stay small), until the answer fits or :attr:`max_response_size` is passed."""
        request = NET_DVR_XML_CONFIG_INPUT.from_buffer_copy(inp)
        status_size = _STATUS_SIZE
        session = self._session
        while True:
            if size >= self.max_response_size:
                raise HCNetSDKError.from_code(_NOENOUGH_BUF, _FUNCTION)
            size = min(max(size * 4, DEFAULT_BUFFER_SIZE), self.max_response_size)
            status_size *= 4
            out_buf = (ctypes.c_ubyte * size)()
            status_buf = (ctypes.c_ubyte * status_size)()
            out = NET_DVR_XML_CONFIG_OUTPUT(dwSize=_OUTPUT_SIZE, dwOutBufferSize=size)
            out.lpOutBuffer = ctypes.addressof(out_buf)
            out.lpStatusBuffer = ctypes.addressof(status_buf)
            out.dwStatusSize = status_size - 1  # the last byte stays NUL: the text ends there
            try:
                session.native.NET_DVR_STDXMLConfig(
                    user_id, ctypes.byref(request), ctypes.byref(out)
                )
            except HCNetSDKError as exc:
                if exc.code == _NOENOUGH_BUF:
                    continue
                raise self._failure(exc, status_buf, line) from None
            returned = out.dwReturnedXMLSize
            if returned > size:
                size = returned // 4 + 1  # the next round makes room for all of it
                continue
            del keep
            content = ctypes.string_at(out_buf, returned) if returned else b""
            status_raw = ctypes.string_at(status_buf) if status_buf[0] else b""
            return self._with_status(line, content, status_raw)

    def _with_status(self, line: RequestLine, content: bytes, status_raw: bytes) -> IsapiResponse:
        response = IsapiResponse(line.method, line.path, content, status_raw, self.char_encoding)
        if status_raw:
            self._check_status(response, line)
        return response

    def _failure(
        self, exc: HCNetSDKError, status_buf: ctypes.Array[ctypes.c_ubyte], line: RequestLine
    ) -> HCNetSDKError:
        """The SDK code's exception, combined with the device's ResponseStatus if it sent one."""
        if not status_buf[0]:
            return exc
        status = parse_status(decode_body(ctypes.string_at(status_buf), self.char_encoding))
        if status is None:
            return exc
        return make_isapi_error(exc, status, line.method, line.path)

    def _check_status(self, response: IsapiResponse, line: RequestLine) -> None:
        """A call the SDK reported as done, whose ResponseStatus says it failed: raised, with
        code 0 (the SDK gave none). statusCode 7 (reboot required) is a success."""
        status = response.status
        if status is None or status.ok or status.status_code == 7:
            return
        error = make_isapi_error(HCNetSDKError(0, _FUNCTION), status, line.method, line.path)
        raise error

    def __repr__(self) -> str:
        return f"<IsapiClient {self._session.label}>"
