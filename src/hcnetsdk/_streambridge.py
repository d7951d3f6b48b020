"""The bridge for live stream data: one C callback for the life of the process, routed by token.

Walkthrough of one packet, from the SDK's receive thread to the user:

1. **One callback object.** :data:`STREAM_CALLBACK` (a ``REALDATACALLBACK``) is made when this
   module is imported and kept for the life of the process: a ctypes callback collected while C
   may still call it is a crash. Every ``NET_DVR_RealPlay_V40`` gets this same pointer.
2. **Routing by token, registered first.** The SDK may call back (the system header) *before*
   ``NET_DVR_RealPlay_V40`` returns the handle, so the handle cannot be the key: a small integer
   token is registered in the route table with its queue (:func:`register`) before the call, and
   travels as ``pUser``; the trampoline finds the queue with one dict lookup. A packet with no
   route (its stream already closed) is counted in :data:`STATS` and dropped.
3. **Copy, then return.** The SDK's thread keeps its Python thread state
   (:func:`hcnetsdk._threadstate.pin`, as in :mod:`._callbacks`). The trampoline copies
   ``pBuffer`` with its length (``(c_char * dwBufSize).from_address(pBuffer).raw``, what
   ``ctypes.string_at`` does at less cost; never ``c_char_p``, which stops at the first NUL)
   and puts ``(dwDataType, bytes)`` into the stream's bounded queue without blocking: when the
   queue is full, the *oldest* packet is dropped and counted (live video wants the newest).
   That is all it does: a dict lookup, a copy and a put, so that the SDK's thread is not held
   up.
4. **Delivery where the user is.** Packets are read on the user's thread (iteration, ``get``,
   ``write_to``); user code never runs on the SDK's thread.
5. **Exceptions.** Nothing raised in the trampoline reaches C: it is caught (``BaseException``),
   stored in the stream's queue and raised from the consumer's next ``get``.
6. **Closing, in this order:** ``NET_DVR_StopRealPlay`` (no lock of ours held: the trampoline
   takes the queue's lock), then :func:`unregister`, then the queue is closed (what is queued is
   dropped; a trampoline still running finds the queue closed and delivers nothing). At
   interpreter exit every stream is closed by its SDK object's exit cleanup; a trampoline entered
   after that returns at once.
"""

from __future__ import annotations

import ctypes
import itertools
import sys
import threading

from . import _process
from ._native.stream import fRealDataCallBack
from ._queues import EventQueue
from ._threadstate import pin

__all__ = [
    "MAX_PACKET",
    "ROUTES",
    "STATS",
    "STREAM_CALLBACK",
    "PacketQueue",
    "RawPacket",
    "register",
    "unregister",
]

RawPacket = tuple[int, bytes]
"""``(dwDataType, the bytes)``, as copied on the SDK's thread."""
PacketQueue = EventQueue[RawPacket]
"""The queue of one live stream (made with ``drop_oldest=True``)."""

MAX_PACKET = 64 * 1024 * 1024
"""A ``dwBufSize`` beyond this is not trusted: the copy is refused (and reported)."""

ROUTES: dict[int, PacketQueue] = {}
"""token -> the queue of one stream. Read by the trampoline without a lock (a dict lookup is
atomic); changed under :data:`_lock`, which is never held across an SDK call."""
_CHAR = ctypes.c_char
_lock = threading.Lock()
_tokens = itertools.count(1)


class _Stats:
    __slots__ = ("errors", "unrouted")

    def __init__(self) -> None:
        self.unrouted = 0
        """Packets for a token with no route (the stream was closed meanwhile): dropped."""
        self.errors = 0
        """Trampoline failures that could not be routed to a consumer."""


STATS = _Stats()
_exiting = False


def register(queue: PacketQueue) -> int:
    """A new token routed to ``queue``: call before ``NET_DVR_RealPlay_V40``."""
    with _lock:
        token = next(_tokens)
        ROUTES[token] = queue
        return token


def unregister(token: int) -> None:
    """Remove a route: after ``NET_DVR_StopRealPlay`` (or after RealPlay failed)."""
    with _lock:
        ROUTES.pop(token, None)


def _on_data(handle: int, data_type: int, buffer: int | None, size: int, user: int | None) -> None:
    queue = None
    try:
        queue = ROUTES.get(user)  # type: ignore[arg-type]  # None finds nothing
        if queue is None or _exiting:
            STATS.unrouted += 1
            return
        pin()  # the SDK's thread keeps its Python thread state (see _threadstate)
        if size > MAX_PACKET:
            raise ValueError(f"the SDK passed a stream buffer of {size} bytes (over {MAX_PACKET})")
        data = (_CHAR * size).from_address(buffer).raw if buffer and size > 0 else b""
        queue.put((data_type, data))
    except BaseException as exc:  # nothing may reach C
        try:
            if queue is not None:
                queue.fail(exc)
            else:
                STATS.errors += 1
        except BaseException:  # pragma: no cover - last resort on an SDK thread
            sys.stderr.write("hcnetsdk: a stream callback failed\n")


STREAM_CALLBACK = fRealDataCallBack(_on_data)
"""The one stream data callback of the process (kept alive for its life)."""


def exiting() -> None:
    """From the exit cleanup: trampolines entered from now on return at once."""
    global _exiting  # noqa: PLW0603  (one flag, set once)
    _exiting = True


_process._exit_hooks.append(exiting)
