"""The commented starter profile written by ``treadmill-tui profile new``."""

from __future__ import annotations

import json
import re

STARTER = """\
# {name}: a walk profile for treadmill-tui.
# Check it with:  treadmill-tui profile check {file}
# See it laid out: treadmill-tui profile show {file}
# Every key is described in docs/profiles.md. Quantities are strings with units:
# "3 km/h", "2 mph", "5 min", "90 s", "1.5 %", "96 spm", "0.65 m".

name = {name_json}
description = "A 30-minute flat walk: 5 min warm-up, 20 min walk, 5 min cool-down."

# Your step length; needed only when a segment gives cadence but no speed.
# step_length = "0.65 m"

# Safety limits (defaults shown). They can be tightened, or moved within hard bounds.
# [limits]
# speed_min = "1.0 km/h"
# speed_max = "6.0 km/h"
# incline_max = "6 %"
# speed_ramp = "0.1 km/h per 5 s"
# incline_ramp = "0.5 % per 2 min"
# cadence_max = "130 spm"

[pain_checks]
interval = "5 min"         # ask about pain every 5 min of the main walk
after_increase = "1 min"   # and 1 min after each increase

[metronome]
enabled = false            # turn on when you walk to a cadence
accent = false
volume = 0.6

[[segments]]
kind = "warmup"
duration = "5 min"
speed = "2.3 km/h"         # about 75 % of the walking speed, always at 0 %

[[segments]]
kind = "walk"
name = "Main walk"
duration = "20 min"
speed = "3.0 km/h"
# speed = {{ from = "3.0 km/h", to = "3.2 km/h" }}     # a ramp across the segment
# incline = {{ start = "0 %", step = "0.5 %", every = "3 min", max = "2 %" }}

[[segments]]
kind = "pain_check"

[[segments]]
kind = "cooldown"
duration = "5 min"
speed = "2.3 km/h"
"""


def slug(name: str) -> str:
    """A file name for a profile name: "My Walk!" → "my-walk"."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text or "profile"


def starter_text(name: str, file: str) -> str:
    """The starter profile for ``name``, valid as written."""
    return STARTER.format(name=name, name_json=json.dumps(name), file=file)
