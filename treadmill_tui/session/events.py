"""The session's event log: every transition, command, prompt and answer, with a timestamp."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class SessionEvent:
    """``t`` is session-clock seconds since the engine was created; ``prog_t`` programme time."""

    t: float
    prog_t: float
    type: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "t": round(self.t, 3),
            "prog_t": round(self.prog_t, 3),
            "type": self.type,
            "details": self.details,
        }
