"""Running ``hcnetsdk --simulator ...`` in a child process on a site file
(``HCNETSDK_SIMULATOR_SITE``), with the session's simulator build and the password in the
environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_on_site(
    fake_sdk_path: Path, site_file: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    """``python -m hcnetsdk --simulator *args`` on ``site_file``; the password is 12345."""
    env = dict(os.environ, HCNETSDK_SIMULATOR_SITE=str(site_file), HCNETSDK_PASSWORD="12345")
    env["HCNETSDK_SIMULATOR_CACHE"] = str(fake_sdk_path.parent.parent)
    return subprocess.run(
        [sys.executable, "-m", "hcnetsdk", "--simulator", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
