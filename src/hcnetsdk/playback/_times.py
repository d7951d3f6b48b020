"""Time ranges of searches and downloads: checked and converted before the SDK sees them.

The SDK's ``NET_DVR_TIME`` is the device's wall clock, with no zone. A naive ``datetime`` is taken
as the device's local time as it is. An aware one is converted to ``tz`` (the device's time zone)
when given, else to this computer's local time zone (the usual case: the recorder and the client
set to the same zone). The result must be whole seconds (microseconds are refused, never dropped)
and lie in :data:`EARLIEST` .. :data:`LATEST`, the range a device clock holds; ``start < end``.
"""

from __future__ import annotations

import ctypes
import datetime as dt

from .. import _convert

__all__ = ["EARLIEST", "LATEST", "device_range", "device_time"]

EARLIEST = dt.datetime(1970, 1, 1)
"""The earliest device time accepted (device clocks count from 1970)."""
LATEST = dt.datetime(2037, 12, 31, 23, 59, 59)
"""The latest device time accepted (the device clocks' 32-bit range; their settings stop at
2037)."""


def device_time(name: str, value: object, tz: dt.tzinfo | None) -> dt.datetime:
    """``value`` as a naive ``datetime`` on the device's clock; TypeError/ValueError if unfit."""
    if not isinstance(value, dt.datetime):
        raise TypeError(f"{name} must be a datetime.datetime, not {type(value).__name__}")
    if tz is not None and not isinstance(tz, dt.tzinfo):
        raise TypeError(f"tz must be a datetime.tzinfo or None, not {type(tz).__name__}")
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(tz).replace(tzinfo=None)
    else:
        value = value.replace(tzinfo=None)
    if value.microsecond:
        raise ValueError(
            f"{name} has microseconds ({value.microsecond}); the SDK takes whole seconds "
            "(use .replace(microsecond=0))"
        )
    if not EARLIEST <= value <= LATEST:
        raise ValueError(
            f"{name} {value.isoformat(sep=' ')} (device time) is outside the range a device "
            f"accepts ({EARLIEST:%Y-%m-%d} to {LATEST:%Y-%m-%d %H:%M:%S})"
        )
    return value


def device_range(
    start: object, end: object, tz: dt.tzinfo | None
) -> tuple[ctypes.Structure, ctypes.Structure]:
    """(start, end) as ``NET_DVR_TIME`` structures, checked: ``start < end``, both in range."""
    first = device_time("start", start, tz)
    last = device_time("end", end, tz)
    if first >= last:
        raise ValueError(
            f"start ({first.isoformat(sep=' ')}) must be before end ({last.isoformat(sep=' ')})"
        )
    return _convert.to_net_time("start", first), _convert.to_net_time("end", last)
