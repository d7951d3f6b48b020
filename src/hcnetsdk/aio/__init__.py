"""asyncio API: :class:`AsyncHCNetSDK` and :class:`AsyncDevice`, over the synchronous objects.

Usage, inside a coroutine (``asyncio.run(main())``)::

    async with AsyncHCNetSDK("simulator") as sdk:
        device = await sdk.login("127.0.0.1", 8000, username="admin", password="12345")
        async with device.events() as events:
            async for event in events:
                print(event.name)
                break
        await device.logout()

Never a second implementation: every method runs the synchronous method of
:class:`~hcnetsdk.HCNetSDK` or :class:`~hcnetsdk.Device` on a worker thread of a bounded pool
that the ``AsyncHCNetSDK`` owns (``workers``, 256 by default, so a fleet of logins runs in
parallel), the SDK call and the reading of its per-thread last error together. Logins are the
SDK's synchronous ``NET_DVR_Login_V40`` on those workers, never its asynchronous login (whose
callback cannot log out its own id, and which can deadlock ``NET_DVR_Cleanup``). Events reach
the loop through ``loop.call_soon_threadsafe`` into bounded queues (:mod:`._stream`).

Cancellation
------------
Cancelling a task that awaits a method abandons its result and never leaves a half-opened
session or subscription behind: a call still queued never runs; a call already running cannot
be stopped (the SDK call runs to its own connect or receive timeout, and keeps its worker until
then), and what it opens for a task that is gone is given back: a login that completes after its
task was cancelled is logged out, a subscription, live stream or recording search opened for
it is closed, a download started for it is stopped and its partial file removed, a PTZ movement
started for it is stopped. Settings made by a cancelled call stay made (an ISAPI PUT, a preset).
``close()`` (leaving ``async with``) closes the streams, refuses new calls, cancels queued ones
and waits for the running ones, then cleans up the SDK, all on threads (the loop keeps running);
it completes even when the task awaiting it is cancelled. After ``close()`` no callback reaches
the loop; a loop closed without ``close()`` is never called either (the results are dropped, and
the synchronous SDK object warns and is cleaned up at exit).

One ``AsyncHCNetSDK`` belongs to the loop it was opened on.
"""

from __future__ import annotations

import asyncio
import os
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from .._convert import positive_int
from .._sdktypes import LoginMode, LogLevel
from ..errors import SDKClosedError
from ..events import DEFAULT_QUEUE_SIZE, Event
from ..sdk import HCNetSDK
from ._device import DEFAULT_STREAM_QUEUE, AsyncDevice
from ._features import AsyncIsapi, AsyncPtz
from ._runner import DEFAULT_WORKERS, Runner, off_loop
from ._stream import AsyncStream, ClosableIterator

if TYPE_CHECKING:
    from typing_extensions import Self

    from .._loader import LibrarySpec
    from .._sdktypes import SDKVersion
    from ..device import Device

__all__ = [
    "DEFAULT_STREAM_QUEUE",
    "DEFAULT_WORKERS",
    "AsyncDevice",
    "AsyncHCNetSDK",
    "AsyncIsapi",
    "AsyncPtz",
    "AsyncStream",
    "ClosableIterator",
]

T = TypeVar("T")


class AsyncHCNetSDK:
    """The SDK for asyncio: ``async with AsyncHCNetSDK(library) as sdk:``.

    ``library`` is what :class:`~hcnetsdk.HCNetSDK` takes (a path, ``"simulator"``, None for
    ``HCNETSDK_LIB`` or the search); it is loaded and initialised on a worker by :meth:`init`
    (entering ``async with``). ``workers`` bounds the threads running blocking calls (default
    256); ``sdk`` wraps an already made ``HCNetSDK`` instead (initialised by :meth:`init` if it
    is not; cleaned up by :meth:`close` either way).
    """

    def __init__(
        self,
        library: LibrarySpec = None,
        *,
        workers: int = DEFAULT_WORKERS,
        sdk: HCNetSDK | None = None,
    ) -> None:
        if isinstance(workers, bool) or not isinstance(workers, int):
            raise TypeError(f"workers must be an int, not {type(workers).__name__}")
        if not 1 <= workers <= 4096:
            raise ValueError(f"workers must be 1..4096, not {workers}")
        if sdk is not None and library is not None:
            raise ValueError("give either library or sdk, not both")
        self._library = os.fspath(library) if isinstance(library, os.PathLike) else library
        self._sync = sdk
        self._workers = workers
        self._runner: Runner | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._streams: dict[AsyncStream[Any], object] = {}
        self._closing: asyncio.Future[None] | None = None

    # --- information ------------------------------------------------------------------------
    @property
    def sync(self) -> HCNetSDK:
        """The synchronous :class:`~hcnetsdk.HCNetSDK` (after :meth:`init`)."""
        if self._sync is None:
            raise SDKClosedError("the AsyncHCNetSDK is not initialised: await sdk.init() first")
        return self._sync

    @property
    def workers(self) -> int:
        """The most blocking calls that run at once."""
        return self._workers

    @property
    def calls_in_flight(self) -> int:
        """Blocking calls queued or running on the workers now."""
        return 0 if self._runner is None else self._runner.in_flight

    @property
    def open_streams(self) -> int:
        """Streams (event subscriptions ...) made and not closed yet."""
        return len(self._streams)

    @property
    def devices(self) -> tuple[AsyncDevice, ...]:
        """The devices still logged in (new wrappers of ``sync.devices``)."""
        if self._sync is None:
            return ()
        return tuple(AsyncDevice(self, device) for device in self._sync.devices)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` began."""
        return self._closing is not None

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open" if self._runner is not None else "new"
        return f"<AsyncHCNetSDK {state}, {self._workers} workers, sync={self._sync!r}>"

    def _runner_or_raise(self) -> Runner:
        if self._closing is not None:
            raise SDKClosedError("this AsyncHCNetSDK is closed; create a new one")
        runner = self._runner
        if runner is None:
            raise SDKClosedError("the AsyncHCNetSDK is not initialised: await sdk.init() first")
        if asyncio.get_running_loop() is not self._loop:
            raise RuntimeError("an AsyncHCNetSDK belongs to the event loop it was opened on")
        return runner

    async def _run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        return await self._runner_or_raise().run(fn, *args, **kwargs)

    # --- lifecycle --------------------------------------------------------------------------
    async def init(self) -> Self:
        """Load the library (``HCNetSDK(library)``) and ``NET_DVR_Init``, on a worker."""
        if self._closing is not None:
            raise SDKClosedError("this AsyncHCNetSDK is closed; create a new one")
        if self._runner is None:
            self._loop = asyncio.get_running_loop()
            self._runner = Runner(self._workers)

        def load_and_init() -> HCNetSDK:
            sdk = self._sync if self._sync is not None else HCNetSDK(self._library)
            self._sync = sdk
            return sdk.init()

        await self._run(load_and_init)
        return self

    async def close(self) -> None:
        """Close every stream, wait for the calls in flight, then ``cleanup()`` the SDK (logging
        out every device), off the loop. Idempotent; completes even if the awaiting task is
        cancelled."""
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close())
        await asyncio.shield(self._closing)

    async def _close(self) -> None:
        for stream in list(self._streams):
            await stream.aclose()
        runner, sync = self._runner, self._sync

        def shut_down() -> None:
            try:
                if runner is not None:
                    runner.shutdown()
            finally:
                if sync is not None:
                    sync.cleanup()

        await off_loop(shut_down, "hcnetsdk-aio close")

    async def __aenter__(self) -> Self:
        try:
            return await self.init()
        except BaseException:
            await self.close()
            raise

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # --- streams ------------------------------------------------------------------------------
    def _stream(
        self,
        opener: Any,
        *,
        label: str,
        queue_size: int,
        owner: object,
    ) -> AsyncStream[Any]:
        size = positive_int("stream_queue", queue_size, 10_000_000)
        stream: AsyncStream[Any] = AsyncStream(
            self._runner_or_raise(),
            opener,
            label=label,
            queue_size=size,
            on_close=self._forget_stream,
        )
        self._streams[stream] = owner
        return stream

    def _forget_stream(self, stream: AsyncStream[Any]) -> None:
        self._streams.pop(stream, None)

    async def _close_streams(self, owner: object) -> None:
        for stream, stream_owner in list(self._streams.items()):
            if stream_owner is owner:
                await stream.aclose()

    # --- settings -----------------------------------------------------------------------------
    async def get_version(self) -> SDKVersion:
        """:attr:`HCNetSDK.version` (``NET_DVR_GetSDKBuildVersion``) on a worker."""
        sync = self.sync
        version: SDKVersion = await self._run(lambda: sync.version)
        return version

    async def set_connect_timeout(self, seconds: float, attempts: int = 3) -> None:
        """:meth:`HCNetSDK.set_connect_timeout` (``NET_DVR_SetConnectTime``) on a worker."""
        await self._run(self.sync.set_connect_timeout, seconds, attempts)

    async def set_recv_timeout(self, seconds: float) -> None:
        """:meth:`HCNetSDK.set_recv_timeout` (``NET_DVR_SetRecvTimeOut``) on a worker."""
        await self._run(self.sync.set_recv_timeout, seconds)

    async def set_reconnect(self, interval_seconds: float = 30, enabled: bool = True) -> None:
        """:meth:`HCNetSDK.set_reconnect` (``NET_DVR_SetReconnect``) on a worker."""
        await self._run(self.sync.set_reconnect, interval_seconds, enabled)

    async def set_log_to_file(
        self,
        directory: str | os.PathLike[str] | None,
        level: LogLevel | int = LogLevel.ERROR,
        auto_delete: bool = True,
    ) -> None:
        """:meth:`HCNetSDK.set_log_to_file` (``NET_DVR_SetLogToFile``) on a worker."""
        await self._run(self.sync.set_log_to_file, directory, level, auto_delete)

    # --- login and listening ------------------------------------------------------------------
    async def login(
        self,
        host: str,
        port: int = 8000,
        *,
        username: str,
        password: str,
        https: bool = False,
        login_mode: LoginMode | int = LoginMode.PRIVATE,
    ) -> AsyncDevice:
        """:meth:`HCNetSDK.login` (synchronous ``NET_DVR_Login_V40``) on a worker.

        Cancel-safe: a login that completes after its task was cancelled is logged out.
        """
        secret = [password]  # handed to the worker, which takes it out: in no frame after
        del password
        sync = self.sync

        def login() -> Device:
            return sync.login(
                host,
                port,
                username=username,
                password=secret.pop(),
                https=https,
                login_mode=login_mode,
            )

        try:
            device: Device = await self._run(login, undo=lambda opened: opened.logout())
        finally:
            secret.clear()
        return AsyncDevice(self, device)

    def listen(
        self,
        port: int,
        *,
        address: str,
        queue_size: int = DEFAULT_QUEUE_SIZE,
        stream_queue: int = DEFAULT_STREAM_QUEUE,
    ) -> AsyncStream[Event]:
        """:meth:`HCNetSDK.listen` (``NET_DVR_StartListen_V30``) as an async iterator of the
        alarms devices push; opened on first use, like :meth:`AsyncDevice.events`."""
        sync = self.sync
        return self._stream(
            lambda: sync.listen(port, address=address, queue_size=queue_size),
            label=f"listener {address}:{port}",
            queue_size=stream_queue,
            owner=self,
        )
