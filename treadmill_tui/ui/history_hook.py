"""The dashboard's link to the walk history: records each walk through the history recorder,
shows the summary after it, the morning question on start, and the history screen. Kept out of
``app.py`` so the app only calls a few methods; a store that cannot be used is said once and the
walk goes on (docs/history.md)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treadmill_tui.devices.opening import SIMULATOR
from treadmill_tui.history.errors import StoreError
from treadmill_tui.history.journal import (
    describe,
    next_proposal,
    pending_checkin,
    proposal_text,
    record_checkin,
)
from treadmill_tui.history.paths import store_path
from treadmill_tui.history.progression import Rule
from treadmill_tui.history.report import local, show_lines
from treadmill_tui.history.store import Store, utc_now
from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.session.timeline import TimelineLike

if TYPE_CHECKING:  # the recorder and these screens load when first needed (bench: launch)
    from treadmill_tui.history.recorder import Publisher, Readings, WalkRecorder
    from treadmill_tui.ui.screens.checkin import CheckinScreen
    from treadmill_tui.ui.screens.history import HistoryScreen, WalkDetail
    from treadmill_tui.ui.screens.summary import SummaryScreen

PROPOSED_WALK_FILE = "todays-proposed-walk.toml"  # rewritten at each start, beside the store
TREND_WALKS = 60  # cadence is read per walk: the recent ones are enough for a trend
CHART_POINTS = 600  # enough for any terminal width; longer walks are thinned


def thin(values: Sequence[float], most: int = CHART_POINTS) -> tuple[float, ...]:
    step = max(1, len(values) // most)
    return tuple(values[::step])


@dataclass(frozen=True, slots=True)
class TodaysWalk:
    """What the history proposes today: the sentence to show, and the walk as profile text
    (None before any walk or while a STOP locks progression); ``reason``: the sentence's
    one-sentence why on its own (the home screen shows it under the walk's totals)."""

    suggestion: str | None
    profile_text: str | None
    reason: str | None = None


class DashboardHistory:
    def __init__(
        self,
        data_dir: str | None = None,
        *,
        simulated: bool = True,
        notify: Callable[[str], None] = lambda text: None,
        tz: tzinfo | None = None,
        unit: SpeedUnit = KMH,
    ) -> None:
        """``unit``: the walker's display unit for distances and speeds (the store keeps km/h)."""
        self.path = store_path(data_dir)
        self.unit = unit
        self.simulated = simulated
        self._notify = notify
        self.tz = tz
        self.recorder: WalkRecorder | None = None

    def _open(self) -> Store | None:
        try:
            return Store.open(self.path)
        except StoreError as err:
            self._notify(str(err))
            return None

    # -- recording -------------------------------------------------------------------------

    def start(
        self,
        timeline: TimelineLike,
        runner: Publisher,
        *,
        device: str = SIMULATOR,
        device_name: str | None = None,
        readings: Readings | None = None,
    ) -> None:
        """Record the walk about to run on ``device`` (the simulator, or a treadmill's
        address); a simulator walk is marked simulated."""
        from treadmill_tui.history.recorder import WalkRecorder
        from treadmill_tui.history.recording import SIMULATED_DEVICE, walk_meta

        self.simulated = device == SIMULATOR
        name = SIMULATED_DEVICE if self.simulated else (device_name or device)
        meta = walk_meta(timeline, None, simulated=self.simulated, device=name)
        self.recorder = WalkRecorder.for_path(
            self.path, meta, on_problem=self._notify, readings=readings
        )
        self.recorder.attach(runner)

    async def finish(
        self,
        summary: dict[str, Any],
        events: Sequence[dict[str, Any]],
        *,
        on_history: Callable[[], None] | None = None,
        in_step_pct: float | None = None,
    ) -> SummaryScreen:
        """Write the end of the walk; the summary screen that says what it was."""
        from treadmill_tui.history.walk_summary import summary_view
        from treadmill_tui.ui.screens.summary import SummaryScreen

        if summary.get("outcome") == "in_progress":  # the app closed mid-walk
            summary = {**summary, "outcome": "abandoned"}
        recorder, self.recorder = self.recorder, None
        walk_id = await recorder.finish(summary, events) if recorder is not None else None
        problem = recorder.problem if recorder is not None else None
        view = summary_view(
            summary,
            events,
            walk_id=walk_id,
            problem=problem,
            footpod_in_step_pct=in_step_pct,
            unit=self.unit,
        )
        return SummaryScreen(view, on_history=on_history)

    # -- the morning question --------------------------------------------------------------

    def checkin_screen(self) -> CheckinScreen | None:
        store = self._open()
        if store is None:
            return None
        with store:
            try:
                pending = pending_checkin(
                    store, utc_now(), include_simulated=self.simulated, tz=self.tz
                )
            except StoreError as err:
                self._notify(str(err))
                return None
        if pending is None:
            return None
        walk_id = pending.walk.id
        from treadmill_tui.ui.screens.checkin import CheckinScreen

        return CheckinScreen(
            local(pending.walk.started_at, self.tz),
            pending.usual,
            lambda nrs: self._answer(walk_id, nrs),
        )

    def _answer(self, walk_id: int, nrs: int | None) -> None:
        store = self._open()
        if store is None:
            return
        with store:
            try:
                _, sentence = record_checkin(store, walk_id, nrs, utc_now())
            except StoreError as err:
                sentence = str(err)
        self._notify(sentence)

    # -- the next walk -----------------------------------------------------------------------

    def today(self) -> TodaysWalk:
        """The proposed next walk and why (docs/progression.md), and the same proposal as a
        walk profile, from one read of the store: the start-up notice, the home panel and the
        picker all use this one answer."""
        store = self._open()
        if store is None:
            return TodaysWalk(None, None)
        with store:
            try:
                proposal = next_proposal(store, with_simulated=self.simulated)
                if proposal.rule in (Rule.START, Rule.LOCKED):
                    text = None
                else:
                    text = proposal_text(store, proposal, with_simulated=self.simulated)
            except StoreError as err:
                self._notify(str(err))
                return TodaysWalk(None, None)
        if proposal.rule is Rule.START:
            return TodaysWalk(None, None)
        if proposal.rule is Rule.LOCKED:
            return TodaysWalk(proposal.reason[0].upper() + proposal.reason[1:], None)
        suggestion = f"Suggested next walk: {describe(proposal)}. Why: {proposal.reason}"
        return TodaysWalk(suggestion, text, proposal.reason)

    def suggestion(self) -> str | None:
        """The proposed next walk and why, or None before any walk."""
        return self.today().suggestion

    def save_proposal(self, text: str) -> Path | None:
        """Today's proposal written as a profile beside the store, so the picker can offer it
        to walk straight away; None when it cannot be saved (said once)."""
        path = self.path.parent / PROPOSED_WALK_FILE
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as err:
            self._notify(f"Could not save today's proposed walk ({err.strerror or err}).")
            return None
        return path

    # -- the history screen ----------------------------------------------------------------

    def history_screen(self) -> HistoryScreen | None:
        from treadmill_tui.history.trends import trends
        from treadmill_tui.ui.screens.history import HistoryScreen

        store = self._open()
        if store is None:
            return None
        with store:
            try:
                rows = store.list_walks()
                checkins = store.checkins()
                cadences = [store.walk_levels(r.id)[1] for r in rows[-TREND_WALKS:]]
            except StoreError as err:
                self._notify(str(err))
                return None
        trend_list = trends(rows, checkins, self.tz, cadences)
        return HistoryScreen(rows, trend_list, self.detail, tz=self.tz, unit=self.unit)

    def detail(self, walk_id: int) -> WalkDetail | None:
        from treadmill_tui.ui.screens.history import WalkDetail

        store = self._open()
        if store is None:
            return None
        with store, contextlib.suppress(StoreError):
            rec = store.walk(walk_id)
            if rec is None:
                return None
            events = store.events(walk_id) if rec.summary is None else []
            samples = store.samples(walk_id)
            return WalkDetail(
                lines=tuple(show_lines(rec, self.tz, events, self.unit)),
                speed=thin([s.speed_kmh or 0.0 for s in samples]),
                incline=thin([s.incline_pct or 0.0 for s in samples]),
            )
        return None
