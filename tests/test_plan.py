"""The phase sequence of a session and the time estimate built on it."""

from __future__ import annotations

from lowback_tui.core import plan
from lowback_tui.core.plan import Kind, Phase, Side
from lowback_tui.core.routine import Routine
from lowback_tui.core.routine_file import loads


def _routine(exercises: str, timing: str = "") -> Routine:
    return loads(f'name = "T"\n[timing]\n{timing}\n{exercises}')


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


def test_bundled_routine_takes_about_eleven_minutes(routine: Routine) -> None:
    # 7 get-readies (35) + 6 rests (90) + holds 380 + switches: 9 + 5 + 0 + 5 + 5 + 5 + 5, at
    # 3 s each but for the stretch (5 s), the squat (6 s) and the seated twist (8 s)
    assert plan.active_seconds(routine) == 50 + 30 + 30 + 180 + 30 + 30 + 30
    assert plan.total_seconds(routine) == 35 + 90 + 380 + 19 * 3 + 5 * 5 + 5 * 6 + 5 * 8


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
