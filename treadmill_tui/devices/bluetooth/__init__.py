"""Real treadmills and sensors over Bluetooth LE (bleak), below the ``FtmsTransport`` seam.

See docs/bluetooth.md. ``BleakTransport`` is the seam's second implementation (the simulator
is the first); ``scan`` finds devices; ``SensorReader`` reads a footpod or heart-rate strap;
quirks patch what a given model gets wrong.

The package imports nothing itself, so opening the app (or the simulator) never loads bleak and
D-Bus: import from the submodules (``transport``, ``scan``, ``sensors``, ``quirks``, ``errors``).
"""
