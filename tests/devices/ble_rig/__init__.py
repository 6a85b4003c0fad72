"""A radio-free Bluetooth LE rig: unmodified bleak code against bumble virtual devices.

Everything runs in one process on one asyncio loop (a ``VirtualTimeLoop`` in the tests), on a
``bumble.link.LocalLink``: no adapter, no BlueZ, no D-Bus, no root. See ``rig.py`` for the
entry point and ``docs/bluetooth.md`` for what it is for.
"""
