"""Valid programmes at the edge of what a profile may ask: the most steps, the most segments,
the finest changes. Tests check they compile; ``benchmarks/bench_profiles.py`` reports the worst
compile time among them (issue #15: a 3-hour programme compiles quickly whatever it contains).
"""

from __future__ import annotations

WALK = 'name = "x"\n[[segments]]\nkind = "walk"\nduration = "5 min"\nspeed = "3 km/h"\n'

_WARMUP = '[[segments]]\nkind = "warmup"\nduration = "5 min"\nspeed = "2 km/h"\n'
_COOLDOWN = '[[segments]]\nkind = "cooldown"\nduration = "5 min"\nspeed = "2 km/h"\n'


def _many_segments() -> str:
    """100 segments (the most allowed): short walks and pain checks filling 3 hours."""
    parts = ['name = "Many segments"\n']
    for k in range(50):
        speed = "3 km/h" if k % 2 else "3.2 km/h"
        parts.append(
            f'[[segments]]\nkind = "walk"\nduration = "216 s"\nspeed = "{speed}"\n'
            '[[segments]]\nkind = "pain_check"\n'
        )
    return "".join(parts)


def _many_breaks() -> str:
    """Walks with a standing break between each: every break restarts the belt."""
    parts = ['name = "Many breaks"\n', _WARMUP]
    for _ in range(45):
        parts.append(
            '[[segments]]\nkind = "walk"\nduration = "2 min"\nspeed = "3 km/h"\n'
            '[[segments]]\nkind = "break"\nexercises = ["Standing abdominal"]\n'
        )
    parts.append(_COOLDOWN)
    return "".join(parts)


NASTY: dict[str, str] = {
    # 0.01 km/h every second for 3 hours: 500 steps, each ramped at the limit
    "finest-speed-steps": 'name = "Finest speed steps"\n'
    '[[segments]]\nkind = "walk"\nduration = "3 h"\n'
    'speed = { start = "1 km/h", step = "0.01 km/h", every = "1 s", max = "6 km/h" }\n',
    # cadence-led, 0.1 spm every 2 s: 600 steps turned into belt speeds
    "finest-cadence-steps": 'name = "Finest cadence steps"\nstep_length = "0.6 m"\n'
    '[[segments]]\nkind = "walk"\nduration = "3 h"\n'
    'cadence = { start = "70 spm", step = "0.1 spm", every = "2 s", max = "130 spm" }\n'
    '[limits]\nspeed_max = "7 km/h"\n',
    # speed and cadence both given: the implied step length is checked at every step
    "speed-and-cadence-steps": 'name = "Speed and cadence"\n'
    '[[segments]]\nkind = "walk"\nduration = "3 h"\n'
    'speed = { start = "3 km/h", step = "0.01 km/h", every = "1 s", max = "3.5 km/h" }\n'
    'cadence = { start = "80 spm", step = "0.1 spm", every = "2 s", max = "100 spm" }\n',
    # incline steps after a warm-up, fine as allowed, for the rest of 3 hours
    "finest-incline-steps": 'name = "Finest incline steps"\n'
    + _WARMUP
    + '[[segments]]\nkind = "walk"\nduration = "170 min"\nspeed = "3 km/h"\n'
    'incline = { start = "0 %", step = "0.1 %", every = "24 s", max = "6 %" }\n' + _COOLDOWN,
    "many-segments": _many_segments(),
    "many-breaks": _many_breaks(),
}


def _most_steps() -> str:
    """100 short walks (the most segments) whose speed, cadence and incline all step: 1750
    steps, near the 2000 a programme may have, each compiled into a ramp and a hold."""
    parts = ['name = "Most steps"\n']
    for k in range(100):
        if k % 2:
            parts.append(
                '[[segments]]\nkind = "walk"\nduration = "108 s"\n'
                'speed = { start = "3 km/h", step = "0.01 km/h", every = "5 s", '
                'max = "3.1 km/h" }\n'
                'cadence = { start = "80 spm", step = "0.1 spm", every = "6 s", max = "81 spm" }\n'
            )
        else:
            parts.append(
                '[[segments]]\nkind = "walk"\nduration = "108 s"\n'
                'speed = { start = "3.2 km/h", step = "0.01 km/h", every = "5 s", '
                'max = "3.3 km/h" }\n'
                'incline = { start = "0 %", step = "0.1 %", every = "24 s", max = "1 %" }\n'
            )
    return "".join(parts)


NASTY["most-steps"] = _most_steps()
