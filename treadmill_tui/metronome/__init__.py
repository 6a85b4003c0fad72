"""Step-rate metronome: tempo map, sample-accurate renderer, audio backends.

No UI imports: the dashboard gets :class:`BeatEvent` objects and passes ``app.bell`` in as a
plain callable when it wants the bell backend.
"""

from treadmill_tui.metronome.backends import (
    AudioBackend,
    BackendUnavailable,
    BellBackend,
    MiniaudioBackend,
    NullBackend,
    OfflineBackend,
    SoundDeviceBackend,
    choose_backend,
    render_offline,
    write_wav,
)
from treadmill_tui.metronome.events import BeatEvent
from treadmill_tui.metronome.pattern import BeatKind, Foot, Pattern
from treadmill_tui.metronome.player import MIN_SPM, Metronome
from treadmill_tui.metronome.render import Beat, ClickRenderer
from treadmill_tui.metronome.tempo import CadencePiece, Ramp, TempoMap

__all__ = [
    "MIN_SPM",
    "AudioBackend",
    "BackendUnavailable",
    "Beat",
    "BeatEvent",
    "BeatKind",
    "BellBackend",
    "CadencePiece",
    "ClickRenderer",
    "Foot",
    "Metronome",
    "MiniaudioBackend",
    "NullBackend",
    "OfflineBackend",
    "Pattern",
    "Ramp",
    "SoundDeviceBackend",
    "TempoMap",
    "choose_backend",
    "render_offline",
    "write_wav",
]
