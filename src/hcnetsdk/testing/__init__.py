"""hcnetsdk.testing: a simulated site of NVRs and cameras for your app's own tests.

:class:`FakeSite` (a context manager, no pytest needed) adds devices with ``add_nvr`` and
``add_camera`` (address, port, accounts, lock policy, channels, character set, latency) and
returns a :class:`FakeDevice` per device: fail its next login or any call, make it slow, drop
its connection, push events to it, script its ISAPI answers; read back what your app did
(logins, sessions, calls, ISAPI requests, PTZ commands). A device records by the site's rule (a
file an hour on every channel) or holds exactly the :class:`FakeRecording` files you give it
(``add_nvr(recordings=...)``, ``add_recording``). The site sets how searches, downloads and live
streams behave (``set_recordings``, ``set_stream``) and counts the open searches, downloads and
streams.
Your code talks to the site through ``HCNetSDK("simulator")`` (or ``site.sdk()``), exactly as
to real devices.

With pytest, the plugin ``hcnetsdk`` (installed with the package) gives the fixtures
``hcnetsdk_site`` (a fresh, empty site per test) and ``hcnetsdk_sdk`` (an initialised
``HCNetSDK`` on it); see :mod:`hcnetsdk.testing.plugin`.

The site is the C simulator's: a C compiler is needed the first time (the build is cached).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._simscript import FakeRecording
    from ._device import FakeDevice
    from ._site import FakeSite

__all__ = ["FakeDevice", "FakeRecording", "FakeSite"]

# Lazy, so that importing the pytest plugin (hcnetsdk.testing.plugin, in every pytest run of
# every project with hcnetsdk installed) imports none of the SDK's modules.
_LAZY = {"FakeDevice": "._device", "FakeRecording": ".._simscript", "FakeSite": "._site"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'hcnetsdk.testing' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
