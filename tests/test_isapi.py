"""``device.isapi`` end to end: the public API over the C simulator, through real ctypes."""

from __future__ import annotations

import concurrent.futures
import ctypes
import json
import pickle
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hcnetsdk
from hcnetsdk._native.isapi import NET_DVR_XML_CONFIG_OUTPUT
from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk.errors import SDKClosedError

NVR = ("127.0.0.1", 8000)
NS = "{http://www.hikvision.com/ver20/XMLSchema}"


@pytest.fixture
def sdk(fake_control: FakeSDKControl, fake_sdk_path: Path) -> Iterator[hcnetsdk.HCNetSDK]:
    with hcnetsdk.HCNetSDK(str(fake_sdk_path)) as instance:
        yield instance


@pytest.fixture
def device(sdk: hcnetsdk.HCNetSDK) -> hcnetsdk.Device:
    return sdk.login(*NVR, username="admin", password="12345")


@pytest.fixture
def dev(fake_control: FakeSDKControl) -> int:
    handle = fake_control.find_device(*NVR)
    assert handle is not None
    return handle


def test_device_info_as_bytes_text_and_xml(device: hcnetsdk.Device) -> None:
    assert device.isapi is device.isapi
    response = device.isapi.get("/ISAPI/System/deviceInfo")
    assert isinstance(response, hcnetsdk.IsapiResponse)
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert response.text == response.content.decode("utf-8")
    root = response.xml()
    assert root.tag == "DeviceInfo"
    assert root.findtext("serialNumber") == device.info.serial_number
    assert root.findtext("deviceType") == "NVR"
    assert response.xml(strip_namespaces=False).tag == f"{NS}DeviceInfo"
    assert response.status is None
    assert (response.method, response.path) == ("GET", "/ISAPI/System/deviceInfo")
    assert "411 bytes" in repr(response) or "bytes" in repr(response)


def test_channels_of_the_nvr_and_the_door_as_json(device: hcnetsdk.Device) -> None:
    channels = device.isapi.get("/ISAPI/ContentMgmt/InputProxy/channels").xml()
    ids = [int(item.findtext("id") or 0) for item in channels.findall("InputProxyChannel")]
    assert ids == list(device.info.channel_numbers)[-8:] == list(range(33, 41))
    door = device.isapi.get("/ISAPI/AccessControl/Door/param/1?format=json").json()
    assert door["DoorParam"]["doorName"] == "Door 1"
    opened = device.isapi.put(
        "/ISAPI/AccessControl/RemoteControl/door/1",
        "<RemoteControlDoor><cmd>open</cmd></RemoteControlDoor>",
    )
    assert opened.status is not None
    assert (opened.status.status_code, opened.status.sub_status_code) == (1, "ok")
    assert opened.status.ok
    assert opened.content == b""


def test_put_then_get_round_trip_and_bodies_read_back(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    body = "<Time><timeMode>manual</timeMode><localTime>2026-01-02T03:04:05</localTime></Time>"
    device.isapi.put("/ISAPI/System/time", body)
    assert device.isapi.get("/ISAPI/System/time").xml().findtext("timeMode") == "manual"
    sent = fake_control.isapi_requests()[-2]
    assert (sent.line, sent.body) == ("PUT /ISAPI/System/time", body.encode())
    device.isapi.request("put", "/ISAPI/System/time", body.encode())  # bytes, any case
    assert fake_control.isapi_requests()[-1].line == "PUT /ISAPI/System/time"


def test_a_dict_body_goes_as_json_with_format_json(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, dev: int
) -> None:
    for path, sent_path in [
        (
            "/ISAPI/AccessControl/UserInfo/Record",
            "/ISAPI/AccessControl/UserInfo/Record?format=json",
        ),
        ("/ISAPI/A?x=1", "/ISAPI/A?x=1&format=json"),
        ("/ISAPI/A?format=json", "/ISAPI/A?format=json"),
        ("/ISAPI/A?format=xml", "/ISAPI/A?format=xml"),
    ]:
        fake_control.isapi_set_answer(dev, f"POST {sent_path}", '{"ok": true}')
        answer = device.isapi.post(path, {"UserInfo": {"name": "张三", "id": 7}})
        assert answer.json() == {"ok": True}
        assert answer.path == sent_path
        request = fake_control.isapi_requests()[-1]
        assert request.line == f"POST {sent_path}"
        assert json.loads(request.body.decode("utf-8")) == {"UserInfo": {"name": "张三", "id": 7}}


def test_an_answer_larger_than_the_first_buffer_arrives_whole(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, dev: int
) -> None:
    big = bytes(range(256)) * (3 * 1024 * 1024 // 256 + 7)  # over 3 MiB, every byte value
    fake_control.isapi_set_answer(dev, "GET /ISAPI/Big", big)
    response = device.isapi.get("/ISAPI/Big")
    assert response.content == big
    sizes = [r.out_buffer_size for r in fake_control.isapi_requests() if r.line.endswith("Big")]
    assert sizes == [65536, 262144, 1048576, 4194304]  # 43, 43, 43, then whole
    # The thread's buffer stays small: the next call starts at 64 KiB again.
    device.isapi.get("/ISAPI/System/deviceInfo")
    assert fake_control.isapi_requests()[-1].out_buffer_size == 65536
    # A ResponseStatus larger than the status buffer grows it too.
    long_message = "x" * 40000
    status = f"<ResponseStatus><statusCode>6</statusCode><errorMsg>{long_message}</errorMsg>"
    fake_control.isapi_set_answer(
        dev, "PUT /ISAPI/Big", status=status + "</ResponseStatus>", sdk_error=29
    )
    with pytest.raises(hcnetsdk.IsapiInvalidXMLContentError) as info:
        device.isapi.put("/ISAPI/Big", "<a/>")
    assert info.value.error_msg == long_message


def test_max_response_size_is_never_cut(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, dev: int
) -> None:
    fake_control.isapi_set_answer(dev, "GET /ISAPI/Big", b"y" * 300_000)
    device.isapi.max_response_size = 262144
    with pytest.raises(hcnetsdk.NoEnoughBufError):
        device.isapi.get("/ISAPI/Big")
    device.isapi.max_response_size = 1 << 20
    with pytest.raises(ValueError, match="buffer_size"):
        device.isapi.buffer_size = 0
    device.isapi.buffer_size = 512 * 1024  # starts large enough: one call
    before = fake_control.isapi_request_count()
    assert len(device.isapi.get("/ISAPI/Big").content) == 300_000
    assert fake_control.isapi_request_count() == before + 1


def test_timeout_maps_to_the_receive_timeout(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, dev: int
) -> None:
    device.isapi.get("/ISAPI/System/deviceInfo", timeout=1.5)
    assert fake_control.isapi_requests()[-1].recv_timeout_ms == 1500
    device.isapi.get("/ISAPI/System/deviceInfo")
    assert fake_control.isapi_requests()[-1].recv_timeout_ms == 0  # the SDK's default
    device.isapi.get("/ISAPI/System/deviceInfo", timeout=5)
    assert fake_control.isapi_requests()[-1].recv_timeout_ms == 5000
    fake_control.isapi_set_answer(dev, "GET /ISAPI/Slow", b"late", latency_ms=500)
    started = time.monotonic()
    with pytest.raises(TimeoutError) as info:
        device.isapi.get("/ISAPI/Slow", timeout=0.1)
    assert isinstance(info.value, hcnetsdk.NetworkRecvTimeoutError)
    assert time.monotonic() - started < 0.45
    assert device.isapi.get("/ISAPI/Slow", timeout=1).content == b"late"


@pytest.mark.parametrize(
    ("timeout", "error"),
    [(5.001, ValueError), (60, ValueError), (0, ValueError), (-1, ValueError), ("1", TypeError)],
)
def test_a_bad_timeout_never_reaches_the_sdk(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, timeout: object, error: type
) -> None:
    with pytest.raises(error, match="timeout"):
        device.isapi.get("/ISAPI/System/deviceInfo", timeout=timeout)  # type: ignore[arg-type]
    assert fake_control.get_int("calls:NET_DVR_STDXMLConfig") == 0


@pytest.mark.parametrize(
    ("method", "path", "body", "error", "match"),
    [
        ("PATCH", "/ISAPI/System/deviceInfo", None, ValueError, "method must be one of"),
        ("HEAD", "/ISAPI/System/deviceInfo", None, ValueError, "method must be one of"),
        ("GET /ISAPI/x", "/ISAPI/System/deviceInfo", None, ValueError, "method"),
        (b"GET", "/ISAPI/System/deviceInfo", None, TypeError, "method must be a str"),
        ("GET", b"/ISAPI/System/deviceInfo", None, TypeError, "path must be a str"),
        ("GET", ["/ISAPI/x"], None, TypeError, "path must be a str"),
        ("GET", "ISAPI/System/deviceInfo", None, ValueError, "must start with /ISAPI/"),
        ("GET", "/cgi-bin/x", None, ValueError, "must start with"),
        ("GET", "/ISAPI/a\0b", None, ValueError, "NUL"),
        ("GET", "/ISAPI/a b", None, ValueError, "printable ASCII"),
        ("GET", "/ISAPI/a\r\nHost: x", None, ValueError, "printable ASCII"),
        ("GET", "/ISAPI/通道", None, ValueError, "percent-encode"),
        ("GET", "/ISAPI/" + "a" * 1014, None, ValueError, "1025 bytes; at most 1024"),
        ("PUT", "/ISAPI/x", 12, TypeError, "body must be None, str, bytes"),
        ("PUT", "/ISAPI/x", {"a": {1, 2}}, TypeError, "cannot be sent as JSON"),
        (
            "PUT",
            "/ISAPI/x",
            '<?xml version="1.0" encoding="latin-1"?><a>通</a>',
            ValueError,
            "latin",
        ),
        ("PUT", "/ISAPI/x", '<?xml version="1.0" encoding="nope"?><a/>', ValueError, "unknown"),
    ],
)
def test_bad_requests_never_reach_the_sdk(  # noqa: PLR0917
    device: hcnetsdk.Device,
    fake_control: FakeSDKControl,
    method: object,
    path: object,
    body: object,
    error: type,
    match: str,
) -> None:
    with pytest.raises(error, match=match):
        device.isapi.request(method, path, body)  # type: ignore[arg-type]
    if method == "GET" and body is None:
        with pytest.raises(error, match=match):
            device.isapi.get(path)  # type: ignore[arg-type]
    assert fake_control.get_int("calls:NET_DVR_STDXMLConfig") == 0


def test_the_longest_request_line_and_the_sdk_prefix_pass(device: hcnetsdk.Device) -> None:
    with pytest.raises(hcnetsdk.IsapiNotSupportedError):
        device.isapi.get("/ISAPI/" + "a" * 1013)  # 1024 bytes: sent, and unknown to the device
    with pytest.raises(hcnetsdk.NoSupportError):
        device.isapi.get("/SDK/language")


def _status(code: int, sub: str) -> str:
    return (
        f"<ResponseStatus><statusCode>{code}</statusCode>"
        f"<subStatusCode>{sub}</subStatusCode></ResponseStatus>"
    )


STATUS_CASES = [
    (2, hcnetsdk.IsapiDeviceBusyError, hcnetsdk.DeviceBusyError, "Device Busy", "deviceBusy"),
    (3, hcnetsdk.IsapiDeviceError, hcnetsdk.DeviceError, "Device Error", "deviceError"),
    (4, hcnetsdk.IsapiInvalidOperationError, None, "Invalid Operation", "invalidOperation"),
    (5, hcnetsdk.IsapiInvalidXMLFormatError, hcnetsdk.ParameterError, "Invalid XML Format", None),
    (6, hcnetsdk.IsapiInvalidXMLContentError, hcnetsdk.ParameterError, "Invalid XML Content", None),
    (7, hcnetsdk.IsapiRebootRequiredError, None, "Reboot Required", "rebootRequired"),
]


@pytest.mark.parametrize(("code", "cls", "category", "string", "sub"), STATUS_CASES)
def test_each_status_code_raises_its_class_with_every_field(  # noqa: PLR0917
    device: hcnetsdk.Device,
    code: int,
    cls: type[hcnetsdk.IsapiError],
    category: type[Exception] | None,
    string: str,
    sub: str | None,
) -> None:
    path = f"/ISAPI/Test/status/{code}"
    with pytest.raises(hcnetsdk.DVROperateFailedError) as info:  # the SDK code's class
        device.isapi.get(path)
    exc = info.value
    assert isinstance(exc, cls)
    assert isinstance(exc, hcnetsdk.IsapiError)
    assert isinstance(exc, hcnetsdk.DeviceError)  # DVROperateFailedError's category
    if category is not None:
        assert isinstance(exc, category)
    assert (exc.code, exc.name, exc.function) == (
        29,
        "NET_DVR_DVROPRATEFAILED",
        "NET_DVR_STDXMLConfig",
    )
    assert (exc.status_code, exc.status_string, exc.request_url) == (code, string, path)
    assert exc.sub_status_code == (sub or exc.sub_status_code)
    assert exc.sub_status_code
    assert exc.error_code == code * 0x10000000 + 1
    assert exc.error_msg
    assert (exc.method, exc.path) == ("GET", path)
    text = str(exc)
    for part in (
        "NET_DVR_DVROPRATEFAILED (29)",
        f"GET {path}",
        f"statusCode {code} ({string})",
        f"subStatusCode {exc.sub_status_code}",
        f"0x{code:x}0000001",
        exc.error_msg,
        f"requestURL {path}",
    ):
        assert part in text, part
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is type(exc)
    assert (copy.status, copy.code, copy.path, str(copy)) == (exc.status, 29, path, text)


@pytest.mark.parametrize(
    ("sub", "sdk_error", "cls", "category"),
    [
        ("lowPrivilege", 23, hcnetsdk.IsapiPermissionError, PermissionError),
        ("lowPrivilege", 29, hcnetsdk.IsapiPermissionError, hcnetsdk.PermissionDeniedError),
        ("notSupport", 23, hcnetsdk.IsapiNotSupportedError, hcnetsdk.NotSupportedError),
        ("methodNotAllowed", 29, hcnetsdk.IsapiNotSupportedError, hcnetsdk.NotSupportedError),
        ("badAuthorization", 29, hcnetsdk.IsapiAuthorizationError, hcnetsdk.AuthenticationError),
    ],
)
def test_sub_statuses_that_name_a_category(  # noqa: PLR0917
    device: hcnetsdk.Device,
    fake_control: FakeSDKControl,
    dev: int,
    sub: str,
    sdk_error: int,
    cls: type[Exception],
    category: type[Exception],
) -> None:
    status = json.dumps(
        {
            "requestURL": "/ISAPI/Security/users",
            "statusCode": 4,
            "statusString": "Invalid Operation",
            "subStatusCode": sub,
            "errorCode": 1073741830,
            "errorMsg": sub,
        }
    )
    fake_control.isapi_set_answer(
        dev, "GET /ISAPI/Security/users", status=status, sdk_error=sdk_error
    )
    with pytest.raises(category) as info:
        device.isapi.get("/ISAPI/Security/users")
    exc = info.value
    assert isinstance(exc, cls)
    assert isinstance(exc, hcnetsdk.IsapiInvalidOperationError)
    assert isinstance(exc, hcnetsdk.errors.error_class(sdk_error))
    assert exc.code == sdk_error
    assert exc.sub_status_code == sub
    assert exc.error_code == 1073741830


def test_a_sub_status_of_another_status_keeps_the_status_class(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, dev: int
) -> None:
    status = _status(3, "lowPrivilege")
    fake_control.isapi_set_answer(dev, "GET /ISAPI/Odd", status=status, sdk_error=29)
    with pytest.raises(hcnetsdk.IsapiDeviceError) as info:
        device.isapi.get("/ISAPI/Odd")
    assert not isinstance(info.value, PermissionError)


def test_a_failure_without_a_status_is_the_plain_sdk_error(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    fake_control.fail_next("NET_DVR_STDXMLConfig", 41)
    with pytest.raises(hcnetsdk.AllocResourceError) as info:
        device.isapi.get("/ISAPI/System/deviceInfo")
    assert not isinstance(info.value, hcnetsdk.IsapiError)
    assert info.value.function == "NET_DVR_STDXMLConfig"
    fake_control.fail_next("NET_DVR_STDXMLConfig", 12345)  # unknown code: the base class
    with pytest.raises(hcnetsdk.HCNetSDKError):
        device.isapi.get("/ISAPI/System/deviceInfo")


def test_statuses_on_a_call_the_sdk_reports_done(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, dev: int
) -> None:
    reboot = _status(7, "rebootRequired")
    fake_control.isapi_set_answer(dev, "PUT /ISAPI/Reboot", status=reboot)
    answer = device.isapi.put("/ISAPI/Reboot", "<a/>")
    assert answer.reboot_required
    odd = _status(4, "notSupport")
    fake_control.isapi_set_answer(dev, "PUT /ISAPI/Odd", status=odd)
    with pytest.raises(hcnetsdk.IsapiNotSupportedError) as info:
        device.isapi.put("/ISAPI/Odd", "<a/>")
    assert info.value.code == 0  # the SDK said TRUE: no SDK code
    # A body that is itself a ResponseStatus (the status buffer empty) is read as the status.
    fake_control.isapi_set_answer(dev, "DELETE /ISAPI/Thing/1", reboot.replace("7", "1"))
    deleted = device.isapi.delete("/ISAPI/Thing/1")
    assert deleted.status is not None
    assert deleted.status.status_code == 1


GBK_XML = (
    '<?xml version="1.0" encoding="GB2312"?>'
    "<DeviceInfo><deviceName>前门摄像机</deviceName></DeviceInfo>"
)


@pytest.mark.parametrize(
    ("body", "char_encoding"),
    [
        (GBK_XML.encode("gbk"), 6),  # declared GB2312, written in GBK
        (GBK_XML.replace(' encoding="GB2312"', "").encode("gbk"), 2),  # undeclared, a GBK device
        (GBK_XML.replace("GB2312", "UTF-8").encode("gbk"), 2),  # declares UTF-8, is GBK
        (GBK_XML.replace("GB2312", "UTF-8").encode("utf-8"), 2),  # UTF-8 on a GBK device
        (GBK_XML.replace(' encoding="GB2312"', "").encode("utf-8"), 6),
        (b"\xef\xbb\xbf" + GBK_XML.replace("GB2312", "UTF-8").encode("utf-8"), 2),  # a BOM
    ],
)
def test_device_text_in_gbk_and_utf8(
    sdk: hcnetsdk.HCNetSDK,
    fake_control: FakeSDKControl,
    dev: int,
    body: bytes,
    char_encoding: int,
) -> None:
    fake_control.set_field(dev, "byCharEncodeType", char_encoding)
    device = sdk.login(*NVR, username="admin", password="12345")
    fake_control.isapi_set_answer(dev, "GET /ISAPI/Name", body)
    answer = device.isapi.get("/ISAPI/Name")
    assert answer.content == body
    assert "<deviceName>前门摄像机</deviceName>" in answer.text
    assert answer.xml().findtext("deviceName") == "前门摄像机"


def test_a_gbk_status_and_a_gbk_body_sent(
    sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl, dev: int
) -> None:
    fake_control.set_field(dev, "byCharEncodeType", 2)
    device = sdk.login(*NVR, username="admin", password="12345")
    status = (
        "<ResponseStatus><statusCode>6</statusCode><errorMsg>名称太长</errorMsg></ResponseStatus>"
    )
    fake_control.isapi_set_answer(dev, "PUT /ISAPI/Name", status=status.encode("gbk"), sdk_error=29)
    with pytest.raises(hcnetsdk.IsapiInvalidXMLContentError) as info:
        device.isapi.put("/ISAPI/Name", '<?xml version="1.0" encoding="GBK"?><a>前门</a>')
    assert info.value.error_msg == "名称太长"
    assert fake_control.isapi_requests()[-1].body.endswith("<a>前门</a>".encode("gbk"))


def test_a_dtd_is_refused_and_bad_json_raises(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, dev: int
) -> None:
    fake_control.isapi_set_answer(dev, "GET /ISAPI/Dtd", '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')
    with pytest.raises(ValueError, match="DTD"):
        device.isapi.get("/ISAPI/Dtd").xml()
    with pytest.raises(json.JSONDecodeError):
        device.isapi.get("/ISAPI/System/deviceInfo").json()
    with pytest.raises(ET.ParseError):
        device.isapi.get("/ISAPI/AccessControl/Door/param/1?format=json").xml()


def test_after_logout_the_sdk_is_not_called(
    device: hcnetsdk.Device, fake_control: FakeSDKControl
) -> None:
    client = device.isapi
    device.logout()
    with pytest.raises(SDKClosedError):
        client.get("/ISAPI/System/deviceInfo")
    assert fake_control.get_int("calls:NET_DVR_STDXMLConfig") == 0


def test_threads_share_one_client(sdk: hcnetsdk.HCNetSDK, fake_control: FakeSDKControl) -> None:
    devices = [
        sdk.login("127.0.0.1", port, username="admin", password="12345") for port in (8000, 8001)
    ]
    for port, _device in zip((8000, 8001), devices):
        handle = fake_control.find_device("127.0.0.1", port)
        assert handle is not None
        fake_control.isapi_set_answer(
            handle, "GET /ISAPI/Who", f"{port}:" + "z" * 70000 * (port - 7999)
        )

    def ask(index: int) -> tuple[int, bytes]:
        device = devices[index % 2]
        return index % 2, device.isapi.get("/ISAPI/Who").content

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for which, content in pool.map(ask, range(64)):
            port = (8000, 8001)[which]
            assert content == f"{port}:".encode() + b"z" * 70000 * (port - 7999)


def test_a_returned_size_past_the_buffer_is_asked_again(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, dev: int
) -> None:
    """An SDK that says it returned more than the buffer holds: nothing is read past the buffer,
    the call is made again with room for all of it (a seam: the first call is a stand-in)."""
    fake_control.isapi_set_answer(dev, "GET /ISAPI/Big", b"q" * 100_000)
    client = device.isapi
    real_call, check = client._function
    seen: list[int] = []

    def first_call(user_id: int, inp: Any, out: Any) -> int:
        structure = ctypes.cast(out, ctypes.POINTER(NET_DVR_XML_CONFIG_OUTPUT)).contents
        seen.append(structure.dwOutBufferSize)
        structure.dwReturnedXMLSize = 100_000  # more than the 64 KiB it was given
        return 1

    client._function = (first_call, check)
    try:
        answer = client.get("/ISAPI/Big")
    finally:
        client._function = (real_call, check)
    assert seen == [65536]
    assert answer.content == b"q" * 100_000
    assert fake_control.isapi_requests()[-1].out_buffer_size >= 100_000


def test_logout_waits_for_an_isapi_call_in_flight(
    device: hcnetsdk.Device, fake_control: FakeSDKControl, dev: int
) -> None:
    """The call runs to its end with its own user id; the logout comes after it, never during
    it (a later login could be given the same id)."""
    fake_control.isapi_set_answer(dev, "GET /ISAPI/Slow", "<ok/>", latency_ms=300)
    order: list[str] = []

    def slow() -> None:
        order.append("call start")
        assert device.isapi.get("/ISAPI/Slow").text == "<ok/>"
        order.append("call done")

    caller = threading.Thread(target=slow)
    caller.start()
    while fake_control.isapi_request_count() == 0 and caller.is_alive():
        time.sleep(0.005)  # the request reached the device
    device.logout()
    order.append("logged out")
    caller.join(10)
    assert order == ["call start", "call done", "logged out"]
    with pytest.raises(hcnetsdk.SDKClosedError):
        device.isapi.get("/ISAPI/System/deviceInfo")
