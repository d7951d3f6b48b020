"""How often the stress loops repeat: in full natively, a fraction under emulation.

``HCNETSDK_TEST_REPEAT_SCALE`` (default 1) multiplies the repetition counts of the stress tests:
closing during a burst, processes exiting with open subscriptions and streams, random
cancellations. ``tools/arm64-suite.sh`` sets 0.2 for the aarch64 run under qemu-user, where each
repetition costs ten to fifty times as much (a subprocess is an emulated interpreter starting);
the x86_64 runs of CI repeat them in full, the counts the issues ask for.
"""

from __future__ import annotations

import os

SCALE = float(os.environ.get("HCNETSDK_TEST_REPEAT_SCALE", "1") or "1")
if not 0 < SCALE <= 1:
    raise ValueError(f"HCNETSDK_TEST_REPEAT_SCALE must be in (0, 1], not {SCALE}")


def repeats(count: int) -> int:
    """``count`` scaled, at least 1."""
    return max(1, round(count * SCALE))
