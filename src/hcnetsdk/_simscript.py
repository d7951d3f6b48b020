"""Scripted answers of the simulated site, checked: ISAPI answers per device, the playback
settings and a device's own recordings, as ``hcnetsdk.testing`` and the site file
(:mod:`._simsite`) take them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Union

from ._native.playback import FILE_TYPES
from ._simplayback import MAX_FILE_SECONDS

__all__ = [
    "FakeRecording",
    "IsapiAnswer",
    "RecordingEntry",
    "check_isapi_answers",
    "check_recordings",
    "playback_settings",
    "recording_kind",
]

_METHODS = ("GET", "PUT", "POST", "DELETE")

IsapiAnswer = Union[str, bytes, Mapping[str, Any]]
"""An ISAPI answer: a body (str or bytes), or a mapping with ``body``, ``status`` (the
``ResponseStatus`` text), ``error`` (an SDK error code: the call fails) and ``latency``
(seconds)."""

_ANSWER_KEYS = {"body", "status", "error", "latency"}


def _request_line(request: str) -> str:
    method, _, path = request.strip().partition(" ")
    method = method.upper()
    if method not in _METHODS or not path.strip().startswith("/"):
        raise ValueError(
            f"an ISAPI answer is keyed by 'METHOD /path' (METHOD one of {', '.join(_METHODS)}), "
            f"not {request!r}"
        )
    return f"{method} {path.strip()}"


def _seconds_ms(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number of seconds, not {type(value).__name__}")
    if not 0 <= value <= 3600:
        raise ValueError(f"{what} must be 0..3600 seconds, not {value}")
    return round(value * 1000)


def check_isapi_answers(answers: Mapping[str, IsapiAnswer]) -> dict[str, dict[str, Any]]:
    """``{"GET /ISAPI/...": answer}`` checked and normalised to keyword arguments of
    :meth:`FakeSDKControl.isapi_set_answer` (TypeError/ValueError naming the bad entry)."""
    if not isinstance(answers, Mapping):
        raise TypeError("isapi must map 'METHOD /path' to an answer")
    checked: dict[str, dict[str, Any]] = {}
    for request, answer in answers.items():
        if not isinstance(request, str):
            raise TypeError(f"an ISAPI request must be a str, not {request!r}")
        line = _request_line(request)
        if isinstance(answer, (str, bytes)):
            checked[line] = {"body": answer, "status": None, "sdk_error": 0, "latency_ms": 0}
            continue
        if not isinstance(answer, Mapping) or not set(answer) <= _ANSWER_KEYS:
            raise TypeError(
                f"the answer to {line!r} must be a body (str or bytes) or a table of "
                f"{', '.join(sorted(_ANSWER_KEYS))}, not {answer!r}"
            )
        body = answer.get("body", "")
        status = answer.get("status")
        error = answer.get("error", 0)
        if not isinstance(body, (str, bytes)):
            raise TypeError(f"the body of {line!r} must be str or bytes")
        if status is not None and not isinstance(status, (str, bytes)):
            raise TypeError(f"the status of {line!r} must be str or bytes")
        if isinstance(error, bool) or not isinstance(error, int) or error < 0:
            raise ValueError(f"the error of {line!r} must be an SDK error code >= 0: {error!r}")
        latency = _seconds_ms(answer.get("latency", 0), f"the latency of {line!r}")
        checked[line] = {"body": body, "status": status, "sdk_error": error, "latency_ms": latency}
    return checked


_PLAYBACK_KEYS = {
    "search_polls": "search_polls",
    "download_rate": "rate",
    "record_bps": "record_bps",
    "abort_at": "abort_at",
}


def playback_settings(recordings: Mapping[str, Any]) -> dict[str, int]:
    """``recordings=`` (``search_polls``, ``download_rate``, ``record_bps``, ``abort_at``)
    checked and mapped to the fake's playback settings."""
    if not isinstance(recordings, Mapping):
        raise TypeError("recordings must be a table of settings")
    settings: dict[str, int] = {}
    for key, value in recordings.items():
        if key not in _PLAYBACK_KEYS:
            raise ValueError(
                f"unknown recordings setting {key!r} (known: {', '.join(sorted(_PLAYBACK_KEYS))})"
            )
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"recordings.{key} must be an int, not {value!r}")
        settings[_PLAYBACK_KEYS[key]] = value
    return settings


# --- a device's own recordings ----------------------------------------------------------------


def recording_kind(kind: object) -> str:
    """A recording kind (a name, ``"type N"`` or a ``byFileType`` number) as hcnetsdk reports
    it: a name of :data:`hcnetsdk.playback.KINDS`, or ``"type N"``."""
    codes = FILE_TYPES  # the names hcnetsdk.playback reports
    if isinstance(kind, bool) or not isinstance(kind, (str, int)):
        raise TypeError(f"kind must be a recording kind name or a byFileType int, not {kind!r}")
    if isinstance(kind, str):
        if kind in codes:
            return kind
        number = kind[5:] if kind.startswith("type ") else ""
        if not number.isdigit() or int(number) in codes.values() or int(number) > 255:
            raise ValueError(
                f"unknown recording kind {kind!r}: one of {', '.join(codes)}, or 'type N' for "
                "another byFileType 0..255"
            )
        return f"type {int(number)}"
    if not 0 <= kind <= 255:
        raise ValueError(f"a byFileType is 0..255, not {kind}")
    names = {code: name for name, code in codes.items()}
    return names.get(kind, f"type {kind}")


def _device_time(value: object, what: str) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{what} {value!r} is not an ISO date and time") from None
    if not isinstance(value, dt.datetime):
        raise TypeError(f"{what} must be a datetime (or an ISO string), not {value!r}")
    if value.tzinfo is not None:
        raise ValueError(f"{what} is a time on the device's clock: give it naive, not {value}")
    if value.microsecond:
        raise ValueError(f"{what} must be whole seconds (the SDK's NET_DVR_TIME), not {value}")
    if not 1970 <= value.year <= 2100:
        raise ValueError(f"{what} must be in 1970..2100, not {value}")
    return value


@dataclass(frozen=True)
class FakeRecording:
    """A file of a simulated device's own recording index: ``add_nvr(recordings=[...])``,
    ``FakeDevice.add_recording``, a site file's ``[[devices.recordings]]``.

    Checked when made; ``kind`` and ``name`` are normalised to what ``device.recordings()``
    reports (the :class:`hcnetsdk.playback.Recording` of this file has the same ``channel``,
    ``start``, ``end``, ``kind``, ``locked`` and ``name``)."""

    channel: int
    """A channel of the device (its own numbers: IP channels of NVRs usually from 33)."""
    start: dt.datetime
    """Start on the device's clock: naive, whole seconds (an ISO string is accepted)."""
    end: dt.datetime
    """End, after ``start`` and at most a day later."""
    kind: str = "timed"
    """A name of :data:`hcnetsdk.playback.KINDS` (``"motion"``...), ``"type N"``, or the
    ``byFileType`` number; stored as the name hcnetsdk reports."""
    locked: bool = False
    """Whether the file is locked."""
    name: str | None = None
    """The device's file name (what ``download(recording=...)`` asks for); None: made from the
    channel and start, ``chCCCC_YYYYMMDDhhmmss``, as the fake's hourly files are named."""

    def __post_init__(self) -> None:
        channel = self.channel
        if isinstance(channel, bool) or not isinstance(channel, int):
            raise TypeError(f"channel must be an int, not {channel!r}")
        if not 1 <= channel <= 0xFFFF:
            raise ValueError(f"channel must be 1..65535, not {channel}")
        start = _device_time(self.start, "start")
        end = _device_time(self.end, "end")
        if not start < end <= start + dt.timedelta(seconds=MAX_FILE_SECONDS):
            raise ValueError(f"a recording ends after its start, within a day: {start} .. {end}")
        if not isinstance(self.locked, bool):
            raise TypeError(f"locked must be a bool, not {self.locked!r}")
        name = self.name
        if name is None:
            name = f"ch{channel:04d}_{start:%Y%m%d%H%M%S}"
        elif not isinstance(name, str):
            raise TypeError(f"name must be a str or None, not {name!r}")
        elif not name or "\0" in name:
            raise ValueError(f"a file name is 1..99 bytes without NUL, not {name!r}")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "kind", recording_kind(self.kind))
        object.__setattr__(self, "name", name)

    @property
    def file_type(self) -> int:
        """The ``byFileType`` code of :attr:`kind`."""
        kind = self.kind
        return FILE_TYPES[kind] if kind in FILE_TYPES else int(kind[5:])

    def encoded_name(self, codec: str) -> bytes:
        """The name in the device's character set, at most 99 bytes (``sFileName``)."""
        assert self.name is not None
        try:
            data = self.name.encode(codec)
        except UnicodeEncodeError:
            raise ValueError(f"the file name {self.name!r} is not encodable in {codec}") from None
        if len(data) > 99:
            raise ValueError(f"the file name {self.name!r} is {len(data)} bytes, at most 99")
        return data


RecordingEntry = Union[FakeRecording, Mapping[str, Any]]
"""A recording of a device's own index: a :class:`FakeRecording`, or a mapping of its fields."""

_RECORDING_KEYS = frozenset(f.name for f in fields(FakeRecording))


def check_recordings(entries: Iterable[RecordingEntry]) -> list[FakeRecording]:
    """Recordings given as :class:`FakeRecording` or mappings of its fields (a site file's),
    checked (TypeError/ValueError naming the entry) and with unique names."""
    if isinstance(entries, (str, bytes, Mapping)) or not isinstance(entries, Iterable):
        raise TypeError("recordings must be a list of recordings")
    checked: list[FakeRecording] = []
    names: set[str] = set()
    for index, entry in enumerate(entries):
        try:
            if isinstance(entry, FakeRecording):
                recording = entry
            elif isinstance(entry, Mapping):
                unknown = set(entry) - _RECORDING_KEYS
                if unknown:
                    known = ", ".join(sorted(_RECORDING_KEYS))
                    raise ValueError(f"unknown key(s) {sorted(unknown)} (known: {known})")
                recording = FakeRecording(**entry)
            else:
                raise TypeError(f"a recording is a FakeRecording or a table, not {entry!r}")
        except TypeError as exc:
            if "required positional argument" in str(exc):
                exc = TypeError("a recording needs channel, start and end")
            raise type(exc)(f"recordings[{index}]: {exc}") from None
        except ValueError as exc:
            raise ValueError(f"recordings[{index}]: {exc}") from None
        assert recording.name is not None
        if recording.name in names:
            raise ValueError(f"recordings[{index}]: a second file named {recording.name!r}")
        names.add(recording.name)
        checked.append(recording)
    return checked
