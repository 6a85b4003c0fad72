"""How small a terminal the dashboard lays out in full; below it, the essentials only.

Five big numbers and the programme chart need room. In a small window (a phone over SSH, a
split pane) they are hidden, so the lines that matter for safety stay visible: where the walk
is, the status line, the last message and the safety-key text (docs/safety.md).
"""

from __future__ import annotations

SMALL_WIDTH = 60  # below this the big-number boxes have no room for their labels
SMALL_HEIGHT = 20  # below this the chart and the numbers would push the status off screen


def is_small(width: int, height: int) -> bool:
    return width < SMALL_WIDTH or height < SMALL_HEIGHT
