"""Every check and conversion of a value on its way into C, and out of it.

Into C: seconds to DWORD milliseconds, ports, positive counts, credentials (UTF-8 in a wipeable
``bytearray``), hosts (IP literals, or names resolved here because the SDK resolves none), paths
in the SDK's encoding, text for fixed-size ``char`` fields, channel numbers, ``datetime`` to
``NET_DVR_TIME`` and bounded byte buffers. Out of C: text fields in the device's character set,
``NET_DVR_TIME`` to ``datetime``.

The rule every function keeps: a bad value raises a clear ``TypeError``/``ValueError`` before the
SDK sees it, and nothing is silently truncated or altered. A secret's value never appears in a
message.
"""

from __future__ import annotations

from .._native.login import CHAR_ENCODINGS
from ._hosts import (
    DEFAULT_RESOLVE_TIMEOUT,
    host_addresses,
    ip_literal,
    is_ip_literal,
    resolve_host,
)
from ._values import (
    DWORD_MAX,
    SDK_FOLDER_MAX,
    byte_buffer,
    channel,
    check_port,
    codec_for,
    credential,
    decode_text,
    fixed_text,
    from_net_time,
    log_directory,
    positive_int,
    sdk_folder_path,
    seconds_to_ms,
    to_net_time,
)

__all__ = [
    "CHAR_ENCODINGS",
    "DEFAULT_RESOLVE_TIMEOUT",
    "DWORD_MAX",
    "SDK_FOLDER_MAX",
    "byte_buffer",
    "channel",
    "check_port",
    "codec_for",
    "credential",
    "decode_text",
    "fixed_text",
    "from_net_time",
    "host_addresses",
    "ip_literal",
    "is_ip_literal",
    "log_directory",
    "positive_int",
    "resolve_host",
    "sdk_folder_path",
    "seconds_to_ms",
    "to_net_time",
]
