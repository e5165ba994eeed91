"""The phase sequence of a session and the time estimate built on it."""

from __future__ import annotations

import pytest

from lowback_tui.core.routine import plan
from lowback_tui.core.routine.file import loads
from lowback_tui.core.routine.model import Level, Routine
from lowback_tui.core.routine.plan import Kind, Phase, Side


def _routine(exercises: str, timing: str = "", start: int = 0) -> Routine:
    """A routine of these exercises, settling in for `start` seconds (none unless asked: the
    tests of what follows it are easier to read without)."""
    return loads(f'name = "T"\n[timing]\nstart_seconds = {start}\n{timing}\n{exercises}')


def test_alternate_sides_switch_between_every_hold() -> None:
    routine = _routine('[[exercise]]\nname = "A"\nhold_seconds = 5\nreps = 2\nsides = "alternate"')
    assert list(plan.phases(routine)) == [
        Phase(Kind.GET_READY, 5, 0),
        Phase(Kind.HOLD, 5, 0, 1, Side.LEFT),
        Phase(Kind.SWITCH, 3, 0),
        Phase(Kind.HOLD, 5, 0, 1, Side.RIGHT),
        Phase(Kind.SWITCH, 3, 0),
        Phase(Kind.HOLD, 5, 0, 2, Side.LEFT),
        Phase(Kind.SWITCH, 3, 0),
        Phase(Kind.HOLD, 5, 0, 2, Side.RIGHT),
    ]


def test_each_side_relaxes_between_reps_and_switches_once() -> None:
    routine = _routine('[[exercise]]\nname = "A"\nhold_seconds = 30\nreps = 2\nsides = "each"')
    kinds = [(p.kind, p.side) for p in plan.phases(routine)]
    assert kinds == [
        (Kind.GET_READY, None),
        (Kind.HOLD, Side.LEFT), (Kind.RELAX, None), (Kind.HOLD, Side.LEFT),
        (Kind.SWITCH, None),
        (Kind.HOLD, Side.RIGHT), (Kind.RELAX, None), (Kind.HOLD, Side.RIGHT),
    ]  # fmt: skip


def test_rest_comes_between_exercises_not_after_the_last() -> None:
    routine = _routine(
        '[[exercise]]\nname = "A"\nwork_seconds = 30\n[[exercise]]\nname = "B"\nwork_seconds = 20\n'
    )
    assert [(p.kind, p.exercise) for p in plan.phases(routine)] == [
        (Kind.GET_READY, 0), (Kind.WORK, 0), (Kind.REST, 0), (Kind.GET_READY, 1), (Kind.WORK, 1),
    ]  # fmt: skip


def test_zero_length_phases_are_left_out() -> None:
    routine = _routine(
        '[[exercise]]\nname = "A"\nhold_seconds = 5\nreps = 2\n',
        "get_ready_seconds = 0\nrelax_seconds = 0",
    )
    assert [p.kind for p in plan.phases(routine)] == [Kind.HOLD, Kind.HOLD]


def test_bundled_routine_takes_about_twelve_minutes(routine: Routine) -> None:
    # settling in (20) + 7 get-readies (35) + 6 rests (2 of 15 s, and 4 of 20 s where the level
    # changes: up to the stretch, down to the towel reach, up to the squat, down to the seated
    # twist) + holds 380 + switches: 9 + 5 + 0 + 5 + 5 + 5 + 5, at 3 s each but for the
    # stretch (5 s), the squat (6 s) and the seated twist (8 s)
    assert plan.active_seconds(routine) == 50 + 30 + 30 + 180 + 30 + 30 + 30
    rests = [p.seconds for p in plan.phases(routine) if p.kind is Kind.REST]
    assert rests == [15, 15, 20, 20, 20, 20]
    assert plan.total_seconds(routine) == 20 + 35 + 110 + 380 + 19 * 3 + 5 * 5 + 5 * 6 + 5 * 8


def test_a_switch_and_a_relax_each_take_their_own_time() -> None:
    routine = _routine(
        '[[exercise]]\nname = "A"\nhold_seconds = 5\nreps = 2\nsides = "each"',
        "switch_seconds = 4\nrelax_seconds = 2",
    )
    between = [(p.kind, p.seconds) for p in plan.phases(routine) if not p.kind.is_active]
    assert between == [
        (Kind.GET_READY, 5), (Kind.RELAX, 2), (Kind.SWITCH, 4), (Kind.RELAX, 2),
    ]  # fmt: skip


def test_a_rest_looks_ahead_to_the_next_exercise() -> None:
    rest = Phase(Kind.REST, 15, 2)
    assert plan.focus(rest) == 3
    assert plan.focus(Phase(Kind.HOLD, 5, 2, 1)) == plan.focus(Phase(Kind.GET_READY, 5, 2)) == 2


# ---- settling in, and changes of level ------------------------------------------------------

TWO_LEVELS = (
    '[[exercise]]\nname = "Lie"\nposition = "lying on your back"\nhold_seconds = 5\n'
    '[[exercise]]\nname = "Stand"\nposition = "standing"\nhold_seconds = 5\n'
)


def test_a_session_begins_with_time_to_settle_in_and_the_estimate_counts_it() -> None:
    routine = _routine('[[exercise]]\nname = "A"\nhold_seconds = 5', start=20)
    assert list(plan.phases(routine)) == [
        Phase(Kind.SETTLE, 20, 0), Phase(Kind.GET_READY, 5, 0), Phase(Kind.HOLD, 5, 0, 1),
    ]  # fmt: skip
    assert plan.total_seconds(routine) == 30
    assert plan.active_seconds(routine) == 5


def test_settling_in_is_before_the_exercise_a_session_starts_at_and_only_there() -> None:
    routine = _routine(TWO_LEVELS, "rest_seconds = 15", start=20)
    kinds = [(p.kind, p.exercise) for p in plan.phases(routine, start_at=1)]
    assert kinds == [
        (Kind.GET_READY, 0), (Kind.HOLD, 0), (Kind.REST, 0),
        (Kind.SETTLE, 1), (Kind.GET_READY, 1), (Kind.HOLD, 1),
    ]  # fmt: skip


def test_no_start_seconds_no_settling_in() -> None:
    routine = _routine('[[exercise]]\nname = "A"\nhold_seconds = 5', start=0)
    assert [p.kind for p in plan.phases(routine)] == [Kind.GET_READY, Kind.HOLD]


@pytest.mark.parametrize(("rest", "start", "expected"), [(15, 20, 20), (25, 20, 25), (0, 20, 20),
                                                         (15, 0, 15), (0, 0, 0)])  # fmt: skip
def test_a_change_of_level_makes_the_rest_at_least_the_time_to_settle_in(
    rest: int, start: int, expected: int
) -> None:
    routine = _routine(TWO_LEVELS, f"rest_seconds = {rest}", start=start)
    rests = [p.seconds for p in plan.phases(routine) if p.kind is Kind.REST]
    assert rests == ([expected] if expected else [])
    assert plan.level_change(routine, 0) == (Level.FLOOR, Level.STANDING)
    assert plan.level_change(routine, 1) is None  # nothing after the last


def test_the_same_level_or_an_unknown_one_keeps_the_rest_as_it_is() -> None:
    same = _routine(TWO_LEVELS.replace('"standing"', '"on the floor"'), "rest_seconds = 5", 20)
    unknown = _routine(TWO_LEVELS.replace('"standing"', '"as you like"'), "rest_seconds = 5", 20)
    for routine in (same, unknown):
        assert [p.seconds for p in plan.phases(routine) if p.kind is Kind.REST] == [5]
        assert plan.level_change(routine, 0) is None
    standing = TWO_LEVELS.replace("hold_seconds = 5\n[", 'hold_seconds = 5\nlevel = "standing"\n[')
    own = _routine(standing, "rest_seconds = 5", 20)
    assert own.exercises[0].level is Level.STANDING  # its own level is the one that counts
    assert plan.level_change(own, 0) is None


def test_an_exercise_s_own_rest_is_lengthened_too() -> None:
    no_rest = TWO_LEVELS.replace("hold_seconds = 5\n[", "hold_seconds = 5\nrest_seconds = 0\n[")
    routine = _routine(no_rest, "rest_seconds = 30", 20)
    assert routine.exercises[0].rest_seconds == 0
    assert [p.seconds for p in plan.phases(routine) if p.kind is Kind.REST] == [20]
