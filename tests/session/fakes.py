"""A hand-made timeline and a tiny belt model for pure-core tests (no asyncio, no TOML).

The limits and policies are the profile model's own plain dataclasses with their defaults,
so the fakes cannot drift from what a real profile gives the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from treadmill_tui.profiles.model import BreakPolicy, Limits, PainPolicy
from treadmill_tui.session.commands import Command, Pause, SetIncline, SetSpeed, Start, Stop
from treadmill_tui.session.engine import Engine
from treadmill_tui.session.inputs import (
    CommandDone,
    CommandRefused,
    Input,
    MachineInfo,
    NextExercise,
    PainReport,
    Ready,
    StartWalk,
    Telemetry,
)
from treadmill_tui.session.pain import PainAnswer


@dataclass(frozen=True)
class FakeExercise:
    name: str = "Standing abdominal"
    cue: str = "Hands on rails."
    hold_s: float = 10.0
    reps: int = 2
    per_side: bool = False
    exercise_id: str = "standing_abdominal"


@dataclass(frozen=True)
class FakeSegment:
    index: int
    kind: str
    name: str
    phase: str
    start_s: float
    end_s: float
    speed_kmh: float = 0.0
    incline_pct: float = 0.0
    cadence_spm: float | None = None
    exercises: tuple[FakeExercise, ...] = ()


@dataclass(frozen=True)
class FakeTargets:
    speed_kmh: float
    incline_pct: float
    cadence_spm: float | None
    segment: FakeSegment
    phase: str


@dataclass(frozen=True)
class FakeTimeline:
    segments: tuple[FakeSegment, ...]
    limits: Limits = field(default_factory=Limits)
    pain_policy: PainPolicy = field(default_factory=PainPolicy)
    increase_times: tuple[float, ...] = ()
    pain_check_times: tuple[float, ...] = ()
    break_policy: BreakPolicy | None = None  # None: like a timeline without one

    @property
    def duration_s(self) -> float:
        return self.segments[-1].end_s if self.segments else 0.0

    def at(self, t: float) -> FakeTargets:
        seg = self.segments[-1]
        for s in self.segments:
            if s.start_s <= t < s.end_s or (s.kind == "break" and t == s.start_s):
                seg = s
                break
        return FakeTargets(seg.speed_kmh, seg.incline_pct, seg.cadence_spm, seg, seg.phase)


def make_timeline(
    pieces: Sequence[tuple[str, float, float, float, float | None]],
    *,
    exercises: tuple[FakeExercise, ...] = (FakeExercise(),),
    limits: Limits | None = None,
    policy: PainPolicy | None = None,
    breaks: BreakPolicy | None = None,
) -> FakeTimeline:
    """``pieces``: (kind, duration_s, speed, incline, cadence); kind warmup/walk/cooldown/break."""
    segs: list[FakeSegment] = []
    t = 0.0
    phases = {"warmup": "warmup", "walk": "main", "cooldown": "cooldown", "break": "break"}
    for i, (kind, dur, speed, incline, cadence) in enumerate(pieces):
        segs.append(
            FakeSegment(
                i,
                kind,
                f"{kind} {i}",
                phases[kind],
                t,
                t + dur,
                speed,
                incline,
                cadence,
                exercises if kind == "break" else (),
            )
        )
        t += dur
    increases = tuple(
        segs[i].start_s
        for i in range(1, len(segs))
        if segs[i].kind != "break"
        and (
            segs[i].speed_kmh > segs[i - 1].speed_kmh
            or segs[i].incline_pct > segs[i - 1].incline_pct
        )
        and segs[i - 1].kind != "break"
    )
    return FakeTimeline(
        tuple(segs),
        limits=limits or Limits(),
        pain_policy=policy or PainPolicy(),
        increase_times=increases,
        break_policy=breaks,
    )


SIMPLE = [
    ("warmup", 300.0, 2.0, 0.0, None),
    ("walk", 1200.0, 3.0, 1.0, 95.0),
    ("cooldown", 300.0, 2.0, 0.0, None),
]


@dataclass
class FakeBelt:
    """Belt physics good enough for the core: follows commands at finite rates."""

    speed: float = 0.0
    incline: float = 0.0
    target_speed: float = 0.0
    target_incline: float = 0.0
    running: bool = False
    distance: float = 0.0
    accel: float = 0.5
    incline_rate: float = 0.5
    reject_incline: bool = False
    ignore_speed: bool = False
    starts: int = 0

    def command(self, cmd: Command) -> Input | None:
        if isinstance(cmd, Start):
            self.starts += 1
            self.running = True
            self.target_speed = max(self.target_speed, 1.0)
        elif isinstance(cmd, Pause | Stop):
            self.running = False
            self.target_speed = 0.0
        elif isinstance(cmd, SetSpeed):
            if self.running and not self.ignore_speed:
                self.target_speed = cmd.kmh
        elif isinstance(cmd, SetIncline):
            if self.reject_incline:
                return CommandRefused(cmd, "op code not supported")
            self.target_incline = cmd.pct
        else:
            return None
        return CommandDone(cmd)

    def tick(self, dt: float) -> None:
        def toward(v: float, goal: float, rate: float) -> float:
            return min(goal, v + rate * dt) if goal > v else max(goal, v - rate * dt)

        self.speed = round(toward(self.speed, self.target_speed, self.accel), 4)
        self.incline = round(toward(self.incline, self.target_incline, self.incline_rate), 4)
        self.distance += self.speed / 3.6 * dt

    def telemetry(self) -> Telemetry:
        return Telemetry(self.speed, self.incline, self.distance, None, None)


@dataclass
class Harness:
    """Drives an Engine and a FakeBelt together on a manual clock, 0.5 s per tick."""

    engine: Engine
    belt: FakeBelt = field(default_factory=FakeBelt)
    now: float = 0.0
    commands: list[tuple[float, Command]] = field(default_factory=list)
    samples: list[tuple[float, str, float | None, float | None, float]] = field(
        default_factory=list
    )
    pending: list[Input] = field(default_factory=list)
    auto_answer: int | None = 2  # answer checks with this NRS after 3 s (None: stay silent)
    auto_ready: bool = True  # press Ready (Enter) as soon as an exercise accepts it

    def step(self, inputs: Iterable[Input] = ()) -> list[Command]:
        out = self.engine.step(self.now, [*self.pending, *inputs])
        self.pending = []
        for cmd in out:
            self.commands.append((self.now, cmd))
            result = self.belt.command(cmd)
            if result is not None:
                self.pending.append(result)
        return out

    def run(self, seconds: float, dt: float = 0.5) -> None:
        end = self.now + seconds
        while self.now < end - 1e-9:
            self.now = round(self.now + dt, 6)
            self.belt.tick(dt)
            inputs: list[Input] = []
            if abs(self.now - round(self.now)) < 1e-9:
                inputs.append(self.belt.telemetry())
            snap = self.engine.snapshot()
            p = snap.prompt
            if (
                self.auto_answer is not None
                and p is not None
                and p.kind == "check"
                and self.now - p.since >= 3.0
            ):
                inputs.append(PainReport(PainAnswer(self.auto_answer)))
            if self.auto_ready and "ready" in snap.options:
                inputs.append(NextExercise())
            self.step(inputs)
            snap = self.engine.snapshot()
            self.samples.append(
                (
                    self.now,
                    str(snap.state),
                    snap.target_speed_kmh,
                    snap.target_incline_pct,
                    self.belt.speed,
                )
            )

    def start_walk(self, baseline: int = 2) -> None:
        self.step([Ready(MachineInfo())])
        self.step([self.belt.telemetry()])
        self.step([PainReport(PainAnswer(baseline))])
        self.step([StartWalk()])

    def names(self) -> list[str]:
        return [c.name for _, c in self.commands]
