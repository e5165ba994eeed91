"""Activities in the person's own words: what they find hard ("putting on socks", "sitting 30
minutes"), each rated 0 (cannot do it) to 10 (as well as before the back trouble), and how the
ratings move over the course. Pure rules, like the rest of course/: when to ask, and whether a
change is more than the noise of rating.

The method is the Patient-Specific Functional Scale's (Stratford, Gill, Westaway and Binkley,
Physiotherapy Canada 1995), in lowback's own words: up to three activities named by the person,
each rated on the same 0-10 scale every time. Its thresholds are below, each with its source.
Issue 25 builds the asking, the storing and the showing on these rules; nothing here promises
that an activity will get easier.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from lowback_tui.core.course.rules import TREND_WEEK, at_least
from lowback_tui.core.safe_text import visible

MAX_ACTIVITIES = 3
"""Up to three activities, as the method asks (Stratford et al. 1995)."""
RATING_RANGE = (0, 10)
"""0: unable to do the activity; 10: able to do it as before the problem."""
MEANINGFUL_CHANGE_MEAN = 2.0
"""A change of the mean of the activities' ratings that is more than measurement noise: about 2
points (Stratford et al. 1995; Abbott and Schmitt, JOSPT 2014, put the smallest meaningful
change between 1.3 and 2.7)."""
MEANINGFUL_CHANGE_ONE = 3.0
"""The same for a single activity, whose rating alone moves more from one time to the next:
about 3 points (Stratford et al. 1995)."""
NAME_LENGTH = 40
"""The most characters of an activity's name kept: a few words ("sitting 30 minutes"), on one
line of a 40-column terminal. Not a threshold of the method: a limit on what a person types."""


def clean_name(text: str) -> str:
    """A name as typed, made one line safe to show (`safe_text.visible`: no control character),
    its spaces closed up, and cut to NAME_LENGTH."""
    return visible(" ".join(text.split()))[:NAME_LENGTH].strip()


def parse_rating(text: str) -> int | None:
    """A rating typed: a whole number in RATING_RANGE, ASCII digits only; None for anything
    else ("11", "-1", "5.5", "²")."""
    text = text.strip()
    if not (0 < len(text) <= 2 and text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if RATING_RANGE[0] <= value <= RATING_RANGE[1] else None


def problem(names: Sequence[str], ratings: Sequence[int | None]) -> str | None:
    """What is wrong with activities as answered (each name cleaned, a rating for each), in a
    few words for the person; None when they can be kept."""
    if len(names) > MAX_ACTIVITIES:
        return f"Up to {MAX_ACTIVITIES} activities"
    if any(not name for name in names):
        return "Give each activity a name"
    if len({name.casefold() for name in names}) < len(names):
        return "Name each activity once"
    low, high = RATING_RANGE
    if len(ratings) != len(names) or any(
        rating is None or not low <= rating <= high for rating in ratings
    ):
        return f"Rate each activity from {low} to {high}"
    return None


def course_week(start: date, day: date) -> int:
    """The week of the course `day` falls in: week 1 is its first TREND_WEEK days (0 before it
    began)."""
    days = (day - start).days
    return days // TREND_WEEK + 1 if days >= 0 else 0


class Ask(StrEnum):
    """What to ask before a session, about the activities."""

    NAME_AND_RATE = "name and rate"
    """None named yet in this course: ask for up to three, and a rating of each."""
    RATE = "rate"
    """The first session of a course week not rated yet: the same activities, rated again."""
    NOTHING = "nothing"


def to_ask(start: date, today: date, named: Sequence[str], rated_weeks: set[int]) -> Ask:
    """At the first session of a course (and until some are named; skipping is always allowed),
    ask for the activities; at the first session of each later week, for their ratings only."""
    if not named:
        return Ask.NAME_AND_RATE
    week = course_week(start, today)
    return Ask.RATE if week >= 1 and week not in rated_weeks else Ask.NOTHING


class Change(StrEnum):
    """How a rating moved from the first time it was given to the latest."""

    BETTER = "better"
    """Rose by the meaningful change or more: the activity is easier."""
    NO_CLEAR_CHANGE = "no clear change"
    WORSE = "worse"
    """Fell by the meaningful change or more."""


def change(first: float, latest: float, meaningful: float) -> Change:
    """Higher is better here (the pain scale is the other way round)."""
    if at_least(latest - first, meaningful):
        return Change.BETTER
    if at_least(first - latest, meaningful):
        return Change.WORSE
    return Change.NO_CLEAR_CHANGE


class Moved(NamedTuple):
    """One activity's (or the mean's) first and latest rating, and what that change means."""

    name: str
    first: float
    latest: float
    change: Change


def moved(by_week: Mapping[int, Mapping[str, int]]) -> list[Moved]:
    """Each activity's first and latest rating over the weeks rated (`by_week`: week -> name ->
    rating), then their mean's when more than one was rated both times; an activity rated only
    once is not compared. Empty with fewer than two rated weeks."""
    weeks = sorted(week for week, ratings in by_week.items() if ratings)
    if len(weeks) < 2:
        return []
    first, latest = by_week[weeks[0]], by_week[weeks[-1]]
    both = [name for name in first if name in latest]
    found = [
        Moved(name, first[name], latest[name],
              change(first[name], latest[name], MEANINGFUL_CHANGE_ONE))
        for name in both
    ]  # fmt: skip
    if len(both) > 1:
        before = statistics.fmean(first[name] for name in both)
        after = statistics.fmean(latest[name] for name in both)
        found.append(Moved("", before, after, change(before, after, MEANINGFUL_CHANGE_MEAN)))
    return found
