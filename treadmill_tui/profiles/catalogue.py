"""The built-in exercise catalogue and the fixed safety texts (docs/walking.md §1, §4.2, §5).

Texts are kept verbatim (Markdown emphasis included); ``{emergency_number}`` is filled in by
locale (999 / 112 / 911) by whoever shows the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Placement(StrEnum):
    """Where an exercise may be done: standing on the stopped belt, or after the walk."""

    MID_WALK = "mid_walk"
    AFTER_WALK = "after_walk"


@dataclass(frozen=True, slots=True)
class Exercise:
    """One catalogue row with its default dose; ``hold_s`` is the time per rep."""

    number: int
    exercise_id: str
    name: str
    placement: Placement
    where: str
    hold_s: float
    reps: int
    per_side: bool
    max_hold_s: float
    max_reps: int
    dose: str
    cue: str


_ROWS: tuple[Exercise, ...] = (
    Exercise(1, "standing_abdominal", "Standing abdominal", Placement.MID_WALK,
             "Mid-walk", 10, 3, False, 10, 3, "3 × 10 s; <1 min",
             "Hands on rails. Tense belly and squeeze buttocks together. Breathe; let go slowly."),
    Exercise(2, "standing_hip_shift", "Standing hip shift", Placement.MID_WALK,
             "Mid-walk, hold rails", 5, 1, True, 15, 3, "1 × ≤15 s per side; start at 5 s",
             "Weight on one leg. Raise the other thigh to level. Hitch that hip up, hold, swap."),
    Exercise(3, "leaning_hip_shift", "Leaning hip shift", Placement.MID_WALK,
             "Mid-walk, lean on console", 20, 1, False, 30, 3, "<30 s slow rocking",
             "Hands on console, back long. Sink into one bent knee, other leg straight. "
             "Rock across."),
    Exercise(4, "foot_circles", "Foot circles, weight shifts", Placement.MID_WALK,
             "Standing, pre-walk", 60, 1, False, 60, 2, "~60 s",
             "Feet flat. Circle each ankle both ways. Sway forward/back, then sideways."),
    Exercise(5, "glute_bridge", "Glute bridge", Placement.AFTER_WALK,
             "After walk, floor", 2, 8, False, 5, 10, "8–10, 2-s hold",
             "On back, knees bent. Squeeze buttocks; lift to a knee–hip–shoulder line. "
             "Lower slowly."),
    Exercise(6, "bird_dog", "Bird-dog", Placement.AFTER_WALK,
             "After walk, floor", 5, 5, True, 10, 6, "5–6/side, 5–10 s holds",
             "On all fours. Reach opposite arm and leg, back level. Swap."),
    Exercise(7, "side_lying_leg_lift", "Side-lying leg lift", Placement.AFTER_WALK,
             "After walk, floor", 2, 8, True, 5, 10, "8–10/side",
             "On side, body straight. Lift top leg, toes forward. Lower slowly."),
    Exercise(8, "dead_bug", "Dead bug", Placement.AFTER_WALK,
             "After walk, floor", 2, 5, True, 5, 6, "5–6/side",
             "On back, arms up, knees over hips. Lower opposite arm and leg, back flat. "
             "Alternate."),
    Exercise(9, "pelvic_tilt", "Pelvic tilt", Placement.AFTER_WALK,
             "After walk, floor or wall", 2, 10, False, 5, 10, "10",
             "Knees bent. Roll the pelvis back so the low back presses down. Release."),
    Exercise(10, "standing_hamstring_stretch", "Standing hamstring stretch",
             Placement.AFTER_WALK, "After walk, low step", 30, 2, True, 30, 2, "2 × 30 s/side",
             "Heel on step, knee soft. Hinge at hips, back straight, to mild stretch."),
    Exercise(11, "seated_core_activation", "Seated core activation", Placement.AFTER_WALK,
             "After walk, chair", 10, 5, False, 10, 5, "5 × 10 s",
             "Upright on a chair. Pull the belly softly inwards; keep breathing."),
    Exercise(12, "calf_stretch", "Calf stretch", Placement.AFTER_WALK,
             "After walk, wall", 30, 2, True, 30, 2, "2 × 30 s/side",
             "Foot back, heel down, lean in."),
    Exercise(13, "hip_flexor_stretch", "Hip-flexor stretch", Placement.AFTER_WALK,
             "After walk, support", 30, 2, True, 30, 2, "2 × 30 s/side",
             "Split stance; tuck pelvis, shift forward."),
)  # fmt: skip


def catalogue() -> tuple[Exercise, ...]:
    """Every exercise in catalogue order (rows 1–4 standing, 5–13 after the walk)."""
    return _ROWS


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


_BY_KEY: dict[str, Exercise] = {}
for _row in _ROWS:
    _BY_KEY[_norm(_row.name)] = _row
    _BY_KEY[_norm(_row.exercise_id)] = _row


def find_exercise(name: str) -> Exercise | None:
    """Look an exercise up by name or id, ignoring case, spaces, hyphens and underscores."""
    return _BY_KEY.get(_norm(name))


SAFETY_STOP_TEXT = (
    "Clip the treadmill's safety key to your clothing. In an emergency pull it or press STOP; "
    "the app's pause is not an emergency stop."
)

SAFETY_PAIN_TEXT = (
    "A little ache while walking is normal, but don't push through pain. Ease off or stop if it "
    "turns sharp or shooting, hits 6 out of 10, travels into a leg, or makes you limp."
)

DISCLAIMER_TEXT = (
    "This app guides a gradual walking plan on your treadmill. It is a wellness tool, not a "
    "medical device. It doesn't diagnose or treat conditions and is no substitute for your doctor "
    "or physiotherapist. With heart, lung or balance problems, recent surgery, or any doubt, get "
    "a health professional's OK first."
)

RED_FLAG_TEXT = """\
**Get emergency help now**: stop walking and call {emergency_number} or go to an emergency \
department if your back pain comes with any of these:
- numbness, tingling or weakness in **both** legs, or legs that suddenly feel weak or hard to \
control
- numbness or an odd feeling around your **genitals or bottom**, including when wiping
- **new** trouble passing urine, or losing control of your bladder or bowels
- a new change in sexual function
- **chest pain or tightness**, feeling faint or dizzy, very short of breath, or a racing or \
irregular heartbeat
- the pain came on after a **fall, knock or accident**

**Pause the programme and contact a doctor within 1–2 days** if back pain comes with \
**fever** or feeling unwell, **weight loss you can't explain**, **cancer in the past**, \
long-term steroids or a weak immune system, pain **worse at night or not eased by rest**, pain \
that **keeps getting worse**, or a new lump or change in the shape of your back.

**Book a routine visit to a doctor or physiotherapist** if **one** leg has had pins and needles, \
numbness or weakness for over a week, if leg tingling builds up as you walk, or if your back \
is no better after around 6 weeks.

Serious causes of back pain are **uncommon**. The app cannot work out why you have these \
symptoms; a clinician can."""
