"""Scripting the simulated HCNetSDK's ISAPI: the ISAPI part of :class:`FakeSDKControl`.

Each simulated device serves a small ISAPI tree of its own (``stubs/README.md``, "ISAPI"):
``/ISAPI/System/deviceInfo``, ``/ISAPI/System/time`` (GET, and PUT, which the next GET returns),
its channels, a door, and ``/ISAPI/Test/status/2`` .. ``/7``, which fail with each status code.
:meth:`IsapiControls.isapi_set_answer` scripts any other answer of one device (a body, a
``ResponseStatus``, an SDK error code, a latency); :meth:`IsapiControls.isapi_requests` reads back
what the fake received (the last 64 requests).
"""

from __future__ import annotations

import ctypes
from typing import NamedTuple

__all__ = ["IsapiControls", "IsapiRequest"]

_LINE_CAP = 2048
_MAX_BODY = 64 * 1024 * 1024


class IsapiRequest(NamedTuple):
    """One ``NET_DVR_STDXMLConfig`` call as the fake received it."""

    line: str
    """The request line: ``GET /ISAPI/System/deviceInfo``."""
    body: bytes
    """The input buffer (``dwInBufferSize`` bytes)."""
    user_id: int
    device: int
    """The handle of the device the user id was logged into."""
    recv_timeout_ms: int
    """``dwRecvTimeOut`` as given (0: the default)."""
    out_buffer_size: int
    status_size: int
    result: int
    """0 for TRUE, else the error code the call failed with."""


class IsapiControls:
    """The ISAPI control functions (``fake_isapi_*``), typed. A mixin of
    :class:`~hcnetsdk._simcontrol.FakeSDKControl`, which calls :meth:`_declare_isapi`."""

    lib: ctypes.CDLL

    def _declare_isapi(self) -> None:
        c_int, c_char_p, c_void_p = ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p
        table: dict[str, tuple[object, list[object]]] = {
            "fake_isapi_set_answer": (
                c_int,
                [c_int, c_char_p, c_int, c_void_p, c_int, c_char_p, c_int],
            ),
            "fake_isapi_clear_answers": (c_int, [c_int]),
            "fake_isapi_request": (
                c_int,
                [c_int, c_char_p, c_int, c_void_p, c_int, ctypes.POINTER(ctypes.c_longlong)],
            ),
            "fake_isapi_request_count": (ctypes.c_longlong, []),
        }
        for name, (restype, argtypes) in table.items():
            function = getattr(self.lib, name)
            function.restype = restype
            function.argtypes = argtypes

    def isapi_set_answer(
        self,
        dev: int,
        request_line: str,
        body: bytes | str = b"",
        *,
        status: bytes | str | None = None,
        sdk_error: int = 0,
        latency_ms: int = 0,
    ) -> None:
        """Script device ``dev``'s answer to ``request_line`` (``"GET /ISAPI/..."``, query
        included): with ``sdk_error`` 0 the call succeeds with ``body`` (str as UTF-8) and
        ``status`` (the ResponseStatus text, written to the status buffer); else it fails with
        that code and writes only ``status``. ``latency_ms``: the device's answer time."""
        raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        text = status.encode("utf-8") if isinstance(status, str) else status
        rc: int = self.lib.fake_isapi_set_answer(
            dev, request_line.encode("utf-8"), sdk_error, raw, len(raw), text, latency_ms
        )
        if rc == -1:
            raise ValueError(f"no device with handle {dev}")
        if rc != 0:
            raise ValueError(
                f"the fake refused the answer to {request_line!r} (line 1..1024 bytes, "
                "sdk_error >= 0, body and status at most 64 MiB, latency >= 0, 256 answers)"
            )

    def isapi_clear_answers(self, dev: int | None = None) -> None:
        """Forget the scripted answers of ``dev`` (None: of every device)."""
        self.lib.fake_isapi_clear_answers(-1 if dev is None else dev)

    def isapi_request_count(self) -> int:
        """How many ``NET_DVR_STDXMLConfig`` requests reached a device since the last reset."""
        return int(self.lib.fake_isapi_request_count())

    def isapi_requests(self) -> list[IsapiRequest]:
        """The requests received (the last 64), oldest first."""
        found: list[IsapiRequest] = []
        index = 0
        while True:
            line = ctypes.create_string_buffer(_LINE_CAP)
            info = (ctypes.c_longlong * 7)()
            size = int(self.lib.fake_isapi_request(index, line, _LINE_CAP, None, 0, info))
            if size < 0:
                return found
            body = ctypes.create_string_buffer(max(size, 1))
            self.lib.fake_isapi_request(index, line, _LINE_CAP, body, size, info)
            found.append(
                IsapiRequest(
                    line=line.value.decode("utf-8", "replace"),
                    body=body.raw[:size],
                    user_id=int(info[0]),
                    device=int(info[1]),
                    recv_timeout_ms=int(info[3]),
                    out_buffer_size=int(info[4]),
                    status_size=int(info[5]),
                    result=int(info[6]),
                )
            )
            index += 1
