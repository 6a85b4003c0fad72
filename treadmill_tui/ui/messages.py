"""App-wide Textual messages: session events handed from the engine's callback to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from treadmill_tui.session.events import (
    CommandDropped,
    CommandSent,
    PromptRepeated,
    SessionEvent,
    TargetSet,
)

# Frequent, telemetry-like events: only the newest queued one of a type matters.
REPLACEABLE: tuple[type, ...] = (TargetSet, CommandSent, CommandDropped, PromptRepeated)


@dataclass
class SessionEventPosted(Message):
    """One event from the session engine's log."""

    event: SessionEvent

    def can_replace(self, message: Message) -> bool:
        return (
            isinstance(message, SessionEventPosted)
            and isinstance(self.event, REPLACEABLE)
            and type(message.event) is type(self.event)
        )
