"""One simulated device of a :class:`~hcnetsdk.testing.FakeSite`: what to script on it and what
to read back, one mixin per SDK area (login, events, configuration and snapshots here; ISAPI,
PTZ and recordings in :mod:`._features`), each over the fake's control functions of that area.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._simconfig import SNAPSHOT_EMPTY, SNAPSHOT_JPEG, SNAPSHOT_LARGE, SNAPSHOT_NOT_JPEG
from .._simcontrol import FakeSDKControl
from .._simevents import ISAPI_JSON, ISAPI_XML
from ._features import IsapiDeviceControls, PtzDeviceControls, RecordingDeviceControls

if TYPE_CHECKING:
    from ._site import FakeSite

__all__ = ["FakeDevice"]

_LOGIN_FUNCTIONS = ("NET_DVR_Login_V40", "NET_DVR_Login_V30")


def _ms(seconds: float, what: str) -> int:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"{what} must be a number of seconds, not {type(seconds).__name__}")
    if not 0 <= seconds <= 3600:
        raise ValueError(f"{what} must be 0..3600 seconds, not {seconds}")
    return round(seconds * 1000)


class _Base:
    _control: FakeSDKControl
    handle: int

    @property
    def user_ids(self) -> list[int]:
        """The SDK user ids logged into this device now."""
        return self._control.device_sessions(self.handle)


class _LoginControls(_Base):
    """Logins: failures, slowness, lock policy, accounts; and what logins reached the device."""

    def fail_next(self, function: str, code: int) -> None:
        """Fail the next call of ``function`` with the SDK error ``code``. For the login
        functions (``NET_DVR_Login_V40``/``V30``) only this device's next login fails; for any
        other function the fake has no per-device scripting yet: the next call of it on the
        whole site fails."""
        if function in _LOGIN_FUNCTIONS:
            self._control.fail_next_login(self.handle, code)
        else:
            self._control.fail_next(function, code)

    def fail_logins(self, code: int | None) -> None:
        """Every login fails with ``code`` (e.g. 10 timeout, 52 too many users); None stops."""
        self._control.fail_login(self.handle, 0 if code is None else code)

    def set_latency(self, seconds: float | None) -> None:
        """How long a login to this device takes; None: the site's latency."""
        ms = None if seconds is None else _ms(seconds, "seconds")
        self._control.set_device_latency_ms(self.handle, ms)

    def set_lock_policy(self, attempts: int, seconds: int) -> None:
        """Lock the account after ``attempts`` wrong passwords (0: never) for ``seconds``;
        clears any lock and count."""
        self._control.set_lock_policy(self.handle, attempts, seconds)

    def add_user(self, username: str, password: str) -> None:
        """Another account (a known user name gets the new password)."""
        self._control.add_user(self.handle, username, password)

    @property
    def login_attempts(self) -> int:
        """Logins that reached this device (failed or not)."""
        return self._control.device_int(self.handle, "login_attempts")

    @property
    def logins(self) -> int:
        """Successful logins to this device."""
        return self._control.device_int(self.handle, "logins_ok")

    @property
    def sessions(self) -> int:
        """Sessions open on this device now."""
        return self._control.device_int(self.handle, "sessions")

    @property
    def locked(self) -> bool:
        """Whether the account is locked now."""
        return bool(self._control.device_int(self.handle, "locked"))

    @property
    def failed_attempts(self) -> int:
        """Wrong passwords since the last success or lock."""
        return self._control.device_int(self.handle, "failed_attempts")


class _EventControls(_Base):
    """Events pushed from the fake's own thread to every session of the device."""

    def push_alarm(self, alarm_type: int = 3, channels: Iterable[int] = (1,)) -> None:
        """A ``COMM_ALARM_V30`` alarm (3: motion detection) on ``channels``."""
        items = list(channels)
        for user_id in self.user_ids:
            self._control.push_alarm_v30(user_id, alarm_type, items)

    def push_isapi_event(
        self, body: str | bytes, *, json: bool = False, picture: bytes | None = None
    ) -> None:
        """A ``COMM_ISAPI_ALARM`` with an XML (or JSON) body and optionally one JPEG."""
        for user_id in self.user_ids:
            self._control.push_isapi(
                user_id, body, data_type=ISAPI_JSON if json else ISAPI_XML, picture=picture
            )

    def drop_connection(self) -> None:
        """The device's connection drops (``EXCEPTION_ALARM``); alarms stop until restored."""
        for user_id in self.user_ids:
            self._control.drop_connection(user_id)

    def restore_connection(self) -> None:
        """The connection is back (``ALARM_RECONNECTSUCCESS``)."""
        for user_id in self.user_ids:
            self._control.restore_connection(user_id)


_SNAPSHOT_MODES = {
    "jpeg": SNAPSHOT_JPEG,
    "not-jpeg": SNAPSHOT_NOT_JPEG,
    "empty": SNAPSHOT_EMPTY,
    "large": SNAPSHOT_LARGE,
}


class _ConfigControls(_Base):
    """Configuration and snapshots: the name, model, clock and channels the device reports."""

    _codec: str

    def _text(self, value: str) -> bytes:
        return value.encode(self._codec)  # in the device's character set, as a device sends

    def set_name(self, name: str) -> None:
        """The device name (``sDVRName``) that ``details()`` reports."""
        self._control.set_config_text(self.handle, "sDVRName", self._text(name))

    def set_model(self, model: str) -> None:
        """The model (``byDevTypeName``) that ``details()`` reports."""
        self._control.set_config_text(self.handle, "byDevTypeName", self._text(model))

    def set_channel(
        self, channel: int, *, name: str | None = None, online: bool | None = None
    ) -> None:
        """A channel's name and, for an IP channel, whether its camera is online."""
        data = None if name is None else self._text(name)
        self._control.set_channel(self.handle, channel, name=data, online=online)

    def set_clock_offset(self, seconds: int) -> None:
        """Make the device's clock run ``seconds`` ahead of this host's."""
        self._control.set_time_offset(self.handle, seconds)

    def set_snapshots(self, answer: str) -> None:
        """What a snapshot returns: ``"jpeg"`` (a real picture per channel, the default),
        ``"not-jpeg"`` (an HTML page), ``"empty"`` or ``"large"`` (bigger than a first buffer)."""
        if answer not in _SNAPSHOT_MODES:
            raise ValueError(f"answer must be one of {sorted(_SNAPSHOT_MODES)}, not {answer!r}")
        size = 2 * 1024 * 1024 if answer == "large" else 0
        self._control.set_snapshot_mode(self.handle, _SNAPSHOT_MODES[answer], size)


class FakeDevice(
    _LoginControls,
    _EventControls,
    _ConfigControls,
    IsapiDeviceControls,
    PtzDeviceControls,
    RecordingDeviceControls,
):
    """A device of a :class:`~hcnetsdk.testing.FakeSite`, made by ``add_nvr``/``add_camera``."""

    def __init__(
        self, site: FakeSite, handle: int, kind: str, host: str, port: int, *, codec: str = "utf-8"
    ) -> None:
        self._site = site
        self._control = site.control
        self._codec = codec
        self._recordings = None
        self.handle = handle
        """The fake's handle of the device."""
        self.kind = kind
        """``"nvr"`` or ``"camera"``."""
        self.host = host
        """Its IP address."""
        self.port = port
        """Its SDK port."""

    def __repr__(self) -> str:
        return f"<FakeDevice {self.kind} {self.host}:{self.port}>"
