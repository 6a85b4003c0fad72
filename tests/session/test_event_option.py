"""``simulate --event`` refuses what can never fire, with the event parser's own message
(issue #15): superscript scores, NaN and infinite times, negative times."""

from __future__ import annotations

import pytest

from treadmill_tui.cli import main
from treadmill_tui.profiles import bundled_profiles_dir
from treadmill_tui.session.walker import ScriptError, ScriptEvent

PROFILE = str(bundled_profiles_dir() / "flare-day.toml")


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ("10:pain:²", "pain needs a score 0-10"),
        ("10:pain:¹⁰", "pain needs a score 0-10"),
        ("10:pain:٣", "pain needs a score 0-10"),
        ("nan:stop", "T must be a number of seconds"),
        ("inf:stop", "T must be a number of seconds"),
        ("-inf:stop", "T must be a number of seconds"),
        ("-1:stop", "T must not be negative"),
        ("-0.5:pain:3", "T must not be negative"),
    ],
)
def test_bad_events_are_one_line_usage_errors(
    event: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["simulate", PROFILE, "--event", event]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "expected at least one argument" not in err and "Traceback" not in err


def test_a_negative_event_after_a_good_one_is_still_its_own_event(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["simulate", PROFILE, "--event", "5:stop", "-1:stop"]) == 2
    assert "'-1:stop': T must not be negative" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["0:pain:0", "600:pain:10", "1e2:stop:end", "0.5:stop"])
def test_good_events_still_parse(text: str) -> None:
    event = ScriptEvent.parse(text)
    assert event.t >= 0


def test_the_parser_refuses_a_superscript_score_itself() -> None:
    with pytest.raises(ScriptError):
        ScriptEvent.parse("10:pain:²")
