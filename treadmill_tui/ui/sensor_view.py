"""What the sensors and the link add to the walk screen: pure text, no widgets."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from treadmill_tui.ui.view import WalkView, clock_text

if TYPE_CHECKING:  # the link (and the FTMS codec under it) loads with the walk
    from treadmill_tui.devices.link_watch import LinkState


def header_text(device: str, link: LinkState) -> str:
    """The header's subtitle for a Bluetooth treadmill: its name and the link in words."""
    return f"{device} · {link.words()}"


def with_sensors(
    view: WalkView,
    *,
    footpod_spm: int | None,
    footpod_on: bool,
    heart_bpm: int | None,
    in_step_s: float | None,
) -> WalkView:
    """The footpod's cadence beside the metronome target, time in step, and heart rate."""
    parts = [view.beat_note]
    if footpod_on:
        parts.append(f"your steps: {footpod_spm}/min" if footpod_spm is not None else "footpod: --")
        if in_step_s is not None:
            parts.append(f"in step {clock_text(in_step_s)}")
    if heart_bpm is not None:
        parts.append(f"heart {heart_bpm} bpm")
    if len(parts) == 1:
        return view
    return dataclasses.replace(view, beat_note=" · ".join(parts))
