"""Random profiles x random event scripts: the safety invariants hold on every sample."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.session.invariants import check_all
from treadmill_tui.profiles import compile_profile, validate_profile_text
from treadmill_tui.session.simulate import simulate
from treadmill_tui.session.walker import ScriptEvent

ACTIONS = [
    "pain:{n}",
    "legs",
    "silent",
    "late",
    "stop",
    "stop:end",
    "console-stop",
    "console-stop:end",
    "safety-key",
    "disconnect",
    "revoke",
    "reject-incline",
    "reject-speed",
]

speeds = st.integers(15, 45).map(lambda x: x / 10)
inclines = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0])


@st.composite
def profile_text(draw: st.DrawFn) -> str:
    lines = ['name = "random"']
    if draw(st.booleans()):
        lines += ["[limits]", 'speed_ramp = "0.2 km/h per 5 s"']

    def seg(kind: str, minutes: int, speed: float, incline: float | None = None) -> None:
        lines.extend(["[[segments]]", f'kind = "{kind}"', f'duration = "{minutes} min"'])
        lines.append(f'speed = "{speed} km/h"')
        if incline is not None:
            lines.append(f'incline = "{incline} %"')

    seg("warmup", draw(st.integers(2, 4)), draw(speeds))
    for i in range(draw(st.integers(1, 3))):
        if i and draw(st.booleans()):
            lines += ["[[segments]]", 'kind = "break"', 'exercises = ["Standing abdominal"]']
        seg("walk", draw(st.integers(2, 6)), draw(speeds), draw(inclines))
    if draw(st.booleans()):
        lines += ["[[segments]]", 'kind = "pain_check"']
    seg("cooldown", draw(st.integers(2, 3)), draw(speeds), 0.0)
    if draw(st.booleans()):  # floor exercises after the walk
        lines += ["[[segments]]", 'kind = "break"', 'exercises = ["Glute bridge"]']
    return "\n".join(lines) + "\n"


@st.composite
def script(draw: st.DrawFn) -> list[str]:
    events = []
    for _ in range(draw(st.integers(0, 3))):
        t = draw(st.integers(20, 1200))
        action = draw(st.sampled_from(ACTIONS)).format(n=draw(st.integers(0, 8)))
        events.append(f"{t}:{action}")
    return events


@settings(
    max_examples=int(os.environ.get("SESSION_PROPERTY_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(profile_text(), script(), st.integers(0, 4))
def test_safety_invariants_hold(text: str, events: list[str], pain: int) -> None:
    profile, problems = validate_profile_text(text, "<random>")
    assume(profile is not None)
    assert profile is not None
    tl = compile_profile(profile)
    result = simulate(tl, pain=pain, script=[ScriptEvent.parse(e) for e in events])
    check_all(result.samples, result.events, tl.limits)
    assert result.summary["outcome"] != "in_progress"
    if any(e.endswith(":silent") for e in events):
        # a walker who stops answering ends the walk by the no-answer rules (docs/walking.md
        # §3.5), in a break's closing check too: never left open
        assert result.summary["outcome"] != "abandoned"
        assert result.samples[-1]["speed_kmh"] == 0.0
    else:
        assert result.samples[-1]["speed_kmh"] == 0.0 or result.summary["outcome"] == "abandoned"
