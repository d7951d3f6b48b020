"""DeviceInfo from the SDK structures, text decoding, and Device's own behaviour."""

from __future__ import annotations

import ctypes
import dataclasses
from collections.abc import Iterator
from typing import Any
from unittest.mock import MagicMock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hcnetsdk import _native
from hcnetsdk._lifecycle import Lifecycle
from hcnetsdk._session import Session
from hcnetsdk.device import (
    CHAR_ENCODINGS,
    Device,
    DeviceInfo,
    PasswordLevel,
    codec_for,
    decode_text,
)
from hcnetsdk.errors import SDKClosedError


def _full_info() -> Any:
    info = _native.NET_DVR_DEVICEINFO_V40()
    v30 = info.struDeviceV30
    serial = b"DS-7608NI-K2 0820230101CCRRJ12345678WCVU"
    ctypes.memmove(v30.sSerialNumber, serial, len(serial))
    values = {
        "byAlarmInPortNum": 4,
        "byAlarmOutPortNum": 1,
        "byDiskNum": 2,
        "byDVRType": 91,
        "byChanNum": 0,
        "byStartChan": 1,
        "byAudioChanNum": 1,
        "byIPChanNum": 8,
        "byZeroChanNum": 1,
        "byMainProto": 0,
        "bySubProto": 1,
        "bySupport": 0x11,
        "bySupport1": 0x12,
        "bySupport2": 0x13,
        "wDevType": 0xB1F3,
        "bySupport3": 0x14,
        "byMultiStreamProto": 3,
        "byStartDChan": 33,
        "byStartDTalkChan": 5,
        "byHighDChanNum": 1,
        "bySupport4": 0x15,
        "byLanguageType": 2,
        "byVoiceInChanNum": 3,
        "byStartVoiceInChanNo": 7,
        "bySupport5": 0x16,
        "bySupport6": 0x17,
        "byMirrorChanNum": 2,
        "wStartMirrorChanNo": 400,
        "bySupport7": 0x18,
    }
    for name, value in values.items():
        setattr(v30, name, value)
    v40 = {
        "bySupportLock": 1,
        "byRetryLoginTime": 4,
        "byPasswordLevel": 1,
        "byProxyType": 2,
        "dwSurplusLockTime": 0,
        "byCharEncodeType": 6,
        "bySupportDev5": 9,
        "bySupport": 10,
        "byLoginMode": 0,
        "dwOEMCode": 123456,
        "iResidualValidity": -3,
        "byResidualValidity": 1,
        "bySingleStartDTalkChan": 11,
        "bySingleDTalkChanNums": 12,
        "byPassWordResetLevel": 13,
        "bySupportStreamEncrypt": 14,
        "byMarketType": 15,
        "byTLSCap": 1,
    }
    for name, value in v40.items():
        setattr(info, name, value)
    return info


def test_from_struct_maps_every_field() -> None:
    info = DeviceInfo.from_struct(_full_info())
    assert info == DeviceInfo(
        serial_number="DS-7608NI-K2 0820230101CCRRJ12345678WCVU",
        device_type=0xB1F3,
        dvr_type=91,
        analog_channels=0,
        start_channel=1,
        ip_channels=8 + 256,
        start_ip_channel=33,
        zero_channels=1,
        disks=2,
        alarm_inputs=4,
        alarm_outputs=1,
        audio_channels=1,
        start_talk_channel=5,
        voice_in_channels=3,
        start_voice_in_channel=7,
        mirror_channels=2,
        start_mirror_channel=400,
        main_protocol=0,
        sub_protocol=1,
        multi_stream_protocol=3,
        language_type=2,
        support_flags=(0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18),
        password_level=PasswordLevel.DEFAULT,
        char_encoding=6,
        encoding="utf-8",
        supports_lock=True,
        retry_login_left=4,
        lock_seconds=0,
        residual_validity_days=-3,
        login_mode=0,
        proxy_type=2,
        oem_code=123456,
        support_dev5=9,
        support_v40=10,
        single_start_talk_channel=11,
        single_talk_channels=12,
        password_reset_level=13,
        stream_encryption=14,
        market_type=15,
        tls_capable=True,
    )
    assert isinstance(info.password_level, PasswordLevel)
    assert info.as_dict()["ip_channels"] == 264
    assert set(info.as_dict()) == {f.name for f in dataclasses.fields(DeviceInfo)}


def test_deviceinfo_is_frozen() -> None:
    info = DeviceInfo.from_struct(_native.NET_DVR_DEVICEINFO_V40())
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.serial_number = "x"  # type: ignore[misc]


def test_empty_struct_gives_neutral_values() -> None:
    info = DeviceInfo.from_struct(_native.NET_DVR_DEVICEINFO_V40())
    assert info.serial_number == ""
    assert info.supports_lock is False
    assert info.retry_login_left is None
    assert info.lock_seconds is None
    assert info.residual_validity_days is None
    assert info.password_level is PasswordLevel.INVALID
    assert info.encoding == "utf-8"


def test_from_v30_alone() -> None:
    v40 = _full_info()
    info = DeviceInfo.from_struct(v40.struDeviceV30)
    assert info.ip_channels == 264
    assert info.supports_lock is False


def test_from_struct_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        DeviceInfo.from_struct(object())


def test_unknown_password_level_stays_an_int() -> None:
    raw = _native.NET_DVR_DEVICEINFO_V40()
    raw.byPasswordLevel = 9
    info = DeviceInfo.from_struct(raw)
    assert info.password_level == 9
    assert not isinstance(info.password_level, PasswordLevel)


def test_encoding_table() -> None:
    assert codec_for(1) == "gb2312"
    assert codec_for(2) == "gbk"
    assert codec_for(3) == "big5"
    assert codec_for(4) == "shift_jis"
    assert codec_for(5) == "euc_kr"
    assert codec_for(6) == "utf-8"
    assert codec_for(7) == "iso8859_1"
    assert codec_for(17) == "iso8859_11"
    assert codec_for(18) == "utf-8"  # ISO-8859-12 does not exist
    assert codec_for(19) == "iso8859_13"
    assert codec_for(21) == "iso8859_15"
    assert codec_for(22) == "cp1255"
    assert codec_for(0) == "utf-8"
    assert codec_for(200) == "utf-8"
    for codec in CHAR_ENCODINGS.values():
        "x".encode(codec)  # every codec exists


@pytest.mark.parametrize(
    ("text", "code"),
    [("海康威视", 1), ("海康威视", 2), ("海康威視", 3), ("ハイクビジョン", 4), ("하이크비전", 5),
     ("Ünïcödé", 6), ("Größe", 7), ("Ελληνικά", 13), ("עברית", 22)],
)  # fmt: skip
def test_decode_text_uses_the_device_encoding(text: str, code: int) -> None:
    raw = text.encode(codec_for(code)) + b"\0garbage after NUL"
    assert decode_text(raw, code) == text


def test_serial_number_is_decoded_with_the_device_encoding() -> None:
    raw = _native.NET_DVR_DEVICEINFO_V40()
    raw.byCharEncodeType = 2
    serial = "录像机12345".encode("gbk")
    ctypes.memmove(raw.struDeviceV30.sSerialNumber, serial, len(serial))
    assert DeviceInfo.from_struct(raw).serial_number == "录像机12345"


@given(st.binary(max_size=48), st.integers(min_value=0, max_value=255))
def test_decode_text_never_raises(raw: bytes, code: int) -> None:
    text = decode_text(raw, code)
    assert "\0" not in text


@given(st.binary(min_size=48, max_size=48), st.integers(min_value=0, max_value=255))
def test_from_struct_never_raises_on_odd_bytes(raw: bytes, code: int) -> None:
    info = _native.NET_DVR_DEVICEINFO_V40()
    ctypes.memmove(info.struDeviceV30.sSerialNumber, raw, 48)
    info.byCharEncodeType = code
    assert isinstance(DeviceInfo.from_struct(info).serial_number, str)


# --- Device ---------------------------------------------------------------------------------
@pytest.fixture
def life() -> Iterator[Lifecycle[Device]]:
    """A real Lifecycle over a mocked native layer (Init, Login and Logout are MagicMocks)."""
    lifecycle: Lifecycle[Device] = Lifecycle(MagicMock(), key=id(object()))
    lifecycle.init(lambda: None)
    yield lifecycle
    lifecycle.cleanup()


def _device(life: Lifecycle[Device], sdk: Any = None) -> Device:
    info = DeviceInfo.from_struct(_full_info())

    def wrap(session: Session) -> Device:
        return Device(
            sdk or MagicMock(),
            session,
            host="nvr.local",
            address="192.0.2.1",
            port=8000,
            username="admin",
            info=info,
        )

    return life.open_session(lambda: 5, "admin@nvr.local:8000", wrap)


def test_device_attributes_and_repr_without_password(life: Lifecycle[Device]) -> None:
    sdk = MagicMock()
    device = _device(life, sdk)
    assert device.user_id == 5
    assert device.logged_in
    assert device.sdk is sdk
    assert (device.host, device.address, device.port, device.username) == (
        "nvr.local",
        "192.0.2.1",
        8000,
        "admin",
    )
    text = repr(device)
    assert "admin@nvr.local:8000" in text
    assert "user_id=5" in text
    assert "logged in" in text
    assert "password" not in text.lower()


def test_device_logout_and_context_manager_delegate_to_the_session() -> None:
    session = MagicMock(spec=Session)
    info = DeviceInfo.from_struct(_full_info())
    device = Device(
        MagicMock(), session, host="h", address="192.0.2.1", port=1, username="u", info=info
    )
    with device as same:
        assert same is device
    session.logout.assert_called_once_with()
    device.logout()
    assert session.logout.call_count == 2  # the session makes it idempotent


def test_user_id_after_logout_raises_closed(life: Lifecycle[Device]) -> None:
    device = _device(life)
    device.logout()
    assert not device.logged_in
    with pytest.raises(SDKClosedError, match=r"admin@nvr\.local:8000 is logged out"):
        _ = device.user_id
    assert "logged out" in repr(device)
    assert device.info.serial_number  # the data stays readable


def _channel_info(**fields: int) -> DeviceInfo:
    struct = _native.NET_DVR_DEVICEINFO_V40()
    for name, value in fields.items():
        setattr(struct.struDeviceV30, name, value)
    return DeviceInfo.from_struct(struct)


def test_channel_numbers_are_the_devices_own() -> None:
    nvr = _channel_info(byChanNum=2, byStartChan=1, byIPChanNum=4, byStartDChan=33)
    assert nvr.channel_numbers == (1, 2, 33, 34, 35, 36)
    assert nvr.check_channel() == 1
    assert nvr.check_channel(34) == 34
    valid = r"\(the device.s channels: 1-2, 33-36\)"
    with pytest.raises(ValueError, match=rf"channel 3 does not exist {valid}"):
        nvr.check_channel(3)
    with pytest.raises(ValueError, match="channel 37 does not exist"):
        nvr.check_channel(37)
    with pytest.raises(TypeError, match="channel must be an int, not bool"):
        nvr.check_channel(True)
    ip_only = _channel_info(byIPChanNum=1, byHighDChanNum=1, byStartDChan=33)
    assert ip_only.channel_numbers[0] == 33
    assert len(ip_only.channel_numbers) == 257
    assert ip_only.check_channel() == 33
    with pytest.raises(ValueError, match="reports no channels"):
        _channel_info().check_channel()
