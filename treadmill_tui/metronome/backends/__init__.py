"""Audio backends behind one protocol; see :mod:`.base`."""

from treadmill_tui.metronome.backends.base import (
    AudioBackend,
    BackendUnavailable,
    BlockCallback,
    DeviceBackend,
    PulledBackend,
)
from treadmill_tui.metronome.backends.bell import BellBackend
from treadmill_tui.metronome.backends.choose import CHOICES, chain_after, choose_backend, describe
from treadmill_tui.metronome.backends.miniaudio_device import MiniaudioBackend
from treadmill_tui.metronome.backends.null import NullBackend
from treadmill_tui.metronome.backends.offline import (
    OfflineBackend,
    read_wav,
    render_offline,
    write_wav,
)
from treadmill_tui.metronome.backends.portaudio import SoundDeviceBackend

__all__ = [
    "CHOICES",
    "AudioBackend",
    "BackendUnavailable",
    "BellBackend",
    "BlockCallback",
    "DeviceBackend",
    "MiniaudioBackend",
    "NullBackend",
    "OfflineBackend",
    "PulledBackend",
    "SoundDeviceBackend",
    "chain_after",
    "choose_backend",
    "describe",
    "read_wav",
    "render_offline",
    "write_wav",
]
