"""A child process for the crash and two-writer tests: one simulated walk recorded into a store.

``python -m tests.history.child_walk STORE [HANG_AT_S]``: records the bundled first-week walk.
With ``HANG_AT_S`` it prints ``at T`` (T = the session time of the newest sample handed to the
recorder) once T >= HANG_AT_S and then hangs, holding the walk open, until it is killed. Without
it, it prints the walk id and the summary as JSON and exits.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from treadmill_tui.history.recorder import WalkRecorder
from treadmill_tui.history.recording import walk_meta
from treadmill_tui.history.store import Sample, Store
from treadmill_tui.session.simulate import simulate

from .helpers import timeline


class HangingRecorder(WalkRecorder):
    hang_at: float | None = None

    def on_sample(self, sample: Sample) -> None:
        super().on_sample(sample)
        if self.hang_at is not None and sample.t >= self.hang_at:
            # In virtual time the walk outruns the writer thread by far; in a real walk two
            # seconds pass between commits. Let the writer catch up, as it would in real time.
            if self._pending is not None:
                self._pending.result()
            print(f"at {sample.t}", flush=True)
            time.sleep(600)  # blocks the (virtual-time) loop: the walk is frozen mid-way


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    tl = timeline()
    meta = walk_meta(tl, None, simulated=True, device="sim")
    recorder = HangingRecorder(lambda: Store.open(path), meta)
    if len(argv) > 1:
        recorder.hang_at = float(argv[1])
    result = simulate(tl, observer=recorder)
    print(json.dumps({"id": recorder.walk_id, "summary": result.summary}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
