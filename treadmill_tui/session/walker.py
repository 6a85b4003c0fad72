"""A scripted walker for ``simulate``: presses start, answers prompts, does the exercises.

Script events fire at programme time T (which stands still while the belt is stopped) and
change the walker (``pain:N``, ``legs``, ``silent``, ``late``, ``stop``, ``skip-breaks``) or the
machine (``console-stop``, ``safety-key``, ``disconnect``, ``revoke``, ``reject-incline``,
``reject-speed``). After a pause the walker resumes after ``resume_after_s`` unless the event
that caused it carried ``:end``. ``late`` answers the next in-walk check only after
``late_answer_s`` (past the no-answer slow-down); whenever the engine offers the return to the
planned load after such a late green answer, the walker takes it at once, so a simulated walk
keeps walking the plan. An offered exercise break (``simulate --session N`` from the profile's
``from_session``) is taken ``take_break_after_s`` after the offer, or skipped then once
``skip-breaks`` has fired; a ``silent`` walker leaves it unanswered (so it times out).
"""

from __future__ import annotations

import asyncio
import math
import re
from dataclasses import dataclass

from treadmill_tui.devices.simulator import SimulatedTreadmill
from treadmill_tui.session.events import (
    ScriptFired,
)
from treadmill_tui.session.inputs import (
    AcknowledgeRedFlag,
    End,
    Input,
    NextExercise,
    PainKey,
    PainReport,
    PostWalkAnswer,
    Resume,
    ResumeEasy,
    ReturnToPlan,
    SkipBreak,
    StartWalk,
    StopNow,
    TakeBreak,
)
from treadmill_tui.session.pain import LegSymptom, PainAnswer
from treadmill_tui.session.runner import SessionRunner
from treadmill_tui.session.states import BreakStage, PauseReason, State

ACTIONS = (
    "pain",
    "legs",
    "silent",
    "late",
    "stop",
    "console-stop",
    "safety-key",
    "disconnect",
    "revoke",
    "reject-incline",
    "reject-speed",
    "skip-breaks",
)


class ScriptError(ValueError):
    """A malformed ``--event``; the message says what is wrong and how to write it."""


@dataclass(frozen=True, slots=True)
class ScriptEvent:
    t: float
    action: str
    arg: str | None = None  # the pain score for "pain"
    end: bool = False  # ":end": at the pause this causes, the walker ends the walk

    @classmethod
    def parse(cls, text: str) -> ScriptEvent:
        """``T:ACTION[:ARG]``, e.g. ``600:pain:5``, ``900:stop:end``, ``900:pain:7:end``."""
        parts = [p.strip() for p in text.strip().split(":")]
        hint = f"write T:ACTION[:ARG], e.g. 600:pain:5; actions: {', '.join(ACTIONS)}"
        if len(parts) < 2:
            raise ScriptError(f"event {text!r}: {hint}")
        try:
            t = float(parts[0])
        except ValueError:
            raise ScriptError(f"event {text!r}: T must be seconds of programme time") from None
        if not math.isfinite(t):  # nan and inf parse as floats but never come round
            raise ScriptError(f"event {text!r}: T must be a number of seconds, e.g. 600")
        if t < 0:
            raise ScriptError(f"event {text!r}: T must not be negative")
        action = parts[1].lower()
        if action not in ACTIONS:
            raise ScriptError(f"event {text!r}: unknown action {action!r}; {hint}")
        rest = parts[2:]
        arg: str | None = None
        if action == "pain":
            # ASCII digits only: str.isdigit() also accepts "²", which int() refuses
            if not rest or not re.fullmatch(r"[0-9]{1,2}", rest[0]) or int(rest[0]) > 10:
                raise ScriptError(f"event {text!r}: pain needs a score 0-10, e.g. {t:g}:pain:5")
            arg, rest = rest[0], rest[1:]
        if rest not in ([], ["end"]):
            raise ScriptError(f"event {text!r}: {action} takes no argument except 'end'")
        return cls(t, action, arg, end=rest == ["end"])


@dataclass
class WalkerConfig:
    pain: int = 2
    answer_after_s: float = 3.0
    resume_after_s: float = 30.0
    resume_break_after_s: float = 5.0
    acknowledge_after_s: float = 5.0
    late_answer_s: float = 90.0  # "late": after the 60 s slow-down, before the 3 min pause
    take_break_after_s: float = 3.0  # an offered break is answered this long after the offer
    ready_after_s: float = 4.0  # Ready pressed this long after it counts (in position)
    rpe: int = 11


class ScriptedWalker:
    """Acts as the person on the belt, polling the session every ``poll_s`` of loop time."""

    def __init__(
        self,
        runner: SessionRunner,
        machine: SimulatedTreadmill,
        script: list[ScriptEvent],
        config: WalkerConfig | None = None,
        poll_s: float = 1.0,
    ) -> None:
        self._runner = runner
        self._machine = machine
        self._script = sorted(script, key=lambda e: e.t)
        self._cfg = config or WalkerConfig()
        self._poll = poll_s
        self._pain = self._cfg.pain
        self._legs_next = False
        self._silent = False
        self._late_next = False
        self._end_next_pause = False
        self._started = False
        self._answered_prompt_since: float | None = None
        self._pause_seen_at: float | None = None
        self._action_at: float | None = None  # when we last pressed something in a pause
        self._skip_breaks = False
        self._offer_answered_since: float | None = None

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._runner.engine.finished:
            self._act(loop.time())
            await asyncio.sleep(self._poll)

    def _act(self, now: float) -> None:
        engine = self._runner.engine
        while self._script and self._started and engine.prog_t >= self._script[0].t:
            self._fire(self._script.pop(0))
        state = engine.state
        prompt = engine.prompt_view()
        if "return" in engine.options():
            self._runner.submit(ReturnToPlan())  # right after a late green: back to the plan
            return
        if prompt is not None and prompt.since != self._answered_prompt_since:
            waited = engine.session_time() - prompt.since
            late = self._late_next and prompt.kind == "check"
            delay = self._cfg.late_answer_s if late else self._cfg.answer_after_s
            if not self._silent and waited >= delay:
                self._answered_prompt_since = prompt.since
                if late:
                    self._late_next = False
                legs = LegSymptom.ONE_LEG if self._legs_next else LegSymptom.NONE
                self._legs_next = False
                if prompt.kind == "post_walk":
                    answer = PostWalkAnswer(self._pain, self._cfg.rpe, "simulated", legs)
                    self._runner.submit(answer)
                else:
                    self._runner.submit(PainReport(PainAnswer(self._pain, legs)))
                return
        offer = engine.break_offer
        if offer is not None and not self._silent and offer.since != self._offer_answered_since:
            if engine.session_time() - offer.since >= self._cfg.take_break_after_s:
                self._offer_answered_since = offer.since
                self._runner.submit(SkipBreak() if self._skip_breaks else TakeBreak())
                return
        if state is State.WAITING_START and not self._started:
            self._started = True
            self._runner.submit(StartWalk())
            return
        if state is State.RED_FLAG:
            self._after(now, self._cfg.acknowledge_after_s, AcknowledgeRedFlag())
        elif state is State.BREAK and engine.break_stage is BreakStage.AWAIT_RESUME:
            self._after(now, self._cfg.resume_break_after_s, Resume())
        elif state is State.BREAK and "ready" in engine.options() and not self._silent:
            self._after(now, self._cfg.ready_after_s, NextExercise())
        elif state is State.PAUSED and prompt is None:
            options = engine.options()
            reason = engine.pause_reason
            if self._end_next_pause:
                self._after(now, self._cfg.answer_after_s, End())
            elif reason is PauseReason.RED:
                choice = ResumeEasy() if "resume_easy" in options else End()
                self._after(now, self._cfg.resume_after_s, choice)
            elif engine.awaiting_control:
                # the treadmill refused control; the screen says Space asks it again
                self._after(now, self._cfg.resume_after_s, StopNow())
            elif "resume" in options and engine.connected:
                if reason in (PauseReason.SAFETY_KEY, PauseReason.COMMAND_FAILED):
                    # the walker checks the treadmill (a refused start: the key may be out)
                    self._machine.insert_safety_key()
                self._after(now, self._cfg.resume_after_s, Resume())
            elif options == ("end",):
                self._after(now, self._cfg.resume_after_s, End())
        else:
            self._pause_seen_at = None

    def _after(self, now: float, wait_s: float, item: Input) -> None:
        """Press ``item`` once ``wait_s`` has passed since this waiting state began."""
        if self._pause_seen_at is None:
            self._pause_seen_at = now
            return
        if now - self._pause_seen_at >= wait_s:
            self._pause_seen_at = None
            self._runner.submit(item)

    def _fire(self, ev: ScriptEvent) -> None:
        m = self._machine
        self._runner.engine.record(
            asyncio.get_running_loop().time(), ScriptFired(action=ev.action, arg=ev.arg, end=ev.end)
        )
        if ev.end:
            self._end_next_pause = True
        if ev.action == "pain":
            self._pain = int(ev.arg or self._pain)
            self._runner.submit(PainKey())
        elif ev.action == "legs":
            self._legs_next = True
        elif ev.action == "silent":
            self._silent = True
        elif ev.action == "late":
            self._late_next = True
        elif ev.action == "stop":
            self._runner.submit(StopNow())
        elif ev.action == "console-stop":
            m.console_stop()
        elif ev.action == "safety-key":
            m.safety_key()
        elif ev.action == "disconnect":
            m.drop_link(restore_after_s=10.0)
        elif ev.action == "revoke":
            m.revoke_control()
        elif ev.action == "reject-incline":
            m.reject_incline = True
        elif ev.action == "reject-speed":
            m.reject_speed = True
        elif ev.action == "skip-breaks":
            self._skip_breaks = True
