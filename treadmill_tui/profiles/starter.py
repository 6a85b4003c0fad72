"""The commented starter profile written by ``treadmill-tui profile new``."""

from __future__ import annotations

import json
import re
import unicodedata

from treadmill_tui.profiles.reading import printable

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


MAX_SLUG = 60  # well under any file system's 255-byte name limit, even in 4-byte UTF-8


def slug(name: str) -> str:
    """A file name for a profile name: "My Walk!" → "my-walk", "Über 漢字" → "uber-漢字".

    Latin letters lose their accents (easy to type in a shell); other letters and digits stay
    as they are. Empty when the name has no letter or digit at all.
    """
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )
    text = re.sub(r"[\W_]+", "-", plain.lower()).strip("-")
    return text[:MAX_SLUG].rstrip("-")


def starter_text(name: str, file: str) -> str:
    """The starter profile for ``name``, valid as written (the name goes in a comment line,
    so line breaks and other control characters are shown escaped there)."""
    return STARTER.format(name=printable(name), name_json=_toml_string(name), file=printable(file))


def _toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, except that TOML has no surrogate pairs
    (so non-ASCII stays as it is) and also wants DEL escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
