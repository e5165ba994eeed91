"""The pain ratings of each day, before and after its sessions, for the progress chart."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from lowback_tui.core.history.day_totals import by_day

if TYPE_CHECKING:
    from lowback_tui.core.history.day_totals import Sessions


class PainDay(NamedTuple):
    """One day's mean ratings, before and after its sessions (None: not rated)."""

    day: date
    before: float | None
    after: float | None


def pain_days(sessions: Sessions) -> list[PainDay]:
    """Every day with a rating before or after a session, oldest first, each the day's mean."""

    def mean(total: int, count: int) -> float | None:
        return total / count if count else None  # statistics.fmean of whole ratings, exactly

    return [
        PainDay(t.day, mean(t.before_sum, t.before_count), mean(t.after_sum, t.after_count))
        for t in by_day(sessions)
        if t.before_count or t.after_count
    ]
