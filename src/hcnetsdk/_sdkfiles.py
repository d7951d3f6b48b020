"""The files of an installed SDK (the vendor's 6.1.9.x packages for Linux and Windows): what
``doctor`` expects in the SDK folder, beside the library, and in ``HCNetSDKCom``."""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = [
    "COMPONENTS",
    "COM_DIR",
    "LINUX_FILES",
    "WINDOWS_FILES",
    "Expected",
    "Kind",
    "component_names",
    "expected_files",
]

Kind = Literal["required", "recommended", "optional"]
"""How much an expected file matters."""


class Expected(NamedTuple):
    """One file of an installed SDK; a name ending in a slash is a folder."""

    name: str
    kind: Kind
    what: str


COM_DIR = "HCNetSDKCom"
"""The folder of components beside the library; without it login works, other calls fail."""

COMPONENTS = (
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
)
"""The components in ``HCNetSDKCom`` (Linux names; :func:`component_names` gives Windows')."""

WINDOWS_FILES = (
    Expected("HCNetSDK.dll", "required", "the SDK"),
    Expected("HCCore.dll", "required", "core, loaded by HCNetSDK.dll"),
    Expected("hpr.dll", "required", "platform layer, loaded by HCNetSDK.dll"),
    Expected("libcrypto-1_1-x64.dll", "recommended", "OpenSSL 1.1 (TLS logins)"),
    Expected("libssl-1_1-x64.dll", "recommended", "OpenSSL 1.1 (TLS logins)"),
    Expected(COM_DIR + "\\", "recommended", "components (preview, playback, ...)"),
    Expected("PlayCtrl.dll", "optional", "playback library"),
)

LINUX_FILES = (
    Expected("libhcnetsdk.so", "required", "the SDK"),
    Expected("libHCCore.so", "required", "core, loaded by libhcnetsdk.so"),
    Expected("libhpr.so", "required", "platform layer, loaded by libhcnetsdk.so"),
    Expected("libcrypto.so.1.1", "recommended", "OpenSSL 1.1 (TLS logins)"),
    Expected("libssl.so.1.1", "recommended", "OpenSSL 1.1 (TLS logins)"),
    Expected(COM_DIR + "/", "recommended", "components (preview, playback, ...)"),
    Expected("libz.so", "optional", "compression"),
    Expected("libNPQos.so", "optional", "network QoS"),
    Expected("libopenal.so.1", "optional", "audio output"),
    Expected("libAudioRender.so", "optional", "audio rendering"),
    Expected("libPlayCtrl.so", "optional", "playback library"),
    Expected("libSuperRender.so", "optional", "video rendering"),
    Expected("HCNetSDK_Log_Switch.xml", "optional", "SDK log settings"),
)


def expected_files(windows: bool) -> tuple[Expected, ...]:
    """The files of an installed SDK on Windows or on Linux."""
    return WINDOWS_FILES if windows else LINUX_FILES


def component_names(windows: bool) -> list[str]:
    """The files expected in ``HCNetSDKCom`` (``libHCPreview.so`` is ``HCPreview.dll`` on
    Windows)."""
    return [name[3:-3] + ".dll" for name in COMPONENTS] if windows else list(COMPONENTS)
