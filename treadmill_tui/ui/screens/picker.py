"""The profile picker (P on the home screen when no --profile was given): the user's own
walks, then the bundled ones (first-week first), with the highlighted one's totals beside the
list.

Few keys: ↑↓ choose, Enter starts, E edits (a bundled walk as a copy), N writes a new one,
Escape goes back to the home screen when opened from there (else quits), Ctrl+Q quits. A broken
walk of the user's own opens in the editor on Enter. Nothing talks to the treadmill here;
picking only hands the compiled timeline back to the app (``dismiss``), which then builds the
walk exactly as with --profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.drafts import new_target, open_target
from treadmill_tui.profiles.problems import ProfileError
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.ui.choices import ProfileChoice, detail_lines, list_label, load_choice


class PickerScreen(Screen[Timeline]):
    BINDINGS = [
        # priority: the footer shows these (not the list's hidden ones) and they move the list
        Binding("up", "move(-1)", "Choose", key_display="↑↓", priority=True, id="picker.up"),
        Binding("down", "move(1)", "Choose", show=False, priority=True, id="picker.down"),
        Binding("enter", "pick", "Start this walk", priority=True, id="picker.pick"),
        Binding("e", "edit", "Edit", id="picker.edit"),
        Binding("n", "new", "New walk", id="picker.new"),
        # two bindings for Escape: back to the home screen when opened from there, else quit
        Binding("escape", "back", "Back", id="picker.back"),
        Binding("escape", "app.quit", "Quit", id="picker.quit"),
    ]

    def __init__(
        self, choices: Sequence[ProfileChoice], *, back: bool = False, unit: SpeedUnit = KMH
    ) -> None:
        super().__init__(id="picker")
        self.choices = tuple(choices)
        self.back = back  # opened from the home screen: Escape goes back there
        self.unit = unit  # the walker's display unit, for the distance in the detail
        self.options = OptionList(*self._entries(), id="picker-list")
        self.detail = Static("", id="picker-detail")
        self.problem = Static("", id="picker-problem")

    def _entries(self) -> list[Option | None]:
        entries: list[Option | None] = []
        for i, choice in enumerate(self.choices):
            if i:
                entries.append(None)  # a separator line; option indices skip it
            entries.append(Option(list_label(choice), id=f"choice-{i}"))
        return entries

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Choose today's walk", id="picker-title")
        with Horizontal(id="picker-body"):
            yield self.options
            yield self.detail
        yield self.problem
        yield Footer()

    def on_mount(self) -> None:
        if not self.choices:
            self.detail.update("No walk profiles were found. Ctrl+Q quits.")
            return
        self.options.highlighted = 0
        self.options.focus()
        self._show(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.back
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    @property
    def highlighted(self) -> ProfileChoice | None:
        index = self.options.highlighted
        return self.choices[index] if index is not None else None

    def _show(self, index: int | None) -> None:
        self.problem.update("")
        if index is not None:
            self.detail.update("\n".join(detail_lines(self.choices[index], self.unit)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A mouse click on an entry picks it, like Enter."""
        self.options.highlighted = event.option_index
        self.action_pick()

    def action_move(self, step: int) -> None:
        if step < 0:
            self.options.action_cursor_up()
        else:
            self.options.action_cursor_down()

    def action_pick(self) -> None:
        choice = self.highlighted
        if choice is None:
            return
        if choice.timeline is None:
            if choice.mine:
                self.action_edit()
                return
            self.problem.update(f"This walk cannot be started: {escape(choice.problem)}")
            return
        self.dismiss(choice.timeline)

    # -- writing walks -----------------------------------------------------------------------

    def action_edit(self) -> None:
        choice = self.highlighted
        if choice is None:
            return
        try:
            target = open_target(choice.path)
        except ProfileError as err:
            self.problem.update(escape(str(err)))
            return
        from treadmill_tui.ui.screens.editor import EditorScreen  # TextArea loads when used

        self.app.push_screen(EditorScreen(target), self._edited)

    def action_new(self) -> None:
        from treadmill_tui.ui.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen(new_target()), self._edited)

    def _edited(self, saved: Path | None) -> None:
        """Show what was saved: the edited entry again, or a new one at the top."""
        if saved is None:
            return
        fresh = load_choice(saved, mine=True)
        paths = [c.path for c in self.choices]
        if saved in paths:
            index = paths.index(saved)
            self.choices = self.choices[:index] + (fresh,) + self.choices[index + 1 :]
        else:
            index = 0
            self.choices = (fresh, *self.choices)
        self.options.clear_options()
        self.options.add_options(self._entries())
        self.options.highlighted = index
        self._show(index)
