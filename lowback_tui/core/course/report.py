"""The course report: what the course did and how the back moved, with an honest next step.

Shown at the end of a course, on the progress screen and by `lowback report` (as text, or as
Markdown to take to an appointment). It compares the pain before sessions in week 1 of the course
with a later week (trend.pain_trend) against the smallest change people notice (trend.change),
shows the latest ratings beside them, and never promises a cure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from lowback_tui.core import wording
from lowback_tui.core.course import advice
from lowback_tui.core.course import rules as course
from lowback_tui.core.course import trend as trends

if TYPE_CHECKING:
    from lowback_tui.core.course.report_activities import ActivitiesReport
    from lowback_tui.core.history.day_totals import Sessions


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
    status: course.Status
    """Where the course is (course.status): its day, length, done days, days left."""
    sessions: int
    """Sessions in the course with any exercise time."""
    active_seconds: float
    """Time spent holding or working in the course."""
    trend: trends.PainTrend
    """Week 1's pain before sessions, a later week's, and the latest ratings."""
    next_step: NextStep
    activities: ActivitiesReport | None = None
    """The activities the person named and how their ratings moved (report_activities.py);
    None, and no section, when none were named."""

    @property
    def day(self) -> int:
        """Day N of the course (calendar days since `start`, today included)."""
        return self.status.day

    @property
    def days(self) -> int:
        """The course's planned length in days."""
        return self.status.days

    @property
    def days_done(self) -> int:
        """Days whose sessions did at least half of their routines (course.HALF)."""
        return self.status.completed_days

    @property
    def finished(self) -> bool:
        """The course's planned days are over."""
        return self.status.finished

    @property
    def change(self) -> trends.Change | None:
        """How the pain moved from week 1 to the later week, against the ~2-point / 30 % change
        people notice; None with too few rated days."""
        return self.trend.change

    @property
    def change_words(self) -> str:
        """How the pain moved, in a sentence or two."""
        ends = self.trend.ends
        if ends is None:
            return self._too_few()
        first, now = ends
        noticeable = (
            f"the change of about {course.NOTICEABLE_FALL_POINTS} points "
            f"(or {round(course.NOTICEABLE_FALL_SHARE * 100)} %) that people notice as better"
        )
        fall = first - now
        share = f" ({int(fall / first * 100 + 1e-9)} %)" if first > 0 else ""
        change = self.change
        lately = self.trend.lately
        if self.trend.falling_lately and lately is not None:
            lower = first - lately
            return (
                f"Your pain fell by {fall:.1f} points{share} from week 1 to the later week, and "
                f"your latest {len(self.trend.latest)} ratings average {lately:.1f}, "
                f"{lower:.1f} points ({int(lower / first * 100 + 1e-9)} %) below week 1: at "
                f"least {noticeable}."
            )
        if change is trends.Change.BETTER:
            return f"Your pain fell by {fall:.1f} points{share}: at least {noticeable}."
        if change is trends.Change.WORSE:
            return f"Your pain rose by {-fall:.1f} points."
        if fall > 0:
            return f"Your pain fell by {fall:.1f} points{share}, less than {noticeable}."
        if fall < 0:
            return f"Your pain rose by {-fall:.1f} points, less than people usually notice."
        return "Your pain is about the same as at the start."

    def _too_few(self) -> str:
        """Which ratings are missing for a comparison, plainly."""
        first, need = self.trend.first, course.WEEK_MIN_RATINGS
        rated = wording.plural(len(first.ratings), "day")
        if first.over and not first.enough:
            return (
                f"This course cannot show how your pain changed: your back was rated before "
                f"sessions on {rated} of week 1 (days 1-{course.TREND_WEEK}), and comparing "
                f"needs {need}. A new course (c on the list) begins a new week 1."
            )
        if not first.enough:
            return (
                "There are too few ratings to compare yet: comparing needs your back rated "
                f"before sessions on at least {need} days of week 1 (days 1-{course.TREND_WEEK}; "
                f"{len(first.ratings)} so far) and of a later week."
            )
        current = self.trend.current
        so_far = f" ({current.label}: {len(current.ratings)} rated)" if current.week > 1 else ""
        return (
            "There are too few ratings to compare yet: comparing week 1 needs a later week with "
            f"your back rated before sessions on at least {need} of its days{so_far}."
        )

    @property
    def next_step_words(self) -> str:
        """The honest next step, in a sentence or two."""
        if self.next_step is NextStep.SEE_SOMEONE:
            why = (
                "Your pain has risen since the start of the course"
                if self.change is trends.Change.WORSE
                else f"{course.BY_TREND_DAY.capitalize()} your back still hurts and has not got "
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
        better = self.change is trends.Change.BETTER
        if not self.finished:
            go_on = f"Keep going: {course.plural_days(self.status.days_left)} of the course to go."
        elif better:
            go_on = (
                "Your back is getting better and still hurts some: keep going with the daily "
                "routine while it helps."
            )
        else:
            go_on = "Keep going with the daily routine while it helps."
        if better:
            return f"{go_on} If it stops getting better, see a doctor or physiotherapist."
        if self.day < course.TREND_DAYS:
            when = course.BY_TREND_DAY
        else:
            when = "than at the start of your course"
        return f"{go_on} If your back is no better {when}, see a doctor or physiotherapist."

    def rows(self) -> list[tuple[str, str]]:
        """The figures as (label, value)."""
        if self.day > self.days:
            day = f"day {self.day}, past its {course.plural_days(self.days)}"
        else:
            day = f"day {self.day} of {self.days}"
        return [
            ("Course", f"began {self.start:%-d %B %Y}; today is {day}"),
            ("Sessions", str(self.sessions)),
            ("Days done", self._days_done()),
            ("Time exercising", wording.long_duration(self.active_seconds)),
            *self._pain_rows(),
        ]

    def _days_done(self) -> str:
        """Done days against the plan: "12 of 21", or "23 (the course planned 21)" past it."""
        if self.days_done > self.days:
            return f"{self.days_done} (the course planned {self.days})"
        return f"{self.days_done} of {self.days}"

    def _pain_rows(self) -> list[tuple[str, str]]:
        """Week 1's mean, the later week's, and the latest ratings, or what is missing."""
        trend, need = self.trend, course.WEEK_MIN_RATINGS
        if not trend.latest:
            return [("Pain", "no ratings before sessions yet")]
        first = trend.first
        if first.enough and first.mean is not None:
            start = f"{first.mean:.1f} of 10 ({first.label}, before sessions)"
        else:
            start = f"too few ratings ({first.label}: {len(first.ratings)} of the {need} needed)"
        last = trend.last
        if last is not None and last.mean is not None:
            lately = f"{last.mean:.1f} of 10 ({last.label}, before sessions)"
        else:
            lately = f"no later week rated on {need} days yet"
        latest = ", ".join(f"{value:g} on {day:%-d %b}" for day, value in trend.latest)
        return [("Pain at the start", start), ("Pain lately", lately), ("Latest ratings", latest)]

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
            *([*self.activities.lines(), ""] if self.activities is not None else []),
            advice.NOT_CARE,
        ]

    def text(self) -> str:
        """The report as plain text, a line each."""
        return "\n".join(self.lines())

    def markdown(self) -> str:
        """The report as Markdown, to print or take to an appointment."""
        table = "\n".join(f"| {label} | {value} |" for label, value in self.rows())
        activities = ""  # a section of its own, ended by a rule before the note under it all
        if self.activities is not None:
            activities = f"{self.activities.markdown()}\n---\n\n"
        return (
            f"# lowback course report, {self.today:%-d %B %Y}\n\n"
            f"| | |\n| --- | --- |\n{table}\n\n"
            f"**How the pain changed:** {self.change_words}\n\n"
            f"**Next step:** {self.next_step_words}\n\n"
            "Pain is rated from 0 (no pain) to 10 (the worst imaginable) before each session. "
            f"A day is done when its sessions did at least {round(course.HALF * 100)} % of the "
            "planned exercise time of the routine each of them used. Week 1 is days 1 to "
            f"{course.TREND_WEEK} of the course, week 2 days {course.TREND_WEEK + 1} to "
            f"{2 * course.TREND_WEEK}, and so on. {course.TREND_RULE}\n\n"
            f"{activities}"
            f"*{advice.NOT_CARE}*\n"
        )


def next_step(
    change: trends.Change | None, pain_now: float | None, finished: bool, not_improving: bool
) -> NextStep:
    """See someone when pain rose or is not improving; after the course, a maintenance routine
    once pain is low; otherwise keep going."""
    if change is trends.Change.WORSE or not_improving:
        return NextStep.SEE_SOMEONE
    if not finished or pain_now is None:
        return NextStep.KEEP_GOING
    if pain_now < course.PAIN_WORTH_TREATING:
        return NextStep.MAINTENANCE
    return NextStep.KEEP_GOING


def course_report(
    sessions: Sessions,
    start: date,
    days: int,
    today: date,
    activities: ActivitiesReport | None = None,
) -> CourseReport:
    """The report of the course that began on `start`, from its sessions: course.status for its
    days, trend.pain_trend and trends.change for the pain, trend.not_improving for the rule; and
    its `activities` section, if any were named."""
    status = course.status(sessions, start, days, today)
    trend = trends.pain_trend(sessions, start, today)
    ends = trend.ends
    change = trend.change
    in_it = course.in_course(sessions, start, today)
    return CourseReport(
        start=start,
        today=today,
        status=status,
        sessions=sum(day.sessions for day in in_it),
        active_seconds=sum(day.active_seconds for day in in_it),
        trend=trend,
        next_step=next_step(
            change,
            ends[1] if ends is not None else None,
            status.finished,
            trends.not_improving(sessions, start, today),
        ),
        activities=activities,
    )
