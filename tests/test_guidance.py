"""What a whole session sounds like: the transcript of cues, under the fake clock."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from lowback_tui.core.course import advice
from lowback_tui.core.routine.file import load, loads
from lowback_tui.core.routine.library import resolve
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind, Phase, phases
from lowback_tui.core.session.engine import State
from lowback_tui.core.session.guidance import Cue, Say
from lowback_tui.core.session.speech_time import seconds_to_say
from lowback_tui.core.session_run import SessionRun

from .fake_clock import FakeClock

START = 1000.0
Line = tuple[float, str, str]
"""Seconds into the session, the sound ("" for none, "hush" for a hush) and the words."""


class Transcript:
    """An Announcer that writes down what it is asked to do, and when."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.lines: list[Line] = []
        self.urgent: list[bool] = []
        self.modes: list[Say | None] = []
        """How each line is said (None for a hush)."""

    def play(self, cues: Sequence[Cue]) -> None:
        assert cues, "an announcer is woken only when there is something to play"
        for cue in cues:
            sound = cue.sound.value if cue.sound else ""
            self.lines.append((round(self.clock.now - START, 6), sound, cue.words))
            self.urgent.append(cue.urgent)
            self.modes.append(cue.say)

    def hush(self) -> None:
        self.lines.append((round(self.clock.now - START, 6), "hush", ""))
        self.urgent.append(False)
        self.modes.append(None)


def begin(routine: Routine, count: int = 3) -> tuple[SessionRun, FakeClock, Transcript]:
    """A session begun at START, settling in first as every session does."""
    clock = FakeClock(START)
    transcript = Transcript(clock)
    run = SessionRun(routine, None, None, clock, transcript, count)
    run.start()
    return run, clock, transcript


def wake_as_a_front_end_does(run: SessionRun, clock: FakeClock, until: float = 1e9) -> None:
    """Sleep until the next thing to announce (a phase's end or a count), then advance."""
    for _ in range(10_000):  # a wake that moves nothing on would loop for ever
        if run.state is not State.RUNNING or clock.now >= START + until:
            return
        wait = min(run.view().seconds_left, run.seconds_to_next_cue())
        clock.now = min(clock.now + wait, START + until)
        run.advance()
    raise AssertionError("the session never ended: a count is due without end")


def planned(routine: Routine) -> list[tuple[float, float, Phase]]:
    """Every phase with the second it starts and ends, if nothing is paused or skipped."""
    out, at = [], 0.0
    for phase in phases(routine):
        out.append((at, at + phase.seconds, phase))
        at += phase.seconds
    return out


BUNDLED = load(resolve("lower-back"))
SETTLED = float(BUNDLED.timing.start_seconds)
"""When the first get-ready begins, settling in having run its course."""
SETTLING_IN = (
    "Take your time to get into position: Knee to chest, lying on your back. "
    "Lie on your back, legs long, arms resting by your sides. "
    "For this session you need a wall, and a towel or a resistance band."
)
KNEE_INTRO = (
    "Knee to chest, lying on your back. Lie on your back, legs long, arms resting by your sides."
)


def test_the_first_exercise_sounds_like_this() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock, until=SETTLED + 18.5)
    switch = BUNDLED.timing_for(BUNDLED.exercises[0]).switch_seconds
    assert switch == 3
    at = SETTLED
    assert transcript.lines == [
        (0.0, "", SETTLING_IN),  # settling in leads to a get-ready: nothing counted
        (at, "", "Left leg first."),  # the rest was said while settling in
        (at + 2, "tick", "3"),
        (at + 3, "tick", "2"),
        (at + 4, "tick", "1"),
        (at + 5, "start", "Hold, left leg."),  # short enough to leave the count its "3"
        (at + 7, "tick", "3"),
        (at + 8, "tick", "2"),
        (at + 9, "tick", "1"),
        (at + 10, "stop", "Right."),  # the side next: all of it a 3 s switch has room for
        (at + 11, "tick", "2"),  # a 3 s switch: its own first second is the stop's
        (at + 12, "tick", "1"),
        (at + 13, "start", "Hold, right leg."),
        (at + 15, "tick", "3"),
        (at + 16, "tick", "2"),
        (at + 17, "tick", "1"),
        (at + 18, "stop", "Left."),
    ]


@pytest.mark.parametrize("name", ["lower-back", "gentle-start"])
def test_every_effort_starts_and_ends_with_its_sound_and_the_last_seconds_tick(name: str) -> None:
    routine = load(resolve(name))
    run, clock, transcript = begin(routine)
    wake_as_a_front_end_does(run, clock)
    plan = planned(routine)
    expected: list[Line] = []
    for n, (start, end, phase) in enumerate(plan):
        before = plan[n - 1][2] if n else None
        following = plan[n + 1][2] if n + 1 < len(plan) else None
        if phase.kind.is_active:
            sound = "start"
        elif before is not None and before.kind.is_active:
            sound = "stop"
        else:
            sound = ""
        expected.append((start, sound, transcript.lines[len(expected)][2]))
        counted = phase.kind.is_active or (following is not None and following.kind.is_active)
        if counted:
            expected += [(end - s, "tick", str(s)) for s in (3, 2, 1) if s < phase.seconds]
    expected.append((plan[-1][1], "finish", "Session done."))
    assert transcript.lines == expected
    # Each announcement is the phase's own, said the moment the phase begins.
    announcements = [line for line in transcript.lines if line[1] != "tick"]
    assert [line[0] for line in announcements[:-1]] == [start for start, _, _ in plan]
    urgent = [line[1] != "tick" for line in transcript.lines]
    assert transcript.urgent == urgent  # a count never cuts off an announcement


def test_a_pause_silences_and_the_count_carries_on_after_it() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock, until=SETTLED + 6.5)  # 1.5 s into the first hold
    run.pause()
    clock.advance(60)
    run.advance()
    assert transcript.lines[-1] == (SETTLED + 6.5, "hush", "")  # nothing while paused
    run.resume()
    wake_as_a_front_end_does(run, clock, until=SETTLED + 66.5 + 3.5)
    at = SETTLED + 66.5  # the 3.5 s left at the pause, counted from the resume
    assert transcript.lines[-4:] == [
        (at + 0.5, "tick", "3"),
        (at + 1.5, "tick", "2"),
        (at + 2.5, "tick", "1"),
        (at + 3.5, "stop", "Right."),
    ]


def test_a_pause_during_the_count_does_not_count_a_second_twice() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock, until=SETTLED + 7.5)  # "3" was said
    run.pause()
    run.resume()
    wake_as_a_front_end_does(run, clock, until=SETTLED + 8.5)
    assert [line[1:] for line in transcript.lines[-3:]] == [("tick", "3"), ("hush", ""),
                                                            ("tick", "2")]  # fmt: skip


def test_a_late_wake_announces_only_the_phase_that_is_on_now() -> None:
    run, clock, transcript = begin(BUNDLED)
    clock.advance(SETTLED + 10.4)  # settling in, the get-ready, the first hold passed unseen
    run.advance()
    assert transcript.lines[1:] == [(SETTLED + 10.4, "stop", "Right.")]
    clock.advance(2.1)  # 0.5 s left of the switch: "2" is over, "1" is now
    run.advance()
    assert transcript.lines[-1] == (SETTLED + 12.5, "tick", "1")


def test_a_get_ready_whose_introduction_was_not_heard_says_all_of_it() -> None:
    # Late: the whole rest passed unseen (a slow machine), so its words were never said.
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock, until=SETTLED + 81)  # in the last hold
    clock.advance(17)
    run.advance()
    lift = ("Opposite arm and leg lift, lying face down. "
            "Lie face down, arms past your head, forehead on the floor or a towel.")  # fmt: skip
    assert transcript.lines[-1] == (SETTLED + 98, "", f"{lift} Left arm, right leg.")
    # Space while settling in, before its words were over: they were cut off, unheard.
    run, clock, transcript = begin(BUNDLED)
    clock.advance(4)
    run.start_now()
    assert transcript.lines[-1] == (4.0, "", f"{KNEE_INTRO} Left leg first.")
    # Space once they were said: only what must be said now.
    run, clock, transcript = begin(BUNDLED)
    clock.advance(seconds_to_say(SETTLING_IN))
    run.start_now()
    assert transcript.lines[-1][2] == "Left leg first."


def test_a_rest_cut_short_by_a_pause_is_said_again_as_the_exercise_begins() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock, until=SETTLED + 83)  # 1 s into the first rest
    run.pause()
    run.resume()
    wake_as_a_front_end_does(run, clock, until=SETTLED + 97.5)
    lift = ("Opposite arm and leg lift, lying face down. "
            "Lie face down, arms past your head, forehead on the floor or a towel.")  # fmt: skip
    assert transcript.lines[-1] == (SETTLED + 97, "", f"{lift} Left arm, right leg.")
    run, clock, transcript = begin(BUNDLED)  # heard to its end: the get-ready says the side
    wake_as_a_front_end_does(run, clock, until=SETTLED + 97.5)
    assert transcript.lines[-1] == (SETTLED + 97, "", "Left arm, right leg.")
    assert transcript.lines[-2] == (SETTLED + 82, "stop", f"Rest 15 seconds. Next: {lift}")


def test_leaving_a_session_says_nothing_more() -> None:
    run, clock, transcript = begin(BUNDLED)
    clock.advance(SETTLED + 6)
    run.advance()
    run.leave()
    assert transcript.lines[-1] == (SETTLED + 6, "hush", "")
    assert run.state is State.FINISHED
    run.question_after()
    assert transcript.lines[-1] == (SETTLED + 6, "hush", "")  # the app is going: nothing


def test_it_hurts_stops_at_once_without_a_chime_and_then_asks_aloud() -> None:
    run, clock, transcript = begin(BUNDLED)
    clock.advance(SETTLED + 6)
    run.advance()
    run.stop_for_pain()
    assert transcript.lines[-1] == (SETTLED + 6, "hush", "")
    assert "finish" not in [line[1] for line in transcript.lines]
    assert run.question_after() == "How is your back now?"
    assert [line[2] for line in transcript.lines[-2:]] == [advice.STOPPED_FOR_PAIN,
                                                           "How is your back now?"]  # fmt: skip
    assert transcript.modes[-2:] == [Say.IN_TURN, Say.IN_TURN]


def test_session_done_is_never_cut_off_and_what_follows_is_said_in_turn() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock)
    end = transcript.lines[-1][0]
    assert transcript.lines[-1] == (end, "finish", "Session done.")
    run.leave()  # the countdown goes (the summary comes): "Session done." is not hushed
    assert "hush" not in [line[1] for line in transcript.lines]
    assert run.question_after() == "How is your back now?"
    run.check_in_after(3)
    assert transcript.lines[-3:] == [
        (end, "finish", "Session done."),
        (end, "", "How is your back now?"),
        (end, "", "Your back: – before, 3 after (0 to 10)."),  # the rating before was skipped
    ]
    assert transcript.modes[-3:] == [Say.NOW, Say.IN_TURN, Say.IN_TURN]


def test_skipping_a_hold_ends_the_effort_and_names_all_that_comes() -> None:
    run, clock, transcript = begin(BUNDLED)
    clock.advance(SETTLED + 6)
    run.advance()
    run.skip()  # straight to the next get-ready: the rest that would have introduced it is gone
    assert transcript.lines[-1] == (
        SETTLED + 6,
        "stop",
        "Opposite arm and leg lift, lying face down. "
        "Lie face down, arms past your head, forehead on the floor or a towel. "
        "Left arm, right leg.",
    )


@pytest.mark.parametrize(("count", "ticks"), [(0, []), (1, ["1"]), (4, ["4", "3", "2", "1"]),
                                              (5, ["4", "3", "2", "1"])])  # fmt: skip
def test_the_count_is_a_setting(count: int, ticks: list[str]) -> None:
    run, clock, transcript = begin(BUNDLED, count=count)
    wake_as_a_front_end_does(run, clock, until=SETTLED + 9.9)  # through the first 5 s hold
    hold = [line[2] for line in transcript.lines
            if line[1] == "tick" and SETTLED + 5 <= line[0] < SETTLED + 10]  # fmt: skip
    assert hold == ticks


@pytest.mark.parametrize(("count", "said"), [(0, "Hold, left leg, 1 of 5."), (3, "Hold, left leg."),
                                             (4, "Hold.")])  # fmt: skip
def test_the_longer_the_count_the_shorter_the_words(count: int, said: str) -> None:
    run, clock, transcript = begin(BUNDLED, count=count)
    wake_as_a_front_end_does(run, clock, until=SETTLED + 5)
    assert transcript.lines[-1] == (SETTLED + 5, "start", said)


ONE_OF_EACH = loads(
    'name = "R"\n[timing]\nstart_seconds = 0\nget_ready_seconds = 0\nrest_seconds = 4\n'
    '[[exercise]]\nname = "Bike"\nwork_seconds = 3\nposition = "on your back"\n'
    '[[exercise]]\nname = "Plank"\nhold_seconds = 2\nreps = 2\nsides = "each"\n'
    'side_names = ["left elbow", "right elbow"]\n'
)


def test_announcements_name_the_exercise_when_nothing_else_did() -> None:
    run, clock, transcript = begin(ONE_OF_EACH, count=0)
    wake_as_a_front_end_does(run, clock)
    said = [line[2] for line in transcript.lines if line[1] != "tick"]
    assert said == [
        "Bike, on your back. Work.",  # no get-ready, nothing before: named as it starts
        "Rest 4 seconds. Next: Plank.",  # the rest has room to name it
        "Hold, left elbow.",
        "Relax.",
        "Hold, left elbow.",
        "Switch to the right elbow.",
        "Hold, right elbow.",
        "Relax.",
        "Hold, right elbow.",
        "Session done.",
    ]
    assert [line[1] for line in transcript.lines if line[1] != "tick"][:2] == ["start", "stop"]
    run, clock, transcript = begin(ONE_OF_EACH, count=3)  # a 4 s rest before an effort has 1 s
    wake_as_a_front_end_does(run, clock)
    said = [line[2] for line in transcript.lines if line[1] != "tick"]
    assert said[1:3] == ["Rest 4 seconds.", "Plank. Hold."]


def test_a_run_without_an_announcer_still_works() -> None:
    clock = FakeClock(START)
    run = SessionRun(BUNDLED, None, None, clock)
    run.start()
    assert run.seconds_to_next_cue() == float("inf")  # settling in leads to no effort: no count
    run.start_now()
    assert run.seconds_to_next_cue() == 2.0  # the count is still known: plain mode waits on it
    clock.advance(10_000)
    run.advance()
    assert run.state is State.FINISHED
    assert run.seconds_to_next_cue() == float("inf")
    assert run.question_after() == "How is your back now?"  # nothing to say it through


def test_with_no_count_nothing_is_due_before_the_phase_ends() -> None:
    run, clock, _ = begin(BUNDLED, count=0)
    clock.advance(SETTLED + 6)
    run.advance()
    assert run.seconds_to_next_cue() == float("inf")  # plain mode sleeps to the phase's end
    run, clock, _ = begin(BUNDLED, count=1)
    clock.advance(SETTLED + 6)
    run.advance()
    assert run.seconds_to_next_cue() == 3.0  # "1" at 1 s left of the 5 s hold begun at 5


def test_a_rest_before_a_get_ready_is_not_counted_and_one_before_an_effort_is() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock, until=SETTLED + 96.9)  # knee to chest, rest 82-97
    assert planned(BUNDLED)[21][2].kind is Kind.REST
    assert [line for line in transcript.lines if SETTLED + 82 < line[0] < SETTLED + 97] == []
    run, clock, transcript = begin(ONE_OF_EACH)  # no get-ready: the rest leads into a hold
    wake_as_a_front_end_does(run, clock, until=6.9)  # bike 0-3, rest 3-7
    assert [line[2] for line in transcript.lines if 3 < line[0] < 7] == ["3", "2", "1"]


def test_a_rest_where_the_level_changes_says_to_take_time() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock)
    rests = [line[2].split(" Next: ")[0] for line in transcript.lines if line[2][:4] == "Rest"]
    assert rests == [
        "Rest 15 seconds.",
        "Rest 15 seconds.",
        "Rest 20 seconds, and take your time getting up.",  # to the standing stretch
        "Rest 20 seconds, and take your time getting down.",  # to the floor
        "Rest 20 seconds, and take your time getting up.",
        "Rest 20 seconds, and take your time getting down.",
    ]


def test_the_equipment_is_named_where_it_is_first_needed_and_once() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock)
    needs = [line[2][line[2].index("You need"):] for line in transcript.lines
             if "You need" in line[2]]  # fmt: skip
    assert needs == ["You need a wall.", "You need a towel or a resistance band."]
    assert (
        "For this session you need a wall, and a towel or a resistance band."
        in (transcript.lines[0][2])
    )
