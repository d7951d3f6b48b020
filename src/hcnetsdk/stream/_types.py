"""The values of the stream feature: packet types, :class:`StreamPacket`, stream names, RTSP."""

from __future__ import annotations

import urllib.parse
from enum import IntEnum
from typing import NamedTuple

from .. import _convert

__all__ = [
    "DEFAULT_RTSP_PORT",
    "STREAMS",
    "StreamDataType",
    "StreamPacket",
    "rtsp_url",
    "stream_number",
    "to_packet",
]


class StreamDataType(IntEnum):
    """``dwDataType`` of the SDK's stream data callback (the header's ``NET_DVR_*`` values)."""

    SYSTEM_HEADER = 1
    """``NET_DVR_SYSHEAD``: the stream's header, first (needed by players of the raw stream)."""
    STREAM_DATA = 2
    """``NET_DVR_STREAMDATA``: the stream (video, or video and audio: usually MPEG-PS)."""
    AUDIO = 3
    """``NET_DVR_AUDIOSTREAMDATA``."""
    STD_VIDEO = 4
    """``NET_DVR_STD_VIDEODATA``: standard video stream data."""
    STD_AUDIO = 5
    """``NET_DVR_STD_AUDIODATA``: standard audio stream data."""
    SDP = 6
    """``NET_DVR_SDP`` (RTSP)."""
    CHANGE_FORWARD = 10
    """``NET_DVR_CHANGE_FORWARD``: the stream turned from reverse to forward."""
    CHANGE_REVERSE = 11
    """``NET_DVR_CHANGE_REVERSE``: the stream turned from forward to reverse."""
    PLAYBACK_ALL_FILE_END = 12
    """``NET_DVR_PLAYBACK_ALLFILEEND``: playback of every file ended."""
    VOD_DRAW_FRAME = 13
    """``NET_DVR_VOD_DRAW_FRAME``."""
    VOD_DRAW_DATA = 14
    """``NET_DVR_VOD_DRAW_DATA``."""
    HLS_INDEX = 15
    """``NET_DVR_HLS_INDEX_DATA``."""
    PLAYBACK_NEW_POS = 16
    """``NET_DVR_PLAYBACK_NEW_POS``."""
    METADATA = 107
    """``NET_DVR_METADATA_DATA``."""
    PRIVATE_DATA = 112
    """``NET_DVR_PRIVATE_DATA``."""


_TYPES: dict[int, StreamDataType] = {int(member): member for member in StreamDataType}


class StreamPacket(NamedTuple):
    """One callback of the stream: its data type and its bytes (copied)."""

    type: StreamDataType | int
    """The :class:`StreamDataType` (an int for a value the header does not name)."""
    data: bytes
    """The bytes the SDK passed, copied with their length."""

    @property
    def type_name(self) -> str:
        """The type's name in lower case (``"system_header"``, ``"stream_data"``), or
        ``"type_<n>"`` for an unnamed value."""
        kind = self.type
        return kind.name.lower() if isinstance(kind, StreamDataType) else f"type_{kind}"

    def __repr__(self) -> str:
        return f"<StreamPacket {self.type_name} {len(self.data)} bytes>"


def to_packet(raw: tuple[int, bytes]) -> StreamPacket:
    """A packet from the bridge's ``(dwDataType, bytes)``."""
    return StreamPacket(_TYPES.get(raw[0], raw[0]), raw[1])


STREAMS: dict[str, int] = {"main": 0, "sub": 1, "third": 2}
"""Stream name -> ``dwStreamType`` (the RTSP stream number is this + 1)."""


def stream_number(stream: object) -> int:
    """``dwStreamType`` of a stream name; ValueError naming the valid ones."""
    if not isinstance(stream, str):
        raise TypeError(f"stream must be a str, not {type(stream).__name__}")
    number = STREAMS.get(stream)
    if number is None:
        raise ValueError(f"stream must be one of {', '.join(STREAMS)}, not {stream!r}")
    return number


DEFAULT_RTSP_PORT = 554


def rtsp_url(
    address: str,
    channel_index: int,
    stream: str = "main",
    *,
    port: int = DEFAULT_RTSP_PORT,
    username: str | None = None,
    password: str | None = None,
) -> str:
    """``rtsp://[user[:password]@]address:port/Streaming/Channels/<n><ss>``: the standard
    Hikvision address, where ``n`` is the channel's position on the device (1 for the first:
    an NVR's SDK channel 33 is RTSP channel 1) and ``ss`` the stream (01 main, 02 sub, 03
    third). User and password are percent-encoded; IPv6 addresses are bracketed."""
    index = _convert.positive_int("channel_index", channel_index, 0x7FFFFFFF)
    number = stream_number(stream) + 1
    checked_port = _convert.check_port(port)
    host = f"[{address}]" if ":" in address else address
    credentials = ""
    if username is not None:
        credentials = urllib.parse.quote(username, safe="")
        if password is not None:
            credentials += ":" + urllib.parse.quote(password, safe="")
        credentials += "@"
    return f"rtsp://{credentials}{host}:{checked_port}/Streaming/Channels/{index}{number:02d}"
