"""The lifecycle of an SDK object (:class:`Lifecycle`): init, cleanup and the sessions it holds.

Not initialised -> initialised -> cleaning up -> cleaned up, under one lock, with a count of
login/logout calls in flight (cleanup waits for them) and the process-wide initialisation count
per loaded library (``NET_DVR_Init``/``NET_DVR_Cleanup`` are process-wide: the first ``init()``
on a library calls Init, the last ``cleanup()`` calls Cleanup). The sessions themselves, and the
order in which they close, are described in :mod:`._session`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from . import _native, _process
from ._interrupts import SigintDeferral
from ._session import Resource, Session, calls_done, close_resources
from .errors import HCNetSDKError, SDKClosedError, SDKNotInitialisedError

__all__ = ["CLEANED_UP", "INITIALISED", "Lifecycle"]

logger = logging.getLogger("hcnetsdk")

T = TypeVar("T")

_NOINIT = 3  # NET_DVR_NOINIT
NOT_INITIALISED, INITIALISED, CLEANING_UP, CLEANED_UP, FORKED = (
    "not initialised",
    "initialised",
    "cleaning up",
    "cleaned up",
    "inherited by a forked child",
)


class Lifecycle(Generic[T]):
    """Init/cleanup state of one SDK object and its sessions, each wrapped as a ``T``."""

    def __init__(self, native: _native.NativeSDK, key: int) -> None:
        self._native = native
        self._key = key
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)  # cleanup() waits on it for _busy == 0
        self.state = NOT_INITIALISED
        """One of the four states; read without the lock on the settings' fast path."""
        self._busy = 0
        self._sessions: dict[int, tuple[Session, T]] = {}
        self._pid = os.getpid()
        self._resources: list[Resource] = []
        """Resources of the SDK object itself (listeners), closed first by cleanup."""
        _process.register(self)

    # --- information -----------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.state is INITIALISED

    def wrappers(self) -> tuple[T, ...]:
        """The wrapper of every session still logged in."""
        with self._lock:
            return tuple(wrapper for _, wrapper in self._sessions.values())

    def __len__(self) -> int:
        return len(self._sessions)

    def add_resource(self, resource: Resource) -> None:
        """Register a resource of the SDK object (a listener), closed first by cleanup."""
        with self._lock:
            if self.state is not INITIALISED:
                raise self.closed_error()
            self._resources.append(resource)

    def remove_resource(self, resource: Resource) -> None:
        with self._lock:
            if resource in self._resources:
                self._resources.remove(resource)

    def closed_error(self) -> SDKClosedError:
        """The error for a call in any state but initialised."""
        if self.state == FORKED:
            return SDKClosedError(
                f"this HCNetSDK object was made in process {self._pid}, before os.fork(): a "
                "forked child cannot use it (its sessions and the SDK's threads stay with the "
                "parent). Create a new HCNetSDK in the child."
            )
        if self.state == NOT_INITIALISED:
            return SDKNotInitialisedError(
                "the SDK is not initialised: call init() or use `with HCNetSDK(...) as sdk:` first"
            )
        return SDKClosedError(
            f"the SDK is {self.state}: this HCNetSDK object cannot be used after cleanup(); "
            "create a new HCNetSDK"
        )

    def setting_failed(self, exc: HCNetSDKError) -> HCNetSDKError | SDKClosedError:
        """A failed short call (a setting). Those check the state with a plain read and no
        lock, being on the hot path; one may then race a cleanup() on another thread, and the
        SDK fails it with NET_DVR_NOINIT (3): report that as the SDKClosedError it is."""
        if exc.code == _NOINIT and self.state is not INITIALISED:
            closed = self.closed_error()
            closed.__cause__ = exc
            return closed
        return exc

    # --- init and cleanup ------------------------------------------------------------------
    def init(
        self, configure: Callable[[], None], after: Callable[[], object] = lambda: None
    ) -> None:
        """``NET_DVR_Init`` if no other object holds this library's initialisation, after
        ``configure()`` and before ``after()`` (which run only then: ``NET_DVR_SetSDKInitCfg``
        before, the callbacks' registration after)."""
        with self._lock:
            if self.state == INITIALISED:
                return
            if self.state != NOT_INITIALISED:
                raise SDKClosedError(
                    "this HCNetSDK object was cleaned up; create a new HCNetSDK to use the SDK "
                    "again"
                )

            def first_init() -> None:
                configure()
                self._native.NET_DVR_Init()
                logger.info("NET_DVR_Init: the SDK is initialised (%s)", self._native.path)
                after()

            _process.acquire_init(self._key, first_init)
            self.state = INITIALISED

    def cleanup(self) -> None:
        """Wait for calls in flight, close every session (resources, then logout), then release
        the initialisation (``NET_DVR_Cleanup`` when no other object holds it). Idempotent."""
        with self._lock:
            if self.state == NOT_INITIALISED:
                self.state = CLEANED_UP
                return
            if self.state != INITIALISED:
                return
            self.state = CLEANING_UP
            self._cond.wait_for(lambda: self._busy == 0)
            entries = [
                (session, wrapper, session._detach("logged out by HCNetSDK.cleanup()"))
                for session, wrapper in self._sessions.values()
            ]
            sessions = [session for session, _, _ in entries]
            self._cond.wait_for(lambda: calls_done(sessions))  # SDK calls with their ids
            self._sessions.clear()
            own, self._resources = self._resources[::-1], []
        logger.info("cleanup: logging out %d session(s)", len(entries))
        try:
            for failure in close_resources(own):
                logger.warning("closing a listener failed: %s", failure)
            for session, wrapper, resources in entries:
                for failure in close_resources(resources):
                    logger.warning("closing a resource of %r failed: %s", wrapper, failure)
                try:
                    self._native.NET_DVR_Logout(session._user_id)
                except HCNetSDKError as exc:
                    logger.warning("logout of %r during cleanup failed: %s", wrapper, exc)
        finally:
            try:
                _process.release_init(self._key, self._native.NET_DVR_Cleanup)
            finally:
                with self._lock:
                    self.state = CLEANED_UP

    def _forked(self) -> None:
        """In a forked child: refuse all use, never call the SDK (see :mod:`._process`)."""
        self._lock = threading.Lock()  # the parent's threads may have held it at the fork
        self._cond = threading.Condition(self._lock)
        self._busy = 0
        if self.state in (INITIALISED, CLEANING_UP):
            for session, _ in self._sessions.values():
                session._detach("inherited from the parent process by os.fork(); log in again")
            self._sessions.clear()
            self.state = FORKED

    @contextlib.contextmanager
    def calling(self) -> Iterator[None]:
        """A short SDK call that cleanup() must not overtake (it waits for it to return)."""
        self._enter_call()
        try:
            yield
        finally:
            self._exit_call()

    def _enter_call(self) -> None:
        """Before a login or logout: check the state, and hold off cleanup() until
        :meth:`_exit_call` (cleanup logs out what the call may have logged in)."""
        with self._lock:
            if self.state is not INITIALISED:
                raise self.closed_error()
            self._busy += 1

    def _exit_call(self) -> None:
        with self._lock:
            self._busy -= 1
            if self._busy == 0 and self.state is CLEANING_UP:
                self._cond.notify_all()

    def open_session(self, login: Callable[[], int], label: str, wrap: Callable[[Session], T]) -> T:
        """Run ``login()`` (the SDK call returning a user id) as a call in flight, register the
        session it opened and return ``wrap(session)``.

        Registered even if cleanup() started meanwhile: it waits for this call to finish, then
        logs the session out with the others; the caller then gets SDKClosedError.

        A Ctrl-C (SIGINT) that arrives while the SDK call runs is held until the session is
        registered (the SDK call cannot be interrupted anyway): then the session is logged out
        again, since the caller never receives it, and the ``KeyboardInterrupt`` is raised. So a
        user id the SDK returned is always registered or logged out.
        """
        deferral = SigintDeferral()
        try:
            session, wrapper = self._open(login, label, wrap)
        except BaseException:
            deferral.stop()
            deferral.deliver()  # a Ctrl-C during a failed login: raised, chained to the failure
            raise
        deferral.stop()
        if deferral.pending:
            logger.warning(
                "Ctrl-C during the login to %s: the session it opened is logged out", label
            )
            try:
                self._logout(session)
            finally:
                deferral.deliver()
        return wrapper

    def _open(
        self, login: Callable[[], int], label: str, wrap: Callable[[Session], T]
    ) -> tuple[Session, T]:
        self._enter_call()
        closing = False
        try:
            user_id = int(login())
            session = Session(self, self._native, user_id, label)
            try:
                wrapper = wrap(session)
            except BaseException:
                try:  # never leave an id the SDK gave unowned
                    self._native.NET_DVR_Logout(user_id)
                except HCNetSDKError as exc:
                    logger.warning(
                        "logout of user id %d after a failed login failed: %s", user_id, exc
                    )
                raise
            with self._lock:
                self._sessions[user_id] = (session, wrapper)
                closing = self.state != INITIALISED
        finally:
            self._exit_call()
        if closing:
            raise SDKClosedError(
                f"HCNetSDK.cleanup() started while logging into {label.rsplit('@', 1)[-1]}; the "
                "session is logged out by the cleanup"
            )
        return session, wrapper

    def _logout(self, session: Session) -> None:
        """:meth:`Session.logout`: only for an id this lifecycle handed out and still holds."""
        with self._lock:
            entry = self._sessions.get(session._user_id)
            if entry is None or entry[0] is not session:
                return
            if self.state not in (INITIALISED, CLEANING_UP):
                return
            del self._sessions[session._user_id]
            resources = session._detach("logged out")
            self._busy += 1
            self._cond.wait_for(lambda: calls_done([session]))  # SDK calls with its id
        try:
            failures = close_resources(resources)
            self._native.NET_DVR_Logout(session._user_id)
            logger.info("logged out of %s (user id %d)", session.label, session._user_id)
        finally:
            self._exit_call()
        if failures:
            for extra in failures[1:]:
                logger.warning(
                    "closing a resource of %s at logout failed: %s", session.label, extra
                )
            raise failures[0]
