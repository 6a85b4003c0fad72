"""The walk engine: a pure core that turns a timeline and inputs into commands and events.

- :class:`Engine` (``engine.step(now, inputs) -> list[Command]``, ``drain_events()``,
  ``snapshot()``, ``summary()``) is pure and clock-free.
- :class:`SessionRunner` is the async shell over a ``treadmill_tui.devices.Treadmill``.
- :func:`simulate` runs a whole walk against the simulated treadmill with a scripted walker.
- :func:`open_session` wires engine, client and runner over any transport.

The package imports nothing itself: import from the submodules (``engine``, ``runner``,
``wiring``, ``events``, ``inputs``, ``states``, ...). The dashboard's first screen needs the
small ones (states, inputs, events) but not the engine or the device stack, and a package that
imported them all made every one of them pay for everything (scripts/bench: launch).
"""
