"""How ``Download`` reads ``NET_DVR_GetDownloadPos`` values the simulator does not produce: a
negative value without an error code, values above 100 other than 200. A stub session is the seam.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk.errors import HCNetSDKError
from hcnetsdk.playback import Download


class _Native:
    def __init__(self, positions: list[int]) -> None:
        self.positions = positions
        self.stops = 0

    def NET_DVR_GetDownloadPos(self, handle: int) -> int:
        value = self.positions.pop(0)
        if value == -1:  # what the errcheck raises when the last error reads 0
            raise HCNetSDKError(0, "NET_DVR_GetDownloadPos")
        return value

    def NET_DVR_StopGetFile(self, handle: int) -> int:
        self.stops += 1
        return 1


class _Session:
    def __init__(self, native: _Native) -> None:
        self.native = native
        self.removed: list[object] = []

    def remove_resource(self, resource: object) -> None:
        self.removed.append(resource)


def _download(tmp_path: Path, positions: list[int]) -> tuple[Download, _Native, Path]:
    native = _Native(positions)
    target = tmp_path / "f.mp4"
    target.write_bytes(b"partial")
    download = Download(_Session(native), target, "test")  # type: ignore[arg-type]
    download._started(7)
    return download, native, target


@pytest.mark.parametrize("end", [101, 200, 255])
def test_any_value_above_100_is_the_abnormal_end(tmp_path: Path, end: int) -> None:
    download, native, target = _download(tmp_path, [10, 50, end])
    with pytest.raises(hcnetsdk.DownloadAbortedError) as info:
        download.wait()
    assert info.value.position == end
    assert native.stops == 1
    assert not target.exists()


def test_a_negative_position_without_a_code(tmp_path: Path) -> None:
    download, native, target = _download(tmp_path, [5, -1])
    with pytest.raises(hcnetsdk.DownloadAbortedError, match="failed with no error code"):
        download.wait()
    assert native.stops == 1
    assert not target.exists()


def test_100_is_done_and_keeps_the_file(tmp_path: Path) -> None:
    seen: list[int] = []
    download, native, target = _download(tmp_path, [0, 0, 40, 100])
    download._on_progress = seen.append
    assert download.wait() == target
    assert seen == [0, 40, 100]
    assert native.stops == 1
    assert target.exists()


@pytest.mark.parametrize("timeout", [-1, "1", True])
def test_bad_timeouts(tmp_path: Path, timeout: object) -> None:
    download, _, _ = _download(tmp_path, [])
    with pytest.raises(ValueError, match="timeout must be"):
        download.wait(timeout)  # type: ignore[arg-type]
