"""``hcnetsdk download HOST --channel N --from T --to T -o FILE``: download recorded video by
time, with progress on stderr: a bar on a terminal, else one plain line every 10 %.

Ctrl-C cancels the download and removes the partial file (exit 130); a download the SDK ends
abnormally removes it too (exit 1) unless ``--keep-partial``. An existing FILE is replaced only
with ``--overwrite``. Times as for ``hcnetsdk recordings``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from ._common import EXIT_OK, Command, CommandError, add_json_option, add_sdk_options, echo
from .recordings_cmd import add_target_options, with_device

if TYPE_CHECKING:
    from ..device import Device

__all__ = ["COMMAND", "Progress"]

_BAR = 30


class Progress:
    """Shows a download's progress on ``stream``: a redrawn bar on a terminal, else a line at
    each 10 % step (and at 100)."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.terminal = stream.isatty()
        self._last = -1

    def __call__(self, percent: int) -> None:
        if self.terminal:
            filled = _BAR * percent // 100
            bar = "#" * filled + "-" * (_BAR - filled)
            self.stream.write(f"\r{self.label} [{bar}] {percent:3d}%")
            if percent == 100:
                self.stream.write("\n")
            self.stream.flush()
        elif percent // 10 > self._last // 10 or (percent == 100 and self._last != 100):
            self.stream.write(f"{self.label}: {percent}%\n")
            self.stream.flush()
        self._last = percent

    def interrupted(self) -> None:
        if self.terminal and 0 <= self._last < 100:
            self.stream.write("\n")
            self.stream.flush()


def _configure(parser: argparse.ArgumentParser) -> None:
    add_target_options(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing FILE")
    parser.add_argument(
        "--keep-partial", action="store_true", help="keep what was written if it fails"
    )
    add_json_option(parser)
    add_sdk_options(parser, top_level=False)


def _run(args: argparse.Namespace) -> int:
    def work(device: Device, target: dict[str, Any]) -> int:
        progress = None if args.json else Progress(sys.stderr, args.output)
        try:
            download = device.download(
                args.output,
                channel=args.channel,
                start=args.start,
                end=args.end,
                progress=progress,
                keep_partial=args.keep_partial,
                overwrite=args.overwrite,
            )
        except FileExistsError:
            raise CommandError(f"{args.output} exists; use --overwrite to replace it") from None
        except (FileNotFoundError, IsADirectoryError) as exc:
            raise CommandError(str(exc)) from None
        try:
            path = download.wait()
        except KeyboardInterrupt:
            if progress is not None:
                progress.interrupted()
            kept = "kept" if args.keep_partial else "removed"
            print(f"download cancelled; the partial file was {kept}", file=sys.stderr)
            raise
        size = path.stat().st_size
        if args.json:
            echo(json.dumps({**target, "ok": True, "path": str(path), "size": size}))
        else:
            echo(f"wrote {size} bytes to {path}")
        return EXIT_OK

    return with_device(args, "download", work)


COMMAND = Command(
    "download",
    "download recorded video of a channel between two times to a file (-o), with progress",
    _configure,
    _run,
)
