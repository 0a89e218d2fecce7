"""What triage returns: a score, a suggestion and the reasons that explain both."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .inputs import DateRange

Suggestion = Literal["host_centrally", "redirect", "decline"]
SUGGESTIONS: tuple[str, ...] = ("host_centrally", "redirect", "decline")


@dataclass(frozen=True)
class Reason:
    """One line of the explanation: a criterion, its points and how to say it.

    ``message_key`` and ``params`` are for translation (``params`` hold only text and whole
    numbers, so a reason stores as JSON); :func:`.messages.render` says it in English.
    ``hard`` marks a broken hard rule: the request is declined whatever the score.
    """

    code: str
    points: int
    message_key: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    hard: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "code": self.code,
            "points": self.points,
            "message_key": self.message_key,
            "params": dict(self.params),
            "hard": self.hard,
        }


def reason(code: str, points: int, *, hard: bool = False, **params: str | int) -> Reason:
    """A :class:`Reason` whose message key is ``triage.<code>``."""
    return Reason(code, points, f"triage.{code}", params, hard)


@dataclass(frozen=True)
class TriageResult:
    """The score (the sum of the reasons' points), the suggestion and the explanation.

    ``chosen_dates`` are the offered dates the score is based on; ``best_dates`` every offered
    date range that breaks no date rule (notice, capacity, length), earliest first.
    """

    score: int
    suggestion: Suggestion
    reasons: tuple[Reason, ...]
    best_dates: tuple[DateRange, ...]
    chosen_dates: DateRange

    @property
    def hard_breaches(self) -> tuple[Reason, ...]:
        """The broken hard rules (non-empty means decline)."""
        return tuple(r for r in self.reasons if r.hard)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO text)."""
        return {
            "score": self.score,
            "suggestion": self.suggestion,
            "reasons": [r.to_dict() for r in self.reasons],
            "best_dates": [[start.isoformat(), end.isoformat()] for start, end in self.best_dates],
            "chosen_dates": [d.isoformat() for d in self.chosen_dates],
        }
