"""PTZ: move a camera (pan, tilt, zoom) and use its presets.

``device.ptz(channel)`` returns a :class:`Ptz` for one channel. :meth:`Ptz.move` starts a
continuous movement (``NET_DVR_PTZControlWithSpeed_Other`` with ``dwStop`` 0) that goes on until
:meth:`Ptz.stop` (the same command with ``dwStop`` 1); :meth:`Ptz.moving` is a context manager
that always stops, also when its block raises or is interrupted. Presets go through
``NET_DVR_PTZPreset_Other``.

Every value is checked before the SDK sees it: directions are -1, 0 or 1, the speed 1..7,
preset numbers 1..300. A movement in progress is remembered per session and channel (so
``device.ptz(1).stop()`` stops what ``device.ptz(1).move(...)`` started) and is registered with
the session: logout and cleanup stop a camera left moving.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from . import _convert
from ._native.ptz import CLE_PRESET, GOTO_PRESET, MAX_PRESET, MAX_SPEED, MOVE_COMMANDS, SET_PRESET
from ._session import Session
from .errors import HCNetSDKError

__all__ = ["DEFAULT_SPEED", "MAX_PRESET", "MAX_SPEED", "Ptz"]

DEFAULT_SPEED = 4
"""The middle of the SDK's 1..7."""


def _direction(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be -1, 0 or 1, not {value!r}")
    if value not in (-1, 0, 1):
        raise ValueError(f"{name} must be -1, 0 or 1, not {value}")
    return value


class _Movement:
    """A movement in progress: a session resource whose close() stops it."""

    def __init__(self, session: Session, channel: int, command: int, speed: int) -> None:
        self.session = session
        self.channel = channel
        self.command = command
        self.speed = speed

    def close(self) -> None:
        _forget(self)
        self.session.native.NET_DVR_PTZControlWithSpeed_Other(
            self.session.display_id, self.channel, self.command, 1, self.speed
        )


_movements: dict[tuple[int, int], _Movement] = {}
"""(id(session), channel) -> the movement in progress (removed when it stops)."""
_lock = threading.Lock()


def _forget(movement: _Movement) -> None:
    with _lock:
        key = (id(movement.session), movement.channel)
        if _movements.get(key) is movement:
            del _movements[key]
    movement.session.remove_resource(movement)


class Ptz:
    """Pan, tilt, zoom and presets of one channel; see the module documentation. Made by
    :meth:`hcnetsdk.Device.ptz`."""

    def __init__(self, session: Session, channel: int) -> None:
        self._session = session
        self.channel = channel
        """The channel number (as the SDK numbers them)."""

    def __repr__(self) -> str:
        return f"<Ptz {self._session.label} channel {self.channel}>"

    @property
    def is_moving(self) -> bool:
        """Whether a movement started here (or by another ``Ptz`` of this channel) is going on."""
        with _lock:
            return (id(self._session), self.channel) in _movements

    def move(
        self, pan: int = 0, tilt: int = 0, zoom: int = 0, *, speed: int = DEFAULT_SPEED
    ) -> None:
        """Start moving (``NET_DVR_PTZControlWithSpeed_Other``, ``dwStop`` 0) until :meth:`stop`.

        ``pan`` -1 left / 1 right, ``tilt`` -1 down / 1 up, ``zoom`` -1 out / 1 in, 0 for none;
        combinations are the diagonal and zooming commands. ``speed`` 1 (slowest) .. 7. A
        movement in progress on the channel is stopped first."""
        key = (
            _direction("pan", pan),
            _direction("tilt", tilt),
            _direction("zoom", zoom),
        )
        checked_speed = _convert.positive_int("speed", speed, MAX_SPEED)
        if key == (0, 0, 0):
            raise ValueError("move() needs a direction: pan, tilt or zoom of -1 or 1")
        command = MOVE_COMMANDS[key]
        self.stop()
        session = self._session
        session.user_id  # noqa: B018  (SDKClosedError once logged out, before anything is kept)
        movement = _Movement(session, self.channel, command, checked_speed)
        with _lock:  # remembered before the call: a Ctrl-C just after it still finds it
            _movements[(id(session), self.channel)] = movement
        started = False
        try:
            with session.call as checked_id:  # logout waits for this call
                session.native.NET_DVR_PTZControlWithSpeed_Other(
                    checked_id, self.channel, command, 0, checked_speed
                )
            started = True
            session.add_resource(movement)  # SDKClosedError if logged out meanwhile
        except BaseException:
            if started:
                with contextlib.suppress(HCNetSDKError):
                    movement.close()
            else:
                _forget(movement)
            raise

    def stop(self) -> None:
        """Stop the movement in progress on this channel (``NET_DVR_PTZControlWithSpeed_Other``
        with its command and ``dwStop`` 1); nothing to do when none is."""
        with _lock:
            movement = _movements.get((id(self._session), self.channel))
        if movement is not None:
            movement.close()

    @contextlib.contextmanager
    def moving(
        self, pan: int = 0, tilt: int = 0, zoom: int = 0, *, speed: int = DEFAULT_SPEED
    ) -> Iterator[Ptz]:
        """``with ptz.moving(pan=1): time.sleep(2)``: :meth:`move`, then :meth:`stop` when the
        block ends, however it ends."""
        self.move(pan, tilt, zoom, speed=speed)
        try:
            yield self
        finally:
            self.stop()

    def _preset(self, command: int, preset: int) -> None:
        number = _convert.positive_int("preset", preset, MAX_PRESET)
        with self._session.call as user_id:
            self._session.native.NET_DVR_PTZPreset_Other(user_id, self.channel, command, number)

    def goto_preset(self, preset: int) -> None:
        """Move to preset ``preset`` (1..300; ``NET_DVR_PTZPreset_Other``, ``GOTO_PRESET``)."""
        self._preset(GOTO_PRESET, preset)

    def set_preset(self, preset: int) -> None:
        """Store the current position as preset ``preset`` (1..300; ``SET_PRESET``)."""
        self._preset(SET_PRESET, preset)

    def clear_preset(self, preset: int) -> None:
        """Delete preset ``preset`` (1..300; ``CLE_PRESET``)."""
        self._preset(CLE_PRESET, preset)
