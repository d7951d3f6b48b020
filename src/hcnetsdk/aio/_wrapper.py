"""The base of the async wrappers of synchronous objects (a device, a feature sub-object)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._transfer import TransferT, run_transfer

if TYPE_CHECKING:
    from . import AsyncHCNetSDK

__all__ = ["_Wrapper"]


class _Wrapper:
    """Base of the async wrappers of a synchronous object (a device, a feature sub-object):
    ``_run(fn, ...)`` runs a blocking method on the SDK's workers."""

    __slots__ = ("_aio",)

    def __init__(self, aio: AsyncHCNetSDK) -> None:
        self._aio = aio

    async def _run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        return await self._aio._runner_or_raise().run(fn, *args, **kwargs)

    async def _transfer(
        self,
        start: Callable[[], TransferT],
        *,
        on_progress: Callable[[float], object] | None = None,
        discard: Callable[[TransferT], object] | None = None,
    ) -> TransferT:
        """A download and the like: see :func:`._transfer.run_transfer`."""
        runner = self._aio._runner_or_raise()
        return await run_transfer(runner, start, on_progress=on_progress, discard=discard)
