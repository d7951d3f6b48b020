"""A logged-in device (:class:`Device`); what it reported at login (:class:`DeviceInfo`) lives in
:mod:`._deviceinfo` and is re-exported here.

A :class:`Device` is made by :meth:`hcnetsdk.HCNetSDK.login`, never directly. It holds the SDK's
user id for the session; :meth:`Device.logout` ends the session (idempotently), and so does leaving
``with sdk.login(...) as device:``. After logout, or after its SDK's cleanup, ``device.user_id``
raises :class:`~hcnetsdk.SDKClosedError`, so the SDK is never called with an id it did not hand out
or has taken back. The data (``host``, ``port``, ``username``, ``info``) stays readable.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
from collections.abc import Callable, Generator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from . import devconfig as _devconfig
from . import events as _events
from . import isapi as _isapi
from . import playback as _playback
from . import ptz as _ptz
from . import snapshot as _snapshot
from . import stream as _stream
from ._convert import CHAR_ENCODINGS, codec_for, decode_text
from ._deviceinfo import DeviceInfo, PasswordLevel
from ._session import Session
from .errors import HCNetSDKError

if TYPE_CHECKING:
    from typing_extensions import Self

    from .sdk import HCNetSDK  # for the annotation of Device.sdk only; never imported at run time

__all__ = ["CHAR_ENCODINGS", "Device", "DeviceInfo", "PasswordLevel", "codec_for", "decode_text"]

logger = logging.getLogger("hcnetsdk")


class Device:
    """A session on one device, made by :meth:`hcnetsdk.HCNetSDK.login`.

    Thread-safe: ``logout()`` may race with other threads and with the SDK's cleanup; exactly one
    of them calls ``NET_DVR_Logout``. What is opened on the device is closed before its
    logout.
    """

    __slots__ = (
        "_isapi",
        "_rtsp_port",
        "_sdk",
        "_session",
        "address",
        "host",
        "info",
        "port",
        "username",
    )

    def __init__(
        self,
        sdk: HCNetSDK,
        session: Session,
        *,
        host: str,
        address: str,
        port: int,
        username: str,
        info: DeviceInfo,
    ) -> None:
        self._sdk = sdk
        self._session = session
        self.host = host
        """The host as given to ``login()``."""
        self.address = address
        """The IP address the SDK connected to (``host`` itself, or what it resolved to)."""
        self.port = port
        """The SDK port logged into."""
        self.username = username
        """The user name logged in with."""
        self.info = info
        """What the device reported at login."""
        self._isapi: _isapi.IsapiClient | None = None
        self._rtsp_port: int | None = None

    @property
    def sdk(self) -> HCNetSDK:
        """The :class:`~hcnetsdk.HCNetSDK` this session belongs to."""
        return self._sdk

    @property
    def logged_in(self) -> bool:
        """Whether the session is still open."""
        return self._session.logged_in

    @property
    def user_id(self) -> int:
        """The SDK's user id of this session; raises SDKClosedError once logged out."""
        return self._session.user_id

    def logout(self) -> None:
        """End the session (``NET_DVR_Logout``), after closing what was opened on it. Calling it
        again does nothing."""
        self._session.logout()

    def events(
        self,
        *,
        queue_size: int = _events.DEFAULT_QUEUE_SIZE,
        on_event: Callable[[_events.Event], object] | None = None,
    ) -> _events.EventSubscription:
        """Arm the device and receive its alarms and events (``NET_DVR_SetupAlarmChan_V50``).

        Returns an :class:`~hcnetsdk.EventSubscription`: iterate it (``for event in sub``) or
        call ``sub.get(timeout=...)``, or pass ``on_event`` to have each event handed to that
        callable on a thread hcnetsdk owns. At most ``queue_size`` events wait; beyond that the
        newest are dropped and counted (``sub.dropped``). Connection changes of the device
        (lost, restored) arrive as :class:`~hcnetsdk.ConnectionEvent`. ``sub.close()`` (or
        leaving ``with``) disarms; logout closes it too. Several subscriptions on one device
        share one alarm channel and each receives every event of the device.
        """
        return _events.arm(
            self._session,
            device=self,
            encoding=self.info.char_encoding,
            queue_size=queue_size,
            on_event=on_event,
        )

    # --- snapshots and device basics (hcnetsdk.snapshot, hcnetsdk.devconfig) ---------------
    def snapshot(
        self,
        channel: int | None = None,
        *,
        size: int = _snapshot.PictureSize.CURRENT,
        quality: int = _snapshot.PictureQuality.BEST,
    ) -> bytes:
        """One JPEG picture of ``channel`` (``NET_DVR_CaptureJPEGPicture_NEW``); None: the
        device's first channel. ``size`` is a :class:`~hcnetsdk.PictureSize` (default: the
        stream's current resolution), ``quality`` a :class:`~hcnetsdk.PictureQuality`. A channel
        the device does not have is refused (ValueError naming the valid ones) before the SDK is
        called. Raises :class:`~hcnetsdk.SnapshotError` when the answer is empty or not a JPEG.
        """
        return _snapshot.capture(self._session, self.info, channel, size=size, quality=quality)

    def snapshot_to(
        self,
        path: str | os.PathLike[str],
        channel: int | None = None,
        *,
        size: int = _snapshot.PictureSize.CURRENT,
        quality: int = _snapshot.PictureQuality.BEST,
    ) -> Path:
        """:meth:`snapshot`, written atomically to ``path`` (a temporary file in the same folder,
        then ``os.replace``; nothing is left behind on failure). Returns the path."""
        return _snapshot.capture_to(
            self._session, self.info, path, channel, size=size, quality=quality
        )

    def details(self) -> _devconfig.DeviceDetails:
        """Ask the device what it is: name, model, serial number, firmware, channel and disk
        counts (``NET_DVR_GetDVRConfig``, ``NET_DVR_GET_DEVICECFG_V40``). A method, not a
        property: each call is a round trip to the device."""
        return _devconfig.get_details(self._session, self.info)

    def channels(self) -> tuple[_devconfig.ChannelInfo, ...]:
        """Ask the device for its channels, analog then IP, with their names and, for IP
        channels, whether they are online and which camera feeds them
        (``NET_DVR_GET_IPPARACFG_V40``, ``NET_DVR_GET_PICCFG_V40``). One round trip per channel."""
        return _devconfig.get_channels(self._session, self.info)

    def get_time(self) -> _dt.datetime:
        """The device's clock as a naive ``datetime`` in its local time
        (``NET_DVR_GetDVRConfig``, ``NET_DVR_GET_TIMECFG``)."""
        return _devconfig.get_time(self._session)

    def set_time(self, value: _dt.datetime) -> None:
        """Set the device's clock (``NET_DVR_SetDVRConfig``, ``NET_DVR_SET_TIMECFG``): a naive
        ``datetime`` in the device's local time, whole seconds, years 1970..2037."""
        _devconfig.set_time(self._session, value)

    def set_name(self, name: str) -> None:
        """Rename the device (``NET_DVR_SetDVRConfig``, ``NET_DVR_SET_DEVICECFG_V40``); at most
        31 bytes in the device's character set."""
        _devconfig.set_name(self._session, self.info, name)

    def reboot(self) -> None:
        """Restart the device (``NET_DVR_RebootDVR``). It drops its connections: log out, and
        log in again once it is back (a minute or more)."""
        _devconfig.reboot(self._session)

    def recordings(
        self,
        channel: int,
        start: _dt.datetime,
        end: _dt.datetime,
        *,
        kind: str | None = None,
        locked: bool | None = None,
        tz: _dt.tzinfo | None = None,
    ) -> Generator[_playback.Recording, None, None]:
        """Search the recordings of ``channel`` between ``start`` and ``end``
        (``NET_DVR_FindFile_V40``, ``NET_DVR_FindNextFile_V40``, ``NET_DVR_FindClose_V30``).

        Returns a generator of :class:`~hcnetsdk.Recording`; it waits while the device is still
        searching and closes the search handle when it ends or is closed (``break``). ``kind``
        is a name of ``hcnetsdk.playback.KINDS`` (``"motion"``...) or None for all; ``locked``
        True/False keeps only locked/unlocked files. Naive datetimes are the device's local
        time; aware ones are converted to ``tz`` (the device's zone) or, without it, to this
        computer's local zone. Arguments are checked before the SDK is called.
        """
        return _playback.recordings(
            self._session, self.info, channel, start, end, kind=kind, locked=locked, tz=tz
        )

    def download(
        self,
        path: str | os.PathLike[str],
        *,
        channel: int | None = None,
        start: _dt.datetime | None = None,
        end: _dt.datetime | None = None,
        recording: _playback.Recording | str | None = None,
        tz: _dt.tzinfo | None = None,
        progress: Callable[[int], object] | None = None,
        keep_partial: bool = False,
        overwrite: bool = False,
    ) -> _playback.Download:
        """Download recorded video to the file ``path``: by time (``channel``, ``start``,
        ``end``: ``NET_DVR_GetFileByTime_V40``) or one file of :meth:`recordings`
        (``recording=``: ``NET_DVR_GetFileByName``), started with
        ``NET_DVR_PlayBackControl_V40(NET_DVR_PLAYSTART)``.

        Returns a running :class:`~hcnetsdk.Download`: ``wait()``, ``progress``, ``cancel()``,
        a context manager (leaving it before the end cancels). ``progress(percent)`` is called
        from the thread in ``wait()``. A failed or cancelled download removes its partial file
        unless ``keep_partial``; an existing file is replaced only with ``overwrite``. Logout
        cancels it.
        """
        return _playback.download(
            self._session,
            self.info,
            path,
            channel=channel,
            start=start,
            end=end,
            recording=recording,
            tz=tz,
            progress=progress,
            keep_partial=keep_partial,
            overwrite=overwrite,
        )

    def live(
        self,
        channel: int | None = None,
        *,
        stream: str = "main",
        queue_size: int = _stream.DEFAULT_QUEUE_SIZE,
    ) -> _stream.LiveStream:
        """The raw live stream of ``channel`` (None: the first) through the SDK's connection
        (``NET_DVR_RealPlay_V40`` with a data callback, no window): a
        :class:`~hcnetsdk.LiveStream` of :class:`~hcnetsdk.StreamPacket`, not decoded.

        ``stream`` is ``"main"``, ``"sub"`` or ``"third"``. At most ``queue_size`` packets wait;
        beyond that the oldest are dropped and counted (``live.dropped``). ``live.close()`` (or
        leaving ``with``) stops it; logout closes it too."""
        return _stream.open_live(
            self._session,
            self.info.check_channel(channel),
            stream=stream,
            queue_size=queue_size,
            device=self,
        )

    def rtsp_url(
        self,
        channel: int | None = None,
        stream: str = "main",
        *,
        port: int | None = None,
        password: str | None = None,
    ) -> str:
        """The standard RTSP address of ``channel`` (None: the first) on this device's address:
        ``rtsp://admin@192.0.2.1:554/Streaming/Channels/101``; the password is left out unless
        given. ``port`` None: the RTSP port the device reports (:meth:`rtsp_port`, asked once
        over ISAPI), else 554."""
        number = self.info.check_channel(channel)
        if port is None:
            port = self.rtsp_port()
        return _stream.rtsp_url(
            self.address,
            self.info.channel_numbers.index(number) + 1,
            stream,
            port=port,
            username=self.username,
            password=password,
        )

    def rtsp_port(self) -> int:
        """The device's RTSP port as it reports it (``GET /ISAPI/Security/adminAccesses`` over
        ``NET_DVR_STDXMLConfig``, remembered once known), or 554 when it does not say (an old
        device without that resource, a refusal): never raises for the device's answer."""
        if self._rtsp_port is None:
            try:
                found = self.isapi.service_port("RTSP")
            except HCNetSDKError as exc:
                logger.debug("%s reports no RTSP port (%s): 554 assumed", self.host, exc)
                return _stream.DEFAULT_RTSP_PORT
            if found is None:
                return _stream.DEFAULT_RTSP_PORT
            self._rtsp_port = found
        return self._rtsp_port

    def ptz(self, channel: int | None = None) -> _ptz.Ptz:
        """Pan, tilt, zoom and presets of ``channel`` (None: the first): a
        :class:`~hcnetsdk.Ptz` (``NET_DVR_PTZControlWithSpeed_Other``,
        ``NET_DVR_PTZPreset_Other``)."""
        return _ptz.Ptz(self._session, self.info.check_channel(channel))

    @property
    def isapi(self) -> _isapi.IsapiClient:
        """ISAPI requests to this device over the SDK's port (``NET_DVR_STDXMLConfig``):
        ``device.isapi.get("/ISAPI/System/deviceInfo").xml()``; see
        :class:`~hcnetsdk.IsapiClient`. One client per device, usable from any thread."""
        client = self._isapi
        if client is None:
            client = self._isapi = _isapi.IsapiClient(
                self._session, char_encoding=self.info.char_encoding
            )
        return client

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.logout()

    def __repr__(self) -> str:
        session = self._session
        return (
            f"<Device {self.username}@{self.host}:{self.port} user_id={session.display_id} "
            f"serial={self.info.serial_number!r} {session.status}>"
        )
