"""The ISAPI error classes (combined with every SDK code's class), ResponseStatus parsing,
device-text decoding and the request checks, without the SDK."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest
from pytest_mock import MockerFixture

import hcnetsdk
from hcnetsdk import _isapi_errors as ie
from hcnetsdk._base import CATEGORY_CLASSES, CODE_TO_CLASS, SECTION_CLASSES, HCNetSDKError
from hcnetsdk.isapi import decode_body, parse_status
from hcnetsdk.isapi._request import encode_body, request_line, timeout_ms

ISAPI_CLASSES: list[type[ie.IsapiError]] = [
    ie.IsapiError,
    *ie.STATUS_CLASSES.values(),
    ie.IsapiNotSupportedError,
    ie.IsapiPermissionError,
    ie.IsapiAuthorizationError,
]
SDK_CLASSES: list[type[HCNetSDKError]] = sorted(
    {*CODE_TO_CLASS.values(), *SECTION_CLASSES.values(), *CATEGORY_CLASSES.values()},
    key=lambda cls: cls.__name__,
)


def test_every_isapi_class_combines_with_every_sdk_class() -> None:
    status = ie.ResponseStatus("/ISAPI/x", 4, "Invalid Operation", "notSupport")
    for isapi_cls in ISAPI_CLASSES:
        for sdk_cls in SDK_CLASSES:
            cls = ie.combined_class(isapi_cls, sdk_cls)
            assert ie.combined_class(isapi_cls, sdk_cls) is cls  # made once
            error = cls(sdk_cls.default_code, "NET_DVR_STDXMLConfig", status=status)
            assert isinstance(error, isapi_cls)
            assert isinstance(error, sdk_cls)
            assert error.code == sdk_cls.default_code
            assert hcnetsdk.errors.error_class(error.code) is not cls  # never registered


def test_the_cache_is_bounded_by_the_pairs() -> None:
    for isapi_cls in ISAPI_CLASSES:
        for sdk_cls in SDK_CLASSES:
            ie.combined_class(isapi_cls, sdk_cls)
    assert len(ie._COMBINED) <= len(ISAPI_CLASSES) * len(SDK_CLASSES)
    assert ie.combined_class(ie.IsapiError, HCNetSDKError) is ie.IsapiError


@pytest.mark.parametrize(
    ("code", "sub", "cls"),
    [
        (2, "deviceBusy", ie.IsapiDeviceBusyError),
        (3, None, ie.IsapiDeviceError),
        (4, "invalidOperation", ie.IsapiInvalidOperationError),
        (4, "lowPrivilege", ie.IsapiPermissionError),
        (4, "notSupport", ie.IsapiNotSupportedError),
        (4, "methodNotAllowed", ie.IsapiNotSupportedError),
        (4, "badAuthorization", ie.IsapiAuthorizationError),
        (5, None, ie.IsapiInvalidXMLFormatError),
        (6, "badParameters", ie.IsapiInvalidXMLContentError),
        (6, "lowPrivilege", ie.IsapiInvalidXMLContentError),
        (7, None, ie.IsapiRebootRequiredError),
        (9, "additional", ie.IsapiError),
        (None, None, ie.IsapiError),
    ],
)
def test_the_class_of_a_status(code: int | None, sub: str | None, cls: type) -> None:
    assert ie.isapi_error_class(ie.ResponseStatus(None, code, None, sub)) is cls


def test_categories_of_the_classes() -> None:
    assert issubclass(ie.IsapiDeviceBusyError, hcnetsdk.DeviceBusyError)
    assert issubclass(ie.IsapiPermissionError, PermissionError)
    assert issubclass(ie.IsapiAuthorizationError, hcnetsdk.AuthenticationError)
    assert issubclass(ie.IsapiNotSupportedError, hcnetsdk.NotSupportedError)
    assert not issubclass(ie.IsapiInvalidOperationError, hcnetsdk.NotSupportedError)
    assert hcnetsdk.IsapiError is ie.IsapiError
    assert hcnetsdk.ResponseStatus is ie.ResponseStatus


def test_a_made_error_pickles_and_copies() -> None:
    status = ie.ResponseStatus("/ISAPI/a", 2, "Device Busy", "upgrading", 7, "wait", "<raw/>")
    sdk_error = hcnetsdk.errors.error_class(24)(24, "NET_DVR_STDXMLConfig", sdk_message="busy")
    error = ie.make_isapi_error(sdk_error, status, "PUT", "/ISAPI/a")
    assert type(error).__name__ == "IsapiDeviceBusyError[BusyError]"
    assert isinstance(error, hcnetsdk.BusyError)
    assert error.sdk_message == "busy"
    for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert type(clone) is type(error)
        assert (clone.status, clone.method, clone.path, clone.code) == (
            status,
            "PUT",
            "/ISAPI/a",
            24,
        )
        assert str(clone) == str(error)
    plain = ie.IsapiRebootRequiredError(0, None, status=status)
    assert pickle.loads(pickle.dumps(plain)).status == status
    assert "no ResponseStatus" in str(ie.IsapiError(29))
    assert "statusCode 2 (Device Busy), subStatusCode upgrading, errorCode 7 (0x00000007)" in str(
        error
    )


XML_STATUS = """<?xml version="1.0" encoding="UTF-8"?>
<ResponseStatus version="2.0" xmlns="http://www.std-cgi.org/ver20/XMLSchema">
<requestURL>/ISAPI/System/time</requestURL>
<statusCode>6</statusCode>
<statusString>Invalid XML Content</statusString>
<subStatusCode>badParameters</subStatusCode>
<errorCode>0x60000001</errorCode>
<errorMsg> timeZone </errorMsg>
</ResponseStatus>"""


def test_parse_status_from_xml_and_json() -> None:
    status = parse_status(XML_STATUS)
    assert status == ie.ResponseStatus(
        "/ISAPI/System/time", 6, "Invalid XML Content", "badParameters", 0x60000001, "timeZone"
    )
    assert status is not None
    assert status.raw == XML_STATUS
    assert not status.ok
    flat = '{"statusCode": 1, "statusString": "OK", "subStatusCode": "ok"}'
    assert parse_status(flat) == ie.ResponseStatus(None, 1, "OK", "ok")
    wrapped = (
        '{"ResponseStatus": {"statusCode": "4", "subStatusCode": "notSupport", "errorCode": 5}}'
    )
    assert parse_status(wrapped) == ie.ResponseStatus(None, 4, None, "notSupport", 5)
    for junk in ("", "  ", "{", "[1]", '{"a": 1}', "<a/>", "<ResponseStatus>", "plain"):
        assert parse_status(junk) is None, junk
    odd = parse_status("<ResponseStatus><statusCode>x</statusCode></ResponseStatus>")
    assert odd is not None
    assert odd.status_code is None
    assert odd.describe() == "an empty ResponseStatus"


@pytest.mark.parametrize(
    ("raw", "char_encoding", "text"),
    [
        ("中文".encode(), 6, "中文"),
        ("中文".encode("gbk"), 2, "中文"),
        ('<?xml version="1.0" encoding="GBK"?><a>中文</a>'.encode("gbk"), 6, "中文"),
        ('<?xml version="1.0" encoding="utf-8"?><a>中文</a>'.encode("gbk"), 2, "中文"),
        ('<?xml version="1.0" encoding="x-unknown"?><a>中文</a>'.encode(), 2, "中文"),
        ("中文".encode("utf-16"), 2, "中文"),
        (b"\xff\xfe\xfd", 6, "\ufffd"),
    ],
)
def test_decode_body(raw: bytes, char_encoding: int, text: str) -> None:
    assert text in decode_body(raw, char_encoding)


def test_bodies_are_encoded_as_they_declare() -> None:
    assert encode_body("/ISAPI/a", '<?xml version="1.0" encoding="GBK"?><a>中</a>')[1].endswith(
        "<a>中</a>".encode("gbk")
    )
    assert encode_body("/ISAPI/a", "<a>中</a>") == ("/ISAPI/a", "<a>中</a>".encode())
    assert encode_body("/ISAPI/a", [1, "中"]) == ("/ISAPI/a?format=json", '[1, "中"]'.encode())
    assert encode_body("/ISAPI/a?Format=x", {})[0] == "/ISAPI/a?Format=x&format=json"
    assert encode_body("/ISAPI/a", memoryview(b"\0\1")) == ("/ISAPI/a", b"\0\1")


def test_request_lines_and_timeouts() -> None:
    line = request_line("delete", "/SDK/language")
    assert (line.method, line.path, line.length) == ("DELETE", "/SDK/language", 20)
    assert line.buffer.raw == b"DELETE /SDK/language"
    assert request_line("delete", "/SDK/language") is line  # cached
    assert timeout_ms(None) == 0
    assert timeout_ms(0.25) == 250
    with pytest.raises(ValueError, match="at most 5 s"):
        timeout_ms(5.5)
    with pytest.raises(TypeError):
        timeout_ms(True)


def test_a_library_without_stdxmlconfig(mocker: MockerFixture, tmp_path: Path) -> None:
    """An SDK without NET_DVR_STDXMLConfig: the missing-function error, at the call."""
    from _pyfake import PyFakeSDK
    from hcnetsdk import _loader

    (tmp_path / "HCNetSDKCom").mkdir()
    fake = PyFakeSDK()
    loaded = _loader.LoadedLibrary(
        fake.lib, str(tmp_path / "libhcnetsdk.so"), str(tmp_path), "argument"
    )
    mocker.patch.object(_loader, "load_library", return_value=loaded)
    with hcnetsdk.HCNetSDK() as sdk:
        device = sdk.login("127.0.0.1", 8000, username="admin", password="12345")
        with pytest.raises(hcnetsdk.SDKFunctionMissingError, match="NET_DVR_STDXMLConfig"):
            device.isapi.get("/ISAPI/System/deviceInfo")
