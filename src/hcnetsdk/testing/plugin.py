"""The pytest plugin ``hcnetsdk`` (entry point ``pytest11``): fixtures over the simulator.

* ``hcnetsdk_site``: a fresh :class:`~hcnetsdk.testing.FakeSite` per test, empty (add devices
  with ``add_nvr``/``add_camera``), reset after the test.
* ``hcnetsdk_sdk``: an initialised :class:`~hcnetsdk.HCNetSDK` on that site, cleaned up after
  the test (every session it still holds logged out).

Nothing is autouse, and importing this module loads no library and imports nothing of
hcnetsdk: every pytest run of every project that has hcnetsdk installed imports it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ..sdk import HCNetSDK
    from ._site import FakeSite

__all__ = ["hcnetsdk_sdk", "hcnetsdk_site"]


@pytest.fixture
def hcnetsdk_site() -> Iterator[FakeSite]:
    """A fresh, empty simulated site (``hcnetsdk.testing.FakeSite``) for one test."""
    from hcnetsdk.testing import FakeSite

    with FakeSite() as site:
        yield site


@pytest.fixture
def hcnetsdk_sdk(hcnetsdk_site: FakeSite) -> Iterator[HCNetSDK]:
    """An initialised ``HCNetSDK`` on ``hcnetsdk_site``, cleaned up after the test."""
    with hcnetsdk_site.sdk() as sdk:
        yield sdk
