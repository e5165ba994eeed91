"""The daily reminder's one rule: remind only on a day still to do.

`lowback remind --now` (run each day by the system's scheduler) asks the Trainer, which reads the
course and the rest days from the history and asks this; nothing else decides whether the
reminder speaks.
"""

from __future__ import annotations

from lowback_tui.core import wording
from lowback_tui.core.course.rules import Status


def reminder(status: Status, rested_today: bool, seconds: int) -> str | None:
    """What the reminder says ("Your back routine: about 11 min · day 9 of 21"), or None when it
    stays quiet: today's day of the course is done, or the person chose a rest day today.
    `seconds`: how long a session of today's routine takes."""
    if rested_today or status.done_today:
        return None
    return wording.reminder(seconds, status.day, status.days)
