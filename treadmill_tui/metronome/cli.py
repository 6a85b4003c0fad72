"""``treadmill-tui metronome``: a standalone metronome, or an exact WAV render of one."""

from __future__ import annotations

import argparse
import math
import sys
import time

from treadmill_tui.metronome.backends.choose import CHOICES, choose_backend
from treadmill_tui.metronome.backends.offline import render_wav
from treadmill_tui.metronome.events import BeatEvent
from treadmill_tui.metronome.pattern import Foot, Pattern
from treadmill_tui.metronome.player import PREROLL_S, Metronome
from treadmill_tui.metronome.tempo import TempoMap

MIN_BPM = 30.0
MAX_BPM = 250.0
MAX_DURATION_S = 4 * 3600.0
SAMPLERATE = 48_000


class UsageError(Exception):
    """Bad command-line input; the message is the whole story."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "metronome",
        help="play a step-rate metronome (or render it to a WAV file)",
        description="Play a standalone step-rate metronome, optionally ramping, or render "
        "its exact audio to a 48 kHz mono 16-bit WAV file.",
    )
    p.add_argument("--bpm", type=float, required=True, help="starting steps per minute")
    p.add_argument("--to", type=float, metavar="BPM", help="ramp to this rate")
    p.add_argument("--over", type=float, metavar="S", help="ramp length in seconds")
    p.add_argument("--duration", type=float, default=60.0, metavar="S", help="seconds (default 60)")
    p.add_argument("--accent", action="store_true", help="accent every left-foot step")
    p.add_argument("--volume", type=float, default=0.8, help="0 to 1 (default 0.8)")
    p.add_argument(
        "--render", metavar="FILE.wav", help="write the audio to a WAV file instead of playing"
    )
    p.add_argument(
        "--no-sound",
        dest="metronome_no_sound",
        action="store_true",
        help="visual beat only",
    )
    p.add_argument("--audio", choices=CHOICES, default="auto", help="audio backend (default auto)")
    p.set_defaults(func=run)


def _validate(args: argparse.Namespace) -> None:
    def rate(value: float, flag: str) -> None:
        if not (math.isfinite(value) and MIN_BPM <= value <= MAX_BPM):
            raise UsageError(f"{flag} must be between {MIN_BPM:g} and {MAX_BPM:g} steps/min")

    rate(args.bpm, "--bpm")
    if args.to is not None:
        rate(args.to, "--to")
    if args.over is not None:
        if args.to is None:
            raise UsageError("--over needs --to (the rate to ramp to)")
        if not (math.isfinite(args.over) and args.over > 0):
            raise UsageError("--over must be a positive number of seconds")
    if not (math.isfinite(args.duration) and 0 < args.duration <= MAX_DURATION_S):
        raise UsageError(
            f"--duration must be more than 0 and at most {MAX_DURATION_S:g} seconds (4 hours)"
        )
    if not (math.isfinite(args.volume) and 0.0 <= args.volume <= 1.0):
        raise UsageError("--volume must be between 0 and 1")


def build_tempo(args: argparse.Namespace, preroll_s: float = PREROLL_S) -> TempoMap:
    """Pre-roll, then ``--bpm``, ramping to ``--to`` over ``--over`` (default: the duration)."""
    tempo = TempoMap.after_preroll(args.bpm, preroll_s)
    if args.to is not None:
        over = args.over if args.over is not None else args.duration
        tempo = tempo.with_change(preroll_s, args.to, over)
    return tempo


def _render(args: argparse.Namespace) -> int:
    tempo = build_tempo(args)
    seconds = PREROLL_S + args.duration
    try:
        render_wav(
            args.render,
            tempo,
            seconds,
            samplerate=SAMPLERATE,
            channels=1,
            pattern=Pattern.for_settings(args.accent),
            volume=args.volume,
        )
    except OSError as exc:
        raise UsageError(f"cannot write {args.render}: {exc.strerror or exc}") from exc
    beats = tempo.beats_between(0.0, seconds)
    print(
        f"Wrote {args.render}: {seconds:g} s, 48 kHz mono 16-bit, {beats} beats "
        f"(first at {tempo.time_of_beat(tempo.first_beat):.3f} s)."
    )
    return 0


def _terminal_bell() -> None:
    sys.stdout.write("\a")
    sys.stdout.flush()


def _show(ev: BeatEvent, bpm: float) -> None:
    foot = "L" if ev.foot is Foot.LEFT else "R"
    mark = "●" if ev.accent else "○"
    sys.stdout.write(f"\r{mark} {foot}  beat {ev.n + 1:>5}  {bpm:6.1f} steps/min ")
    sys.stdout.flush()


def _play(args: argparse.Namespace) -> int:
    no_sound = bool(getattr(args, "no_sound", False) or args.metronome_no_sound)
    backend, message = choose_backend(args.audio, no_sound, _terminal_bell)
    print(message, flush=True)
    metronome = Metronome(
        backend,
        time.monotonic,
        accent=args.accent,
        volume=args.volume,
        min_spm=0.0,
        message=message,
    )
    metronome.on_notice(lambda m: print(f"\n{m}", flush=True))
    show = sys.stdout.isatty()
    pending: list[BeatEvent] = []
    metronome.set_cadence(args.bpm)
    if args.to is not None:
        metronome.set_cadence(args.to, args.over if args.over is not None else args.duration)
    end = time.monotonic() + PREROLL_S + args.duration
    try:
        while (now := time.monotonic()) < end:
            pending.extend(metronome.poll())
            while pending and pending[0].at <= now:
                ev = pending.pop(0)
                if show:
                    _show(ev, metronome.bpm)
            time.sleep(0.005)
    except KeyboardInterrupt:
        metronome.stop()
        print("\nMetronome stopped.")
        return 130
    metronome.stop()
    if show:
        print()
    return 0


def run(args: argparse.Namespace) -> int:
    try:
        _validate(args)
        return _render(args) if args.render else _play(args)
    except UsageError as exc:
        print(f"treadmill-tui metronome: {exc}", file=sys.stderr)
        return 2
