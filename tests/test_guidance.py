"""What a whole session sounds like: the transcript of cues, under the fake clock."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from lowback_tui.core.guidance import Cue
from lowback_tui.core.plan import Kind, Phase, phases
from lowback_tui.core.routine import Routine
from lowback_tui.core.routine_file import load, loads
from lowback_tui.core.routine_library import resolve
from lowback_tui.core.session import State
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

    def play(self, cues: Sequence[Cue]) -> None:
        assert cues, "an announcer is woken only when there is something to play"
        for cue in cues:
            sound = cue.sound.value if cue.sound else ""
            self.lines.append((round(self.clock.now - START, 6), sound, cue.words))
            self.urgent.append(cue.urgent)

    def hush(self) -> None:
        self.lines.append((round(self.clock.now - START, 6), "hush", ""))
        self.urgent.append(False)


def begin(
    routine: Routine, count: int = 3, settle: bool = False
) -> tuple[SessionRun, FakeClock, Transcript]:
    """A session begun at START; unless `settle`, settling in is ended at once (space) and left
    out of the transcript, which then begins with the first get-ready."""
    clock = FakeClock(START)
    transcript = Transcript(clock)
    run = SessionRun(routine, None, None, clock, transcript, count)
    run.start()
    if not settle and run.settling:
        run.start_now()
        del transcript.lines[0], transcript.urgent[0]
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


def planned(routine: Routine, settle: bool = False) -> list[tuple[float, float, Phase]]:
    """Every phase with the second it starts and ends, if nothing is paused or skipped (and,
    unless `settle`, settling in is ended at once)."""
    out, at = [], 0.0
    for phase in phases(routine):
        if phase.kind is Kind.SETTLE and not settle:
            continue
        out.append((at, at + phase.seconds, phase))
        at += phase.seconds
    return out


BUNDLED = load(resolve("lower-back"))


def test_the_first_exercise_sounds_like_this() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock, until=18.5)
    switch = BUNDLED.timing_for(BUNDLED.exercises[0]).switch_seconds
    assert switch == 3
    assert transcript.lines == [
        (0.0, "", "Knee to chest, lying on your back. Get ready."),
        (2.0, "tick", "3"),
        (3.0, "tick", "2"),
        (4.0, "tick", "1"),
        (5.0, "start", "Left leg, hold, 1 of 5."),
        (7.0, "tick", "3"),
        (8.0, "tick", "2"),
        (9.0, "tick", "1"),
        (10.0, "stop", "Switch sides."),
        (11.0, "tick", "2"),  # a 3 s switch: its own first second is the stop's
        (12.0, "tick", "1"),
        (13.0, "start", "Right leg, hold, 1 of 5."),
        (15.0, "tick", "3"),
        (16.0, "tick", "2"),
        (17.0, "tick", "1"),
        (18.0, "stop", "Switch sides."),
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
    wake_as_a_front_end_does(run, clock, until=6.5)  # 1.5 s into the first hold
    run.pause()
    clock.advance(60)
    run.advance()
    assert transcript.lines[-1] == (6.5, "hush", "")  # nothing while paused, however long
    run.resume()
    wake_as_a_front_end_does(run, clock, until=66.5 + 3.5)
    assert transcript.lines[-4:] == [
        (67.0, "tick", "3"),  # the 3.5 s left at the pause, counted from the resume
        (68.0, "tick", "2"),
        (69.0, "tick", "1"),
        (70.0, "stop", "Switch sides."),
    ]


def test_a_pause_during_the_count_does_not_count_a_second_twice() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock, until=7.5)  # "3" was said at 7.0
    run.pause()
    run.resume()
    wake_as_a_front_end_does(run, clock, until=8.5)
    assert [line[1:] for line in transcript.lines[-3:]] == [("tick", "3"), ("hush", ""),
                                                            ("tick", "2")]  # fmt: skip


def test_a_late_wake_announces_only_the_phase_that_is_on_now() -> None:
    run, clock, transcript = begin(BUNDLED)
    clock.advance(10.4)  # the whole first hold and 0.4 s of the switch passed unseen
    run.advance()
    assert transcript.lines[1:] == [(10.4, "stop", "Switch sides.")]
    clock.advance(2.1)  # 0.5 s left of the switch: "2" is over, "1" is now
    run.advance()
    assert transcript.lines[-1] == (12.5, "tick", "1")


def test_leaving_a_session_says_nothing_more() -> None:
    run, clock, transcript = begin(BUNDLED)
    clock.advance(6)
    run.advance()
    run.leave()
    assert transcript.lines[-1] == (6.0, "hush", "")
    assert run.state is State.FINISHED


def test_it_hurts_stops_at_once_without_a_chime() -> None:
    run, clock, transcript = begin(BUNDLED)
    clock.advance(6)
    run.advance()
    run.stop_for_pain()
    assert transcript.lines[-1] == (6.0, "hush", "")
    assert "finish" not in [line[1] for line in transcript.lines]


def test_skipping_a_hold_ends_the_effort_with_its_sound() -> None:
    run, clock, transcript = begin(BUNDLED)
    clock.advance(6)
    run.advance()
    run.skip()
    assert transcript.lines[-1] == (
        6.0,
        "stop",
        "Opposite arm and leg lift, lying face down. Get ready.",
    )


@pytest.mark.parametrize(("count", "ticks"), [(0, []), (1, ["1"]), (4, ["4", "3", "2", "1"]),
                                              (5, ["4", "3", "2", "1"])])  # fmt: skip
def test_the_count_is_a_setting(count: int, ticks: list[str]) -> None:
    run, clock, transcript = begin(BUNDLED, count=count)
    wake_as_a_front_end_does(run, clock, until=9.9)  # through the first 5 s hold
    hold = [line[2] for line in transcript.lines if line[1] == "tick" and 5 <= line[0] < 10]
    assert hold == ticks


ONE_OF_EACH = loads(
    'name = "R"\n[timing]\nget_ready_seconds = 0\nrest_seconds = 4\n'
    '[[exercise]]\nname = "Bike"\nwork_seconds = 3\nposition = "on your back"\n'
    '[[exercise]]\nname = "Plank"\nhold_seconds = 2\nreps = 2\nsides = "each"\n'
    'side_names = ["left elbow", "right elbow"]\n'
)


def test_announcements_name_the_exercise_when_nothing_else_did() -> None:
    run, clock, transcript = begin(ONE_OF_EACH)
    wake_as_a_front_end_does(run, clock)
    said = [line[2] for line in transcript.lines if line[1] != "tick"]
    assert said == [
        "Bike. Work 3 seconds.",  # no get-ready: the name comes with the effort
        "Rest 4 seconds. Next: Plank.",
        "Plank. Left elbow, hold, 1 of 2.",
        "Relax.",
        "Left elbow, hold, 2 of 2.",
        "Switch sides.",
        "Right elbow, hold, 1 of 2.",
        "Relax.",
        "Right elbow, hold, 2 of 2.",
        "Session done.",
    ]
    assert [line[1] for line in transcript.lines if line[1] != "tick"][:2] == ["start", "stop"]


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


def test_with_no_count_nothing_is_due_before_the_phase_ends() -> None:
    run, clock, _ = begin(BUNDLED, count=0)
    clock.advance(6)
    run.advance()
    assert run.seconds_to_next_cue() == float("inf")  # plain mode sleeps to the phase's end
    run, clock, _ = begin(BUNDLED, count=1)
    clock.advance(6)
    run.advance()
    assert run.seconds_to_next_cue() == 3.0  # "1" at 1 s left of the 5 s hold begun at 5


def test_a_rest_before_a_get_ready_is_not_counted_and_one_before_an_effort_is() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock, until=96.9)  # knee to chest 0-82, rest 82-97
    assert planned(BUNDLED)[20][2].kind is Kind.REST
    assert [line for line in transcript.lines if 82 < line[0] < 97] == []
    run, clock, transcript = begin(ONE_OF_EACH)  # no get-ready: the rest leads into a hold
    wake_as_a_front_end_does(run, clock, until=6.9)  # bike 0-3, rest 3-7
    assert [line[2] for line in transcript.lines if 3 < line[0] < 7] == ["3", "2", "1"]


def test_a_session_begins_by_settling_in_aloud_and_space_goes_on_at_once() -> None:
    run, clock, transcript = begin(BUNDLED, settle=True)
    wake_as_a_front_end_does(run, clock, until=21.5)
    assert transcript.lines[:2] == [
        (0.0, "", "Take your time to get into position: Knee to chest, lying on your back. "
                  "Lie on your back, legs long, arms resting by your sides. "
                  "For this session you need a wall, and a towel or a resistance band."),
        (20.0, "", "Knee to chest, lying on your back. Get ready."),  # no count before it
    ]  # fmt: skip
    run, clock, transcript = begin(BUNDLED, settle=True)
    clock.advance(4)
    run.start_now()
    assert transcript.lines[1] == (4.0, "", "Knee to chest, lying on your back. Get ready.")


def test_a_rest_where_the_level_changes_says_to_take_time() -> None:
    run, clock, transcript = begin(BUNDLED)
    wake_as_a_front_end_does(run, clock)
    rests = [line[2] for line in transcript.lines if line[2].startswith("Rest")]
    assert rests == [
        "Rest 15 seconds. Next: Opposite arm and leg lift, lying face down.",
        "Rest 15 seconds. Next: Lying bicycle, lying on your back.",
        "Rest 20 seconds, and take your time getting up. "
        "Next: Standing hamstring stretch, standing, facing a wall.",
        "Rest 20 seconds, and take your time getting down. "
        "Next: Towel reach and leg lift, lying face down.",
        "Rest 20 seconds, and take your time getting up. Next: Squat with a twist, standing.",
        "Rest 20 seconds, and take your time getting down. "
        "Next: Seated twist, sitting on the floor.",
    ]
