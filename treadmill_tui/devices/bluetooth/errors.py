"""Every bleak and OS error becomes one of the project's ``DeviceError`` family here.

Nothing above this package sees a bleak, D-Bus or OS exception type: the client, the session
runner and the UI handle ``DeviceError`` only, and ``str(err)`` is fit to show a person.
"""

from __future__ import annotations

import errno
import functools

from treadmill_tui.devices.errors import AttError, CharacteristicNotFound, DeviceError, LinkLost

CHECK_HINT = (
    "check that the Bluetooth adapter is present and switched on (bluetoothctl show), "
    "that BlueZ is running (systemctl status bluetooth) and that you may use it "
    "(the 'bluetooth' group); see docs/bluetooth.md"
)


@functools.cache
def _reasons() -> dict[object, str]:
    """bleak's reasons in words (bleak is imported on first use, not when the app opens)."""
    from bleak.exc import BleakBluetoothNotAvailableReason as Reason

    return {
        Reason.NO_BLUETOOTH: "no Bluetooth adapter was found",
        Reason.NO_BLE_CENTRAL_ROLE: "the adapter cannot do Bluetooth LE",
        Reason.POWERED_OFF: "Bluetooth is switched off",
        Reason.DENIED_BY_USER: "permission to use Bluetooth was denied",
        Reason.DENIED_BY_SYSTEM: "the system does not allow Bluetooth",
        Reason.DENIED_BY_UNKNOWN: "permission to use Bluetooth was denied",
        Reason.UNKNOWN: "Bluetooth is not available",
    }


# D-Bus error names that mean "the Bluetooth stack itself is missing, off or forbidden"
_UNAVAILABLE_DBUS = {
    "org.freedesktop.DBus.Error.ServiceUnknown": "BlueZ (the Bluetooth service) is not running",
    "org.freedesktop.DBus.Error.AccessDenied": "no permission to use Bluetooth",
    "org.bluez.Error.NotReady": "Bluetooth is switched off",
    "org.bluez.Error.NotAvailable": "Bluetooth is not available",
}


class BluetoothUnavailable(DeviceError):
    """No adapter, Bluetooth off, BlueZ not running or no permission."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"Bluetooth is not usable: {reason}; {CHECK_HINT}")


class DeviceNotFound(DeviceError):
    """Nothing with that address answered (switched off, out of range, or taken by a phone)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__(
            f"No Bluetooth device {address} was found: is it switched on, close by and not "
            "connected to a phone or another app?"
        )


def unavailable_reason(err: BaseException) -> str | None:
    """Why Bluetooth as a whole cannot be used, or ``None`` when ``err`` is about one device."""
    from bleak.exc import BleakBluetoothNotAvailableError, BleakDBusError, BleakError

    if isinstance(err, BleakBluetoothNotAvailableError):
        return _reasons().get(err.reason, "Bluetooth is not available")
    if isinstance(err, BleakDBusError):
        return _UNAVAILABLE_DBUS.get(err.dbus_error)
    if isinstance(err, PermissionError):
        return "no permission to use Bluetooth"
    if isinstance(err, FileNotFoundError | ConnectionRefusedError):
        # bleak reaches BlueZ over the D-Bus system bus socket
        return "the system message bus (D-Bus) or BlueZ is not running"
    if isinstance(err, OSError) and err.errno in (errno.ENODEV, errno.EAFNOSUPPORT):
        return "no Bluetooth adapter was found"
    if isinstance(err, BleakError) and "adapter" in str(err).lower() and "not" in str(err):
        return str(err)
    return None


def translate(err: BaseException, *, address: str | None = None) -> DeviceError:
    """The project's error for a bleak/OS/timeout error (a ``DeviceError`` is kept as it is)."""
    if isinstance(err, DeviceError):
        return err
    from bleak.exc import (
        BleakCharacteristicNotFoundError,
        BleakDeviceNotFoundError,
        BleakError,
        BleakGATTProtocolError,
    )

    reason = unavailable_reason(err)
    if reason is not None:
        return BluetoothUnavailable(reason)
    if isinstance(err, BleakGATTProtocolError):
        return AttError(int(err.code))
    if isinstance(err, BleakCharacteristicNotFoundError):
        return CharacteristicNotFound(str(err.char_specifier))
    if isinstance(err, BleakDeviceNotFoundError) or type(err).__name__ == "BleakNotFoundError":
        return DeviceNotFound(address or getattr(err, "identifier", "") or "?")
    if isinstance(err, TimeoutError):
        return LinkLost("no answer in time")
    if isinstance(err, BleakError | OSError | EOFError):
        return LinkLost(str(err) or type(err).__name__)
    return DeviceError(f"Unexpected Bluetooth problem: {err!r}")
