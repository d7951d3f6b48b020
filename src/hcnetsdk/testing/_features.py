"""The kit's controls of the ISAPI, PTZ, recordings and live stream areas: per-device mixins of
:class:`~hcnetsdk.testing.FakeDevice` (ISAPI answers and requests, PTZ commands, the device's own
recordings) and a mixin of :class:`~hcnetsdk.testing.FakeSite` for what the fake has once for the
whole site (its recording rule, download behaviour and stream bit rate)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from .. import _simsite
from .._simcontrol import FakeSDKControl
from .._simisapi import IsapiRequest
from .._simscript import (
    FakeRecording,
    IsapiAnswer,
    RecordingEntry,
    check_isapi_answers,
    check_recordings,
    playback_settings,
    recording_kind,
)
from .._simstream import PtzCall, PtzState

__all__ = [
    "IsapiDeviceControls",
    "PlaybackSiteControls",
    "PtzDeviceControls",
    "RecordingDeviceControls",
]


class _DeviceBase:
    _control: FakeSDKControl
    handle: int


class IsapiDeviceControls(_DeviceBase):
    """ISAPI: scripted answers (beyond the fake's own small tree) and the requests received."""

    def set_isapi_answer(
        self,
        method: str,
        path: str,
        body: str | bytes = "",
        *,
        status: str | bytes | None = None,
        error: int = 0,
        latency: float = 0.0,
    ) -> None:
        """Answer ``method path`` (query included, exactly as requested) with ``body`` and the
        ``ResponseStatus`` text ``status``; ``error`` > 0 fails the call with that SDK error
        code instead; ``latency`` seconds before the answer."""
        answer = {"body": body, "status": status, "error": error, "latency": latency}
        self.set_isapi_answers({f"{method} {path}": answer})

    def set_isapi_answers(self, answers: Mapping[str, IsapiAnswer]) -> None:
        """Several answers: ``{"GET /ISAPI/System/status": "<Status/>", "PUT /x": {...}}``
        (see :data:`hcnetsdk._simscript.IsapiAnswer`)."""
        for line, kwargs in check_isapi_answers(answers).items():
            self._control.isapi_set_answer(self.handle, line, **kwargs)

    def clear_isapi_answers(self) -> None:
        """Forget this device's scripted answers."""
        self._control.isapi_clear_answers(self.handle)

    @property
    def isapi_requests(self) -> list[IsapiRequest]:
        """The ISAPI requests this device received (of the site's last 64), oldest first:
        ``line`` (``"GET /ISAPI/..."``), ``body``, ``user_id``, ``result`` (0 or the error)."""
        return [r for r in self._control.isapi_requests() if r.device == self.handle]


class PtzDeviceControls(_DeviceBase):
    """PTZ: the commands received and each channel's simulated state."""

    @property
    def ptz_commands(self) -> list[PtzCall]:
        """The successful PTZ calls to this device (of the site's last 1024), oldest first."""
        return [c for c in self._control.ptz_log() if c.device == self.handle]

    def ptz_state(self, channel: int) -> PtzState:
        """Channel ``channel``'s state: ``moving`` (the command in progress, 0: still),
        ``speed``, ``preset`` (the last gone to), ``presets_set``, ``commands``."""
        return self._control.ptz_state(self.handle, channel)

    def preset_is_set(self, channel: int, preset: int) -> bool:
        """Whether ``preset`` is set on ``channel``."""
        return self._control.ptz_preset_is_set(self.handle, channel, preset)


class RecordingDeviceControls(_DeviceBase):
    """Recordings: the device's own index, in place of the site's rule (one file an hour)."""

    _codec: str
    _recordings: list[FakeRecording] | None

    @property
    def recording_index(self) -> tuple[FakeRecording, ...] | None:
        """The device's own recordings, in the order given; None while it uses the site's
        rule (:meth:`PlaybackSiteControls.set_recordings`)."""
        return None if self._recordings is None else tuple(self._recordings)

    def set_recording_index(self, recordings: Iterable[RecordingEntry]) -> None:
        """Replace what the device has recorded by exactly ``recordings``
        (:class:`~hcnetsdk.testing.FakeRecording` or mappings of its fields); an empty list: it
        has recorded nothing. Searches answer the files of the channel searched that overlap
        the range, in order of start; a download by time writes the seconds they cover (each
        once), by name the file's range. All are checked before the device changes."""
        checked = check_recordings(recordings)
        try:
            _simsite.set_recording_index(self._control, self.handle, checked, self._codec)
        except ValueError:  # refused by the device (a channel it lacks): back to what it had
            self._restore()
            raise
        self._recordings = checked

    def _restore(self) -> None:
        if self._recordings is None:
            self._control.playback_own_index(self.handle, False)
        else:
            _simsite.set_recording_index(self._control, self.handle, self._recordings, self._codec)

    def add_recording(
        self,
        channel: int,
        start: dt.datetime,
        end: dt.datetime,
        *,
        kind: str | int = "timed",
        locked: bool = False,
        name: str | None = None,
    ) -> FakeRecording:
        """Add one file to the device's own index (the device stops using the site's rule:
        its index is this file and the ones added before). Returns it, with its name."""
        recording = FakeRecording(channel, start, end, recording_kind(kind), locked, name)
        current = [] if self._recordings is None else self._recordings
        if any(r.name == recording.name for r in current):
            raise ValueError(f"the device has a file named {recording.name!r} already")
        if self._recordings is None:
            self._control.playback_own_index(self.handle, True)
        try:
            _simsite.add_recording(self._control, self.handle, recording, self._codec)
        except ValueError:
            self._restore()
            raise
        self._recordings = [*current, recording]
        return recording

    def use_recording_rule(self) -> None:
        """Forget the device's own recordings: it answers by the site's rule again."""
        self._control.playback_own_index(self.handle, False)
        self._recordings = None

    def recording_bytes(self, channel: int, start: dt.datetime, end: dt.datetime) -> bytes:
        """What a download of ``channel`` over [start, end) (device times) from this device
        writes (by its own index, or the site's rule)."""
        return self._control.recording_bytes(channel, start, end, device=self.handle)


class PlaybackSiteControls:
    """Recordings, downloads and live streams: the fake has one behaviour for the whole site
    (every device and channel), set here."""

    @property
    def control(self) -> FakeSDKControl:
        raise NotImplementedError

    def set_recordings(
        self,
        *,
        search_polls: int | None = None,
        download_rate: int | None = None,
        record_bps: int | None = None,
        abort_at: int | None = None,
    ) -> None:
        """How searches and downloads behave, for every device: ``search_polls`` "still
        searching" answers before the first file; ``download_rate`` bytes per second a download
        is written at; ``record_bps`` bytes per recorded second; ``abort_at`` the percent at
        which every download ends abnormally (-1: never, the fake's default). Settings left None
        stay as they are. What is recorded is the fake's rule (one file an hour, a gap
        03:00-05:00, the 08:00 file locked; ``stubs/README.md``), except on devices given their
        own recordings (``add_nvr(recordings=...)``, ``FakeDevice.add_recording``)."""
        given: dict[str, Any] = {
            "search_polls": search_polls,
            "download_rate": download_rate,
            "record_bps": record_bps,
            "abort_at": abort_at,
        }
        wanted = {key: value for key, value in given.items() if value is not None}
        self.control.playback_set(**playback_settings(wanted))

    def recording_bytes(self, channel: int, start: dt.datetime, end: dt.datetime) -> bytes:
        """What a download of ``channel`` over [start, end) (device times) writes from a device
        that uses the rule (``FakeDevice.recording_bytes`` for one with its own recordings)."""
        return self.control.recording_bytes(channel, start, end)

    def set_stream(self, *, bits_per_second: int = 2_000_000, packet_size: int = 8192) -> None:
        """The bit rate (0: as fast as the app reads) and packet size of live streams started
        from now on, on every device."""
        self.control.stream_config(bits_per_second=bits_per_second, packet_size=packet_size)

    @property
    def open_searches(self) -> int:
        """Recording searches open now (``NET_DVR_FindFile_V40`` not closed)."""
        return self.control.get_int("open_searches")

    @property
    def open_downloads(self) -> int:
        """Downloads running now (``NET_DVR_GetFileByTime_V40``/``ByName`` not stopped)."""
        return self.control.get_int("open_downloads")

    @property
    def open_streams(self) -> int:
        """Live streams open now (``NET_DVR_RealPlay_V40`` not stopped)."""
        return self.control.get_int("streams_open")
