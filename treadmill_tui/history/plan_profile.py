"""A proposal written as a walk profile (``next --write FILE``), laid out by docs/walking.md
§2.2: warm-up and cool-down of 5, 3 or 2 minutes by the walk's length, at 75 % of the walking
speed and 0 %; the top incline reached by 0.5 % steps every 3 minutes."""

from __future__ import annotations

import json

from treadmill_tui.history.progression import Proposal

DEFAULT_SPEED_KMH = 2.5
WARMUP_SHARE = 0.75


def ends_min(minutes: int) -> int:
    """Warm-up (and cool-down) minutes for a walk of ``minutes`` (§2.2)."""
    if minutes >= 15:
        return 5
    if minutes >= 10:
        return 3
    return 2


def _q(value: float, unit: str) -> str:
    return json.dumps(f"{round(value, 2):g} {unit}")


def profile_text(
    proposal: Proposal,
    *,
    speed_kmh: float | None,
    last_cadence_spm: float | None = None,
    name: str | None = None,
) -> str:
    dose = proposal.dose
    speed = speed_kmh or DEFAULT_SPEED_KMH
    if dose.cadence_spm is not None and last_cadence_spm:
        speed = speed * dose.cadence_spm / last_cadence_spm  # keep the step length (§2.4)
    speed = max(1.0, min(6.0, round(speed, 1)))
    ends = ends_min(dose.minutes)
    main = max(1, dose.minutes - 2 * ends)
    easy = max(1.0, round(speed * WARMUP_SHARE, 1))
    title = name or f"Next walk: {dose.minutes} minutes"
    lines = [
        f"# {title}: proposed by 'treadmill-tui next' from your walk history.",
        f"# Why: {proposal.reason}",
        "# Check it with: treadmill-tui profile check FILE",
        "",
        f"name = {json.dumps(title)}",
        f"description = {json.dumps(proposal.reason)}",
        "",
        "[metronome]",
        f"enabled = {'true' if dose.cadence_spm is not None else 'false'}",
        "",
        "[[segments]]",
        'kind = "warmup"',
        f'duration = "{ends} min"',
        f"speed = {_q(easy, 'km/h')}",
        "",
        "[[segments]]",
        'kind = "walk"',
        'name = "Walk"',
        f'duration = "{main} min"',
        f"speed = {_q(speed, 'km/h')}",
    ]
    if dose.cadence_spm is not None:
        lines.append(f"cadence = {_q(dose.cadence_spm, 'spm')}")
    if dose.incline_pct > 0:
        top = _q(dose.incline_pct, "%")
        lines.append(f'incline = {{ start = "0 %", step = "0.5 %", every = "3 min", max = {top} }}')
    lines += [
        "",
        "[[segments]]",
        'kind = "pain_check"',
        "",
        "[[segments]]",
        'kind = "cooldown"',
        f'duration = "{ends} min"',
        f"speed = {_q(easy, 'km/h')}",
        "",
    ]
    return "\n".join(lines)
