"""The history screen: a table of walks and trends at a glance (weekly minutes, pain before and
after, top incline, morning pain) drawn with Textual's own Sparkline; Enter opens a walk's
detail with its speed and incline charts. Data comes in plain form from ``treadmill_tui.history``
(no store access here); text from the store is never read as markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Sparkline, Static

from treadmill_tui.history.report import clock, distance, local, pain_triple
from treadmill_tui.history.store import WalkRow
from treadmill_tui.history.trends import Trend
from treadmill_tui.profiles.display_units import KMH, SpeedUnit


@dataclass(frozen=True, slots=True)
class WalkDetail:
    lines: tuple[str, ...]
    speed: tuple[float, ...]
    incline: tuple[float, ...]


class TrendBox(Vertical):
    DEFAULT_CSS = """
    TrendBox { width: 1fr; height: 5; padding: 0 1; }
    TrendBox Sparkline { height: 2; }
    TrendBox .trend-label { text-style: bold; }
    """

    def __init__(self, trend: Trend) -> None:
        super().__init__(classes="trend")
        self.trend = trend

    def compose(self) -> ComposeResult:
        yield Label(self.trend.label, classes="trend-label")
        yield Sparkline(list(self.trend.values) or [0.0])
        yield Static(self.trend.latest, classes="trend-latest", markup=False)


class HistoryScreen(Screen[None]):
    DEFAULT_CSS = """
    #history-title { text-style: bold; padding: 0 1; }
    #trends { height: auto; }
    #walks { height: 1fr; }
    #history-empty { padding: 1 2; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back", id="history.back"),
        Binding("q", "close", "Back", show=False, id="history.q"),
    ]

    def __init__(
        self,
        rows: Sequence[WalkRow],
        trend_list: Sequence[Trend],
        detail: Callable[[int], WalkDetail | None],
        *,
        tz: tzinfo | None = None,
        unit: SpeedUnit = KMH,
    ) -> None:
        super().__init__(id="history")
        self.unit = unit  # the walker's display unit for distances and the speed chart
        self.rows = list(rows)
        self.trend_list = list(trend_list)
        self._detail = detail
        self._tz = tz

    def compose(self) -> ComposeResult:
        yield Label(f"Your walks ({len(self.rows)})", id="history-title")
        with Horizontal(id="trends"):
            for trend in self.trend_list:
                yield TrendBox(trend)
        if not self.rows:
            yield Static(
                "No walks yet: your walks appear here as you walk them.", id="history-empty"
            )
        table: DataTable[str | Text] = DataTable(id="walks", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#walks", DataTable)
        table.add_columns("Started", "Walk", "Time", "Distance", "Pain b/max/a", "Status")
        for r in reversed(self.rows):  # newest first
            status = r.status + (" (sim)" if r.simulated else "")
            table.add_row(
                local(r.started_at, self._tz),
                Text(r.profile[:30]),  # a name from a file: text, never markup
                clock(r.active_s),
                distance(r.distance_m, self.unit),
                pain_triple(r),
                status,
                key=str(r.id),
            )
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is None:
            return
        detail = self._detail(int(event.row_key.value))
        if detail is not None:
            self.app.push_screen(WalkDetailScreen(detail, self.unit))

    def action_close(self) -> None:
        self.dismiss(None)


class WalkDetailScreen(Screen[None]):
    DEFAULT_CSS = """
    #detail-charts { height: auto; padding: 0 1; }
    #detail-charts Sparkline { height: 3; }
    .chart-label { text-style: bold; }
    #detail-text { padding: 1 1; }
    """
    BINDINGS = [Binding("escape", "close", "Back", id="detail.back")]

    def __init__(self, detail: WalkDetail, unit: SpeedUnit = KMH) -> None:
        super().__init__(id="walk-detail")
        self.detail = detail
        self.unit = unit

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            with Vertical(id="detail-charts"):
                yield Label(f"Speed ({self.unit.label}) over the walk", classes="chart-label")
                yield Sparkline(list(self.detail.speed) or [0.0], id="chart-speed")
                yield Label("Incline (%) over the walk", classes="chart-label")
                yield Sparkline(list(self.detail.incline) or [0.0], id="chart-incline")
            yield Static("\n".join(self.detail.lines), id="detail-text", markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
