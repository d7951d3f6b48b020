"""Awaiting a long transfer (a download) with progress, cancel-safe.

A synchronous transfer object is started on a worker; then the loop awaits its end in short
waits on a worker (``transfer.wait(interval)``), reporting ``transfer.progress`` to
``on_progress`` (called on the loop) between them. When the awaiting task is cancelled, or
``on_progress`` or the transfer fails, the transfer is stopped (``close()``) and ``discard``
runs (e.g. removing the unfinished file), on a worker and shielded from a second cancel; a
transfer whose start completes after its task was cancelled is stopped and discarded the same
way. Either way the task's ``CancelledError`` comes after that (a second cancel stops the
wait): when a cancelled download's task has ended, its file is gone and the SDK's transfer
stopped. The SDK's own call in progress is not interrupted: stopping takes effect at the next
wait.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Protocol, TypeVar

from ._runner import Runner

__all__ = ["Transfer", "run_transfer"]


class Transfer(Protocol):
    """What :func:`run_transfer` drives: a started transfer."""

    @property
    def progress(self) -> float:
        """Done so far, 0.0 to 1.0."""

    def wait(self, timeout: float) -> bool:
        """True once finished (raising its failure), False after ``timeout`` seconds."""

    def close(self) -> None:
        """Stop it (idempotent)."""


TransferT = TypeVar("TransferT", bound=Transfer)


async def run_transfer(
    runner: Runner,
    start: Callable[[], TransferT],
    *,
    on_progress: Callable[[float], object] | None = None,
    discard: Callable[[TransferT], object] | None = None,
    interval: float = 0.2,
) -> TransferT:
    """Start a transfer on a worker and await its end; see the module documentation."""

    def stop(transfer: TransferT) -> None:
        try:
            transfer.close()
        finally:
            if discard is not None:
                discard(transfer)

    transfer = await runner.run(start, undo=stop, wait_undo=True)
    try:
        while not await runner.run(transfer.wait, interval):
            if on_progress is not None:
                on_progress(transfer.progress)
        if on_progress is not None:
            on_progress(1.0)
    except BaseException:
        await asyncio.shield(asyncio.ensure_future(runner.run(stop, transfer)))
        raise
    return transfer
