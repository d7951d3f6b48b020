"""The bridge from the SDK's threads to Python: one trampoline per callback type, routing, copies.

Walkthrough of one alarm, from the device to the user:

1. **Registration, once.** This module makes one ctypes callback object per SDK callback type
   (:data:`MESSAGE_CALLBACK`, :data:`EXCEPTION_CALLBACK`) when it is imported, and keeps them for
   the life of the process: a callback object collected while C may still call it is a crash.
   :func:`install` hands them to a library after its ``NET_DVR_Init`` (the message callback
   with ``NET_DVR_SetDVRMessageCallBack_V50`` index 0, the exception callback with
   ``NET_DVR_SetExceptionCallBack_V30``), each with the library's token as ``pUser``. A listener
   passes the same message callback to ``NET_DVR_StartListen_V30`` with its own token.
2. **Routing by token.** ``pUser`` is a small integer token, registered in :data:`ROUTES`
   *before* the SDK call that can make the SDK call back (an SDK thread may call back before that
   call returns). A library token routes by the message's user id (``NET_DVR_ALARMER.lUserID``)
   to the queues of that device's subscriptions; a listener token routes to the listener's queue.
   A message nobody subscribed to is counted (:data:`STATS`) and dropped.
3. **Copy, then return.** First the SDK's thread keeps its Python thread state
   (:func:`hcnetsdk._threadstate.pin`: creating one per call was most of a callback's cost).
   Then the trampoline copies everything the message points to, each with its length
   (``(c_char * length).from_address(pointer).raw``, what ``ctypes.string_at`` does at a
   third of its cost; never ``c_char_p``, which stops at the first NUL):
   the sender (``NET_DVR_ALARMER``), the payload, and the buffers the payload points to (an
   ISAPI body and its pictures, the channel list of a V40 alarm). No structure view survives
   the callback. The copy goes into each target queue without blocking; a full queue drops the
   newest item and counts it. Then the trampoline returns to C.
4. **Delivery where the user is.** Events are decoded and handed to user code on the user's
   thread (``get()``, iteration) or on a thread hcnetsdk owns (``on_event``); user code never runs
   on an SDK thread.
5. **Exceptions.** Nothing raised in a trampoline reaches C: it is caught (``BaseException``),
   stored in the target queues and raised from the consumer's next ``get``; one that cannot be
   routed is logged. An exception raised by ``on_event`` stops its subscription and is re-raised
   from the next ``get``, iteration or ``close``.
6. **Closing, in this order:** stop the SDK's delivery (``NET_DVR_CloseAlarmChan_V30``,
   ``NET_DVR_StopListen_V30``), remove the route, close the queue (what is queued is dropped; a
   trampoline still running finds the queue closed and delivers nothing). No lock that a
   trampoline takes is held across a Stop/Close call. At interpreter exit every subscription and
   listener is closed by the exit cleanup of their SDK object (``hcnetsdk._process``), before the
   interpreter finalises; a trampoline entered after that point returns at once.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import struct
import sys
import threading
import time
from typing import NamedTuple, Union

from . import _native, _process
from ._native.events import (
    COMM_ALARM_V40,
    COMM_ISAPI_ALARM,
    NET_DVR_ALARM_ISAPI_INFO,
    NET_DVR_ALARM_ISAPI_PICDATA,
    NET_DVR_ALARMER,
    NET_DVR_ALARMINFO_V40,
    fExceptionCallBack,
    fMessageCallBack,
)
from ._queues import EventQueue
from ._threadstate import pin

__all__ = [
    "EXCEPTION_CALLBACK",
    "MESSAGE_CALLBACK",
    "ROUTES",
    "STATS",
    "RawException",
    "RawMessage",
    "RawQueue",
    "Routes",
    "exiting",
    "install",
]

logger = logging.getLogger("hcnetsdk")

_ALARMER_SIZE = ctypes.sizeof(NET_DVR_ALARMER)
_ISAPI_SIZE = ctypes.sizeof(NET_DVR_ALARM_ISAPI_INFO)
_PICDATA_SIZE = ctypes.sizeof(NET_DVR_ALARM_ISAPI_PICDATA)
_V40_SIZE = ctypes.sizeof(NET_DVR_ALARMINFO_V40)
_MAX_COPY = 64 * 1024 * 1024  # a length beyond this is not trusted: the copy is refused
_MAX_DWORDS = 4096  # channel, output and disk lists of a V40 alarm
_V40_IO, _V40_DISK_TYPES = 0, (1, 4, 5)


class RawMessage(NamedTuple):
    """One message callback, copied: everything the user's thread needs to decode it."""

    command: int
    alarmer: bytes
    """``NET_DVR_ALARMER`` (372 bytes), or b"" when the SDK passed none."""
    payload: bytes
    """``pAlarmInfo[:dwBufLen]``."""
    data: bytes
    """What the payload points to: the ISAPI body, or a V40 alarm's DWORD list."""
    pictures: tuple[tuple[bytes, int, bytes], ...]
    """ISAPI pictures: (file name field, picture type, bytes)."""
    received: float
    """``time.time()`` when the SDK's thread called back."""


class RawException(NamedTuple):
    """One exception callback (``NET_DVR_SetExceptionCallBack_V30``), copied."""

    type: int
    user_id: int
    handle: int
    received: float


_new_tuple = tuple.__new__

Raw = Union[RawMessage, RawException]
RawQueue = EventQueue[Raw]
"""The queue of one subscription or listener."""


class Routes:
    """Token -> target. A library token maps user ids to queues; a listener token to a queue.

    Read by the trampolines without a lock (each value is an immutable tuple, replaced whole);
    changed under :attr:`lock`, which is never held across an SDK call.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._tokens = itertools.count(1)
        self.by_user: dict[int, dict[int, tuple[RawQueue, ...]]] = {}
        """library token -> user id -> queues."""
        self.listeners: dict[int, RawQueue] = {}
        """listener token -> queue."""
        self.library_tokens: dict[int, int] = {}
        """library key -> library token."""

    def library_token(self, key: int) -> int:
        with self.lock:
            token = self.library_tokens.get(key)
            if token is None:
                token = next(self._tokens)
                self.library_tokens[key] = token
                self.by_user[token] = {}
            return token

    def add_user_queue(self, library: int, user_id: int, queue: RawQueue) -> None:
        with self.lock:
            users = self.by_user[library]
            users[user_id] = (*users.get(user_id, ()), queue)

    def remove_user_queue(self, library: int, user_id: int, queue: RawQueue) -> None:
        with self.lock:
            users = self.by_user.get(library, {})
            rest = tuple(q for q in users.get(user_id, ()) if q is not queue)
            if rest:
                users[user_id] = rest
            else:
                users.pop(user_id, None)

    def add_listener(self, queue: RawQueue) -> int:
        with self.lock:
            token = next(self._tokens)
            self.listeners[token] = queue
            return token

    def remove_listener(self, token: int) -> None:
        with self.lock:
            self.listeners.pop(token, None)


ROUTES = Routes()


class _Stats:
    __slots__ = ("errors", "unrouted")

    def __init__(self) -> None:
        self.unrouted = 0
        """Messages for a user id or token with no subscription (dropped)."""
        self.errors = 0
        """Trampoline failures that could not be routed to a consumer (logged)."""


STATS = _Stats()
_exiting = False


_CHAR = ctypes.c_char
_alarmer_at = (ctypes.c_char * _ALARMER_SIZE).from_address
_USER_ID = NET_DVR_ALARMER.lUserID.offset
_unpack_user_id = struct.Struct("<i").unpack_from


def _targets(user: int | None, alarmer: bytes) -> tuple[RawQueue, ...]:
    """The queues for a message: a listener's by its token, else by the user id of the copied
    sender (``lUserID`` when ``byUserIDValid``)."""
    token = user or 0
    listener = ROUTES.listeners.get(token)
    if listener is not None:
        return (listener,)
    users = ROUTES.by_user.get(token)
    if users is None or not alarmer or not alarmer[0]:
        return ()
    return users.get(_unpack_user_id(alarmer, _USER_ID)[0], ())


def _copy(pointer: int | None, length: int) -> bytes:
    if not pointer or length <= 0:
        return b""
    if length > _MAX_COPY:
        raise ValueError(f"the SDK passed a buffer of {length} bytes (over {_MAX_COPY})")
    return (_CHAR * length).from_address(pointer).raw  # the bytes, copied, NULs included


def _v40_data(payload: bytes) -> bytes:
    """The DWORD list a ``NET_DVR_ALARMINFO_V40`` points to, copied."""
    if len(payload) < _V40_SIZE:
        return b""
    info = NET_DVR_ALARMINFO_V40.from_buffer_copy(payload)
    header = info.struAlarmFixedHeader
    union = header.uStruAlarm
    if header.dwAlarmType == _V40_IO:
        count = union.struIOAlarm.dwTrigerAlarmOutNum + union.struIOAlarm.dwTrigerRecordChanNum
    elif header.dwAlarmType in _V40_DISK_TYPES:
        count = union.struAlarmHardDisk.dwAlarmHardDiskNum
    else:
        count = union.struAlarmChannel.dwAlarmChanNum
    return _copy(info.pAlarmData, 4 * min(int(count), _MAX_DWORDS))


def _isapi_parts(payload: bytes) -> tuple[bytes, tuple[tuple[bytes, int, bytes], ...]]:
    """The body and pictures a ``NET_DVR_ALARM_ISAPI_INFO`` points to, copied."""
    if len(payload) < _ISAPI_SIZE:
        return b"", ()
    info = NET_DVR_ALARM_ISAPI_INFO.from_buffer_copy(payload)
    body = _copy(info.pAlarmData, int(info.dwAlarmDataLen))
    pictures = []
    if info.pPicPackData:
        table = _copy(info.pPicPackData, _PICDATA_SIZE * int(info.byPicturesNumber))
        for index in range(int(info.byPicturesNumber)):
            pic = NET_DVR_ALARM_ISAPI_PICDATA.from_buffer_copy(table, index * _PICDATA_SIZE)
            data = _copy(pic.pPicData, int(pic.dwPicLen))
            pictures.append((bytes(pic.szFilename), int(pic.byPicType), data))
    return body, tuple(pictures)


def _on_message(
    command: int, alarmer: int | None, info: int | None, length: int, user: int | None
) -> None:
    targets: tuple[RawQueue, ...] = ()
    try:
        if _exiting:
            return
        pin()
        sender = _alarmer_at(alarmer).raw if alarmer else b""  # a copy of the sender
        targets = _targets(user, sender)
        if not targets:
            STATS.unrouted += 1
            return
        payload = _copy(info, int(length))
        data: bytes = b""
        pictures: tuple[tuple[bytes, int, bytes], ...] = ()
        if command == COMM_ISAPI_ALARM:
            data, pictures = _isapi_parts(payload)
        elif command == COMM_ALARM_V40:
            data = _v40_data(payload)
        # tuple.__new__ directly: the NamedTuple's own __new__ is a Python-level call
        raw = _new_tuple(RawMessage, (int(command), sender, payload, data, pictures, time.time()))
        for queue in targets:
            queue.put(raw)
    except BaseException as exc:  # nothing may reach C
        _report(exc, targets)


def _on_exception(kind: int, user_id: int, handle: int, user: int | None) -> None:
    targets: tuple[RawQueue, ...] = ()
    try:
        if _exiting:
            return
        pin()
        users = ROUTES.by_user.get(user or 0)
        targets = users.get(int(user_id), ()) if users is not None else ()
        if not targets:
            STATS.unrouted += 1
            return
        raw = RawException(int(kind), int(user_id), int(handle), time.time())
        for queue in targets:
            queue.put(raw)
    except BaseException as exc:  # nothing may reach C
        _report(exc, targets)


def _report(exc: BaseException, targets: tuple[RawQueue, ...]) -> None:
    try:
        if targets:
            for queue in targets:
                queue.fail(exc)
        else:
            STATS.errors += 1
            logger.error("an SDK callback failed before it could be routed: %r", exc)
    except BaseException:  # pragma: no cover - last resort on an SDK thread
        sys.stderr.write("hcnetsdk: an SDK callback failed\n")


MESSAGE_CALLBACK = fMessageCallBack(_on_message)
"""The one message callback of the process (kept alive for its life)."""
EXCEPTION_CALLBACK = fExceptionCallBack(_on_exception)
"""The one exception callback of the process (kept alive for its life)."""


def install(native: _native.NativeSDK) -> int | None:
    """After ``NET_DVR_Init``: register the callbacks with this library; its token, or None when
    the library lacks the functions (then events are not available)."""
    if not native.has("NET_DVR_SetDVRMessageCallBack_V50"):
        return None
    token = ROUTES.library_token(_native.library_key(native.lib))
    native.NET_DVR_SetDVRMessageCallBack_V50(0, MESSAGE_CALLBACK, token)
    if native.has("NET_DVR_SetExceptionCallBack_V30"):
        native.NET_DVR_SetExceptionCallBack_V30(0, None, EXCEPTION_CALLBACK, token)
    return token


def exiting() -> None:
    """From the exit cleanup: trampolines entered from now on return at once."""
    global _exiting  # noqa: PLW0603  (one flag, set once)
    _exiting = True


_process._exit_hooks.append(exiting)
