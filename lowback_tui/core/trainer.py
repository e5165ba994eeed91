"""What lowback does for a person, whatever front end shows it: one place for each flow.

The Textual app and plain mode are built on one Trainer. They show what it says and pass on
what the person does; neither reads the history, the settings or a routine file itself. Start
a session (`start_session`), and the SessionRun it returns keeps the session and says what
follows it; the course, the progress and the history come from here too.

Only what the first screen needs is imported up front: the session engine, the history store
(sqlite3) and the course rules load when first used.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lowback_tui.core import wording
from lowback_tui.core.activity_log import ActivityLog
from lowback_tui.core.routine.in_use import RoutineInUse
from lowback_tui.core.routine.model import Problem, Routine, RoutineError
from lowback_tui.core.session.clock import StoppableClock
from lowback_tui.core.settings import Preferences
from lowback_tui.core.trainer_course import TrainerCourse

if TYPE_CHECKING:
    from lowback_tui.core.course.before_session import BeforeSession, CarryOn
    from lowback_tui.core.course.rules import Course, Status
    from lowback_tui.core.history.pages import HistoryPages
    from lowback_tui.core.history.store import HistoryStore, Now
    from lowback_tui.core.routine.editing import RoutineEdit
    from lowback_tui.core.routine.edits import Adjustable
    from lowback_tui.core.session.engine import Clock
    from lowback_tui.core.session.guidance import Announcer
    from lowback_tui.core.session_run import Awake, SessionRun


class Overview(NamedTuple):
    """The routine as the list of exercises shows it.

    A NamedTuple, like Refused: it is made before the first screen, where a frozen dataclass
    costs a few tenths of a millisecond more to define.
    """

    routine: Routine
    """With the reps the person has moved up to."""
    as_written: Routine
    """As its file has it, to tell which reps were raised."""
    course: Status | None
    """Where the person is in the course; None until the history is open."""
    problems: tuple[Problem, ...]
    """What is wrong with the routine's file now (the last good version is in use)."""


class Refused(NamedTuple):
    """Why something the person asked for was not done."""

    message: str
    error: bool
    """Something went wrong (a full disk, say), not something the person is to put right first."""


class Trainer(TrainerCourse):
    """One person's lowback: the routine in use, their history, settings and sessions.

    `clock` times sessions (monotonic seconds) and `now` dates them; tests pass fakes of both,
    and a store of their own. Without a store the history is opened by `open_history`. The
    course's part (Day N, progress, the report, the reminder) is `TrainerCourse`'s.
    """

    def __init__(
        self,
        routine: Routine,
        *,
        clock: Clock = time.monotonic,
        now: Now = datetime.now,
        store: HistoryStore | None = None,
        preferences: Preferences | None = None,
    ) -> None:
        self.clock = clock
        self.session_clock = StoppableClock(clock)
        """What sessions are timed by: `clock`, less any time the process was stopped (the app
        tells it of stops and carrying on)."""
        self.now = now
        self.preferences = preferences or Preferences.load()
        self._in_use = RoutineInUse(routine)
        self._store = store
        self.activities = ActivityLog(lambda: self._store, now, lambda: self.preferences)
        """The activities in the person's own words (`core/activity_log.py`)."""
        self._course_read: tuple[object, Course | None] | None = None
        """The course as last read, and what the history and the date were then: read again
        only once either has changed (the list, the progress screen and its report ask for it
        in turn, and a course of years takes a moment to add up)."""

    # ---- the history ---------------------------------------------------------------------------

    @property
    def history_open(self) -> bool:
        """The history is open (before that, the course is not known)."""
        return self._store is not None

    def open_history(self) -> list[str]:
        """Open the history unless it is open; what the person should be told about it.

        With years of sessions this takes tens of milliseconds (an integrity check), so the app
        calls it in a thread once its first screen is up. Call it from one thread at a time.
        """
        if self._store is None:
            from lowback_tui.core.history.store import HistoryStore

            store = HistoryStore.open(now=self.now)
            self._read_course(store)  # here, in the thread, not when the list asks for it
            self._store = store
        store = self._store
        return [message for message in (store.notice, store.problem, store.unreadable_notice)
                if message]  # fmt: skip

    def history_table(self) -> str:
        """Every past session, a line each."""
        from lowback_tui.core.history.text import session_table

        return session_table(self._store)

    def history_pages(self) -> HistoryPages:
        """Every past session, a line each, as `history_table` has them, read a page at a time
        as they are shown (the history screen)."""
        from lowback_tui.core.history.pages import HistoryPages

        return HistoryPages(self._store)

    # ---- the routine ---------------------------------------------------------------------------

    @property
    def routine(self) -> Routine:
        """The routine in use as its file has it: the last version of the file that loaded."""
        return self._in_use.routine

    @property
    def routine_path(self) -> Path:
        """The file of the routine in use."""
        return self._in_use.path

    @property
    def problems(self) -> list[Problem]:
        """What is wrong with the routine's file as it is now; [] most of the time."""
        return self._in_use.problems

    def routine_today(self) -> Routine:
        """The routine with the reps the person has moved up to by accepting offers."""
        if self._store is None:
            return self.routine
        from lowback_tui.core.course.one_more_rep import with_targets

        return with_targets(self.routine, self._store.targets(self.routine.name))

    def overview(self) -> Overview:
        """What the list of exercises shows."""
        return Overview(
            self.routine_today(), self.routine, self.course_status(), tuple(self.problems)
        )

    def check_routine_file(self) -> str | None:
        """Read the routine's file again if it changed meanwhile; what to tell the person."""
        return self._problems_notice() if self._in_use.refresh() else None

    def reread_after_edit(self) -> str | None:
        """Read the routine's file again after the person edited it; what to tell them, if the
        edit left problems (None: it is saved and fine)."""
        self._in_use.refresh(force=True)
        return self._problems_notice()

    def _problems_notice(self) -> str | None:
        problems = self.problems
        return wording.problems_notice(self.routine_path.name, len(problems)) if problems else None

    def use_routine(self, path: Path) -> list[Problem]:
        """Switch to the routine at `path` and remember the choice; its problems if it can't."""
        from lowback_tui.core.routine.file import load

        try:
            routine = load(path)
        except RoutineError as error:
            return error.problems
        self._in_use.switch(routine)
        self.preferences.change(routine=str(path))
        return []

    def _own_file(self) -> Path:
        """The person's own file of the routine in use: a bundled one is copied first, and the
        copy is then in use. OSError when it cannot be made, RoutineError when not read back."""
        from lowback_tui.core.routine.library import own_copy

        source = self.routine_path
        path = own_copy(source)
        if path != source:
            self._use_copy(path)
        return path

    def _use_copy(self, path: Path) -> None:
        """Switch to the person's fresh copy at `path` of the bundled routine in use; RoutineError
        when it cannot be read back."""
        if problems := self.use_routine(path):
            raise RoutineError(problems)

    def edit_routine(self) -> RoutineEdit:
        """An edit of the routine in use (`core/routine/editing.py`): a bundled one is copied
        first, and the copy is then the routine in use. The app shows an edit's problems on the
        list (with `e` at hand), so it is not asked again.

        OSError when the copy cannot be made, RoutineError when it cannot be read back,
        EditCannotStart when no editor can be.
        """
        from lowback_tui.core.routine.editing import RoutineEdit

        edit = RoutineEdit.begin(self.routine_path, ask_again=False)
        if edit.copied:
            self._use_copy(edit.path)
        return edit

    def adjust(self, index: int, what: Adjustable, step: int) -> Refused | None:
        """One step more or fewer of exercise `index`'s "reps" or "seconds", saved in the
        person's own copy of the routine; None once saved, else why it was not.

        One rep fewer of an exercise whose target was raised by accepting "one more rep" lowers
        that target first (in the history, down to the file's own reps); only below that is the
        file changed. Never while the file has problems: the last good version would be written
        over the person's unfinished edit.
        """
        from lowback_tui.core.routine.edits import adjusted, save_exercise

        if what == "reps" and step < 0 and self._lower_target(index):
            return None
        if self.problems:
            return Refused("Fix the file first (e opens it)", error=False)
        try:
            path = self._own_file()
            exercise = adjusted(self.routine.exercises[index], what, step)
            saved = save_exercise(path, self.routine, index, exercise)
        except (OSError, RoutineError) as error:
            return Refused(f"Not saved: {error}", error=True)
        self._in_use.switch(saved)
        return None

    def _lower_target(self, index: int) -> bool:
        """Undo one accepted "one more rep" of exercise `index`; False when none is left."""
        store = self._store
        raised = self.routine_today().exercises[index].reps
        written = self.routine.exercises[index]
        if store is None or raised <= written.reps:
            return False
        lower = raised - 1
        store.lower_target(self.routine.name, written.id, lower if lower > written.reps else None)
        return True

    # ---- a session -----------------------------------------------------------------------------

    @property
    def needs_safety_check(self) -> bool:
        """The person has not yet confirmed the safety information, shown before a first session."""
        return not self.preferences.settings.safety_read

    def confirm_safety(self) -> None:
        """The person has read the safety information: it is not shown before sessions again."""
        self.preferences.change(safety_read=True)

    def before_session(self, pain: int | None) -> BeforeSession | None:
        """What to say before a session given the rating `pain`: a severe rating offers the
        gentle routine or a rest day; a last session stopped because it hurt suggests the gentle
        routine and names the exercise. None: nothing to say, start as usual."""
        from lowback_tui.core.course.before_session import (
            GENTLE_ROUTINE,
            SEVERE_BEFORE,
            BeforeSession,
        )

        severe = pain is not None and pain >= SEVERE_BEFORE
        hurt = self._store.last_pain_stop() if self._store is not None else None
        if not severe and hurt is None:
            return None
        gentle = self.routine_path.stem != GENTLE_ROUTINE
        lines = []
        if severe:
            lines.append(wording.bad_day(pain or 0, gentle))
        if hurt is not None:
            lines.append(wording.after_pain_stop(hurt, gentle))
        return BeforeSession(" ".join(lines), gentle=gentle, rest=severe)

    def carry_on(self) -> CarryOn | None:
        """Today's latest session, if it ended early (q, ctrl+q, a closed terminal, a crash) with
        something done and something left, of today's routine as it is now; else None."""
        from lowback_tui.core.course.before_session import CarryOn

        store = self._store
        found = store.unfinished_today(self.now().date()) if store is not None else None
        if found is None:
            return None
        from lowback_tui.core.routine.file import fingerprint

        routine = self.routine_today()
        count = len(routine.exercises)
        if found.routine_hash != fingerprint(routine) or not 0 < found.start_at < count:
            return None
        name = routine.exercises[found.start_at].name
        return CarryOn(found.session_id, found.start_at, name, count, found.pain_before)

    def start_session(
        self,
        pain_before: int | None,
        announcer: Announcer | None = None,
        *,
        gentle: bool = False,
        carry_on: CarryOn | None = None,
        awake: Awake | None = None,
    ) -> SessionRun:
        """A session of today's routine, kept in the history from this moment (front ends call
        `start` on it when the countdown begins), announced through `announcer` if given.

        `gentle`: of the gentle routine instead, this once (the routine in use stays). `carry_on`:
        carry on today's session that ended early, as the same session (its rating before).
        `awake` keeps the screen awake while the session's clock runs.
        """
        from lowback_tui.core.session_run import SessionRun

        count = self.preferences.settings.count_seconds
        routine = self._gentle_routine() if gentle else self.routine_today()
        if carry_on is not None:
            return SessionRun(
                routine, self._store, carry_on.pain_before, self.session_clock, announcer, count,
                continues=carry_on.session_id, start_at=carry_on.start_at, awake=awake,
            )  # fmt: skip
        return SessionRun(
            routine, self._store, pain_before, self.session_clock, announcer, count, awake=awake
        )

    def _gentle_routine(self) -> Routine:
        """The gentle routine (the person's own copy if they have one), with its targets."""
        from lowback_tui.core.course.before_session import GENTLE_ROUTINE
        from lowback_tui.core.routine.file import load
        from lowback_tui.core.routine.library import resolve

        try:
            routine = load(resolve(GENTLE_ROUTINE))
        except RoutineError:
            return self.routine_today()  # a broken copy: the routine in use, rather than nothing
        if self._store is None:
            return routine
        from lowback_tui.core.course.one_more_rep import with_targets

        return with_targets(routine, self._store.targets(routine.name))
