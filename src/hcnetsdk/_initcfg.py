"""Before ``NET_DVR_Init``: the SDK folder and its OpenSSL libraries (``NET_DVR_SetSDKInitCfg``).

Older SDK builds need types 2, 3 and 4 to find ``HCNetSDKCom`` and OpenSSL; 6.1.9.48 finds them
beside itself and setting them does no harm. A folder path the SDK crashes on in Init (more than
246 bytes, with or without this call) is refused here with :class:`~hcnetsdk.SDKPathError`.
Failures of the calls themselves are logged, not raised.
"""

from __future__ import annotations

import ctypes
import logging
from typing import Any

from . import _convert, _loader, _native
from .errors import HCNetSDKError, SDKPathError

__all__ = ["configure_paths"]

logger = logging.getLogger("hcnetsdk")


def configure_paths(native: _native.NativeSDK, folder: str | None) -> None:
    """``NET_DVR_SetSDKInitCfg`` types 2, 3, 4 for a known SDK folder (before Init)."""
    if folder is None:
        return
    try:  # checked even when the call is absent: Init crashes on such a folder anyway
        encoded = _convert.sdk_folder_path(folder)
    except ValueError as exc:
        raise SDKPathError(f"cannot use the SDK from this folder: {exc}", folder) from None
    if not native.has("NET_DVR_SetSDKInitCfg"):
        return
    settings: list[tuple[int, Any, str]] = []
    sdk_path = _native.NET_DVR_LOCAL_SDK_PATH()
    sdk_path.sPath = encoded
    settings.append((_native.NET_SDK_INIT_CFG_SDK_PATH, ctypes.byref(sdk_path), folder))
    crypto, ssl = _loader.openssl_files(folder)
    for kind, file in (
        (_native.NET_SDK_INIT_CFG_LIBEAY_PATH, crypto),
        (_native.NET_SDK_INIT_CFG_SSLEAY_PATH, ssl),
    ):
        if file is not None:
            buffer = ctypes.create_string_buffer(_loader.encode_path(file))
            settings.append((kind, buffer, str(file)))
    for kind, value, text in settings:
        try:
            native.NET_DVR_SetSDKInitCfg(kind, value)
        except HCNetSDKError as exc:
            logger.warning("NET_DVR_SetSDKInitCfg(%d, %r) failed: %s", kind, text, exc)
