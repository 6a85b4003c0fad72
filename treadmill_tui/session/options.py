"""Which walker actions make sense in each state (the dashboard shows only these keys)."""

from __future__ import annotations

from treadmill_tui.session.states import WALKING_STATES, BreakStage, PauseReason, State


def walker_options(
    state: State,
    *,
    pause_reason: PauseReason | None,
    break_stage: BreakStage | None,
    end_only: bool,
    resume_easy_used: bool,
    return_offered: bool = False,
    break_offered: bool = False,
) -> tuple[str, ...]:
    """``return_offered``: a late green answer left the no-answer slow-down in force and the
    walker may lift it with one key (walking.md §3.5). ``break_offered``: an exercise break is
    offered and waits for take or skip (§4.1)."""
    st = state
    if st is State.WAITING_START:
        return ("start", "end")
    if st in WALKING_STATES:
        walking: tuple[str, ...] = ("stop_now", "pain", "end")
        if return_offered:
            walking += ("return",)
        if break_offered:
            walking += ("take_break", "skip_break")
        return walking
    if st is State.PAUSED:
        if end_only:
            return ("end",)
        if pause_reason is PauseReason.RED:
            return ("end", "resume_easy") if not resume_easy_used else ("end",)
        return ("resume", "end")
    if st is State.BREAK:
        if break_stage is BreakStage.AWAIT_RESUME:
            return ("resume", "end")
        if break_stage is BreakStage.EXERCISE:
            return ("next", "end")
        return ("end",)
    if st is State.RED_FLAG:
        return ("acknowledge",)
    return ()
