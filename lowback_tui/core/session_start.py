"""The steps before a session, in one place: the safety information (once), carrying on today's
session that ended early, how the back is now, a bad day's offer, the activities (when the
course asks for them), then the start.

`SessionStart` decides which step comes next and what each answer does; a front end only asks
the question of the step it is given (a screen, or a line) and hands the answer back:

    start = SessionStart(trainer, announcer)
    while not isinstance(step := start.step, Begin | NoSession):
        start.answer(ask(step))          # (each front end's own way of asking)

The app and plain mode both drive it, so the order of the steps and what a rest day or a
declined safety screen means can never differ between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lowback_tui.core import wording
from lowback_tui.core.activity_log import ActivityAnswer, ActivityQuestion, answer_problem
from lowback_tui.core.course.before_session import CARRY_ON, GENTLE, REST, BeforeSession, CarryOn

if TYPE_CHECKING:
    from lowback_tui.core.session.guidance import Announcer
    from lowback_tui.core.session_run import Awake, SessionRun
    from lowback_tui.core.trainer import Trainer

PAIN_QUESTION = "How is your back right now?"


@dataclass(frozen=True)
class AskSafety:
    """Show the safety information; the answer is True once the person confirms it."""


@dataclass(frozen=True)
class AskCarryOn:
    """Offer to carry on today's session that ended early; the answer is True to carry on."""

    carry_on: CarryOn
    detail: str = wording.CARRY_ON_DETAIL


@dataclass(frozen=True)
class AskPain:
    """Ask for a rating before the session; the answer is 0-10, or None for no rating."""

    question: str = PAIN_QUESTION


@dataclass(frozen=True)
class AskBadDay:
    """A bad day: say `before.message`, offer what it offers; the answer is GENTLE, REST or
    CARRY_ON (None: the person went back without choosing)."""

    before: BeforeSession


@dataclass(frozen=True)
class AskActivities:
    """Ask about the activities (`question`: name and rate them, or rate the named ones again);
    the answer is an ActivityAnswer, or None to skip (always allowed: nothing is kept, and the
    first session of the next course week asks again). An answer the core refuses asks again
    with `problem`."""

    question: ActivityQuestion
    problem: str | None = None


@dataclass(frozen=True)
class Begin:
    """The session is made: show it."""

    run: SessionRun


@dataclass(frozen=True)
class NoSession:
    """No session today after all; `message`, when there is one, is what to tell the person."""

    message: str | None = None


Step = AskSafety | AskCarryOn | AskPain | AskBadDay | AskActivities | Begin | NoSession
Answer = bool | int | str | ActivityAnswer | None


class SessionStart:
    """The steps before one session (see the module's docstring). `step` is the one to ask now;
    `answer` gives it its answer and moves on; `cancel` stops here (no session, nothing said)."""

    def __init__(
        self, trainer: Trainer, announcer: Announcer | None = None, awake: Awake | None = None
    ) -> None:
        self._trainer = trainer
        self._announcer = announcer
        self._awake = awake
        """Keeps the screen awake while the session's clock runs (passed on to its SessionRun)."""
        self._pain: int | None = None
        self._gentle = False
        self._activities: ActivityAnswer | None = None
        """Kept once the session has begun (and with it, on a first session, its course)."""
        self.step: Step = AskSafety() if trainer.needs_safety_check else self._after_safety()

    def answer(self, value: Answer) -> Step:
        """The answer to `step` (what each step's docstring says it takes); the next step."""
        trainer, step = self._trainer, self.step
        if isinstance(step, AskSafety):
            if value is True:
                trainer.confirm_safety()
                self.step = self._after_safety()
            else:
                self.step = NoSession()
        elif isinstance(step, AskCarryOn):
            if value is True:
                self.step = Begin(
                    trainer.start_session(
                        None, self._announcer, carry_on=step.carry_on, awake=self._awake
                    )
                )
            else:
                self.step = AskPain()
        elif isinstance(step, AskPain):
            self._pain = value if isinstance(value, int) and not isinstance(value, bool) else None
            before = trainer.before_session(self._pain)
            self.step = self._activities_or_start() if before is None else AskBadDay(before)
        elif isinstance(step, AskBadDay):
            if value == REST:
                trainer.rest_today()  # the daily reminder stays quiet today
                self.step = NoSession(wording.REST_TODAY)
            elif value in (GENTLE, CARRY_ON):
                self._gentle = value == GENTLE
                self.step = self._activities_or_start()
            else:
                self.step = NoSession()
        elif isinstance(step, AskActivities):
            self.step = self._after_activities(step, value)
        return self.step

    def cancel(self) -> None:
        """The person went back from a question: no session, nothing to say."""
        self.step = NoSession()

    def _after_safety(self) -> Step:
        carry_on = self._trainer.carry_on()
        return AskPain() if carry_on is None else AskCarryOn(carry_on)

    def _activities_or_start(self) -> Step:
        question = self._trainer.activities.to_ask()
        return self._start() if question is None else AskActivities(question)

    def _after_activities(self, step: AskActivities, value: Answer) -> Step:
        if isinstance(value, ActivityAnswer) and value.names:
            if (wrong := answer_problem(value)) is not None:
                return AskActivities(step.question, wrong)
            self._activities = value
        else:
            self._trainer.activities.skip()  # asked again at the next course week's first session
        return self._start()

    def _start(self) -> Begin:
        run = self._trainer.start_session(
            self._pain, self._announcer, gentle=self._gentle, awake=self._awake
        )
        if self._activities is not None:  # its course is there now
            self._trainer.activities.record(self._activities)
        return Begin(run)
