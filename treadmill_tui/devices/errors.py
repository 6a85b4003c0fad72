"""Device errors: one family, each message written for the person at the treadmill."""

from __future__ import annotations

_COMMAND_NAMES = {
    0x00: "request control",
    0x01: "reset",
    0x02: "set target speed",
    0x03: "set target inclination",
    0x07: "start",
    0x08: "stop or pause",
}

_RESULT_TEXT = {
    0x02: "operation not supported",
    0x03: "value outside the supported range or step",
    0x04: "operation failed, e.g. start while already running",
    0x05: "control not permitted",
}

_ATT_TEXT = {
    0x02: "the value cannot be read",
    0x03: "the value cannot be written",
    0xFD: "control point indications are not enabled",
    0xFE: "another command is still in progress",
}


def command_label(op_code: int) -> str:
    """A person's name for a Control Point op code ("set target speed")."""
    return _COMMAND_NAMES.get(op_code, f"command 0x{op_code:02X}")


def result_text(result: int) -> str:
    """Plain-language meaning of a Control Point result code."""
    return _RESULT_TEXT.get(result, f"result code 0x{result:02X}")


class DeviceError(Exception):
    """Anything that went wrong talking to a treadmill; ``str(err)`` is fit to show a person."""

    @property
    def message(self) -> str:
        return str(self)


class AttError(DeviceError):
    """The Bluetooth stack answered a write or read with an ATT error (e.g. 0xFD, 0xFE)."""

    def __init__(self, code: int, command: str | None = None) -> None:
        self.code = code
        self.command = command
        what = f"'{command}'" if command else "the request"
        text = _ATT_TEXT.get(code, "Bluetooth protocol error")
        super().__init__(f"The treadmill rejected {what}: {text} (ATT error 0x{code:02X})")


class LinkLost(DeviceError):
    """The Bluetooth link is down (or went down while a command was waiting)."""

    def __init__(self, detail: str | None = None) -> None:
        message = "The Bluetooth link to the treadmill is lost"
        super().__init__(f"{message}: {detail}" if detail else message)


class CommandRejected(DeviceError):
    """The treadmill answered a command with a non-success result; the client never retries."""

    def __init__(self, op_code: int, result: int, command: str | None = None) -> None:
        self.op_code = op_code
        self.result = result
        self.command = command or command_label(op_code)
        super().__init__(f"The treadmill refused '{self.command}' ({result_text(result)})")


class CommandTimeout(DeviceError):
    """No answer within the response timeout; the control point is unusable until reconnect."""

    def __init__(self, op_code: int, timeout_s: float = 30.0, command: str | None = None) -> None:
        self.op_code = op_code
        self.timeout_s = timeout_s
        self.command = command or command_label(op_code)
        super().__init__(
            f"The treadmill did not answer '{self.command}' within {timeout_s:g} s; "
            "reconnect before sending more commands"
        )


class NotInControl(DeviceError):
    """A command other than Request Control was attempted without control; nothing was sent."""

    def __init__(self, command: str | None = None) -> None:
        self.command = command
        what = f"'{command}' was not sent" if command else "nothing was sent"
        super().__init__(
            f"The app is not in control of the treadmill, so {what}; ask for control first"
        )


class ControlPointUnusable(DeviceError):
    """An earlier command went unanswered (FTMS rule: no more procedures on this link)."""

    def __init__(self, command: str | None = None) -> None:
        self.command = command
        what = f"'{command}' was not sent" if command else "nothing was sent"
        super().__init__(
            f"The treadmill stopped answering commands, so {what}; reconnect to the treadmill first"
        )


class UnsupportedCommand(DeviceError):
    """The treadmill's feature flags say it cannot do this; nothing was sent."""

    def __init__(self, command: str) -> None:
        self.command = command
        super().__init__(f"This treadmill does not support '{command}'")


class CharacteristicNotFound(DeviceError):
    """The treadmill does not offer a characteristic (transports raise this for optional ones)."""

    def __init__(self, uuid: str) -> None:
        self.uuid = uuid
        short = uuid[4:8].upper() if len(uuid) == 36 else uuid
        super().__init__(f"The treadmill does not offer characteristic 0x{short}")
