"""The simulator's ISAPI area through raw ctypes: the structs as byte buffers at the offsets of
sdk-facts-features.md section 2 (not the binding's Structures), and each documented behaviour."""

from __future__ import annotations

import ctypes
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hcnetsdk._native.isapi import NET_DVR_XML_CONFIG_INPUT, NET_DVR_XML_CONFIG_OUTPUT
from hcnetsdk._simcontrol import FakeSDKControl

INPUT_LAYOUT = {
    "dwSize": 0,
    "lpRequestUrl": 8,
    "dwRequestUrlLen": 16,
    "lpInBuffer": 24,
    "dwInBufferSize": 32,
    "dwRecvTimeOut": 36,
    "byForceEncrpt": 40,
    "byNumOfMultiPart": 41,
    "byMIMEType": 42,
    "byRes1": 43,
    "dwSendTimeOut": 44,
    "byRes": 48,
}
OUTPUT_LAYOUT = {
    "dwSize": 0,
    "lpOutBuffer": 8,
    "dwOutBufferSize": 16,
    "dwReturnedXMLSize": 20,
    "lpStatusBuffer": 24,
    "dwStatusSize": 32,
    "lpDataBuffer": 40,
    "byNumOfMultiPart": 48,
    "byRes": 49,
}


@pytest.mark.parametrize(
    ("name", "layout", "structure"),
    [
        ("NET_DVR_XML_CONFIG_INPUT", INPUT_LAYOUT, NET_DVR_XML_CONFIG_INPUT),
        ("NET_DVR_XML_CONFIG_OUTPUT", OUTPUT_LAYOUT, NET_DVR_XML_CONFIG_OUTPUT),
    ],
)
def test_layouts_match_the_facts_in_c_and_python(
    fake_control: FakeSDKControl, name: str, layout: dict[str, int], structure: type
) -> None:
    assert fake_control.sizeof(name) == 72 == ctypes.sizeof(structure)
    for field, offset in layout.items():
        assert fake_control.offsetof(name, field) == offset, field
        assert getattr(structure, field).offset == offset, field


class Raw:
    """NET_DVR_STDXMLConfig through byte buffers packed by hand."""

    def __init__(self, path: Path) -> None:
        self.lib = ctypes.CDLL(str(path))
        self.fn = self.lib.NET_DVR_STDXMLConfig
        self.fn.restype = ctypes.c_int
        self.fn.argtypes = (ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p)
        self.lib.NET_DVR_GetLastError.restype = ctypes.c_uint32

    def call(
        self,
        user_id: int,
        line: bytes,
        body: bytes = b"",
        *,
        out_size: int = 65536,
        status_size: int = 4096,
        timeout_ms: int = 0,
        input_size: int = 72,
    ) -> tuple[int, int, bytes, bytes, int]:
        """(result, last error, body returned, status text, dwReturnedXMLSize)."""
        url = ctypes.create_string_buffer(line, len(line))
        data = ctypes.create_string_buffer(body, max(len(body), 1))
        out_buf = ctypes.create_string_buffer(b"\xee" * out_size, max(out_size, 1))
        status = ctypes.create_string_buffer(status_size or 1)
        inp = bytearray(72)
        struct.pack_into("<I", inp, 0, input_size)
        struct.pack_into("<QI", inp, 8, ctypes.addressof(url), len(line))
        struct.pack_into(
            "<QII", inp, 24, ctypes.addressof(data) if body else 0, len(body), timeout_ms
        )
        out = bytearray(72)
        struct.pack_into("<I", out, 0, 72)
        struct.pack_into("<QII", out, 8, ctypes.addressof(out_buf), out_size, 0xDEAD)
        struct.pack_into("<QI", out, 24, ctypes.addressof(status), status_size)
        inp_c = (ctypes.c_char * 72).from_buffer(inp)
        out_c = (ctypes.c_char * 72).from_buffer(out)
        result = self.fn(user_id, ctypes.addressof(inp_c), ctypes.addressof(out_c))
        error = int(self.lib.NET_DVR_GetLastError())
        returned = struct.unpack_from("<I", out, 20)[0]
        got = out_buf.raw[: min(returned, out_size)] if returned != 0xDEAD else b""
        return result, error, got, status.value, returned


@pytest.fixture
def raw(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[tuple[Raw, int]]:
    """An initialised fake with a user logged into the NVR (raw Login_V30)."""
    lib = ctypes.CDLL(str(fake_sdk_path))
    assert lib.NET_DVR_Init() == 1
    info = ctypes.create_string_buffer(80)
    lib.NET_DVR_Login_V30.restype = ctypes.c_int32
    user = lib.NET_DVR_Login_V30(b"127.0.0.1", 8000, b"admin", b"12345", info)
    assert user >= 0
    yield Raw(fake_sdk_path), user
    lib.NET_DVR_Cleanup()


def test_a_get_answers_the_body_and_no_status(raw: tuple[Raw, int]) -> None:
    sdk, user = raw
    result, error, body, status, returned = sdk.call(user, b"GET /ISAPI/System/deviceInfo")
    assert (result, error) == (1, 0)
    assert returned == len(body) > 100
    assert body.startswith(b"<?xml")
    assert b"<serialNumber>DS-7608NI-K2" in body
    assert status == b""  # not filled when a GET succeeds


def test_the_id_is_checked_before_any_argument(raw: tuple[Raw, int]) -> None:
    sdk, _ = raw
    fn = sdk.fn
    assert fn(5, None, None) == 0
    assert sdk.lib.NET_DVR_GetLastError() == 47  # never issued
    assert fn(-1, None, None) == 0
    assert sdk.lib.NET_DVR_GetLastError() == 17
    assert fn(2048, None, None) == 0
    assert sdk.lib.NET_DVR_GetLastError() == 17


@pytest.mark.parametrize(
    ("line", "kwargs"),
    [
        (b"GET /ISAPI/System/deviceInfo", {"input_size": 0}),
        (b"GET /ISAPI/System/deviceInfo", {"timeout_ms": 5001}),
        (b"FETCH /ISAPI/System/deviceInfo", {}),
        (b"GET", {}),
        (b"GET /ISAPI/a\0b", {}),
        (b"GET /ISAPI/" + b"a" * 1020, {}),
    ],
)
def test_bad_arguments_give_17(raw: tuple[Raw, int], line: bytes, kwargs: dict[str, int]) -> None:
    sdk, user = raw
    assert sdk.call(user, line, b"", **kwargs)[:2] == (0, 17)


def test_a_buffer_too_small_gives_43_and_leaves_the_output(raw: tuple[Raw, int]) -> None:
    sdk, user = raw
    result, error, _, _, returned = sdk.call(user, b"GET /ISAPI/System/deviceInfo", out_size=64)
    assert (result, error, returned) == (0, 43, 0xDEAD)  # dwReturnedXMLSize untouched
    # An answer that fits exactly is whole.
    size = sdk.call(user, b"GET /ISAPI/System/deviceInfo")[4]
    assert sdk.call(user, b"GET /ISAPI/System/deviceInfo", out_size=size)[:2] == (1, 0)


def test_a_device_error_fails_with_its_code_and_fills_the_status(raw: tuple[Raw, int]) -> None:
    sdk, user = raw
    result, error, _body, status, returned = sdk.call(user, b"GET /ISAPI/Test/status/6")
    assert (result, error, returned) == (0, 29, 0xDEAD)
    assert b"<statusCode>6</statusCode>" in status
    assert b"<subStatusCode>badXmlContent</subStatusCode>" in status
    assert b"<requestURL>/ISAPI/Test/status/6</requestURL>" in status
    # A status that does not fit its buffer: 43, never a cut status.
    assert sdk.call(user, b"GET /ISAPI/Test/status/6", status_size=64)[:2] == (0, 43)
    unknown = sdk.call(user, b"GET /ISAPI/No/such&thing")
    assert unknown[:2] == (0, 23)
    assert b"<subStatusCode>notSupport</subStatusCode>" in unknown[3]
    assert b"/ISAPI/No/such&amp;thing" in unknown[3]  # escaped XML


def test_put_keeps_the_time_and_answers_ok(raw: tuple[Raw, int]) -> None:
    sdk, user = raw
    body = b"<Time><timeMode>manual</timeMode></Time>"
    result, error, _, status, returned = sdk.call(user, b"PUT /ISAPI/System/time", body)
    assert (result, error, returned) == (1, 0, 0)
    assert b"<statusCode>1</statusCode>" in status
    assert sdk.call(user, b"GET /ISAPI/System/time")[2] == body
    assert sdk.call(user, b"DELETE /ISAPI/System/time")[:2] == (0, 23)


def test_scripted_answers_latency_and_the_requests_read_back(
    raw: tuple[Raw, int], fake_control: FakeSDKControl
) -> None:
    sdk, user = raw
    dev = fake_control.find_device("127.0.0.1", 8000)
    assert dev is not None
    fake_control.isapi_set_answer(dev, "GET /ISAPI/x", b"a\0b", latency_ms=50)
    started = time.monotonic()
    result, error, body, _, returned = sdk.call(user, b"GET /ISAPI/x", timeout_ms=1000)
    assert time.monotonic() - started >= 0.045
    assert (result, error, body, returned) == (1, 0, b"a\0b", 3)
    # Slower than the receive timeout: 10 after the timeout.
    fake_control.isapi_set_answer(dev, "GET /ISAPI/x", b"late", latency_ms=400)
    started = time.monotonic()
    assert sdk.call(user, b"GET /ISAPI/x", timeout_ms=100)[:2] == (0, 10)
    assert 0.09 <= time.monotonic() - started < 0.39
    sdk.call(user, b"POST /ISAPI/y", b"\x00\xff", timeout_ms=7)
    last = fake_control.isapi_requests()[-1]
    assert (last.line, last.body, last.recv_timeout_ms, last.result) == (
        "POST /ISAPI/y",
        b"\x00\xff",
        7,
        23,
    )
    assert (last.user_id, last.device, last.out_buffer_size, last.status_size) == (
        user,
        dev,
        65536,
        4096,
    )
    assert fake_control.isapi_request_count() == 3
    fake_control.isapi_clear_answers(dev)
    assert sdk.call(user, b"GET /ISAPI/x")[:2] == (0, 23)
    with pytest.raises(ValueError, match="no device"):
        fake_control.isapi_set_answer(999, "GET /ISAPI/x")
    with pytest.raises(ValueError, match="refused"):
        fake_control.isapi_set_answer(dev, "", latency_ms=-1)


def test_before_init_and_after_reset(fake_control: FakeSDKControl, fake_sdk_path: Path) -> None:
    sdk = Raw(fake_sdk_path)
    assert sdk.call(0, b"GET /ISAPI/System/deviceInfo")[:2] == (0, 3)
    fake_control.reset()
    assert fake_control.isapi_request_count() == 0
    assert fake_control.get_int("calls:NET_DVR_STDXMLConfig") == 0
    fake_control.fail_next("NET_DVR_STDXMLConfig", 41)  # scriptable like every function
