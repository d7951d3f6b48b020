"""Hosts: only forms the SDK reads as written; names resolved here, within a time bound."""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from typing import Any

from ..errors import HostResolutionError, HostResolutionTimeoutError

# --- hosts ---------------------------------------------------------------------------------
# The SDK parses sDeviceAddress itself, the inet_aton way, and connects wherever that leads
# (measured on 6.1.9.48): "127.1", "0x7f.0.0.1" and "2130706433" reach 127.0.0.1,
# "192.168.001.010" reaches 192.168.1.8, any IPv6 scope id and "::" reach [::1]. So only canonical
# forms are passed: a dotted quad of decimal parts without leading zeros, an IPv6 address without
# a scope id; names are resolved here (the SDK resolves none) to such an address.
_INET_ATON_FORM = re.compile(
    r"(?:0[xX][0-9a-fA-F]*|[0-9]+)(?:\.(?:0[xX][0-9a-fA-F]*|[0-9]+)){0,3}\.?", re.ASCII
)
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_CANONICAL_IPV4 = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}", re.ASCII)
"""Four decimal parts 0-255 without leading zeros: exactly what ``str(IPv4Address(x)) == x``."""
DEFAULT_RESOLVE_TIMEOUT = 3.0
"""Seconds a name may take to resolve: the SDK's default connect timeout (3000 ms)."""


def _canonical_ipv4(text: str) -> str | None:
    """``text`` if it is a canonical dotted quad; None if it is no IPv4 form; ValueError for a
    form the SDK would read as another address."""
    if not _INET_ATON_FORM.fullmatch(text):
        return None
    try:
        address = ipaddress.IPv4Address(text)
    except ValueError:
        address = None
    if address is None or str(address) != text:
        raise ValueError(
            f"host {text!r} is not a canonical IPv4 address: give four decimal parts without "
            "leading zeros, such as '192.168.1.64' (the SDK reads shortened, octal, hex and "
            "integer forms as other addresses and would connect elsewhere)"
        )
    if address.is_unspecified:
        raise ValueError(f"host {text!r} is the unspecified address, not a device's address")
    return text


def _canonical_ipv6(text: str) -> str | None:
    """``text`` if it is an IPv6 address without a scope id and not ``::``; None if it is no
    IPv6 form; ValueError otherwise."""
    if ":" not in text:
        return None
    address_part, percent, scope = text.partition("%")
    try:
        address = ipaddress.IPv6Address(address_part)
        socket.inet_pton(socket.AF_INET6, address_part)
    except (ValueError, OSError):
        raise ValueError(f"host {text!r} is not a valid IPv6 address") from None
    if percent:
        raise ValueError(
            f"host {text!r} has an IPv6 scope id ('%{scope}'): the SDK ignores it and connects "
            "to [::1] instead; give an address without a scope id"
        )
    if address.is_unspecified:
        raise ValueError(f"host {text!r} is the unspecified address, not a device's address")
    return text


def ip_literal(host: object) -> str | None:
    """The address to send for ``host`` if it is an IP literal (brackets around IPv6 removed),
    None if it is a name; TypeError/ValueError for anything the SDK would misread."""
    if type(host) is str and _CANONICAL_IPV4.fullmatch(host) and host != "0.0.0.0":
        return host  # the common case, decided by one regex: same answer as the checks below
    if not isinstance(host, str):
        raise TypeError(f"host must be a str, not {type(host).__name__}")
    if not host.strip():
        raise ValueError("host must not be empty: give the device's IP address or host name")
    if "\0" in host:
        raise ValueError("host must not contain a NUL character")
    if host != host.strip() or any(not ch.isprintable() for ch in host):
        raise ValueError(
            f"host {host!r} has white space or control characters: give the address alone"
        )
    text = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    return _canonical_ipv4(text) or _canonical_ipv6(text)


def is_ip_literal(text: str) -> bool:
    """Whether ``text`` is an IP address literal the SDK reads as written."""
    try:
        return ip_literal(text) is not None
    except ValueError:
        return False


def host_addresses(host: object, port: int, timeout: float = DEFAULT_RESOLVE_TIMEOUT) -> list[str]:
    """Every address to try for ``host``, in order: the literal itself, or what a name resolves
    to (IPv4 first, then IPv6; each once; scoped and unspecified addresses left out).

    Resolution (``socket.getaddrinfo``) runs on a helper thread and is given ``timeout`` seconds;
    a name that does not resolve raises :class:`~hcnetsdk.HostResolutionError` (a
    ``ConnectionError``), one that takes too long :class:`~hcnetsdk.HostResolutionTimeoutError`
    (also a ``TimeoutError``).
    """
    literal = ip_literal(host)
    if literal is not None:
        return [literal]
    assert isinstance(host, str)  # ip_literal checked it
    infos = _getaddrinfo(host, port, timeout)
    ipv4: list[str] = []
    ipv6: list[str] = []
    for family, *_, sockaddr in infos:
        text = str(sockaddr[0])
        if family == socket.AF_INET:
            target = ipv4
        elif family == socket.AF_INET6 and not (len(sockaddr) > 3 and sockaddr[3]):
            target = ipv6  # a link-local result with a scope id cannot be passed safely
        else:
            continue
        try:
            safe = _canonical_ipv4(text) if family == socket.AF_INET else _canonical_ipv6(text)
        except ValueError:
            continue
        if safe is not None and safe not in target:
            target.append(safe)
    if not ipv4 and not ipv6:
        raise HostResolutionError(
            f"host {host!r} resolved to no IPv4 or IPv6 address the SDK can connect to",
            host,
            "no usable address",
        )
    return ipv4 + ipv6


def _getaddrinfo(name: str, port: int, timeout: float) -> list[Any]:
    """``socket.getaddrinfo`` bounded by ``timeout`` (it has no timeout of its own)."""
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def resolve() -> None:
        try:
            outcome["infos"] = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=resolve, name="hcnetsdk-resolve", daemon=True).start()
    if not done.wait(timeout):
        raise HostResolutionTimeoutError(
            f"cannot resolve host {name!r}: no answer within {timeout:g} s (the connect "
            "timeout); give the device's IP address, or check the name server",
            name,
            "timed out",
        )
    error = outcome.get("error")
    if error is not None:
        raise HostResolutionError(
            f"cannot resolve host {name!r} ({error}); the SDK connects to IP addresses only, so "
            "give the device's IP address or a resolvable host name",
            name,
            str(error),
        )
    return list(outcome["infos"])


def resolve_host(host: object, port: int, timeout: float = DEFAULT_RESOLVE_TIMEOUT) -> str:
    """The first of :func:`host_addresses`."""
    return host_addresses(host, port, timeout)[0]
