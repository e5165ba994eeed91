"""Loading, checking and writing routine files."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings

from lowback_tui.core.routine.file import MAX_FILE_BYTES, dumps, load, loads
from lowback_tui.core.routine.library import resolve
from lowback_tui.core.routine.model import (
    CUE_MAX,
    DEFAULT_SIDE_NAMES,
    Exercise,
    Level,
    Routine,
    RoutineError,
    Sides,
    Timing,
    level_of,
)

from .conftest import REPO
from .strategies import routines

BUNDLED_ROUTINES = sorted((REPO / "routines").glob("*.toml"))
"""gentle-start.toml, then lower-back.toml."""


def test_bundled_routine_has_the_seven_seed_exercises_at_our_doses(routine: Routine) -> None:
    doses = [(e.id, e.hold_seconds, e.work_seconds, e.reps, e.goal_reps, e.sides)
             for e in routine.exercises]  # fmt: skip
    assert doses == [
        ("knee-to-chest", 5, None, 5, 10, Sides.ALTERNATE),
        ("superman", 5, None, 3, None, Sides.ALTERNATE),
        ("lying-bicycle", None, 30, 1, None, Sides.NONE),
        ("hamstring-stretch", 30, None, 3, None, Sides.ALTERNATE),
        ("superman-reach", 5, None, 3, None, Sides.ALTERNATE),
        ("squat-twist", 5, None, 3, None, Sides.ALTERNATE),
        ("seated-twist", 5, None, 3, None, Sides.ALTERNATE),
    ]
    assert routine.timing == Timing(get_ready_seconds=5, switch_seconds=3, rest_seconds=15)
    assert routine.course_days == 21
    for exercise in routine.exercises:
        assert 2 <= len(exercise.cues) <= 4, exercise.id
        assert exercise.position, exercise.id


def texts(exercise: Exercise) -> list[str]:
    """Every cue of an exercise, general and for each moment."""
    return [*exercise.cues, exercise.get_ready_cue, exercise.effort_cue, exercise.let_go_cue]


@pytest.mark.parametrize("path", BUNDLED_ROUTINES, ids=lambda p: p.name)
def test_bundled_routine_promises_no_cure(path: Path) -> None:
    routine = load(path)
    words = " ".join([routine.name, routine.summary] + [c for e in routine.exercises
                                                        for c in texts(e)]).lower()  # fmt: skip
    for claim in ("cure", "once and for all", "get rid of", "pain-free", "guarantee", "heal"):
        assert claim not in words


@pytest.mark.parametrize("path", BUNDLED_ROUTINES, ids=lambda p: p.name)
def test_every_bundled_exercise_has_a_short_cue_for_each_moment(path: Path) -> None:
    for exercise in load(path).exercises:
        for cue in (exercise.get_ready_cue, exercise.effort_cue, exercise.let_go_cue):
            assert len(cue) <= CUE_MAX, (exercise.id, cue)
            assert re.fullmatch(r"[A-Z][^.?!]*\.", cue), (exercise.id, cue)  # one sentence
        assert 3 <= len(exercise.cues) <= 4, exercise.id  # and a few general tips


@pytest.mark.parametrize("path", BUNDLED_ROUTINES, ids=lambda p: p.name)
def test_the_bundled_routines_give_time_to_change_sides(path: Path) -> None:
    switch = {e.id: e.switch_seconds for e in load(path).exercises}
    assert switch["hamstring-stretch"] == 5  # stand up, the other heel forward
    assert switch["squat-twist"] == 6  # turn back and stand up between turns
    assert switch["seated-twist"] == (8 if path.name == "lower-back.toml" else 6)
    # the lower-back twist uncrosses the legs and crosses them the other way; the gentle one
    # crosses nothing


def test_the_seated_twist_needs_nothing_and_the_reach_lifts_both_arms(routine: Routine) -> None:
    by_id = {e.id: e for e in routine.exercises}
    assert by_id["seated-twist"].equipment == ()
    assert not any("band" in cue for cue in texts(by_id["seated-twist"]))
    reach = by_id["superman-reach"]
    assert reach.side_names == ("left leg", "right leg")  # both arms lift every time
    assert "both arms" in reach.effort_cue


def test_squat_cue_does_not_ask_for_parallel_thighs(routine: Routine) -> None:
    squat = next(e for e in routine.exercises if e.id == "squat-twist")
    assert any("comfortable" in cue for cue in squat.cues)
    assert not any("parallel" in cue for cue in texts(squat))


def test_minimal_routine_gets_defaults() -> None:
    routine = loads('name = "Tiny"\n[[exercise]]\nname = "Knee to chest"\nhold_seconds = 5\n')
    (exercise,) = routine.exercises
    assert exercise.id == "knee-to-chest"
    assert exercise.reps == 1
    assert exercise.sides is Sides.NONE
    assert exercise.side_names == DEFAULT_SIDE_NAMES
    assert routine.timing == Timing()


def test_per_exercise_timing_overrides_the_routine() -> None:
    routine = loads(
        'name = "T"\n[timing]\nrest_seconds = 20\n'
        '[[exercise]]\nname = "A"\nhold_seconds = 5\nrest_seconds = 40\nswitch_seconds = 0\n'
        '[[exercise]]\nname = "B"\nhold_seconds = 5\n'
    )
    first, second = (routine.timing_for(e) for e in routine.exercises)
    assert (first.rest_seconds, first.switch_seconds, first.get_ready_seconds) == (40, 0, 5)
    assert (second.rest_seconds, second.switch_seconds) == (20, 3)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b'\xef\xbb\xbfname = "BOM"\n[[exercise]]\nname = "A"\nwork_seconds = 9\n')
    assert load(path).name == "BOM"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a folder, not a routine file"),
        (lambda p: p.write_bytes(b"#" * (MAX_FILE_BYTES + 1)),
         f"is {MAX_FILE_BYTES + 1:,} bytes; a routine file is far smaller, "
         "is this the right file?"),
    ],
)  # fmt: skip
def test_unreadable_files_get_one_problem(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.toml"
    make(path)
    with pytest.raises(RoutineError) as caught:
        load(path)
    assert [(p.line, p.key, p.message) for p in caught.value.problems] == [(None, "", message)]


def test_syntax_error_at_the_end_of_the_file_names_the_last_line() -> None:
    with pytest.raises(RoutineError) as caught:
        loads('name = "x"\ncues = [1,\n')
    (problem,) = caught.value.problems
    assert problem.line == 3
    assert problem.message.startswith("not valid TOML:")


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    with pytest.raises(RoutineError) as caught:
        loads("x = " + "[" * 100_000)
    assert caught.value.problems[0].message.startswith("not valid")


def test_unknown_key_without_a_close_match_lists_the_known_ones() -> None:
    with pytest.raises(RoutineError) as caught:
        loads('name = "x"\nzzz = 1\n[[exercise]]\nname = "A"\nhold_seconds = 5\n')
    (problem,) = caught.value.problems
    assert problem.message == (
        "unknown key; known keys: format, name, summary, course_days, timing, exercise"
    )


def test_round_trip_of_the_bundled_routine(routine: Routine) -> None:
    assert loads(dumps(routine)) == routine


@settings(max_examples=150, deadline=None)
@given(routines())
def test_round_trip_of_any_routine(routine: Routine) -> None:
    assert loads(dumps(routine)) == routine


def test_source_is_not_part_of_equality(routine: Routine) -> None:
    assert replace(routine, source=None) == routine


OLD_EXERCISE = (
    'name = "Old"\n[[exercise]]\nname = "Knee to chest"\nhold_seconds = 5\n'
    'cues = ["Lie on your back.", "Hug one knee."]\n'
)


def test_an_exercise_without_moment_cues_loads_as_before() -> None:
    (exercise,) = loads(OLD_EXERCISE).exercises
    assert (exercise.get_ready_cue, exercise.effort_cue, exercise.let_go_cue) == ("", "", "")
    assert exercise.cues == ("Lie on your back.", "Hug one knee.")
    written = dumps(loads(OLD_EXERCISE))
    assert "_cue" not in written  # an empty cue is left out, as the file had it


def test_moment_cues_survive_a_round_trip() -> None:
    text = OLD_EXERCISE + (
        'get_ready_cue = "Lie down, legs long."\n'
        'effort_cue = "Hug the knee — gently."\n'
        'let_go_cue = "Lower the leg \\"slowly\\"."\n'
    )
    routine = loads(text)
    (exercise,) = routine.exercises
    assert exercise.get_ready_cue == "Lie down, legs long."
    assert exercise.effort_cue == "Hug the knee — gently."
    assert exercise.let_go_cue == 'Lower the leg "slowly".'
    assert loads(dumps(routine)) == routine
    only_one = replace(routine, exercises=(replace(exercise, get_ready_cue="", let_go_cue=""),))
    assert loads(dumps(only_one)) == only_one
    assert "get_ready_cue" not in dumps(only_one) and "let_go_cue" not in dumps(only_one)


def test_a_new_routine_made_from_the_bundled_one_keeps_its_moment_cues(routine: Routine) -> None:
    from lowback_tui.core.routine import library as routine_library

    path = routine_library.create("bad day", routine)  # what `lowback new` writes
    text = path.read_text(encoding="utf-8")
    for exercise in routine.exercises:
        for key in ("get_ready_cue", "effort_cue", "let_go_cue"):
            assert f'{key} = "{getattr(exercise, key)}"\n' in text, key
    assert load(path).exercises == routine.exercises


@pytest.mark.parametrize(
    ("position", "level"),
    [
        ("lying on your back", Level.FLOOR),
        ("lying face down", Level.FLOOR),
        ("on all fours", Level.FLOOR),
        ("kneeling", Level.FLOOR),
        ("sitting on the floor", Level.FLOOR),
        ("Standing, facing a wall", Level.STANDING),
        ("stand tall", Level.STANDING),
        ("standing, a chair behind you", Level.STANDING),  # the first word that says one
        ("seated", Level.CHAIR),
        ("on a stool", Level.CHAIR),
        ("sitting on a chair or the floor", Level.CHAIR),
        ("sitting", None),  # a chair or the floor?
        ("", None),
        ("understanding", None),  # a whole word, not part of one
        ("outstanding floors", None),
    ],
)
def test_the_level_is_read_from_the_position(position: str, level: Level | None) -> None:
    assert level_of(Exercise(id="a", name="A", hold_seconds=5, position=position)) is level


def test_an_exercise_s_own_level_wins_over_its_position() -> None:
    exercise = Exercise(id="a", name="A", hold_seconds=5, position="standing", level=Level.FLOOR)
    assert level_of(exercise) is Level.FLOOR


def test_the_bundled_routines_say_their_levels() -> None:
    floor, stand, chair = Level.FLOOR, Level.STANDING, Level.CHAIR
    levels = {name: [level_of(e) for e in load(resolve(name)).exercises]
              for name in ("lower-back", "gentle-start")}  # fmt: skip
    assert levels == {
        "lower-back": [floor, floor, floor, stand, floor, stand, floor],
        "gentle-start": [floor, floor, floor, stand, floor, stand, chair],
    }
