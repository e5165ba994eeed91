"""The course report's "Activities" section: each activity the person named, its first and latest
rating and their mean's, each against the change that is more than the noise of rating.

The rules are activities.py's (`moved`: the first rated week against the latest, an activity
compared only when rated in both, the mean only over more than one such activity; `change` against
MEANINGFUL_CHANGE_ONE and MEANINGFUL_CHANGE_MEAN), so the report and the progress screen never
disagree. Said in lowback's own words, the method's source named, nothing promised: a rise says the
activity may have got easier, no more.

A course with no activity named has no section (skipping the question is always allowed, and the
report does not remind anyone of it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lowback_tui.core import wording
from lowback_tui.core.course.activities import (
    MEANINGFUL_CHANGE_MEAN,
    MEANINGFUL_CHANGE_ONE,
    RATING_RANGE,
    Change,
    Moved,
    moved,
)

SOURCE = (
    "Each activity is one you named as hard because of your back, rated from "
    f"{RATING_RANGE[0]} (unable to do it) to {RATING_RANGE[1]} (as well as before the back "
    "trouble) at the first session of each course week: the method of the Patient-Specific "
    "Functional Scale (Stratford et al., Physiotherapy Canada 1995), in lowback's own words. A "
    f"change of about {MEANINGFUL_CHANGE_MEAN:g} points in the mean of the ratings, or "
    f"{MEANINGFUL_CHANGE_ONE:g} in one activity, is more than the noise of rating; Abbott and "
    "Schmitt (JOSPT 2014) put the smallest meaningful change at 1.3 to 2.7 points."
)
"""Where the method and its thresholds come from, said under the section."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")


def escape_markdown(text: str) -> str:
    """`text` as literal Markdown text: every character that could start emphasis, code, a link,
    HTML, an entity or a table cell's end written with a backslash (CommonMark lets any ASCII
    punctuation be escaped so)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class ActivitiesReport:
    """The course's activities as the history gave them back: the names in place order, the
    weeks rated (ascending), and a row per name of its rating in each of those weeks (None: not
    rated that week). Names are already safe to show (`activities.clean_name`)."""

    names: tuple[str, ...]
    weeks: tuple[int, ...]
    rows: tuple[tuple[int | None, ...], ...]

    def moved(self) -> list[Moved]:
        """The first rated week against the latest (`activities.moved`)."""
        by_week = {
            week: {
                name: rating
                for name, row in zip(self.names, self.rows, strict=True)
                if (rating := row[n]) is not None
            }
            for n, week in enumerate(self.weeks)
        }
        return moved(by_week)

    @property
    def first_week(self) -> int | None:
        return self.weeks[0] if self.weeks else None

    @property
    def latest_week(self) -> int | None:
        return self.weeks[-1] if len(self.weeks) > 1 else None

    def _so_far(self, at: int) -> str:
        """Activity `at`'s ratings, "3 in week 1, 5 in week 2", or that it has none."""
        given = [
            f"{rating} in week {week}"
            for week, rating in zip(self.weeks, self.rows[at], strict=True)
            if rating is not None
        ]
        return ", ".join(given) if given else "not rated yet"

    def items(self) -> list[tuple[str, str]]:
        """The section as (what, how it moved): a row per activity, then their mean's."""
        first, latest = self.first_week, self.latest_week
        compared = {found.name: found for found in self.moved()}
        items: list[tuple[str, str]] = []
        for at, name in enumerate(self.names):
            found = compared.get(name)
            if found is None or first is None or latest is None:
                ratings = self._so_far(at)
                if latest is not None and ratings != "not rated yet":
                    ratings += f" (not compared: not rated in both week {first} and week {latest})"
                items.append((name, ratings))
            else:
                items.append((name, _against(found, first, latest, one=True)))
        mean = compared.get("")
        if mean is not None and first is not None and latest is not None:
            label = f"Mean of the {len(compared) - 1} compared"
            items.append((label, _against(mean, first, latest, one=False)))
        return items

    def summary(self) -> str:
        """One sentence on what the section can say yet."""
        if not self.weeks:
            return "No activity has been rated yet."
        if self.latest_week is None:
            return (
                f"Rated in week {self.first_week} only: comparing needs a rating in a later "
                "course week."
            )
        return (
            f"The first ratings (week {self.first_week}) against the latest (week "
            f"{self.latest_week}):"
        )

    def lines(self) -> list[str]:
        """The section as lines of plain text."""
        return [
            "Activities",
            self.summary(),
            *(f"  {name}: {how}" for name, how in self.items()),
            SOURCE,
        ]

    def markdown(self) -> str:
        """The section as Markdown: a heading, a table, the source."""
        table = "\n".join(
            f"| {escape_markdown(name)} | {how} |" for name, how in self.items()
        )  # the `how` is lowback's own words and numbers, no outside text
        return (
            f"## Activities\n\n{self.summary()}\n\n"
            f"| Activity | Ratings |\n| --- | --- |\n{table}\n\n{SOURCE}\n"
        )


def _against(found: Moved, first: int, latest: int, *, one: bool) -> str:
    """One activity's (`one`) or the mean's first and latest rating and their change against the
    meaningful change for it: "3 in week 1, 6 in week 3: up 3 points, at least the 3 points that
    are more than rating noise; it may have got easier"."""
    meaningful = MEANINGFUL_CHANGE_ONE if one else MEANINGFUL_CHANGE_MEAN

    def shown(value: float) -> str:
        return f"{value:g}" if one else f"{value:.1f}"

    ratings = f"{shown(found.first)} in week {first}, {shown(found.latest)} in week {latest}"
    difference = found.latest - found.first
    size = abs(difference)
    points = wording.plural(round(size), "point") if one else f"{size:.1f} points"
    noise = f"the {meaningful:g} points that are more than rating noise"
    if found.change is Change.BETTER:
        return f"{ratings}: up {points}, at least {noise}; it may have got easier"
    if found.change is Change.WORSE:
        return f"{ratings}: down {points}, at least {noise}; it may have got harder"
    if round(size, 9) == 0:
        return f"{ratings}: the same"
    way = "up" if difference > 0 else "down"
    return f"{ratings}: {way} {points}, less than {noise}"


def activities_report(
    names: Sequence[str], weeks: Sequence[int], rows: Sequence[Sequence[int | None]]
) -> ActivitiesReport | None:
    """The section of the activities given; None (no section) when none is named."""
    if not names:
        return None
    return ActivitiesReport(tuple(names), tuple(weeks), tuple(tuple(row) for row in rows))
