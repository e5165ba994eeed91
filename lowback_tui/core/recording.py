"""One session as the history sees it: what the screens report, kept as it happens."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from lowback_tui.core import course
from lowback_tui.core.history_store import HistoryStore
from lowback_tui.core.routine import Routine
from lowback_tui.core.routine_file import dumps
from lowback_tui.core.session import Event, ExerciseFinished, SessionFinished
from lowback_tui.core.session_results import ExerciseRecord, Summary


def fingerprint(routine: Routine) -> str:
    """A short hash of what the routine asks for, whatever its comments or layout."""
    return hashlib.sha256(dumps(routine).encode()).hexdigest()[:16]


class Recording:
    """Keeps one session in the store; with no store (or a failing one) it keeps nothing."""

    def __init__(
        self, store: HistoryStore | None, routine: Routine, pain_before: int | None
    ) -> None:
        self.store = store
        self.routine = routine
        self.pain_before = pain_before
        self.session_id = (
            store.begin(routine.name, fingerprint(routine), pain_before) if store else None
        )

    @property
    def problem(self) -> str | None:
        """Why the session is not being kept, if it is not."""
        return "history is not being saved" if self.store is None else self.store.problem

    def exercise(self, record: ExerciseRecord) -> None:
        """An exercise was left: keep its result now."""
        if self.store:
            reps = self.routine.exercises[record.index].reps
            self.store.record_exercise(self.session_id, record, reps)

    def keep(self, events: Iterable[Event], stopped_for_pain: bool) -> None:
        """Keep what the session's events say: each exercise left, and the session's end."""
        for event in events:
            if isinstance(event, ExerciseFinished):
                self.exercise(event.record)
            elif isinstance(event, SessionFinished):
                self.end(event.summary, stopped_for_pain)

    def end(self, summary: Summary, stopped_for_pain: bool) -> None:
        """The session is over."""
        if self.store:
            self.store.finish(self.session_id, summary, stopped_for_pain)

    def set_pain_after(self, pain: int | None) -> None:
        """How the back felt afterwards."""
        if self.store:
            self.store.set_pain_after(self.session_id, pain)

    def offers(self) -> list[course.Offer]:
        """Exercises ready for one more rep after this session."""
        return course.offers(self.routine, self.store) if self.store and self.store.saving else []

    def decide(self, offer: course.Offer, accept: bool) -> None:
        """Keep the answer to an offer."""
        if self.store:
            self.store.decide_offer(
                self.session_id, self.routine.name, offer.exercise_id, offer.reps, accept
            )

    def not_improving(self) -> bool:
        """Two weeks of sessions and the pain has not come down."""
        if self.store is None:
            return False
        start = self.store.course_start()
        return course.not_improving(self.store.sessions(since=start))
