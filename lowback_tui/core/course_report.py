"""The course report: what the course did and how the back moved, with an honest next step.

Shown at the end of a course, on the progress screen and by `lowback report` (as text, or as
Markdown to take to an appointment). It compares the first and the last week's pain before
sessions against the smallest change people notice (course.change) and never promises a cure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from lowback_tui.core import advice, course, wording

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lowback_tui.core.history_rows import SessionRow


class NextStep(StrEnum):
    """What to do after this report."""

    KEEP_GOING = "keep going"
    MAINTENANCE = "maintenance"
    SEE_SOMEONE = "see someone"


@dataclass(frozen=True)
class CourseReport:
    """The course so far, ready to show: ``rows()`` for a table, ``lines()``/``text()`` for a
    terminal, ``markdown()`` for a file. Every field is a plain value; pain is 0 to 10."""

    start: date
    """The course's first day."""
    today: date
    day: int
    """Day N of the course (calendar days since `start`, today included)."""
    days: int
    """The course's planned length in days."""
    sessions: int
    """Sessions in the course with any exercise time."""
    days_done: int
    """Days whose sessions did at least half the planned active time (course.HALF)."""
    active_seconds: float
    """Time spent holding or working in the course."""
    pain_start: float | None
    """The first week's mean rating before sessions; None with too few rated days."""
    pain_now: float | None
    """The last week's mean rating before sessions; None with too few rated days."""
    change: course.Change | None
    """How the pain moved, against the ~2-point / 30 % change people notice; None with too few
    rated days."""
    next_step: NextStep
    finished: bool
    """The course's planned days are over."""

    @property
    def change_words(self) -> str:
        """How the pain moved, in a sentence."""
        first, now = self.pain_start, self.pain_now
        if first is None or now is None or self.change is None:
            return (
                "There are too few ratings to compare yet: rate your back before sessions on at "
                f"least {course.TREND_MIN_RATINGS // 2} days near the start and "
                f"{course.TREND_MIN_RATINGS // 2} near the end to see how it changes."
            )
        noticeable = (
            f"the change of about {course.NOTICEABLE_FALL_POINTS} points "
            f"(or {round(course.NOTICEABLE_FALL_SHARE * 100)} %) that people notice as better"
        )
        fall = first - now
        share = f" ({int(fall / first * 100 + 1e-9)} %)" if first > 0 else ""
        if self.change is course.Change.BETTER:
            return f"Your pain fell by {fall:.1f} points{share}: at least {noticeable}."
        if self.change is course.Change.WORSE:
            return f"Your pain rose by {-fall:.1f} points."
        if fall > 0:
            return f"Your pain fell by {fall:.1f} points{share}, less than {noticeable}."
        if fall < 0:
            return f"Your pain rose by {-fall:.1f} points, less than people usually notice."
        return "Your pain is about the same as at the start."

    @property
    def next_step_words(self) -> str:
        """The honest next step, in a sentence or two."""
        if self.next_step is NextStep.SEE_SOMEONE:
            why = (
                "Your pain has risen since the start of the course"
                if self.change is course.Change.WORSE
                else "After two weeks of the routine your back still hurts and has not got "
                "noticeably better"
            )
            return (
                f"{why}: see a doctor or physiotherapist about it, and ask them before you go on "
                "with the routine. You can take this report with you."
            )
        if self.next_step is NextStep.MAINTENANCE:
            return (
                "Your pain is low now. To help keep it that way, keep a few of the moves you "
                "like 2 to 3 times a week, and go back to the daily routine if the pain returns."
            )
        better = self.change is course.Change.BETTER
        if not self.finished:
            left = self.days - self.day + 1
            go_on = f"Keep going: {course.plural_days(left)} of the course to go."
        elif better:
            go_on = (
                "Your back is getting better and still hurts some: keep going with the daily "
                "routine while it helps."
            )
        else:
            go_on = "Keep going with the daily routine while it helps."
        if better:
            return f"{go_on} If it stops getting better, see a doctor or physiotherapist."
        return (
            f"{go_on} If your back is no better after about two weeks of the routine, see a "
            "doctor or physiotherapist."
        )

    def rows(self) -> list[tuple[str, str]]:
        """The figures as (label, value)."""
        if self.day > self.days:
            day = f"day {self.day}, past its {course.plural_days(self.days)}"
        else:
            day = f"day {self.day} of {self.days}"
        found = [
            ("Course", f"began {self.start:%-d %B %Y}; today is {day}"),
            ("Sessions", str(self.sessions)),
            ("Days done", f"{self.days_done} of {self.days}"),
            ("Time exercising", wording.long_duration(self.active_seconds)),
        ]
        if self.pain_start is not None and self.pain_now is not None:
            found += [
                ("Pain at the start", f"{self.pain_start:.1f} of 10 (first week, before sessions)"),
                ("Pain now", f"{self.pain_now:.1f} of 10 (last week, before sessions)"),
            ]
        else:
            found.append(("Pain", "too few ratings to compare yet"))
        return found

    def lines(self) -> list[str]:
        """The report as lines of plain text."""
        return [
            "Your course report",
            "",
            *(f"{label}: {value}" for label, value in self.rows()),
            "",
            self.change_words,
            "",
            f"Next step: {self.next_step_words}",
            "",
            advice.NOT_CARE,
        ]

    def text(self) -> str:
        """The report as plain text, a line each."""
        return "\n".join(self.lines())

    def markdown(self) -> str:
        """The report as Markdown, to print or take to an appointment."""
        table = "\n".join(f"| {label} | {value} |" for label, value in self.rows())
        return (
            f"# lowback course report, {self.today:%-d %B %Y}\n\n"
            f"| | |\n| --- | --- |\n{table}\n\n"
            f"**How the pain changed:** {self.change_words}\n\n"
            f"**Next step:** {self.next_step_words}\n\n"
            "Pain is rated from 0 (no pain) to 10 (the worst imaginable) before each session. "
            f"A day is done when its sessions did at least {round(course.HALF * 100)} % of the "
            "routine's planned exercise time.\n\n"
            f"*{advice.NOT_CARE}*\n"
        )


def next_step(
    change: course.Change | None, pain_now: float | None, finished: bool, not_improving: bool
) -> NextStep:
    """See someone when pain rose or is not improving; after the course, a maintenance routine
    once pain is low; otherwise keep going."""
    if change is course.Change.WORSE or not_improving:
        return NextStep.SEE_SOMEONE
    if not finished or pain_now is None:
        return NextStep.KEEP_GOING
    if pain_now < course.PAIN_WORTH_TREATING:
        return NextStep.MAINTENANCE
    return NextStep.KEEP_GOING


def course_report(
    sessions: Sequence[SessionRow], start: date, days: int, today: date, planned_seconds: float
) -> CourseReport:
    """The report of the course that began on `start`, from its sessions (course.status's model
    of done days, course.pain_ends and course.change for the pain)."""
    sessions = [s for s in sessions if start <= s.day <= today]
    status = course.status(sessions, start, days, today, planned_seconds)
    ends = course.pain_ends(sessions)
    first, now = ends if ends is not None else (None, None)
    change = course.change(*ends) if ends is not None else None
    return CourseReport(
        start=start,
        today=today,
        day=status.day,
        days=days,
        sessions=sum(1 for s in sessions if s.active_seconds > 0),
        days_done=status.completed_days,
        active_seconds=sum(s.active_seconds for s in sessions),
        pain_start=first,
        pain_now=now,
        change=change,
        next_step=next_step(change, now, status.finished, course.not_improving(sessions)),
        finished=status.finished,
    )
