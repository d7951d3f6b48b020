"""What a device reported at login: :class:`DeviceInfo` and :class:`PasswordLevel`.

Built from ``NET_DVR_DEVICEINFO_V40`` (or its V30 part) by :meth:`DeviceInfo.from_struct`; device
text is decoded with the device's character encoding. Re-exported by :mod:`hcnetsdk.device`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from . import _native
from ._convert import codec_for, decode_text

__all__ = ["DeviceInfo", "PasswordLevel", "describe_channels"]


class PasswordLevel(IntEnum):
    """``byPasswordLevel``: how the device rates the password used to log in."""

    INVALID = 0
    """Not rated (the SDK's "invalid")."""
    DEFAULT = 1
    """The factory default password: change it."""
    VALID = 2
    """A valid password: neither the default nor a weak one."""
    RISKY = 3
    """A weak password."""


@dataclass(frozen=True)
class DeviceInfo:
    """What the device reported at login (``NET_DVR_DEVICEINFO_V40`` and its V30 part).

    Channel numbers: analog channels are ``start_channel`` .. ``start_channel + analog_channels -
    1``; IP channels are ``start_ip_channel`` .. ``start_ip_channel + ip_channels - 1`` (on NVRs
    they usually start at 33).
    """

    serial_number: str
    """``sSerialNumber``, decoded with the device's character encoding."""
    device_type: int
    """``wDevType``: the device model code."""
    dvr_type: int
    """``byDVRType``: the device class (the older, one-byte type)."""
    analog_channels: int
    """``byChanNum``."""
    start_channel: int
    """``byStartChan``: number of the first analog channel."""
    ip_channels: int
    """``byIPChanNum + 256 * byHighDChanNum``."""
    start_ip_channel: int
    """``byStartDChan``: number of the first IP (digital) channel."""
    zero_channels: int
    """``byZeroChanNum``: zero-channel encoders."""
    disks: int
    """``byDiskNum``."""
    alarm_inputs: int
    """``byAlarmInPortNum``."""
    alarm_outputs: int
    """``byAlarmOutPortNum``."""
    audio_channels: int
    """``byAudioChanNum``: voice talk channels."""
    start_talk_channel: int
    """``byStartDTalkChan``: first digital voice talk channel."""
    voice_in_channels: int
    """``byVoiceInChanNum``."""
    start_voice_in_channel: int
    """``byStartVoiceInChanNo``."""
    mirror_channels: int
    """``byMirrorChanNum``."""
    start_mirror_channel: int
    """``wStartMirrorChanNo``."""
    main_protocol: int
    """``byMainProto``: main stream transport (0 private, 1 RTSP, ...)."""
    sub_protocol: int
    """``bySubProto``: sub stream transport."""
    multi_stream_protocol: int
    """``byMultiStreamProto``."""
    language_type: int
    """``byLanguageType``."""
    support_flags: tuple[int, ...]
    """The V30 capability bytes ``bySupport``, ``bySupport1`` .. ``bySupport7``, raw."""
    password_level: int
    """``byPasswordLevel`` as :class:`PasswordLevel` when known, else the raw int."""
    char_encoding: int
    """``byCharEncodeType``: the device's text encoding code (0: not reported)."""
    encoding: str
    """The Python codec used for the device's text (see :data:`CHAR_ENCODINGS`)."""
    supports_lock: bool
    """``bySupportLock``: the device reports login attempts left and lock time."""
    retry_login_left: int | None
    """``byRetryLoginTime`` when ``supports_lock``, else None."""
    lock_seconds: int | None
    """``dwSurplusLockTime`` when ``supports_lock``, else None."""
    residual_validity_days: int | None
    """``iResidualValidity`` (days until the password expires; negative: expired that long
    ago) when ``byResidualValidity`` says it is valid, else None."""
    login_mode: int
    """``byLoginMode`` reported by the device (0 private protocol, 1 ISAPI)."""
    proxy_type: int
    """``byProxyType``."""
    oem_code: int
    """``dwOEMCode``."""
    support_dev5: int
    """``bySupportDev5``, raw."""
    support_v40: int
    """The V40 ``bySupport`` capability byte, raw."""
    single_start_talk_channel: int
    """``bySingleStartDTalkChan``."""
    single_talk_channels: int
    """``bySingleDTalkChanNums``."""
    password_reset_level: int
    """``byPassWordResetLevel``."""
    stream_encryption: int
    """``bySupportStreamEncrypt``, raw."""
    market_type: int
    """``byMarketType``."""
    tls_capable: bool
    """``byTLSCap`` is nonzero."""

    @classmethod
    def from_struct(cls, info: Any) -> DeviceInfo:
        """Build from a ``NET_DVR_DEVICEINFO_V40`` (or a bare ``NET_DVR_DEVICEINFO_V30``)."""
        if isinstance(info, _native.NET_DVR_DEVICEINFO_V40):
            v40: Any = info
            v30: Any = info.struDeviceV30
        elif isinstance(info, _native.NET_DVR_DEVICEINFO_V30):
            v40 = _native.NET_DVR_DEVICEINFO_V40()
            v30 = info
        else:
            raise TypeError(f"expected NET_DVR_DEVICEINFO_V40 or _V30, not {type(info).__name__}")
        char_encoding = int(v40.byCharEncodeType)
        level = int(v40.byPasswordLevel)
        supports_lock = v40.bySupportLock == 1
        return cls(
            serial_number=decode_text(bytes(v30.sSerialNumber), char_encoding).strip(),
            device_type=int(v30.wDevType),
            dvr_type=int(v30.byDVRType),
            analog_channels=int(v30.byChanNum),
            start_channel=int(v30.byStartChan),
            ip_channels=int(v30.byIPChanNum) + 256 * int(v30.byHighDChanNum),
            start_ip_channel=int(v30.byStartDChan),
            zero_channels=int(v30.byZeroChanNum),
            disks=int(v30.byDiskNum),
            alarm_inputs=int(v30.byAlarmInPortNum),
            alarm_outputs=int(v30.byAlarmOutPortNum),
            audio_channels=int(v30.byAudioChanNum),
            start_talk_channel=int(v30.byStartDTalkChan),
            voice_in_channels=int(v30.byVoiceInChanNum),
            start_voice_in_channel=int(v30.byStartVoiceInChanNo),
            mirror_channels=int(v30.byMirrorChanNum),
            start_mirror_channel=int(v30.wStartMirrorChanNo),
            main_protocol=int(v30.byMainProto),
            sub_protocol=int(v30.bySubProto),
            multi_stream_protocol=int(v30.byMultiStreamProto),
            language_type=int(v30.byLanguageType),
            support_flags=tuple(
                int(getattr(v30, name))
                for name in (
                    "bySupport",
                    "bySupport1",
                    "bySupport2",
                    "bySupport3",
                    "bySupport4",
                    "bySupport5",
                    "bySupport6",
                    "bySupport7",
                )
            ),
            password_level=(
                PasswordLevel(level) if level in PasswordLevel._value2member_map_ else level
            ),
            char_encoding=char_encoding,
            encoding=codec_for(char_encoding),
            supports_lock=supports_lock,
            retry_login_left=int(v40.byRetryLoginTime) if supports_lock else None,
            lock_seconds=int(v40.dwSurplusLockTime) if supports_lock else None,
            residual_validity_days=(
                int(v40.iResidualValidity) if v40.byResidualValidity == 1 else None
            ),
            login_mode=int(v40.byLoginMode),
            proxy_type=int(v40.byProxyType),
            oem_code=int(v40.dwOEMCode),
            support_dev5=int(v40.bySupportDev5),
            support_v40=int(v40.bySupport),
            single_start_talk_channel=int(v40.bySingleStartDTalkChan),
            single_talk_channels=int(v40.bySingleDTalkChanNums),
            password_reset_level=int(v40.byPassWordResetLevel),
            stream_encryption=int(v40.bySupportStreamEncrypt),
            market_type=int(v40.byMarketType),
            tls_capable=bool(v40.byTLSCap),
        )

    @property
    def channel_numbers(self) -> tuple[int, ...]:
        """The device's own channel numbers: analog channels, then IP channels (on NVRs the IP
        channels usually start at 33)."""
        analog = range(self.start_channel, self.start_channel + self.analog_channels)
        ip = range(self.start_ip_channel, self.start_ip_channel + self.ip_channels)
        return tuple(dict.fromkeys([*analog, *ip]))

    def check_channel(self, value: object = None) -> int:
        """``value`` checked against :attr:`channel_numbers`; None means the first channel.

        Raises TypeError for a non-int and ValueError, naming the valid channels, for a channel
        the device does not have, so the SDK is never called with it.
        """
        numbers = self.channel_numbers
        if value is None:
            if not numbers:
                raise ValueError("the device reports no channels")
            return numbers[0]
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"channel must be an int, not {type(value).__name__}")
        if value not in numbers:
            valid = describe_channels(numbers) or "none"
            raise ValueError(f"channel {value} does not exist (the device's channels: {valid})")
        return value

    def as_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (enums stay IntEnum, which JSON writes as ints)."""
        return dataclasses.asdict(self)


def describe_channels(numbers: tuple[int, ...]) -> str:
    """``(1, 2, 3, 33, 34)`` -> ``"1-3, 33-34"``."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
