"""The back-pain number and the leg question, shared by the pain check and the post-walk screen.

Both ask the same thing in the same way (docs/walking.md §3.1, §3.4): 0–9 or T for 10, then
Y/N for the legs, then which of (a)–(d). One definition keeps the wording, the keys and the
choices the same on both screens; each screen keeps its own widget ids (``prefix``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from treadmill_tui.session.pain import LegSymptom

LEGS_QUESTION = (
    "Any new or worse pain, numbness, tingling or weakness in your legs?"
    "  [b]Y[/b] yes · [b]N[/b] no"
)
LEG_CHOICES = {
    "a": (LegSymptom.SPREADING, "(a) pain spreading into, or worse in, a leg"),
    "b": (LegSymptom.ONE_LEG, "(b) numbness, tingling or weakness in [b]one[/b] leg"),
    "c": (LegSymptom.BOTH_LEGS, "(c) in [b]both[/b] legs, or legs giving way"),
    "d": (LegSymptom.SADDLE, "(d) numbness around genitals or bottom, or bladder/bowel change"),
}
NRS_QUESTION = "Back pain now? 0 = none, 10 = worst. Press 0–9, or T for 10."


def score_bindings(scope: str) -> list[Binding]:
    """0–9 and T (10) for the pain number; ids ``<scope>.<n>``."""
    return [
        *[Binding(str(n), f"nrs({n})", str(n), show=False, id=f"{scope}.{n}") for n in range(10)],
        Binding("t", "nrs(10)", "10", show=False, id=f"{scope}.10"),
    ]


def leg_bindings(scope: str) -> list[Binding]:
    """Y/N for the leg question and A–D for which symptom; ids ``<scope>.legs_yes`` etc."""
    return [
        Binding("y", "legs(True)", "Legs: yes", id=f"{scope}.legs_yes"),
        Binding("n", "legs(False)", "Legs: no", id=f"{scope}.legs_no"),
        *[Binding(k, f"leg('{k}')", f"({k})", id=f"{scope}.leg_{k}") for k in LEG_CHOICES],
    ]


def compose_leg_choices(prefix: str) -> ComposeResult:
    """The "which one?" list, in a container ``#<prefix>leg-which``."""
    with Vertical(id=f"{prefix}leg-which"):
        yield Static("Which one? Press the letter (Esc goes back).")
        for key, (_, text) in LEG_CHOICES.items():
            yield Static(f"[b]{key.upper()}[/b]  {text}", id=f"{prefix}leg-{key}")
