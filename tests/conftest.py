"""Shared fixtures: the fake HCNetSDK (stubs/), built once per session, and its control API.

The fake library is loaded once per process (dlopen shares one copy per path), so its simulated
site is shared by every test: ``fake_control`` resets it before and after each test that uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hcnetsdk._simcontrol import FakeSDKControl
from hcnetsdk._simulator import build_fake_sdk
from hcnetsdk.errors import SDKNotFoundError


@pytest.fixture(scope="session")
def fake_sdk_path(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the fake ``libhcnetsdk.so``, compiled once into pytest's cache directory.

    No C compiler is a failure with the build's explanation, not a skip: the tests need one.
    """
    cache = getattr(request.config, "cache", None)  # None with -p no:cacheprovider
    cache_dir = (
        cache.mkdir("hcnetsdk-fake-sdk")
        if cache is not None
        else tmp_path_factory.mktemp("hcnetsdk-fake-sdk")
    )
    # The simulator refuses a cache folder that group or others may write; pytest makes its
    # folders with the umask's mode (0775 under a umask of 002).
    cache_dir.chmod(0o700)
    try:
        return build_fake_sdk(cache_dir)
    except SDKNotFoundError as exc:
        pytest.fail(f"the fake HCNetSDK could not be built: {exc}", pytrace=False)


@pytest.fixture
def fake_control(fake_sdk_path: Path) -> Iterator[FakeSDKControl]:
    """The fake's control API, reset to the default site before (and after) the test."""
    control = FakeSDKControl(fake_sdk_path)
    control.reset()
    yield control
    control.reset()
