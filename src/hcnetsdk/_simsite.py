"""The simulated site as data: device descriptions, and the site file named by
``HCNETSDK_SIMULATOR_SITE``.

:class:`DeviceSpec` describes one simulated NVR or camera; :func:`add_device` puts it into the
fake (through :class:`~hcnetsdk._simcontrol.FakeSDKControl`). :mod:`hcnetsdk.testing` builds
its ``FakeSite`` on these, and the loader applies a site file when it opens the simulator
(``HCNetSDK("simulator")``, ``hcnetsdk --simulator``), once per process and file, so the
command line and the examples can simulate slow devices, locked accounts and timeouts without
Python code.

The file is TOML (Python 3.11+, ``tomllib``) or JSON (any Python), chosen by its suffix
(``.toml`` or ``.json``)::

    replace_default_site = true  # false: add to the default site (NVR 8000, cameras 8001-8004)
    latency = 0.0                # seconds every login takes, unless a device says otherwise

    [[devices]]
    kind = "nvr"                 # or "camera"
    host = "127.0.0.1"
    port = 8000
    users = { admin = "12345", viewer = "view-pass" }
    lock = { attempts = 5, seconds = 1800 }   # or lock = false
    latency = 2.5                # this device's logins take 2.5 s
    fail_login = 10              # every login fails with this SDK error code (10: timeout)
    isapi = { "GET /ISAPI/System/status" = "<Status/>", "PUT /ISAPI/x" = { error = 10 } }

    [[devices.recordings]]       # this device's own recordings (else: the fake's hourly rule)
    channel = 33
    start = 2026-11-20T08:00:00  # the device's clock (a TOML local date-time, or an ISO string)
    end = 2026-11-20T08:30:00
    kind = "motion"              # timed (the default), motion, alarm, ...
    locked = true                # default false; name = "..." (default chCCCC_YYYYMMDDhhmmss)

    [recordings]                 # the whole site's searches and downloads
    search_polls = 2             # "still searching" answers first
    download_rate = 500000       # bytes per second
    abort_at = 50                # every download ends abnormally at 50 % (-1: never)

    [stream]                     # live streams
    bits_per_second = 4000000

Other device keys: ``serial``, ``analog_channels``, ``first_channel``, ``ip_channels``,
``first_ip_channel``, ``disks``, ``alarm_inputs``, ``alarm_outputs``, ``char_encode_type``
(``byCharEncodeType``: 6 UTF-8, 1 GB2312, ...), ``password_level`` (``byPasswordLevel``).
An ISAPI answer is a body, or a table of ``body``, ``status`` (the ResponseStatus text),
``error`` (an SDK error code the call fails with) and ``latency`` (seconds). A device's
``recordings`` (``recordings = []``: none at all) replace the rule for that device only; the
top-level ``[recordings]`` also takes ``record_bps``, ``stream`` also ``packet_size``.
Unknown keys and wrong types are refused with the key's name (:class:`SiteFileError`).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from importlib import import_module
from pathlib import Path
from typing import Any

from ._native.login import CHAR_ENCODINGS
from ._simcontrol import FakeSDKControl
from ._simscript import FakeRecording, check_isapi_answers, check_recordings, playback_settings
from .errors import SDKLoadError

__all__ = [
    "SITE_ENV",
    "DeviceSpec",
    "SiteFileError",
    "SiteSpec",
    "add_device",
    "apply_site",
    "apply_site_from_env",
    "load_site_file",
    "parse_site",
]

SITE_ENV = "HCNETSDK_SIMULATOR_SITE"
"""The environment variable naming the simulator's site file."""

_KINDS = ("nvr", "camera")


class SiteFileError(SDKLoadError):
    """A site file that cannot be read or describes an impossible site: the simulator cannot
    be opened with it (an ``SDKLoadError``, so the command line reports it in one line)."""


@dataclass
class DeviceSpec:
    """One simulated device; the defaults of ``kind="camera"`` or ``"nvr"`` fill what is None."""

    kind: str = "camera"
    host: str = "127.0.0.1"
    port: int = 8000
    users: dict[str, str] = field(default_factory=lambda: {"admin": "12345"})
    lock: tuple[int, int] | None = (5, 1800)
    latency: float | None = None
    fail_login: int = 0
    serial: str | None = None
    analog_channels: int | None = None
    first_channel: int | None = None
    ip_channels: int | None = None
    first_ip_channel: int | None = None
    disks: int | None = None
    alarm_inputs: int | None = None
    alarm_outputs: int | None = None
    char_encode_type: int = 6
    password_level: int = 2
    isapi: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Scripted ISAPI answers, checked (:func:`check_isapi_answers`)."""
    recordings: list[FakeRecording] | None = None
    """The device's own recording index (checked: :func:`check_recordings`); None: the rule."""

    @property
    def codec(self) -> str:
        """The Python codec of its ``char_encode_type`` (UTF-8 for a code hcnetsdk lacks)."""
        return CHAR_ENCODINGS.get(self.char_encode_type, "utf-8")

    def resolved(self) -> dict[str, int]:
        """The DEVICEINFO fields, with the kind's defaults."""
        nvr = self.kind == "nvr"

        def pick(value: int | None, default: int) -> int:
            return default if value is None else value

        ip = pick(self.ip_channels, 8 if nvr else 0)
        return {
            "byChanNum": pick(self.analog_channels, 0 if nvr else 1),
            "byStartChan": pick(self.first_channel, 1),
            "byIPChanNum": ip % 256,
            "byHighDChanNum": ip // 256,
            "byStartDChan": pick(self.first_ip_channel, 33 if ip else 0),
            "byDiskNum": pick(self.disks, 1 if nvr else 0),
            "byAlarmInPortNum": pick(self.alarm_inputs, 4 if nvr else 1),
            "byAlarmOutPortNum": pick(self.alarm_outputs, 1),
            "byDVRType": 75 if nvr else 31,
            "byCharEncodeType": self.char_encode_type,
            "byPasswordLevel": self.password_level,
        }


@dataclass
class SiteSpec:
    """A whole site: its devices, a global login latency, and whether it replaces the
    default site."""

    devices: list[DeviceSpec] = field(default_factory=list)
    latency: float = 0.0
    replace_default_site: bool = True
    recordings: dict[str, int] = field(default_factory=dict)
    """The fake's playback settings (:func:`playback_settings`), for the whole site."""
    stream: dict[str, int] = field(default_factory=dict)
    """Live streams' ``bits_per_second`` and ``packet_size``, for the whole site."""


def _ms(seconds: float, what: str) -> int:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise SiteFileError(f"{what} must be a number of seconds, not {seconds!r}")
    if not 0 <= seconds <= 3600:
        raise SiteFileError(f"{what} must be 0..3600 seconds, not {seconds!r}")
    return round(seconds * 1000)


def add_device(control: FakeSDKControl, spec: DeviceSpec) -> int:
    """Put ``spec`` into the fake; returns the device's handle. ValueError for what the fake
    refuses (an address that is not an IP literal, a value out of range)."""
    if spec.kind not in _KINDS:
        raise ValueError(f"kind must be one of {_KINDS}, not {spec.kind!r}")
    if not spec.users:
        raise ValueError("a device needs at least one user")
    (user, password), *others = spec.users.items()
    handle = control.add_device(spec.host, spec.port, user, password)
    for name, secret in others:
        control.add_user(handle, name, secret)
    for name, value in spec.resolved().items():
        control.set_field(handle, name, value)
    serial = spec.serial or f"SIM-{spec.kind.upper()}-{spec.host}-{spec.port}"
    control.set_field(handle, "sSerialNumber", serial.encode("ascii"))
    attempts, seconds = spec.lock if spec.lock is not None else (0, 0)
    control.set_lock_policy(handle, attempts, seconds)
    if spec.latency is not None:
        control.set_device_latency_ms(handle, _ms(spec.latency, "latency"))
    if spec.fail_login:
        control.fail_login(handle, spec.fail_login)
    for line, answer in spec.isapi.items():
        control.isapi_set_answer(handle, line, **answer)
    if spec.recordings is not None:
        set_recording_index(control, handle, spec.recordings, spec.codec)
    return handle


def set_recording_index(
    control: FakeSDKControl, handle: int, recordings: list[FakeRecording], codec: str
) -> None:
    """Give device ``handle`` its own recording index, exactly ``recordings`` (checked)."""
    control.playback_own_index(handle, True)
    for index, recording in enumerate(recordings):
        try:
            add_recording(control, handle, recording, codec)
        except ValueError as exc:
            raise ValueError(f"recordings[{index}]: {exc}") from None


def add_recording(
    control: FakeSDKControl, handle: int, recording: FakeRecording, codec: str
) -> None:
    """Add one file to device ``handle``'s own index."""
    control.playback_add_file(
        handle,
        recording.channel,
        recording.start,
        recording.end,
        file_type=recording.file_type,
        locked=recording.locked,
        name=recording.encoded_name(codec),
    )


def apply_site(control: FakeSDKControl, site: SiteSpec) -> list[int]:
    """Put a whole site into the fake (emptied first when it replaces the default site)."""
    if site.replace_default_site:
        control.clear_devices()
    control.set_latency_ms(_ms(site.latency, "latency"))
    if site.recordings:
        control.playback_set(**site.recordings)
    if site.stream:
        control.stream_config(**site.stream)
    handles = []
    for index, spec in enumerate(site.devices):
        try:
            handles.append(add_device(control, spec))
        except ValueError as exc:
            raise ValueError(f"devices[{index}]: {exc}") from None
    return handles


# --- the file ------------------------------------------------------------------------------
_DEVICE_TYPES: dict[str, tuple[type, ...]] = {
    f.name: (str,) if f.name in ("kind", "host", "serial") else (int,)
    for f in fields(DeviceSpec)
    if f.name not in ("users", "lock", "latency", "isapi", "recordings")
}


def _device(entry: object, where: str) -> DeviceSpec:
    if not isinstance(entry, Mapping):
        raise SiteFileError(f"{where} must be a table of keys, not {entry!r}")
    values: dict[str, Any] = {}
    for key, value in entry.items():
        if key == "users":
            if not isinstance(value, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise SiteFileError(f"{where}.users must map user names to passwords")
            values["users"] = dict(value)
        elif key == "lock":
            if value is False:
                values["lock"] = None
            elif isinstance(value, Mapping) and set(value) == {"attempts", "seconds"}:
                values["lock"] = (int(value["attempts"]), int(value["seconds"]))
            else:
                raise SiteFileError(f"{where}.lock must be false or {{attempts = N, seconds = S}}")
        elif key == "latency":
            _ms(value, f"{where}.latency")
            values["latency"] = float(value)
        elif key == "isapi":
            try:
                values["isapi"] = check_isapi_answers(value)
            except (TypeError, ValueError) as exc:
                raise SiteFileError(f"{where}.isapi: {exc}") from None
        elif key == "recordings":
            if not isinstance(value, list):
                raise SiteFileError(f"{where}.recordings must be a list ([[devices.recordings]])")
            try:
                values["recordings"] = check_recordings(value)
            except (TypeError, ValueError) as exc:
                raise SiteFileError(f"{where}.{exc}") from None
        elif key in _DEVICE_TYPES:
            kinds = _DEVICE_TYPES[key]
            if isinstance(value, bool) or not isinstance(value, kinds):
                raise SiteFileError(f"{where}.{key} must be a {kinds[0].__name__}: {value!r}")
            values[key] = value
        else:
            others = ["users", "lock", "latency", "isapi", "recordings"]
            known = ", ".join(sorted([*_DEVICE_TYPES, *others]))
            raise SiteFileError(f"{where}: unknown key {key!r} (known: {known})")
    spec = DeviceSpec(**values)
    if spec.kind not in _KINDS:
        raise SiteFileError(f"{where}.kind must be one of {_KINDS}, not {spec.kind!r}")
    if "port" not in values:
        raise SiteFileError(f"{where} needs a port")
    return spec


def parse_site(data: object) -> SiteSpec:
    """A :class:`SiteSpec` from the decoded file (see the module documentation)."""
    if not isinstance(data, Mapping):
        raise SiteFileError("a site file holds a table (TOML) or an object (JSON)")
    unknown = set(data) - {"devices", "latency", "replace_default_site", "recordings", "stream"}
    if unknown:
        raise SiteFileError(f"unknown top-level key(s) {sorted(unknown)}")
    replace = data.get("replace_default_site", True)
    if not isinstance(replace, bool):
        raise SiteFileError("replace_default_site must be true or false")
    latency = data.get("latency", 0.0)
    _ms(latency, "latency")
    devices = data.get("devices", [])
    if not isinstance(devices, list):
        raise SiteFileError("devices must be a list ([[devices]] in TOML)")
    specs = [_device(entry, f"devices[{index}]") for index, entry in enumerate(devices)]
    try:
        recordings = playback_settings(data.get("recordings", {}))
    except (TypeError, ValueError) as exc:
        raise SiteFileError(f"recordings: {exc}") from None
    stream = data.get("stream", {})
    if not isinstance(stream, Mapping) or not set(stream) <= {"bits_per_second", "packet_size"}:
        raise SiteFileError("stream must be a table of bits_per_second and packet_size")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in stream.values()):
        raise SiteFileError("stream's bits_per_second and packet_size must be ints")
    return SiteSpec(specs, float(latency), replace, recordings, dict(stream))


def load_site_file(path: str | os.PathLike[str]) -> SiteSpec:
    """Read and check a ``.toml`` or ``.json`` site file."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise SiteFileError(f"cannot read the site file {file}: {exc.strerror or exc}") from None
    suffix = file.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(raw.decode("utf-8"))
        elif suffix == ".toml":
            try:
                tomllib: Any = import_module("tomllib")  # Python 3.11+
            except ModuleNotFoundError:
                raise SiteFileError(
                    f"{file}: TOML site files need Python 3.11+ (tomllib); on Python "
                    f"{sys.version_info[0]}.{sys.version_info[1]} write the same site as JSON "
                    "(a .json file)"
                ) from None
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            raise SiteFileError(f"{file}: a site file ends in .toml or .json")
    except (ValueError, UnicodeDecodeError) as exc:
        if isinstance(exc, SiteFileError):
            raise
        raise SiteFileError(f"{file} is not valid {suffix[1:].upper()}: {exc}") from None
    try:
        return parse_site(data)
    except SiteFileError as exc:
        raise SiteFileError(f"{file}: {exc}") from None


_applied: set[tuple[str, str]] = set()
_applied_lock = threading.Lock()


def mark_applied(library: str | os.PathLike[str]) -> None:
    """The site of this library is set up by code (``hcnetsdk.testing``): the site file of
    ``HCNETSDK_SIMULATOR_SITE`` is not applied over it in this process."""
    with _applied_lock:
        _applied.add((os.path.realpath(library), "*"))


def apply_site_from_env(library: str | os.PathLike[str]) -> bool:
    """Apply the site file of ``HCNETSDK_SIMULATOR_SITE`` to the simulator at ``library``,
    once per process and file; True if it was applied now."""
    name = os.environ.get(SITE_ENV, "").strip()
    if not name:
        return False
    real = os.path.realpath(library)
    key = (real, os.path.realpath(name))
    with _applied_lock:
        if key in _applied or (real, "*") in _applied:
            return False
        try:
            site = load_site_file(name)
            apply_site(FakeSDKControl(real), site)
        except ValueError as exc:  # refused by the fake: an address, a value out of range
            raise SiteFileError(f"{name} ({SITE_ENV}): {exc}") from None
        except SiteFileError as exc:
            raise SiteFileError(f"{exc} ({SITE_ENV})") from None
        _applied.add(key)
    return True
