"""Lifecycle and Session: the order of closing, ids the SDK gave, resources, races with cleanup.

A real :class:`Lifecycle` over a recording native layer (no library): every SDK call and every
resource's ``close()`` is appended to one list, so the tests can assert the order.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from hcnetsdk._lifecycle import Lifecycle
from hcnetsdk._process import forget_init, init_count
from hcnetsdk._session import Session
from hcnetsdk.errors import SDKClosedError, error_class


class RecordingNative:
    """Stands in for NativeSDK: records calls; Login ids come from ``ids``."""

    def __init__(self, log: list[Any]) -> None:
        self.log = log
        self.lib = object()
        self.path: str | None = None
        self.logout_error: int | None = None

    def NET_DVR_Init(self) -> int:
        self.log.append("Init")
        return 1

    def NET_DVR_Cleanup(self) -> int:
        self.log.append("Cleanup")
        return 1

    def NET_DVR_Logout(self, user_id: int) -> int:
        self.log.append(("Logout", user_id))
        if self.logout_error is not None:
            raise error_class(self.logout_error)(self.logout_error, "NET_DVR_Logout")
        return 1


class Res:
    def __init__(self, name: str, log: list[Any], fail: bool = False) -> None:
        self.name, self.log, self.fail = name, log, fail

    def close(self) -> None:
        self.log.append(("close", self.name))
        if self.fail:
            raise RuntimeError(f"close of {self.name} failed")


@pytest.fixture
def log() -> list[Any]:
    return []


@pytest.fixture
def life(log: list[Any]) -> Iterator[Lifecycle[Session]]:
    native: Any = RecordingNative(log)
    lifecycle: Lifecycle[Session] = Lifecycle(native, key=id(native))
    lifecycle.init(lambda: log.append("configure"))
    yield lifecycle
    lifecycle.cleanup()
    forget_init(native.lib)


def _open(life: Lifecycle[Session], user_id: int) -> Session:
    return life.open_session(lambda: user_id, f"admin@192.0.2.{user_id}:8000", lambda s: s)


def test_init_configures_then_inits_once(life: Lifecycle[Session], log: list[Any]) -> None:
    assert log == ["configure", "Init"]
    life.init(lambda: log.append("again"))  # a second init of the same object counts once
    assert log == ["configure", "Init"]


def test_logout_closes_resources_newest_first_then_logs_out(
    life: Lifecycle[Session], log: list[Any]
) -> None:
    session = _open(life, 4)
    for name in ("alarm", "stream", "download"):
        session.add_resource(Res(name, log))
    assert [r.name for r in session.resources] == ["alarm", "stream", "download"]  # type: ignore[attr-defined]
    log.clear()
    session.logout()
    session.logout()  # idempotent: nothing is closed or logged out twice
    assert log == [("close", "download"), ("close", "stream"), ("close", "alarm"), ("Logout", 4)]
    assert session.resources == ()


def test_a_resource_closed_by_its_owner_is_not_closed_again(
    life: Lifecycle[Session], log: list[Any]
) -> None:
    session = _open(life, 4)
    first, second = Res("a", log), Res("b", log)
    session.add_resource(first)
    session.add_resource(second)
    session.remove_resource(first)
    session.remove_resource(first)  # twice is harmless
    log.clear()
    session.logout()
    assert log == [("close", "b"), ("Logout", 4)]


def test_a_failing_close_still_logs_out_and_is_raised_after(
    life: Lifecycle[Session], log: list[Any]
) -> None:
    session = _open(life, 4)
    session.add_resource(Res("ok", log))
    session.add_resource(Res("bad", log, fail=True))
    log.clear()
    with pytest.raises(RuntimeError, match="close of bad failed"):
        session.logout()
    assert log == [("close", "bad"), ("close", "ok"), ("Logout", 4)]
    assert not session.logged_in


def test_add_resource_after_logout_is_refused(life: Lifecycle[Session]) -> None:
    session = _open(life, 4)
    session.logout()
    with pytest.raises(SDKClosedError, match=r"admin@192\.0\.2\.4:8000 is logged out"):
        session.add_resource(Res("late", []))
    with pytest.raises(SDKClosedError):
        _ = session.user_id
    assert session.display_id == 4
    assert session.status == "logged out"


def test_cleanup_closes_every_session_resources_first_then_cleans_up(log: list[Any]) -> None:
    native: Any = RecordingNative(log)
    life: Lifecycle[Session] = Lifecycle(native, key=id(native))
    life.init(lambda: None)
    one, two = _open(life, 1), _open(life, 2)
    one.add_resource(Res("1a", log))
    two.add_resource(Res("2a", log, fail=True))  # logged, not raised, by cleanup
    two.add_resource(Res("2b", log))
    log.clear()
    life.cleanup()
    assert log == [
        ("close", "1a"),
        ("Logout", 1),
        ("close", "2b"),
        ("close", "2a"),
        ("Logout", 2),
        "Cleanup",
    ]
    assert one.status == two.status == "logged out by HCNetSDK.cleanup()"
    one.logout()  # after cleanup: nothing
    assert log[-1] == "Cleanup"
    assert init_count(native.lib) == 0


def test_a_stale_session_never_logs_out_the_id_reused_by_a_new_one(
    life: Lifecycle[Session], log: list[Any]
) -> None:
    old = _open(life, 7)
    old.logout()
    new = _open(life, 7)  # the SDK reuses slot 7
    log.clear()
    old.logout()
    assert log == []
    assert new.logged_in


def test_a_session_of_another_lifecycle_is_not_logged_out_by_this_one(log: list[Any]) -> None:
    native: Any = RecordingNative(log)
    first: Lifecycle[Session] = Lifecycle(native, key=id(native))
    second: Lifecycle[Session] = Lifecycle(native, key=id(native))
    first.init(lambda: None)
    second.init(lambda: None)
    session = _open(first, 3)
    second._logout(session)  # not its session: nothing happens
    assert session.logged_in
    second.cleanup()
    assert session.logged_in
    first.cleanup()
    assert [entry for entry in log if entry[0] == "Logout"] == [("Logout", 3)]


def test_a_failing_wrap_logs_the_new_id_out(life: Lifecycle[Session], log: list[Any]) -> None:
    def wrap(session: Session) -> Session:
        raise KeyError("wrap failed")

    log.clear()
    with pytest.raises(KeyError):
        life.open_session(lambda: 9, "admin@h:1", wrap)
    assert log == [("Logout", 9)]
    assert len(life) == 0


def test_cleanup_during_a_login_logs_the_session_out(log: list[Any]) -> None:
    native: Any = RecordingNative(log)
    life: Lifecycle[Session] = Lifecycle(native, key=id(native))
    life.init(lambda: None)
    in_call, release = threading.Event(), threading.Event()

    def slow_login() -> int:
        in_call.set()
        assert release.wait(10)
        return 11

    cleaner = threading.Thread(target=life.cleanup)
    outcome: list[BaseException] = []

    def login() -> None:
        try:
            life.open_session(slow_login, "admin@192.0.2.1:8000", lambda s: s)
        except BaseException as exc:
            outcome.append(exc)

    logger = threading.Thread(target=login)
    logger.start()
    assert in_call.wait(10)
    cleaner.start()
    release.set()
    logger.join(10)
    cleaner.join(10)
    assert isinstance(outcome[0], SDKClosedError)
    assert "192.0.2.1:8000" in str(outcome[0])
    assert log[-2:] == [("Logout", 11), "Cleanup"]


def test_use_before_init_and_after_cleanup(log: list[Any]) -> None:
    native: Any = RecordingNative(log)
    life: Lifecycle[Session] = Lifecycle(native, key=id(native))
    with pytest.raises(SDKClosedError, match="not initialised"):
        _open(life, 1)
    life.cleanup()  # before init: just closes
    with pytest.raises(SDKClosedError, match="cleaned up"):
        life.init(lambda: None)
    assert log == []


# --- SDK calls in flight with a session's id ----------------------------------------------------
@pytest.mark.parametrize("closer", ["logout", "cleanup"])
def test_logout_and_cleanup_wait_for_calls_in_flight_with_the_id(
    life: Lifecycle[Session], log: list[Any], closer: str
) -> None:
    """A call made with the user id finishes before anything is closed or logged out, so it can
    never reach a device that the SDK gave the same id after the logout."""
    session = _open(life, 4)
    session.add_resource(Res("stream", log))
    inside, release = threading.Event(), threading.Event()

    def call() -> None:
        with session.call as user_id:
            log.append(("call", user_id))
            inside.set()
            release.wait(10)
            log.append(("call done", user_id))

    caller = threading.Thread(target=call)
    caller.start()
    assert inside.wait(10)
    assert session.call.in_flight == 1
    closing = threading.Thread(target=session.logout if closer == "logout" else life.cleanup)
    closing.start()
    closing.join(0.2)
    assert closing.is_alive()  # waiting for the call
    with pytest.raises(SDKClosedError), session.call:  # meanwhile no new call starts
        pass  # pragma: no cover
    release.set()
    caller.join(10)
    closing.join(10)
    assert not closing.is_alive()
    done = log.index(("call done", 4))
    assert done < log.index(("close", "stream")) < log.index(("Logout", 4))
    assert session.call.in_flight == 0


def test_a_call_entering_as_logout_begins_backs_out(life: Lifecycle[Session]) -> None:
    session = _open(life, 4)

    class Racing(list):  # type: ignore[type-arg]
        def append(self, item: object) -> None:  # logout marks the session in between
            super().append(item)
            session._logged_in = False

    session.call._calls = Racing()
    with pytest.raises(SDKClosedError), session.call:
        raise AssertionError("the SDK must not be called")  # pragma: no cover
    assert session.call.in_flight == 0
    session._logged_in = True  # as it was, for the fixture's cleanup


def test_a_call_after_logout_is_refused(life: Lifecycle[Session], log: list[Any]) -> None:
    session = _open(life, 4)
    session.logout()
    with pytest.raises(SDKClosedError, match="logged out"), session.call:
        raise AssertionError("the SDK must not be called")  # pragma: no cover
    assert session.call.in_flight == 0
