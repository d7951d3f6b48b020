"""FakeSite: a simulated site of NVRs and cameras for your own tests."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .. import _simsite
from .._convert import CHAR_ENCODINGS
from .._simcontrol import FakeSDKControl
from .._simscript import IsapiAnswer, RecordingEntry, check_isapi_answers, check_recordings
from .._simulator import build_fake_sdk
from ..sdk import HCNetSDK
from ._device import FakeDevice, _ms
from ._features import PlaybackSiteControls

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["FakeSite"]

_active: set[str] = set()
_active_lock = threading.Lock()


def _encode_type(char_encoding: str | int) -> int:
    if isinstance(char_encoding, int) and not isinstance(char_encoding, bool):
        return char_encoding
    if isinstance(char_encoding, str):
        wanted = char_encoding.lower().replace("_", "-")
        for code, name in CHAR_ENCODINGS.items():
            if name.lower().replace("_", "-") == wanted:
                return code
        known = sorted(set(CHAR_ENCODINGS.values()))
        raise ValueError(f"char_encoding {char_encoding!r} is not one of {known}")
    raise TypeError("char_encoding must be a codec name or a byCharEncodeType int")


class FakeSite(PlaybackSiteControls):
    """A simulated site over the C simulator, for your app's tests; usable without pytest::

        from hcnetsdk.testing import FakeSite

        with FakeSite() as site:
            nvr = site.add_nvr(port=8000, users={"admin": "secret"}, ip_channels=16)
            nvr.fail_next("NET_DVR_Login_V40", 10)  # the next login times out
            with site.sdk() as sdk:
                ...  # your code, given `sdk` (or HCNetSDK("simulator"))
            assert nvr.login_attempts == 1

    Entering builds the simulator if needed (a C compiler is needed once; the build is cached)
    and empties the site (``keep_default_devices=True`` keeps the default NVR and cameras);
    leaving resets it. ``library`` is the simulator's library path, default: the one
    ``HCNetSDK("simulator")`` opens, so your code may open the simulator itself. The
    simulator's state is per process: one FakeSite at a time per library.
    """

    def __init__(
        self,
        library: str | os.PathLike[str] | None = None,
        *,
        keep_default_devices: bool = False,
    ) -> None:
        self._library = None if library is None else os.fspath(library)
        self._keep = keep_default_devices
        self._control: FakeSDKControl | None = None
        self._devices: list[FakeDevice] = []

    # --- opening and closing ------------------------------------------------------------------
    def open(self) -> Self:
        """Build or reuse the simulator, load it and reset the site (see the class)."""
        if self._control is not None:
            return self
        path = os.path.realpath(self._library or build_fake_sdk())
        with _active_lock:
            if path in _active:
                raise RuntimeError(f"another FakeSite is open on {path}: close it first")
            _active.add(path)
        self._library = path
        control = FakeSDKControl(path)
        control.reset()
        if not self._keep:
            control.clear_devices()
        _simsite.mark_applied(path)  # the code sets the site up, not HCNETSDK_SIMULATOR_SITE
        self._control = control
        return self

    def close(self) -> None:
        """Reset the simulator (sessions, devices, scripted failures). Idempotent."""
        control, self._control = self._control, None
        if control is None:
            return
        try:
            control.events_wait_idle(10)
        finally:
            control.reset()
            self._devices.clear()
            with _active_lock:
                _active.discard(self.library)

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- what the app uses ----------------------------------------------------------------------
    @property
    def control(self) -> FakeSDKControl:
        """The simulator's full control API (areas the kit does not wrap yet)."""
        if self._control is None:
            raise RuntimeError("the FakeSite is not open: use `with FakeSite() as site:`")
        return self._control

    @property
    def library(self) -> str:
        """The simulator's library path: pass it to ``HCNetSDK(...)``."""
        if self._library is None:
            raise RuntimeError("the FakeSite is not open: use `with FakeSite() as site:`")
        return self._library

    def sdk(self) -> HCNetSDK:
        """An ``HCNetSDK`` on this site (not initialised: ``with site.sdk() as sdk:``)."""
        return HCNetSDK(self.library)

    # --- devices --------------------------------------------------------------------------------
    @property
    def devices(self) -> tuple[FakeDevice, ...]:
        """The devices added, in order."""
        return tuple(self._devices)

    def add_nvr(
        self,
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        users: Mapping[str, str] | None = None,
        lock_policy: tuple[int, int] | None = (5, 1800),
        ip_channels: int = 8,
        first_ip_channel: int = 33,
        analog_channels: int = 0,
        disks: int = 1,
        alarm_inputs: int = 4,
        alarm_outputs: int = 1,
        serial: str | None = None,
        char_encoding: str | int = "utf-8",
        latency: float | None = None,
        name: str | None = None,
        channel_names: Mapping[int, str] | None = None,
        isapi: Mapping[str, IsapiAnswer] | None = None,
        recordings: Iterable[RecordingEntry] | None = None,
    ) -> FakeDevice:
        """An NVR at ``host:port`` (an IP literal). ``users`` maps user names to passwords
        (default ``{"admin": "12345"}``); ``lock_policy`` is (wrong passwords, lock seconds),
        None for none; ``latency`` the seconds each login takes; ``name`` and ``channel_names``
        (by channel number) are encoded in ``char_encoding`` (a codec name such as
        ``"gb2312"``, or the ``byCharEncodeType`` number), as the device would send them.
        ``isapi`` maps ``"METHOD /path"`` to a scripted answer (a body, or a mapping of
        ``body``, ``status``, ``error``, ``latency``; see ``set_isapi_answer``).
        ``recordings`` is what the device has recorded (:class:`FakeRecording` or mappings of
        its fields; ``[]``: nothing; see ``FakeDevice.set_recording_index``); None: the site's
        rule, one file an hour on every channel."""
        spec = _simsite.DeviceSpec(
            kind="nvr",
            host=host,
            port=port,
            users=dict(users or {"admin": "12345"}),
            lock=lock_policy,
            latency=latency,
            serial=serial,
            analog_channels=analog_channels,
            ip_channels=ip_channels,
            first_ip_channel=first_ip_channel,
            disks=disks,
            alarm_inputs=alarm_inputs,
            alarm_outputs=alarm_outputs,
            char_encode_type=_encode_type(char_encoding),
            isapi=check_isapi_answers(isapi or {}),
            recordings=None if recordings is None else check_recordings(recordings),
        )
        return self._add(spec, name, channel_names)

    def add_camera(
        self,
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        users: Mapping[str, str] | None = None,
        lock_policy: tuple[int, int] | None = (5, 1800),
        channels: int = 1,
        alarm_inputs: int = 1,
        alarm_outputs: int = 1,
        serial: str | None = None,
        char_encoding: str | int = "utf-8",
        latency: float | None = None,
        name: str | None = None,
        channel_names: Mapping[int, str] | None = None,
        isapi: Mapping[str, IsapiAnswer] | None = None,
        recordings: Iterable[RecordingEntry] | None = None,
    ) -> FakeDevice:
        """A camera (``channels`` analog channels from 1; a camera with an SD card records);
        the other arguments as :meth:`add_nvr`."""
        spec = _simsite.DeviceSpec(
            kind="camera",
            host=host,
            port=port,
            users=dict(users or {"admin": "12345"}),
            lock=lock_policy,
            latency=latency,
            serial=serial,
            analog_channels=channels,
            ip_channels=0,
            disks=0,
            alarm_inputs=alarm_inputs,
            alarm_outputs=alarm_outputs,
            char_encode_type=_encode_type(char_encoding),
            isapi=check_isapi_answers(isapi or {}),
            recordings=None if recordings is None else check_recordings(recordings),
        )
        return self._add(spec, name, channel_names)

    def _add(
        self,
        spec: _simsite.DeviceSpec,
        name: str | None = None,
        channel_names: Mapping[int, str] | None = None,
    ) -> FakeDevice:
        handle = _simsite.add_device(self.control, spec)
        codec = CHAR_ENCODINGS.get(spec.char_encode_type, "utf-8")
        device = FakeDevice(self, handle, spec.kind, spec.host, spec.port, codec=codec)
        if spec.recordings is not None:
            device._recordings = list(spec.recordings)
        if name is not None:
            device.set_name(name)
        for channel, channel_name in (channel_names or {}).items():
            device.set_channel(channel, name=channel_name)
        self._devices = [d for d in self._devices if d.handle != handle]
        self._devices.append(device)
        return device

    def load(self, path: str | os.PathLike[str]) -> list[FakeDevice]:
        """Add the devices of a site file (the format of ``HCNETSDK_SIMULATOR_SITE``)."""
        site = _simsite.load_site_file(Path(path))
        if site.replace_default_site:
            self.control.clear_devices()
            self._devices.clear()
        self.control.set_latency_ms(round(site.latency * 1000))
        if site.recordings:
            self.control.playback_set(**site.recordings)
        if site.stream:
            self.control.stream_config(**site.stream)
        return [self._add(spec) for spec in site.devices]

    # --- the whole site -------------------------------------------------------------------------
    def set_latency(self, seconds: float) -> None:
        """How long every login takes (devices with their own latency excepted)."""
        self.control.set_latency_ms(_ms(seconds, "seconds"))

    def fail_next(self, function: str, code: int) -> None:
        """The next call of ``function`` (any ``NET_DVR_*`` returning BOOL or LONG), whichever
        device it is for, fails with ``code``."""
        self.control.fail_next(function, code)

    def calls(self, function: str) -> int:
        """How many times the app called ``function`` (e.g. ``"NET_DVR_Logout"``)."""
        return self.control.get_int(f"calls:{function}")

    @property
    def sessions(self) -> int:
        """Sessions logged in now, on every device."""
        return self.control.get_int("logged_in_users")

    @property
    def subscriptions(self) -> int:
        """Alarm channels and listeners open now."""
        control = self.control
        return control.get_int("alarm_channels_open") + control.get_int("listeners_open")

    def __repr__(self) -> str:
        state = "open" if self._control is not None else "closed"
        return f"<FakeSite {state}, {len(self._devices)} device(s)>"
