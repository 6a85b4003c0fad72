"""The device step before the walk picker: which treadmill, and optionally a footpod and a
heart-rate strap.

"Simulated treadmill" is always first and always works; the device used last comes next;
whatever a Bluetooth scan finds appears live with its signal. Enter on a treadmill goes on;
Enter on a footpod or strap chooses it (again: unchooses). Without Bluetooth the step says
so in one notice and the simulator is still there. Nothing here talks to a treadmill: the
choice is handed back to the app (``dismiss``), which connects.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from treadmill_tui.devices.bluetooth.errors import BluetoothUnavailable
from treadmill_tui.devices.bluetooth.scan import Found, Kind, scan
from treadmill_tui.devices.errors import DeviceError
from treadmill_tui.devices.opening import SIMULATOR
from treadmill_tui.devices.remembered import Remembered, RememberedDevices

Scanner = Callable[..., Awaitable[list[Found]]]
SCAN_S = 10.0


@dataclass(frozen=True, slots=True)
class DeviceChoice:
    treadmill: str
    """``SIMULATOR`` or a Bluetooth address."""
    treadmill_name: str | None = None
    footpod: Remembered | None = None
    heart_rate: Remembered | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    kind: Kind | None  # None: the simulator
    address: str
    name: str | None
    note: str


def bars(rssi: int) -> str:
    """Signal strength as bars a person can read at a glance."""
    level = sum(rssi >= t for t in (-90, -80, -70, -60))
    return "▂▄▆█"[:level].ljust(4, "·")


def entry_label(entry: Entry, chosen: bool = False) -> str:
    if entry.kind is None:
        return "Simulated treadmill — no Bluetooth needed"
    mark = "✓ " if chosen else ""
    name = entry.name or "(no name)"
    return f"{mark}{entry.note}  {name}  [{entry.kind}]  {entry.address}"


class DeviceScreen(Screen[DeviceChoice]):
    BINDINGS = [
        Binding("up", "move(-1)", "Choose", key_display="↑↓", priority=True, id="device.up"),
        Binding("down", "move(1)", "Choose", show=False, priority=True, id="device.down"),
        Binding("enter", "pick", "Use this", priority=True, id="device.pick"),
        Binding("r", "rescan", "Scan again", id="device.rescan"),
        # two bindings for Escape: back to the home screen when opened from there, else quit
        Binding("escape", "back", "Back", id="device.back"),
        Binding("escape", "app.quit", "Quit", id="device.quit"),
    ]

    def __init__(
        self,
        remembered: RememberedDevices,
        *,
        scanner: Scanner | None = None,
        scan_s: float = SCAN_S,
        footpod: Remembered | None = None,
        heart_rate: Remembered | None = None,
        back: bool = False,
    ) -> None:
        super().__init__(id="device")
        self.back = back  # opened from the home screen: Escape goes back there unchanged
        self.remembered = remembered
        self._scanner = scanner
        self._scan_s = scan_s
        self.footpod = footpod if footpod is not None else remembered.footpod
        self.heart_rate = heart_rate if heart_rate is not None else remembered.heart_rate
        self.found: list[Found] = []
        self.entries: list[Entry] = []
        self.options = OptionList(id="device-list")
        self.notice = Static("", id="device-notice")
        self.sensors = Static("", id="device-sensors")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Choose your treadmill", id="device-title")
        yield self.options
        yield self.sensors
        yield self.notice
        yield Footer()

    def on_mount(self) -> None:
        self._rebuild()
        self.options.highlighted = 0
        self.options.focus()
        self.action_rescan()

    # -- the list --------------------------------------------------------------------------

    def _base_entries(self) -> list[Entry]:
        entries = [Entry(None, SIMULATOR, None, "")]
        last = self.remembered.treadmill
        if last is not None:
            entries.append(Entry(Kind.TREADMILL, last.address, last.name, "last used"))
        return entries

    def _rebuild(self) -> None:
        entries = self._base_entries()
        known = {e.address for e in entries}
        ordered = sorted(
            self.found, key=lambda f: (f.kind not in (Kind.TREADMILL, Kind.FITNESS_MACHINE),)
        )  # treadmills first, each group strongest first (already sorted)
        for f in ordered:
            if f.address in known:
                entries = [
                    replace(
                        e, note=f"{bars(f.rssi)} {f.rssi} dBm, last used", name=f.name or e.name
                    )
                    if e.address == f.address
                    else e
                    for e in entries
                ]
                continue
            entries.append(Entry(f.kind, f.address, f.name, f"{bars(f.rssi)} {f.rssi} dBm"))
        highlighted = self.options.highlighted
        current = (
            self.entries[highlighted].address if highlighted is not None and self.entries else None
        )
        self.entries = entries
        self.options.clear_options()
        self.options.add_options(
            [
                Option(Text(entry_label(e, self._is_chosen(e))), id=f"dev-{i}")
                for i, e in enumerate(entries)
            ]
        )
        addresses = [e.address for e in entries]
        self.options.highlighted = addresses.index(current) if current in addresses else 0
        self._show_sensors()

    def _is_chosen(self, entry: Entry) -> bool:
        chosen = {s.address for s in (self.footpod, self.heart_rate) if s is not None}
        return entry.kind in (Kind.FOOTPOD, Kind.HEART_RATE) and entry.address in chosen

    def _show_sensors(self) -> None:
        pod = self.footpod.label if self.footpod else "none"
        hr = self.heart_rate.label if self.heart_rate else "none"
        self.sensors.update(Text(f"Footpod: {pod}    Heart-rate strap: {hr}    (optional)"))

    def update_found(self, found: Sequence[Found]) -> None:
        self.found = list(found)
        self._rebuild()

    # -- scanning --------------------------------------------------------------------------

    def action_rescan(self) -> None:
        self.notice.update("Looking for Bluetooth treadmills, footpods and straps…")
        self.run_worker(self._scan(), exclusive=True, group="device-scan", exit_on_error=False)

    async def _scan(self) -> None:
        scanner: Scanner = self._scanner if self._scanner is not None else scan
        try:
            found = await scanner(self._scan_s, on_update=self.update_found)
        except BluetoothUnavailable as err:
            self.notice.update(
                Text(
                    f"Bluetooth is not usable: {err.reason}. Check the adapter and BlueZ "
                    "(systemctl status bluetooth). The simulated treadmill still works."
                )
            )
            return
        except DeviceError as err:
            self.notice.update(Text(f"Scanning failed: {err}. R scans again."))
            return
        self.update_found(found)
        self.notice.update(
            "Scan finished. R scans again."
            if found
            else "Nothing found. Is the treadmill switched on and not connected to a phone? "
            "R scans again."
        )

    # -- keys ------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.options.highlighted = event.option_index
        self.action_pick()

    def action_move(self, step: int) -> None:
        if step < 0:
            self.options.action_cursor_up()
        else:
            self.options.action_cursor_down()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.back
        return True

    def action_back(self) -> None:
        self.workers.cancel_group(self, "device-scan")
        self.dismiss(None)

    def action_pick(self) -> None:
        index = self.options.highlighted
        if index is None or not self.entries:
            return
        entry = self.entries[index]
        if entry.kind in (Kind.FOOTPOD, Kind.HEART_RATE):
            chosen = Remembered(entry.address, entry.name)
            if entry.kind is Kind.FOOTPOD:
                self.footpod = None if self._is_chosen(entry) else chosen
            else:
                self.heart_rate = None if self._is_chosen(entry) else chosen
            self._rebuild()
            return
        self.workers.cancel_group(self, "device-scan")
        self.dismiss(
            DeviceChoice(
                treadmill=SIMULATOR if entry.kind is None else entry.address,
                treadmill_name=entry.name,
                footpod=self.footpod,
                heart_rate=self.heart_rate,
            )
        )
