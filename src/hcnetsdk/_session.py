"""The lifecycle of an SDK object, and the sessions (logins) it holds.

:class:`Lifecycle` is the state machine behind ``HCNetSDK``: not initialised -> initialised ->
cleaning up -> cleaned up, under one lock, with a count of login/logout calls in flight (cleanup
waits for them) and the process-wide initialisation count per loaded library
(``NET_DVR_Init``/``NET_DVR_Cleanup`` are process-wide: the first ``init()`` on a library calls
Init, the last ``cleanup()`` calls Cleanup).

:class:`Session` is one login: the bound natives, the SDK's user id, and the resources opened on
it (alarm channels, streams, searches, downloads, ...). A feature receives a ``Session``, never a
``Device`` or an ``HCNetSDK``; it registers what it opens with :meth:`Session.add_resource` and
unregisters it when its owner closes it (:meth:`Session.remove_resource`).

Order of closing, always: a session's resources first (newest first, each exactly once), then
``NET_DVR_Logout``, then (for cleanup) ``NET_DVR_Cleanup``. No lock of this module is held while a
resource closes or the SDK is called, so a resource's ``close()`` may call back into its session.

``NET_DVR_Logout`` is only ever called with an id the SDK gave and still registered here,
by exactly one of several racing logouts (and cleanup), and never while an SDK call with that id
is in flight: a feature makes its calls inside ``with session.call as user_id:``
(:class:`CallGuard`), and logout and cleanup wait for those calls to return before closing
anything. So a call can never reach another device that was given the same id after a logout.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol

from . import _native
from .errors import SDKClosedError

if TYPE_CHECKING:
    from ._lifecycle import Lifecycle

__all__ = ["CallGuard", "Resource", "Session", "calls_done", "close_resources"]

logger = logging.getLogger("hcnetsdk")


class Resource(Protocol):
    """Anything the SDK hands out on a session: closed once by its owner or by the logout."""

    def close(self) -> None: ...


class CallGuard:
    """``with session.call as user_id:``: an SDK call with the session's id, which logout and
    cleanup wait for. Raises SDKClosedError once the session is logged out.

    Made once per session; entering costs a list append and two flag reads (no lock: the GIL
    orders them), so the fastest calls (ISAPI) can afford it. Logout first marks the session
    logged out, then waits until no call is in flight: a call entering meanwhile sees the mark
    after registering itself and backs out without calling the SDK.
    """

    __slots__ = ("_calls", "_session")

    def __init__(self, session: Session) -> None:
        self._session = session
        self._calls: list[None] = []

    def __enter__(self) -> int:
        session = self._session
        if not session._logged_in:
            raise session.closed_error()
        self._calls.append(None)
        if not session.logged_in:  # logout began meanwhile: it may not be waiting for us
            self.__exit__()
            raise session.closed_error()
        return session._user_id

    def __exit__(self, *exc: object) -> None:
        self._calls.pop()
        session = self._session
        if not session._logged_in:  # a logout may be waiting for this call
            life = session._life
            with life._lock:
                life._cond.notify_all()

    @property
    def in_flight(self) -> int:
        """SDK calls with this session's id running now."""
        return len(self._calls)


class Session:
    """One login: the natives, the SDK's user id and the resources opened on it.

    Made by :meth:`Lifecycle.open_session`. Thread-safe; its state is guarded by its lifecycle's
    lock. ``label`` names the session in messages (``admin@192.0.2.1:8000``).
    """

    __slots__ = (
        "_closed_reason",
        "_life",
        "_logged_in",
        "_resources",
        "_user_id",
        "call",
        "label",
        "native",
    )

    def __init__(
        self, life: Lifecycle[Any], native: _native.NativeSDK, user_id: int, label: str
    ) -> None:
        self._life = life
        self.native = native
        self._user_id = user_id
        self.label = label
        self._logged_in = True
        self._closed_reason = ""
        self._resources: list[Resource] = []
        self.call = CallGuard(self)
        """``with session.call as user_id:`` around each SDK call made with the user id."""

    @property
    def logged_in(self) -> bool:
        """Whether the session is still open."""
        return self._logged_in

    @property
    def status(self) -> str:
        """ "logged in", or why it is not (e.g. "logged out by HCNetSDK.cleanup()")."""
        return "logged in" if self._logged_in else self._closed_reason

    @property
    def display_id(self) -> int:
        """The user id, for display only (it stays readable after logout)."""
        return self._user_id

    @property
    def user_id(self) -> int:
        """The SDK's user id of this session; raises SDKClosedError once logged out."""
        if not self._logged_in:
            raise self.closed_error()
        return self._user_id

    def closed_error(self) -> SDKClosedError:
        """The error for using this session after its logout."""
        return SDKClosedError(
            f"device {self.label} is {self._closed_reason}; log in again with HCNetSDK.login()"
        )

    @property
    def resources(self) -> tuple[Resource, ...]:
        """The resources open on this session, oldest first."""
        return tuple(self._resources)  # a copy of the list as it is (a tuple() call is atomic)

    def add_resource(self, resource: Resource) -> None:
        """Register an opened resource, to be closed by its owner or at logout. Raises
        SDKClosedError if the session is already logged out (the caller then closes it)."""
        with self._life._lock:
            if not self._logged_in:
                raise self.closed_error()
            self._resources.append(resource)

    def remove_resource(self, resource: Resource) -> None:
        """Unregister a resource its owner has closed (no-op if logout already took it)."""
        with self._life._lock:
            if resource in self._resources:
                self._resources.remove(resource)

    def logout(self) -> None:
        """Close the resources, then ``NET_DVR_Logout``. Calling it again does nothing."""
        self._life._logout(self)

    def _detach(self, reason: str) -> list[Resource]:
        """Under the lifecycle's lock: mark logged out, hand over the resources, newest first.
        The caller then waits for the calls in flight (:func:`calls_done`)."""
        self._logged_in = False
        self._closed_reason = reason
        resources, self._resources = self._resources[::-1], []
        return resources


def calls_done(sessions: list[Session]) -> bool:
    """Whether no SDK call with these sessions' ids is in flight (under the lifecycle's lock)."""
    return not any(session.call._calls for session in sessions)


def close_resources(resources: list[Resource]) -> list[BaseException]:
    """Close each resource once, in the order given; return what their ``close()`` raised."""
    failures: list[BaseException] = []
    for resource in resources:
        try:
            resource.close()
        except Exception as exc:
            failures.append(exc)
    return failures
