"""Decoding on the consumer's thread: what the bridge copied -> the typed event of
:mod:`._types`.

Never raises for an unknown command or an undecodable payload (a plain :class:`Event` comes
out). Kept cheap: the event is built without its dataclass ``__init__`` (:func:`_make`), flag
arrays are scanned in C, and the sender of each distinct ``NET_DVR_ALARMER`` is decoded once.
"""

from __future__ import annotations

import ctypes
import dataclasses
import datetime as dt
import json
import xml.etree.ElementTree as ET
from dataclasses import MISSING
from typing import Any, TypeVar

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
from ._types import (
    ALARM_TYPES,
    COMMANDS,
    CONNECTION_EVENTS,
    AlarmEvent,
    ConnectionEvent,
    Event,
    IsapiEvent,
    Picture,
)

__all__ = ["decode"]

E = TypeVar("E", bound="Event")

_NONZERO = bytes([0] + [1] * 255)
"""A ``bytes.translate`` table: every nonzero byte becomes 1."""


def _flags(flags: bytes) -> tuple[int, ...]:
    """Numbers (from 1) whose byte is set in a BYTE flag array (found with C-level scans)."""
    marked = flags.translate(_NONZERO)
    if 1 not in marked:  # the usual case for most arrays
        return ()
    found = []
    index = marked.find(1)
    while index >= 0:
        found.append(index + 1)
        index = marked.find(1, index + 1)
    return tuple(found)


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


def _make_from(cls: type[E], values: dict[str, Any]) -> E:
    """:func:`_make` from a dict of the values (no keyword expansion: the hot path)."""
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        _make(cls)  # fills _DEFAULTS
        defaults = _DEFAULTS[cls]
    event = object.__new__(cls)
    fields = event.__dict__
    fields.update(defaults)
    fields.update(values)
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
        if raw.command == COMM_ALARM_V30 and size >= _V30_SIZE:
            return _alarm_v30(raw, base)
        if raw.command == COMM_ALARM_V40 and size >= _V40_SIZE:
            return _alarm_v40(raw, base)
        if raw.command == COMM_ISAPI_ALARM:
            return _isapi(raw, base)
    except (ValueError, TypeError):
        pass
    return _make(Event, **base)


_ALARMER = ctypes.sizeof(NET_DVR_ALARMER)
_V30_SIZE = ctypes.sizeof(NET_DVR_ALARMINFO_V30)
_V40_SIZE = ctypes.sizeof(NET_DVR_ALARMINFO_V40)
_SERIAL = slice(NET_DVR_ALARMER.sSerialNumber.offset, NET_DVR_ALARMER.sSerialNumber.offset + 48)
_DEVICE_IP = slice(NET_DVR_ALARMER.sDeviceIP.offset, NET_DVR_ALARMER.sDeviceIP.offset + 128)
_SOCKET_IP = slice(NET_DVR_ALARMER.sSocketIP.offset, NET_DVR_ALARMER.sSocketIP.offset + 128)


def _sender(alarmer: bytes, encoding: int) -> tuple[str, str]:
    """(serial number, sender address) of a copied ``NET_DVR_ALARMER``; remembered per distinct
    alarmer, since every event of a device carries the same one."""
    key = (alarmer, encoding)
    found = _SENDERS.get(key)
    if found is not None:
        return found
    serial = sender = ""
    if len(alarmer) >= _ALARMER:  # bySerialValid at 1, byDeviceIPValid at 6, bySocketIPValid 7
        if alarmer[1]:
            serial = decode_text(alarmer[_SERIAL], encoding).strip()
        for valid, field_ in ((alarmer[6], _DEVICE_IP), (alarmer[7], _SOCKET_IP)):
            if valid:
                sender = alarmer[field_].split(b"\0", 1)[0].decode("ascii", "replace")
                break
    if len(_SENDERS) >= _MAX_SENDERS:
        _SENDERS.clear()
    _SENDERS[key] = found = (serial, sender)
    return found


_SENDERS: dict[tuple[bytes, int], tuple[str, str]] = {}
_MAX_SENDERS = 1024


def _base(raw: RawMessage, device: Any, encoding: int) -> dict[str, Any]:
    serial, sender = _sender(raw.alarmer, encoding)
    command = raw.command
    return {
        "command": command,
        "name": COMMANDS.get(command) or f"0x{command:04X}",
        "received": _now(raw),
        "payload": raw.payload,
        "device": device,
        "sender": sender,
        "serial_number": serial,
    }


_V30 = {
    name: (slice(field_.offset, field_.offset + field_.size), bytes(field_.size))
    for name, field_ in (
        (name, getattr(NET_DVR_ALARMINFO_V30, name)) for name, _ in NET_DVR_ALARMINFO_V30._fields_
    )
}
"""Field name -> (its bytes in a ``NET_DVR_ALARMINFO_V30``, that many zeros): computed once."""


def _v30_flags(payload: bytes, name: str) -> tuple[int, ...]:
    where, zeros = _V30[name]
    flags = payload[where]
    return () if flags == zeros else _flags(flags)  # all clear (the usual case): one memcmp


def _alarm_v30(raw: RawMessage, base: dict[str, Any]) -> AlarmEvent:
    payload = raw.payload
    kind = int.from_bytes(payload[0:4], "little")
    inputs = (int.from_bytes(payload[4:8], "little") + 1,) if kind == 0 else ()
    # An alarm input lists the channels it triggers in byAlarmRelateChannel; the others byChannel.
    base["alarm_type"] = kind
    base["alarm_type_name"] = ALARM_TYPES.get(kind) or f"type {kind}"
    base["channels"] = _v30_flags(payload, "byAlarmRelateChannel" if kind == 0 else "byChannel")
    base["alarm_inputs"] = inputs
    base["alarm_outputs"] = _v30_flags(payload, "byAlarmOutputNumber")
    base["disks"] = _v30_flags(payload, "byDiskNumber")
    return _make_from(AlarmEvent, base)  # base is this event's own dict


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
