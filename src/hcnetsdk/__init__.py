"""hcnetsdk: a ctypes binding for Hikvision's HCNetSDK (Device Network SDK).

Nothing is loaded at import: the vendor's library is opened by ``HCNetSDK(...)``.
The exception classes are importable at once; the SDK classes are imported on first use
(PEP 562), which keeps ``import hcnetsdk`` cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The per-code classes again, straight from their generated module: errors.__all__ adds them
# with `+=`, which type checkers do not follow through a second star import.
from ._error_classes import *  # noqa: F403
from .errors import *  # noqa: F403  (errors.__all__ is the public error API)
from .errors import __all__ as _errors_all

__version__ = "0.1.0"
"""The version of this package (not of the SDK: that is ``HCNetSDK.version``)."""

# Public names that live in modules imported on first access: name -> module.
_LAZY: dict[str, str] = {
    # --- errors (an IntEnum of ~1,180 members: built on first use) ---
    "ErrorCode": "._errorcode",
    # --- sdk / device ---
    "HCNetSDK": ".sdk",
    "SDKVersion": ".sdk",
    "LogLevel": ".sdk",
    "LoginMode": ".sdk",
    "Device": ".device",
    "DeviceInfo": ".device",
    "PasswordLevel": ".device",
    # --- end sdk / device ---
    "password_from_env": "._password",
    # --- events ---
    "EventSubscription": ".events",
    "Event": ".events",
    "AlarmEvent": ".events",
    "IsapiEvent": ".events",
    "ConnectionEvent": ".events",
    "Picture": ".events",
    "PasswordUnavailableError": "._password",
    # --- snapshots and device basics ---
    "PictureSize": ".snapshot",
    "PictureQuality": ".snapshot",
    "SnapshotError": ".snapshot",
    "DeviceDetails": ".devconfig",
    "ChannelInfo": ".devconfig",
    # --- isapi ---
    "IsapiClient": ".isapi",
    "IsapiResponse": ".isapi",
    "ResponseStatus": "._isapi_errors",
    "IsapiError": "._isapi_errors",
    "IsapiDeviceBusyError": "._isapi_errors",
    "IsapiDeviceError": "._isapi_errors",
    "IsapiInvalidOperationError": "._isapi_errors",
    "IsapiNotSupportedError": "._isapi_errors",
    "IsapiPermissionError": "._isapi_errors",
    "IsapiAuthorizationError": "._isapi_errors",
    "IsapiInvalidXMLFormatError": "._isapi_errors",
    "IsapiInvalidXMLContentError": "._isapi_errors",
    "IsapiRebootRequiredError": "._isapi_errors",
    # --- recordings ---
    "Recording": ".playback",
    "Download": ".playback",
    "DownloadAbortedError": "._playback_errors",
    "DownloadCancelledError": "._playback_errors",
    "RecordingSearchError": "._playback_errors",
    # --- stream, ptz ---
    "LiveStream": ".stream",
    "StreamPacket": ".stream",
    "StreamDataType": ".stream",
    "Ptz": ".ptz",
    # --- asyncio (hcnetsdk.aio) ---
    "AsyncHCNetSDK": ".aio",
    "AsyncDevice": ".aio",
    "AsyncStream": ".aio",
    "AsyncIsapi": ".aio",
    "AsyncPtz": ".aio",
    # --- testing kit (hcnetsdk.testing) ---
    "FakeSite": ".testing",
    "FakeDevice": ".testing",
    "FakeRecording": ".testing",
}

if TYPE_CHECKING:
    from ._errorcode import ErrorCode as ErrorCode
    from ._isapi_errors import IsapiAuthorizationError as IsapiAuthorizationError
    from ._isapi_errors import IsapiDeviceBusyError as IsapiDeviceBusyError
    from ._isapi_errors import IsapiDeviceError as IsapiDeviceError
    from ._isapi_errors import IsapiError as IsapiError
    from ._isapi_errors import IsapiInvalidOperationError as IsapiInvalidOperationError
    from ._isapi_errors import IsapiInvalidXMLContentError as IsapiInvalidXMLContentError
    from ._isapi_errors import IsapiInvalidXMLFormatError as IsapiInvalidXMLFormatError
    from ._isapi_errors import IsapiNotSupportedError as IsapiNotSupportedError
    from ._isapi_errors import IsapiPermissionError as IsapiPermissionError
    from ._isapi_errors import IsapiRebootRequiredError as IsapiRebootRequiredError
    from ._isapi_errors import ResponseStatus as ResponseStatus
    from ._password import PasswordUnavailableError as PasswordUnavailableError
    from ._password import password_from_env as password_from_env
    from ._playback_errors import DownloadAbortedError as DownloadAbortedError
    from ._playback_errors import DownloadCancelledError as DownloadCancelledError
    from ._playback_errors import RecordingSearchError as RecordingSearchError
    from .aio import AsyncDevice as AsyncDevice
    from .aio import AsyncHCNetSDK as AsyncHCNetSDK
    from .aio import AsyncIsapi as AsyncIsapi
    from .aio import AsyncPtz as AsyncPtz
    from .aio import AsyncStream as AsyncStream
    from .devconfig import ChannelInfo as ChannelInfo
    from .devconfig import DeviceDetails as DeviceDetails
    from .device import Device as Device
    from .device import DeviceInfo as DeviceInfo
    from .device import PasswordLevel as PasswordLevel
    from .events import AlarmEvent as AlarmEvent
    from .events import ConnectionEvent as ConnectionEvent
    from .events import Event as Event
    from .events import EventSubscription as EventSubscription
    from .events import IsapiEvent as IsapiEvent
    from .events import Picture as Picture
    from .isapi import IsapiClient as IsapiClient
    from .isapi import IsapiResponse as IsapiResponse
    from .playback import Download as Download
    from .playback import Recording as Recording
    from .ptz import Ptz as Ptz
    from .sdk import HCNetSDK as HCNetSDK
    from .sdk import LoginMode as LoginMode
    from .sdk import LogLevel as LogLevel
    from .sdk import SDKVersion as SDKVersion
    from .snapshot import PictureQuality as PictureQuality
    from .snapshot import PictureSize as PictureSize
    from .snapshot import SnapshotError as SnapshotError
    from .stream import LiveStream as LiveStream
    from .stream import StreamDataType as StreamDataType
    from .stream import StreamPacket as StreamPacket
    from .testing import FakeDevice as FakeDevice
    from .testing import FakeRecording as FakeRecording
    from .testing import FakeSite as FakeSite

__all__ = [*_errors_all, *_LAZY, "__version__"]  # noqa: PLE0604


if not TYPE_CHECKING:  # type checkers see the imports above, and flag unknown names

    def __getattr__(name: str) -> Any:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'hcnetsdk' has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(module, __name__), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
