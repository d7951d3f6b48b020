"""Device basics: what the device is (:class:`DeviceDetails`), its channels (:class:`ChannelInfo`),
its clock, its name, and a reboot.

Each function asks the device, through ``NET_DVR_GetDVRConfig`` / ``NET_DVR_SetDVRConfig`` /
``NET_DVR_RebootDVR`` on the session's user id (a round trip on the network, which may fail with
the SDK's error), and returns plain data:

* :func:`get_details`: ``NET_DVR_GET_DEVICECFG_V40`` (1100): name, model, serial number,
  firmware version and build, hardware, counts of channels, disks and alarm ports;
* :func:`get_channels`: every channel the device reported at login, analog then IP, numbered as
  the device numbers them (NVR IP channels usually from 33); for IP channels whether they are
  online and which camera feeds them (``NET_DVR_GET_IPPARACFG_V40``, 1062, first group of 64);
  each channel's name (``NET_DVR_GET_PICCFG_V40``, 6179, one call per channel; an offline IP
  channel whose name the device cannot give gets ``""``, any other failure is raised). The
  cameras' passwords, which that configuration holds, are never read out;
* :func:`get_time` / :func:`set_time`: the device's wall clock (``NET_DVR_GET_TIMECFG`` 118 /
  ``NET_DVR_SET_TIMECFG`` 119), a naive ``datetime`` in the device's local time;
* :func:`set_name`: ``NET_DVR_SET_DEVICECFG_V40`` (1101) with the name changed, the rest as read;
* :func:`reboot`: ``NET_DVR_RebootDVR``.

Text from the device (names, model) is decoded with the device's character set
(``DeviceInfo.encoding``: GBK, UTF-8, ...), and the name sent is encoded with it; a name that
does not fit the SDK's 32 bytes (with its NUL) is refused, never cut.
"""

from __future__ import annotations

import ctypes
import dataclasses
import datetime as _dt
from dataclasses import dataclass
from typing import Any

from . import _convert, _native
from ._deviceinfo import DeviceInfo
from ._session import Session
from .errors import HCNetSDKError

__all__ = [
    "ChannelInfo",
    "DeviceDetails",
    "get_channels",
    "get_details",
    "get_time",
    "reboot",
    "set_name",
    "set_time",
]

_cfg = _native.config
NAME_BYTES = 32
"""``sDVRName`` and ``sChanName`` are 32 bytes; a name keeps one for its NUL."""
MIN_YEAR, MAX_YEAR = 1970, 2037
"""The years a device clock takes (a 32-bit time on the device)."""


@dataclass(frozen=True)
class DeviceDetails:
    """What ``NET_DVR_GET_DEVICECFG_V40`` reports (see :meth:`hcnetsdk.Device.details`)."""

    name: str
    """``sDVRName``: the device name, decoded with the device's character set."""
    model: str
    """``byDevTypeName``: the model, e.g. ``DS-7608NI-K2``."""
    serial_number: str
    """``sSerialNumber``."""
    firmware_version: str
    """``dwSoftwareVersion`` as ``V<major>.<minor>.<build>`` (e.g. ``V4.30.5``)."""
    firmware_build: str
    """``dwSoftwareBuildDate`` as the device shows it, ``YYMMDD`` (e.g. ``230410``)."""
    firmware_build_date: _dt.date | None
    """The same as a date, or None when it is not a valid date."""
    dsp_version: str
    """``dwDSPSoftwareVersion``, as ``firmware_version``."""
    hardware_version: int
    """``dwHardwareVersion``, raw."""
    device_id: int
    """``dwDVRID``: the id the remote control uses."""
    device_type: int
    """``wDevType``."""
    device_class: int
    """``wDevClass``: 1-50 DVR, 51-100 DVS, 101-150 NVR, 151-200 IPC, 0 unknown."""
    analog_channels: int
    """``byChanNum``."""
    start_channel: int
    """``byStartChan``."""
    ip_channels: int
    """``byIPChanNum + 256 * byHighIPChanNum``."""
    zero_channels: int
    """``byZeroChanNum``."""
    disks: int
    """``byDiskNum``."""
    alarm_inputs: int
    """``byAlarmInPortNum``."""
    alarm_outputs: int
    """``byAlarmOutPortNum``."""
    network_ports: int
    """``byNetworkPortNum``."""
    audio_channels: int
    """``byAudioNum``."""
    recycle_record: bool
    """``dwRecycleRecord``: recording overwrites the oldest when the disks are full."""

    def as_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (the build date as ``YYYY-MM-DD`` or None)."""
        data = dataclasses.asdict(self)
        date = self.firmware_build_date
        data["firmware_build_date"] = date.isoformat() if date is not None else None
        return data


@dataclass(frozen=True)
class ChannelInfo:
    """One channel (see :meth:`hcnetsdk.Device.channels`)."""

    number: int
    """The device's own channel number (NVR IP channels usually from 33)."""
    kind: str
    """``"analog"`` or ``"ip"``."""
    name: str
    """``sChanName`` (``NET_DVR_GET_PICCFG_V40``), decoded with the device's character set."""
    enabled: bool
    """Analog: ``byAnalogChanEnable``; IP: a camera is assigned to the channel (``byIPID``)."""
    online: bool | None
    """IP channels: ``byEnable`` of the channel, whether its camera is online. None for analog
    channels, and for IP channels whose stream mode is not the direct one (type 0)."""
    address: str | None
    """IP channels: the camera's IP address (or domain name); None when not known."""
    port: int | None
    """IP channels: the camera's SDK port."""
    remote_channel: int | None
    """IP channels: the channel number on the camera."""

    def as_dict(self) -> dict[str, Any]:
        """The fields as a plain dict."""
        return dataclasses.asdict(self)


def _get(session: Session, command: int, channel: int, struct: ctypes.Structure) -> None:
    returned = _native.DWORD(0)
    with session.call as user_id:
        session.native.NET_DVR_GetDVRConfig(
            user_id,
            command,
            channel,
            ctypes.byref(struct),
            ctypes.sizeof(struct),
            ctypes.byref(returned),
        )


def _version(value: int) -> str:
    return f"V{(value >> 24) & 0xFF}.{(value >> 16) & 0xFF}.{value & 0xFFFF}"


def _build(value: int) -> tuple[str, _dt.date | None]:
    year, month, day = (value >> 16) & 0xFFFF, (value >> 8) & 0xFF, value & 0xFF
    full_year = year + 2000 if year < 100 else year
    try:
        date: _dt.date | None = _dt.date(full_year, month, day)
    except ValueError:
        date = None
    return f"{year % 100:02d}{month:02d}{day:02d}", date


def get_details(session: Session, info: DeviceInfo) -> DeviceDetails:
    """``NET_DVR_GetDVRConfig(NET_DVR_GET_DEVICECFG_V40)`` as :class:`DeviceDetails`."""
    raw = _cfg.NET_DVR_DEVICECFG_V40()
    _get(session, _cfg.NET_DVR_GET_DEVICECFG_V40, 0, raw)
    code = info.char_encoding
    build, build_date = _build(int(raw.dwSoftwareBuildDate))
    return DeviceDetails(
        name=_convert.decode_text(bytes(raw.sDVRName), code),
        model=_convert.decode_text(bytes(raw.byDevTypeName), code).strip(),
        serial_number=_convert.decode_text(bytes(raw.sSerialNumber), code).strip(),
        firmware_version=_version(int(raw.dwSoftwareVersion)),
        firmware_build=build,
        firmware_build_date=build_date,
        dsp_version=_version(int(raw.dwDSPSoftwareVersion)),
        hardware_version=int(raw.dwHardwareVersion),
        device_id=int(raw.dwDVRID),
        device_type=int(raw.wDevType),
        device_class=int(raw.wDevClass),
        analog_channels=int(raw.byChanNum),
        start_channel=int(raw.byStartChan),
        ip_channels=int(raw.byIPChanNum) + 256 * int(raw.byHighIPChanNum),
        zero_channels=int(raw.byZeroChanNum),
        disks=int(raw.byDiskNum),
        alarm_inputs=int(raw.byAlarmInPortNum),
        alarm_outputs=int(raw.byAlarmOutPortNum),
        network_ports=int(raw.byNetworkPortNum),
        audio_channels=int(raw.byAudioNum),
        recycle_record=bool(raw.dwRecycleRecord),
    )


def set_name(session: Session, info: DeviceInfo, name: str) -> None:
    """Rename the device: read ``NET_DVR_DEVICECFG_V40``, change ``sDVRName``, write it back
    (``NET_DVR_SetDVRConfig(NET_DVR_SET_DEVICECFG_V40)``)."""
    encoded = _convert.fixed_text("name", name, NAME_BYTES, info.encoding)
    if not name.strip():
        raise ValueError("name must not be empty")
    raw = _cfg.NET_DVR_DEVICECFG_V40()
    _get(session, _cfg.NET_DVR_GET_DEVICECFG_V40, 0, raw)
    raw.dwSize = ctypes.sizeof(raw)
    ctypes.memset(ctypes.addressof(raw.sDVRName), 0, NAME_BYTES)
    ctypes.memmove(ctypes.addressof(raw.sDVRName), encoded, len(encoded))
    with session.call as user_id:
        session.native.NET_DVR_SetDVRConfig(
            user_id, _cfg.NET_DVR_SET_DEVICECFG_V40, 0, ctypes.byref(raw), ctypes.sizeof(raw)
        )


def get_time(session: Session) -> _dt.datetime:
    """``NET_DVR_GetDVRConfig(NET_DVR_GET_TIMECFG)``: the device's wall clock, naive."""
    raw = _native.NET_DVR_TIME()
    _get(session, _cfg.NET_DVR_GET_TIMECFG, 0, raw)
    return _convert.from_net_time(raw)


def set_time(session: Session, value: _dt.datetime) -> None:
    """``NET_DVR_SetDVRConfig(NET_DVR_SET_TIMECFG)``: set the device's wall clock to ``value``,
    a naive ``datetime`` in the device's local time, whole seconds, years 1970..2037."""
    raw = _convert.to_net_time("value", value)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(
            f"value {value.isoformat()}: the device takes years {MIN_YEAR}..{MAX_YEAR}"
        )
    with session.call as user_id:
        session.native.NET_DVR_SetDVRConfig(
            user_id, _cfg.NET_DVR_SET_TIMECFG, 0, ctypes.byref(raw), ctypes.sizeof(raw)
        )


def reboot(session: Session) -> None:
    """``NET_DVR_RebootDVR``: the device restarts and drops every connection."""
    with session.call as user_id:
        session.native.NET_DVR_RebootDVR(user_id)


def _address(device: Any, code: int) -> str | None:
    ipv4 = bytes(device.struIP.sIpV4).split(b"\0", 1)[0].decode("ascii", "replace")
    if ipv4 and ipv4 != "0.0.0.0":
        return ipv4
    ipv6 = bytes(device.struIP.byIPv6).split(b"\0", 1)[0].decode("ascii", "replace")
    if ipv6:
        return ipv6
    return _convert.decode_text(bytes(device.byDomain), code) or None


def _ip_channel(number: int, index: int, ip: Any, name: str, code: int) -> ChannelInfo:
    if ip is None or index >= min(int(ip.dwDChanNum), _cfg.MAX_CHANNUM_V30):
        return ChannelInfo(number, "ip", name, False, None, None, None, None)
    mode = ip.struStreamMode[index]
    if mode.byGetStreamType != 0:  # another stream mode: its union member is not modelled
        return ChannelInfo(number, "ip", name, True, None, None, None, None)
    chan = mode.uGetStream.struChanInfo
    device_id = int(chan.byIPID) + 256 * int(chan.byIPIDHigh)
    if device_id == 0 or device_id > _cfg.MAX_IP_DEVICE_V40:
        return ChannelInfo(number, "ip", name, False, bool(chan.byEnable), None, None, None)
    device = ip.struIPDevInfo[device_id - 1]  # never its sPassword
    return ChannelInfo(
        number=number,
        kind="ip",
        name=name,
        enabled=True,
        online=bool(chan.byEnable),
        address=_address(device, code),
        port=int(device.wDVRPort) or None,
        remote_channel=int(chan.byChannel),
    )


def get_channels(session: Session, info: DeviceInfo) -> tuple[ChannelInfo, ...]:
    """Every channel of the device, analog then IP (see the module docstring)."""
    code = info.char_encoding
    ip: Any = None
    if info.ip_channels:
        ip = _cfg.NET_DVR_IPPARACFG_V40()
        _get(session, _cfg.NET_DVR_GET_IPPARACFG_V40, 0, ip)
    picture = _cfg.NET_DVR_PICCFG_V40()  # one 77 KB buffer, reused for every channel
    channels: list[ChannelInfo] = []
    analog = range(info.start_channel, info.start_channel + info.analog_channels)
    for number in info.channel_numbers:
        if number in analog:
            index = number - info.start_channel
            enabled = bool(ip.byAnalogChanEnable[index]) if ip is not None and index < 64 else True
            name = _name(session, number, picture, code)
            channels.append(ChannelInfo(number, "analog", name, enabled, None, None, None, None))
            continue
        channel = _ip_channel(number, number - info.start_ip_channel, ip, "", code)
        try:
            name = _name(session, number, picture, code)
        except HCNetSDKError:
            if channel.online is not False:
                raise
            name = ""  # the device may not know the name of a camera that is offline
        channels.append(dataclasses.replace(channel, name=name))
    return tuple(channels)


def _name(session: Session, number: int, picture: Any, code: int) -> str:
    _get(session, _cfg.NET_DVR_GET_PICCFG_V40, number, picture)
    return _convert.decode_text(bytes(picture.sChanName), code)
