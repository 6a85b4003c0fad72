"""The names of the sound choices (the settings file checks them without loading any audio code).

``CHAIN`` is the order ``auto`` tries them in: sounddevice, miniaudio, the terminal bell, none.
"""

from __future__ import annotations

CHAIN = ("sd", "ma", "bell", "none")
CHOICES = ("auto", *CHAIN)
