"""Treadmills: the FTMS client over a narrow transport seam, the simulator, Bluetooth.

The simulator lives in :mod:`treadmill_tui.devices.simulator`, Bluetooth LE in
:mod:`treadmill_tui.devices.bluetooth`; ``opening.open_transport`` picks one.

The package imports nothing itself (import from the submodules: ``treadmill``, ``transport``,
``errors``, ``events``, ``opening``, ...), so the dashboard's first screen does not load the
client and the FTMS codec before a walk needs them (scripts/bench: launch).
"""
