"""Typed events, decoded on the consumer's thread from what the bridge copied.

A command code hcnetsdk does not decode arrives as a plain :class:`Event` with its raw bytes,
never as an error. Device text is decoded with the device's character set; an ISAPI body is
parsed as XML (namespaces stripped from the names looked up) or JSON.
"""

from __future__ import annotations

import ctypes
import dataclasses
import datetime as dt
import json
import xml.etree.ElementTree as ET
from dataclasses import MISSING, dataclass, field
from typing import Any, NamedTuple, TypeVar

from .._callbacks import Raw, RawException, RawMessage
from .._convert import decode_text
from .._native.events import (
    COMM_ALARM_V30,
    COMM_ALARM_V40,
    COMM_ISAPI_ALARM,
    NET_DVR_ALARMER,
    NET_DVR_ALARMINFO_V30,
    NET_DVR_ALARMINFO_V40,
)

__all__ = [
    "ALARM_TYPES",
    "COMMANDS",
    "CONNECTION_EVENTS",
    "AlarmEvent",
    "ConnectionEvent",
    "Event",
    "IsapiEvent",
    "Picture",
    "decode",
]

E = TypeVar("E", bound="Event")

COMMANDS: dict[int, str] = {
    0x1100: "COMM_ALARM",
    0x1102: "COMM_ALARM_RULE",
    0x1112: "COMM_UPLOAD_FACESNAP_RESULT",
    0x1131: "COMM_CROSSLINE_ALARM",
    0x1132: "COMM_UPLOAD_VIDEO_INTERCOM_EVENT",
    0x1133: "COMM_ALARM_VIDEO_INTERCOM",
    0x2800: "COMM_UPLOAD_PLATE_RESULT",
    0x2902: "COMM_SNAP_MATCH_ALARM",
    0x3050: "COMM_ITS_PLATE_RESULT",
    COMM_ALARM_V30: "COMM_ALARM_V30",
    COMM_ALARM_V40: "COMM_ALARM_V40",
    0x4010: "COMM_ALARM_FACE_DETECTION",
    0x4993: "COMM_VCA_ALARM",
    0x5002: "COMM_ALARM_ACS",
    COMM_ISAPI_ALARM: "COMM_ISAPI_ALARM",
    0x6012: "COMM_ALARM_SUBSCRIBE_EVENT",
    0x7000: "COMM_DEV_STATUS_CHANGED",
}
"""Command codes of the message callback (``lCommand``) -> the header's name (a selection)."""

ALARM_TYPES: dict[int, str] = {
    0: "alarm input",
    1: "disk full",
    2: "video loss",
    3: "motion detection",
    4: "disk unformatted",
    5: "disk error",
    6: "video tampering",
    7: "video standard mismatch",
    8: "illegal access",
    9: "video signal exception",
    10: "recording exception",
    11: "scene change",
    12: "array exception",
    13: "resolution mismatch",
}
"""``dwAlarmType`` of COMM_ALARM_V30/V40 -> a name."""

CONNECTION_EVENTS: dict[int, tuple[str, str]] = {
    0x8000: ("EXCEPTION_EXCHANGE", "the connection to the device was lost"),
    0x8001: ("EXCEPTION_AUDIOEXCHANGE", "voice talk exception"),
    0x8002: ("EXCEPTION_ALARM", "the alarm channel was lost"),
    0x8003: ("EXCEPTION_PREVIEW", "live view exception"),
    0x8004: ("EXCEPTION_SERIAL", "transparent channel exception"),
    0x8005: ("EXCEPTION_RECONNECT", "live view reconnecting"),
    0x8006: ("EXCEPTION_ALARMRECONNECT", "alarm channel reconnecting"),
    0x8007: ("EXCEPTION_SERIALRECONNECT", "transparent channel reconnecting"),
    0x8008: ("SERIAL_RECONNECTSUCCESS", "transparent channel restored"),
    0x8010: ("EXCEPTION_PLAYBACK", "playback exception"),
    0x8011: ("EXCEPTION_DISKFMT", "disk format exception"),
    0x8015: ("PREVIEW_RECONNECTSUCCESS", "live view restored"),
    0x8016: ("ALARM_RECONNECTSUCCESS", "the alarm channel was restored"),
    0x8017: ("RESUME_EXCHANGE", "the connection to the device was restored"),
    0x8023: ("EXCEPTION_LOST_ALARM", "alarms were lost"),
    0x8040: ("EXCEPTION_RELOGIN", "logging in again"),
    0x8041: ("RELOGIN_SUCCESS", "logged in again"),
    0x8044: ("EXCEPTION_RELOGIN_FAILED", "logging in again failed; no more tries"),
    0x8046: ("EXCEPTION_ALARM_RECONNECT_CLOSED", "the alarm channel stopped reconnecting"),
    0x804B: ("EXCEPTION_VIDEO_DOWNLOAD", "download exception"),
}
"""``dwType`` of the exception callback -> (the header's name, what it means)."""


_NONZERO = bytes([0] + [1] * 255)
"""A ``bytes.translate`` table: every nonzero byte becomes 1."""


def _flags(flags: bytes) -> tuple[int, ...]:
    """Numbers (from 1) whose byte is set in a BYTE flag array (found with C-level scans)."""
    marked = flags.translate(_NONZERO)
    found = []
    index = marked.find(1)
    while index >= 0:
        found.append(index + 1)
        index = marked.find(1, index + 1)
    return tuple(found)


@dataclass(frozen=True)
class Event:
    """Something a device reported. ``device`` is the :class:`~hcnetsdk.Device` of an armed
    subscription (None for a listener); ``sender`` the IP address the SDK reports."""

    command: int
    """The message's command code (``lCommand``), or the exception callback's type."""
    name: str
    """The header's name of ``command`` (``COMM_ALARM_V30``), or ``0x....`` when unknown."""
    received: dt.datetime
    """When the SDK's thread delivered it (UTC)."""
    payload: bytes = field(repr=False)
    """The raw payload, copied whole (NUL bytes included)."""
    device: Any = field(default=None, repr=False, compare=False)
    """The :class:`~hcnetsdk.Device` whose subscription received it (None from a listener)."""
    sender: str = ""
    """The sender's IP address as the SDK reports it ("" when it does not)."""
    serial_number: str = ""
    """The sender's serial number when the SDK reports it, else ""."""


@dataclass(frozen=True)
class AlarmEvent(Event):
    """``COMM_ALARM_V30`` / ``COMM_ALARM_V40``: motion, video loss, alarm inputs, disks, ..."""

    alarm_type: int = 0
    """``dwAlarmType``: 3 motion detection, 2 video loss, 0 an alarm input, ..."""
    alarm_type_name: str = ""
    """``alarm_type`` by name (see :data:`hcnetsdk.events.ALARM_TYPES`)."""
    channels: tuple[int, ...] = ()
    """The channels concerned, as the device numbers them (IP channels usually from 33)."""
    alarm_inputs: tuple[int, ...] = ()
    """The alarm input that triggered, numbered from 1 (the SDK's 0-based port number + 1),
    for an alarm-input alarm (type 0)."""
    alarm_outputs: tuple[int, ...] = ()
    """The alarm outputs it triggered (numbered from 1)."""
    disks: tuple[int, ...] = ()
    """The disks concerned (numbered from 1), for a disk alarm."""
    device_time: dt.datetime | None = None
    """The device's own time of the alarm (V40 only; naive, the device's local time)."""


class Picture(NamedTuple):
    """A picture attached to an ISAPI event."""

    name: str
    """The file name the device gave it (``1.jpg``)."""
    type: int
    """``byPicType``: 1 for a JPEG."""
    data: bytes
    """The picture's bytes, copied."""


@dataclass(frozen=True)
class IsapiEvent(Event):
    """``COMM_ISAPI_ALARM``: an ISAPI text-protocol event (``EventNotificationAlert``)."""

    event_type: str = ""
    """``eventType`` of the body (``VMD``, ``linedetection``, ``fielddetection``, ...)."""
    channel: int | None = None
    """``channelID`` (or ``dynChannelID``) of the body, when it has one."""
    date_time: str = ""
    """``dateTime`` of the body, as the device wrote it (ISO 8601 with its offset)."""
    body: bytes = field(default=b"", repr=False)
    """The whole body the device sent (XML or JSON), copied with its length."""
    content_type: str = ""
    """``"xml"`` or ``"json"``."""
    data: Any = field(default=None, repr=False, compare=False)
    """The parsed body: an ``xml.etree.ElementTree.Element`` or the JSON value (None when it
    does not parse)."""
    pictures: tuple[Picture, ...] = field(default=(), repr=False)
    """The attached pictures (a multipart notification's images)."""


@dataclass(frozen=True)
class ConnectionEvent(Event):
    """What ``NET_DVR_SetExceptionCallBack_V30`` reports: a connection lost, restored, ..."""

    description: str = ""
    """What ``name`` means, in words."""
    user_id: int = -1
    """The SDK's user id of the device concerned."""
    handle: int = -1
    """The handle concerned (the alarm channel, a live view, ...), or -1."""


_DEFAULTS: dict[type, dict[str, Any]] = {}


def _make(cls: type[E], **values: Any) -> E:
    """An instance of the frozen dataclass ``cls`` without its generated ``__init__`` (which
    sets each field through ``object.__setattr__``: a third of the cost of a decoded event).
    Fields not given take their declared defaults; the instance is as immutable as any."""
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = _DEFAULTS[cls] = {
            f.name: f.default for f in dataclasses.fields(cls) if f.default is not MISSING
        }
    event = object.__new__(cls)
    event.__dict__.update(defaults, **values)
    return event


def _now(raw: Raw) -> dt.datetime:
    return dt.datetime.fromtimestamp(raw.received, dt.timezone.utc)


def decode(raw: Raw, device: Any = None, encoding: int = 6) -> Event:
    """The typed event for what the bridge copied. Never raises for an unknown command; an
    undecodable payload gives the plain :class:`Event`."""
    if isinstance(raw, RawException):
        name, description = CONNECTION_EVENTS.get(raw.type, (f"0x{raw.type:04X}", "exception"))
        return _make(
            ConnectionEvent,
            command=raw.type,
            name=name,
            received=_now(raw),
            payload=b"",
            device=device,
            description=description,
            user_id=raw.user_id,
            handle=raw.handle,
        )
    base = _base(raw, device, encoding)
    try:
        size = len(raw.payload)
        if raw.command == COMM_ALARM_V30 and size >= ctypes.sizeof(NET_DVR_ALARMINFO_V30):
            return _alarm_v30(raw, base)
        if raw.command == COMM_ALARM_V40 and size >= ctypes.sizeof(NET_DVR_ALARMINFO_V40):
            return _alarm_v40(raw, base)
        if raw.command == COMM_ISAPI_ALARM:
            return _isapi(raw, base)
    except (ValueError, TypeError):
        pass
    return _make(Event, **base)


_ALARMER = ctypes.sizeof(NET_DVR_ALARMER)
_SERIAL = slice(NET_DVR_ALARMER.sSerialNumber.offset, NET_DVR_ALARMER.sSerialNumber.offset + 48)
_DEVICE_IP = slice(NET_DVR_ALARMER.sDeviceIP.offset, NET_DVR_ALARMER.sDeviceIP.offset + 128)
_SOCKET_IP = slice(NET_DVR_ALARMER.sSocketIP.offset, NET_DVR_ALARMER.sSocketIP.offset + 128)


def _base(raw: RawMessage, device: Any, encoding: int) -> dict[str, Any]:
    serial = sender = ""
    alarmer = raw.alarmer
    if len(alarmer) >= _ALARMER:  # bySerialValid at 1, byDeviceIPValid at 6, bySocketIPValid 7
        if alarmer[1]:
            serial = decode_text(alarmer[_SERIAL], encoding).strip()
        for valid, field_ in ((alarmer[6], _DEVICE_IP), (alarmer[7], _SOCKET_IP)):
            if valid:
                sender = alarmer[field_].split(b"\0", 1)[0].decode("ascii", "replace")
                break
    return {
        "command": raw.command,
        "name": COMMANDS.get(raw.command, f"0x{raw.command:04X}"),
        "received": _now(raw),
        "payload": raw.payload,
        "device": device,
        "sender": sender,
        "serial_number": serial,
    }


_V30 = {name: getattr(NET_DVR_ALARMINFO_V30, name) for name, _ in NET_DVR_ALARMINFO_V30._fields_}


def _v30_flags(payload: bytes, name: str) -> tuple[int, ...]:
    field_ = _V30[name]
    return _flags(payload[field_.offset : field_.offset + field_.size])


def _alarm_v30(raw: RawMessage, base: dict[str, Any]) -> AlarmEvent:
    payload = raw.payload
    kind = int.from_bytes(payload[0:4], "little")
    inputs = (int.from_bytes(payload[4:8], "little") + 1,) if kind == 0 else ()
    # An alarm input lists the channels it triggers in byAlarmRelateChannel; the others byChannel.
    channels = _v30_flags(payload, "byAlarmRelateChannel" if kind == 0 else "byChannel")
    return _make(
        AlarmEvent,
        **base,
        alarm_type=kind,
        alarm_type_name=ALARM_TYPES.get(kind, f"type {kind}"),
        channels=channels,
        alarm_inputs=inputs,
        alarm_outputs=_v30_flags(payload, "byAlarmOutputNumber"),
        disks=_v30_flags(payload, "byDiskNumber"),
    )


def _alarm_v40(raw: RawMessage, base: dict[str, Any]) -> AlarmEvent:
    info = NET_DVR_ALARMINFO_V40.from_buffer_copy(raw.payload)
    header = info.struAlarmFixedHeader
    kind = int(header.dwAlarmType)
    words = (ctypes.c_uint32 * (len(raw.data) // 4)).from_buffer_copy(raw.data)
    numbers = tuple(int(n) for n in words)
    t = header.struAlarmTime
    try:
        when: dt.datetime | None = dt.datetime(
            t.wYear, t.byMonth, t.byDay, t.byHour, t.byMinute, t.bySecond
        )
    except ValueError:
        when = None
    channels: tuple[int, ...] = ()
    inputs: tuple[int, ...] = ()
    outputs: tuple[int, ...] = ()
    disks: tuple[int, ...] = ()
    if kind == 0:
        io = header.uStruAlarm.struIOAlarm
        inputs = (int(io.dwAlarmInputNo) + 1,)  # the SDK's 0-based port, as for V30
        outputs = numbers[: int(io.dwTrigerAlarmOutNum)]
        channels = numbers[int(io.dwTrigerAlarmOutNum) :]
    elif kind in (1, 4, 5):
        disks = numbers
    else:
        channels = numbers
    return _make(
        AlarmEvent,
        **base,
        alarm_type=kind,
        alarm_type_name=ALARM_TYPES.get(kind, f"type {kind}"),
        channels=channels,
        alarm_inputs=inputs,
        alarm_outputs=outputs,
        disks=disks,
        device_time=when,
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _isapi(raw: RawMessage, base: dict[str, Any]) -> IsapiEvent:
    body = raw.data
    kind = raw.payload[12] if len(raw.payload) > 12 else 0  # byDataType: 1 XML, 2 JSON
    # XML and JSON hold no NUL: what follows one is padding (kept in ``body``, not parsed).
    document = body.split(b"\0", 1)[0].rstrip(b" \r\n")
    stripped = document.lstrip()
    content_type = "json" if kind == 2 or stripped[:1] in (b"{", b"[") else "xml"
    data: Any = None
    event_type, date_time, channel = "", "", None
    if content_type == "json":
        try:
            data = json.loads(document.decode("utf-8", "replace"))
        except ValueError:
            data = None
        if isinstance(data, dict):
            event_type = str(data.get("eventType", ""))
            date_time = str(data.get("dateTime", ""))
            value = data.get("channelID", data.get("dynChannelID"))
            channel = int(value) if isinstance(value, (int, str)) and str(value).isdigit() else None
    else:
        try:
            data = ET.fromstring(document)
        except ET.ParseError:
            data = None
        if data is not None:
            found = {_local(child.tag): (child.text or "").strip() for child in data}
            event_type = found.get("eventType", "")
            date_time = found.get("dateTime", "")
            text = found.get("channelID") or found.get("dynChannelID") or ""
            channel = int(text) if text.isdigit() else None
    pictures = tuple(
        Picture(name.split(b"\0", 1)[0].decode("utf-8", "replace"), kind_, data_)
        for name, kind_, data_ in raw.pictures
    )
    return _make(
        IsapiEvent,
        **base,
        event_type=event_type,
        channel=channel,
        date_time=date_time,
        body=body,
        content_type=content_type,
        data=data,
        pictures=pictures,
    )
