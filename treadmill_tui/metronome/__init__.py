"""Step-rate metronome: tempo map, sample-accurate renderer, audio backends.

No UI imports: the dashboard gets :class:`BeatEvent` objects and passes ``app.bell`` in as a
plain callable when it wants the bell backend.

The package imports nothing itself: numpy and the audio libraries cost a noticeable part of a
second, so they load only when a walk needs sound (import from the submodules: ``player``,
``events``, ``backends.choose``, ...).
"""
