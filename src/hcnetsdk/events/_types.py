"""Typed events (decoded on the consumer's thread from what the bridge copied, by :mod:`._decode`).

A command code hcnetsdk does not decode arrives as a plain :class:`Event` with its raw bytes,
never as an error. Device text is decoded with the device's character set; an ISAPI body is
parsed as XML (namespaces stripped from the names looked up) or JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from .._native.events import (
    COMM_ALARM_V30,
    COMM_ALARM_V40,
    COMM_ISAPI_ALARM,
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
