"""The profile editor: TOML on the left, checked as you type, the programme beside it.

Validation is debounced (a pause in typing, not every key) and runs the same checks as
``profile check``; problems are listed by line and the offending lines are marked in the text.
Saving writes only a valid profile; a draft with problems is saved only after the writer says
so. Leaving (Escape, Ctrl+Q) with unsaved changes asks first. Nothing here talks to a treadmill.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Header, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from treadmill_tui.profiles.drafts import DraftCheck, EditTarget, check_draft, save_text
from treadmill_tui.profiles.show import clock
from treadmill_tui.ui.widgets.programme_chart import ProgrammeChart

DEBOUNCE_S = 0.3
MARK = Style(underline=True, bgcolor="#5f0000")  # a line with a problem


class ProfileText(TextArea):
    """A TOML code editor that marks the lines with a problem."""

    def __init__(self, text: str) -> None:
        super().__init__(
            text,
            language="toml",
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
            id="profile-text",
        )
        self.marked: frozenset[int] = frozenset()

    def mark(self, rows: frozenset[int]) -> None:
        if rows != self.marked:
            self.marked = rows
            self._line_cache.clear()
            self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        if line_index in self.marked:
            line.stylize(MARK)
        return line


class Confirm(ModalScreen[bool]):
    """A yes/no question; Escape and the safe button keep editing."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm #confirm-box {
        grid-size: 2; grid-gutter: 1 2; grid-rows: auto 3; padding: 1 2;
        width: 64; max-width: 100%; height: auto; border: thick $warning; background: $surface;
    }
    Confirm #confirm-question { column-span: 2; width: 100%; }
    Confirm Button { width: 100%; }
    """

    BINDINGS = [Binding("escape", "dismiss(False)", "Keep editing", id="confirm.no")]

    def __init__(self, question: str, yes: str, no: str = "Keep editing") -> None:
        super().__init__(classes="confirm")
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Grid(id="confirm-box"):
            yield Label(self.question, id="confirm-question", markup=False)
            yield Button(self.no, id="confirm-no", variant="primary")
            yield Button(self.yes, id="confirm-yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


def totals_text(check: DraftCheck, last: DraftCheck | None) -> str:
    """The preview's words: totals of the valid walk, or what stops it and the last totals."""
    shown = check if check.valid else last
    lines: list[str] = []
    if check.valid:
        lines.append("Valid: ready to walk")
    else:
        n = len(check.problems)
        lines.append(f"{n} problem{'s' if n != 1 else ''}: cannot be walked yet")
    if shown is not None and shown.timeline is not None:
        t = shown.timeline.totals
        if not check.valid:
            lines.append("Last valid version:")
        lines.append(f"Duration {clock(t.duration_s)}  ·  about {t.distance_m / 1000:.2f} km")
        lines.append(
            f"Climb {t.elevation_gain_m:.0f} m  ·  breaks {t.breaks}  ·  pain checks {t.checks}"
        )
    return "\n".join(lines)


def problem_label(problem_line: int | None, message: str) -> Text:
    where = f"line {problem_line}: " if problem_line is not None else ""
    return Text(where + message)


class EditorScreen(Screen[Path | None]):
    """Edit one profile; dismisses with the saved path (None when nothing was saved)."""

    DEFAULT_CSS = """
    EditorScreen #editor-body { height: 1fr; }
    EditorScreen #profile-text { width: 1fr; min-width: 40; }
    EditorScreen #editor-side { width: 44%; max-width: 60; min-width: 30; }
    EditorScreen #editor-totals { height: auto; padding: 0 1; }
    EditorScreen #editor-chart { height: 1fr; min-height: 5; }
    EditorScreen #editor-chart.-stale { opacity: 50%; }
    EditorScreen #editor-problems { height: auto; max-height: 40%; border: round $error; }
    EditorScreen #editor-status { height: 1; padding: 0 1; background: $panel; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="editor.save"),
        Binding("f2", "save", "Save", show=False, priority=True, id="editor.save_f2"),
        Binding("f8", "next_problem", "Next problem", priority=True, id="editor.next_problem"),
        Binding("escape", "close", "Close", priority=True, id="editor.close"),
    ]

    def __init__(
        self,
        target: EditTarget,
        *,
        step_length_m: float | None = None,
        on_quit: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(id="editor")
        self.target = target
        self.step_length_m = step_length_m
        self.saved_text = target.text if target.save_to.exists() else None
        self.saved_path: Path | None = None
        self.check: DraftCheck = check_draft(target.text, target.save_to.name)
        self.last_valid: DraftCheck | None = self.check if self.check.valid else None
        self._pending: Timer | None = None
        self._on_quit = on_quit
        self.text = ProfileText(target.text)
        self.totals = Static("", id="editor-totals", markup=False)
        self.chart = ProgrammeChart(widget_id="editor-chart")
        self.problems = OptionList(id="editor-problems")
        self.status = Static(target.note, id="editor-status", markup=False)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="editor-body"):
            yield self.text
            with Vertical(id="editor-side"):
                yield self.totals
                yield self.chart
                yield self.problems
        yield self.status
        yield Footer()

    def on_mount(self) -> None:
        self.text.cursor_blink = False
        self.text.focus()
        self._show(self.check)

    # -- checking as you type ----------------------------------------------------------------

    @on(TextArea.Changed, "#profile-text")
    def _queue_validation(self) -> None:
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(DEBOUNCE_S, self.validate_now)

    def validate_now(self) -> DraftCheck:
        """Check the text now (the debounce timer calls this; tests may too)."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        self.check = check_draft(
            self.text.text, self.target.save_to.name, step_length_m=self.step_length_m
        )
        if self.check.valid:
            self.last_valid = self.check
        self._show(self.check)
        return self.check

    def _show(self, check: DraftCheck) -> None:
        self.totals.update(totals_text(check, self.last_valid))
        shown = check if check.valid else self.last_valid
        timeline = shown.timeline if shown is not None else None
        if timeline is not self.chart.timeline:
            self.chart.set_timeline(timeline)
        self.chart.set_class(not check.valid, "-stale")
        self.problems.clear_options()
        self.problems.add_options(
            Option(problem_label(p.line, p.message), id=f"problem-{i}")
            for i, p in enumerate(check.problems)
        )
        self.problems.display = bool(check.problems)
        self.text.mark(check.rows)

    @on(OptionList.OptionSelected, "#editor-problems")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        self._go_to(event.option_index)

    def _go_to(self, index: int) -> None:
        problem = self.check.problems[index]
        if problem.line is not None:
            self.text.cursor_location = (problem.line - 1, max(0, (problem.column or 1) - 1))
            self.text.scroll_cursor_visible()
        self.text.focus()
        self.status.update(problem_label(problem.line, problem.message).plain)

    def action_next_problem(self) -> None:
        check = self.validate_now()
        if not check.problems:
            self.status.update("No problems.")
            return
        row = self.text.cursor_location[0] + 1
        after = [i for i, p in enumerate(check.problems) if (p.line or 0) > row]
        self._go_to(after[0] if after else 0)

    # -- saving and leaving ------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.text.text != self.saved_text

    def action_save(self) -> None:
        check = self.validate_now()
        if check.valid:
            self._write()
            return
        n = len(check.problems)
        first = check.problems[0]
        self.status.update(
            f"Not saved: {n} problem{'s' if n != 1 else ''} (first at line {first.line})."
        )
        question = (
            f"This walk has {n} problem{'s' if n != 1 else ''} and cannot be walked until they "
            "are fixed. Save it as a draft anyway?"
        )
        self.app.push_screen(Confirm(question, "Save draft"), self._draft_answer)

    def _draft_answer(self, yes: bool | None) -> None:
        if yes:
            self._write(draft=True)

    def _write(self, *, draft: bool = False) -> None:
        text = self.text.text
        path = self.target.save_to
        try:
            save_text(path, text)
        except OSError as exc:
            self.status.update(f"Not saved: cannot write {path}: {exc.strerror or exc}")
            return
        self.saved_text = text
        self.saved_path = path
        kind = "Draft saved (it has problems)" if draft else "Saved"
        self.status.update(f"{kind}: {path}")

    def action_close(self) -> None:
        self.leave(lambda: self.dismiss(self.saved_path))

    def leave(self, go: Callable[[], object]) -> None:
        """Run ``go`` at once when nothing is unsaved, else only after the writer agrees."""
        if not self.dirty:
            go()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.saved_text = self.text.text  # the writer chose to drop it
                go()

        self.app.push_screen(
            Confirm("You have unsaved changes. Leave and lose them?", "Leave, lose changes"),
            answered,
        )
