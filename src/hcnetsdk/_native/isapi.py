"""SDK area "isapi": ``NET_DVR_STDXMLConfig``, the ISAPI passthrough, and its two structures.

Layouts are those of the 6.1.9.x header as measured on 64-bit Linux (checked below). Every
pointer is ``c_void_p``: the request line, the body and the three buffers are handed over as
addresses of buffers the caller owns, and read back only with a length (the returned size, or
the status text up to its NUL).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

from ._types import BOOL, BOOL_FAILURE, BYTE, DWORD, LONG, Prototype

__all__ = [
    "NET_DVR_XML_CONFIG_INPUT",
    "NET_DVR_XML_CONFIG_OUTPUT",
    "PROTOTYPES",
    "RECV_TIMEOUT_MAX_MS",
    "IsapiFunctions",
]

RECV_TIMEOUT_MAX_MS = 5000
"""``dwRecvTimeOut``: milliseconds, 0 for the default (5000); the vendor's guide gives 0-5000."""


class NET_DVR_XML_CONFIG_INPUT(ctypes.Structure):
    """``NET_DVR_XML_CONFIG_INPUT``: 72 bytes, alignment 8. ``lpRequestUrl`` points at the
    request line (``GET /ISAPI/System/deviceInfo``), ``dwRequestUrlLen`` bytes, no NUL needed."""

    _fields_ = (
        ("dwSize", DWORD),
        ("lpRequestUrl", ctypes.c_void_p),
        ("dwRequestUrlLen", DWORD),
        ("lpInBuffer", ctypes.c_void_p),
        ("dwInBufferSize", DWORD),
        ("dwRecvTimeOut", DWORD),
        ("byForceEncrpt", BYTE),
        ("byNumOfMultiPart", BYTE),
        ("byMIMEType", BYTE),
        ("byRes1", BYTE),
        ("dwSendTimeOut", DWORD),
        ("byRes", BYTE * 24),
    )


class NET_DVR_XML_CONFIG_OUTPUT(ctypes.Structure):
    """``NET_DVR_XML_CONFIG_OUTPUT``: 72 bytes, alignment 8. ``dwReturnedXMLSize`` is the size of
    the body written to ``lpOutBuffer``; ``lpStatusBuffer`` receives the device's
    ``ResponseStatus`` text when it sent one."""

    _fields_ = (
        ("dwSize", DWORD),
        ("lpOutBuffer", ctypes.c_void_p),
        ("dwOutBufferSize", DWORD),
        ("dwReturnedXMLSize", DWORD),
        ("lpStatusBuffer", ctypes.c_void_p),
        ("dwStatusSize", DWORD),
        ("lpDataBuffer", ctypes.c_void_p),
        ("byNumOfMultiPart", BYTE),
        ("byRes", BYTE * 23),
    )


if ctypes.sizeof(ctypes.c_void_p) == 8:
    assert ctypes.sizeof(NET_DVR_XML_CONFIG_INPUT) == 72
    assert NET_DVR_XML_CONFIG_INPUT.lpRequestUrl.offset == 8
    assert NET_DVR_XML_CONFIG_INPUT.dwRequestUrlLen.offset == 16
    assert NET_DVR_XML_CONFIG_INPUT.lpInBuffer.offset == 24
    assert NET_DVR_XML_CONFIG_INPUT.dwRecvTimeOut.offset == 36
    assert NET_DVR_XML_CONFIG_INPUT.byForceEncrpt.offset == 40
    assert NET_DVR_XML_CONFIG_INPUT.dwSendTimeOut.offset == 44
    assert NET_DVR_XML_CONFIG_INPUT.byRes.offset == 48
    assert ctypes.sizeof(NET_DVR_XML_CONFIG_OUTPUT) == 72
    assert NET_DVR_XML_CONFIG_OUTPUT.lpOutBuffer.offset == 8
    assert NET_DVR_XML_CONFIG_OUTPUT.dwReturnedXMLSize.offset == 20
    assert NET_DVR_XML_CONFIG_OUTPUT.lpStatusBuffer.offset == 24
    assert NET_DVR_XML_CONFIG_OUTPUT.dwStatusSize.offset == 32
    assert NET_DVR_XML_CONFIG_OUTPUT.lpDataBuffer.offset == 40
    assert NET_DVR_XML_CONFIG_OUTPUT.byNumOfMultiPart.offset == 48


class IsapiFunctions:
    """The typed attributes :class:`~hcnetsdk._native.NativeSDK` gets from this area."""

    NET_DVR_STDXMLConfig: Callable[[int, Any, Any], int]


PROTOTYPES: tuple[Prototype, ...] = (
    # BOOL NET_DVR_STDXMLConfig(LONG lUserID, NET_DVR_XML_CONFIG_INPUT* lpInputParam,
    #                           NET_DVR_XML_CONFIG_OUTPUT* lpOutputParam);
    Prototype(
        "NET_DVR_STDXMLConfig",
        BOOL,
        (
            LONG,
            ctypes.POINTER(NET_DVR_XML_CONFIG_INPUT),
            ctypes.POINTER(NET_DVR_XML_CONFIG_OUTPUT),
        ),
        BOOL_FAILURE,
        False,
    ),
)
