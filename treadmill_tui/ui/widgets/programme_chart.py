"""The programme chart on the walk screen: the whole walk with a cursor at "now".

The picture comes from :func:`treadmill_tui.ui.chart_model.chart_model` (pure, cached per
size); this widget only colours it: the part already walked dimmed, the cursor column in
reverse video. It draws through the Line API from cached strips and asks for a repaint only
when the cursor's column or the size changes, so a 4 Hz tick costs nothing most of the time
(docs/walk-screen.md).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from treadmill_tui.profiles.display_units import KMH, SpeedUnit
from treadmill_tui.profiles.timeline import Timeline
from treadmill_tui.ui.chart_model import GUTTER, ChartModel, chart_model

CURSOR_MARK = "▼"
ROW_CLASSES = {
    "names": "chart--names",
    "speed": "chart--speed",
    "incline": "chart--incline",
    "cadence": "chart--cadence",
    "marks": "chart--marks",
    "blank": "chart--marks",
}


class ProgrammeChart(Widget):
    COMPONENT_CLASSES = {
        "chart--names",
        "chart--speed",
        "chart--incline",
        "chart--cadence",
        "chart--marks",
        "chart--done",
        "chart--cursor",
    }
    DEFAULT_CSS = """
    ProgrammeChart { height: 1fr; min-height: 1; padding: 0 1; }
    ProgrammeChart > .chart--names { text-style: bold; }
    ProgrammeChart > .chart--speed { color: $accent; }
    ProgrammeChart > .chart--incline { color: $warning; }
    ProgrammeChart > .chart--cadence { color: $success; }
    ProgrammeChart > .chart--marks { color: $text; }
    ProgrammeChart > .chart--done { color: $text-muted; }
    ProgrammeChart > .chart--cursor { background: $foreground; color: $background; }
    """

    def __init__(self, *, widget_id: str | None = None, unit: SpeedUnit = KMH) -> None:
        super().__init__(id=widget_id)
        self.unit = unit  # the walker's display unit for the speed lane
        self.timeline: Timeline | None = None
        self.prog_t = 0.0
        self.cursor = -1
        self.model: ChartModel | None = None
        self.repaints = 0  # how often a repaint was asked for (tests check it stays low)
        self._strips: dict[tuple[int, int], Strip] = {}

    def set_timeline(self, timeline: Timeline | None) -> None:
        self.timeline = timeline
        self._forget()

    def _forget(self) -> None:
        self.model = None
        self._strips.clear()
        self.cursor = -1
        self._repaint()

    def _repaint(self) -> None:
        self.repaints += 1
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._forget()

    def _model(self) -> ChartModel | None:
        if self.timeline is None:
            return None
        size = self.content_size
        model = self.model
        if model is None or (model.width, model.height) != (size.width, size.height):
            model = self.model = chart_model(self.timeline, size.width, size.height, self.unit)
            self._strips.clear()
            self.cursor = model.column_of(self.prog_t)
        return model

    def show_progress(self, prog_t: float) -> bool:
        """Move the cursor to programme time ``prog_t``; repaint only if its column moved."""
        self.prog_t = prog_t
        model = self._model()
        if model is None:
            return False
        column = model.column_of(prog_t)
        if column == self.cursor:
            return False
        self.cursor = column
        self._repaint()
        return True

    def render_line(self, y: int) -> Strip:
        model = self._model()
        width = self.content_size.width
        if model is None or y >= len(model.rows):
            return Strip.blank(width, self.rich_style)
        key = (y, self.cursor)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw(model, y)
        return strip

    def _draw(self, model: ChartModel, y: int) -> Strip:
        row = model.rows[y]
        base = self.rich_style
        own: Style = base + self.get_component_rich_style(ROW_CLASSES[model.kinds[y]])
        done: Style = base + self.get_component_rich_style("chart--done")
        cursor: Style = base + self.get_component_rich_style("chart--cursor")
        c = self.cursor
        if c < 0:
            return Strip([Segment(row, own)], len(row))
        segments = [Segment(row[:GUTTER], own)]
        if model.kinds[y] in ("names", "marks"):
            segments.append(Segment(row[GUTTER:c], own))
        else:
            segments.append(Segment(row[GUTTER:c], done))
        mark = row[c : c + 1]
        if model.kinds[y] == "names":
            mark = CURSOR_MARK  # "now", readable even without colour
        elif mark in (" ", ""):
            mark = "│"
        segments.append(Segment(mark, cursor))
        segments.append(Segment(row[c + 1 :], own))
        return Strip(segments, len(row))
