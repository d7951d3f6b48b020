"""hcnetsdk.aio's transfer helper (for downloads): progress, cancellation, failures.

A stand-in transfer (a file written by a thread) replaces the download feature, which is not
merged yet; the helper only needs ``progress``, ``wait(timeout)`` and ``close()``."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from hcnetsdk.aio._runner import Runner
from hcnetsdk.aio._transfer import run_transfer


class FileTransfer:
    def __init__(self, path: Path, steps: int, fail_at: int | None = None) -> None:
        self.path = path
        self.steps = steps
        self.done_steps = 0
        self.closed = 0
        self._stop = threading.Event()
        self._finished = threading.Event()
        self._error: BaseException | None = None
        self._fail_at = fail_at
        path.write_bytes(b"")
        self._thread = threading.Thread(target=self._write)
        self._thread.start()

    def _write(self) -> None:
        try:
            for step in range(self.steps):
                if self._stop.wait(0.01):
                    return
                if step == self._fail_at:
                    raise OSError("the device went away")
                with self.path.open("ab") as file:
                    file.write(b"x")
                self.done_steps += 1
        except OSError as exc:
            self._error = exc
        finally:
            self._finished.set()

    @property
    def progress(self) -> float:
        return self.done_steps / self.steps

    def wait(self, timeout: float) -> bool:
        if not self._finished.wait(timeout):
            return False
        if self._error is not None:
            raise self._error
        return True

    def close(self) -> None:
        self.closed += 1
        self._stop.set()
        self._thread.join()


def remove(transfer: FileTransfer) -> None:
    if transfer.done_steps < transfer.steps:
        transfer.path.unlink()


def test_progress_then_the_finished_transfer(tmp_path: Path) -> None:
    seen: list[float] = []

    async def main() -> FileTransfer:
        runner = Runner(4)
        try:
            return await run_transfer(
                runner,
                lambda: FileTransfer(tmp_path / "a.mp4", 20),
                on_progress=seen.append,
                discard=remove,
                # The transfer takes at least 20 x 10 ms; waits of a tenth of that cannot all
                # miss it (the default 0.2 s wait could see it finish in the first one).
                interval=0.02,
            )
        finally:
            runner.shutdown()

    transfer = asyncio.run(main())
    assert transfer.path.read_bytes() == b"x" * 20
    assert seen[-1] == 1.0
    assert len(seen) >= 2
    assert seen == sorted(seen)


@pytest.mark.parametrize("when", [0.0, 0.03, 0.08])
def test_a_cancelled_transfer_is_stopped_and_its_file_removed(tmp_path: Path, when: float) -> None:
    """Stopped and removed by the time the cancelled task ends: cancelled during its start
    (when=0: the start is running, it cannot be interrupted) or while it runs."""
    made: list[FileTransfer] = []
    entered = threading.Event()

    def start() -> FileTransfer:
        entered.set()
        time.sleep(0.02)
        made.append(FileTransfer(tmp_path / "b.mp4", 1000))
        return made[-1]

    async def main() -> None:
        runner = Runner(4)
        task = asyncio.ensure_future(run_transfer(runner, start, discard=remove))
        await _set(entered)
        await asyncio.sleep(when)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert [t.closed for t in made] == [1]  # before the runner's shutdown waits for anything
        assert not (tmp_path / "b.mp4").exists()
        await asyncio.get_running_loop().run_in_executor(None, runner.shutdown)

    asyncio.run(main())
    assert [t.closed for t in made] == [1]


async def _set(event: threading.Event) -> None:
    while not event.is_set():
        await asyncio.sleep(0.001)


class GatedCall:
    """A call that runs until its gate opens; ``entered`` once it runs."""

    def __init__(self) -> None:
        self.entered, self.gate = threading.Event(), threading.Event()

    def __call__(self) -> str:
        self.entered.set()
        self.gate.wait(10)
        return "opened"


@pytest.mark.parametrize("wait_undo", [True, False])
def test_a_running_call_cancelled_is_undone_before_or_after_the_cancel(wait_undo: bool) -> None:
    """``wait_undo``: the cancelled task ends once the call returned and was undone; without
    it, at once, and the worker undoes the result later."""
    call = GatedCall()
    undone: list[str] = []

    async def main() -> None:
        runner = Runner(2)
        task = asyncio.ensure_future(runner.run(call, undo=undone.append, wait_undo=wait_undo))
        await _set(call.entered)
        task.cancel()
        await asyncio.sleep(0.05)
        assert task.done() is not wait_undo
        call.gate.set()
        with pytest.raises(asyncio.CancelledError):
            await task
        if wait_undo:
            assert undone == ["opened"]
        await asyncio.get_running_loop().run_in_executor(None, runner.shutdown)
        assert undone == ["opened"]

    asyncio.run(main())


def test_a_second_cancel_stops_waiting_for_the_undo() -> None:
    call = GatedCall()
    undone: list[str] = []

    async def main() -> None:
        runner = Runner(2)
        task = asyncio.ensure_future(runner.run(call, undo=undone.append, wait_undo=True))
        await _set(call.entered)
        task.cancel()
        await asyncio.sleep(0.02)
        assert not task.done()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert undone == []  # the call is still running: it is undone when it returns
        call.gate.set()
        await asyncio.get_running_loop().run_in_executor(None, runner.shutdown)
        assert undone == ["opened"]

    asyncio.run(main())


def test_a_failing_transfer_is_stopped_and_raises(tmp_path: Path) -> None:
    async def main() -> None:
        runner = Runner(2)
        try:
            with pytest.raises(OSError, match="went away"):
                await run_transfer(
                    runner, lambda: FileTransfer(tmp_path / "c.mp4", 50, fail_at=5), discard=remove
                )
        finally:
            runner.shutdown()

    asyncio.run(main())
    assert not (tmp_path / "c.mp4").exists()
