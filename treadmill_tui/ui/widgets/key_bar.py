"""A one-line key bar in place of Textual's Footer: Space first at every width.

Textual's Footer lists the focused widget's keys, then the screen's, then the app's, so the
app-wide Space (stop now) came last and was cut to "sp" at 80 columns. This bar reads the same
active bindings (so it shows exactly the keys that work now) and orders them with
:func:`treadmill_tui.ui.keys.fit`.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from treadmill_tui.ui.keys import KeyItem, fit, pretty_key


def active_keys(screen: Screen[Any]) -> list[KeyItem]:
    """The shown bindings that are enabled on ``screen`` right now.

    A modal screen's own list leaves out the app's keys, but the app's priority keys (Space:
    stop now) still work there, so they are added.
    """
    app = screen.app
    items = []
    for binding_key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.show or not active.enabled:
            continue
        items.append(
            KeyItem(pretty_key(app.get_key_display(binding)), binding.description, binding_key)
        )
    for entry in app.BINDINGS:
        if (
            isinstance(entry, Binding)
            and entry.priority
            and entry.show
            and app.check_action(entry.action, ()) is not False
        ):
            display = pretty_key(app.get_key_display(entry))
            items.append(KeyItem(display, entry.description, entry.key))
    return items


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 100%;
        padding: 0 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__("", classes="key-bar", markup=False)
        self.items: list[KeyItem] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self.call_after_refresh(self.rebuild)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, screen: Screen[Any]) -> None:
        self.call_after_refresh(self.rebuild)

    def on_resize(self, event: events.Resize) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        if not self.is_attached:
            return
        width = self.content_size.width or max(0, self.app.size.width - 2)
        items = fit(active_keys(self.screen), width)
        if items == self.items:
            return
        self.items = items
        line = Text(no_wrap=True, overflow="ellipsis")
        for n, item in enumerate(items):
            if n:
                line.append(" ")
            line.append(f" {item.key} ", style="bold reverse")
            line.append(f" {item.description}")
        self.update(line)

    @property
    def text(self) -> str:
        """The bar as plain words (for tests)."""
        return "  ".join(f"{i.key} {i.description}" for i in self.items)
