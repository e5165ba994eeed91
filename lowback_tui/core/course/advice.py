"""What lowback says when the back is not doing well: plain, calm, and never a promise."""

from __future__ import annotations

from lowback_tui.core.course import rules as course

NOT_CARE = (
    "lowback times gentle exercises. It is not medical care, it cannot tell what is wrong with "
    "your back, and it cannot promise to make it better."
)

# The red flags, in two tiers by how soon to act (../shared/exercises.md, "Red flags, by how
# soon to act"): every item of each tier there, in our own words.
GET_HELP_NOW_HEAD = (
    "Do not exercise. Get medical help now (an emergency department, or a doctor the same day) "
    "if your back pain comes with:"
)
GET_HELP_NOW = (
    "numbness, tingling or loss of feeling around your genitals, buttocks or inner thighs (the "
    "parts you would sit on a saddle with)",
    "new trouble passing urine, or not being able to hold in urine or stools",
    "weakness or numbness in both legs",
    "weakness in one leg that keeps getting worse",
    "a bad fall, an accident or a blow just before the pain began",
    "chest pain, or pain that came on suddenly high up between your shoulder blades",
)
URGENT = GET_HELP_NOW
"""The old name of GET_HELP_NOW, kept for plain mode."""

SEE_A_DOCTOR_SOON_HEAD = (
    "See a doctor within a few days, and ask them before you exercise, if your back pain "
    "comes with:"
)
SEE_A_DOCTOR_SOON = (
    "a fever or chills, or feeling unwell in yourself",
    "losing weight without trying to",
    "having had cancer at any time",
    "pain that never lets up, is worse at night, and does not ease when you rest or shift position",
    "a new lump or swelling on your back, or a change in its shape",
    "an immune system weakened by illness or medicine, steroid tablets or injections taken for a "
    "long time, or injecting drugs",
    "back pain that is new to you when you are under about 20 or over about 50",
)

WHILE_EXERCISING = (
    "Stop if the pain turns sharp, runs down a leg, or is clearly worse than when you began. "
    "Pressing ! during a session stops it at once and notes why.",
    "Move gently and only as far as is comfortable today. Mild stiffness is common; "
    "pain that builds is a signal to stop.",
    f"If your back is no better {course.BY_TREND_DAY} (two weeks from the day it began, with "
    "sessions or without), see a doctor or physiotherapist.",
)

SEE_A_DOCTOR_FIRST = (
    "If a doctor has told you not to exercise, or you have had back surgery, are pregnant or "
    "have a condition that affects your bones, ask them before you start."
)

STOPPED_FOR_PAIN = (
    "You stopped because it hurt, and that was right. Rest now in whatever position eases it. "
    "Try again tomorrow more gently, or leave out the exercise that hurt. If the pain is severe, "
    "spreads down a leg, or comes with numbness or weakness, contact a doctor."
)

NOT_IMPROVING = (
    f"{course.BY_TREND_DAY.capitalize()} your back is not getting better: the pain before "
    "sessions has not come down noticeably since its first week. Please see a doctor or "
    "physiotherapist about it."
)
"""Said when trend.not_improving (course.TREND_RULE): from day TREND_DAYS of the course, pain
still worth treating that has not come down by the change people notice (the numbers are in
course.py, and README says them)."""


def safety_sections() -> list[tuple[str, tuple[str, ...]]]:
    """The safety information as (heading, items), in the order to show it; every front end
    shows the same."""
    return [
        (GET_HELP_NOW_HEAD, GET_HELP_NOW),
        (SEE_A_DOCTOR_SOON_HEAD, SEE_A_DOCTOR_SOON),
        ("While you exercise:", WHILE_EXERCISING),
    ]


def pain_line(before: int | None, after: int | None) -> str:
    """The two ratings side by side, or "" when neither was given."""
    if before is None and after is None:
        return ""
    shown = ["–" if value is None else str(value) for value in (before, after)]
    return f"Your back: {shown[0]} before, {shown[1]} after (0 to 10)"


def pain_went_up(before: int | None, after: int | None) -> str:
    """For a back that hurts course.PAIN_JUMP or more points more after a session; else ""."""
    if before is None or after is None or not course.pain_went_up(before, after):
        return ""
    return (
        f"Your back hurts {after - before} points more than before the session. Rest today and "
        "go gently next time; if it stays worse for more than a few days, talk to a doctor or "
        "physiotherapist."
    )
