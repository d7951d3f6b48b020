"""ISAPI passthrough: ``device.isapi.get("/ISAPI/System/deviceInfo")`` over the SDK's own port.

ISAPI is Hikvision's configuration API (XML or JSON over HTTP paths). ``NET_DVR_STDXMLConfig``
tunnels it through the SDK connection, so it reaches devices whose HTTP port is closed, and it
covers most of what hcnetsdk does not wrap. :class:`IsapiClient` (``device.isapi``) sends one
request per call and returns an :class:`IsapiResponse`.

Round trip of one call:

1. the method, path, body and timeout are checked (:mod:`._request`): nothing bad reaches C;
2. the request line, the body and this thread's buffers (a 64 KiB output buffer and a 16 KiB
   status buffer, kept per thread and reused) go into the two structs;
3. ``NET_DVR_STDXMLConfig`` runs (the GIL released; ``cleanup()`` waits for it to return);
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
the SDK must release: an interrupted call leaves nothing open.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

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
from ._response import IsapiResponse, decode_body, parse_status, parse_xml

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
_NOENOUGH_BUF = 43
_FUNCTION = "NET_DVR_STDXMLConfig"
_INPUT_SIZE = ctypes.sizeof(NET_DVR_XML_CONFIG_INPUT)
_OUTPUT_SIZE = ctypes.sizeof(NET_DVR_XML_CONFIG_OUTPUT)


class _Buffers:
    """One thread's structs and buffers, reused by each call on that thread."""

    __slots__ = ("inp", "inp_ref", "out", "out_buf", "out_ref", "out_size", "status_buf")

    def __init__(self, size: int) -> None:
        self.inp = NET_DVR_XML_CONFIG_INPUT()
        self.inp.dwSize = _INPUT_SIZE
        self.out = NET_DVR_XML_CONFIG_OUTPUT()
        self.out.dwSize = _OUTPUT_SIZE
        self.inp_ref = ctypes.byref(self.inp)
        self.out_ref = ctypes.byref(self.out)
        self.out_size = size
        self.out_buf = (ctypes.c_ubyte * size)()
        self.status_buf = (ctypes.c_ubyte * _STATUS_SIZE)()


class IsapiClient:
    """ISAPI requests to one device (``device.isapi``), through ``NET_DVR_STDXMLConfig``.

    ``request(method, path, body=None, *, timeout=None)`` and its shortcuts ``get``, ``put``,
    ``post``, ``delete``. ``body``: str, bytes, or a dict/list sent as JSON (``format=json``
    added to the path). ``timeout``: seconds, at most 5 (the SDK's range); None for the SDK's
    default of 5 s. Raises TypeError/ValueError for a bad argument before the SDK is called,
    the SDK error code's class on failure (also an :class:`~hcnetsdk.IsapiError` when the
    device sent a ``ResponseStatus``), :class:`~hcnetsdk.SDKClosedError` after logout.
    """

    __slots__ = ("_local", "_session", "buffer_size", "char_encoding", "max_response_size")

    def __init__(self, session: Session, *, char_encoding: int = 6) -> None:
        self._session = session
        self._local = threading.local()
        self.char_encoding = char_encoding
        """The device's ``byCharEncodeType``: the fallback to decode its text."""
        self.buffer_size = DEFAULT_BUFFER_SIZE
        """Bytes of the output buffer a call starts with (it grows when the SDK says 43)."""
        self.max_response_size = MAX_RESPONSE_SIZE
        """The largest answer accepted; a larger one raises ``NoEnoughBufError`` (43)."""

    # --- the four methods ------------------------------------------------------------------
    def get(self, path: str, *, timeout: float | None = None) -> IsapiResponse:
        """``GET path`` (``NET_DVR_STDXMLConfig``)."""
        return self._call(request_line("GET", path), None, timeout)

    def put(self, path: str, body: Any = None, *, timeout: float | None = None) -> IsapiResponse:
        """``PUT path`` with ``body`` (``NET_DVR_STDXMLConfig``)."""
        return self.request("PUT", path, body, timeout=timeout)

    def post(self, path: str, body: Any = None, *, timeout: float | None = None) -> IsapiResponse:
        """``POST path`` with ``body`` (``NET_DVR_STDXMLConfig``)."""
        return self.request("POST", path, body, timeout=timeout)

    def delete(
        self, path: str, body: Any = None, *, timeout: float | None = None
    ) -> IsapiResponse:
        """``DELETE path`` (``NET_DVR_STDXMLConfig``)."""
        return self.request("DELETE", path, body, timeout=timeout)

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
    def _buffers(self) -> _Buffers:
        local = self._local
        try:
            buffers: _Buffers = local.buffers
        except AttributeError:
            buffers = local.buffers = _Buffers(DEFAULT_BUFFER_SIZE)
        if buffers.out_size != self.buffer_size:
            buffers = local.buffers = _Buffers(self.buffer_size)
        return buffers

    def _call(self, line: RequestLine, data: bytes | None, timeout: float | None) -> IsapiResponse:
        ms = 0 if timeout is None else timeout_ms(timeout)
        session = self._session
        user_id = session.user_id  # SDKClosedError once logged out
        buffers = self._buffers()
        inp, out = buffers.inp, buffers.out
        inp.lpRequestUrl = line.address
        inp.dwRequestUrlLen = line.length
        inp.dwRecvTimeOut = ms
        keep = None
        if data:
            keep = ctypes.create_string_buffer(data, len(data))
            inp.lpInBuffer = ctypes.addressof(keep)
            inp.dwInBufferSize = len(data)
        else:
            inp.lpInBuffer = None
            inp.dwInBufferSize = 0
        out_buf, size = buffers.out_buf, buffers.out_size
        status_buf, status_size = buffers.status_buf, _STATUS_SIZE
        function = session.native.NET_DVR_STDXMLConfig
        life = session._life  # cleanup() waits for the call, as for a login
        while True:
            out.lpOutBuffer = ctypes.addressof(out_buf)
            out.dwOutBufferSize = size
            out.dwReturnedXMLSize = 0
            status_buf[0] = 0
            out.lpStatusBuffer = ctypes.addressof(status_buf)
            out.dwStatusSize = status_size - 1  # the last byte stays NUL: the text ends there
            life._enter_call()
            try:
                function(user_id, buffers.inp_ref, buffers.out_ref)
            except HCNetSDKError as exc:
                if exc.code == _NOENOUGH_BUF and size < self.max_response_size:
                    size = min(size * 4, self.max_response_size)
                    out_buf = (ctypes.c_ubyte * size)()
                    status_size *= 4
                    status_buf = (ctypes.c_ubyte * status_size)()
                    continue
                raise self._failure(exc, status_buf, line) from None
            finally:
                life._exit_call()
            returned = out.dwReturnedXMLSize
            if returned > size:  # never read past the buffer: ask again with room for it all
                if returned > self.max_response_size:
                    raise HCNetSDKError.from_code(_NOENOUGH_BUF, _FUNCTION)
                size = returned
                out_buf = (ctypes.c_ubyte * size)()
                continue
            del keep
            content = ctypes.string_at(out_buf, returned) if returned else b""
            status_raw = ctypes.string_at(status_buf) if status_buf[0] else b""
            response = IsapiResponse(
                line.method, line.path, content, status_raw, self.char_encoding
            )
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

