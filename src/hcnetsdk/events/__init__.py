"""Events: arm a device (an alarm channel) or listen for pushed alarms, and receive typed events.

``device.events()`` arms the device (``NET_DVR_SetupAlarmChan_V50``; several subscriptions on
one device share one alarm channel, each gets every event of that device) and
``sdk.listen(port, address=...)`` starts the SDK's alarm listener (``NET_DVR_StartListen_V30``).
Both return an :class:`EventSubscription`: a context manager and an iterator of
:class:`~hcnetsdk.events.Event`, fed by the bridge in :mod:`hcnetsdk._callbacks` through a
bounded queue (``queue_size`` events; when the consumer is slower, the newest are dropped and
counted in :attr:`EventSubscription.dropped`).

With ``on_event``, events are passed to that callable on a thread hcnetsdk owns (never an SDK
thread), one at a time, in order. An exception it raises stops the subscription and is raised
again from the next ``get()``, iteration or ``close()``.

``close()`` stops the SDK's delivery, then removes the route, then empties the queue: after it
returns, no event of the subscription is delivered (an ``on_event`` call in progress is waited
for, unless ``close()`` is called from ``on_event`` itself). Logout closes a device's
subscriptions first; cleanup closes listeners and subscriptions first.
"""

from __future__ import annotations

import ctypes
import queue as _queue
import socket
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from .. import _callbacks, _convert, _native
from .._callbacks import ROUTES, RawQueue
from .._session import Resource, Session
from ..errors import SDKClosedError
from ._decode import decode
from ._types import (
    ALARM_TYPES,
    COMMANDS,
    CONNECTION_EVENTS,
    AlarmEvent,
    ConnectionEvent,
    Event,
    IsapiEvent,
    Picture,
)

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "ALARM_TYPES",
    "COMMANDS",
    "CONNECTION_EVENTS",
    "DEFAULT_QUEUE_SIZE",
    "AlarmEvent",
    "ConnectionEvent",
    "Event",
    "EventSubscription",
    "IsapiEvent",
    "Picture",
    "arm",
    "listen",
]

DEFAULT_QUEUE_SIZE = 10_000
_SETUP_SIZE = ctypes.sizeof(_native.events.NET_DVR_SETUPALARM_PARAM_V50)


class _Owner(Protocol):
    def add_resource(self, resource: Resource) -> None: ...

    def remove_resource(self, resource: Resource) -> None: ...


class EventSubscription:
    """Events of one armed device or one listener; see the module documentation."""

    def __init__(
        self,
        raw_queue: RawQueue,
        stop: Callable[[], None],
        *,
        label: str,
        device: Any = None,
        encoding: int = 6,
        on_event: Callable[[Event], object] | None = None,
    ) -> None:
        self._queue = raw_queue
        self._stop = stop
        self._owner: _Owner | None = None
        self.label = label
        """What is subscribed to: ``admin@192.0.2.1:8000``, or ``listener 127.0.0.1:7200``."""
        self.device = device
        """The :class:`~hcnetsdk.Device` armed (None for a listener)."""
        self._encoding = encoding
        self._lock = threading.Lock()
        self._closed = False
        self._error: BaseException | None = None
        self._on_event = on_event
        self._thread: threading.Thread | None = None
        if on_event is not None:
            self._thread = threading.Thread(
                target=self._dispatch, name=f"hcnetsdk-events {label}", daemon=True
            )

    def _start(self, owner: _Owner) -> None:
        """Register with the owner (closed at logout/cleanup), then start ``on_event``'s thread."""
        owner.add_resource(self)
        self._owner = owner
        if self._thread is not None:
            self._thread.start()

    # --- state ---------------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        """True once closed (by ``close()``, logout, cleanup, or a failing ``on_event``)."""
        return self._closed

    @property
    def dropped(self) -> int:
        """Events dropped because the queue was full (the consumer was slower)."""
        return self._queue.dropped

    @property
    def received(self) -> int:
        """Events the bridge put into this subscription's queue."""
        return self._queue.received

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        return f"<EventSubscription {self.label} {state}, {self.dropped} dropped>"

    # --- consuming ---------------------------------------------------------------------------
    def get(self, timeout: float | None = None) -> Event:
        """The next event. Raises ``queue.Empty`` after ``timeout`` seconds, SDKClosedError once
        closed, and what ``on_event`` or the bridge raised."""
        if self._error is not None:
            self._raise_stored()
        if self._on_event is not None:
            raise TypeError("this subscription delivers to on_event; get() is not available")
        if self._closed:
            raise SDKClosedError(f"the event subscription of {self.label} is closed")
        raw = self._queue.get(timeout)
        if raw is None:
            if self._queue.closed:
                self._raise_stored()
                raise SDKClosedError(f"the event subscription of {self.label} is closed")
            raise _queue.Empty
        return decode(raw, self.device, self._encoding)

    def __iter__(self) -> Iterator[Event]:
        return self

    def __next__(self) -> Event:
        try:
            return self.get()
        except SDKClosedError:
            raise StopIteration from None

    def _dispatch(self) -> None:
        on_event = self._on_event
        assert on_event is not None
        while True:
            try:
                raw = self._queue.get()
                if raw is None:
                    return
                on_event(decode(raw, self.device, self._encoding))
            except BaseException as exc:  # stored, raised where the user is
                self._error = exc
                self._shutdown()
                return

    def _raise_stored(self) -> None:
        error, self._error = self._error, None
        if error is not None:
            raise error

    # --- closing ---------------------------------------------------------------------------
    def _shutdown(self) -> None:
        """Stop delivery, remove the route, close the queue: once."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        try:
            self._stop()
        finally:
            self._queue.close()
            if self._owner is not None:
                self._owner.remove_resource(self)

    def close(self) -> None:
        """Stop the events (idempotent); after it returns, none is delivered. Raises what
        ``on_event`` raised, if it did."""
        self._shutdown()
        thread = self._thread
        if thread is not None and thread.is_alive() and thread is not threading.current_thread():
            thread.join()
        self._raise_stored()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# --- arming a device ---------------------------------------------------------------------
class _Channel:
    """The one alarm channel of a session, shared by its subscriptions (counted)."""

    def __init__(self, handle: int) -> None:
        self.handle = handle
        self.users = 0


_channels: dict[int, _Channel] = {}
"""id(session) -> its alarm channel."""
_channels_lock = threading.Lock()


def _check_queue_size(queue_size: object) -> int:
    return _convert.positive_int("queue_size", queue_size, 10_000_000)


def arm(
    session: Session,
    *,
    device: Any = None,
    encoding: int = 6,
    queue_size: int = DEFAULT_QUEUE_SIZE,
    on_event: Callable[[Event], object] | None = None,
) -> EventSubscription:
    """Subscribe to the events of ``session``'s device (arming it on the first subscription)."""
    size = _check_queue_size(queue_size)
    if on_event is not None and not callable(on_event):
        raise TypeError(f"on_event must be callable, not {type(on_event).__name__}")
    native = session.native
    user_id = session.user_id  # SDKClosedError once logged out
    library = ROUTES.library_token(_native.library_key(native.lib))
    raw_queue: RawQueue = RawQueue(size)
    ROUTES.add_user_queue(library, user_id, raw_queue)  # before the SDK can call back
    key = id(session)
    try:
        with _channels_lock:
            channel = _channels.get(key)
            if channel is None:
                param = _native.events.NET_DVR_SETUPALARM_PARAM_V50()
                param.dwSize = _SETUP_SIZE
                param.byLevel = 1
                param.byAlarmInfoType = 1  # COMM_ALARM_V40 where the device supports it
                setup = native.NET_DVR_SetupAlarmChan_V50
                with session.call as checked_id:  # logout waits for this call
                    handle = int(setup(checked_id, ctypes.byref(param), None, 0))
                channel = _channels[key] = _Channel(handle)
            channel.users += 1
    except BaseException:
        ROUTES.remove_user_queue(library, user_id, raw_queue)
        raise

    def stop() -> None:
        with _channels_lock:
            channel.users -= 1
            last = channel.users == 0
            if last:
                _channels.pop(key, None)
        try:
            if last:  # the SDK's delivery first, outside every lock a trampoline takes
                native.NET_DVR_CloseAlarmChan_V30(channel.handle)
        finally:
            ROUTES.remove_user_queue(library, user_id, raw_queue)

    subscription = EventSubscription(
        raw_queue, stop, label=session.label, device=device, encoding=encoding, on_event=on_event
    )
    try:
        subscription._start(session)
    except BaseException:
        subscription.close()
        raise
    return subscription


# --- listening ---------------------------------------------------------------------------
def _check_port_free(address: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        probe.bind((address, port))
    except OSError as exc:
        raise OSError(
            exc.errno, f"cannot listen on {address}:{port}: {exc.strerror} (is the port in use?)"
        ) from None
    finally:
        probe.close()


def listen(
    owner: _Owner,
    native: _native.NativeSDK,
    port: int,
    *,
    address: str,
    queue_size: int = DEFAULT_QUEUE_SIZE,
    on_event: Callable[[Event], object] | None = None,
) -> EventSubscription:
    """Start the SDK's alarm listener on ``address:port`` (see :meth:`HCNetSDK.listen`)."""
    checked_port = _convert.check_port(port)
    size = _check_queue_size(queue_size)
    if address == "0.0.0.0":
        sdk_address: bytes | None = None
    else:
        literal = _convert.ip_literal(address)
        if literal is None:
            raise ValueError(
                f"address {address!r} is not an IP address: give the local address to listen "
                "on (127.0.0.1 for this machine only, 0.0.0.0 for every interface)"
            )
        sdk_address = literal.encode("ascii")
    _check_port_free(address, checked_port)
    raw_queue: RawQueue = RawQueue(size)
    token = ROUTES.add_listener(raw_queue)  # before the SDK can call back
    try:
        handle = int(
            native.NET_DVR_StartListen_V30(
                sdk_address, checked_port, _callbacks.MESSAGE_CALLBACK, token
            )
        )
    except BaseException:
        ROUTES.remove_listener(token)
        raise

    def stop() -> None:
        try:
            native.NET_DVR_StopListen_V30(handle)  # up to ~1 s; no lock of ours is held
        finally:
            ROUTES.remove_listener(token)

    subscription = EventSubscription(
        raw_queue, stop, label=f"listener {address}:{checked_port}", on_event=on_event
    )
    try:
        subscription._start(owner)
    except BaseException:
        subscription.close()
        raise
    return subscription
