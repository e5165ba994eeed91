"""One session, from the check-in before it to the check-in after, kept as it happens.

A front end passes on what the person does (pause, skip, it hurts) and shows the events that
come back; every exercise left is written to the history the moment it is left, so a crash
later loses nothing already done. After the session the run says what follows: the pain
ratings side by side, advice when the back is worse, and the offers of one more rep.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol

from lowback_tui.core import wording
from lowback_tui.core.course import advice, one_more_rep, trend
from lowback_tui.core.routine.file import fingerprint
from lowback_tui.core.routine.plan import Kind, active_seconds
from lowback_tui.core.session import words as session_words
from lowback_tui.core.session.engine import (
    Clock,
    Event,
    ExerciseFinished,
    Session,
    SessionFinished,
    State,
    View,
)
from lowback_tui.core.session.guidance import Cue, Guide, Say
from lowback_tui.core.session.picture_moment import PictureMoment, picture_moment
from lowback_tui.core.settings import COUNT_SECONDS

if TYPE_CHECKING:
    from lowback_tui.core.history.store import HistoryStore
    from lowback_tui.core.routine.model import Routine
    from lowback_tui.core.session.guidance import Announcer
    from lowback_tui.core.session.results import Summary


class Awake(Protocol):
    """Keeps the screen from blanking (desktop/awake.py on a real desktop). SessionRun holds it
    while the clock runs and releases it whenever it stops: a pause, the end, leaving. Neither
    call may raise, and each is called only when the state changes."""

    def hold(self) -> None: ...

    def release(self) -> None: ...


@dataclass(frozen=True)
class Aftermath:
    """What follows a session, once the person has said how their back is now.

    Each text is "" when there is nothing to say.
    """

    pain_line: str
    """The ratings before and after, side by side."""
    pain_advice: str
    """Advice to rest, when the back hurts clearly more than before."""
    trend_advice: str
    """Advice to see a professional, when two weeks of sessions have not helped."""
    offers: tuple[one_more_rep.Offer, ...]
    """Exercises ready for one more rep, to be answered one by one with `decide`."""


class SessionRun:
    """One session of `routine`, timed by `clock` and kept in `store` (None keeps nothing).

    `continues` (a session's id) carries on that session, which ended early, from exercise
    `start_at`: it is kept in the same row, so the course sees one session with all its parts.

    With an `announcer`, every change is announced from here, as the engine reports it: the
    sounds and words of `guidance`, with the last `count` seconds of each effort counted.

    With `awake`, the screen is kept awake while the clock runs, and only then: held at the start
    and on carrying on, released on a pause, at the end and when the session is left.
    """

    def __init__(
        self,
        routine: Routine,
        store: HistoryStore | None,
        pain_before: int | None,
        clock: Clock,
        announcer: Announcer | None = None,
        count: int = COUNT_SECONDS,
        *,
        continues: int | None = None,
        start_at: int = 0,
        awake: Awake | None = None,
    ) -> None:
        self.routine = routine
        self.pain_before = pain_before
        self.stopped_for_pain = False
        """The person stopped the session because it hurt."""
        self.summary: Summary | None = None
        """What was done, once the session is over."""
        self._session = Session(routine, clock=clock, start_at=start_at)
        self._store = store
        self.continues = continues is not None
        """This run carries on a session that ended early (the same session in the history)."""
        if store is None:
            self._id = None
        elif continues is not None:
            store.reopen(continues, start_at)
            self._id = continues
        else:
            self._id = store.begin(
                routine.name, fingerprint(routine), pain_before,
                planned_seconds=float(active_seconds(routine)), course_days=routine.course_days,
            )  # fmt: skip
        self._announcer = announcer
        self._guide = Guide(routine, count, start_at, clock)
        self._paused = False
        self._quiet = False
        """The session stopped because it hurt: none of its own cues are played any more."""
        self._offers_left: list[one_more_rep.Offer] = []
        """The offers of one more rep not answered yet, the first one asked now."""
        self._awake = awake
        self._holding = False
        """`awake` is held: the clock is running."""

    @property
    def problem(self) -> str | None:
        """Why the session is not being kept, if it is not (this can start mid-session)."""
        return "history is not being saved" if self._store is None else self._store.problem

    @property
    def state(self) -> State:
        """Where the session is in its life."""
        return self._session.state

    def view(self) -> View:
        """What to show now (after `advance`, to be up to date)."""
        return self._session.view()

    def picture(self, view: View) -> PictureMoment | None:
        """The pose to draw for `view` and its label (`session/picture_moment.py`), so every
        front end that draws shows the same; None when the exercise has no picture."""
        return picture_moment(view)

    # ---- what the person does; each returns the events it caused, already kept --------------

    def start(self) -> list[Event]:
        """Begin the first phase now."""
        return self._keep(self._session.start())

    def advance(self) -> list[Event]:
        """Catch up with the clock."""
        return self._keep(self._session.advance())

    def pause(self) -> list[Event]:
        """Freeze the time left."""
        return self._keep(self._session.pause())

    def resume(self) -> list[Event]:
        """Carry on from where the pause froze it."""
        return self._keep(self._session.resume())

    def toggle_pause(self) -> list[Event]:
        """Pause, or carry on."""
        return self._keep(self._session.toggle_pause())

    @property
    def settling(self) -> bool:
        """True while the clock runs on the time to settle in before the first exercise: the
        key that pauses (space, Enter in plain mode) starts at once instead."""
        return self.state is State.RUNNING and self.view().phase.kind is Kind.SETTLE

    def start_now(self) -> list[Event]:
        """End the time to settle in: on to the first exercise's get-ready, now."""
        return self._keep(self._session.start_now())

    def skip(self) -> list[Event]:
        """On to the next exercise (during a rest: end the rest)."""
        return self._keep(self._session.skip())

    def back(self) -> list[Event]:
        """Back to the previous exercise."""
        return self._keep(self._session.back())

    def restart_rep(self) -> list[Event]:
        """Do the current hold again."""
        return self._keep(self._session.restart_rep())

    def end(self) -> list[Event]:
        """End the session here; what is done is kept."""
        return self._keep(self._session.end())

    def stop_for_pain(self) -> list[Event]:
        """End the session at once because it hurts; the reason is kept (the voice stops and
        no chime plays; what is said after the session still is)."""
        self.stopped_for_pain = True
        if self._announcer is not None:
            self._announcer.hush()
        self._quiet = True
        return self._keep(self._session.end())

    def leave(self) -> None:
        """The front end is going away mid-session (quit, a signal): end and keep it here, and
        say nothing more. After the session's end it does nothing ("Session done." and what
        follows it are not cut off)."""
        if self.state is not State.FINISHED:
            self._silence()
        if self.state in (State.RUNNING, State.PAUSED):
            self.end()
        self._hold_while_running()

    def seconds_to_next_cue(self) -> float:
        """How long until something is to be announced within this phase (a count); inf when
        nothing is before the phase ends (the phase's end is announced as it is reached)."""
        view = self.view()
        if view.state is not State.RUNNING:
            return math.inf
        return self._guide.seconds_to_next_count(view)

    def _silence(self) -> None:
        """Say nothing more in this session."""
        if self._announcer is not None:
            self._announcer.hush()
            self._announcer = None

    def _keep(self, events: list[Event]) -> list[Event]:
        """Write what the events say to the history: each exercise left, and the end."""
        store = self._store
        for event in events:
            if isinstance(event, ExerciseFinished):
                if store is not None:
                    reps = self.routine.exercises[event.record.index].reps
                    store.record_exercise(self._id, event.record, reps)
            elif isinstance(event, SessionFinished):
                self.summary = event.summary
                if store is not None:
                    stopped = event.summary.ended_early or self.stopped_for_pain
                    at = self._session.on_exercise if stopped else None
                    store.finish(self._id, event.summary, self.stopped_for_pain, at)
        self._hold_while_running()
        self._announce(events)
        return events

    def _hold_while_running(self) -> None:
        """Keep the screen awake while the clock runs: hold or release as that changes."""
        running = self.state is State.RUNNING
        if self._awake is not None and running != self._holding:
            self._holding = running
            if running:
                self._awake.hold()
            else:
                self._awake.release()

    def _announce(self, events: list[Event]) -> None:
        """Play what the events (and the clock) call for; a pause silences."""
        cues = self._guide.cues(events, self.view())  # always: the guide follows every phase
        announcer = self._announcer
        if announcer is None or self._quiet:
            return
        paused = self.state is State.PAUSED
        if paused and not self._paused:
            announcer.hush()
            self._guide.hushed()
        elif cues and not paused:
            announcer.play(cues)
        self._paused = paused

    # ---- after the session ------------------------------------------------------------------

    def question_after(self) -> str:
        """The question after the session, which the front end asks: said (after "Session
        done.", never over it), with why the session stopped if it hurt."""
        first = [advice.STOPPED_FOR_PAIN] if self.stopped_for_pain else []
        self._tell([*first, session_words.BACK_NOW])
        return session_words.BACK_NOW

    def check_in_after(self, pain: int | None) -> Aftermath:
        """Keep how the back is now (None: not said), and say what follows from it (aloud too:
        the ratings, any advice, the first offer's question)."""
        store = self._store
        if store is not None:
            store.set_pain_after(self._id, pain)
        after = Aftermath(
            pain_line=advice.pain_line(self.pain_before, pain),
            pain_advice=advice.pain_went_up(self.pain_before, pain),
            trend_advice=advice.NOT_IMPROVING if self._not_improving() else "",
            offers=() if self.stopped_for_pain else tuple(self._offers()),
        )
        self._offers_left = list(after.offers)
        said = [wording.sentence(after.pain_line), after.pain_advice, after.trend_advice]
        self._tell([*said, *(one_more_rep.offer_question(o) for o in self._offers_left[:1])])
        return after

    def decide(self, offer: one_more_rep.Offer, accept: bool) -> None:
        """Keep the answer to an offer of one more rep; a yes raises the target. What the answer
        did is said, and the next offer's question."""
        if self._store is not None:
            self._store.decide_offer(
                self._id, self.routine.name, offer.exercise_id, offer.reps, accept
            )
        if offer in self._offers_left:
            self._offers_left.remove(offer)
        following = [one_more_rep.offer_question(o) for o in self._offers_left[:1]]
        self._tell([one_more_rep.offer_answered(offer, accept), *following])

    def _tell(self, lines: list[str]) -> None:
        """Say these after the session, each in turn after what is being said."""
        if self._announcer is not None and (said := [line for line in lines if line]):
            self._announcer.play([Cue(None, line, Say.IN_TURN) for line in said])

    def _offers(self) -> list[one_more_rep.Offer]:
        store = self._store
        if store is None or not store.saving:
            return []  # an answer that cannot be kept is not worth asking for
        return one_more_rep.offers(self.routine, partial(store.recent_results, self.routine.name))

    def _not_improving(self) -> bool:
        """TREND_RULE over the current course, read as its days' totals (`course_days`, as the
        Trainer reads it): a course of 274 years is 100,000 rows summed in SQL, not 100,000
        sessions made one by one (about a second after every session)."""
        from lowback_tui.core.history.days import course_days

        store = self._store
        found = store.latest_course() if store is not None else None
        if store is None or found is None:
            return False
        start, today = found[0], store.now().date()
        return trend.not_improving(course_days(store, start, today), start, today)
