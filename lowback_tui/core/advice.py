"""What lowback says when the back is not doing well: plain, calm, and never a promise."""

from __future__ import annotations

from lowback_tui.core import course

NOT_CARE = (
    "lowback times gentle exercises. It is not medical care, it cannot tell what is wrong with "
    "your back, and it cannot promise to make it better."
)

URGENT = (
    "numbness or tingling around your genitals or buttocks",
    "new trouble passing urine, or holding in urine or stools",
    "weakness or numbness in both legs",
    "back pain that began with a fall, an accident or a blow",
    "back pain together with a fever, or with feeling generally unwell",
    "weight loss that you cannot explain",
)

WHILE_EXERCISING = (
    "Stop if the pain turns sharp, runs down a leg, or is clearly worse than when you began. "
    "Pressing ! during a session stops it at once and notes why.",
    "Move gently and only as far as is comfortable today. Mild stiffness is common; "
    "pain that builds is a signal to stop.",
    "If your back is no better after about two weeks of the routine, see a doctor or "
    "physiotherapist.",
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
    "You have done sessions on two weeks' worth of days and your back is not getting better. "
    "Please see a doctor or physiotherapist about it."
)


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
