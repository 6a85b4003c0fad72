"""The pain check's Escape on the first step: "not now" only where the app allows it."""

from __future__ import annotations

from textual.app import App

from treadmill_tui.session.pain import PainAnswer
from treadmill_tui.ui.screens.pain import PainCheckScreen


class OneScreen(App[None]):
    def __init__(self, screen: PainCheckScreen) -> None:
        super().__init__()
        self.check = screen

    def on_mount(self) -> None:
        self.push_screen(self.check)


async def test_a_refused_not_now_keeps_the_check_and_says_why() -> None:
    asked: list[str] = []
    answers: list[PainAnswer] = []

    def refuse() -> bool:
        asked.append("dismiss")
        return False

    screen = PainCheckScreen("Pain check", answers.append, on_dismiss=refuse)
    app = OneScreen(screen)
    async with app.run_test() as pilot:
        assert screen.check_action("dismiss_check", ()) is True
        await pilot.press("escape")
        await pilot.pause()
        assert asked == ["dismiss"] and app.screen is screen and not screen.dismissed
        problem = screen.query_one("#pain-problem")
        assert problem.display and "needs an answer" in str(problem.render())
        assert screen.check_action("dismiss_check", ()) is False
        await pilot.press("3", "n")
        assert answers == [PainAnswer(3)]


async def test_without_on_dismiss_escape_does_nothing_on_the_first_step() -> None:
    screen = PainCheckScreen("Pain check", lambda answer: None)
    app = OneScreen(screen)
    async with app.run_test() as pilot:
        assert screen.check_action("dismiss_check", ()) is False
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.step == "nrs"


async def test_escape_goes_back_a_step_before_it_dismisses() -> None:
    calls: list[bool] = []

    def accept() -> bool:
        calls.append(True)
        return True

    screen = PainCheckScreen("Pain check", lambda answer: None, on_dismiss=accept)
    app = OneScreen(screen)
    async with app.run_test() as pilot:
        await pilot.press("4")
        assert screen.step == "legs"
        await pilot.press("escape")
        assert screen.step == "nrs" and not calls
        await pilot.press("escape")
        assert calls == [True] and screen.dismissed


async def test_a_check_opening_while_the_app_closes_does_not_crash() -> None:
    """Seen under load: the app quit while the check was mounting, and its widgets were gone
    when on_mount looked for them (NoMatches ended the run with a traceback)."""
    screen = PainCheckScreen("Pain check", lambda answer: None)
    app = OneScreen(screen)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not screen.query_one("#pain-problem").display  # hidden until a refused "not now"
        await screen.query_one("#pain-box").remove()
        screen.on_mount()  # what Textual would call next; must simply do nothing
        assert screen.step == "nrs"
