"""The pain ratings of each day, before and after its sessions, for the progress chart."""

from __future__ import annotations

import statistics
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from lowback_tui.core.history_rows import SessionRow


class PainDay(NamedTuple):
    """One day's mean ratings, before and after its sessions (None: not rated)."""

    day: date
    before: float | None
    after: float | None


def pain_days(sessions: list[SessionRow]) -> list[PainDay]:
    """Every day with a rating before or after a session, oldest first, each the day's mean."""
    before: dict[date, list[int]] = {}
    after: dict[date, list[int]] = {}
    for session in sessions:
        if session.pain_before is not None:
            before.setdefault(session.day, []).append(session.pain_before)
        if session.pain_after is not None:
            after.setdefault(session.day, []).append(session.pain_after)

    def mean(values: list[int] | None) -> float | None:
        return statistics.fmean(values) if values else None

    return [PainDay(day, mean(before.get(day)), mean(after.get(day)))
            for day in sorted(before.keys() | after.keys())]  # fmt: skip
