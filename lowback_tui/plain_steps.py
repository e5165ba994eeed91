"""Plain mode's side of the steps before a session (core/session_start.py): each step asked as a
line, the safety information said first. plain.py's run calls `begin`; the order of the steps and
what each answer means are the core's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from lowback_tui.core.course import advice
from lowback_tui.core.course.before_session import CARRY_ON, GENTLE, REST
from lowback_tui.core.session.guidance import Announcer
from lowback_tui.core.session_start import (
    AskActivities,
    AskBadDay,
    AskCarryOn,
    AskPain,
    AskSafety,
    Begin,
    SessionStart,
)

if TYPE_CHECKING:
    from lowback_tui.core.activity_log import ActivityAnswer, ActivityQuestion
    from lowback_tui.core.session_run import Awake, SessionRun
    from lowback_tui.core.trainer import Trainer


class InputEnded(Exception):
    """The input ended before a session began."""


class Lines(Announcer, Protocol):
    """What the steps need of plain mode: its lines out and in (and it announces the session)."""

    ended: bool
    """No more input can come."""

    def say(self, line: str) -> None: ...
    def note(self, message: str) -> None: ...
    def ask(self, question: str) -> str | None: ...
    def ask_pain(self, question: str) -> int | None: ...


def begin(lines: Lines, trainer: Trainer, awake: Awake | None) -> SessionRun | None:
    """The steps before a session, as the core's SessionStart orders them (safety once,
    carrying on, how the back is, a bad day, the activities), each asked as a line; None: no
    session today."""
    start = SessionStart(trainer, announcer=lines, awake=awake)
    while True:
        step = start.step
        if isinstance(step, AskSafety):
            start.answer(read := safety(lines))
            if read and trainer.preferences.not_saved:
                lines.note(f"settings not saved ({trainer.preferences.not_saved}); the safety "
                          "information will be shown again next time")  # fmt: skip
        elif isinstance(step, AskCarryOn):
            lines.say(step.detail)
            answer = lines.ask(f"{step.carry_on.question} (y carries on, n starts again)")
            start.answer((answer or "").lower().startswith("y"))
        elif isinstance(step, AskPain):
            pain = lines.ask_pain(step.question)
            if lines.ended:  # no answer came, and none can: nobody is there to pause or stop it
                raise InputEnded
            start.answer(pain)
        elif isinstance(step, AskBadDay):
            before = step.before
            lines.say(before.message)
            keys = {"g": GENTLE} if before.gentle else {}
            keys |= {"r": REST} if before.rest else {}
            offered = ", ".join(f"{key} {what}" for key, what in keys.items())
            answer = lines.ask(f"{offered}{', ' if offered else ''}or c to carry on:") or ""
            start.answer(keys.get(answer.strip().lower()[:1], CARRY_ON))
        elif isinstance(step, AskActivities):
            if step.problem:
                lines.say(step.problem + ".")
            start.answer(activities(lines, step.question))
        elif isinstance(step, Begin):
            return step.run
        else:  # NoSession
            if step.message:
                lines.say(step.message)
            return None


def safety(lines: Lines) -> bool:
    """The safety information; True once the person confirms it."""
    lines.say("Before you exercise. " + advice.NOT_CARE)
    for n, (head, items) in enumerate(advice.safety_sections()):
        lines.say(head)
        for item in items:
            lines.say(f"- {item}" if item.endswith((".", "!", "?")) else f"- {item}.")
        if n == 1:  # after both tiers of warning signs
            lines.say(advice.SEE_A_DOCTOR_FIRST)
    answer = lines.ask("Press Enter once you have read this, or type q to stop:")
    if answer is None:
        raise InputEnded
    return answer.lower() != "q"


def activities(lines: Lines, question: ActivityQuestion) -> ActivityAnswer | None:
    """The activities asked a line each: up to three names (when naming) and a rating of each;
    an empty line (or the input ending) skips them all. None: skipped."""
    from lowback_tui.core import wording
    from lowback_tui.core.activity_log import ActivityAnswer
    from lowback_tui.core.course.activities import MAX_ACTIVITIES, clean_name

    lines.say(wording.activities_intro(question.naming, question.week))
    names: list[str] = []
    ratings: list[int | None] = []
    while len(names) < (MAX_ACTIVITIES if question.naming else len(question.names)):
        if question.naming:
            more = " (or Enter when done)" if names else " (or Enter to skip)"
            name = clean_name(lines.ask(f"Activity {len(names) + 1}{more}:") or "")
            if not name:
                break
        else:
            name = question.names[len(names)]
        rating = _rating(lines, name)
        if rating is None:
            return None
        names.append(name)
        ratings.append(rating)
    if not names:
        return None
    return ActivityAnswer(tuple(names), tuple(ratings))


def _rating(lines: Lines, name: str) -> int | None:
    """A 0-10 rating of `name`, asked up to three times; None: skipped (Enter, or input ended)."""
    from lowback_tui.core.course.activities import parse_rating

    for _ in range(3):
        typed = lines.ask(f"{name}: 0 to 10, or Enter to skip:")
        if not (typed or "").strip():
            return None
        rating = parse_rating(typed or "")
        if rating is not None:
            return rating
        lines.say("Please type a whole number from 0 to 10, or Enter to skip.")
    lines.say("Skipped: no activities recorded.")
    return None
