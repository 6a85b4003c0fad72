"""A labelled big number with a small note under it (e.g. the target beside the actual)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Label


class Stat(Vertical):
    """Label, big digits and a note; :meth:`show` repaints only the parts that changed."""

    DEFAULT_CSS = """
    Stat { height: auto; border: round $primary; padding: 0 1; }
    Stat > .stat-label { width: 100%; text-style: bold; color: $text-muted; }
    Stat > Digits { width: 100%; }
    Stat > .stat-note { width: 100%; color: $text-muted; }
    """

    def __init__(self, label: str, stat_id: str, note: str = "") -> None:
        super().__init__(id=f"stat-{stat_id}", classes="stat")
        self._label_text = label
        self._stat_id = stat_id
        self._value = "--"
        self._note_text = note
        self._digits = Digits("--", id=stat_id)
        self._note = Label(note, id=f"{stat_id}-note", classes="stat-note")

    def compose(self) -> ComposeResult:
        yield Label(self._label_text, classes="stat-label")
        yield self._digits
        yield self._note

    @property
    def value(self) -> str:
        return self._value

    def show(self, value: str, note: str | None = None) -> None:
        if value != self._value:
            self._value = value
            self._digits.update(value)
        if note is not None and note != self._note_text:
            self._note_text = note
            self._note.update(note)
