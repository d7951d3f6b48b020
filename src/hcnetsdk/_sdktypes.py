"""Small public types of the SDK object: log levels, login modes, the SDK version."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

from . import _native

__all__ = ["LogLevel", "LoginMode", "SDKVersion"]


class LogLevel(IntEnum):
    """Level of ``NET_DVR_SetLogToFile``."""

    OFF = 0
    """No log."""
    ERROR = 1
    """Errors only."""
    INFO = 2
    """Errors and information."""
    DEBUG = 3
    """Everything, debugging detail included."""


class LoginMode(IntEnum):
    """``byLoginMode`` of ``NET_DVR_USER_LOGIN_INFO``: the protocol used to log in."""

    PRIVATE = 0
    """Hikvision's private protocol (SDK port, 8000 by default)."""
    ISAPI = 1
    """ISAPI over HTTP(S) (port 80/443)."""
    ADAPTIVE = 2
    """Let the SDK choose."""


class SDKVersion(NamedTuple):
    """The SDK build version, e.g. ``6.1.9.48``. Compares as a tuple: ``v >= (6, 1)``."""

    major: int
    """6 in 6.1.9.48."""
    minor: int
    """1 in 6.1.9.48."""
    revision: int
    """9 in 6.1.9.48."""
    build: int
    """48 in 6.1.9.48."""

    @classmethod
    def from_build_version(cls, value: int) -> SDKVersion:
        """From ``NET_DVR_GetSDKBuildVersion`` (one byte per part: ``0x06010930``)."""
        return cls(*_native.unpack_build_version(value))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.revision}.{self.build}"
