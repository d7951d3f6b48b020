"""SDK area "ptz": moving a camera and its presets (``NET_DVR_PTZControlWithSpeed_Other``,
``NET_DVR_PTZPreset_Other``).

The command values are those of the header's one command table;
``dwPTZCommand`` and ``dwPTZPresetCmd`` share it.
"""

from __future__ import annotations

from collections.abc import Callable

from ._types import BOOL, BOOL_FAILURE, DWORD, LONG, Prototype

__all__ = [
    "CLE_PRESET",
    "GOTO_PRESET",
    "MAX_PRESET",
    "MAX_SPEED",
    "MOVE_COMMANDS",
    "PROTOTYPES",
    "SET_PRESET",
    "PtzFunctions",
]

SET_PRESET = 8
CLE_PRESET = 9
GOTO_PRESET = 39
MAX_PRESET = 300
"""``MAX_PRESET_V30``: preset numbers are 1..300."""
MAX_SPEED = 7
"""``dwSpeed`` of ``NET_DVR_PTZControlWithSpeed_Other`` is 1 (slowest) .. 7 (fastest)."""

MOVE_COMMANDS: dict[tuple[int, int, int], int] = {
    # (pan, tilt, zoom): -1 left / down / out, 1 right / up / in
    (0, 0, 1): 11,  # ZOOM_IN
    (0, 0, -1): 12,  # ZOOM_OUT
    (0, 1, 0): 21,  # TILT_UP
    (0, -1, 0): 22,  # TILT_DOWN
    (-1, 0, 0): 23,  # PAN_LEFT
    (1, 0, 0): 24,  # PAN_RIGHT
    (-1, 1, 0): 25,  # UP_LEFT
    (1, 1, 0): 26,  # UP_RIGHT
    (-1, -1, 0): 27,  # DOWN_LEFT
    (1, -1, 0): 28,  # DOWN_RIGHT
    (0, -1, 1): 58,  # TILT_DOWN_ZOOM_IN
    (0, -1, -1): 59,  # TILT_DOWN_ZOOM_OUT
    (-1, 0, 1): 60,  # PAN_LEFT_ZOOM_IN
    (-1, 0, -1): 61,  # PAN_LEFT_ZOOM_OUT
    (1, 0, 1): 62,  # PAN_RIGHT_ZOOM_IN
    (1, 0, -1): 63,  # PAN_RIGHT_ZOOM_OUT
    (-1, 1, 1): 64,  # UP_LEFT_ZOOM_IN
    (-1, 1, -1): 65,  # UP_LEFT_ZOOM_OUT
    (1, 1, 1): 66,  # UP_RIGHT_ZOOM_IN
    (1, 1, -1): 67,  # UP_RIGHT_ZOOM_OUT
    (-1, -1, 1): 68,  # DOWN_LEFT_ZOOM_IN
    (-1, -1, -1): 69,  # DOWN_LEFT_ZOOM_OUT
    (1, -1, 1): 70,  # DOWN_RIGHT_ZOOM_IN
    (1, -1, -1): 71,  # DOWN_RIGHT_ZOOM_OUT
    (0, 1, 1): 72,  # TILT_UP_ZOOM_IN
    (0, 1, -1): 73,  # TILT_UP_ZOOM_OUT
}
"""The ``dwPTZCommand`` of each direction (the header's names in the comments)."""


class PtzFunctions:
    """The typed attributes :class:`~hcnetsdk._native.NativeSDK` gets from this area."""

    NET_DVR_PTZControlWithSpeed_Other: Callable[[int, int, int, int, int], int]
    NET_DVR_PTZPreset_Other: Callable[[int, int, int, int], int]


PROTOTYPES: tuple[Prototype, ...] = (
    # BOOL NET_DVR_PTZControlWithSpeed_Other(LONG lUserID, LONG lChannel, DWORD dwPTZCommand,
    #                                        DWORD dwStop, DWORD dwSpeed);
    Prototype(
        "NET_DVR_PTZControlWithSpeed_Other",
        BOOL,
        (LONG, LONG, DWORD, DWORD, DWORD),
        BOOL_FAILURE,
        False,
    ),
    # BOOL NET_DVR_PTZPreset_Other(LONG lUserID, LONG lChannel, DWORD dwPTZPresetCmd,
    #                              DWORD dwPresetIndex);
    Prototype("NET_DVR_PTZPreset_Other", BOOL, (LONG, LONG, DWORD, DWORD), BOOL_FAILURE, False),
)
