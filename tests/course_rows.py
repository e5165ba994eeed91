"""Stored sessions made up for the course rules' tests: a day, a share of a routine, a rating."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from lowback_tui.core.history.rows import SessionRow

START = date(2026, 11, 2)  # a Monday: day 1 of the courses in these tests
PLANNED = 100.0
"""The active seconds one whole session of the routine plans, in these tests."""


def on(offset: int) -> date:
    """The date `offset` days after START (day `offset + 1` of the course)."""
    return START + timedelta(days=offset)


def row(
    day: date | int,
    *,
    pain: int | None = None,
    active: float = PLANNED,
    planned: float | None = PLANNED,
    completed: bool = True,
    **kw: object,
) -> SessionRow:
    """A session on `day` (a date, or days after START) that did `active` of `planned` seconds."""
    values: dict[str, object] = dict(
        id=0, routine_name="R", started_at="", day=on(day) if isinstance(day, int) else day,
        ended_at="x" if completed else None, elapsed_seconds=1.0, active_seconds=active,
        pain_before=pain, pain_after=None, stopped_for_pain=False, ended_early=False,
        done=7 if completed else 0, partial=0, skipped=0, planned_seconds=planned,
    )  # fmt: skip
    values.update(kw)
    return SessionRow(**values)  # type: ignore[arg-type]


def rated(ratings: Sequence[int | None], *, first: int = 0) -> list[SessionRow]:
    """A whole session a day from day `first + 1`, each rated as given (None: not rated)."""
    return [row(first + offset, pain=pain) for offset, pain in enumerate(ratings)]
