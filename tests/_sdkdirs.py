"""Helpers for tests: SDK folders laid out like the vendor's lib/, built from the fake.

* :func:`make_sdk` copies the fake as libhcnetsdk.so and as each companion (real ELF files);
* :func:`dependent_sdk` compiles a libhcnetsdk.so that, like the vendor's, needs libHCCore.so
  and looks for it beside itself (``$ORIGIN``); the fake plays libHCCore.so and answers the
  SDK's functions, so the library loads only where its companion is found;
* :func:`foreign_elf` is the header of a library for another CPU.
"""

from __future__ import annotations

import os
import platform
import shlex
import shutil
import subprocess
from pathlib import Path

COMPONENTS = [
    "libHCPreview.so",
    "libHCAlarm.so",
    "libHCCoreDevCfg.so",
    "libHCDisplay.so",
    "libHCGeneralCfgMgr.so",
    "libHCIndustry.so",
    "libHCPlayBack.so",
    "libHCVoiceTalk.so",
    "libStreamTransClient.so",
    "libSystemTransform.so",
    "libanalyzedata.so",
    "libAudioIntercom.so",
    "libiconv2.so",
]
LIBRARIES = [
    "libHCCore.so",
    "libhpr.so",
    "libcrypto.so.1.1",
    "libssl.so.1.1",
    "libz.so",
    "libNPQos.so",
    "libopenal.so.1",
    "libAudioRender.so",
    "libPlayCtrl.so",
    "libSuperRender.so",
]


def make_sdk(
    root: Path,
    fake: Path,
    *,
    libraries: list[str] = LIBRARIES,
    components: list[str] | None = COMPONENTS,
) -> Path:
    """A folder laid out like the vendor's lib/: the fake as libhcnetsdk.so and as each of
    ``libraries`` (real ELF files), the log settings, ``components`` in HCNetSDKCom (None: no
    HCNetSDKCom)."""
    root.mkdir(parents=True)
    shutil.copy(fake, root / "libhcnetsdk.so")
    for name in libraries:
        shutil.copy(fake, root / name)
    (root / "HCNetSDK_Log_Switch.xml").write_text("<xml/>\n")
    if components is not None:
        (root / "HCNetSDKCom").mkdir()
        for name in components:
            (root / "HCNetSDKCom" / name).write_bytes(b"")
    return root


def dependent_sdk(root: Path, fake: Path) -> tuple[Path, Path]:
    """(sdk, companions): ``sdk/libhcnetsdk.so`` needs libHCCore.so, which is in
    ``companions`` only (the fake under that name): it loads when the loader finds
    ``companions`` (LD_LIBRARY_PATH), or after libHCCore.so is copied beside it."""
    sdk, companions = root / "sdk", root / "companions"
    sdk.mkdir(parents=True)
    companions.mkdir()
    shutil.copy(fake, companions / "libHCCore.so")
    source = root / "empty.c"
    source.write_text("int hcnetsdk_test_marker(void) { return 1; }\n")
    compiler = shlex.split(os.environ.get("CC") or "cc")
    subprocess.run(
        [
            *compiler,
            "-shared",
            "-fPIC",
            "-o",
            str(sdk / "libhcnetsdk.so"),
            str(source),
            "-Wl,--no-as-needed",
            f"-L{companions}",
            "-lHCCore",
            "-Wl,-rpath,$ORIGIN",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return sdk, companions


def foreign_elf() -> bytes:
    """The header of a 64-bit shared library for another CPU than this one."""
    machine = 62 if platform.machine().lower() not in ("x86_64", "amd64") else 183
    header = bytearray(64)
    header[:8] = b"\x7fELF\x02\x01\x01\x00"
    header[16:18] = (3).to_bytes(2, "little")  # ET_DYN
    header[18:20] = machine.to_bytes(2, "little")
    return bytes(header)
